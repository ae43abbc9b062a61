"""The tone model's contract: probabilities, index, explanations, bad input, and that the
fast scoring paths give exactly what the scikit-learn estimator gives."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit.tone import INDEX_WEIGHTS, ToneScore

WORDS = st.sampled_from(["we", "firmly", "oppose", "welcome", "the", "agreement", "frank", "exchange", "of", "views",
                         "differences", "remain", "not", "never", "win-win", "cooperation", "China", "NATO", "will",
                         "travel", "to", "Geneva", ",", ".", "!", "?", "“", "”", "said", "condemns", "provocation",
                         "hasn’t", "changed", "zzqx", "unheardofword", "é", "Mr", "but", "talks", "constructive"])
STATEMENTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=40).map(" ".join),
    st.text(min_size=1, max_size=120),
).filter(lambda t: t.strip())


@settings(max_examples=200, deadline=None)
@given(st.lists(STATEMENTS, min_size=1, max_size=12))
def test_batch_equals_one_by_one_and_invariants(tone_model, texts: list[str]) -> None:
    batch = tone_model.score(texts)
    assert len(batch) == len(texts)
    for text, scored in zip(texts, batch):
        one = tone_model.score(text)
        assert one.label == scored.label
        for label in tone_model.labels:
            assert one.scores[label] == pytest.approx(scored.scores[label], abs=1e-9)
        assert math.isclose(sum(scored.scores.values()), 1.0, abs_tol=1e-9)
        assert all(0.0 <= p <= 1.0 for p in scored.scores.values())
        assert -1.0 <= scored.index <= 1.0
        expected = sum(INDEX_WEIGHTS.get(k, 0.0) * p for k, p in scored.scores.items())
        assert scored.index == pytest.approx(expected, abs=1e-9)
        assert scored.label == max(scored.scores, key=scored.scores.get)


@settings(max_examples=100, deadline=None)
@given(st.lists(STATEMENTS, min_size=1, max_size=12))
def test_fast_logits_equal_scikit_learn(tone_model, texts: list[str]) -> None:
    fast = tone_model.logits(texts)
    reference = tone_model.logits_reference(texts)
    np.testing.assert_allclose(fast, reference, atol=1e-9)
    for text, row in zip(texts, fast):
        np.testing.assert_allclose(tone_model.logits_one(text), row, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(STATEMENTS)
def test_single_encoder_matches_batch_encoder(tone_model, text: str) -> None:
    cols, values = tone_model.space.encode_one(text)
    encoded = tone_model.space.encode([text, "padding text"])
    first = encoded.doc == 0
    assert Counter(zip(cols, values)) == Counter(zip(encoded.col[first].tolist(), encoded.value[first].tolist()))


def test_probabilities_are_the_product_of_the_two_experts(tone_model) -> None:
    """At temperature 1 the model is the normalised product of the scikit-learn regression's
    and naive Bayes' probabilities."""
    texts = ["We welcome the agreement.", "This provocation is unacceptable.", "The talks resume on Monday."]
    matrix = tone_model.space.transform(texts)
    product = np.ones((len(texts), len(tone_model.labels)))
    for expert in (tone_model.estimator, tone_model.naive_bayes):
        order = [list(expert.classes_).index(label) for label in tone_model.labels]
        product *= expert.predict_proba(matrix)[:, order]
    product /= product.sum(axis=1, keepdims=True)
    saved = tone_model.temperature
    try:
        tone_model.set_temperature(1.0)
        np.testing.assert_allclose(tone_model.predict_proba(texts), product, atol=1e-9)
    finally:
        tone_model.set_temperature(saved)


@pytest.mark.parametrize(("text", "label"), [
    ("We firmly oppose this provocation and strongly condemn the illegal strikes.", "conflictual"),
    ("We warmly welcome the agreement and look forward to deepening our strategic partnership.", "cooperative"),
    ("We had a frank exchange of views, and differences remain on trade, but we will keep talking.", "candid"),
    ("The foreign minister will travel to Geneva on Tuesday for the next round.", "neutral"),
    ("The ministry accused the neighbouring government of violating the ceasefire.", "conflictual"),
    ("The two sides signed a memorandum to expand cooperation on energy.", "cooperative"),
], ids=["condemnation", "welcome", "frank-differences", "schedule", "reported-accusation", "reported-signing"])
def test_clear_statements(tone_model, text: str, label: str) -> None:
    assert tone_model.score(text).label == label


def test_negation_changes_the_feature(tone_model) -> None:
    cols, _ = tone_model.space.encode_one("We do not oppose the plan")
    names = {tone_model.space.names[c] for c in cols}
    assert "NOT_oppose" in names or "oppose" not in names


def test_explain_names_phrases_of_the_text(tone_model) -> None:
    scored = tone_model.score("We firmly oppose this provocation.", explain=3)
    assert scored.label == "conflictual"
    assert 1 <= len(scored.phrases) <= 3
    assert all(weight > 0 for _, weight in scored.phrases)
    text = " ".join(name for name, _ in scored.phrases)
    assert "provocation" in text or "oppose" in text
    assert scored.explain(2) == list(scored.phrases[:2])
    lazy = tone_model.score("We firmly oppose this provocation.")
    assert lazy.phrases == () and lazy.explain(3) == list(scored.phrases)
    with pytest.raises(ValueError, match="the 'k' argument of ToneScore.explain must be a positive int; got 0"):
        lazy.explain(0)


@pytest.mark.parametrize(("texts", "error", "match"), [
    (["fine", 3], TypeError, "item 1: expected str, got int"),
    (["fine", None], TypeError, "item 1: expected str, got NoneType"),
    ([b"bytes"], TypeError, "item 0: expected str, got bytes"),
    (["fine", "ok", "   "], ValueError, "item 2: empty or whitespace-only"),
    ([""], ValueError, "item 0: empty"),
    (42, TypeError, "expected str or an iterable of str, got int"),
    (b"raw", TypeError, "expected an iterable of str"),
], ids=["int-item", "none-item", "bytes-item", "blank-item", "empty-item", "not-iterable", "bytes"])
def test_bad_input(tone_model, texts, error, match) -> None:
    with pytest.raises(error, match=match):
        tone_model.score(texts)


def test_single_blank_string_is_refused(tone_model) -> None:
    with pytest.raises(ValueError, match="empty or whitespace-only"):
        tone_model.score(" \n ")


def test_generators_and_empty_batches(tone_model) -> None:
    assert tone_model.score(iter(["We welcome it.", "We reject it."])) == tone_model.score(["We welcome it.", "We reject it."])
    assert tone_model.score([]) == []


def test_tone_score_is_frozen_and_serialisable(tone_model) -> None:
    scored = tone_model.score("We welcome the agreement.")
    assert isinstance(scored, ToneScore)
    with pytest.raises(AttributeError):
        scored.label = "neutral"  # type: ignore[misc]
    data = scored.to_dict()
    assert data["label"] == scored.label and set(data["scores"]) == set(tone_model.labels)
