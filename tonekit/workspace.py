"""A workspace: the user's own folder for the retraining loop.

``tonekit init DIR`` creates it, seeded with the shipped guideline, annotations and seed
articles, so a user starts from ours and adds their own::

    DIR/tonekit-workspace.json   the marker (what makes a folder a workspace)
    DIR/annotations/             GUIDELINE.md and *.jsonl (ours, then theirs under imported/)
    DIR/seeds/                   the seed articles the seed records' offsets point into
    DIR/articles/                their articles (nothing reads it implicitly)
    DIR/models/                  their trained models and the DEFAULT pointer

Commands that write (``annotations import``, ``train``) find the workspace from ``--workspace``
or the current folder and its parents, so they never write into site-packages or into the
checkout of another project. This repository is itself a workspace (its marker is committed).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import WorkspaceError
from .resources import shipped_folder

__all__ = ["Workspace", "MARKER", "WORKSPACE_FORMAT", "init_workspace", "open_workspace", "find_workspace",
           "resolve_workspace", "workspace_root"]

MARKER = "tonekit-workspace.json"
WORKSPACE_FORMAT = 1
GUIDELINE = "GUIDELINE.md"
_STARTER = ("annotations", "seeds")  # shipped folders copied into a new workspace
_EMPTY = ("articles", "models")


@dataclass(frozen=True)
class Workspace:
    """A validated workspace folder and the paths inside it."""

    root: Path

    @property
    def annotations(self) -> Path:
        return self.root / "annotations"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def models(self) -> Path:
        return self.root / "models"


def _starter_files() -> list[tuple[Path, Path]]:
    """(source, path inside the workspace) for every shipped file a new workspace gets."""
    files: list[tuple[Path, Path]] = []
    for name in _STARTER:
        source = shipped_folder(name)
        if not source.is_dir():
            raise WorkspaceError(f"the shipped {name}/ folder is missing at {source}; this tonekit was installed "
                                 "without it: reinstall tonekit from a wheel or sdist")
        files.extend((path, Path(name) / path.relative_to(source)) for path in sorted(source.rglob("*"))
                     if path.is_file() and (path.suffix in {".jsonl", ".md", ".txt"}))
    return files


def init_workspace(folder: Path | str) -> Workspace:
    """Create a workspace in ``folder`` (new, or empty) from the shipped starter files.

    Nothing that exists is overwritten: if any path the workspace would write is already there,
    :class:`WorkspaceError` lists them and nothing is written."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root}: is a file; `tonekit init` needs a new or empty folder")
    files = _starter_files()
    targets = [Path(MARKER), *(rel for _, rel in files), *(Path(name) for name in _EMPTY)]
    clashes = [str(root / rel) for rel in targets if (root / rel).exists()]
    if clashes:
        shown = ", ".join(clashes[:5]) + (f" and {len(clashes) - 5} more" if len(clashes) > 5 else "")
        raise WorkspaceError(f"{root}: would overwrite {shown}; nothing was written. `tonekit init` a new or empty "
                             "folder (an existing workspace needs no init)")
    for name in _EMPTY:
        (root / name).mkdir(parents=True)
    for source, rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / rel)
    marker = {"tonekit_workspace": WORKSPACE_FORMAT, "layout": {"annotations": "annotations", "seeds": "seeds",
                                                                "articles": "articles", "models": "models"}}
    (root / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return open_workspace(root)


def open_workspace(folder: Path | str) -> Workspace:
    """The workspace at ``folder``, checked: its marker and its guideline."""
    root = Path(folder)
    marker = root / MARKER
    if not marker.is_file():
        raise WorkspaceError(f"{root}: not a tonekit workspace (no {MARKER}); create one with `tonekit init {root}`")
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WorkspaceError(f"{marker}: unreadable ({error}); it should be the JSON `tonekit init` wrote") from None
    found = meta.get("tonekit_workspace") if isinstance(meta, dict) else None
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise WorkspaceError(f"{marker}: no workspace format (\"tonekit_workspace\": {WORKSPACE_FORMAT}); "
                             "it should be the JSON `tonekit init` wrote")
    if found > WORKSPACE_FORMAT:
        raise WorkspaceError(f"{marker}: workspace format {found} was written by a newer tonekit; this one reads "
                             f"{WORKSPACE_FORMAT}. Upgrade: pip install --upgrade tonekit")
    workspace = Workspace(root)
    if not (workspace.annotations / GUIDELINE).is_file():
        raise WorkspaceError(f"{root}: no annotations/{GUIDELINE}; it defines the labels every annotation uses. Fix: "
                             f"copy it from a new workspace (`tonekit init NEW`, then NEW/annotations/{GUIDELINE})")
    return workspace


def workspace_root(start: Path | str | None = None) -> Path | None:
    """The folder with a workspace marker that holds ``start`` (default: the current folder),
    or None; not validated (model lookup needs only its ``models/``)."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if (folder / MARKER).is_file()), None)


def find_workspace(start: Path | str | None = None) -> Workspace | None:
    """The workspace holding ``start`` (default: the current folder) or one of its parents,
    validated; None when there is none."""
    root = workspace_root(start)
    return open_workspace(root) if root is not None else None


def resolve_workspace(folder: Path | str | None = None) -> Workspace:
    """``folder``'s workspace, or the one the current folder is in; :class:`WorkspaceError`
    with the way out when there is none."""
    if folder is not None:
        return open_workspace(folder)
    found = find_workspace()
    if found is None:
        raise WorkspaceError(f"not in a tonekit workspace ({Path.cwd()} and its parents have no {MARKER}): create "
                             "one with `tonekit init DIR` and run from inside it, or pass --workspace DIR")
    return found
