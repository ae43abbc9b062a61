"""Read articles from the command line's FILE | DIR | - arguments, one (id, text) at a time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "ArticleError", "iter_text_articles"]


@dataclass(frozen=True)
class Article:
    """An article's id (path relative to its input folder, the file name, or "-") and text."""

    id: str
    text: str


@dataclass(frozen=True)
class ArticleError:
    """An input that could not be read, with the reason; batch outputs keep one record for it."""

    id: str
    error: str


def _read(path: Path, article_id: str) -> Article | ArticleError:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ArticleError(article_id, f"cannot read {path}: {exc.strerror or exc}")
    if b"\x00" in data[:4096]:
        return ArticleError(article_id, f"{path}: binary file (NUL bytes), not a text article")
    try:
        return Article(article_id, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ArticleError(article_id, f"{path}:{line}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8")


def iter_text_articles(inputs: list[str]) -> Iterator[Article | ArticleError]:
    """Articles from files, folders (every ``*.txt`` inside, sorted) or ``-`` (stdin)."""
    for item in inputs:
        if item == "-":
            yield Article("-", sys.stdin.read())
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield ArticleError(item, f"{path}: folder holds no .txt articles")
            for file in files:
                yield _read(file, file.relative_to(path).as_posix())
        elif path.exists():
            yield _read(path, path.name)
        else:
            yield ArticleError(item, f"{path}: no such file or folder")
