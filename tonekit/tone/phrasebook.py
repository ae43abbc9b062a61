"""The diplomatic phrasebook: code phrases with their conventional tone, kept as data.

Phrases such as "frank exchange of views" or "firmly opposes" carry a tone by convention that a
few thousand annotated statements cannot all show. The classifier uses them as features (one
per tone and one per phrase), never as rules, so the annotations decide how much each counts.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import PhrasebookError

__all__ = ["Phrasebook", "parse_phrasebook", "load_phrasebook"]

_PHRASE = re.compile(r"^[a-z0-9'-]+( [a-z0-9'-]+){0,4}$")


@dataclass(frozen=True)
class Phrasebook:
    """Phrase -> conventional tone, where the list was read from, and its sha256 (provenance)."""

    entries: dict[str, str]
    source: str
    sha256: str
    text: str = ""

    @property
    def phrases(self) -> list[str]:
        return sorted(self.entries)

    @property
    def tones(self) -> list[str]:
        return sorted(set(self.entries.values()))


def parse_phrasebook(text: str, where: str = "phrasebook.tsv") -> Phrasebook:
    """Parse ``phrase<TAB>tone`` lines; ``#`` starts a comment line."""
    entries: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            raise PhrasebookError(f"{where}:{lineno}: expected 'phrase<TAB>tone', got {line!r}")
        phrase, tone = parts[0].strip(), parts[1].strip()
        if not _PHRASE.match(phrase):
            raise PhrasebookError(f"{where}:{lineno}: phrase {phrase!r} must be 1-5 lower-case words "
                                  "of letters, digits, apostrophes and hyphens")
        if not tone.isidentifier():
            raise PhrasebookError(f"{where}:{lineno}: tone {tone!r} is not a label name")
        if phrase in entries and entries[phrase] != tone:
            raise PhrasebookError(f"{where}:{lineno}: phrase {phrase!r} is listed as both "
                                  f"{entries[phrase]!r} and {tone!r}")
        entries[phrase] = tone
    return Phrasebook(entries=entries, source=where, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text)


def load_phrasebook(path: Path | None = None) -> Phrasebook:
    """The phrasebook at ``path``, or the one shipped in ``tonekit/data/phrasebook.tsv``."""
    if path is None:
        text = resources.files("tonekit").joinpath("data/phrasebook.tsv").read_text(encoding="utf-8")
        return parse_phrasebook(text, "tonekit/data/phrasebook.tsv")
    return parse_phrasebook(Path(path).read_text(encoding="utf-8"), str(path))
