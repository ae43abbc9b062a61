"""The progress bar of every command that reads many articles (quotes, score --articles, batch,
annotate): on stderr, and only when stderr is a terminal, so pipes, logs and tests stay clean
unless ``--progress`` forces it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import click

__all__ = ["progress_option", "articles_progress_option", "show_progress", "progress_bar", "article_progress", "above_bar"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def progress_option(function: F, what: str = "") -> F:
    """``--progress/--no-progress``: default None, meaning "when stderr is a terminal"."""
    return click.option("--progress/--no-progress", default=None,
                        help=f"Progress bar on stderr{what} (default: only when stderr is a terminal).")(function)


def articles_progress_option(function: F) -> F:
    """:func:`progress_option` of ``tonekit score``, whose bar counts articles (``--articles``)."""
    return progress_option(function, " with --articles")


def show_progress(progress: bool | None, stream: TextIO | None = None) -> bool:
    """Whether to draw the bar: as forced, or when ``stream`` (stderr) is a terminal."""
    if progress is not None:
        return progress
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress_bar(total: int | None, *, progress: bool | None, unit: str = "article",
                 stream: TextIO | None = None) -> Any:
    """A tqdm bar (articles/s, ETA when ``total`` is known) on ``stream``, or a disabled one."""
    from tqdm import tqdm

    stream = sys.stderr if stream is None else stream
    return tqdm(total=total, unit=unit, disable=not show_progress(progress, stream), file=stream,
                dynamic_ncols=True, mininterval=0.2)


def article_progress(items: Iterable[T], inputs: Sequence[str], *, progress: bool | None,
                     stream: TextIO | None = None) -> Iterator[T]:
    """``items`` (read from ``inputs``) passed through, advancing a bar per item when it is shown.
    The total is :func:`tonekit.inputs.count_hint` (a scan of the inputs, done only for a bar)."""
    from ..inputs import count_hint

    stream = sys.stderr if stream is None else stream
    if not show_progress(progress, stream):
        yield from items
        return
    with progress_bar(count_hint(list(inputs)), progress=True, stream=stream) as bar:
        for item in items:
            yield item
            bar.update(1)


@contextmanager
def above_bar() -> Iterator[None]:
    """Print to stdout without tearing a bar drawn on the same terminal: the bar is cleared,
    the text written, the bar redrawn."""
    from tqdm import tqdm

    with tqdm.external_write_mode():
        yield
