"""tonekit as spaCy pipeline components: ``nlp.add_pipe("tonekit_quotes")`` and ``"tonekit_tone"``.

``tonekit_quotes`` sets ``doc._.quotes``: one ``Span`` per quote (direct or reported), with
``span._.speaker``, ``._.cue``, ``._.kind`` and ``._.quote`` (the :class:`~tonekit.Quote`, whose
``start``/``end`` are exact; a span covers whole tokens). ``tonekit_tone``, after it, sets
``span._.tone`` (a :class:`~tonekit.ToneScore`, the quote scored in its frame as
:func:`tonekit.score_article` does).

When the doc already has a dependency parse, tags and lemmas (a trained English pipeline such
as ``en_core_web_sm`` ran before) and ``mode`` is "auto" or "accurate", ``tonekit_quotes``
reuses it paragraph by paragraph instead of parsing again ("fast" always runs the rules). That parse saw the whole article, so near paragraph breaks it can differ from
the paragraph-by-paragraph parse :func:`tonekit.extract_quotes` makes, and so can a quote's
extent. Without a parse (``spacy.blank("en")``), tonekit parses the text itself (``mode``) and
the quotes are exactly those of ``extract_quotes``.

Long docs cost time and memory linear in their length, as ``extract_quotes`` does: a text over
:data:`~tonekit.quotes.sections.SECTION_CHARS` is read in the same sections, each with its
lead-in (:mod:`tonekit.quotes.sections`), whether tonekit parses it or the doc's own parse is
reused (then each paragraph of a section is copied out of the doc, analysed and freed, one at a
time). spaCy itself refuses ``nlp(text)`` over ``nlp.max_length`` (1,000,000 characters) before
any component runs, to spare its parser (about 3 KB of memory per character); the component has
no limit of its own. For a longer text, raise ``nlp.max_length`` on a pipeline that does not
parse (``spacy.blank("en")``, or the components alone: ``nlp.make_doc(text)`` then
``nlp.get_pipe("tonekit_quotes")(doc)``): tonekit then parses it in bounded batches.

The components are registered by the ``spacy_factories`` entry point, so ``add_pipe`` works
without importing tonekit; the values they set are plain data in ``doc.user_data`` (read
through getters), so docs still serialise (``DocBin(store_user_data=True)``).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import _checks
from ..errors import ComponentOrderError
from ..quotes import MODES, Quote

__all__ = ["QuotesComponent", "ToneComponent", "make_quotes_component", "make_tone_component", "has_parse"]

_QUOTE_DATA = "tonekit_quote_data"  # per span: the Quote as a dict
_TONE_DATA = "tonekit_tone_data"  # per span: label, labels, probabilities, index
_SPANS = "tonekit_quote_spans"  # per doc: token (start, end) of every quote span
_NEEDS = ("DEP", "TAG", "POS", "LEMMA")  # what accurate mode reads from a parse
_COPIED = [TAG, POS, MORPH, LEMMA, NORM, HEAD, DEP, SENT_START]  # what a paragraph's copy keeps of it


def _batches(stream: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    docs = iter(stream)
    while batch := list(itertools.islice(docs, size)):
        yield batch


_QUOTE_FIELDS = frozenset(f.name for f in dataclasses.fields(Quote))  # to_dict adds the derived speaker_id


def _quote(span: Span) -> Quote | None:
    data = span._.get(_QUOTE_DATA)
    return None if data is None else Quote(**{k: v for k, v in data.items() if k in _QUOTE_FIELDS})


def _field(name: str) -> Any:
    def get(span: Span) -> Any:
        data = span._.get(_QUOTE_DATA)
        return None if data is None else data.get(name)
    return get


def _tone(span: Span) -> Any:
    from ..tone import ToneScore

    data = span._.get(_TONE_DATA)
    if data is None:
        return None
    return ToneScore(data["label"], tuple(data["labels"]), list(data["probabilities"]), data["index"])


def _quotes(doc: Doc) -> list[Span] | None:
    bounds = doc._.get(_SPANS)
    return None if bounds is None else [doc[start:end] for start, end in bounds]


def _register_extensions() -> None:
    """The extensions the components set (once per process; another library's same names win)."""
    for name in (_QUOTE_DATA, _TONE_DATA):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension(_SPANS):
        Doc.set_extension(_SPANS, default=None)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=_quotes)
    getters = {"quote": _quote, "speaker": _field("speaker"), "cue": _field("cue"), "kind": _field("kind"),
               "tone": _tone}
    for name, getter in getters.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


def has_parse(doc: Doc) -> bool:
    """Whether ``doc`` carries what accurate extraction reads: dependencies, tags and lemmas."""
    return all(doc.has_annotation(attr) for attr in _NEEDS)


