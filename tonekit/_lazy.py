"""Package faces whose names load on first use (PEP 562 module ``__getattr__``), so importing
``tonekit``, ``tonekit.training`` or ``tonekit.integrations`` imports none of the heavy modules
behind them (scikit-learn, spaCy pipelines, pandas)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: a name of ``homes`` (name -> submodule) is imported
    from its submodule on first use and kept on the package, so the next use is a plain lookup."""
    def __getattr__(name: str) -> Any:
        if name in homes:
            value = getattr(import_module(f".{homes[name]}", package), name)
            setattr(sys.modules[package], name, value)
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return __getattr__
