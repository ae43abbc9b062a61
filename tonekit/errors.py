"""Typed errors: each message says what went wrong and how to fix it."""

from __future__ import annotations

__all__ = ["TonekitError", "PipelineNotInstalledError", "InvalidModeError", "BratFormatError",
           "ReportInputError", "AnnotationError", "ModelLoadError", "PhrasebookError", "SchedulerError",
           "ResultsProvenanceError", "WorkspaceError", "ModelVersionWarning", "ExtraNotInstalledError",
           "ComponentOrderError", "QuoteTableError", "InputFormatError"]


class TonekitError(Exception):
    """Base class for every error tonekit raises on purpose."""


class PipelineNotInstalledError(TonekitError):
    """The trained spaCy pipeline that accurate mode needs is not installed."""


class InvalidModeError(TonekitError, ValueError):
    """An extraction mode that tonekit does not know."""


class BratFormatError(TonekitError, ValueError):
    """A brat standoff file that cannot be read; the message names file and line."""


class ReportInputError(TonekitError, ValueError):
    """A batch results file that cannot be read for a report; the message names file and line."""


class AnnotationError(TonekitError, ValueError):
    """Annotations that cannot be trained on; the message lists each problem as file:line."""


class ModelLoadError(TonekitError):
    """A model folder that cannot or must not be loaded; the message says how to fix it."""


class PhrasebookError(TonekitError, ValueError):
    """A phrasebook line is malformed; the message names the file and line."""


class SchedulerError(TonekitError):
    """The Dask scheduler cannot be reached or Dask is not installed."""


class ResultsProvenanceError(TonekitError, ValueError):
    """A results file made by another model or mode (or of unknown provenance) than the run
    that would append to it; the message names both and the ways out."""


class WorkspaceError(TonekitError):
    """A workspace (``tonekit init``) that is missing, incomplete or would be overwritten."""


class ExtraNotInstalledError(TonekitError, ImportError):
    """An optional dependency (pandas, pyarrow, trafilatura) is missing; the message names the
    extra to install."""


class ComponentOrderError(TonekitError, ValueError):
    """A tonekit spaCy component that needs another one before it in the pipeline."""


class QuoteTableError(TonekitError, ValueError):
    """A quote table that cannot be written in the format asked; the message names the column."""



class InputFormatError(TonekitError, ValueError):
    """Input that is not in the format the command reads (plain text given where JSON Lines are
    expected), or bytes that are not text in the encoding they declare or default to (an unknown
    charset label, bytes not valid in it); the message names the input, its line and the fix."""


class ModelVersionWarning(UserWarning):
    """The model was trained with other library versions; predictions may differ slightly."""
