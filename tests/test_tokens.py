"""The bytes tokeniser: batch and single-text tokenisation agree, and the tokens are what the
model documentation says they are."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit.tone import tokenize
from tonekit.tone.tokens import SEP, tokenize_batch, tokenize_one

PIECES = st.sampled_from(["We", "WE OPPOSE", " ", "welcome", ",", ".", "“", "”", "’", "'", "won’t", "Wang Yi", "NATO", "US",
                          "é", "中国", "\x1e", "\n", "-", "?", "!", ":", ";", '"', "A", "firmly", "not", "Erdoğan"])
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=8))
def test_batch_equals_one_by_one(texts: list[str]) -> None:
    tokens, capital = tokenize_batch(texts)
    expected_tokens: list[bytes] = []
    expected_capital: list[bool] = []
    for text in texts:
        one_tokens, one_capital = tokenize_one(text)
        expected_tokens += [*one_tokens, SEP]
        expected_capital += [*one_capital, False]
    assert tokens == expected_tokens
    assert capital.tolist() == expected_capital


@pytest.mark.parametrize(("text", "expected"), [
    ("We firmly oppose it.", ["we", "firmly", "oppose", "it", "."]),
    ("They won’t accept “win-win” talk", ["they", "won't", "accept", '"', "win-win", '"', "talk"]),
    ("China and the US agreed. NATO said", ["china", "and", "the", "xname", "agreed", ".", "nato", "said"]),
    ('He said: "We agree"', ["he", "said", ":", '"', "we", "agree", '"']),
    ("Talks with Mr Wang Yi ended", ["talks", "with", "xname", "xname", "xname", "ended"]),
    ("café au lait", ["caf", "au", "lait"]),
    ("A plan, I said", ["a", "plan", ",", "i", "said"]),
    ("WE FIRMLY OPPOSE THIS", ["we", "firmly", "oppose", "this"]),
], ids=["plain", "curly-quotes-hyphen", "names-masked-mid-sentence", "capital-after-quote", "person",
        "non-ascii-separates", "single-letters", "all-capitals-read-in-lower-case"])
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected
