"""score_article: every quote scored, article and speaker summaries consistent with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonekit import score, score_article

ARTICLE = (
    "The foreign minister met her counterpart in Oslo on Monday.\n\n"
    "“We welcome this agreement and look forward to deepening our partnership,” the foreign minister said.\n\n"
    "“We firmly oppose the blockade and condemn this provocation,” the defence minister said.\n\n"
    "The foreign minister said the two sides had a frank exchange and that differences remain on fisheries.\n"
)


def test_summaries_follow_the_quotes(tone_model) -> None:
    article = score_article(ARTICLE, mode="fast", model=tone_model)
    assert len(article.quotes) >= 2
    for scored in article.quotes:
        alone = tone_model.score(scored.quote.text)
        assert scored.tone.label == alone.label
        assert scored.tone.scores == pytest.approx(alone.scores, abs=1e-9)
    assert article.index == pytest.approx(sum(q.tone.index for q in article.quotes) / len(article.quotes))
    assert sum(s.count for s in article.speakers) == len(article.quotes)
    assert sum(article.scores.values()) == pytest.approx(1.0)
    assert article.label == max(article.scores, key=article.scores.get)
    by_speaker = {s.speaker: s for s in article.speakers}
    assert by_speaker["the defence minister"].labels == {"conflictual": 1}
    data = article.to_dict()
    assert data["n_quotes"] == len(article.quotes) and data["quotes"][0]["label"] in tone_model.labels


def test_article_without_quotes(tone_model) -> None:
    article = score_article("The summit opened on Monday in Oslo.", mode="fast", model=tone_model)
    assert article.quotes == () and article.index is None and article.label is None and article.speakers == ()


@pytest.mark.parametrize(("text", "error", "match"), [
    (None, TypeError, "expected the article as str, got NoneType"),
    ("   ", ValueError, "empty or whitespace-only article"),
], ids=["none", "blank"])
def test_bad_articles(tone_model, text, error, match) -> None:
    with pytest.raises(error, match=match):
        score_article(text, model=tone_model)


def test_default_model_scores_the_seeds(root: Path) -> None:
    """The shipped model behind `from tonekit import score`, on the seed articles."""
    text = (root / "seeds" / "000_527fa27e2fd7a56f.txt").read_text(encoding="utf-8")
    article = score_article(text)
    assert article.quotes and all(-1 <= q.tone.index <= 1 for q in article.quotes)
    assert score("We welcome the agreement.").label == "cooperative"
    assert [s.label for s in score(["We welcome it.", "We condemn it."])] == ["cooperative", "conflictual"]
