"""Training the tone model from ``annotations/``: validation first, grouped cross-validation,
temperature calibration, a seed-held-out run, then the final fit on everything.

Deterministic by construction: the folds are fixed by document, the solver (lbfgs) has no
randomness, and every ordering (vocabulary, records, labels) is sorted or file order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB

from .. import _checks
from ..errors import AnnotationError
from ..tone import INDEX_WEIGHTS, FeatureConfig, FeatureSpace, Phrasebook, ToneModel, load_phrasebook, softmax
from . import annotations as annotation_store
from .metrics import classification_figures

__all__ = ["TrainConfig", "TrainingData", "TrainResult", "load_training_data", "fit_model", "train",
           "cross_validate", "out_of_fold_logits", "grouped_folds", "seed_held_out"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the model besides the annotations; saved in ``meta.json``."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    C: float = 1.0
    naive_bayes_alpha: float | None = 1.0
    max_iter: int = 5000
    seed: int = 0
    calibrate: bool = True

    def __post_init__(self) -> None:
        _checks.positive_number(self.C, "C", "TrainConfig")
        _checks.positive_number(self.naive_bayes_alpha, "naive_bayes_alpha", "TrainConfig", optional=True)
        _checks.positive_int(self.max_iter, "max_iter", "TrainConfig")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        data = dict(data)
        data["features"] = FeatureConfig(**data.get("features", {}))
        return cls(**data)


@dataclass
class TrainingData:
    """The annotation records as parallel lists, in file order."""

    ids: list[str]
    texts: list[str]
    labels: list[str]
    groups: list[str]
    sources: list[str]
    label_set: tuple[str, ...]

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, Any]], label_set: Sequence[str]) -> "TrainingData":
        """Parallel lists of annotation records or of the records a model folder kept. The group
        is the record's ``group`` (kept records) or its document, else its id (annotations)."""
        return cls(ids=[r["id"] for r in records], texts=[r["text"] for r in records],
                   labels=[r["label"] for r in records],
                   groups=[str(r["group"]) if "group" in r else str(r.get("doc") or r["id"]) for r in records],
                   sources=[r["source"] for r in records], label_set=tuple(label_set))

    def records(self) -> Iterator[dict[str, str]]:
        """One dict per record (id, text, label, group, source): what a model folder keeps."""
        for row in zip(self.ids, self.texts, self.labels, self.groups, self.sources):
            yield dict(zip(("id", "text", "label", "group", "source"), row))

    def subset(self, mask: Sequence[bool]) -> "TrainingData":
        keep = [i for i, m in enumerate(mask) if m]
        return TrainingData([self.ids[i] for i in keep], [self.texts[i] for i in keep],
                            [self.labels[i] for i in keep], [self.groups[i] for i in keep],
                            [self.sources[i] for i in keep], self.label_set)


@dataclass
class TrainResult:
    """The fitted model and the evaluation report that goes into ``meta.json``."""

    model: ToneModel
    report: dict
    data: TrainingData
    phrasebook: Phrasebook | None = None


def load_training_data(folder: Path | str, seeds: Path | str | None = None) -> TrainingData:
    """Validate then load ``folder``; any problem raises :class:`AnnotationError` before any work."""
    folder = Path(folder)
    if not folder.is_dir():
        raise AnnotationError(f"{folder}: annotations folder not found")
    problems = annotation_store.check(folder, Path(seeds) if seeds else None)
    if problems:
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise AnnotationError(f"{len(problems)} problem(s) in {folder}; no model was written:\n{shown}{more}")
    records = annotation_store.load_records(folder)
    if not records:
        raise AnnotationError(f"{folder}: no annotation records found (expected *.jsonl files)")
    declared = annotation_store.load_labels(folder)
    used = {r["label"] for r in records}
    label_set = tuple(label for label in declared if label in used)
    if len(label_set) < 2:
        raise AnnotationError(f"{folder}: training needs at least two labels with records, found {sorted(used)}")
    return TrainingData.from_records(records, label_set)


def fit_model(texts: Sequence[str], labels: Sequence[str], config: TrainConfig,
              phrasebook: Phrasebook | None, index_weights: dict[str, float] | None = None,
              label_order: Sequence[str] = (), stopwords: Sequence[str] | None = None) -> ToneModel:
    """Fit features, a class-balanced multinomial logistic regression and, unless disabled, a
    complement naive Bayes expert on the same features (temperature 1).

    The two experts fail differently: the regression weighs features jointly and fits the
    annotations closely; naive Bayes trusts every informative word on its own, which carries
    better to real quotes worded unlike ours (measured in ``benchmarks/bench_tone_accuracy.py``).
    """
    space = FeatureSpace.fit(texts, config.features, phrasebook, stopwords)
    matrix, gold = space.transform(texts), np.asarray(labels)
    estimator = LogisticRegression(C=config.C, class_weight="balanced", max_iter=config.max_iter,
                                   random_state=config.seed)
    estimator.fit(matrix, gold)
    naive_bayes = None
    if config.naive_bayes_alpha is not None:
        naive_bayes = ComplementNB(alpha=config.naive_bayes_alpha).fit(matrix, gold)
    return ToneModel(space=space, estimator=estimator, naive_bayes=naive_bayes,
                     index_weights=dict(index_weights or INDEX_WEIGHTS), label_order=tuple(label_order))


def grouped_folds(data: TrainingData) -> list[np.ndarray]:
    """Held-out masks, one per document group (an authored batch or a seed article), so no
    statement is ever tested against near-duplicates from its own batch."""
    groups = np.asarray(data.groups)
    return [groups == g for g in sorted(set(data.groups))]


