"""tonekit: find the quotes in diplomatic news and score their tone.

Importing tonekit loads no model and no scikit-learn: pipelines and the tone model load on
first use and are cached.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_getattr

from .errors import (AnnotationError, BratFormatError, InvalidModeError, ModelLoadError, ModelVersionWarning,
                     PhrasebookError, PipelineNotInstalledError, ReportInputError, SchedulerError, TonekitError)
from .quotes import Quote, extract_quotes

if TYPE_CHECKING:  # the lazy names below, as type checkers and readers should see them
    from .article import ArticleTone, score_article
    from .batch import ArticleResult, score_articles
    from .inputs import iter_items
    from .integrations import ToneClassifier, to_frame
    from .tone import ToneScore, load_model, score
    from .training import train

__all__ = ["extract_quotes", "Quote", "score", "ToneScore", "load_model", "score_article", "ArticleTone",
           "score_articles", "ArticleResult", "iter_items", "train", "TonekitError", "PipelineNotInstalledError",
           "InvalidModeError", "ModelLoadError", "AnnotationError", "BratFormatError", "ReportInputError",
           "PhrasebookError", "SchedulerError", "ModelVersionWarning", "to_frame", "ToneClassifier"]
__version__ = "0.1.0"

_LAZY = {"score": "tone", "ToneScore": "tone", "load_model": "tone", "score_article": "article",
         "ArticleTone": "article", "score_articles": "batch", "ArticleResult": "batch", "iter_items": "inputs",
         "train": "training", "to_frame": "integrations", "ToneClassifier": "integrations"}


__getattr__ = lazy_getattr(__name__, _LAZY)
