"""``tonekit annotations``, ``annotate`` and ``train``: the annotation corpus and the retraining loop."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import TonekitError
from ._app import fail, load_model_or_fail, main, model_option, stdin_format_option, truncate
from ._progress import article_progress, progress_option
from ..inputs import iter_items
from ..quotes import MODES
from .workspace import workspace_option, workspace_paths

if TYPE_CHECKING:
    from ..training import GateReport


@main.group("annotations")
def annotations_group() -> None:
    """Validate and summarise the annotation corpus."""


@annotations_group.command("check")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of seed articles (default: the workspace's seeds/, or seeds/ beside FOLDER).")
@workspace_option
def annotations_check_command(folder: Path | None, seeds: Path | None, workspace_dir: Path | None) -> None:
    """Report every problem in FOLDER's .jsonl files as file:line: reason; exit 1 if any.
    FOLDER defaults to the workspace's annotations/."""
    from ..training import check, iter_files, seed_note

    workspace, folder = workspace_paths(workspace_dir, folder)
    if seeds is None and workspace is not None and folder == workspace.annotations:
        seeds = workspace.seeds
    problems = check(folder, seeds)
    for problem in problems:
        click.echo(str(problem))
    note = seed_note(folder, seeds)
    if note:
        click.echo(note, err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo(f"ok: {len(iter_files(folder))} files valid")


@annotations_group.command("import")
@click.argument("todo", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", required=True, help="Who reviewed the labels; recorded as their vote.")
@click.option("--annotations", "annotations_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Annotation folder (default: the workspace's annotations/).")
@click.option("--into", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Annotation file to create (default: ANNOTATIONS/imported/<todo name>.jsonl).")
@click.option("--accept-flagged", is_flag=True,
              help="Import rows whose span looks broken (inside a word, an unbalanced quotation mark, text that "
                   "does not match the article at its offsets) too, the flags written into their note.")
@workspace_option
def annotations_import_command(todo: Path, by: str, annotations_dir: Path | None, into: Path | None,
                               accept_flagged: bool, workspace_dir: Path | None) -> None:
    """Import a reviewed to-do file (JSON Lines or CSV from `tonekit annotate`) as annotation
    records. Every row is checked first, its span too; on any problem nothing is written."""
    from ..training import import_todo

    _, annotations_dir = workspace_paths(workspace_dir, annotations_dir)

    try:
        target, count = import_todo(todo, annotations_dir, by=by, into=into, accept_flagged=accept_flagged)
    except TonekitError as exc:
        fail(str(exc))
    click.echo(f"{count} records -> {target}")


@annotations_group.command("stats")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as one JSON object.")
@workspace_option
def annotations_stats_command(folder: Path | None, as_json: bool, workspace_dir: Path | None) -> None:
    """Counts per label, source, register and speaker side, and two-vote agreement (Cohen's kappa).
    FOLDER defaults to the workspace's annotations/."""
    from ..training import check, load_records, stats

    workspace, folder = workspace_paths(workspace_dir, folder)
    problems = check(folder, workspace.seeds if workspace is not None and folder == workspace.annotations else None)
    if problems:
        fail(f"{len(problems)} problem(s) in the annotations; run `tonekit annotations check {folder}` (first: {problems[0]})")
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


@main.command("train")
@click.option("--annotations", "annotations_dir", type=click.Path(path_type=Path), default=None,
              help="Annotation folder (GUIDELINE.md and *.jsonl; default: the workspace's annotations/).")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="New model folder (default: the workspace's models/tone-<annotation sha256 prefix>). "
                   "Never overwritten.")
@click.option("--phrasebook", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Phrasebook TSV (default: the one shipped in tonekit/data).")
@click.option("--force", is_flag=True, help="Make the new model the default even if the gate refuses it.")
@click.option("--no-promote", is_flag=True, help="Write the model but leave the default as it is.")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Real labelled statements (JSON Lines: text, label) to report the model's figures on; "
                   "only measured, never trained on.")
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation report as JSON.")
@workspace_option
def train_command(annotations_dir: Path | None, out: Path | None, phrasebook: Path | None, force: bool,
                  no_promote: bool, dev: Path | None, as_json: bool, workspace_dir: Path | None) -> None:
    """Train a tone model on ANNOTATIONS, evaluate it, save it in a new versioned folder of the
    workspace's models/, and make it the default (models/DEFAULT) if it is not worse than the
    current default on the same held-out split (macro-F1 may drop by at most 0.01; --force
    overrides). Outside a workspace, --annotations and --out say where.

    Exit status: 0 trained (and promoted unless --no-promote), 1 error (nothing written),
    3 trained but not promoted because the gate refused it."""
    from ..training import retrain

    workspace, annotations_dir = workspace_paths(workspace_dir, annotations_dir)
    if workspace is None and out is None:
        fail("not in a tonekit workspace, so there is no models/ folder to train into: pass --out DIR/NAME, or "
             "create a workspace with `tonekit init DIR` and run from inside it (or pass --workspace DIR)")
    try:
        outcome = retrain(annotations_dir, workspace.models if workspace is not None else None, out=out,
                          phrasebook=phrasebook, force=force, promote=not no_promote, dev=dev)
    except TonekitError as exc:
        fail(str(exc))
    report, out, gate = outcome.report, outcome.model_dir, outcome.gate
    if as_json:
        click.echo(json.dumps({"model": str(out), **report, "gate": gate.to_dict() if gate else None},
                              ensure_ascii=False))
    else:
        _print_training_report(report)
        click.echo(f"\nsaved {out} ({(out / 'scoring.npz').stat().st_size / 1e6:.2f} MB) in {report['train_seconds']:.1f} s")
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


def _print_gate(gate: GateReport, current: str, new: str) -> None:
    click.echo(f"\ngate: both recipes retrained without {len(gate.held_out_groups)} held-out document group(s) "
               f"({gate.n_held_out} records: {', '.join(gate.held_out_groups)}), scored on the current labels:")
    labels = [label for label in gate.new["f1"] if label in gate.current["f1"]]
    click.echo(f"    {'':16s}{'macro-F1':>10s}" + "".join(f"{label[:11]:>12s}" for label in labels))
    for name, figures in ((f"current {current}"[:16], gate.current), (f"new {new}"[:16], gate.new)):
        click.echo(f"    {name:16s}{figures['macro_f1']:10.3f}" + "".join(f"{figures['f1'][label]:12.3f}" for label in labels))
    if gate.seed_changes:
        click.echo(f"  seed statements whose label changes ({len(gate.seed_changes)}):")
        for change in gate.seed_changes:
            click.echo(f"    {change['id']}: {change['current']} -> {change['new']}  {truncate(change['text'], 70)}")
    else:
        click.echo("  no seed statement changes label")


def _print_figures(figures: dict[str, Any]) -> None:
    click.echo(f"  macro-F1 {figures['macro_f1']:.3f}  accuracy {figures['accuracy']:.3f}  calibration error "
               f"{figures['calibration_error']:.3f}")
    click.echo("  F1: " + "  ".join(f"{k} {v:.3f}" for k, v in figures["f1"].items()))
    labels = figures["confusion"]["labels"]
    click.echo("  confusion (rows gold, columns predicted):")
    click.echo("    " + " " * 12 + "".join(f"{label[:11]:>12s}" for label in labels))
    for label, row in zip(labels, figures["confusion"]["matrix"]):
        click.echo(f"    {label[:11]:12s}" + "".join(f"{v:12d}" for v in row))


def _print_training_report(report: dict[str, Any]) -> None:
    click.echo(f"{report['records']} records, labels: " +
               ", ".join(f"{k} {v}" for k, v in report["label_counts"].items()))
    dev = report.get("dev")
    if dev:
        click.echo(f"\nreal statements, {dev['file']} ({dev['n']}; never trained on), the final model:")
        _print_figures(dev)
    cv = report.get("cross_validation")
    if cv:
        click.echo(f"\ngrouped cross-validation on our annotations ({cv['folds']} document groups held out in "
                   f"turn; calibration error {cv['calibration_error_uncalibrated']:.3f} before temperature):")
        _print_figures(cv)
        full = cv.get("full_weight")
        if full:
            click.echo(f"  on the {full['n']} records of full weight (real-register batches, seeds): macro-F1 "
                       f"{full['macro_f1']:.3f}, calibration error {full['calibration_error']:.3f}")
    calibration = report.get("calibration")
    if calibration:
        click.echo(f"\ncalibration: temperature {report['temperature']:.2f}, fitted on the "
                   f"{calibration['fitted_on']} (out of fold it would be {calibration['temperature_out_of_fold']:.2f})")
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
              default=None, help="Quotes already annotated here are dropped (default: the workspace's annotations/).")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True, help="Quote extraction mode.")
