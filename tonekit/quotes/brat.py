"""Read brat standoff attribution files (Source / Cue / Content spans linked by events).

A folder holds ``NAME.txt`` articles and ``NAME[_annotator].ann`` files, either side by side or
in ``text/`` and ``attributions/`` subfolders (the PolNeAR layout). Spans may be discontinuous
("315 448;463 553"). Where an article has files from two annotators, the first by name is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BratFormatError

__all__ = ["BratSpan", "BratAttribution", "BratDocument", "read_brat_dir", "read_ann"]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(.+)$")


@dataclass(frozen=True)
class BratSpan:
    """One text-bound annotation: its kind and its (possibly discontinuous) character ranges."""

    kind: str
    ranges: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return min(a for a, _ in self.ranges)

    @property
    def end(self) -> int:
        return max(b for _, b in self.ranges)


@dataclass(frozen=True)
class BratAttribution:
    content: BratSpan
    cue: BratSpan | None
    source: BratSpan | None


@dataclass
class BratDocument:
    """One brat standoff document: its text and the gold attributions of its ``.ann`` file."""

    name: str
    text: str
    attributions: list[BratAttribution] = field(default_factory=list)

    def span_text(self, span: BratSpan | None) -> str:
        """The text a span covers, its discontinuous pieces joined by a space ("" for None)."""
        if span is None:
            return ""
        return " ".join(self.text[a:b] for a, b in span.ranges)


def read_ann(path: Path, text: str) -> list[BratAttribution]:
    """Attributions of one .ann file; a malformed line raises with file and line number."""
    spans: dict[str, BratSpan] = {}
    events: list[tuple[int, dict[str, str]]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "A", "R", "N", "*")):
            continue
        t = _T_LINE.match(line)
        if t:
            ranges = tuple(tuple(int(x) for x in part.split()) for part in t.group(3).split(";"))
            if any(not 0 <= a <= b <= len(text) for a, b in ranges):
                raise BratFormatError(f"{path}:{lineno}: span {t.group(3)} lies outside the text ({len(text)} characters)")
            spans[t.group(1)] = BratSpan(t.group(2), ranges)  # type: ignore[arg-type]
            continue
        e = _E_LINE.match(line)
        if e:
            args = {}
            for part in e.group(2).split():
                role, _, ref = part.partition(":")
                args[role.rstrip("0123456789")] = ref
            events.append((lineno, args))
            continue
        raise BratFormatError(f"{path}:{lineno}: not a brat standoff line (expected T or E annotation): {line[:60]!r}")
    out = []
    for lineno, args in events:
        content_id = args.get("Content")
        if content_id is None:
            continue
        missing = [ref for ref in args.values() if ref not in spans]
        if missing:
            raise BratFormatError(f"{path}:{lineno}: event refers to undefined annotation {missing[0]}")
        out.append(BratAttribution(spans[content_id], spans.get(args.get("Cue", "")), spans.get(args.get("Source", ""))))
    return out


def read_brat_dir(folder: str | Path) -> list[BratDocument]:
    """Every article in ``folder`` with the attributions of its first .ann file."""
    root = Path(folder)
    if not root.is_dir():
        raise BratFormatError(f"{root}: not a folder; pass a folder of brat .txt and .ann files")
    text_dir = root / "text" if (root / "text").is_dir() else root
    ann_dir = root / "attributions" if (root / "attributions").is_dir() else root
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}*.ann"))
        anns = [a for a in anns if a.stem == txt.stem or re.fullmatch(re.escape(txt.stem) + r"_[^_]+", a.stem)]
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(BratDocument(txt.stem, text, read_ann(anns[0], text)))
    if not docs:
        raise BratFormatError(f"{root}: no .txt file with a matching .ann file found")
    return docs
