"""Training the tone model from ``annotations/``: validation first, grouped cross-validation,
temperature calibration (on the real quotes we own, held out), a seed-held-out run, then the
final fit on everything.

Deterministic by construction: the folds are fixed by document, the solver (lbfgs) has no
randomness, and every ordering (vocabulary, records, labels) is sorted or file order.
"""

from __future__ import annotations

import fnmatch
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
from .labelled import labelled_figures, read_labelled
from .metrics import classification_figures

__all__ = ["TrainConfig", "TrainingData", "TrainResult", "load_training_data", "fit_model", "train",
           "cross_validate", "out_of_fold_logits", "grouped_folds", "seed_held_out", "DEFAULT_GROUP_WEIGHTS",
           "real_held_out_temperature", "MIN_REAL_FOR_CALIBRATION"]

log = logging.getLogger(__name__)

# The first authored batches (w1-w10) were written for a label: short, clean, one signal, the
# four labels equally frequent. They still teach the code phrases, but real text looks like the
# real-register batches (r*), so they count a tenth as much. Measured on real statements in
# benchmarks/bench_tone_decisions.py (README, "Decisions").
DEFAULT_GROUP_WEIGHTS: dict[str, float] = {"authored-w*": 0.1}
_CLASS_WEIGHTS = (None, "balanced")
_CALIBRATE_ON = ("real", "out_of_fold")
# Fewer real quotes than this cannot pin a temperature down: calibrate out of fold instead.
MIN_REAL_FOR_CALIBRATION = 20


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides the model besides the annotations; saved in ``meta.json``."""

    features: FeatureConfig = field(default_factory=FeatureConfig)
    C: float = 1.0
    naive_bayes_alpha: float | None = 1.0
    max_iter: int = 5000
    seed: int = 0
    calibrate: bool = True
    # None: the labels count as often as the annotations hold them, which in the real-register
    # batches is about as often as real text does; "balanced": every label counts equally.
    class_weight: str | None = None
    # document-group pattern (fnmatch, e.g. "authored-w*") -> weight of its records; the first
    # matching pattern wins, groups no pattern matches weigh 1, weight 0 leaves them out.
    group_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_GROUP_WEIGHTS))
    # "real": fit the temperature on the real quotes among the annotations (the seed quotes and
    # imported article quotes, any source but "authored"), predicted by a model trained without
    # them, when there are at least MIN_REAL_FOR_CALIBRATION; else, and with "out_of_fold", on
    # the out-of-fold predictions of the grouped cross-validation.
    calibrate_on: str = "real"

    def __post_init__(self) -> None:
        _checks.positive_number(self.C, "C", "TrainConfig")
        _checks.positive_number(self.naive_bayes_alpha, "naive_bayes_alpha", "TrainConfig", optional=True)
        _checks.positive_int(self.max_iter, "max_iter", "TrainConfig")
        _checks.one_of(self.class_weight, _CLASS_WEIGHTS, "class_weight", "TrainConfig")
        _checks.one_of(self.calibrate_on, _CALIBRATE_ON, "calibrate_on", "TrainConfig")
        if not isinstance(self.group_weights, dict):
            _checks.invalid("TrainConfig", "group_weights", "a dict of pattern -> weight", self.group_weights)
        for pattern, weight in self.group_weights.items():
            _checks.non_empty_str(pattern, "group_weights pattern", "TrainConfig")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
                _checks.invalid("TrainConfig", f"group_weights[{pattern}]", "a number in [0, 1]", weight)

    def record_weights(self, groups: Sequence[str]) -> np.ndarray:
        """The training weight of each record, from its document group."""
        patterns = list(self.group_weights.items())

        def weight(group: str) -> float:
            return next((float(w) for p, w in patterns if fnmatch.fnmatchcase(group, p)), 1.0)
        cache = {g: weight(g) for g in set(groups)}
        return np.array([cache[g] for g in groups], dtype=float)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data, as ``meta.json`` records it (:meth:`from_dict` reads it back)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TrainConfig":
        """The configuration a model was trained with. Models made before ``class_weight`` and
        ``group_weights`` existed were class-balanced, weighed every record equally and were
        calibrated out of fold."""
        data = dict(data)
        data["features"] = FeatureConfig(**data.get("features", {}))
        data.setdefault("class_weight", "balanced")
        data.setdefault("group_weights", {})
        data.setdefault("calibrate_on", "out_of_fold")
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

    def subset(self, mask: Sequence[bool] | np.ndarray) -> "TrainingData":
        """The records where ``mask`` is true, in order (a cross-validation fold's part)."""
        keep = [i for i, m in enumerate(mask) if m]
        return TrainingData([self.ids[i] for i in keep], [self.texts[i] for i in keep],
                            [self.labels[i] for i in keep], [self.groups[i] for i in keep],
                            [self.sources[i] for i in keep], self.label_set)


@dataclass
class TrainResult:
    """The fitted model and the evaluation report that goes into ``meta.json``."""

    model: ToneModel
    report: dict[str, Any]
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
              label_order: Sequence[str] = (), stopwords: Sequence[str] | None = None,
              groups: Sequence[str] | None = None) -> ToneModel:
    """Fit features, a multinomial logistic regression and, unless disabled, a complement naive
    Bayes expert on the same features (temperature 1). Given the records' ``groups``, each
    record counts with its group's weight (:meth:`TrainConfig.record_weights`), scaled so the
    weights average 1: they say how much a record counts against the others, not how strongly
    the model is regularised.

    The two experts fail differently: the regression weighs features jointly and fits the
    annotations closely; naive Bayes trusts every informative word on its own, which carries
    better to real quotes worded unlike ours (measured in ``benchmarks/bench_tone_decisions.py``).
    """
    weights = None
    if groups is not None:
        weights = config.record_weights(groups)
        keep = weights > 0
        if not keep.all():
            texts = [t for t, k in zip(texts, keep) if k]
            labels = [label for label, k in zip(labels, keep) if k]
            weights = weights[keep]
        if len(set(labels)) < 2:
            raise AnnotationError("fewer than two labels have records of non-zero weight; "
                                  "lower no group weight to 0 that holds the only records of a label")
        weights = weights / weights.mean()  # relative weights: the same weight everywhere changes nothing
    space = FeatureSpace.fit(texts, config.features, phrasebook, stopwords)
    matrix, gold = space.transform(texts), np.asarray(labels)
    estimator = LogisticRegression(C=config.C, class_weight=config.class_weight, max_iter=config.max_iter,
                                   random_state=config.seed)
    estimator.fit(matrix, gold, sample_weight=weights)
    naive_bayes = None
    if config.naive_bayes_alpha is not None:
        naive_bayes = ComplementNB(alpha=config.naive_bayes_alpha).fit(matrix, gold, sample_weight=weights)
    return ToneModel(space=space, estimator=estimator, naive_bayes=naive_bayes,
                     index_weights=dict(index_weights or INDEX_WEIGHTS), label_order=tuple(label_order))