@progress_option
@stdin_format_option("jsonl", "")
@model_option
@workspace_option
def annotate_command(inputs: tuple[str, ...], out: Path, fmt: str | None, limit: int | None,
                     annotations_dir: Path | None, mode: str, progress: bool | None, stdin_format: str,
                     model_path: Path | None, workspace_dir: Path | None) -> None:
    """Pre-annotate the quotes of new articles (INPUTS as for `tonekit batch`): the model's
    suggested label and scores, most uncertain first, in the annotation schema. Confirm or
    correct `label`, then `tonekit annotations import`."""
    from ..training import suggest, write_todo

    _, annotations_dir = workspace_paths(workspace_dir, annotations_dir)
    if out.exists():
        fail(f"{out}: already exists; choose another --out file (a to-do file may hold your labels, so it is "
             "never overwritten)")
    fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
    model = load_model_or_fail(model_path)
    try:
        items = article_progress(iter_items(list(inputs), stdin_format=stdin_format), inputs, progress=progress)
        records, errors = suggest(items, model=model, annotations=annotations_dir, mode=mode, limit=limit)
    except TonekitError as exc:
        fail(str(exc))
    for article_id, error in errors:
        click.echo(f"tonekit: error: {article_id}: {error}", err=True)
    write_todo(records, out, fmt, list(model.labels))
    uncertain = sum(1 for r in records if r["margin"] < 0.5)
    flagged = sum(1 for r in records if r["flags"])
    click.echo(f"{len(records)} quotes to annotate -> {out} ({uncertain} with a margin under 0.5, {flagged} with "
               f"a span flagged); confirm or correct `label`, then `tonekit annotations import {out} --by NAME`",
               err=True)
    if errors:
        sys.exit(1)
