"""``ToneClassifier``: the tone model as a scikit-learn estimator over raw strings.

``ToneModel.score(texts)`` returns :class:`~tonekit.tone.ToneScore` objects and clashes with scikit-learn's
``score(X, y)``; this wrapper speaks scikit-learn: ``fit(texts, labels)``, ``predict``,
``predict_proba``, ``classes_``, ``get_params``/``set_params``, so it goes into a ``Pipeline``,
``cross_val_score`` or ``GridSearchCV``. It trains with the project's own recipe
(:func:`tonekit.training.fit.fit_model`: the same features, logistic regression and naive
Bayes), scores with :class:`~tonekit.tone.ToneModel`, and :meth:`ToneClassifier.from_model`
wraps a trained model (the shipped one) so that ``predict`` gives the labels ``score`` gives.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted

from .. import _checks
from ..tone import FeatureConfig, ToneModel

__all__ = ["ToneClassifier", "as_texts"]


def as_texts(X: Any, where: str) -> list[str]:
    """The statements of ``X``: a 1-d sequence (list, array, pandas Series) of non-empty str, or
    a 2-d array with one column of them (a DataFrame column selection). Anything else raises
    TypeError or ValueError naming the problem: numbers are not text and are never converted."""
    if isinstance(X, (str, bytes)):
        raise TypeError(f"{where} takes a sequence of str (one statement each), not a single {type(X).__name__}; "
                        "wrap it in a list")
    if hasattr(X, "tocsr") or hasattr(X, "todense"):
        raise TypeError(f"{where} takes a sequence of str; got a sparse matrix ({type(X).__name__}): sparse input is "
                        "not supported, ToneClassifier computes its own features from text")
    shape = getattr(X, "shape", None)
    if shape is not None and len(shape) == 2:
        if shape[1] != 1:
            raise ValueError(f"{where} takes one statement per row: a 1-d sequence of str or a single column; "
                             f"got an array of shape {tuple(shape)}")
        X = np.asarray(X, dtype=object)[:, 0]
    elif shape is not None and len(shape) != 1:
        raise ValueError(f"{where} takes a 1-d sequence of str; got an array of shape {tuple(shape)}")
    try:
        texts = list(X)
    except TypeError:
        raise TypeError(f"{where} takes a sequence of str; got {type(X).__name__}") from None
    if not texts:
        raise ValueError(f"{where} got 0 statements; at least 1 is required")
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"{where}: item {i} is {type(text).__name__}, not str; ToneClassifier takes raw "
                            "statements (text), not numeric features")
        if not text.strip():
            raise ValueError(f"{where}: item {i} is empty or whitespace-only; a statement needs words")
    return texts


class ToneClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]  # scikit-learn ships no types
    """The tone model as a scikit-learn classifier over raw strings.

    Parameters are the training recipe's (:class:`tonekit.training.TrainConfig`), the ones worth
    tuning: ``C`` (inverse regularisation of the logistic regression), ``naive_bayes_alpha``
    (smoothing of the naive Bayes expert; None leaves the expert out), ``min_df`` (documents a
    feature needs), ``bigrams``, ``negation`` and ``phrasebook`` (feature blocks). A fitted
    classifier has ``classes_`` (the labels, sorted) and ``model_`` (the fitted
    :class:`~tonekit.tone.ToneModel`, whose ``score`` gives :class:`~tonekit.tone.ToneScore` objects).

    Fitting uses no calibration temperature (1.0): the shipped model's temperature is fitted on
    real quotes held out, which a list of strings does not say. ``predict`` is unaffected.
    """

    model_: ToneModel
    classes_: np.ndarray
    _columns: list[int]

    def __init__(self, C: float = 1.0, naive_bayes_alpha: float | None = 1.0, min_df: int = 2,
                 bigrams: bool = True, negation: bool = True, phrasebook: bool = True, max_iter: int = 5000) -> None:
        self.C = C
        self.naive_bayes_alpha = naive_bayes_alpha
        self.min_df = min_df
        self.bigrams = bigrams
        self.negation = negation
        self.phrasebook = phrasebook
        self.max_iter = max_iter

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        # a 2-d array of one column of strings is accepted (a DataFrame column selection); 1-d
        # sequences too, but that tag would make scikit-learn's checks slice their numeric data
        tags.input_tags.two_d_array = True
        tags.target_tags.required = True
        return tags

    # -- fitting ---------------------------------------------------------------------
    def fit(self, X: Any, y: Any) -> "ToneClassifier":
        """Train on statements ``X`` with labels ``y`` (strings or any hashable labels; at least two)."""
        from ..training import TrainConfig, fit_model
        from ..tone import load_phrasebook

        if y is None:
            raise ValueError("ToneClassifier requires y to be passed, but the target y is None: give fit one label "
                             "per statement")
        labels = np.asarray(y)
        if labels.ndim != 1:
            raise ValueError(f"ToneClassifier.fit takes one label per statement (a 1-d y); got shape {labels.shape}")
        check_classification_targets(labels)
        classes, encoded = np.unique(labels, return_inverse=True)
        if len(classes) == 1:
            raise ValueError(f"ToneClassifier.fit needs at least 2 classes in y to learn from; got 1 class "
                             f"({classes[0].item()!r})")
        texts = as_texts(X, "ToneClassifier.fit")
        if len(labels) != len(texts):
            raise ValueError(f"ToneClassifier.fit got {len(texts)} statements and {len(labels)} labels; "
                             "give one label per statement")
        config = TrainConfig(features=FeatureConfig(min_df=self.min_df, bigrams=self.bigrams, negation=self.negation,
                                                    phrasebook=self.phrasebook),
                             C=self.C, naive_bayes_alpha=self.naive_bayes_alpha, max_iter=self.max_iter,
                             calibrate=False, group_weights={})
        # the model learns the classes by position: labels of any type, the guideline's order kept
        names = [str(c) for c in classes] if labels.dtype.kind in "UO" and all(
            isinstance(c, str) for c in classes) else [f"class_{i}" for i in range(len(classes))]
        self.model_ = fit_model(texts, [names[i] for i in encoded], config,
                                load_phrasebook() if self.phrasebook else None, label_order=names)
        self.classes_ = classes
        self._columns = [self.model_.labels.index(name) for name in names]
        return self

    @classmethod
    def from_model(cls, model: ToneModel) -> "ToneClassifier":
        """A fitted classifier that predicts with ``model`` (e.g. :func:`tonekit.load_model()`):
        ``predict`` gives the labels ``model.score`` gives; ``classes_`` are its labels in the
        guideline's order. Its parameters are the defaults with the model's feature settings, so
        ``clone`` and refitting train a new model with the project's recipe."""
        if not isinstance(model, ToneModel):
            _checks.invalid("ToneClassifier.from_model", "model", "a ToneModel (from tonekit.load_model())", model)
        features = model.space.config
        classifier = cls(min_df=features.min_df, bigrams=features.bigrams, negation=features.negation,
                         phrasebook=features.phrasebook)
        classifier.model_ = model
        classifier.classes_ = np.array(model.labels)
        classifier._columns = list(range(len(model.labels)))
        return classifier

    # -- predicting ------------------------------------------------------------------
    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, one row per statement, columns in ``classes_`` order."""
        check_is_fitted(self, ("model_", "classes_"))
        texts = as_texts(X, "ToneClassifier.predict_proba")
        return self.model_.predict_proba(texts)[:, self._columns]

    def predict(self, X: Any) -> np.ndarray:
        """The most probable label of each statement (an element of ``classes_``)."""
        probabilities = self.predict_proba(X)
        return np.asarray(self.classes_[probabilities.argmax(axis=1)])
