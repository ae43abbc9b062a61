"""Tone scoring: a statement in, a :class:`ToneScore` out.

The flow: :mod:`.tokens` cuts a statement into tokens; :mod:`.features` turns them into
feature columns (using the :mod:`.phrasebook`); :mod:`.model` scores the columns;
:mod:`.result` holds the score and the tone index. :mod:`.store` owns a model folder on disk
(artifact, ``meta.json``, training records, data copies, the ``DEFAULT`` pointer) and
:mod:`.scoring` keeps the default model loaded. Importing this package loads no model and
no scikit-learn.
"""

from .features import FeatureConfig, FeatureSpace, tokenize
from .model import MODEL_FORMAT, ToneModel, softmax, validate_texts
from .phrasebook import Phrasebook, load_phrasebook, parse_phrasebook
from .result import DEFAULT_LABELS, INDEX_WEIGHTS, ToneScore, index_formula, tone_index
from .scoring import clear_model_cache, default_model, score
from .store import (ARTIFACT, ESTIMATORS, LEGACY_ARTIFACT, META, SCORING_SPEC, convert_model, load_estimators, PACKAGED_MODELS, PHRASEBOOK_COPY, POINTER, SOURCES, STOPWORDS_COPY, TRAINING_RECORDS,
                    annotation_snapshot, checkout_models_dir, default_models_dir, load_model, locate_default_models,
                    model_info, read_meta, read_phrasebook_copy, read_stopwords_copy, read_training_records, resolve_model_dir, save_model, set_default, sha256_file, verify_model,
                    write_training_records)
from .tokens import tokenize_batch, tokenize_one

__all__ = ["score", "ToneScore", "DEFAULT_LABELS", "INDEX_WEIGHTS", "tone_index", "index_formula", "ToneModel", "MODEL_FORMAT", "softmax",
           "validate_texts", "FeatureConfig", "FeatureSpace", "tokenize", "tokenize_one", "tokenize_batch",
           "Phrasebook", "load_phrasebook", "parse_phrasebook", "default_model", "clear_model_cache", "load_model",
           "save_model", "verify_model", "read_meta", "resolve_model_dir", "set_default", "default_models_dir",
           "locate_default_models", "checkout_models_dir", "model_info", "SOURCES", "PACKAGED_MODELS",
           "annotation_snapshot", "sha256_file", "write_training_records", "read_training_records",
           "read_phrasebook_copy", "read_stopwords_copy", "convert_model", "load_estimators", "ARTIFACT",
           "SCORING_SPEC", "ESTIMATORS", "LEGACY_ARTIFACT", "META", "POINTER", "TRAINING_RECORDS", "PHRASEBOOK_COPY",
           "STOPWORDS_COPY"]
