"""The public contract of extract_quotes: types, empty and huge input, modes, lazy loading."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tonekit
from tonekit import InvalidModeError, Quote, extract_quotes


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]], ids=["bytes", "none", "int", "list"])
def test_non_str_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="takes the article as a str"):
        extract_quotes(bad)  # type: ignore[arg-type]


def test_bytes_error_says_how_to_fix() -> None:
    with pytest.raises(TypeError, match="decode"):
        extract_quotes(b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"], ids=["empty", "spaces", "newlines"])
def test_empty_text_gives_no_quotes(text: str) -> None:
    assert extract_quotes(text, mode="fast") == []


def test_unknown_mode() -> None:
    with pytest.raises(InvalidModeError, match="mode must be one of"):
        extract_quotes("text", mode="precise")


def test_quote_is_frozen() -> None:
    q = Quote("a", 0, 1, None, None, None, None, "direct")
    with pytest.raises(AttributeError):
        q.text = "b"  # type: ignore[misc]


def test_very_long_text_dense_quotes() -> None:
    """One paragraph past spaCy's default max_length (1,000,000 characters), quotes throughout."""
    unit = "“We will keep talking,” the envoy said. The minister said that talks would go on. "
    text = unit * 13_000
    quotes = extract_quotes(text, mode="fast")
    assert len(quotes) == 26_000
    assert all(text[q.start:q.end] == q.text for q in quotes)


@pytest.mark.parser
def test_very_long_text_accurate() -> None:
    """A 1.1-million-character article: only paragraphs with cues are parsed, each on its own."""
    filler = "Trade figures and the weather in the capital were unremarkable this week. " * 15
    paragraphs = [filler] * 1000
    paragraphs[10] = "“We will keep talking,” the envoy said."
    paragraphs[990] = "The minister said that the talks would go on."
    text = "\n".join(paragraphs)
    assert len(text) > 1_000_000
    quotes = extract_quotes(text, mode="accurate")
    assert [(q.text, q.speaker) for q in quotes] == [("We will keep talking", "the envoy"),
                                                      ("the talks would go on", "the minister")]


def test_import_loads_no_pipeline() -> None:
    code = "import tonekit, tonekit.quotes.pipeline as p; print(p.load_trained.cache_info().currsize, p.load_blank.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "0"]


def test_import_loads_no_model_and_no_scikit_learn() -> None:
    code = ("import sys, tonekit, tonekit.tone.scoring as s; "
            "print(s._cached is None, 'sklearn' in sys.modules, callable(tonekit.score_articles))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False", "True"]


def test_public_names() -> None:
    assert set(tonekit.__all__) >= {"extract_quotes", "Quote", "score", "ToneScore", "load_model", "score_article",
                                    "score_articles", "iter_items", "train"}
    assert all(getattr(tonekit, name) is not None for name in tonekit.__all__)


@pytest.mark.parametrize("mode", ["fast", pytest.param("accurate", marks=pytest.mark.parser)])
def test_batch_extraction_equals_one_by_one(root, mode: str) -> None:
    from tonekit.quotes import extract_quotes_batch

    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += ["", "“We agree,” he said.", "   \n", texts[0]]
    assert extract_quotes_batch(texts, mode=mode) == [extract_quotes(t, mode=mode) for t in texts]