def grouped_folds(data: TrainingData) -> list[np.ndarray]:
    """Held-out masks, one per document group (an authored batch or a seed article), so no
    statement is ever tested against near-duplicates from its own batch."""
    groups = np.asarray(data.groups)
    return [groups == g for g in sorted(set(data.groups))]


def _fit_temperature(logits: np.ndarray, gold_index: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The temperature minimising the (weighted) negative log-likelihood of held-out predictions."""
    def nll(log_t: float) -> float:
        scaled = logits / np.exp(log_t)
        scaled -= scaled.max(axis=1, keepdims=True)
        log_p = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        return float(-np.average(log_p[np.arange(len(gold_index)), gold_index], weights=weights))
    result = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


def _fold_logits(data: TrainingData, held_out: np.ndarray, config: TrainConfig,
                 phrasebook: Phrasebook | None) -> np.ndarray:
    train_part, test_part = data.subset(~held_out), data.subset(held_out)
    if len(set(train_part.labels)) < 2:
        raise AnnotationError("a cross-validation fold has fewer than two labels left to train on; "
                              "add records from more documents")
    model = fit_model(train_part.texts, train_part.labels, config, phrasebook, groups=train_part.groups)
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
                   n_jobs: int = -1) -> tuple[dict[str, Any], float]:
    """Out-of-fold figures (calibrated) over the grouped folds, and the fitted temperature.

    The temperature is fitted on the out-of-fold predictions of our own annotations, each record
    counted with its training weight, so the probabilities are calibrated for the mix of text the
    model was trained for. ``full_weight`` repeats the figures on the records of full weight
    (the real-register batches and the seeds), the part that looks like real text."""
    labels = list(data.label_set)
    raw = out_of_fold_logits(data, config, phrasebook, n_jobs)
    logits = np.where(np.isfinite(raw), raw, -1e9)  # an unlearnable label gets (almost) no probability
    gold_index = np.array([labels.index(g) for g in data.labels])
    weights = config.record_weights(data.groups)
    counted = weights > 0
    temperature = _fit_temperature(logits[counted], gold_index[counted], weights[counted]) if config.calibrate else 1.0
    probabilities = softmax(logits / temperature, inplace=True)
    predicted = [labels[i] for i in probabilities.argmax(axis=1)]
    figures = classification_figures(data.labels, predicted, labels, probabilities)
    figures["calibration_error_uncalibrated"] = classification_figures(
        data.labels, predicted, labels, softmax(logits))["calibration_error"]
    figures["folds"] = len(grouped_folds(data))
    full = weights >= 1
    if full.any() and not full.all():
        figures["full_weight"] = classification_figures(
            [g for g, f in zip(data.labels, full) if f], [p for p, f in zip(predicted, full) if f], labels,
            probabilities[full])
    return figures, temperature


def real_held_out_temperature(data: TrainingData, config: TrainConfig,
                              phrasebook: Phrasebook | None) -> tuple[float, int, ToneModel] | None:
    """The temperature that calibrates the model on real text we own: the annotations' real
    quotes (any source but "authored": the seed quotes, imported article quotes), predicted by
    a model trained without them. Our authored statements are clearer than real ones, so a
    temperature fitted out of fold on them leaves the model overconfident on real text.
    Returns the temperature, the number of real quotes and the model fitted without them; None
    when there are fewer than :data:`MIN_REAL_FOR_CALIBRATION` real quotes."""
    real = [source != "authored" for source in data.sources]
    if sum(real) < MIN_REAL_FOR_CALIBRATION or all(real):
        return None
    train_part, real_part = data.subset([not r for r in real]), data.subset(real)
    model = fit_model(train_part.texts, train_part.labels, config, phrasebook, label_order=data.label_set,
                      groups=train_part.groups)
    labels = list(model.labels)
    gold = np.array([labels.index(label) for label in real_part.labels])
    return _fit_temperature(model.logits(real_part.texts), gold), len(real_part.texts), model


def seed_held_out(data: TrainingData, config: TrainConfig, phrasebook: Phrasebook | None,
                   temperature: float, without_seeds: ToneModel | None = None) -> dict[str, Any] | None:
    """Train without the seed records and test on them: the closest thing to real quotes we have.
    ``without_seeds``, a model already fitted on every record but the seeds, saves the fit."""
    is_seed = [s == "seed" for s in data.sources]
    if not any(is_seed) or all(is_seed):
        return None
    train_part, seed_part = data.subset([not s for s in is_seed]), data.subset(is_seed)
    model = without_seeds or fit_model(train_part.texts, train_part.labels, config, phrasebook,
                                       label_order=data.label_set, groups=train_part.groups)
    model.set_temperature(temperature)
    probabilities = model.predict_proba(seed_part.texts)
    predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
    figures = classification_figures(seed_part.labels, predicted, list(model.labels), probabilities)
    figures["changed"] = [{"id": i, "gold": g, "predicted": p}
                          for i, g, p in zip(seed_part.ids, seed_part.labels, predicted) if g != p]
    return figures


def train(annotations: Path | str = "annotations", *, config: TrainConfig | None = None,
          phrasebook: Path | str | None = None, seeds: Path | str | None = None,
          evaluate: bool = True, n_jobs: int = -1, dev: Path | str | None = None) -> TrainResult:
    """Validate ``annotations``, evaluate by grouped cross-validation, calibrate, and fit the
    final model on every record. Nothing is written: see :func:`tonekit.tone.save_model`.
    ``n_jobs`` processes fit the cross-validation folds (-1: every core). ``dev``, a JSON Lines
    file of real labelled statements, is scored by the final model and reported (``dev``); it
    is read before any work, so a bad file fails fast, and nothing is fitted to it."""
    config = config or TrainConfig()
    started = time.perf_counter()
    data = load_training_data(annotations, seeds)
    dev_records = read_labelled(dev) if dev is not None else None
    book = load_phrasebook(Path(phrasebook) if phrasebook else None) if config.features.phrasebook else None
    index_weights = {**INDEX_WEIGHTS, **annotation_store.load_label_weights(Path(annotations))}
    report: dict[str, Any] = {"records": len(data.texts), "labels": list(data.label_set),
                    "label_counts": {label: data.labels.count(label) for label in data.label_set},
                    "phrasebook": {"source": book.source, "sha256": book.sha256, "phrases": len(book.entries)}
                    if book else None}
    temperature = 1.0
    if evaluate:
        log.info("cross-validating over %d document groups", len(set(data.groups)))
        report["cross_validation"], temperature = cross_validate(data, config, book, n_jobs)
        calibration = {"fitted_on": "out-of-fold predictions", "temperature_out_of_fold": temperature}
        without_seeds = None
        if config.calibrate and config.calibrate_on == "real":
            real = real_held_out_temperature(data, config, book)
            if real is None:
                log.info("fewer than %d real quotes: calibrating out of fold", MIN_REAL_FOR_CALIBRATION)
            else:
                temperature, n_real, without_real = real
                calibration.update(fitted_on=f"{n_real} real quotes held out (seed and imported)",
                                   temperature_real=temperature)
                if all((s == "seed") == (s != "authored") for s in data.sources):
                    without_seeds = without_real  # the real quotes are the seeds: the same fit
        report["calibration"] = calibration
        report["seed_held_out"] = seed_held_out(data, config, book, temperature, without_seeds)
        if report["seed_held_out"] is not None and "temperature_real" in calibration:
            report["seed_held_out"]["calibration_error_in_sample"] = True  # the temperature was fitted on them
    model = fit_model(data.texts, data.labels, config, book, index_weights, data.label_set, groups=data.groups)
    model.set_temperature(temperature if config.calibrate else 1.0)
    if dev_records is not None:
        report["dev"] = {"file": Path(dev).name, **labelled_figures(model, *dev_records)}  # type: ignore[arg-type]
    report["temperature"] = model.temperature
    report["n_features"] = model.space.n_columns
    report["train_seconds"] = round(time.perf_counter() - started, 2)
    return TrainResult(model=model, report=report, data=data, phrasebook=book)
