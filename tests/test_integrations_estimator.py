"""ToneClassifier: a scikit-learn estimator over raw strings, built on the project's recipe."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils.estimator_checks import check_estimator

from tonekit import ToneClassifier, load_model, score

# A tiny training set written for this test: three labels, eight statements each, with the
# repeated words a two-document minimum frequency needs.
_COOPERATIVE = [
    "We welcome the agreement and thank our partners for their support.",
    "Both sides agreed to deepen cooperation on trade and energy.",
    "The ministers praised the constructive talks and the new partnership.",
    "We are grateful for the close cooperation between our two countries.",
    "The leaders welcomed progress and pledged to work together.",
    "Our partnership is strong and we will deepen cooperation further.",
    "We thank the delegation for constructive and friendly talks.",
    "The two governments agreed to work together on climate and trade.",
]
_CONFLICTUAL = [
    "We condemn the attack and reject these false accusations.",
    "The ministry strongly condemned the provocation at the border.",
    "These threats are unacceptable and we will respond firmly.",
    "We reject the sanctions and condemn this hostile interference.",
    "The government accused its neighbour of a dangerous provocation.",
    "Such aggression is unacceptable and will not go unanswered.",
    "We firmly reject the accusations and condemn the threats.",
    "The spokesman condemned the hostile and dangerous move.",
]
_NEUTRAL = [
    "The meeting will take place in the capital on Tuesday.",
    "The delegation arrived on Monday and will stay for two days.",
    "The minister will travel to the summit next week.",
    "The talks are scheduled to begin on Tuesday morning.",
    "The agenda includes transport, water and the budget.",
    "The committee will meet again next week in the capital.",
    "The visit is scheduled for two days and includes a press conference.",
    "The summit will begin on Monday with a session on transport.",
]
TEXTS = _COOPERATIVE + _CONFLICTUAL + _NEUTRAL
LABELS = ["cooperative"] * 8 + ["conflictual"] * 8 + ["neutral"] * 8
UNSEEN = ["We condemn the threats at the border.", "We welcome the partnership and thank the ministers.",
          "The committee will meet on Monday."]

_NUMERIC = ("feeds a numeric matrix; ToneClassifier takes raw statements (str) and refuses numbers, which are not "
            "text (the text-input equivalent is tested in this file)")
# every check that fits on scikit-learn's numeric data; the others run and must pass
NUMERIC_ONLY = {name: _NUMERIC for name in (
    "check_fit_score_takes_y", "check_estimators_overwrite_params", "check_dont_overwrite_parameters",
    "check_estimators_fit_returns_self", "check_readonly_memmap_input", "check_n_features_in_after_fitting",
    "check_positive_only_tag_during_fit", "check_estimators_dtypes", "check_dtype_object",
    "check_estimators_empty_data_messages", "check_pipeline_consistency", "check_estimators_nan_inf",
    "check_estimators_pickle", "check_f_contiguous_array_estimator", "check_classifier_data_not_an_array",
    "check_classifiers_classes", "check_classifiers_train", "check_supervised_y_2d",
    "check_non_transformer_estimators_n_iter", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance", "check_fit2d_1feature", "check_dict_unchanged",
    "check_fit_idempotent", "check_fit_check_is_fitted", "check_n_features_in", "check_fit1d",
    "check_fit2d_predict1d")}


@pytest.fixture(scope="module")
def fitted() -> ToneClassifier:
    return ToneClassifier().fit(TEXTS, LABELS)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # scikit-learn casting its own NaN test data
def test_check_estimator_passes_every_check_that_applies_to_text() -> None:
    results = check_estimator(ToneClassifier(), expected_failed_checks=NUMERIC_ONLY, on_skip=None, on_fail=None)
    status: dict[str, set[str]] = {}
    for result in results:
        status.setdefault(result["status"], set()).add(result["check_name"])
    assert "failed" not in status, status.get("failed")
    assert status["xfail"] == set(NUMERIC_ONLY)  # each listed check really fails on numbers
    assert {"check_estimators_unfitted", "check_get_params_invariance", "check_set_params",
            "check_classifiers_one_label", "check_classifiers_regression_target", "check_requires_y_none",
            "check_estimator_sparse_matrix", "check_no_attributes_set_in_init"} <= status["passed"]


def test_fit_predict_and_classes(fitted: ToneClassifier) -> None:
    assert list(fitted.classes_) == ["conflictual", "cooperative", "neutral"]
    assert list(fitted.predict(UNSEEN)) == ["conflictual", "cooperative", "neutral"]
    proba = fitted.predict_proba(UNSEEN)
    assert proba.shape == (3, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(fitted.classes_[proba.argmax(axis=1)]) == list(fitted.predict(UNSEEN))
    assert fitted.score(TEXTS, LABELS) == 1.0  # scikit-learn's score(X, y): accuracy


@pytest.mark.parametrize("y, classes", [
    ([0] * 8 + [1] * 8 + [2] * 8, [0, 1, 2]),
    ([10] * 8 + [2] * 8 + [-1] * 8, [-1, 2, 10]),
    (np.array(LABELS, dtype=object), ["conflictual", "cooperative", "neutral"]),
], ids=["int-labels", "unordered-ints", "object-array"])
def test_labels_of_any_type_come_back_as_given(y, classes) -> None:  # type: ignore[no-untyped-def]
    clf = ToneClassifier().fit(TEXTS, y)
    assert list(clf.classes_) == classes
    assert set(clf.predict(UNSEEN)) <= set(classes)
    # the columns follow classes_: the unseen conflictual statement gets the conflictual ones' label
    first = clf.classes_[clf.predict_proba(UNSEEN[:1]).argmax()]
    assert first == np.asarray(y)[8]


def test_text_versions_of_the_numeric_checks(fitted: ToneClassifier, tmp_path: Path) -> None:
    again = clone(fitted).fit(TEXTS, LABELS)  # fit is idempotent and deterministic
    assert np.array_equal(again.predict_proba(UNSEEN), fitted.predict_proba(UNSEEN))
    restored = pickle.loads(pickle.dumps(fitted))  # pickles and predicts the same
    assert np.array_equal(restored.predict_proba(UNSEEN), fitted.predict_proba(UNSEEN))
    order = [2, 0, 1]  # sample order and subsets change nothing per statement
    assert np.allclose(fitted.predict_proba([UNSEEN[i] for i in order]), fitted.predict_proba(UNSEEN)[order])
    assert np.allclose(fitted.predict_proba(UNSEEN[1:2]), fitted.predict_proba(UNSEEN)[1:2])
    params = fitted.get_params()
    assert ToneClassifier().fit(TEXTS, LABELS) is not None and fitted.get_params() == params  # params untouched
    column = np.array(UNSEEN, dtype=object).reshape(-1, 1)  # a DataFrame column selection: 2-d, one column
    assert list(fitted.predict(column)) == list(fitted.predict(UNSEEN))


@pytest.mark.parametrize("X, y, error, match", [
    (TEXTS, ["cooperative"] * 24, ValueError, "at least 2 classes"),
    (TEXTS[:3], LABELS, ValueError, "3 statements and 24 labels"),
    ([1.5] * 24, LABELS, TypeError, "item 0 is float, not str"),
    (np.zeros((24, 3)), LABELS, ValueError, "one statement per row"),
    (TEXTS[:-1] + ["   "], LABELS, ValueError, "item 23 is empty"),
    ("We agree.", ["cooperative", "neutral"], TypeError, "not a single str"),
    ([], [], ValueError, "at least 2 classes|0 statements"),
    (TEXTS, None, ValueError, "requires y"),
    (TEXTS, [0.5] * 12 + [1.5] * 12, ValueError, "Unknown label type"),
], ids=["one-class", "length-mismatch", "numbers", "matrix", "blank-text", "bare-str", "empty", "no-y",
        "continuous-y"])
def test_fit_refuses_bad_input(X, y, error, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=match):
        ToneClassifier().fit(X, y)


def test_predict_before_fit_raises_not_fitted() -> None:
    with pytest.raises(NotFittedError):
        ToneClassifier().predict(UNSEEN)


def test_pipeline_cross_val_score_and_grid_search() -> None:
    strip = FunctionTransformer(lambda texts: [t.strip() for t in texts])
    pipeline = make_pipeline(strip, ToneClassifier())
    scores = cross_val_score(pipeline, TEXTS, LABELS, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.5
    search = GridSearchCV(ToneClassifier(), {"C": [0.1, 10.0], "naive_bayes_alpha": [None, 1.0]}, cv=2)
    search.fit(TEXTS, LABELS)
    assert set(search.best_params_) == {"C", "naive_bayes_alpha"} and len(search.cv_results_["params"]) == 4
    assert list(search.predict(UNSEEN)) == list(search.best_estimator_.predict(UNSEEN))


def test_from_model_predicts_what_score_gives(root: Path) -> None:
    model = load_model()
    classifier = ToneClassifier.from_model(model)
    seeds = [json.loads(line)["text"] for line in (root / "annotations" / "seed.jsonl").read_text("utf-8").splitlines()]
    texts = seeds + UNSEEN + TEXTS
    assert list(classifier.predict(texts)) == [s.label for s in score(texts, model=model)]
    assert list(classifier.classes_) == list(model.labels)
    proba = classifier.predict_proba(texts[:5])
    assert np.allclose(proba, [[s.scores[label] for label in model.labels] for s in score(texts[:5], model=model)])
    refit = clone(classifier)  # a clone is unfitted with the model's feature settings
    assert not hasattr(refit, "model_") and refit.get_params()["min_df"] == model.space.config.min_df
    with pytest.raises(ValueError, match="'model' argument of ToneClassifier.from_model"):
        ToneClassifier.from_model("models/DEFAULT")
