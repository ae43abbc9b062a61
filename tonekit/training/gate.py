"""The promotion gate, and the retrain sequence around it: this is where a model is promoted.

:func:`retrain` trains on the annotations, saves a new versioned model folder, compares it with
the current default and moves the ``DEFAULT`` pointer if the gate lets it. A newly trained model
becomes the default only if it is not worse than the current default on the same held-out
split, judged by the annotations as they are now.

A fair comparison needs a split that neither model trained on. Every model folder keeps the
records it was trained on and its data files (see :mod:`tonekit.tone.store`), so the gate can
retrain both recipes without the held-out part:

- the split is a fixed quarter (by a stable hash) of the document groups that both the current
  default and the new annotations contain, taken apart among the groups of full training weight
  and the down-weighted ones, so the real-register batches are always judged and not only the
  clean early ones; groups just added are never held out, so new data always counts for the new
  model (and a harmful new batch shows as a loss on the groups both know);
- the current default's recipe (its configuration, phrasebook and stopwords) is retrained on its own
  records minus the held-out groups, the new recipe on the new annotations minus them;
- both are scored against the new annotations' labels of the held-out records (a correction
  the user made is the truth from now on), each record counted with its weight in the new
  recipe, so a model that gains on real-register text is not refused for a smaller loss on
  the clean early batches.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelLoadError, TonekitError
from ..tone import (META, PACKAGED_MODELS, POINTER, Phrasebook, annotation_snapshot, default_models_dir, load_model, read_meta,
                    read_phrasebook_copy, read_stopwords_copy, read_training_records, resolve_model_dir, save_model,
                    set_default)
from .fit import TrainConfig, TrainingData, TrainResult, fit_model, train
from .metrics import classification_figures

__all__ = ["GateReport", "RetrainOutcome", "compare", "held_out_groups", "retrain", "TOLERANCE"]

log = logging.getLogger(__name__)
TOLERANCE = 0.01  # macro-F1 the new model may lose and still be promoted


@dataclass
class GateReport:
    """Both models on the same held-out records, and the verdict."""

    held_out_groups: list[str]
    n_held_out: int
    current: dict[str, Any]
    new: dict[str, Any]
    seed_changes: list[dict[str, str]] = field(default_factory=list)
    tolerance: float = TOLERANCE

    @property
    def drop(self) -> float:
        return self.current["macro_f1"] - self.new["macro_f1"]  # type: ignore[no-any-return]  # figures are floats

    @property
    def passed(self) -> bool:
        return self.drop <= self.tolerance + 1e-12

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the comparison, verdict included."""
        return {"held_out_groups": self.held_out_groups, "n_held_out": self.n_held_out, "current": self.current,
                "new": self.new, "drop": self.drop, "tolerance": self.tolerance, "passed": self.passed,
                "seed_changes": self.seed_changes}


def held_out_groups(current: TrainingData, new: TrainingData, share: float = 0.25,
                    config: TrainConfig | None = None) -> list[str]:
    """A fixed ``share`` of the groups both sets contain, chosen by a stable hash, at least one;
    taken apart among full-weight and down-weighted groups (by ``config``'s group weights) so
    that each kind is represented."""
    common = sorted(set(current.groups) & set(new.groups))
    if not common:
        return []
    weights = dict(zip(common, (config or TrainConfig()).record_weights(common)))
    chosen: list[str] = []
    for kind in ([g for g in common if weights[g] >= 1], [g for g in common if weights[g] < 1]):
        if kind:
            ranked = sorted(kind, key=lambda g: hashlib.sha256(g.encode("utf-8")).hexdigest())
            chosen += ranked[: max(1, round(share * len(kind)))]
    return sorted(chosen)


def _keep(data: TrainingData, groups: set[str], inside: bool) -> TrainingData:
    return data.subset([(g in groups) == inside for g in data.groups])


