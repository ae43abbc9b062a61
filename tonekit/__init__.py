"""tonekit: find the quotes in diplomatic news and score their tone.

Importing tonekit loads no model; pipelines load on first use and are cached.
"""

from .errors import InvalidModeError, PipelineNotInstalledError, TonekitError
from .extract import extract_quotes
from .quote import Quote

__all__ = ["extract_quotes", "Quote", "TonekitError", "PipelineNotInstalledError", "InvalidModeError"]
__version__ = "0.1.0"
