"""``extract_quotes``: every direct and reported statement of an article, with its speaker.

The steps, each in its own module: pair quotation marks (:mod:`.marks`); pick the paragraphs
that hold a quotation mark or a reporting cue (:mod:`.lexicon`) and run spaCy on those only
(:mod:`.pipeline`); find cues, speaker mentions and reported speech in them (:mod:`.accurate`
from the dependency parse, or :mod:`.fast` by rules); settle overlaps (here); resolve speakers in
reading order (:mod:`.speakers`).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InvalidModeError
from ._doc import release
from .accurate import analyse_accurate
from .fast import analyse_fast
from .lexicon import PRONOUNS, cue_pattern, speaker_heads
from .marks import QUOTE_CHARS, QuotedSpan, QuoteIndex, find_quoted_spans, paragraph_spans
from .pipeline import load_blank, load_trained, parse_stream, trained_pipeline_name
from .quote import Attribution, Candidate, Quote
from .sections import Section, article_sections, cut_point, in_article
from .speakers import paragraph_opened_by, to_quotes
from .turns import label_turns, overlay_turns

__all__ = ["extract_quotes", "extract_quotes_batch", "MODES", "resolve_mode", "plan_paragraphs", "quotes_from_docs"]

logger = logging.getLogger(__name__)

MODES = ("auto", "accurate", "fast")
_MAX_CHUNK = 20_000  # characters of one paragraph handed to spaCy at a time
_QUOTE_FILLS_REPORT = 0.95  # a quotation this much of a reported clause is the statement itself
_SCARE_CUE = re.compile(
    r"(?:so-called|dubbed|termed|called|titled|entitled|known\s+as|nicknamed|labell?ed|branded|the\s+words?|the\s+term|the\s+phrase|"
    r"book|film|movie|song|album|novel|report|article|column|headline|slogan|hashtag|programme|program|operation|initiative)\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_warned_fallback = False


def resolve_mode(mode: str) -> str:
    """"auto" becomes "accurate" when a trained pipeline is installed, else "fast" (warned once)."""
    global _warned_fallback
    if mode not in MODES:
        raise InvalidModeError(f"mode must be one of {', '.join(repr(m) for m in MODES)}; got {mode!r}")
    if mode != "auto":
        return mode
    if trained_pipeline_name() is not None:
        return "accurate"
    if not _warned_fallback:
        logger.warning(
            "no trained spaCy pipeline installed; using fast mode (direct quotes and simple "
            "'X said that' frames). Install one with `pip install 'tonekit[parser]'`."
        )
        _warned_fallback = True
    return "fast"


def extract_quotes(text: str, *, mode: str = "auto") -> list[Quote]:
    """Direct and indirect quotes of ``text``, sorted by start and never overlapping.

    ``mode`` is "accurate" (trained spaCy pipeline: its dependency parse), "fast" (no trained model:
    quotation marks, rules and simple "X said that" frames) or "auto" (accurate when installed).
    """
    _check_text(text)
    return extract_quotes_batch([text], mode=mode)[0]


def _check_text(text: object, position: int | None = None) -> None:
    if not isinstance(text, str):
        where = "" if position is None else f" (item {position})"
        raise TypeError(f"extract_quotes() takes the article as a str{where}; got {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))


def extract_quotes_batch(texts: Sequence[str], *, mode: str = "auto") -> list[list[Quote]]:
    """:func:`extract_quotes` of many articles, parsing all their paragraphs in one
    ``nlp.pipe`` stream (larger batches keep the parser busier); same result per article.

    An article longer than :data:`~tonekit.quotes.sections.SECTION_CHARS` is extracted section by
    section (:mod:`.sections`), so time and memory stay linear in its length."""
    for position, text in enumerate(texts):
        _check_text(text, position)
    resolved = resolve_mode(mode)
    nlp = load_trained() if resolved == "accurate" else load_blank()
    owners: list[int] = []  # the article each piece belongs to
    pieces: list[Section] = []
    for n, text in enumerate(texts):
        whole = article_sections(text)
        owners.extend([n] * len(whole))
        pieces.extend(whole)
    results: list[list[Quote]] = [[] for _ in texts]
    for n, piece, quotes in zip(owners, pieces, _extract_pieces([p.text for p in pieces], nlp, resolved)):
        results[n].extend(in_article(piece, quotes))
    return results


def _extract_pieces(texts: list[str], nlp: Language, mode: str) -> list[list[Quote]]:
    """The quotes of texts of bounded length (whole articles, or sections of a long one), their
    paragraphs parsed in one stream."""
    prepared = [plan_paragraphs(text) for text in texts]
    docs = parse_stream(nlp, (text[lo:hi] for text, (_, chunks) in zip(texts, prepared) for lo, hi in chunks))
    return [quotes_from_docs(text, quotes, chunks, docs, mode) for text, (quotes, chunks) in zip(texts, prepared)]


def plan_paragraphs(text: str) -> tuple[QuoteIndex, list[tuple[int, int]]]:
    """The quoted spans of ``text`` and the (start, end) of each paragraph worth parsing (one
    with a quotation mark or a reporting cue; a very long one cut in pieces): what
    :func:`quotes_from_docs` needs a Doc of."""
    if not text.strip():
        return QuoteIndex([]), []
    quotes = QuoteIndex(find_quoted_spans(text))
    return quotes, [c for c in _chunks(text, quotes) if _worth_parsing(text, *c)]


def quotes_from_docs(text: str, quotes: QuoteIndex, chunks: Sequence[tuple[int, int]], docs: Iterator[Doc],
                     mode: str) -> list[Quote]:
    """The quotes of ``text`` from a spaCy ``Doc`` of each of its ``chunks`` (taken from
    ``docs`` in order: the trained pipeline's for "accurate", the blank one's for "fast").
    Parsing is the caller's: :func:`extract_quotes_batch` streams the paragraphs of many
    articles, and the spaCy component reuses the parse of the user's own pipeline."""
    if not text.strip():
        return []
    analyse = analyse_accurate if mode == "accurate" else analyse_fast
    direct_att: dict[int, Attribution] = {}
    indirect: list[Candidate] = []
    for (lo, _), doc in zip(chunks, docs):
        found, cands = analyse(doc, lo, quotes)
        release(doc)  # the analysers' cached views of the doc: free it as soon as it is read
        for n, att in found.items():
            direct_att.setdefault(n, att)
        indirect.extend(cands)
    indirect = [_cover_quotes(text, c, quotes) for c in indirect]
    candidates = _direct_candidates(text, quotes.spans, direct_att) + indirect
    turns = label_turns(text, paragraph_spans(text))
    return to_quotes(text, overlay_turns(_settle(text, candidates), turns), quotes)


