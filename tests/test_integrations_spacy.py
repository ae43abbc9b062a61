"""The spaCy components: doc._.quotes equal to extract_quotes, span._.tone equal to score_article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from tonekit import extract_quotes, score_article
from tonekit.errors import ComponentOrderError
from tonekit.quotes import trained_pipeline_name


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
