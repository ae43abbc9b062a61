"""Invariants of extraction on arbitrary text (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonekit import extract_quotes

# Text built from pieces that exercise the quote machinery: marks, apostrophes, newlines, cues.
PIECES = st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "«", "»", "''", "\n", "\n\n", " ", ", ", ". ", ": ", " — ",
    "he said", "said Wang Yi", "according to officials", "told reporters that", "The minister",
    "we agree", "can’t", "the ’90s", "so-called", "Blinken", "stressed that", "talks", "é", "中国",
])
ARTICLES = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))


def _check(text: str, mode: str) -> None:
    quotes = extract_quotes(text, mode=mode)
    previous_end = -1
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.start < q.end
        assert q.start >= previous_end, "quotes overlap or are unsorted"
        previous_end = q.end
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
        assert q.kind in ("direct", "indirect")
    assert extract_quotes(text, mode=mode) == quotes, "extraction is not deterministic"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES)
def test_fast_mode_invariants(text: str) -> None:
    _check(text, "fast")


@pytest.mark.parser
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES)
def test_accurate_mode_invariants(text: str) -> None:
    _check(text, "accurate")