class QuotesComponent:
    """Finds the quotes of each doc and sets ``doc._.quotes`` (see the module docstring)."""

    def __init__(self, mode: str = "auto") -> None:
        self.mode = _checks.one_of(mode, MODES, "mode", "the tonekit_quotes component")
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate([doc])[0]

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in batches: the texts of unparsed docs are parsed together in one stream."""
        for batch in _batches(stream, batch_size):
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        from ..quotes import extract_quotes_batch

        unparsed = [i for i, doc in enumerate(docs) if self.mode == "fast" or not has_parse(doc)]
        found: dict[int, list[Quote]] = {}
        if unparsed:
            texts = [docs[i].text for i in unparsed]
            found.update(zip(unparsed, extract_quotes_batch(texts, mode=self.mode)))
        for i, doc in enumerate(docs):
            quotes = found[i] if i in found else _from_parse(doc)
            _set_quotes(doc, quotes)
        return docs


def _from_parse(doc: Doc) -> list[Quote]:
    """Accurate extraction on the doc's own parse, in the sections :func:`tonekit.extract_quotes`
    cuts the text into, each section's paragraphs copied out of the doc (what the analysers
    read) one at a time; a paragraph whose edges fall inside a token is parsed by tonekit."""
    from ..quotes import article_sections, in_article, plan_paragraphs, quotes_from_docs

    text = doc.text
    rows = doc.to_array(_COPIED)  # once (8 numbers a token): Span.as_doc copies the whole doc per paragraph
    found: list[Quote] = []
    for piece in article_sections(text):
        quotes, chunks = plan_paragraphs(piece.text)
        docs = (_paragraph(doc, rows, piece.start + lo, piece.text[lo:hi]) for lo, hi in chunks)
        found.extend(in_article(piece, quotes_from_docs(piece.text, quotes, chunks, docs, "accurate")))
    return found


def _paragraph(doc: Doc, rows: Any, start: int, text: str) -> Doc:
    """A doc of ``doc``'s tokens from ``start`` holding ``text``, with its tags, lemmas and parse
    (``rows``: ``doc.to_array(_COPIED)``); heads outside it are rewired as ``Span.as_doc`` does.
    Its cost is the paragraph's, not the doc's (``as_doc`` also walks every entity of the doc)."""
    from ..quotes import load_trained

    span = doc.char_span(start, start + len(text))
    if span is not None:
        sub = Doc(doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
        if sub.text == text:
            # spaCy's own rewiring of Span.as_doc: a head outside the paragraph becomes an ancestor inside it
            own = span._fix_dep_copy(_COPIED, rows[span.start:span.end].copy())  # type: ignore[attr-defined]
            sub.from_array(_COPIED, own)
            return sub
    return load_trained()(text)


def _set_quotes(doc: Doc, quotes: Sequence[Quote]) -> None:
    bounds = []
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:  # pragma: no cover - a quote is always inside the text
            continue
        span._.set(_QUOTE_DATA, quote.to_dict())
        bounds.append((span.start, span.end))
    doc._.set(_SPANS, bounds)


class ToneComponent:
    """Scores every quote ``tonekit_quotes`` found and sets ``span._.tone``."""

    def __init__(self, model: str | None = None, frame: bool = True) -> None:
        if model is not None:
            _checks.non_empty_str(model, "model", "the tonekit_tone component")
        if not isinstance(frame, bool):
            _checks.invalid("the tonekit_tone component", "frame", "a bool", frame)
        self.model_path = model
        self.frame = frame
        self._model: Any = None
        _register_extensions()

    @property
    def model(self) -> Any:
        """The tone model, loaded on first use (``model``: a model folder; None: the default)."""
        if self._model is None:
            from ..tone import default_model, load_model
            self._model = default_model() if self.model_path is None else load_model(self.model_path)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        return self._score([doc])[0]

    def pipe(self, stream: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Docs in batches: the quotes of a whole batch are scored in one vectorised call."""
        for batch in _batches(stream, batch_size):
            yield from self._score(batch)

    def _score(self, docs: list[Doc]) -> list[Doc]:
        from ..quotes import frame_text

        spans: list[Span] = []
        texts: list[str] = []
        for doc in docs:
            quotes = doc._.quotes
            if quotes is None:
                raise ComponentOrderError("tonekit_tone scores the quotes that tonekit_quotes finds, and this doc has "
                                          "none set: add nlp.add_pipe('tonekit_quotes') before "
                                          "nlp.add_pipe('tonekit_tone')")
            article = doc.text if quotes and self.frame else ""  # once: Doc.text joins every token
            for span in quotes:
                quote = span._.quote
                if quote is None or not quote.text.strip():
                    continue
                spans.append(span)
                texts.append(frame_text(article, quote) if self.frame else quote.text)
        if texts:
            model = self.model
            for span, tone in zip(spans, model.score(texts)):
                span._.set(_TONE_DATA, {"label": tone.label, "labels": list(model.labels),
                                        "probabilities": [tone.scores[label] for label in model.labels],
                                        "index": tone.index})
        return docs


@Language.factory("tonekit_quotes", default_config={"mode": "auto"},
                  assigns=["doc._.quotes", "span._.speaker", "span._.cue", "span._.kind", "span._.quote"])
def make_quotes_component(nlp: Language, name: str, mode: str) -> QuotesComponent:
    """``nlp.add_pipe("tonekit_quotes", config={"mode": "auto"})``: see :class:`QuotesComponent`."""
    return QuotesComponent(mode)


@Language.factory("tonekit_tone", default_config={"model": None, "frame": True}, assigns=["span._.tone"],
                  requires=["doc._.quotes"])
def make_tone_component(nlp: Language, name: str, model: str | None, frame: bool) -> ToneComponent:
    """``nlp.add_pipe("tonekit_tone", config={"model": None, "frame": True})``: see :class:`ToneComponent`."""
    return ToneComponent(model, frame)
