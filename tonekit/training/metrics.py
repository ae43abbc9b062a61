"""Evaluation figures reported with every model: macro and per-class F1, the confusion matrix
and the expected calibration error. Plain functions over label lists, so benchmarks and
baselines compute exactly the same numbers as training does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score

__all__ = ["classification_figures", "expected_calibration_error"]


def expected_calibration_error(probabilities: np.ndarray, gold_index: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| of the top label over equal-width confidence bins,
    weighted by bin size (0 = perfectly calibrated)."""
    if len(probabilities) == 0:
        return float("nan")
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == gold_index
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            error += members.mean() * abs(correct[members].mean() - confidence[members].mean())
    return float(error)


def classification_figures(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str],
                           probabilities: np.ndarray | None = None,
                           sample_weight: np.ndarray | None = None) -> dict[str, Any]:
    """Macro-F1 over the labels present in ``gold`` (a label nobody annotated cannot be scored),
    F1 per label, accuracy, the confusion matrix (rows gold, columns predicted, in ``labels``
    order) and, given probabilities with columns in ``labels`` order, the calibration error.
    ``sample_weight`` weighs the records in macro-F1 and F1 (``weighted`` says so)."""
    present = [label for label in labels if label in set(gold)]
    per_class = f1_score(gold, predicted, labels=list(labels), average=None, zero_division=0,
                         sample_weight=sample_weight)
    figures = {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0,
                                   sample_weight=sample_weight)),
        "macro_f1_labels": present,
        "accuracy": float(np.mean(np.asarray(gold) == np.asarray(predicted))) if len(gold) else float("nan"),
        "f1": {label: float(v) for label, v in zip(labels, per_class)},
        "confusion": {"labels": list(labels),
                      "matrix": confusion_matrix(gold, predicted, labels=list(labels)).tolist()},
    }
    if sample_weight is not None:
        figures["weighted"] = True
    if probabilities is not None:
        position = {label: i for i, label in enumerate(labels)}
        gold_index = np.array([position[g] for g in gold])
        figures["calibration_error"] = expected_calibration_error(probabilities, gold_index)
    return figures
