"""Optional dependencies (pandas, pyarrow), imported only where a feature needs them."""

from __future__ import annotations

import importlib
from typing import Any

from .errors import ExtraNotInstalledError

__all__ = ["require"]


def require(module: str, extra: str, what: str) -> Any:
    """Import an optional dependency, or raise :class:`ExtraNotInstalledError` naming the extra
    that installs it (``what`` says which feature needs it)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExtraNotInstalledError(f"{what} needs {module}, which is not installed: "
                                     f"pip install 'tonekit[{extra}]'") from None
