"""``tonekit quotes`` and ``tonekit eval-quotes``: quote extraction from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import TonekitError
from ._app import csv_writer, fail, html_option, main, print_table, stdin_format_option, width_option
from ._progress import above_bar, article_progress, progress_option
from ..inputs import ItemError, iter_items
from ..quotes import MODES, extract_quotes


@main.command("quotes")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="accurate: trained spaCy pipeline; fast: rules only; auto: accurate when installed.")
@width_option
@progress_option
@stdin_format_option("text", "")
@html_option
def quotes_command(inputs: tuple[str, ...], fmt: str, mode: str, width: int | None, progress: bool | None,
                   stdin_format: str, html: bool) -> None:
    """Print the quotes of articles: FILE, DIR (every .txt and .html inside), .jsonl, .csv or - for
    stdin. Offsets index the text as read: line ends as \\n, HTML as its extracted article body."""
    from ..batch import quote_columns, quote_row

    errors = 0
    columns = quote_columns(None, speaker_span=True)
    writer = csv_writer(fmt, columns)
    stream = article_progress(iter_items(list(inputs), stdin_format=stdin_format, unique=False, html=html), inputs,
                              progress=progress)
    while True:
        try:
            item = next(stream, None)
        except TonekitError as exc:  # stdin in the wrong format, a missing extra
            fail(str(exc))
        if item is None:
            break
        if isinstance(item, ItemError):
            with above_bar():
                click.echo(f"tonekit: error: {item.error}", err=True)
            errors += 1
            continue
        for warning in item.warnings:
            with above_bar():
                click.echo(f"tonekit: warning: {item.id}: {warning}", err=True)
        try:
            rows = [quote_row(item.id, n, q.to_dict(), columns)
                    for n, q in enumerate(extract_quotes(item.text, mode=mode), start=1)]
        except TonekitError as exc:
            fail(str(exc))
        with above_bar():
            if fmt == "jsonl":
                for row in rows:
                    click.echo(json.dumps(row, ensure_ascii=False))
            elif writer is not None:
                writer.writerows(rows)
            else:
                click.echo(f"\n{item.id}: {len(rows)} quotes")
                print_table(rows, [("kind", 8), ("speaker", 26), ("cue", 16), ("text", 70)], width)
    if errors:
        sys.exit(1)


@main.command("eval-quotes")
@click.option("--brat", "brat_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Folder of brat .txt and .ann attribution files (or text/ and attributions/ subfolders).")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_quotes_command(brat_dir: Path, mode: str, as_json: bool) -> None:
    """Score quote extraction against brat standoff attribution gold."""
    from ..quotes import read_brat_dir, score_brat

    try:
        docs = read_brat_dir(brat_dir)
        scores = score_brat(docs, lambda text: extract_quotes(text, mode=mode))
    except TonekitError as exc:
        fail(str(exc))
    figures = {"documents": len(docs), "mode": mode, **scores.as_dict()}
    if as_json:
        click.echo(json.dumps(figures))
        return
    click.echo(f"{len(docs)} documents, mode {mode}")
    click.echo(f"direct   P {scores.direct_precision:.3f}  R {scores.direct_recall:.3f}  F1 {scores.direct_f1:.3f}  "
               f"(strict R {scores.direct_recall_strict:.3f}  F1 {scores.direct_f1_strict:.3f}; {scores.direct_gold} gold segments)")
    click.echo(f"speaker  accuracy {scores.speaker_accuracy:.3f} on {scores.speaker_scored} found quotes with a named source")
    click.echo(f"speaker  accuracy {scores.speaker_accuracy_resolved:.3f} on {scores.speaker_resolved_scored} found quotes "
               "with a named source or a pronoun or description the gold resolves to one")
    for band, n, right in scores.confidence_bands:
        click.echo(f"  speaker_confidence {band:>9}: {right / n:.3f} right on {n} quotes")
    click.echo(f"indirect P {scores.indirect_precision:.3f}  R {scores.indirect_recall:.3f}  ({scores.indirect_gold} gold reports)")
