"""Quotation-mark pairing: table of (text, expected quoted contents)."""

from __future__ import annotations

import pytest

from tonekit.quotes.marks import find_quoted_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("He said “we agree” today.", ["we agree"], id="curly-double"),
        pytest.param('He said "we agree" today.', ["we agree"], id="straight-double"),
        pytest.param("“One.”\n\n“Two,” she said.", ["One.", "Two,"], id="two-paragraphs-two-quotes"),
        pytest.param("“First paragraph.\n\n“Second paragraph,” she said.", ["First paragraph.\n\n“Second paragraph,"],
                     id="multi-paragraph-opener-on-each"),
        pytest.param("“Unclosed in one paragraph.\nNext paragraph has no opener.", [], id="unclosed-does-not-cross-paragraphs"),
        pytest.param("The ministers’ spokesman can’t recall the ’90s.", [], id="apostrophes-possessive-elision"),
        pytest.param("It's the '90s in Côte d'Ivoire.", [], id="straight-apostrophes"),
        pytest.param("‘We will not yield,’ he said.", ["We will not yield,"], id="single-outer-style"),
        pytest.param("“They called it ‘a mistake’ then,” he said.", ["They called it ‘a mistake’ then,"], id="single-nested-in-double"),
        pytest.param("A stray “ here. “Real quote,” she said.", ["Real quote,"], id="stray-opener-recovered"),
        pytest.param("A stray ” here. “Real quote,” she said.", ["Real quote,"], id="stray-closer-ignored"),
        pytest.param("A “stray opener then “Real quote,” she said.", ["Real quote,"], id="second-opener-restarts"),
        pytest.param("The report said ''no subsidiaries'' were found.", ["no subsidiaries"], id="typewriter-double"),
        pytest.param("«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"], id="guillemets"),
        pytest.param("", [], id="empty"),
    ],
)
def test_find_quoted_spans(text: str, expected: list[str]) -> None:
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == expected
    for s in spans:
        assert s.open_at < s.start <= s.end <= s.close_at
