"""``tonekit init`` and ``convert-model``: the user's own workspace, and models of older formats.

``workspace_option`` and :func:`workspace_paths` give the training commands one way to find the
folders they read and write (see :mod:`tonekit.workspace`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import TonekitError
from ._app import fail, main

if TYPE_CHECKING:
    from ..workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def workspace_option(function: F) -> F:
    return click.option("--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Workspace folder (`tonekit init`); default: the one the current folder is in.")(function)


def workspace_paths(workspace_dir: Path | None, annotations_dir: Path | None) -> tuple[Workspace | None, Path]:
    """The workspace (or None) and the annotations folder a command uses: an explicit
    ``--annotations`` wins, and then a workspace is optional; else the workspace's (from
    ``--workspace`` or the current folder), and no workspace is an error that says the fix."""
    from ..workspace import find_workspace, resolve_workspace

    try:
        if annotations_dir is not None and workspace_dir is None:
            return find_workspace(), annotations_dir
        workspace = resolve_workspace(workspace_dir)
    except TonekitError as exc:
        fail(str(exc))
    return workspace, annotations_dir if annotations_dir is not None else workspace.annotations


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
def init_command(folder: Path) -> None:
    """Create a workspace in FOLDER (new or empty): our guideline, annotations and seed articles
    to start from, and folders for your articles and models. Nothing that exists is overwritten."""
    from ..workspace import init_workspace

    try:
        workspace = init_workspace(folder)
    except TonekitError as exc:
        fail(str(exc))
    records = sum(1 for path in workspace.annotations.rglob("*.jsonl")
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    click.echo(f"workspace {workspace.root}: {records:,} annotation records, "
               f"{sum(1 for _ in workspace.seeds.glob('*.txt'))} seed articles")
    click.echo(f"next: cd {workspace.root}, then `tonekit annotate articles/ --out todo.csv`, review `label`, "
               "`tonekit annotations import todo.csv --by NAME`, `tonekit train`")


@main.command("convert-model")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), help="The new model folder (never overwritten).")
def convert_model_command(source: Path, out: Path) -> None:
    """Rewrite a model of an older, pickled format (model.joblib) in today's format, which
    loading never unpickles. This unpickles SOURCE once: convert only models you trust."""
    from ..tone import convert_model

    try:
        folder = convert_model(source, out)
    except TonekitError as exc:
        fail(str(exc))
    click.echo(f"converted {source} -> {folder}")
