"""Training the tone model: the annotation corpus, pre-annotation of new quotes, fitting and
evaluation, and the promotion gate that decides whether a new model becomes the default.

The flow: :mod:`.annotations` validates and reads ``annotations/``; :mod:`.annotate` suggests
labels for new quotes and imports reviewed ones; :mod:`.fit` builds the training data and fits
and evaluates a model; :mod:`.gate` compares it with the current default; :mod:`.metrics`
computes the figures; :mod:`.labelled` judges a model on real labelled statements. Names load on first use, so ``tonekit annotations check`` does not
import scikit-learn.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_getattr

__all__ = ["train", "TrainConfig", "TrainingData", "TrainResult", "load_training_data", "fit_model",
           "cross_validate", "out_of_fold_logits", "grouped_folds", "seed_held_out", "GateReport", "compare",
           "held_out_groups", "TOLERANCE", "retrain", "RetrainOutcome", "classification_figures", "expected_calibration_error", "check", "seed_note", "seeds_folder",
           "iter_files", "load_records", "load_labels", "load_label_weights", "stats", "cohen_kappa", "Problem",
           "DEFAULT_LABELS", "suggest", "write_todo", "import_todo", "normalise_text", "DEFAULT_GROUP_WEIGHTS",
           "real_held_out_temperature", "MIN_REAL_FOR_CALIBRATION",
           "read_labelled", "labelled_figures", "evaluate_labelled"]

if TYPE_CHECKING:  # the lazy names below, as type checkers see them
    from .annotate import import_todo, normalise_text, suggest, write_todo
    from .annotations import (DEFAULT_LABELS, Problem, check, cohen_kappa, iter_files, load_label_weights, load_labels,
                              load_records, seed_note, seeds_folder, stats)
    from .fit import (DEFAULT_GROUP_WEIGHTS, MIN_REAL_FOR_CALIBRATION, TrainConfig, TrainingData, TrainResult,
                      cross_validate, fit_model, grouped_folds, load_training_data, out_of_fold_logits,
                      real_held_out_temperature, seed_held_out, train)
    from .gate import TOLERANCE, GateReport, RetrainOutcome, compare, held_out_groups, retrain
    from .labelled import evaluate_labelled, labelled_figures, read_labelled
    from .metrics import classification_figures, expected_calibration_error

_HOMES = {"fit": ["train", "TrainConfig", "TrainingData", "TrainResult", "load_training_data", "fit_model",
                  "cross_validate", "out_of_fold_logits", "grouped_folds", "seed_held_out", "DEFAULT_GROUP_WEIGHTS",
                  "real_held_out_temperature", "MIN_REAL_FOR_CALIBRATION"],
          "labelled": ["read_labelled", "labelled_figures", "evaluate_labelled"],
          "gate": ["GateReport", "compare", "held_out_groups", "TOLERANCE", "retrain", "RetrainOutcome"],
          "metrics": ["classification_figures", "expected_calibration_error"],
          "annotations": ["check", "seed_note", "seeds_folder", "iter_files", "load_records", "load_labels", "load_label_weights", "stats",
                          "cohen_kappa", "Problem", "DEFAULT_LABELS"],
          "annotate": ["suggest", "write_todo", "import_todo", "normalise_text"]}
_LAZY = {name: module for module, names in _HOMES.items() for name in names}


__getattr__ = lazy_getattr(__name__, _LAZY)
