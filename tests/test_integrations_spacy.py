"""The spaCy components: doc._.quotes equal to extract_quotes (long docs too, read in the same
sections), span._.tone equal to score_article."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin

from tonekit import Quote, extract_quotes, score_article
from tonekit.errors import ComponentOrderError
from tonekit.quotes import trained_pipeline_name
from tonekit.quotes.sections import CONTEXT_CHARS


# single-paragraph articles written for this test: a trained pipeline's parse of them is the
# paragraph parse extract_quotes makes, so the quotes must be identical
PARAGRAPHS = [
    "“We will keep talking until the dispute is settled,” the foreign minister told reporters on Friday.",
    "The spokeswoman said that both governments wanted a quick end to the border closure.",
    "According to a senior official, the talks will resume next month in Geneva.",
    "Ana Ruiz, the trade minister, warned that the tariffs would hurt farmers, and she said “we cannot accept it.”",
]


def _seeds(root: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]


@pytest.fixture(scope="module")
def parsed_nlp():  # type: ignore[no-untyped-def]
    nlp = spacy.load(str(trained_pipeline_name()))
    nlp.add_pipe("tonekit_quotes")
    return nlp


@pytest.mark.parametrize("mode", ["fast", pytest.param("accurate", marks=pytest.mark.parser)])
def test_blank_pipeline_gives_the_quotes_of_extract_quotes(mode: str, root: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_quotes", config={"mode": mode})
    texts = _seeds(root) + PARAGRAPHS
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=3)):  # streams, in batches that cut across articles
        expected = extract_quotes(text, mode=mode)
        assert [span._.quote for span in doc._.quotes] == expected
        for span, quote in zip(doc._.quotes, expected):
            assert (span._.speaker, span._.cue, span._.kind) == (quote.speaker, quote.cue, quote.kind)
            assert span.start_char <= quote.start and quote.end <= span.end_char  # whole tokens around the quote


@pytest.mark.parser
def test_a_parsed_doc_is_not_parsed_again(parsed_nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import tonekit.quotes
    from tonekit.quotes import extract as extract_module, pipeline

    expected = [extract_quotes(text, mode="accurate") for text in PARAGRAPHS]

    def refuse() -> None:
        raise AssertionError("tonekit parsed a doc that the user's pipeline had parsed")

    monkeypatch.setattr(pipeline, "load_trained", refuse)
    monkeypatch.setattr(extract_module, "load_trained", refuse)
    monkeypatch.setattr(tonekit.quotes, "load_trained", refuse)
    docs = list(parsed_nlp.pipe(PARAGRAPHS))
    assert [[span._.quote for span in doc._.quotes] for doc in docs] == expected
    assert sum(len(quotes) for quotes in expected) >= 4
    from tonekit.integrations import QuotesComponent

    fast = QuotesComponent("fast")  # fast mode runs its rules whatever parse the doc has
    assert [[s._.quote for s in fast(doc)._.quotes] for doc in docs] == [extract_quotes(t, mode="fast")
                                                                        for t in PARAGRAPHS]


@pytest.mark.parser
def test_the_users_parse_of_whole_articles_finds_the_same_quotes(parsed_nlp, root: Path) -> None:  # type: ignore[no-untyped-def]
    """A whole-article parse differs from the paragraph parse near paragraph breaks: the same
    quotes, each with the same start, kind, speaker and cue; at most the end of a reported
    clause may differ."""
    same = total = 0
    for text in _seeds(root):
        expected = extract_quotes(text, mode="accurate")
        found = [span._.quote for span in parsed_nlp(text)._.quotes]
        assert [(q.start, q.kind, q.speaker, q.cue) for q in found] == [
            (q.start, q.kind, q.speaker, q.cue) for q in expected]
        same += sum(a == b for a, b in zip(found, expected))
        total += len(expected)
    assert total >= 42 and same >= total - 4  # the seeds hold 42 gold quotes; a report the gold leaves out may add one


def test_tone_component_scores_what_score_article_scores(root: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_quotes", config={"mode": "fast"})
    nlp.add_pipe("tonekit_tone")
    texts = _seeds(root)
    for text, doc in zip(texts, nlp.pipe(texts)):
        _same_tones([span._.tone for span in doc._.quotes], [sq.tone for sq in score_article(text, mode="fast").quotes])
    unframed = spacy.blank("en")
    unframed.add_pipe("tonekit_quotes", config={"mode": "fast"})
    unframed.add_pipe("tonekit_tone", config={"frame": False})
    doc = unframed(texts[0])
    _same_tones([s._.tone for s in doc._.quotes], [sq.tone for sq in score_article(texts[0], mode="fast",
                                                                                  frame=False).quotes])


def _same_tones(found: list, expected: list) -> None:  # type: ignore[type-arg]
    """Equal up to float rounding: a batch of many articles' quotes sums in another order."""
    assert [t.label for t in found] == [t.label for t in expected] and found
    for a, b in zip(found, expected):
        assert a.scores == pytest.approx(b.scores, abs=1e-12) and a.index == pytest.approx(b.index, abs=1e-12)


