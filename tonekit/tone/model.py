"""The tone model: a fitted feature space, two scikit-learn experts (a logistic regression and
a complement naive Bayes) and a calibration temperature, with a scorer on numpy arrays.

scikit-learn trains the experts; scoring skips their per-call input validation (which costs
more than the whole linear model on one statement) and computes the same logits from their
own weights. A test checks both give the same probabilities.
"""

from __future__ import annotations

import gc
import math
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from .. import _checks
from .features import FeatureSpace
from .result import INDEX_WEIGHTS, ToneScore, tone_index

if TYPE_CHECKING:  # scoring never needs scikit-learn itself: keep it out of the import
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import ComplementNB

__all__ = ["ToneModel", "validate_texts", "softmax", "MODEL_FORMAT"]

# Bumped whenever the saved layout of a model folder changes; a model of another format must be
# retrained (or converted, for the pickled formats 5 and 6), not half-loaded. Format 7: the
# scoring artifact is arrays and JSON (tonekit/tone/artifact.py), not a pickle.
MODEL_FORMAT = 7


def softmax(logits: np.ndarray, *, inplace: bool = False) -> np.ndarray:
    """Row-wise probabilities of log-odds (``inplace`` reuses the array: batches are large)."""
    out = logits if inplace else logits.copy()
    out -= out.max(axis=1, keepdims=True)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out  # type: ignore[no-any-return]  # numpy types the in-place ops as Any


def _explain_count(explain: bool | int) -> int:
    """How many features to attach: ``explain=True`` means 5, an int means that many."""
    return 0 if explain is False else (5 if explain is True else int(explain))


def validate_texts(texts: Any) -> list[str]:
    """The batch as a list of non-empty strings, or a TypeError/ValueError naming the item."""
    if isinstance(texts, (str, bytes)):
        raise TypeError("expected an iterable of str; pass a single str to score() directly")
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(f"expected str or an iterable of str, got {type(texts).__name__}") from None
    for i, text in enumerate(items):
        if not isinstance(text, str):
            raise TypeError(f"item {i}: expected str, got {type(text).__name__}")
        if not text.strip():
            raise ValueError(f"item {i}: empty or whitespace-only text cannot be scored")
    return items


