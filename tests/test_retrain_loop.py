"""The whole retraining loop on a small copy of the annotations: annotate new articles, accept
the suggestions, add a file, retrain and promote; the gate refuses a deliberately worse
annotation set, and --force promotes it anyway."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonekit.cli import main

ROTATE = {"cooperative": "conflictual", "conflictual": "neutral", "neutral": "candid", "candid": "cooperative"}


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _copy_batch(root: Path, target: Path, batch: str, count: int, relabel: dict[str, str] | None = None) -> None:
    lines = (root / "annotations" / "authored" / batch).read_text(encoding="utf-8").splitlines()[:count]
    records = [json.loads(line) for line in lines]
    for record in records:
        if relabel:
            record["label"] = relabel[record["label"]]
            record["votes"] = [{"by": "saboteur", "label": record["label"]}]
    target.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _pointer(models: Path) -> str:
    return (models / "DEFAULT").read_text(encoding="utf-8").strip()


@pytest.mark.slow
def test_the_whole_loop(small_annotations: Path, tmp_path: Path, root: Path) -> None:
    annotations, models = small_annotations, tmp_path / "models"

    code, output = _invoke("train", "--annotations", str(annotations), "--out", str(models / "v1"))
    assert code == 0, output
    assert _pointer(models) == "v1" and (models / "v1" / "training.jsonl.gz").exists()

    # pre-annotate the seed articles: most uncertain first, already-annotated quotes dropped
    todo = tmp_path / "todo.jsonl"
    code, output = _invoke("annotate", str(root / "seeds"), "--annotations", str(annotations), "--model", str(models),
                           "--mode", "fast", "--limit", "12", "--out", str(todo))
    assert code == 0, output
    rows = [json.loads(line) for line in todo.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(rows) <= 12
    assert [r["margin"] for r in rows] == sorted(r["margin"] for r in rows)
    assert all(r["label"] == r["suggested"] and set(r["scores"]) == {"cooperative", "candid", "conflictual", "neutral"}
               for r in rows)

    # the same, through a spreadsheet: one correction, then import
    sheet = tmp_path / "todo.csv"
    assert _invoke("annotate", str(root / "seeds"), "--annotations", str(annotations), "--model", str(models),
                   "--mode", "fast", "--limit", "12", "--out", str(sheet))[0] == 0
    with open(sheet, encoding="utf-8-sig", newline="") as handle:  # the CSV starts with a byte-order mark
        table = list(csv.DictReader(handle))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    table[0]["label"] = ROTATE[table[0]["label"]]
    with open(sheet, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    code, output = _invoke("annotations", "import", str(sheet), "--by", "reviewer", "--annotations", str(annotations))
    assert code == 0, output
    imported = [json.loads(line) for line in (annotations / "imported" / "todo.jsonl").read_text().splitlines()]
    assert len(imported) == len(rows) and imported[0]["label"] == table[0]["label"]
    assert "corrected from the model's suggestion" in imported[0]["note"]
    assert imported[1]["votes"] == [{"by": "reviewer", "label": imported[1]["label"]}]
    assert _invoke("annotations", "check", str(annotations))[0] == 0
    # importing the JSON Lines to-do now finds every id already annotated, and writes nothing
    code, output = _invoke("annotations", "import", str(todo), "--by", "reviewer", "--annotations", str(annotations),
                           "--into", str(annotations / "imported" / "again.jsonl"))
    assert code == 1 and "already annotated" in output and not (annotations / "imported" / "again.jsonl").exists()
    # annotating again drops what was just imported (into a new to-do file: an old one is never overwritten)
    assert _invoke("annotate", str(root / "seeds"), "--annotations", str(annotations), "--model", str(models),
                   "--mode", "fast", "--limit", "12", "--out", str(todo))[0] == 1
    again = tmp_path / "todo-2.jsonl"
    assert _invoke("annotate", str(root / "seeds"), "--annotations", str(annotations), "--model", str(models),
                   "--mode", "fast", "--limit", "12", "--out", str(again))[0] == 0
    assert not {json.loads(line)["text"] for line in again.read_text().splitlines()} & {r["text"] for r in imported}

    # add a file of good annotations and retrain: the gate compares and promotes
    _copy_batch(root, annotations / "authored" / "batch-w3.jsonl", "batch-w3.jsonl", 160)
    code, output = _invoke("train", "--annotations", str(annotations), "--out", str(models / "v2"))
    assert code == 0, output
    assert "gate: both recipes retrained without" in output and _pointer(models) == "v2"

    # a deliberately worse set: a batch whose labels are all rotated
    _copy_batch(root, annotations / "authored" / "batch-w4.jsonl", "batch-w4.jsonl", 320, relabel=ROTATE)
    code, output = _invoke("train", "--annotations", str(annotations), "--out", str(models / "v3"))
    assert code == 3, output
    assert "not promoted" in output and _pointer(models) == "v2" and (models / "v3" / "meta.json").exists()

    code, output = _invoke("train", "--annotations", str(annotations), "--out", str(models / "v4"), "--force")
    assert code == 0, output
    assert "forced past the gate" in output and _pointer(models) == "v4"


def test_import_refuses_bad_rows_and_writes_nothing(small_annotations: Path, tmp_path: Path) -> None:
    todo = tmp_path / "todo.jsonl"
    rows = [{"id": "new-1", "text": "We welcome the plan.", "label": "cooperative", "doc": "a.txt", "start": 0, "end": 5},
            {"id": "new-2", "text": "We reject it.", "label": "furious", "doc": "a.txt", "start": 9, "end": 20},
            {"id": "new-3", "text": "  ", "label": "neutral", "doc": "a.txt", "start": "x", "end": 1}]
    todo.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    code, output = _invoke("annotations", "import", str(todo), "--by", "me", "--annotations", str(small_annotations))
    assert code == 1
    assert "todo.jsonl:2: label 'furious' is not in the guideline's label set" in output
    assert "todo.jsonl:3: text is empty" in output and "todo.jsonl:4: bad JSON" in output
    assert not (small_annotations / "imported").exists()
