"""tonekit inside the tools its users already work with: pandas (:mod:`.frames`), spaCy
pipelines (:mod:`.spacy_components`) and scikit-learn (:mod:`.estimator`).

Each module imports its library only when used: ``import tonekit`` needs none of them, and
pandas is an optional extra (``tonekit[pandas]``). Names load on first use.
"""

from importlib import import_module
from typing import Any

__all__ = ["to_frame", "ToneClassifier", "QuotesComponent", "ToneComponent"]

_HOMES = {"to_frame": "frames", "ToneClassifier": "estimator", "QuotesComponent": "spacy_components",
          "ToneComponent": "spacy_components"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tonekit.integrations' has no attribute {name!r}")
