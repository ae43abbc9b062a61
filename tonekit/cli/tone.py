"""``tonekit score``: the tone of statements, or of every quote in articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import TonekitError
from ._app import csv_writer, fail, load_model_or_fail, main, model_option, print_table, stdin_format_option, width_option
from ._progress import above_bar, article_progress, articles_progress_option
from ..inputs import ItemError, iter_items, iter_statements
from ..quotes import MODES

if TYPE_CHECKING:
    from ..tone import ToneModel

_SCORE_CHUNK = 10_000


@main.command("score")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--articles", is_flag=True, help="Inputs are articles: extract their quotes and score each.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--explain", type=click.IntRange(0, 20), default=0, show_default=True,
              help="Show the K features that drove each label.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="Quote extraction mode with --articles.")
@width_option
@articles_progress_option
@stdin_format_option(None, "Default: lines (text with --articles).")
@model_option
def score_command(inputs: tuple[str, ...], articles: bool, fmt: str, explain: int, mode: str, width: int | None,
                  progress: bool | None, stdin_format: str | None, model_path: Path | None) -> None:
    """Score the tone of statements (one per line) or, with --articles, of every quote in articles.

    INPUTS are files, folders (every .txt inside), .jsonl, .csv or - for stdin.
    """
    model = load_model_or_fail(model_path)
    labels = list(model.labels)
    if articles:
        _score_articles(inputs, fmt, explain, mode, model, labels, stdin_format or "text", width, progress)
        return
    fields = ["id", "label", "index", *labels, "text"]
    writer = csv_writer(fmt, fields)
    rows: list[dict[str, Any]] = []
    batch: list[tuple[str, str]] = []

    def flush() -> None:
        for (sid, text), tone in zip(batch, model.score([t for _, t in batch], explain=explain or False)):
            row = {"id": sid, "text": text, **tone.to_dict()}
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            elif writer is not None:
                writer.writerow({**row, **{k: f"{v:.4f}" for k, v in tone.scores.items()}, "index": f"{tone.index:.4f}"})
            else:
                rows.append({**row, "index": f"{tone.index:+.2f}",
                             "why": "; ".join(name for name, _ in tone.phrases)})
        batch.clear()

    for statement in iter_statements(list(inputs), stdin_format=stdin_format or "lines"):
        if isinstance(statement, ItemError):
            fail(statement.error)
        batch.append((statement.id, statement.text))
        if len(batch) >= _SCORE_CHUNK:
            flush()
    flush()
    if fmt == "table":
        columns = [("id", 18), ("label", 11), ("index", 6)] + ([("why", 40)] if explain else []) + [("text", 70)]
        print_table(rows, columns, width)


def _score_articles(inputs: tuple[str, ...], fmt: str, explain: int, mode: str, model, labels: list[str],  # type: ignore[no-untyped-def]
                    stdin_format: str, width: int | None, progress: bool | None) -> None:
    from ..article import score_texts
    from ..batch import ArticleResult, quote_columns

    errors = 0
    columns = quote_columns(labels)
    writer = csv_writer(fmt, columns)
    items = iter_items(list(inputs), stdin_format=stdin_format, unique=False)
    for item in article_progress(items, inputs, progress=progress):
        if isinstance(item, ItemError):
            with above_bar():
                click.echo(f"tonekit: error: {item.error}", err=True)
                if fmt == "jsonl":
                    click.echo(json.dumps(ArticleResult.failed(item.id, item.error).to_record(), ensure_ascii=False))
            errors += 1
            continue
        try:
            article = score_texts([item.text], model=model, mode=mode, explain=explain or False)[0]
        except TonekitError as exc:
            fail(str(exc))
        with above_bar():
            _print_article(item.id, article, fmt, writer, columns, explain, width)
    if errors:
        sys.exit(1)


def _print_article(article_id: str, article, fmt: str, writer, columns: list[str], explain: int,  # type: ignore[no-untyped-def]
                   width: int | None) -> None:
    from ..batch import ArticleResult, quote_row

    if fmt == "jsonl":
        click.echo(json.dumps(ArticleResult.scored(article_id, article.to_dict()).to_record(), ensure_ascii=False))
        return
    if writer is not None:
        writer.writerows(quote_row(article_id, n, sq.to_dict(), columns) for n, sq in enumerate(article.quotes, start=1))
        return
    index = "-" if article.index is None else f"{article.index:+.2f}"
    click.echo(f"\n{article_id}: {len(article.quotes)} quotes, index {index}, label {article.label or '-'}")
    rows = [{"speaker": sq.quote.speaker, "kind": sq.quote.kind, "label": sq.tone.label,
             "index": f"{sq.tone.index:+.2f}", "text": sq.quote.text,
             "why": "; ".join(name for name, _ in sq.tone.phrases)} for sq in article.quotes]
    # the quote's text is the column that takes the rest of the width; "why" wraps in its own
    text_last = [("speaker", 24), ("kind", 8), ("label", 11), ("index", 6)] + ([("why", 40)] if explain else [])
    print_table(rows, text_last + [("text", 64)], width)
    if article.speakers:
        click.echo("  by speaker:")
        for s in article.speakers:
            counts = ", ".join(f"{k} {v}" for k, v in s.labels.items())
            name = s.speaker or "(unattributed)"
            click.echo(f"    {name:30s} {s.count:3d} quote{'s' if s.count != 1 else ' '}  "
                       f"mean index {s.mean_index:+.2f}  ({counts})")


_SOURCES = {"argument": "--model", "env": "$TONEKIT_MODEL", "checkout": "the checkout's models/",
            "package": "shipped in the package"}


def _figure(part: dict[str, Any] | None, what: str) -> str:
    if not part:
        return "-"
    text = f"macro-F1 {part['macro_f1']:.3f}" if isinstance(part.get("macro_f1"), (int, float)) else "macro-F1 -"
    if isinstance(part.get("accuracy"), (int, float)):
        text += f", accuracy {part['accuracy']:.3f}"
    if part.get("n") is not None:
        text += f" on {part['n']:,} {what}"
    return text + (f" ({part['file']})" if part.get("file") else "")


@main.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print every field as JSON (full sha256s).")
@model_option
def info_command(as_json: bool, model_path: Path | None) -> None:
    """Which tone model scoring uses, where it was found, and what it is."""
    from ..tone import model_info

    try:
        info = model_info(model_path)
    except TonekitError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    annotations = info["annotations"]
    records = annotations.get("records")
    evaluation = info["evaluation"]
    trained = info.get("trained_with_tonekit")
    rows = [
        ("model", info["model"]),
        ("found", f"{info['source']} ({_SOURCES.get(info['source'], info['source'])})"),
        ("path", info["path"]),
        ("sha256", f"{info['sha256'][:12]}..."),
        ("annotations", f"{(annotations.get('sha256') or '-')[:12]}..."
                        + (f" ({records:,} records)" if isinstance(records, int) else "")),
        ("dev", _figure(evaluation.get("dev"), "real statements")),
        ("cross-val", _figure(evaluation.get("cross_validation"), "records")),
        ("seed held-out", _figure(evaluation.get("seed_held_out"), "quotes")),
        ("created", info.get("created") or "-"),
        ("tonekit", info["tonekit_version"] + (f" (model trained with {trained})" if trained else "")),
    ]
    for name, value in rows:
        click.echo(f"{name:14s} {value}")