@dataclass(eq=False)
class ToneModel:
    """Everything needed to score: fitted features, the two fitted experts, labels, temperature
    and index weights.

    Pickled, the experts travel as one nested pickle and scoring uses their weights, saved
    beside it as plain arrays: loading a model to score does not import scikit-learn (a second
    per worker process), which happens only when ``estimator`` or ``naive_bayes`` is read.
    """

    space: FeatureSpace
    estimator: LogisticRegression | None  # None for a model read from a scoring artifact
    naive_bayes: ComplementNB | None
    temperature: float = 1.0
    index_weights: Mapping[str, float] = field(default_factory=lambda: dict(INDEX_WEIGHTS))
    label_order: tuple[str, ...] = ()
    _weights: np.ndarray | None = field(default=None, init=False, repr=False)
    _bias: np.ndarray | None = field(default=None, init=False, repr=False)
    _tables: dict[str, np.ndarray] | None = field(default=None, init=False, repr=False)
    _labels: tuple[str, ...] | None = field(default=None, init=False, repr=False)
    _fitted: tuple[np.ndarray, np.ndarray, tuple[str, ...]] | None = field(default=None, init=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        self._fitted_linear()
        state = self.__dict__.copy()
        for derived in ("_weights", "_bias", "_tables", "_labels"):
            state[derived] = None  # rebuilt on first use
        state["_experts"] = pickle.dumps((state.pop("estimator"), state.pop("naive_bayes")),
                                         protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        """``estimator`` and ``naive_bayes`` of an unpickled model, unpickled on first use."""
        experts = self.__dict__.get("_experts")
        if name in ("estimator", "naive_bayes") and experts is not None:
            self.__dict__["estimator"], self.__dict__["naive_bayes"] = pickle.loads(experts)
            del self.__dict__["_experts"]
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def from_linear(cls, space: FeatureSpace, weights: np.ndarray, bias: np.ndarray, fitted_labels: Sequence[str], *,
                    temperature: float = 1.0, index_weights: Mapping[str, float] | None = None,
                    label_order: Sequence[str] = ()) -> "ToneModel":
        """A scoring model from the experts' combined weights (columns x labels) and bias, in
        ``fitted_labels`` order, before calibration: what a scoring artifact stores. It scores
        exactly as the model it was taken from; it has no scikit-learn estimators."""
        model = cls(space=space, estimator=None, naive_bayes=None, temperature=float(temperature),
                    index_weights=dict(INDEX_WEIGHTS if index_weights is None else index_weights),
                    label_order=tuple(label_order))
        model._fitted = (np.asarray(weights, dtype=np.float64), np.asarray(bias, dtype=np.float64),
                         tuple(str(label) for label in fitted_labels))
        return model

    def _fitted_linear(self) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
        """Weights (columns x labels), bias and labels of the two experts together, in the
        experts' label order. With the naive Bayes expert the model is the product of the two
        experts' probabilities; both are linear in the features, so their log-odds add."""
        if self._fitted is None:
            if self.estimator is None:
                raise ValueError("this ToneModel has neither fitted estimators nor combined weights")
            coef = np.asarray(self.estimator.coef_, dtype=np.float64)
            intercept = np.asarray(self.estimator.intercept_, dtype=np.float64)
            if coef.shape[0] == 1:  # scikit-learn stores a two-label model as one row
                coef = np.vstack((-coef[0] / 2, coef[0] / 2))
                intercept = np.array((-intercept[0] / 2, intercept[0] / 2))
            fitted = tuple(str(c) for c in self.estimator.classes_)
            weights, bias = coef.T.copy(), intercept.copy()
            if self.naive_bayes is not None:
                nb_classes = [str(c) for c in self.naive_bayes.classes_]
                weights += self.naive_bayes.feature_log_prob_[[nb_classes.index(label) for label in fitted]].T
            self._fitted = (weights, bias, fitted)
        return self._fitted

    def set_temperature(self, temperature: float) -> None:
        """Calibrate: divide the logits by ``temperature`` (> 0) from now on."""
        _checks.positive_number(temperature, "temperature", "ToneModel.set_temperature")
        self.temperature = float(temperature)
        self._weights = self._bias = self._tables = None

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels in the guideline's order (scikit-learn sorts them alphabetically)."""
        if self._labels is None:
            fitted = self._fitted_linear()[2]
            ordered = [label for label in self.label_order if label in fitted]
            self._labels = tuple(ordered + sorted(set(fitted) - set(ordered)))
        return self._labels

    def _linear(self) -> tuple[np.ndarray, np.ndarray]:
        """Weights (columns x labels) and bias in :attr:`labels` order, divided by the
        calibration temperature."""
        if self._weights is None or self._bias is None:
            weights, bias, fitted = self._fitted_linear()
            order = [fitted.index(label) for label in self.labels]
            self._weights = np.ascontiguousarray(weights[:, order] / self.temperature)
            self._bias = bias[order] / self.temperature
        return self._weights, self._bias

    def _token_tables(self) -> dict[str, np.ndarray]:
        """Per token id, the summed weights of every feature that depends on that token alone
        (word or negated word, prefix, one-word phrase), so a batch costs one gather per token
        instead of one per feature. Rows ``n_ids + id`` hold the token inside a negation scope."""
        if self._tables is None:
            weights, _ = self._linear()
            space, k = self.space, weights.shape[1]

            def rows(cols: np.ndarray) -> np.ndarray:
                out = np.zeros((len(cols), k))
                out[cols >= 0] = weights[cols[cols >= 0]]
                return out

            base = rows(space.stem_col) + rows(space.phrase1_col) + rows(space.unigram_col)
            base_n = ((space.stem_col >= 0).astype(float) + (space.phrase1_col >= 0) + (space.unigram_col >= 0))
            tone = rows(space.phrase1_tone) * float(space.config.phrase_tone_weight)
            # rows n_ids + id: the token inside a negation scope, where only NOT_token counts
            table = np.vstack((base, rows(space.negated_col)))
            count = np.concatenate((base_n, (space.negated_col >= 0).astype(float)))
            tone = np.vstack((tone, np.zeros_like(tone)))
            fold = not space.config.sublinear_norm
            combined = None
            if fold:  # unscaled features: phrase tones can share the gather
                table += tone
                # one table for the single-statement path: token rows, feature rows, phrase-tone rows
                combined = np.vstack((table, weights, float(space.config.phrase_tone_weight) * weights))
            self._tables = {"table": np.ascontiguousarray(table.T), "rows": np.ascontiguousarray(table),
                            "weights": np.ascontiguousarray(weights.T), "combined": combined,  # type: ignore[dict-item]  # None when scaled
                            "count": count, "tone": np.ascontiguousarray(tone.T), "fold": np.array(fold)}
        return self._tables

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated log-odds, one row per text (no validation: callers validate)."""
        _, bias = self._linear()
        tables = self._token_tables()
        space, n = self.space, len(texts)
        ids, tokens, doc_of = space.batch_tokens(texts)
        index = ids + space.n_ids * space._scope(ids) if space.config.negation else ids
        hit_doc, hit_col, tone_doc, tone_col = space.sparse_hits(ids, tokens, doc_of)
        fold, tone_weight = bool(tables["fold"]), float(space.config.phrase_tone_weight)
        # every text ends with its boundary token, so its tokens are one contiguous, non-empty run
        starts = np.empty(n, dtype=np.int64)
        starts[0], starts[1:] = 0, np.flatnonzero(ids == 0)[:-1] + 1
        out = np.add.reduceat(np.take(tables["rows"], index, axis=0), starts, axis=0)
        for j in range(len(bias)):
            out[:, j] += np.bincount(hit_doc, weights=tables["weights"][j][hit_col], minlength=n)
        if not fold:
            count = np.bincount(doc_of, weights=tables["count"][index], minlength=n)
            count += np.bincount(hit_doc, minlength=n)
            out /= np.sqrt(np.maximum(count, 1.0))[:, None]
            for j in range(len(bias)):
                out[:, j] += np.bincount(doc_of, weights=tables["tone"][j][index], minlength=n)
        for j in range(len(bias)):
            out[:, j] += tone_weight * np.bincount(tone_doc, weights=tables["weights"][j][tone_col], minlength=n)
        out += bias
        return out

    def logits_reference(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`logits` computed from the training-time sparse matrix (slow; for tests)."""
        weights, bias = self._linear()
        return np.asarray(self.space.transform(texts) @ weights) + bias  # type: ignore[no-any-return]  # scipy is untyped

    def logits_one(self, text: str) -> np.ndarray:
        """:meth:`logits` of a single text without the batch machinery (numpy's per-call
        overhead dominates on one short statement): the same per-token tables, and the
        remaining features found in plain Python."""
        _, bias = self._linear()
        tables = self._token_tables()
        space = self.space
        ids, tokens = space.ids_one(text)
        if space.config.negation:
            n_ids = space.n_ids
            index = [i + n_ids if s else i for i, s in zip(ids, space._scope_py(ids))]
        else:
            index = ids
        cols, tone_cols = space.hits_one(ids, tokens)
        if tables["combined"] is not None:
            offset = 2 * space.n_ids
            rows = index + [offset + c for c in cols] + [offset + space.n_columns + c for c in tone_cols]
            return tables["combined"][rows].sum(axis=0) + bias  # type: ignore[no-any-return]  # numpy: fancy indexing is Any
        weights = tables["weights"]
        out = tables["table"][:, index].sum(axis=1)
        if cols:
            out += weights[:, cols].sum(axis=1)
        if not tables["fold"]:
            count = float(tables["count"][index].sum()) + len(cols)
            out /= math.sqrt(max(count, 1.0))
            out += tables["tone"][:, index].sum(axis=1)
        if tone_cols:
            out += float(space.config.phrase_tone_weight) * weights[:, tone_cols].sum(axis=1)
        return out + bias

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, columns in :attr:`labels` order."""
        return softmax(self.logits(texts), inplace=True)

    # -- scores ----------------------------------------------------------------------
    @overload
    def score(self, texts: str, *, explain: bool | int = False) -> ToneScore: ...  # type: ignore[overload-overlap]  # a str is an Iterable[str] too
    @overload
    def score(self, texts: Iterable[str], *, explain: bool | int = False) -> list[ToneScore]: ...

    def score(self, texts: str | Iterable[str], *, explain: bool | int = False) -> ToneScore | list[ToneScore]:
        """Score one statement (str) or many (any iterable of str, scored in one vectorised pass).

        ``explain=True`` (or an int k) attaches the k (default 5) features that drove each label.
        """
        if isinstance(texts, str):
            if not texts.strip():
                raise ValueError("empty or whitespace-only text cannot be scored")
            return self._scores([texts], explain)[0]
        return self._scores(validate_texts(texts), explain)

    def _scores(self, texts: list[str], explain: bool | int) -> list[ToneScore]:
        if explain is not False and explain is not True:  # the common cases cost one comparison
            _checks.non_negative_int_or_bool(explain, "explain", "ToneModel.score")
        if not texts:
            return []
        labels = self.labels
        if len(texts) == 1:
            return [self._score_one(texts[0], labels, explain)]
        k = _explain_count(explain)
        weights = np.array([self.index_weights.get(label, 0.0) for label in labels])
        # Tokens, lists and result objects are many small allocations that cannot form a
        # cycle, yet each few hundred of them trigger the cyclic garbage collector; pausing
        # it for the batch saves about a third of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            probabilities = self.predict_proba(texts)
            index = np.clip(probabilities @ weights, -1.0, 1.0).tolist()
            best = probabilities.argmax(axis=1).tolist()
            rows = probabilities.tolist()
            return [ToneScore(labels[top], labels, row, idx, self.explain(text, labels[top], k) if k else (),
                              self, text)
                    for text, row, top, idx in zip(texts, rows, best, index)]
        finally:
            if collecting:
                gc.enable()

    def _score_one(self, text: str, labels: tuple[str, ...], explain: bool | int) -> ToneScore:
        logits = self.logits_one(text).tolist()
        top = max(logits)
        exp = [math.exp(v - top) for v in logits]
        total = sum(exp)
        probabilities = [e / total for e in exp]
        index = tone_index(dict(zip(labels, probabilities)), self.index_weights)
        label = labels[logits.index(top)]
        k = _explain_count(explain)
        return ToneScore(label, labels, probabilities, index, self.explain(text, label, k) if k else (), self, text)

    # -- explanations ----------------------------------------------------------------
    def explain(self, text: str, label: str, k: int = 5) -> tuple[tuple[str, float], ...]:
        """The ``k`` features of ``text`` that add most to ``label``'s log-odds against the mean
        of the other labels (weight x value), strongest first; only those that push towards it."""
        weights, _ = self._linear()
        j = self.labels.index(label)
        cols, values = self.space.encode_one(text)
        totals: dict[int, float] = {}
        others = (weights.sum(axis=1) - weights[:, j]) / max(1, weights.shape[1] - 1)
        for col, value in zip(cols, values):
            totals[col] = totals.get(col, 0.0) + value * float(weights[col, j] - others[col])
        ranked = sorted(((w, c) for c, w in totals.items() if w > 0 and self.space.is_explainable(c)),
                        key=lambda wc: (-wc[0], wc[1]))
        present = set(totals)
        return tuple((self.space.describe(c, present), w) for w, c in ranked[:k])
