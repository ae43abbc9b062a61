"""``tonekit batch`` and ``tonekit report``: many articles into a results file, and its HTML page."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import ResultsProvenanceError, TonekitError
from ._app import fail, html_option, main, model_option, stdin_format_option
from ._progress import progress_bar, progress_option
from ..quotes import MODES

if TYPE_CHECKING:
    from ..inputs import Item, ItemError


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Results, one JSON line per article. Rerunning with the same --out resumes (same model and "
                   "mode only; see --rerun).")
@click.option("--quotes-csv", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a flat table of every quote (rebuilt from --out at the end), and its provenance "
                   "beside it as QUOTES_CSV.provenance.json.")
@click.option("--quotes-parquet", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The same table as --quotes-csv, as Parquet (needs pyarrow: pip install 'tonekit[parquet]'), "
                   "with its provenance beside it.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Local worker processes (-1: one per core).")
@click.option("--scheduler", default=None, help="Address of a Dask distributed scheduler to run on (tcp://host:8786).")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True, help="Quote extraction mode.")
@click.option("--text-col", default="text", show_default=True, help="Text column of .csv inputs.")
@click.option("--id-col", default="id", show_default=True, help="Id column of .csv inputs.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Larger articles become error records.")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any article failed.")
@click.option("--rerun", is_flag=True,
              help="Score every article again, even those already in --out, into --out.rerun.tmp, which "
                   "replaces --out when the run finishes (an interrupted --rerun continues). Needed to change "
                   "the model or mode of an existing --out.")
@progress_option
@stdin_format_option("jsonl", "")
@html_option
@model_option
def batch_command(inputs: tuple[str, ...], out: Path, quotes_csv: Path | None, quotes_parquet: Path | None, jobs: int,
                  scheduler: str | None,
                  mode: str, text_col: str, id_col: str, max_bytes: int, strict: bool, rerun: bool,
                  progress: bool | None, stdin_format: str, html: bool, model_path: Path | None) -> None:
    """Score every article of INPUTS into --out: .txt files or folders of them (id = relative
    path), .jsonl records (id, text, optional date/source/url/title; other fields pass through),
    .csv with a text column, or - for JSON Lines on stdin. One output line per article, result
    or error, each naming the model, mode and tonekit version that made it; an interrupted run
    resumes where it stopped, with the same model and mode only (else --rerun or a new --out)."""
    import itertools
    import os
    import time

    from ..batch import (ResultsWriter, check_results_file, completed_ids, provenance_sidecar, run_provenance,
                         score_article_lines, write_quotes_csv, write_quotes_parquet)
    from ..inputs import count_hint, iter_items
    from ..tone import read_meta, resolve_model_dir, verify_model

    if str(out) == "-":
        fail("--out must be a file: results are appended as they arrive, and a rerun resumes from it")
    replacing = rerun and out.exists()
    target = out.with_name(out.name + ".rerun.tmp") if replacing else out  # --out is replaced at the end
    if quotes_parquet is not None:  # before any work: a missing pyarrow would only show at the end
        from .._extras import require
        try:
            require("pyarrow", "parquet", "--quotes-parquet")
        except TonekitError as exc:
            fail(str(exc))
    try:
        verify_model(model_path)  # fail before any work; the workers load it
        labels = list(read_meta(resolve_model_dir(model_path))["labels"])
        provenance = run_provenance(model_path, mode)
        if replacing:
            check_results_file(out)  # never replace a file tonekit did not write
            done: set[str] = set()
            if target.exists():  # a rerun interrupted before (tonekit's own file, never a user's): continue it
                check_results_file(target)
                try:
                    done = completed_ids(target, provenance)
                except ResultsProvenanceError:  # made by another model or mode: start the rerun afresh
                    target.unlink()
        else:
            done = completed_ids(out, provenance)
    except (ValueError, TonekitError) as exc:
        fail(str(exc))
    skipped = 0
    stream = iter_items(list(inputs), text_col=text_col, id_col=id_col, max_bytes=max_bytes,
                        stdin_format=stdin_format, html=html)
    try:  # the first item before any output: stdin that is not JSON Lines fails here, writing nothing
        first = list(itertools.islice(stream, 1))
    except TonekitError as exc:
        fail(str(exc))

    def pending() -> Iterator[Item | ItemError]:
        nonlocal skipped
        for item in itertools.chain(first, stream):
            if item.id in done:
                skipped += 1
            else:
                yield item

    hint = count_hint(list(inputs))
    articles = quotes = errors = 0
    started = time.perf_counter()
    try:
        lines = score_article_lines(pending(), n_jobs=jobs, scheduler=scheduler, mode=provenance["mode"],
                                    model=model_path)
        with ResultsWriter(target) as writer, progress_bar(None if hint is None else max(0, hint - len(done)),
                                                        progress=progress) as bar:
            for line, n_quotes, ok in lines:
                writer.write_line(line)
                articles += 1
                quotes += n_quotes
                errors += not ok
                bar.update(1)
    except KeyboardInterrupt:
        if replacing:
            click.echo(f"\ninterrupted: {articles} articles of the rerun written to {target}; {out} is unchanged "
                       "until the rerun finishes; run the same command (with --rerun) to continue it", err=True)
        else:
            click.echo(f"\ninterrupted: {articles} articles written to {out}; rerun the same command to resume",
                       err=True)
        sys.exit(130)
    except (TonekitError, ValueError) as exc:
        fail(str(exc))
    if replacing:
        os.replace(target, out)
    seconds = time.perf_counter() - started
    resumed = f" ({skipped} already in {target}, skipped)" if skipped else ""
    click.echo(f"{articles} articles{resumed}, {quotes} quotes, {errors} errors in {seconds:.1f} s "
               f"({articles / seconds if seconds > 0 else 0:.1f} articles/s) -> {out}", err=True)
    if quotes_csv is not None:
        rows = write_quotes_csv(out, quotes_csv, labels)
        click.echo(f"{rows} quotes -> {quotes_csv} (provenance: {provenance_sidecar(quotes_csv)})", err=True)
    if quotes_parquet is not None:
        try:
            rows = write_quotes_parquet(out, quotes_parquet, labels)
        except TonekitError as exc:
            fail(str(exc))
        click.echo(f"{rows} quotes -> {quotes_parquet} (provenance: {provenance_sidecar(quotes_parquet)})", err=True)
    if strict and errors:
        sys.exit(1)


@main.command("report")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"), show_default=True)
@click.option("--title", default=None, help="Page title (default: from the results file name).")
def report_command(results: Path, out: Path, title: str | None) -> None:
    """Write one self-contained HTML page (no network) summarising a `tonekit batch` results file."""
    from ..batch import write_report

    try:
        data = write_report(results, out, title=title)
    except TonekitError as exc:
        fail(str(exc))
    click.echo(f"{data.n_articles} articles ({data.n_errors} errors), {data.n_quotes} quotes -> {out}")
