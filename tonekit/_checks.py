"""Argument checks for the public entry points, with one message shape:

    the 'explain' argument of score must be a non-negative int or bool; got -2

Each check returns the value it accepted and raises ValueError otherwise (a bool is never
taken for an int: ``n_jobs=True`` is a mistake, not 1).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NoReturn, TypeGuard

__all__ = ["invalid", "positive_int", "non_negative_int_or_bool", "positive_number", "non_empty_str", "one_of"]


def invalid(where: str, name: str, expected: str, value: Any) -> NoReturn:
    """Raise the ValueError every check raises: which argument of which call, what it must be, what it got."""
    raise ValueError(f"the {name!r} argument of {where} must be {expected}; got {value!r}")


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def positive_int(value: Any, name: str, where: str, *, or_minus_one: bool = False) -> int:
    """An int >= 1 (or -1 when ``or_minus_one``: "one per core")."""
    if not _is_int(value) or not (value >= 1 or (or_minus_one and value == -1)):
        invalid(where, name, "a positive int or -1" if or_minus_one else "a positive int", value)
    return value


def non_negative_int_or_bool(value: Any, name: str, where: str) -> int | bool:
    """A bool, or an int >= 0 (how many of something, True meaning a default number)."""
    if not (isinstance(value, bool) or (_is_int(value) and value >= 0)):
        invalid(where, name, "a non-negative int or bool", value)
    return value


def positive_number(value: Any, name: str, where: str, *, optional: bool = False) -> float | None:
    """An int or float > 0, not NaN (or None when ``optional``)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        invalid(where, name, "a positive number or None" if optional else "a positive number", value)
    return value


def non_empty_str(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        invalid(where, name, "a non-empty str", value)
    return value


def one_of(value: Any, choices: Collection[Any], name: str, where: str) -> Any:
    if value not in choices:
        invalid(where, name, "one of " + ", ".join(repr(c) for c in choices), value)
    return value
