"""tonekit inside the tools its users already work with: pandas (:mod:`.frames`), spaCy
pipelines (:mod:`.spacy_components`) and scikit-learn (:mod:`.estimator`).

Each module imports its library only when used: ``import tonekit`` needs none of them, and
pandas is an optional extra (``tonekit[pandas]``). Names load on first use.
"""

from .._lazy import lazy_getattr

__all__ = ["to_frame", "ToneClassifier", "QuotesComponent", "ToneComponent"]

_HOMES = {"to_frame": "frames", "ToneClassifier": "estimator", "QuotesComponent": "spacy_components",
          "ToneComponent": "spacy_components"}


__getattr__ = lazy_getattr(__name__, _HOMES)