def _fit_temperature(logits: np.ndarray, gold_index: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of held-out predictions."""
    def nll(log_t: float) -> float:
        scaled = logits / np.exp(log_t)
        scaled -= scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(gold_index)), gold_index].mean())
    result = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


def _fold_logits(data: TrainingData, held_out: np.ndarray, config: TrainConfig,
                 phrasebook: Phrasebook | None) -> np.ndarray:
    train_part, test_part = data.subset(~held_out), data.subset(held_out)
    if len(set(train_part.labels)) < 2:
        raise AnnotationError("a cross-validation fold has fewer than two labels left to train on; "
                              "add records from more documents")
    model = fit_model(train_part.texts, train_part.labels, config, phrasebook)
    fold_logits = model.logits(test_part.texts)
    labels = list(data.label_set)
    out = np.full((len(test_part.texts), len(labels)), -np.inf)
    for j, label in enumerate(labels):
        if label in model.labels:
            out[:, j] = fold_logits[:, model.labels.index(label)]
    return out


def out_of_fold_logits(data: TrainingData, config: TrainConfig, phrasebook: Phrasebook | None,
                       n_jobs: int = -1) -> np.ndarray:
    """Uncalibrated logits of every record from the model that did not see its document
    group; columns in ``data.label_set`` order (-inf for a label its fold could not learn).
    Folds are fitted in parallel processes (``n_jobs``, -1 = every core); results do not
    depend on it."""
    from joblib import Parallel, delayed

    folds = grouped_folds(data)
    parts = Parallel(n_jobs=n_jobs)(delayed(_fold_logits)(data, held_out, config, phrasebook) for held_out in folds)
    logits = np.zeros((len(data.texts), len(data.label_set)))
    for held_out, part in zip(folds, parts):
        logits[held_out] = part
    return logits


def cross_validate(data: TrainingData, config: TrainConfig, phrasebook: Phrasebook | None,
                   n_jobs: int = -1) -> tuple[dict, float]:
    """Out-of-fold figures (calibrated) over the grouped folds, and the fitted temperature."""
    labels = list(data.label_set)
    raw = out_of_fold_logits(data, config, phrasebook, n_jobs)
    logits = np.where(np.isfinite(raw), raw, -1e9)  # an unlearnable label gets (almost) no probability
    gold_index = np.array([labels.index(g) for g in data.labels])
    temperature = _fit_temperature(logits, gold_index) if config.calibrate else 1.0
    probabilities = softmax(logits / temperature, inplace=True)
    predicted = [labels[i] for i in probabilities.argmax(axis=1)]
    figures = classification_figures(data.labels, predicted, labels, probabilities)
    figures["calibration_error_uncalibrated"] = classification_figures(
        data.labels, predicted, labels, softmax(logits))["calibration_error"]
    figures["folds"] = len(grouped_folds(data))
    return figures, temperature


def seed_held_out(data: TrainingData, config: TrainConfig, phrasebook: Phrasebook | None,
                   temperature: float) -> dict | None:
    """Train without the seed records and test on them: the closest thing to real quotes we have."""
    is_seed = [s == "seed" for s in data.sources]
    if not any(is_seed) or all(is_seed):
        return None
    train_part, seed_part = data.subset([not s for s in is_seed]), data.subset(is_seed)
    model = fit_model(train_part.texts, train_part.labels, config, phrasebook, label_order=data.label_set)
    model.set_temperature(temperature)
    probabilities = model.predict_proba(seed_part.texts)
    predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
    figures = classification_figures(seed_part.labels, predicted, list(model.labels), probabilities)
    figures["changed"] = [{"id": i, "gold": g, "predicted": p}
                          for i, g, p in zip(seed_part.ids, seed_part.labels, predicted) if g != p]
    return figures


def train(annotations: Path | str = "annotations", *, config: TrainConfig | None = None,
          phrasebook: Path | str | None = None, seeds: Path | str | None = None,
          evaluate: bool = True, n_jobs: int = -1) -> TrainResult:
    """Validate ``annotations``, evaluate by grouped cross-validation, calibrate, and fit the
    final model on every record. Nothing is written: see :func:`tonekit.tone.save_model`.
    ``n_jobs`` processes fit the cross-validation folds (-1: every core)."""
    config = config or TrainConfig()
    started = time.perf_counter()
    data = load_training_data(annotations, seeds)
    book = load_phrasebook(Path(phrasebook) if phrasebook else None) if config.features.phrasebook else None
    index_weights = {**INDEX_WEIGHTS, **annotation_store.load_label_weights(Path(annotations))}
    report: dict = {"records": len(data.texts), "labels": list(data.label_set),
                    "label_counts": {label: data.labels.count(label) for label in data.label_set},
                    "phrasebook": {"source": book.source, "sha256": book.sha256, "phrases": len(book.entries)}
                    if book else None}
    temperature = 1.0
    if evaluate:
        log.info("cross-validating over %d document groups", len(set(data.groups)))
        report["cross_validation"], temperature = cross_validate(data, config, book, n_jobs)
        report["seed_held_out"] = seed_held_out(data, config, book, temperature)
    model = fit_model(data.texts, data.labels, config, book, index_weights, data.label_set)
    model.set_temperature(temperature if config.calibrate else 1.0)
    report["temperature"] = model.temperature
    report["n_features"] = model.space.n_columns
    report["train_seconds"] = round(time.perf_counter() - started, 2)
    return TrainResult(model=model, report=report, data=data, phrasebook=book)
