"""The intermediate record attribution produces before overlaps and speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Candidate", "Attribution"]


@dataclass(frozen=True)
class Attribution:
    """Who a statement is attributed to, as written in the cue sentence (not yet resolved)."""

    cue: str | None
    cue_start: int | None
    mention_start: int | None
    mention_end: int | None
    mention: str | None


@dataclass(frozen=True)
class Candidate:
    """A statement span with its attribution; ``inherit`` means "same speaker as before"."""

    start: int
    end: int
    kind: Literal["direct", "indirect"]
    attribution: Attribution | None
    inherit: bool = False
