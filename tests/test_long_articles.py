"""Long articles: extracted in bounded sections (linear time and memory), with the same quotes,
offsets into the whole article, and cuts that never fall inside a quotation when they can avoid it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit.quotes import extract as extract_module
from tonekit.quotes import sections as sections_module
from tonekit.quotes import extract_quotes, extract_quotes_batch
from tonekit.quotes import pipeline
from tonekit.quotes.marks import QuoteIndex, find_quoted_spans
from tonekit.quotes.sections import Section, cut_point, sections

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt"))]


def long_article(copies: int, one_paragraph: bool = False) -> str:
    text = "\n".join(SEEDS[i % len(SEEDS)] for i in range(copies))
    return text.replace("\n", " ") if one_paragraph else text


def _index(text: str) -> QuoteIndex:
    return QuoteIndex(find_quoted_spans(text))


# -- where a cut falls -------------------------------------------------------------------------
CUTS = [
    # (text, lo, hi, the cut: the text before it)
    ("First paragraph here.\nSecond one. Third sentence here.", 5, 50, "First paragraph here.\n"),
    ("One sentence ends. Another one ends. A third", 5, 44, "One sentence ends. Another one ends. "),
    ('He said "it ends. Here it goes on" and left. Then more', 5, 50, 'He said "it ends. Here it goes on" and left. '),
    ('Words "a quote. That runs. To the end of the window" and on.', 2, 45, "Words "),
    ("no sentence end at all in this window", 3, 30, "no sentence end at all in "),
    ("x" * 40, 10, 30, "x" * 30),
    ("Para one.\n\u201cA quotation goes on.\n\u201cAnd runs on.\u201d\nNext para.", 3, 40, "Para one.\n"),
]


@pytest.mark.parametrize(("text", "lo", "hi", "before"), CUTS,
                         ids=["paragraph-first", "sentence-end", "skips-sentence-inside-quote", "before-the-quote",
                              "word-boundary", "no-blank-hard-cut", "multi-paragraph-quote"])
def test_cut_point(text: str, lo: int, hi: int, before: str) -> None:
    assert text[:cut_point(text, _index(text), lo, hi)] == before


def test_a_quotation_longer_than_the_window_is_cut_as_said() -> None:
    text = 'Intro. "' + "This sentence is quoted. " * 10 + '" End.'
    cut = cut_point(text, _index(text), 20, 100)
    assert 20 < cut <= 100 and text[cut - 2:cut] == ". "  # the last sentence end, though inside the quote


# -- sections ----------------------------------------------------------------------------------
def test_a_normal_article_is_one_section() -> None:
    for seed in SEEDS:
        assert sections(seed, _index(seed)) == [Section(0, len(seed), 0, seed)]


@pytest.mark.parametrize("one_paragraph", [False, True], ids=["paragraphs", "one-paragraph"])
@pytest.mark.parametrize(("size", "context"), [(3_000, 500), (5_000, 0), (10_000, 3_000)],
                         ids=["small", "no-lead-in", "large"])
def test_sections_cover_the_article_once(one_paragraph: bool, size: int, context: int) -> None:
    text = long_article(12, one_paragraph)
    quotes = _index(text)
    parts = sections(text, quotes, size=size, context=context)
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for a, b in zip(parts, parts[1:]):
        assert a.end == b.start + b.keep  # each section's own text starts where the last one ended
        assert b.keep <= context and b.end - (b.start + b.keep) <= size
        quote = quotes.containing(a.end - 1)
        assert quote is None or quote.close_end <= a.end, "cut inside a quotation"
    for part in parts:
        assert part.text == text[part.start:part.end]


# -- extraction in sections --------------------------------------------------------------------
def _spans(quotes: list) -> list[tuple[int, int, str, str]]:
    return [(q.start, q.end, q.kind, q.text) for q in quotes]


@pytest.mark.parametrize("mode", ["fast", pytest.param("accurate", marks=pytest.mark.slow)])
def test_sections_find_the_same_quotes_as_the_whole_article(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    text = long_article(15)
    whole = extract_quotes(text, mode=mode)  # under the section size: one piece
    monkeypatch.setattr(sections_module, "SECTION_CHARS", 6_000)
    cut = extract_quotes(text, mode=mode)
    assert _spans(cut) == _spans(whole)
    same_speaker = sum(a.speaker == b.speaker for a, b in zip(cut, whole))
    assert same_speaker >= 0.95 * len(whole)  # a speaker named only before a section's lead-in may be lost


@pytest.mark.parametrize("one_paragraph", [False, True], ids=["paragraphs", "one-paragraph"])
def test_quotes_of_a_long_article_index_the_whole_article(monkeypatch: pytest.MonkeyPatch, one_paragraph: bool) -> None:
    monkeypatch.setattr(sections_module, "SECTION_CHARS", 4_000)
    monkeypatch.setattr(extract_module, "_MAX_CHUNK", 1_500)
    text = long_article(10, one_paragraph)
    quotes = extract_quotes(text, mode="fast")
    assert len(quotes) >= 10 * 4
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:]))  # sorted, disjoint


@settings(max_examples=25, deadline=None)
@given(copies=st.integers(1, 8), size=st.integers(1_500, 8_000), glue=st.sampled_from(["\n", " ", "\n\n"]))
def test_sectioned_extraction_keeps_its_invariants(copies: int, size: int, glue: str) -> None:
    text = glue.join(SEEDS[i % len(SEEDS)] for i in range(copies))
    pieces = sections(text, _index(text), size=size, context=size // 4)
    old = sections_module.SECTION_CHARS
    sections_module.SECTION_CHARS = size
    try:
        quotes = extract_quotes_batch([text, SEEDS[0]], mode="fast")
    finally:
        sections_module.SECTION_CHARS = old
    assert quotes[1] == extract_quotes(SEEDS[0], mode="fast")  # a short article beside a long one: unchanged
    assert sum(len(p.text) - p.keep for p in pieces) == len(text)
    for q in quotes[0]:
        assert text[q.start:q.end] == q.text
    assert all(a.end <= b.start for a, b in zip(quotes[0], quotes[0][1:]))


def test_a_quotation_longer_than_a_section_is_not_a_direct_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented limit: its marks lie in different sections."""
    monkeypatch.setattr(sections_module, "SECTION_CHARS", 2_000)
    speech = " ".join(f"Point {n} of the plan stays on the table for now." for n in range(60))
    text = f'The envoy said: "{speech}"\nThe talks ended on Friday.'
    assert not any(q.kind == "direct" and len(q.text) > 2_000 for q in extract_quotes(text, mode="fast"))


# -- parse batches -----------------------------------------------------------------------------
class _CountingNlp:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def pipe(self, texts: list[str], batch_size: int) -> list[str]:
        self.batches.append(list(texts))
        return [t.upper() for t in texts]


@pytest.mark.parametrize(("lengths", "expected"), [
    ([10] * 5, [5]),
    ([30_000, 30_000, 10], [1, 2]),
    ([60_000, 10, 10], [1, 2]),
    ([100] * 600, [256, 256, 88]),
    ([], []),
], ids=["small", "chars-cap", "one-long-text", "count-cap", "none"])
def test_parse_batches_are_capped_in_texts_and_characters(lengths: list[int], expected: list[int]) -> None:
    nlp = _CountingNlp()
    texts = [chr(97 + n % 26) * length for n, length in enumerate(lengths)]
    assert list(pipeline.parse_stream(nlp, texts)) == [t.upper() for t in texts]  # type: ignore[arg-type]
    assert [len(b) for b in nlp.batches] == expected
