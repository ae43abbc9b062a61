"""``tonekit.score``: statements in, :class:`ToneScore` out, with the default model loaded on
first use and cached (importing tonekit loads nothing)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import overload

from .. import _checks
from .model import ToneModel
from .store import load_model
from .result import ToneScore

__all__ = ["score", "default_model", "clear_model_cache"]

_lock = threading.Lock()
_cached: ToneModel | None = None


def default_model() -> ToneModel:
    """The default model, loaded once per process: ``$TONEKIT_MODEL``, else the checkout's
    ``models/DEFAULT``, else the model shipped in the package (see :func:`.store.locate_default_models`)."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = load_model()
        return _cached


def clear_model_cache() -> None:
    """Forget the cached default model, e.g. after ``tonekit train`` promoted a new one."""
    global _cached
    with _lock:
        _cached = None


@overload
def score(texts: str, *, explain: bool | int = False, model: ToneModel | None = None) -> ToneScore: ...  # type: ignore[overload-overlap]  # a str is an Iterable[str] too
@overload
def score(texts: Iterable[str], *, explain: bool | int = False, model: ToneModel | None = None) -> list[ToneScore]: ...


def score(texts: str | Iterable[str], *, explain: bool | int = False,
          model: ToneModel | None = None) -> ToneScore | list[ToneScore]:
    """Score one statement or many (vectorised; same results as one by one).

    Raises TypeError for a non-str item and ValueError for an empty or whitespace-only one,
    naming its index in the batch.
    """
    if not isinstance(texts, str) and not isinstance(texts, Iterable):
        raise TypeError(f"expected str or an iterable of str, got {type(texts).__name__}")
    _checks.non_negative_int_or_bool(explain, "explain", "score")  # before a model is loaded
    return (model or default_model()).score(texts, explain=explain)
