"""Fast mode's sentence bounds, read off the token arrays, are those of spaCy's sentencizer as
``tonekit.quotes._doc.sentences`` reads them; and the fast pipeline keeps each doc's text."""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

from tonekit.quotes._doc import doc_text, sentence, sentences, token_at
from tonekit.quotes.fast_sentences import SentenceBounds
from tonekit.quotes.pipeline import load_blank

# pieces of our own making: stops the tokenizer splits off or keeps (abbreviations, decimals,
# ellipses), the sentencizer's rarer marks (one past U+FFFF), quotation marks, runs of blanks
PIECES = ["The envoy", " said", " ", "  ", ".", ". ", "!", "?", "?!", "...", "\u2026", "\u203c", "\u3002",
          "\U00011047", "Mr.", " U.S.", " 3.5", " e.g.", "\u201c", "\u201d", '"', "'", "\u2019", "(", ")",
          ", ", " \u2014 ", "we agree", "Talks ended", "\n", "\t", "-", ";"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    """The pipeline fast mode ran before: the blank tokenizer and spaCy's sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _reference(text: str) -> tuple[Doc, list[Span]]:
    doc = _sentencizer()(text)
    return doc, sentences(doc)[1]


def _reference_around(doc: Doc, rel: int) -> tuple[int, int] | None:
    """What fast mode's ``_sentence_of`` gave: the sentence of the token at or after ``rel``."""
    tok = token_at(doc, rel)
    if tok is None:
        span = sentence(doc[-1]) if len(doc) else None
    else:
        span = sentence(tok)
    return None if span is None else (span.start_char, span.end_char)


def _check(text: str) -> None:
    doc = load_blank()(text)
    assert doc_text(doc) == doc.text == text
    bounds = SentenceBounds(doc, text)
    ref_doc, ref = _reference(text)
    assert bounds.bounds == [(s.start_char, s.end_char) for s in ref]
    assert bounds.texts() == [(s.start_char, s.text) for s in ref]
    for rel in range(len(text) + 2):
        assert bounds.around(rel) == _reference_around(ref_doc, rel), rel


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_bounds_are_the_sentencizers(text: str) -> None:
    _check(text)


@pytest.mark.parametrize("text, expected", [
    ("He left. She stayed.", ["He left.", "She stayed."]),
    ("Mr. Lee met the U.S. envoy. Talks ended!", ["Mr. Lee met the U.S. envoy.", "Talks ended!"]),
    ("It ended. \u201cWe agree,\u201d he said.", ["It ended.", "\u201cWe agree,\u201d he said."]),
    ("Wait... what? (Yes.) No", ["Wait... what? (", "Yes.)", "No"]),  # punctuation after a stop stays
    ("One \U00011047 two", ["One \U00011047", "two"]),
    ("", []),
    ("   ", ["   "]),
], ids=["two", "abbreviations", "opening-mark-after-stop", "ellipsis-and-brackets", "astral-mark", "empty", "blanks"])
def test_sentences_of_examples(text: str, expected: list[str]) -> None:
    _check(text)
    assert [t for _, t in SentenceBounds(load_blank()(text), text).texts()] == expected


def test_an_empty_doc_has_no_sentence() -> None:
    bounds = SentenceBounds(load_blank()(""), "")
    assert len(bounds) == 0 and bounds.around(0) is None


def test_the_fast_pipeline_runs_no_component() -> None:
    assert load_blank().pipe_names == []