def compare(current_folder: Path, new: TrainingData, new_config: TrainConfig, new_phrasebook: Phrasebook | None,
            new_model: Any) -> GateReport | None:
    """Score the current default's recipe (from its folder) and the new one on the same held-out
    split; None when the current default kept no training records or the two share no group."""
    kept = read_training_records(current_folder)
    if kept is None:
        return None
    meta = read_meta(current_folder)
    current = TrainingData.from_records(kept, meta["labels"])
    current_config = TrainConfig.from_dict(meta["config"])
    groups = held_out_groups(current, new, config=new_config)
    if not groups:
        return None
    chosen = set(groups)
    held_out = _keep(new, chosen, inside=True)
    weights = new_config.record_weights(held_out.groups)  # judged by the mix the new recipe trains for
    current_book = read_phrasebook_copy(current_folder)
    current_stopwords = read_stopwords_copy(current_folder)
    if current_stopwords is None:
        log.info("%s: stopwords not recorded (an older model); retraining its recipe with today's list",
                 current_folder.name)
    labels = list(dict.fromkeys([*new.label_set, *current.label_set]))
    figures = {}
    for name, data, config, book, stopwords in (("current", current, current_config, current_book, current_stopwords),
                                                ("new", new, new_config, new_phrasebook, None)):
        training = _keep(data, chosen, inside=False)
        model = fit_model(training.texts, training.labels, config, book, label_order=data.label_set, groups=training.groups,
                          stopwords=stopwords)
        predicted = [s.label for s in model.score(held_out.texts)]
        figures[name] = classification_figures(held_out.labels, predicted, labels, sample_weight=weights)
    seeds = [(i, t) for i, t, s in zip(new.ids, new.texts, new.sources) if s == "seed"]
    changes = []
    if seeds:
        before = load_model(current_folder).score([t for _, t in seeds])
        after = new_model.score([t for _, t in seeds])
        changes = [{"id": i, "text": t, "current": b.label, "new": a.label}
                   for (i, t), b, a in zip(seeds, before, after) if b.label != a.label]
    return GateReport(held_out_groups=groups, n_held_out=len(held_out.texts), current=figures["current"],
                      new=figures["new"], seed_changes=changes)


@dataclass(frozen=True)
class RetrainOutcome:
    """What :func:`retrain` did: the new model folder, its training report, the gate's report
    (None when there was nothing to compare with), and whether it became the default and why."""

    model_dir: Path
    result: TrainResult
    gate: GateReport | None
    promoted: bool
    reason: str
    current_dir: Path | None = None

    @property
    def report(self) -> dict[str, Any]:
        return self.result.report

    @property
    def pointer(self) -> Path:
        return self.model_dir.parent / POINTER

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: the model folder, its training report, the gate's, and the verdict."""
        return {"model": str(self.model_dir), **self.report, "gate": self.gate.to_dict() if self.gate else None,
                "promoted": self.promoted, "reason": self.reason}


def default_out(annotations: Path | str, models_dir: Path | str | None = None) -> Path:
    """``models/tone-<annotation sha256 prefix>``, beside the current default's models folder."""
    models = Path(models_dir) if models_dir is not None else default_models_dir()
    if (models / META).exists():  # a model folder (e.g. $TONEKIT_MODEL): train beside it
        models = models.parent
    if models.resolve().is_relative_to(PACKAGED_MODELS):
        raise ModelLoadError(f"the default model is the one shipped inside the installed package ({PACKAGED_MODELS}); "
                             "training never writes there: pass --out DIR/NAME (a folder of your own)")
    return models / f"tone-{annotation_snapshot(Path(annotations))[:10]}"


def retrain(annotations: Path | str = "annotations", models_dir: Path | str | None = None, *, force: bool = False,
            promote: bool = True, out: Path | str | None = None, phrasebook: Path | str | None = None,
            config: TrainConfig | None = None, evaluate: bool = True,
            dev: Path | str | None = None) -> RetrainOutcome:
    """Train on ``annotations``, save a new model folder (``out``, default
    ``models_dir/tone-<annotation sha256 prefix>``; never overwritten), compare it with the
    default of its models folder, and make it the default if the gate passes it (or ``force``),
    unless ``promote`` is False. ``dev`` (real labelled statements) is only measured and
    reported, never trained on, and does not enter the gate. Raises a :class:`TonekitError` before anything is written if
    the annotations cannot be trained on."""
    config = config or TrainConfig()
    out = Path(out) if out is not None else default_out(annotations, models_dir)  # refuses before training
    result = train(annotations, config=config, phrasebook=phrasebook, evaluate=evaluate, dev=dev)
    save_model(result.model, out, report=result.report, config=config.to_dict(), annotations=annotations,
               records=result.data.records(), phrasebook=result.phrasebook)
    models = out.parent
    gate = current_dir = None
    if (models / POINTER).exists():
        try:
            current_dir = resolve_model_dir(models)
            gate = compare(current_dir, result.data, config, result.phrasebook, result.model)
        except TonekitError as exc:
            raise ModelLoadError(f"cannot compare with the current default: {exc}") from exc
    if not promote:
        promoted, reason = False, "not asked to promote (--no-promote)"
    elif gate is None:
        promoted = True
        reason = ("no current default to compare with" if current_dir is None
                  else "the current default kept no training records, or shares no document group with the new one")
    elif gate.passed:
        promoted, reason = True, f"macro-F1 on the held-out split dropped by {gate.drop:.3f} (<= {gate.tolerance})"
    elif force:
        promoted, reason = True, "forced past the gate"
    else:
        promoted, reason = False, f"macro-F1 on the held-out split dropped by {gate.drop:.3f} (> {gate.tolerance})"
    if promoted:
        set_default(models, out.name)
    log.info("%s: %s (%s)", out.name, "promoted" if promoted else "not promoted", reason)
    return RetrainOutcome(model_dir=out, result=result, gate=gate, promoted=promoted, reason=reason,
                          current_dir=current_dir)