def _cover_quotes(text: str, c: Candidate, quotes: QuoteIndex) -> Candidate:
    """Reported speech never cuts a quotation in two: widen it to the quotation's marks."""
    start, end = c.start, c.end
    q = quotes.containing(end - 1)
    if q is not None and q.open_at >= start and end <= q.close_at:
        end = q.close_end
    q = quotes.containing(start)
    if q is not None and q.open_at < start and q.close_at < end:
        start = q.open_at
    # "she has the quality for the job: “Steadiness ...”": a quotation the clause announces with
    # a colon belongs to it
    after = quotes.first_open_in(end, end + 4)
    if after is not None and text[end:after].strip() == ":":
        end = quotes.containing(after).close_end  # type: ignore[union-attr]
    while 0 < end < len(text) - 1 and text[end] == "-" and text[end - 1].isalnum() and text[end + 1].isalnum():
        word = _WORD.match(text, end + 1)  # "will co" of "co-ordinate": never cut a word at its hyphen
        end = word.end() if word else end + 1
    if (start, end) == (c.start, c.end):
        return c
    return Candidate(start, end, c.kind, c.attribution, c.inherit)


def _chunks(text: str, quotes: QuoteIndex) -> list[tuple[int, int]]:
    """Paragraphs, with very long ones cut at sentence ends outside quotations
    (:func:`.sections.cut_point`), so spaCy never sees a huge text. A quotation cut in two keeps
    its attribution: the quoted spans are those of the whole text, whatever chunk holds a mark."""
    out = []
    for lo, hi in paragraph_spans(text):
        while hi - lo > _MAX_CHUNK:
            cut = cut_point(text, quotes, lo + _MAX_CHUNK // 2, lo + _MAX_CHUNK)
            out.append((lo, cut))
            lo = cut
        out.append((lo, hi))
    return out


def _worth_parsing(text: str, lo: int, hi: int) -> bool:
    """Only paragraphs with a quotation mark or a reporting cue can hold a statement."""
    segment = text[lo:hi]
    return any(c in segment for c in QUOTE_CHARS) or cue_pattern().search(segment) is not None


def _is_scare_quote(text: str, q: QuotedSpan) -> bool:
    """Short quoted words introduced as a name or term: "the so-called “peace plan”"."""
    words = len(_WORD.findall(text[q.start:q.end]))
    before = text[max(0, q.open_at - 30):q.open_at]
    return words <= 6 and _SCARE_CUE.search(before) is not None


def _title_like(span: str) -> bool:
    """A short Title Case span with no cue ('All Bets Are Off.', "Barack Obama Election Day"): a
    subheading or a name, not speech."""
    words = _WORD.findall(span)
    return len(words) <= 8 and all(w[0].isupper() or w.isdigit() for w in words if len(w) >= 4)




def _direct_candidates(text: str, quoted: Sequence[QuotedSpan], attributions: dict[int, Attribution]) -> list[Candidate]:
    out = []
    previous_end = -1
    for n, q in enumerate(quoted):
        if _is_scare_quote(text, q):
            continue
        start, end = q.start, q.end
        while end > start and text[end - 1] in ",;:" :
            end -= 1
        if end <= start:
            continue
        att = attributions.get(n)
        if att is not None:
            out.append(Candidate(start, end, "direct", att))
            previous_end = q.close_at
            continue
        if _subhead(text, q) or _headline_fragment(text, q):
            continue
        words = len(_WORD.findall(text[start:end]))
        sentence_like = text[start:start + 1].isupper() and words >= 4 and not _title_like(text[start:end])
        follows_quote = previous_end >= 0 and "\n\n\n" not in text[previous_end:q.open_at] and (
            q.open_at - previous_end < 400)
        if sentence_like and (paragraph_opened_by(text, q.start) is not None or follows_quote):
            out.append(Candidate(start, end, "direct", None, inherit=True))
            previous_end = q.close_at
        elif sentence_like and _opens_sentence(text, q):
            # "X blurted out. “...”", "X took to social media with this: “...”": kept when a
            # person named in subject position just before can be its speaker
            out.append(Candidate(start, end, "direct", None, inherit=True, context_only=True))
        else:
            # an unattributed span: kept as a possible fragment of reported speech only
            out.append(Candidate(start, end, "direct", None, inherit=False))
    return out


_SENTENCE_END = re.compile(r"(?:[.!?:][\"\u201d\u2019')]*)\s*$")


def _opens_sentence(text: str, q: QuotedSpan) -> bool:
    """The quotation starts a sentence inside its paragraph (after . ! ? or a colon)."""
    line_start = text.rfind("\n", 0, q.open_at) + 1
    before = text[line_start:q.open_at]
    return bool(before.strip()) and _SENTENCE_END.search(before) is not None


def _subhead(text: str, q: QuotedSpan) -> bool:
    """A paragraph that is only a short quotation without a sentence's final stop ('Just listen
    to us'): a subheading in quotation marks, not speech."""
    line_start = text.rfind("\n", 0, q.open_at) + 1
    line_end = text.find("\n", q.close_end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:q.open_at].strip() or text[q.close_end:line_end].strip(" \t.:"):
        return False
    content = text[q.start:q.end].rstrip()
    return len(_WORD.findall(content)) <= 10 and not content.endswith((".", "!", "?", "\u2026", ",", ";"))


def _headline_fragment(text: str, q: QuotedSpan) -> bool:
    """A short quoted fragment in a headline-like line (few words, no final stop: "Trade talks
    'make progress'"): scare quotes of a headline, with no cue to attribute them."""
    line_start = text.rfind("\n", 0, q.open_at) + 1
    line_end = text.find("\n", q.close_end)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    if not text[line_start:q.open_at].strip() or len(_WORD.findall(text[q.start:q.end])) > 6:
        return False
    return len(_WORD.findall(line)) <= 14 and not line.rstrip(QUOTE_CHARS + " ").endswith((".", "!", "?", ":"))


def _settle(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Make statements disjoint: inner reports win over the reports that contain them, a quote
    that fills most of a report's clause becomes that report, a short fragment joins it.
    Runs in O(n log n): an article may hold thousands of candidates."""
    indirect = sorted((c for c in cands if c.kind == "indirect"), key=lambda c: (c.start, -c.end))
    direct = [c for c in cands if c.kind == "direct"]
    cues = sorted((o.attribution.cue_start, i) for i, o in enumerate(indirect)
                  if o.attribution is not None and o.attribution.cue_start is not None)
    cue_positions = [p for p, _ in cues]
    kept: list[Candidate | None] = []
    kept_end = -1
    absorbed: set[int] = set()
    for n, c in enumerate(indirect):
        if n in absorbed:
            continue
        lo, hi = bisect.bisect_left(cue_positions, c.start), bisect.bisect_left(cue_positions, c.end)
        inner_ids = [i for _, i in cues[lo:hi] if i != n]
        mute = [i for i in inner_ids if not _own_speaker(indirect[i].attribution)]
        if mute:
            # "Roe said the advertisement suggests that ...", "said it was too early to tell
            # whether ...": a thing's verb, or a verb with no subject, inside a report is part of
            # what the speaker said, not a report of its own
            absorbed.update(mute)
            inner_ids = [i for i in inner_ids if i not in absorbed]
        inner = [indirect[i] for i in inner_ids]
        leading = [i for i in inner_ids if _opens_clause(text, c, indirect[i])]
        if leading:
            # "he said he did not mention X", "Trump said he believes Y": the inner verb is the
            # outer statement's own predicate, not a second report; keep the whole clause
            absorbed.update(leading)
            inner = []
        if inner:
            # the outer report keeps what it says before the first inner report begins: the
            # same speaker going on ("noted that A, saying B") keeps A; a different speaker
            # inside keeps what comes before that speaker ("X said A, and Y warned that B" keeps
            # A; "X said Y told Z that B" leaves only Y's report)
            cut, at_cue = min(_report_begins(c, o) for o in inner)
            trimmed = _trimmed(text, c, cut, at_cue)
            if trimmed is None:
                continue
            c = trimmed
        if c.start < kept_end:
            continue  # the same clause found twice (e.g. by two cues): keep the first
        kept.append(c)
        kept_end = c.end
    ends = [k.end for k in kept if k is not None]
    result: list[Candidate] = []
    for d in direct:
        j = bisect.bisect_right(ends, d.start)
        host_at = j if j < len(kept) and kept[j] is not None and kept[j].start < d.end else None  # type: ignore[union-attr]
        host = kept[host_at] if host_at is not None else None
        cue_at = d.attribution.cue_start if d.attribution else None
        same_speaker = d.attribution is not None and d.attribution.mention_start in (
            None, host.attribution.mention_start if host is not None and host.attribution else None)
        if host is not None and host_at is not None and cue_at is not None and host.start < cue_at < d.start and same_speaker:
            # "told reporters that A, describing the talks as “B”": B has its own cue inside A's clause
            kept[host_at] = _trimmed(text, host, cue_at)
            host = None
        if host is None or host_at is None:
            if d.attribution is not None or d.inherit:
                result.append(d)
            continue
        if _fills(text, d, host):
            kept[host_at] = None
            if d.attribution is None or d.attribution.mention is None:
                d = Candidate(d.start, d.end, "direct", host.attribution)
            result.append(d)
        # else: a short fragment inside reported speech belongs to that report
    result.extend(k for k in kept if k is not None)
    result.sort(key=lambda c: (c.start, c.end))
    disjoint: list[Candidate] = []
    for c in result:
        if disjoint and c.start < disjoint[-1].end:
            continue
        disjoint.append(c)
    return disjoint


_TRAILING_CONNECTIVE = re.compile(r"(?:[\s,;:\u2014\u2013-]|\b(?:and|but|while|as|saying|that|where|when|which|who|whom|"
                                  r"because|since|after|before|if|so|what))+$")


def _opens_clause(text: str, outer: Candidate, inner: Candidate) -> bool:
    """The inner report's speaker is a pronoun (or none) standing at the start of the outer
    report's clause, so the inner verb is what the outer speaker said about themselves."""
    att = inner.attribution
    if att is None or not _pronoun_or_none(att.mention):
        return False
    begin = att.mention_start if att.mention_start is not None else att.cue_start
    return begin is not None and begin >= outer.start and len(_WORD.findall(text[outer.start:begin])) <= 1


def _own_speaker(att: Attribution | None) -> bool:
    """An inner report names a source of its own: a pronoun, a name (a capitalised word after
    the first) or a phrase headed by a speaker noun ("a senior official", "the council"); not
    "the advertisement", "the recent spate of shootings", or no mention at all."""
    if att is None or att.mention is None:
        return False
    words = att.mention.replace("\u2019s", "").replace("'s", "").split()
    if not words or words[0].lower() in PRONOUNS:
        return True
    if any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper()):
        return True
    head = " ".join(words).lower().split(" of ")[0].split()[-1].strip(",.")
    return head in speaker_heads()


def _report_begins(outer: Candidate, inner: Candidate) -> tuple[int, bool]:
    """Where an inner report starts inside an outer one: at its speaker when the speaker is
    named inside the outer report, else at its cue; and whether that is the cue."""
    att = inner.attribution
    assert att is not None and att.cue_start is not None  # inner reports are found by their cues
    if att.mention_start is not None and outer.start <= att.mention_start < att.cue_start:
        return att.mention_start, False
    return att.cue_start, True


def _pronoun_or_none(mention: str | None) -> bool:
    """An inner report by "he" or by nobody named continues the outer speaker's report."""
    return mention is None or mention.strip().lower() in PRONOUNS


def _fills(text: str, quote: Candidate, report: Candidate) -> bool:
    """The quotation is (nearly) all of the reported clause, counting letters and digits only:
    "Kerry said, “...”" is a direct quote; "she said Trump represents the “...”" stays reported."""
    inside = sum(c.isalnum() for c in text[max(quote.start, report.start):min(quote.end, report.end)])
    total = sum(c.isalnum() for c in text[report.start:report.end])
    return total > 0 and inside >= _QUOTE_FILLS_REPORT * total


# Words that open an adverbial phrase fronted before a clause's subject ("During the talks, ...").
_OPENERS = frozenset("during after before in on at when while despite following as since although though if because "
                     "amid under with for without upon once".split())


def _trimmed(text: str, c: Candidate, cut: int, at_cue: bool = True) -> Candidate | None:
    """The part of an outer report before an inner report starts, if it still says something:
    not the inner clause's opener ("During the meeting, members voiced ..., X said")."""
    raw = text[c.start:max(c.start, cut)].rstrip()
    first = _WORD.match(raw)
    if raw.endswith(",") and not at_cue and first is not None and first.group().lower() in _OPENERS:
        return None
    segment = _TRAILING_CONNECTIVE.sub("", raw)
    if len(_WORD.findall(segment)) < 3:
        return None
    return Candidate(c.start, c.start + len(segment), c.kind, c.attribution, c.inherit)
