"""Real labelled statements as the judge of a model: read a JSON Lines file of ``text`` and
``label`` records, and compute the figures a model gets on them.

The file is never trained on and nothing is fitted to it: it only measures (``tonekit train
--dev FILE`` and ``benchmarks/bench_tone_accuracy.py --dev FILE``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import AnnotationError
from ..tone import ToneModel
from .metrics import classification_figures

__all__ = ["read_labelled", "labelled_figures", "evaluate_labelled"]


def read_labelled(path: Path | str) -> tuple[list[str], list[str]]:
    """The texts and labels of ``path``; a line that is not a record with a non-empty ``text``
    and a ``label`` raises :class:`AnnotationError` naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise AnnotationError(f"{path}: labelled statements file not found")
    texts, labels = [], []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)  # a huge int is a plain ValueError
            raise AnnotationError(f"{path}:{number}: not JSON ({reason})") from None
        text, label = (record.get("text"), record.get("label")) if isinstance(record, dict) else (None, None)
        if not isinstance(text, str) or not text.strip() or not isinstance(label, str):
            raise AnnotationError(f"{path}:{number}: expected a record with a non-empty 'text' and a 'label'")
        texts.append(text)
        labels.append(label)
    if not texts:
        raise AnnotationError(f"{path}: no labelled statements in the file")
    return texts, labels


def labelled_figures(model: ToneModel, texts: list[str], gold: list[str]) -> dict[str, Any]:
    """Macro-F1, F1 per label, the confusion matrix and the calibration error of ``model`` on
    ``texts`` against ``gold`` (columns in the model's label order)."""
    unknown = sorted(set(gold) - set(model.labels))
    if unknown:
        raise AnnotationError(f"labels {unknown} are not in the model's label set {list(model.labels)}")
    probabilities = model.predict_proba(texts)
    labels = list(model.labels)
    predicted = [labels[i] for i in probabilities.argmax(axis=1)]
    return classification_figures(gold, predicted, labels, probabilities)


def evaluate_labelled(model: ToneModel, path: Path | str) -> dict[str, Any]:
    """:func:`labelled_figures` on the file ``path``, with its name."""
    texts, gold = read_labelled(path)
    return {"file": Path(path).name, **labelled_figures(model, texts, gold)}
