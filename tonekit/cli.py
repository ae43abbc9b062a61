"""The ``tonekit`` command: a thin shell over the library. Library errors become one-line
messages on stderr and a non-zero exit code; nothing here holds logic the API lacks."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from .articles import ArticleError, iter_text_articles
from .errors import TonekitError
from .extract import MODES, extract_quotes
from .quote import Quote

__all__ = ["main"]

_QUOTE_FIELDS = ["doc", "kind", "speaker", "cue", "start", "end", "speaker_start", "speaker_end", "text"]


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"tonekit: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="tonekit")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and warnings to stderr.")
def main(verbose: bool) -> None:
    """Find the quotes in diplomatic news and score their tone."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="tonekit: %(levelname)s: %(message)s")


def _truncate(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _print_table(rows: list[dict], columns: list[tuple[str, int]]) -> None:
    """A plain fixed-width table: readable in a terminal, greppable in a log."""
    click.echo("  ".join(name.upper().ljust(width) for name, width in columns).rstrip())
    for row in rows:
        click.echo("  ".join(_truncate(str(row.get(name) if row.get(name) is not None else "-"), width).ljust(width)
                             for name, width in columns).rstrip())


def _quote_rows(doc: str, quotes: Iterable[Quote]) -> list[dict]:
    return [{"doc": doc, **q.to_dict()} for q in quotes]


@main.command("quotes")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="accurate: trained spaCy pipeline; fast: rules only; auto: accurate when installed.")
def quotes_command(inputs: tuple[str, ...], fmt: str, mode: str) -> None:
    """Print the quotes of articles: FILE, DIR (every .txt inside) or - for stdin."""
    errors = 0
    writer = csv.DictWriter(sys.stdout, fieldnames=_QUOTE_FIELDS, extrasaction="ignore") if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    for item in iter_text_articles(list(inputs)):
        if isinstance(item, ArticleError):
            click.echo(f"tonekit: error: {item.error}", err=True)
            errors += 1
            continue
        try:
            rows = _quote_rows(item.id, extract_quotes(item.text, mode=mode))
        except TonekitError as exc:
            _fail(str(exc))
        if fmt == "jsonl":
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        elif writer is not None:
            writer.writerows(rows)
        else:
            click.echo(f"\n{item.id}: {len(rows)} quotes")
            _print_table(rows, [("kind", 8), ("speaker", 26), ("cue", 16), ("text", 70)])
    if errors:
        sys.exit(1)


@main.command("eval-quotes")
@click.option("--brat", "brat_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Folder of brat .txt and .ann attribution files (or text/ and attributions/ subfolders).")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_quotes_command(brat_dir: Path, mode: str, as_json: bool) -> None:
    """Score quote extraction against brat standoff attribution gold."""
    from .brat import read_brat_dir
    from .evaluation import score_brat

    try:
        docs = read_brat_dir(brat_dir)
        scores = score_brat(docs, lambda text: extract_quotes(text, mode=mode))
    except TonekitError as exc:
        _fail(str(exc))
    figures = {"documents": len(docs), "mode": mode, **scores.as_dict()}
    if as_json:
        click.echo(json.dumps(figures))
        return
    click.echo(f"{len(docs)} documents, mode {mode}")
    click.echo(f"direct   P {scores.direct_precision:.3f}  R {scores.direct_recall:.3f}  F1 {scores.direct_f1:.3f}  "
               f"(strict R {scores.direct_recall_strict:.3f}  F1 {scores.direct_f1_strict:.3f}; {scores.direct_gold} gold segments)")
    click.echo(f"speaker  accuracy {scores.speaker_accuracy:.3f} on {scores.speaker_scored} found quotes with a named source")
    click.echo(f"indirect P {scores.indirect_precision:.3f}  R {scores.indirect_recall:.3f}  ({scores.indirect_gold} gold reports)")


@main.group("annotations")
def annotations_group() -> None:
    """Validate and summarise the annotation corpus."""


@annotations_group.command("check")
@click.argument("folder", type=click.Path(path_type=Path), default="annotations")
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of seed articles (default: seeds/ beside the annotations folder).")
def annotations_check_command(folder: Path, seeds: Path | None) -> None:
    """Report every problem in FOLDER's .jsonl files as file:line: reason; exit 1 if any."""
    from .annotations import check, iter_files

    problems = check(folder, seeds)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(f"ok: {len(iter_files(folder))} files valid")


@annotations_group.command("stats")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default="annotations")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as one JSON object.")
def annotations_stats_command(folder: Path, as_json: bool) -> None:
    """Counts per label, source, register and speaker side, and two-vote agreement (Cohen's kappa)."""
    from .annotations import check, load_records, stats

    problems = check(folder)
    if problems:
        _fail(f"{len(problems)} problem(s) in the annotations; run `tonekit annotations check {folder}` (first: {problems[0]})")
    figures = stats(load_records(folder))
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
        return
    click.echo(f"{figures['records']} records")
    for key in ("label", "source", "register"):
        click.echo(f"\n{key}:")
        for name, count in figures[key].items():
            click.echo(f"  {name:32s} {count:6d}")
    click.echo(f"\nspeaker side: {len(figures['side'])} distinct")
    for name, count in list(figures["side"].items())[:15]:
        click.echo(f"  {name:32s} {count:6d}")
    click.echo("\nagreement (first two votes):")
    for source, a in figures["agreement"].items():
        click.echo(f"  {source:10s} {a['records']:5d} records  observed {a['observed']:.3f}  kappa {a['kappa']:.3f}")
