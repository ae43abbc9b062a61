"""The shell every command shares: the ``tonekit`` group, and how a command fails, prints a
table, writes CSV and loads a model."""

from __future__ import annotations

import csv
import logging
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..errors import TonekitError
from ..inputs import STDIN_FORMATS

if TYPE_CHECKING:
    from ..tone import ToneModel

__all__ = ["main", "fail", "csv_writer", "truncate", "print_table", "table_width", "wrap_cell", "width_option",
           "stdin_format_option", "model_option",
           "load_model_or_fail", "html_option"]

_Command = TypeVar("_Command", bound=Callable[..., Any])  # a command function under its click decorators


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"tonekit: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="tonekit")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and warnings to stderr.")
def main(verbose: bool) -> None:
    """Find the quotes in diplomatic news and score their tone."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="tonekit: %(levelname)s: %(message)s")


def csv_writer(fmt: str, fields: list[str]) -> csv.DictWriter[str] | None:
    """A CSV writer on stdout with its header written, when the format is csv."""
    if fmt != "csv":
        return None
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    return writer


def truncate(text: str | None, width: int) -> str:
    """One line of at most ``width`` characters, cut with an ellipsis (for one-line summaries,
    never for table cells: :func:`print_table` wraps)."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


DEFAULT_TABLE_WIDTH = 120  # when stdout is not a terminal


def table_width(width: int | None) -> int:
    """The width a table fills: ``--width`` as given (0: no limit), else the terminal's columns
    when stdout is one, else :data:`DEFAULT_TABLE_WIDTH`."""
    if width is not None:
        return width
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_TABLE_WIDTH, 24)).columns
    return DEFAULT_TABLE_WIDTH


def wrap_cell(text: str, width: int) -> list[str]:
    """A cell's text as lines of at most ``width`` characters (whitespace runs become one space,
    a word longer than the column is split); nothing is cut. ``width`` 0 keeps one line."""
    text = " ".join(text.split())
    if width <= 0 or len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


_MIN_LAST = 20


def _fit(columns: list[tuple[str, int]], total: int) -> list[int]:
    """Column widths that fill ``total``: the last column takes what the others leave."""
    fixed = [w for _, w in columns[:-1]]
    room = total - 2 * (len(columns) - 1)  # two spaces between columns
    if sum(fixed) + _MIN_LAST > room and fixed:
        scale = max(room - _MIN_LAST, 0) / sum(fixed)
        fixed = [max(len(name), 4, int(w * scale)) for (name, _), w in zip(columns, fixed)]
    return [*fixed, max(_MIN_LAST, room - sum(fixed))]


def print_table(rows: list[dict[str, Any]], columns: list[tuple[str, int]], width: int | None = None) -> None:
    """A plain table, readable in a terminal and greppable in a log. Every column keeps its
    width but the last, which takes the rest of ``width`` (see :func:`table_width`; at least 20
    characters); a cell longer than its column wraps onto continuation lines rather than being
    cut; when even the fixed columns do not fit, they shrink in proportion (never below their
    heading). ``width`` 0 writes each row on one line, cells in full."""
    total = table_width(width)
    widths = _fit(columns, total) if total > 0 else [w for _, w in columns]
    click.echo("  ".join(name.upper().ljust(w) for (name, _), w in zip(columns, widths)).rstrip())
    for row in rows:
        cells = [wrap_cell(str(row.get(name) if row.get(name) is not None else "-"), w if total > 0 else 0)
                 for (name, _), w in zip(columns, widths)]
        for n in range(max(len(c) for c in cells)):
            click.echo("  ".join((c[n] if n < len(c) else "").ljust(w) for c, w in zip(cells, widths)).rstrip())


def width_option(function: _Command) -> _Command:
    return click.option("--width", type=click.IntRange(min=0), default=None,
                        help="Width of --format table: long cells wrap to fit (0: one line per row, cells in full; "
                             f"default: the terminal's width, or {DEFAULT_TABLE_WIDTH} when stdout is not a "
                             "terminal).")(function)


def stdin_format_option(default: str | None, what: str) -> Callable[[_Command], _Command]:
    return click.option("--stdin-format", type=click.Choice(STDIN_FORMATS), default=default,
                        show_default=default is not None,
                        help=f"What - reads: one text, JSON Lines records, or one item per line. {what}")


def html_option(function: _Command) -> _Command:
    return click.option("--html", is_flag=True,
                        help="Read every text as HTML and keep its article body (.html files always are); "
                        "needs 'tonekit[html]'.")(function)


def model_option(function: _Command) -> _Command:
    return click.option("--model", "model_path", type=click.Path(path_type=Path), default=None,
                        help="Model folder, or a models/ folder with a DEFAULT pointer (default: $TONEKIT_MODEL, the workspace's models/, "
                        "the checkout's models/, or the model shipped in the package; see `tonekit info`).")(function)


def load_model_or_fail(model_path: Path | None) -> ToneModel:
    from ..tone import load_model

    try:
        return load_model(model_path)
    except TonekitError as exc:
        fail(str(exc))
