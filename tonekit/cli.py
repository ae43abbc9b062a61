"""The ``tonekit`` command: a thin shell over the library. Library errors become one-line
messages on stderr and a non-zero exit code; nothing here holds logic the API lacks."""

from __future__ import annotations

import csv
import json
import logging
import sys
from pathlib import Path

import click

from .errors import TonekitError
from .inputs import STDIN_FORMATS, ItemError, iter_items, iter_statements
from .quotes import MODES, extract_quotes

__all__ = ["main"]


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"tonekit: error: {message}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="tonekit")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and warnings to stderr.")
def main(verbose: bool) -> None:
    """Find the quotes in diplomatic news and score their tone."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="tonekit: %(levelname)s: %(message)s")


def _csv_writer(fmt: str, fields: list[str]) -> csv.DictWriter | None:
    """A CSV writer on stdout with its header written, when the format is csv."""
    if fmt != "csv":
        return None
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    return writer


def _truncate(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _print_table(rows: list[dict], columns: list[tuple[str, int]]) -> None:
    """A plain fixed-width table: readable in a terminal, greppable in a log."""
    click.echo("  ".join(name.upper().ljust(width) for name, width in columns).rstrip())
    for row in rows:
        click.echo("  ".join(_truncate(str(row.get(name) if row.get(name) is not None else "-"), width).ljust(width)
                             for name, width in columns).rstrip())


def _stdin_format_option(default: str | None, what: str):  # type: ignore[no-untyped-def]
    return click.option("--stdin-format", type=click.Choice(STDIN_FORMATS), default=default,
                        show_default=default is not None,
                        help=f"What - reads: one text, JSON Lines records, or one item per line. {what}")


@main.command("quotes")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="accurate: trained spaCy pipeline; fast: rules only; auto: accurate when installed.")
@_stdin_format_option("text", "")
def quotes_command(inputs: tuple[str, ...], fmt: str, mode: str, stdin_format: str) -> None:
    """Print the quotes of articles: FILE, DIR (every .txt inside), .jsonl, .csv or - for stdin."""
    from .batch import quote_columns, quote_row

    errors = 0
    columns = quote_columns(None, speaker_span=True)
    writer = _csv_writer(fmt, columns)
    for item in iter_items(list(inputs), stdin_format=stdin_format, unique=False):
        if isinstance(item, ItemError):
            click.echo(f"tonekit: error: {item.error}", err=True)
            errors += 1
            continue
        try:
            rows = [quote_row(item.id, n, q.to_dict(), columns)
                    for n, q in enumerate(extract_quotes(item.text, mode=mode), start=1)]
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
    from .quotes import read_brat_dir, score_brat

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
    from .training import check, iter_files

    problems = check(folder, seeds)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(f"ok: {len(iter_files(folder))} files valid")


@annotations_group.command("import")
@click.argument("todo", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", required=True, help="Who reviewed the labels; recorded as their vote.")
@click.option("--annotations", "annotations_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("annotations"), show_default=True)
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Annotation file to create (default: ANNOTATIONS/imported/<todo name>.jsonl).")
def annotations_import_command(todo: Path, by: str, annotations_dir: Path, into: Path | None) -> None:
    """Import a reviewed to-do file (JSON Lines or CSV from `tonekit annotate`) as annotation
    records. Every row is checked first; on any problem nothing is written."""
    from .training import import_todo

    try:
        target, count = import_todo(todo, annotations_dir, by=by, into=into)
    except TonekitError as exc:
        _fail(str(exc))
    click.echo(f"{count} records -> {target}")


@annotations_group.command("stats")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default="annotations")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as one JSON object.")
def annotations_stats_command(folder: Path, as_json: bool) -> None:
    """Counts per label, source, register and speaker side, and two-vote agreement (Cohen's kappa)."""
    from .training import check, load_records, stats

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


def _model_option(function):  # type: ignore[no-untyped-def]
    return click.option("--model", "model_path", type=click.Path(path_type=Path), default=None,
                        help="Model folder, or a models/ folder with a DEFAULT pointer (default: the shipped model).")(function)


def _load(model_path: Path | None):  # type: ignore[no-untyped-def]
    from .tone import load_model

    try:
        return load_model(model_path)
    except TonekitError as exc:
        _fail(str(exc))


_SCORE_CHUNK = 10_000


@main.command("score")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--articles", is_flag=True, help="Inputs are articles: extract their quotes and score each.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--explain", type=click.IntRange(0, 20), default=0, show_default=True,
              help="Show the K features that drove each label.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="Quote extraction mode with --articles.")
@_stdin_format_option(None, "Default: lines (text with --articles).")
@_model_option
def score_command(inputs: tuple[str, ...], articles: bool, fmt: str, explain: int, mode: str,
                  stdin_format: str | None, model_path: Path | None) -> None:
    """Score the tone of statements (one per line) or, with --articles, of every quote in articles.

    INPUTS are files, folders (every .txt inside), .jsonl, .csv or - for stdin.
    """
    model = _load(model_path)
    labels = list(model.labels)
    if articles:
        _score_articles(inputs, fmt, explain, mode, model, labels, stdin_format or "text")
        return
    fields = ["id", "label", "index", *labels, "text"]
    writer = _csv_writer(fmt, fields)
    rows: list[dict] = []
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
            _fail(statement.error)
        batch.append((statement.id, statement.text))
        if len(batch) >= _SCORE_CHUNK:
            flush()
    flush()
    if fmt == "table":
        columns = [("id", 18), ("label", 11), ("index", 6), ("text", 70)] + ([("why", 60)] if explain else [])
        _print_table(rows, columns)


def _score_articles(inputs: tuple[str, ...], fmt: str, explain: int, mode: str, model, labels: list[str],  # type: ignore[no-untyped-def]
                    stdin_format: str) -> None:
    from .article import score_texts
    from .batch import ArticleResult, quote_columns, quote_row

    errors = 0
    columns = quote_columns(labels)
    writer = _csv_writer(fmt, columns)
    for item in iter_items(list(inputs), stdin_format=stdin_format, unique=False):
        if isinstance(item, ItemError):
            click.echo(f"tonekit: error: {item.error}", err=True)
            if fmt == "jsonl":
                click.echo(json.dumps(ArticleResult.failed(item.id, item.error).to_record(), ensure_ascii=False))
            errors += 1
            continue
        try:
            article = score_texts([item.text], model=model, mode=mode, explain=explain or False)[0]
        except TonekitError as exc:
            _fail(str(exc))
        if fmt == "jsonl":
            click.echo(json.dumps(ArticleResult.scored(item.id, article.to_dict()).to_record(), ensure_ascii=False))
        elif writer is not None:
            writer.writerows(quote_row(item.id, n, sq.to_dict(), columns) for n, sq in enumerate(article.quotes, start=1))
        else:
            index = "-" if article.index is None else f"{article.index:+.2f}"
            click.echo(f"\n{item.id}: {len(article.quotes)} quotes, index {index}, label {article.label or '-'}")
            rows = [{"speaker": sq.quote.speaker, "kind": sq.quote.kind, "label": sq.tone.label,
                     "index": f"{sq.tone.index:+.2f}", "text": sq.quote.text,
                     "why": "; ".join(name for name, _ in sq.tone.phrases)} for sq in article.quotes]
            _print_table(rows, [("speaker", 24), ("kind", 8), ("label", 11), ("index", 6), ("text", 64)]
                         + ([("why", 50)] if explain else []))
            if article.speakers:
                click.echo("  by speaker:")
                for s in article.speakers:
                    counts = ", ".join(f"{k} {v}" for k, v in s.labels.items())
                    name = _truncate(s.speaker or "(unattributed)", 30)
                    click.echo(f"    {name:30s} {s.count:3d} quote{'s' if s.count != 1 else ' '}  "
                               f"mean index {s.mean_index:+.2f}  ({counts})")
    if errors:
        sys.exit(1)


@main.command("train")
@click.option("--annotations", "annotations_dir", type=click.Path(path_type=Path), default=Path("annotations"),
              show_default=True, help="Annotation folder (GUIDELINE.md and *.jsonl).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="New model folder (default: models/tone-<annotation sha256 prefix>). Never overwritten.")
@click.option("--phrasebook", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Phrasebook TSV (default: the one shipped in tonekit/data).")
@click.option("--force", is_flag=True, help="Make the new model the default even if the gate refuses it.")
@click.option("--no-promote", is_flag=True, help="Write the model but leave the default as it is.")
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation report as JSON.")
def train_command(annotations_dir: Path, out: Path | None, phrasebook: Path | None, force: bool, no_promote: bool,
                  as_json: bool) -> None:
    """Train a tone model on ANNOTATIONS, evaluate it, save it in a new versioned folder, and
    make it the default (models/DEFAULT) if it is not worse than the current default on the
    same held-out split (macro-F1 may drop by at most 0.01; --force overrides).

    Exit status: 0 trained (and promoted unless --no-promote), 1 error (nothing written),
    3 trained but not promoted because the gate refused it."""
    from .training import retrain

    try:
        outcome = retrain(annotations_dir, out=out, phrasebook=phrasebook, force=force, promote=not no_promote)
    except TonekitError as exc:
        _fail(str(exc))
    report, out, gate = outcome.report, outcome.model_dir, outcome.gate
    if as_json:
        click.echo(json.dumps({"model": str(out), **report, "gate": gate.to_dict() if gate else None},
                              ensure_ascii=False))
    else:
        _print_training_report(report)
        click.echo(f"\nsaved {out} ({(out / 'model.joblib').stat().st_size / 1e6:.2f} MB) in {report['train_seconds']:.1f} s")
        if gate is not None and outcome.current_dir is not None:
            _print_gate(gate, outcome.current_dir.name, out.name)
    if outcome.promoted:
        forced = " (forced past the gate)" if gate is not None and not gate.passed else ""
        click.echo(f"{outcome.pointer} now points at {out.name}{forced}", err=as_json)
    elif not no_promote:
        current = outcome.current_dir.name if outcome.current_dir is not None else "?"
        click.echo(f"not promoted: {outcome.reason}; {outcome.pointer} still points at {current}. Check the "
                   "annotations, or rerun with --force to promote it anyway", err=True)
        sys.exit(3)


def _print_gate(gate, current: str, new: str) -> None:  # type: ignore[no-untyped-def]
    click.echo(f"\ngate: both recipes retrained without {len(gate.held_out_groups)} held-out document group(s) "
               f"({gate.n_held_out} records: {', '.join(gate.held_out_groups)}), scored on the current labels:")
    labels = [label for label in gate.new["f1"] if label in gate.current["f1"]]
    click.echo(f"    {'':16s}{'macro-F1':>10s}" + "".join(f"{label[:11]:>12s}" for label in labels))
    for name, figures in ((f"current {current}"[:16], gate.current), (f"new {new}"[:16], gate.new)):
        click.echo(f"    {name:16s}{figures['macro_f1']:10.3f}" + "".join(f"{figures['f1'][label]:12.3f}" for label in labels))
    if gate.seed_changes:
        click.echo(f"  seed statements whose label changes ({len(gate.seed_changes)}):")
        for change in gate.seed_changes:
            click.echo(f"    {change['id']}: {change['current']} -> {change['new']}  {_truncate(change['text'], 70)}")
    else:
        click.echo("  no seed statement changes label")


def _print_training_report(report: dict) -> None:
    click.echo(f"{report['records']} records, labels: " +
               ", ".join(f"{k} {v}" for k, v in report["label_counts"].items()))
    cv = report.get("cross_validation")
    if cv:
        click.echo(f"\ngrouped cross-validation ({cv['folds']} document groups held out in turn):")
        click.echo(f"  macro-F1 {cv['macro_f1']:.3f}  accuracy {cv['accuracy']:.3f}  calibration error "
                   f"{cv['calibration_error']:.3f} (before temperature {cv['calibration_error_uncalibrated']:.3f})")
        click.echo("  F1: " + "  ".join(f"{k} {v:.3f}" for k, v in cv["f1"].items()))
        labels = cv["confusion"]["labels"]
        click.echo("  confusion (rows gold, columns predicted):")
        click.echo("    " + " " * 12 + "".join(f"{label[:11]:>12s}" for label in labels))
        for label, row in zip(labels, cv["confusion"]["matrix"]):
            click.echo(f"    {label[:11]:12s}" + "".join(f"{v:12d}" for v in row))
    seed = report.get("seed_held_out")
    if seed:
        click.echo(f"\ntrained without the seed statements, tested on them ({seed['n']}):")
        click.echo(f"  macro-F1 {seed['macro_f1']:.3f} over {', '.join(seed['macro_f1_labels'])}  "
                   f"accuracy {seed['accuracy']:.3f}")


@main.command("annotate")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The to-do file to write.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None,
              help="Default: from the --out extension (.csv or .jsonl).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Keep the N most uncertain quotes.")
@click.option("--annotations", "annotations_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("annotations"), show_default=True, help="Quotes already annotated here are dropped.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True, help="Quote extraction mode.")
@_stdin_format_option("jsonl", "")
@_model_option
def annotate_command(inputs: tuple[str, ...], out: Path, fmt: str | None, limit: int | None, annotations_dir: Path,
                     mode: str, stdin_format: str, model_path: Path | None) -> None:
    """Pre-annotate the quotes of new articles (INPUTS as for `tonekit batch`): the model's
    suggested label and scores, most uncertain first, in the annotation schema. Confirm or
    correct `label`, then `tonekit annotations import`."""
    from .training import suggest, write_todo

    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
    model = _load(model_path)
    try:
        records, errors = suggest(iter_items(list(inputs), stdin_format=stdin_format), model=model, annotations=annotations_dir, mode=mode,
                                  limit=limit)
    except TonekitError as exc:
        _fail(str(exc))
    for article_id, error in errors:
        click.echo(f"tonekit: error: {article_id}: {error}", err=True)
    write_todo(records, out, fmt, list(model.labels))
    uncertain = sum(1 for r in records if r["margin"] < 0.5)
    click.echo(f"{len(records)} quotes to annotate -> {out} ({uncertain} with a margin under 0.5); "
               f"confirm or correct `label`, then `tonekit annotations import {out} --by NAME`", err=True)
    if errors:
        sys.exit(1)


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Results, one JSON line per article. Rerunning with the same --out resumes.")
@click.option("--quotes-csv", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a flat table of every quote (rebuilt from --out at the end).")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Local worker processes (-1: one per core).")
@click.option("--scheduler", default=None, help="Address of a Dask distributed scheduler to run on (tcp://host:8786).")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True, help="Quote extraction mode.")
@click.option("--text-col", default="text", show_default=True, help="Text column of .csv inputs.")
@click.option("--id-col", default="id", show_default=True, help="Id column of .csv inputs.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Larger articles become error records.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any article failed.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@_stdin_format_option("jsonl", "")
@_model_option
def batch_command(inputs: tuple[str, ...], out: Path, quotes_csv: Path | None, jobs: int, scheduler: str | None,
                  mode: str, text_col: str, id_col: str, max_bytes: int, strict: bool, progress: bool | None,
                  stdin_format: str, model_path: Path | None) -> None:
    """Score every article of INPUTS into --out: .txt files or folders of them (id = relative
    path), .jsonl records (id, text, optional date/source/url/title; other fields pass through),
    .csv with a text column, or - for JSON Lines on stdin. One output line per article, result
    or error; an interrupted run resumes where it stopped."""
    import time

    from tqdm import tqdm

    from .batch import ResultsWriter, completed_ids, score_article_lines, write_quotes_csv
    from .inputs import count_hint
    from .tone import read_meta, resolve_model_dir, verify_model

    if str(out) == "-":
        _fail("--out must be a file: results are appended as they arrive, and a rerun resumes from it")
    try:
        done = completed_ids(out)
        verify_model(model_path)  # fail before any work; the workers load it
        labels = list(read_meta(resolve_model_dir(model_path))["labels"])
    except (ValueError, TonekitError) as exc:
        _fail(str(exc))
    skipped = 0

    def pending():  # type: ignore[no-untyped-def]
        nonlocal skipped
        for item in iter_items(list(inputs), text_col=text_col, id_col=id_col, max_bytes=max_bytes,
                               stdin_format=stdin_format):
            if item.id in done:
                skipped += 1
            else:
                yield item

    hint = count_hint(list(inputs))
    show = sys.stderr.isatty() if progress is None else progress
    articles = quotes = errors = 0
    started = time.perf_counter()
    try:
        lines = score_article_lines(pending(), n_jobs=jobs, scheduler=scheduler, mode=mode, model=model_path)
        with ResultsWriter(out) as writer, tqdm(total=None if hint is None else max(0, hint - len(done)),
                                                unit="article", disable=not show, file=sys.stderr) as bar:
            for line, n_quotes, ok in lines:
                writer.write_line(line)
                articles += 1
                quotes += n_quotes
                errors += not ok
                bar.update(1)
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: {articles} articles written to {out}; rerun the same command to resume", err=True)
        sys.exit(130)
    except (TonekitError, ValueError) as exc:
        _fail(str(exc))
    seconds = time.perf_counter() - started
    resumed = f" ({skipped} already in {out}, skipped)" if skipped else ""
    click.echo(f"{articles} articles{resumed}, {quotes} quotes, {errors} errors in {seconds:.1f} s "
               f"({articles / seconds if seconds > 0 else 0:.1f} articles/s) -> {out}", err=True)
    if quotes_csv is not None:
        rows = write_quotes_csv(out, quotes_csv, labels)
        click.echo(f"{rows} quotes -> {quotes_csv}", err=True)
    if strict and errors:
        sys.exit(1)


@main.command("report")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"), show_default=True)
@click.option("--title", default=None, help="Page title (default: from the results file name).")
def report_command(results: Path, out: Path, title: str | None) -> None:
    """Write one self-contained HTML page (no network) summarising a `tonekit batch` results file."""
    from .batch import write_report

    try:
        data = write_report(results, out, title=title)
    except TonekitError as exc:
        _fail(str(exc))
    click.echo(f"{data.n_articles} articles ({data.n_errors} errors), {data.n_quotes} quotes -> {out}")


if __name__ == "__main__":
    main()
