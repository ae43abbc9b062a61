"""The result of scoring one statement, and the tone index that summarises it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import _checks

__all__ = ["ToneScore", "DEFAULT_LABELS", "INDEX_WEIGHTS", "tone_index", "index_formula"]

# The one home of the built-in label set (in the guideline's order) and of the index weights:
# index = P(cooperative) - 0.5 P(candid) - P(conflictual). A label the project adds later
# (e.g. "hostile") weighs 0 unless the annotation guideline gives it a weight.
INDEX_WEIGHTS: Mapping[str, float] = {"cooperative": 1.0, "candid": -0.5, "conflictual": -1.0, "neutral": 0.0}
DEFAULT_LABELS: tuple[str, ...] = tuple(INDEX_WEIGHTS)
_FRACTIONS = {1.0: "", 0.5: "\u00bd ", 0.25: "\u00bc ", 0.75: "\u00be "}


def tone_index(scores: Mapping[str, float], weights: Mapping[str, float] = INDEX_WEIGHTS) -> float:
    """The weighted sum of label probabilities, clipped to [-1, 1]."""
    value = sum(weights.get(label, 0.0) * p for label, p in scores.items())
    return max(-1.0, min(1.0, value))


def index_formula(weights: Mapping[str, float] = INDEX_WEIGHTS) -> str:
    """The index as people read it: "P(cooperative) \u2212 \u00bd P(candid) \u2212 P(conflictual)"
    (labels of weight 0 left out)."""
    terms: list[str] = []
    for label, weight in weights.items():
        if weight == 0:
            continue
        size = abs(weight)
        factor = _FRACTIONS.get(size, f"{size:g} ")
        sign = "\u2212 " if weight < 0 else ("+ " if terms else "")
        terms.append(f"{sign}{factor}P({label})")
    return " ".join(terms)


@dataclass(frozen=True, slots=True, repr=False)
class ToneScore:
    """A statement's tone: the most probable label, every label's probability and the index.

    ``phrases`` holds the features that drove the label when scoring with ``explain=True``;
    :meth:`explain` computes them on demand otherwise. ``scores`` is built from the
    probabilities when read: a batch of 100,000 results is a third cheaper to create.
    """

    label: str
    _labels: tuple[str, ...]
    _probabilities: Sequence[float]
    index: float
    phrases: tuple[tuple[str, float], ...] = ()
    _model: Any = field(default=None, compare=False)
    _text: str | None = field(default=None, compare=False)

    @property
    def scores(self) -> dict[str, float]:
        """Label -> probability (summing to 1), in the model's label order."""
        return dict(zip(self._labels, self._probabilities))

    def __repr__(self) -> str:
        return (f"ToneScore(label={self.label!r}, scores={self.scores!r}, index={self.index!r}, "
                f"phrases={self.phrases!r})")

    def explain(self, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` features (words, bigrams, phrasebook phrases) that pushed hardest towards
        ``label``, with their contribution to its log-odds against the other labels."""
        _checks.positive_int(k, "k", "ToneScore.explain")
        if self.phrases and len(self.phrases) >= k:
            return list(self.phrases[:k])
        if self._model is None or self._text is None:
            return list(self.phrases[:k])
        return list(self._model.explain(self._text, self.label, k))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (explanation included only if it was computed)."""
        out: dict[str, Any] = {"label": self.label, "index": round(self.index, 4),
                     "scores": {k: round(v, 4) for k, v in self.scores.items()}}
        if self.phrases:
            out["phrases"] = [[name, round(weight, 4)] for name, weight in self.phrases]
        return out