def test_docs_keep_their_quotes_through_docbin(root: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_quotes", config={"mode": "fast"})
    nlp.add_pipe("tonekit_tone")
    doc = nlp(_seeds(root)[2])
    store = DocBin(store_user_data=True)
    store.add(doc)
    again = next(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab))
    assert [s._.quote for s in again._.quotes] == [s._.quote for s in doc._.quotes]
    assert [s._.tone for s in again._.quotes] == [s._.tone for s in doc._.quotes]


def test_a_doc_without_quotes_has_an_empty_list() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_quotes", config={"mode": "fast"})
    nlp.add_pipe("tonekit_tone")
    assert nlp("The weather was mild on Monday.")._.quotes == []
    assert spacy.blank("en")("No component ran.")._.quotes is None


def test_tone_before_quotes_says_what_to_add() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_tone")
    with pytest.raises(ComponentOrderError, match=r"add nlp.add_pipe\('tonekit_quotes'\) before"):
        nlp("“We agree,” she said.")


@pytest.mark.parametrize("name, config, match", [
    ("tonekit_quotes", {"mode": "quick"}, "'mode' argument of the tonekit_quotes component must be one of"),
    ("tonekit_tone", {"frame": "yes"}, "frame.*is not <class 'bool'>"),  # spaCy checks the type hints
    ("tonekit_tone", {"model": ""}, "'model' argument of the tonekit_tone component must be a non-empty str"),
], ids=["bad-mode", "bad-frame", "empty-model"])
def test_bad_config_is_refused(name: str, config: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        spacy.blank("en").add_pipe(name, config=config)


def test_the_entry_point_registers_the_components_without_an_import() -> None:
    # spaCy itself loads the entry point's module when it builds a pipeline; the script never imports tonekit
    script = ("import sys, spacy\n"
              "assert 'tonekit' not in sys.modules\n"
              "nlp = spacy.blank('en')\n"
              "nlp.add_pipe('tonekit_quotes', config={'mode': 'fast'})\n"
              "doc = nlp('\u201cWe agree,\u201d the minister said.')\n"
              "print([(s.text, s._.speaker) for s in doc._.quotes])\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('We agree', 'the minister')]"


# -- long docs: read in the sections extract_quotes reads them in ------------------------------
# a story written for these tests, retold with other people: speakers named in one paragraph and
# quoted as "she"/"he" in the next, so a section cut between the two needs the section's lead-in
_STORY = [
    "{title} {name} arrived in {city} on {day} for two days of talks on the fishing dispute.",
    "“We came to listen, and we intend to leave with a plan,” {pron} told reporters at the airport.",
    "{Pron} said that the two delegations had already agreed on a timetable for the next round.",
    "Officials from the host ministry were more guarded. According to a senior diplomat, the draft still "
    "contains three clauses on which nobody has moved.",
    "“There is no deal until every clause is settled,” the diplomat said, adding that talks between "
    "the coastguards would continue separately.",
    "Shares in shipping firms closed higher on the news, and ports along the coast reported a rise in bookings.",
    "{name} later warned that patience was running out. “If the boats are stopped again, we will respond "
    "in kind,” {pron} said.",
    "A spokesman for the opposition, {rival}, called the visit “a photo opportunity dressed up as diplomacy.”",
]
_PEOPLE = [("Foreign Minister", "Lena Varga", "she"), ("Trade Secretary", "Tomas Okafor", "he"),
           ("Deputy Prime Minister", "Ines Halvorsen", "she"), ("Ambassador", "Ravi Castellano", "he")]
_RIVALS = ["Marek Dunmore", "Sofia Arenas", "Kwame Lindqvist"]
_CITIES = ["Port Elmar", "Valdoria", "Kessin"]
_DAYS = ["Monday", "Wednesday", "Friday", "Sunday"]
STORY_PARAGRAPHS = [paragraph.format(title=title, name=name, pron=pron, Pron=pron.capitalize(), rival=_RIVALS[n % 3],
                                     city=_CITIES[n % 3], day=_DAYS[n % 4])
                    for n, (title, name, pron) in enumerate(_PEOPLE) for paragraph in _STORY]
SECTION = 3_700  # these tests cut here: a few sections, some between a name and its "she" (checked)


_CALM = ["The harbour was quiet through the afternoon, and the ferries ran to their timetable.",
         "Rain moved in from the west after dark, and the roads along the coast were closed for a while.",
         "Prices at the fish market held steady for a third week, traders at the stalls reported."]
# a negotiator named in full, then quoted by surname alone more than a section later: sections
# look names up in the section and its lead-in only, so the speaker is "Brenner" (read whole,
# the article would give "Odile Brenner"); the component must say the same as extract_quotes
DISTANT_NAME = "\n".join(["Chief negotiator Odile Brenner of Norway opened the session."]
                         + [_CALM[n % 3] for n in range(60)]
                         + ["“We will not sign anything this week,” Brenner said."])


def long_story(chars: int) -> str:
    """:data:`DISTANT_NAME`, then the story paragraphs in turn, one a line, until the text is
    ``chars`` long."""
    paragraphs = [DISTANT_NAME]
    while sum(len(p) + 1 for p in paragraphs) < chars:
        paragraphs.append(STORY_PARAGRAPHS[len(paragraphs) % len(STORY_PARAGRAPHS)])
    return "\n".join(paragraphs)


def _distant_speaker(quotes: list[Quote]) -> str | None:
    return next(q.speaker for q in quotes if q.text == "We will not sign anything this week")


@contextlib.contextmanager
def section_size(size: int) -> Iterator[None]:
    """extract_quotes and the component cut at ``size`` characters: each reads the size from its
    own module at call time (hypothesis cannot take monkeypatch)."""
    from tonekit.quotes import sections as sections_module

    old = sections_module.SECTION_CHARS
    sections_module.SECTION_CHARS = size
    try:
        yield
    finally:
        sections_module.SECTION_CHARS = old


def _pieces(text: str, size: int) -> list:  # type: ignore[type-arg]
    from tonekit.quotes.marks import QuoteIndex, find_quoted_spans
    from tonekit.quotes.sections import sections

    return sections(text, QuoteIndex(find_quoted_spans(text)), size=size)


def _resolved_across_a_cut(text: str, quotes: list[Quote], size: int) -> int:
    """Quotes whose "he"/"she" resolves to a name said only in their section's lead-in."""
    pieces = _pieces(text, size)
    count = 0
    for q in quotes:
        piece = next(p for p in reversed(pieces) if p.start + p.keep <= q.start)
        mention = text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else ""
        own = text[piece.start + piece.keep:q.start]
        if mention.lower() in ("he", "she") and q.speaker and q.speaker not in own and piece.keep:
            count += 1
    return count


def _parsed_by_paragraph(text: str) -> Doc:
    """The doc a user's pipeline that parses paragraph by paragraph (``nlp.pipe``, then
    ``Doc.from_docs``) makes: within each paragraph, exactly the parse tonekit makes."""
    from tonekit.quotes import load_trained
    from tonekit.quotes.marks import paragraph_spans

    nlp = load_trained()
    parts, done = [], 0
    for lo, hi in paragraph_spans(text):
        if lo > done:
            parts.append(nlp.make_doc(text[done:lo]))
        parts.append(nlp(text[lo:hi]))
        done = hi
    if done < len(text):
        parts.append(nlp.make_doc(text[done:]))
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
    assert doc.text == text
    return doc


def _component_quotes(doc: Doc, mode: str = "auto") -> list[Quote]:
    from tonekit.integrations import QuotesComponent

    spans = QuotesComponent(mode)(doc)._.quotes
    for span, quote in zip(spans, [s._.quote for s in spans]):
        assert doc.text[quote.start:quote.end] == quote.text
        assert span.start_char <= quote.start and quote.end <= span.end_char
    return [span._.quote for span in spans]


@pytest.mark.parametrize("mode", ["fast", pytest.param("accurate", marks=pytest.mark.parser)])
def test_a_long_unparsed_doc_gives_the_quotes_of_extract_quotes(mode: str) -> None:
    text = long_story(4 * SECTION)
    with section_size(SECTION):
        expected = extract_quotes(text, mode=mode)
        nlp = spacy.blank("en")
        nlp.add_pipe("tonekit_quotes", config={"mode": mode})
        found = [span._.quote for span in nlp(text)._.quotes]
    assert found == expected  # spans, speakers, confidence, role and country
    assert len(_pieces(text, SECTION)) >= 4 and len(expected) >= 60 and _distant_speaker(found) == "Brenner"
    assert _resolved_across_a_cut(text, expected, SECTION) >= 1


def test_a_doc_over_the_real_section_size_gives_the_quotes_of_extract_quotes() -> None:
    from tonekit.quotes.sections import SECTION_CHARS

    text = long_story(int(2.5 * SECTION_CHARS))  # the distant name is within the first section here
    nlp = spacy.blank("en")
    nlp.add_pipe("tonekit_quotes", config={"mode": "fast"})
    nlp.add_pipe("tonekit_tone")
    doc = nlp(text)
    articles = score_article(text, mode="fast")
    assert [span._.quote for span in doc._.quotes] == [sq.quote for sq in articles.quotes]
    _same_tones([span._.tone for span in doc._.quotes], [sq.tone for sq in articles.quotes])
    assert len(_pieces(text, SECTION_CHARS)) == 3


@pytest.mark.parser
def test_a_long_parsed_doc_is_read_in_sections_without_parsing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A doc parsed as tonekit parses paragraphs gives exactly extract_quotes's quotes, read in
    sections of bounded length, and tonekit parses nothing."""
    import tonekit.quotes
    from tonekit.quotes import extract as extract_module, pipeline

    text = long_story(4 * SECTION)
    doc = _parsed_by_paragraph(text)
    with section_size(SECTION):
        expected = extract_quotes(text, mode="accurate")
        read: list[int] = []
        quotes_from_docs = tonekit.quotes.quotes_from_docs

        def spy(text: str, *args: Any) -> list[Quote]:
            read.append(len(text))
            return quotes_from_docs(text, *args)

        def refuse() -> None:
            raise AssertionError("tonekit parsed a doc that the user's pipeline had parsed")

        monkeypatch.setattr(tonekit.quotes, "quotes_from_docs", spy)
        for module in (pipeline, extract_module, tonekit.quotes):
            monkeypatch.setattr(module, "load_trained", refuse)
        found = _component_quotes(doc, "accurate")
    assert found == expected and _distant_speaker(found) == "Brenner"
    assert len(read) >= 4 and max(read) <= SECTION + CONTEXT_CHARS
    assert _resolved_across_a_cut(text, expected, SECTION) >= 1


@pytest.mark.parser
def test_the_users_parse_of_a_long_article_finds_the_same_quotes(parsed_nlp) -> None:  # type: ignore[no-untyped-def]
    """A whole-doc parse by the user's pipeline (NER and all), read in sections."""
    text = long_story(3 * SECTION)
    with section_size(SECTION):
        expected = extract_quotes(text, mode="accurate")
        found = [span._.quote for span in parsed_nlp(text)._.quotes]
    assert [(q.start, q.kind, q.speaker, q.cue) for q in found] == [(q.start, q.kind, q.speaker, q.cue)
                                                                    for q in expected]


_GLUES = st.sampled_from(["\n", " ", "\n\n"])
_STORIES = st.lists(st.sampled_from(STORY_PARAGRAPHS + PARAGRAPHS + [DISTANT_NAME]), min_size=1, max_size=30)


@settings(max_examples=15, deadline=None)
@given(paragraphs=_STORIES, glue=_GLUES, size=st.integers(1_000, 5_000))
def test_component_spans_slice_the_doc_and_match_extract_quotes(paragraphs: list[str], glue: str, size: int) -> None:
    text = glue.join(paragraphs)
    with section_size(size):
        assert _component_quotes(spacy.blank("en").make_doc(text), "fast") == extract_quotes(text, mode="fast")


@pytest.mark.parser
@settings(max_examples=4, deadline=None)
@given(paragraphs=_STORIES, glue=_GLUES, size=st.integers(1_500, 5_000))
def test_a_parsed_doc_matches_extract_quotes_in_any_sections(paragraphs: list[str], glue: str, size: int) -> None:
    text = glue.join(paragraphs)
    with section_size(size):
        assert _component_quotes(_parsed_by_paragraph(text), "accurate") == extract_quotes(text, mode="accurate")


@pytest.mark.parser
def test_over_max_length_the_components_run_on_a_doc_from_make_doc(parsed_nlp) -> None:  # type: ignore[no-untyped-def]
    """spaCy refuses a text over nlp.max_length before any component runs; with the limit raised,
    the components alone on ``nlp.make_doc(text)`` give extract_quotes's quotes (tonekit parses)."""
    text = long_story(3 * SECTION)
    old = parsed_nlp.max_length
    parsed_nlp.max_length = len(text) - 1
    try:
        with pytest.raises(ValueError, match=r"\[E088\]"):
            parsed_nlp(text)
        parsed_nlp.max_length = len(text)
        with section_size(SECTION):
            found = [span._.quote for span in parsed_nlp.get_pipe("tonekit_quotes")(parsed_nlp.make_doc(text))._.quotes]
            assert found == extract_quotes(text, mode="accurate")
    finally:
        parsed_nlp.max_length = old


@pytest.mark.parser
def test_a_paragraph_whose_edge_falls_inside_a_token_is_parsed_by_tonekit(monkeypatch: pytest.MonkeyPatch) -> None:
    import tonekit.quotes

    text = "\n".join(STORY_PARAGRAPHS[:4])
    doc = _parsed_by_paragraph(text)
    cut = len(STORY_PARAGRAPHS[0])  # the newline after the first paragraph: merged with its neighbours
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc.char_span(cut - 1, cut + 2, alignment_mode="expand"))
    parsed: list[str] = []
    load_trained = tonekit.quotes.load_trained

    def counting() -> Any:
        nlp = load_trained()
        return lambda paragraph: parsed.append(paragraph) or nlp(paragraph)

    monkeypatch.setattr(tonekit.quotes, "load_trained", counting)
    assert _component_quotes(doc, "accurate") == extract_quotes(text, mode="accurate")
    assert parsed == STORY_PARAGRAPHS[:2]  # the two paragraphs that token straddles; the others are copied
