"""The shell every command shares: the ``tonekit`` group, and how a command fails, prints a
table, writes CSV and loads a model."""

from __future__ import annotations

import csv
import logging
import sys
from pathlib import Path

import click

from ..errors import TonekitError
from ..inputs import STDIN_FORMATS

__all__ = ["main", "fail", "csv_writer", "truncate", "print_table", "stdin_format_option", "model_option",
           "load_model_or_fail", "html_option"]


def fail(message: str, code: int = 1) -> None:
    click.echo(f"tonekit: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="tonekit")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and warnings to stderr.")
def main(verbose: bool) -> None:
    """Find the quotes in diplomatic news and score their tone."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="tonekit: %(levelname)s: %(message)s")


def csv_writer(fmt: str, fields: list[str]) -> csv.DictWriter | None:
    """A CSV writer on stdout with its header written, when the format is csv."""
    if fmt != "csv":
        return None
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    return writer


def truncate(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def print_table(rows: list[dict], columns: list[tuple[str, int]]) -> None:
    """A plain fixed-width table: readable in a terminal, greppable in a log."""
    click.echo("  ".join(name.upper().ljust(width) for name, width in columns).rstrip())
    for row in rows:
        click.echo("  ".join(truncate(str(row.get(name) if row.get(name) is not None else "-"), width).ljust(width)
                             for name, width in columns).rstrip())


def stdin_format_option(default: str | None, what: str):  # type: ignore[no-untyped-def]
    return click.option("--stdin-format", type=click.Choice(STDIN_FORMATS), default=default,
                        show_default=default is not None,
                        help=f"What - reads: one text, JSON Lines records, or one item per line. {what}")


def html_option(function):  # type: ignore[no-untyped-def]
    return click.option("--html", is_flag=True,
                        help="Read every text as HTML and keep its article body (.html files always are); "
                        "needs 'tonekit[html]'.")(function)


def model_option(function):  # type: ignore[no-untyped-def]
    return click.option("--model", "model_path", type=click.Path(path_type=Path), default=None,
                        help="Model folder, or a models/ folder with a DEFAULT pointer (default: $TONEKIT_MODEL, "
                        "the checkout's models/, or the model shipped in the package; see `tonekit info`).")(function)


def load_model_or_fail(model_path: Path | None):  # type: ignore[no-untyped-def]
    from ..tone import load_model

    try:
        return load_model(model_path)
    except TonekitError as exc:
        fail(str(exc))
