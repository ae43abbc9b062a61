"""Provenance: every batch record names the model (folder name, sha256 prefix), the tonekit
version and the extraction mode used; a resume with another model or mode refuses, naming
both, and --rerun redoes the lot without touching the file until it is done."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import tonekit
from tonekit.batch import (check_results_file, completed_ids, provenance_sidecar, run_provenance, score_articles,
                           write_report)
from tonekit.cli import main
from tonekit.errors import ReportInputError, ResultsProvenanceError
from tonekit.quotes import resolve_mode
from tonekit.tone import read_meta, resolve_model_dir

ARTICLE = "“We welcome the agreement,” the foreign minister said. “We oppose the blockade,” he added."


def _inputs(tmp_path: Path) -> Path:
    """Two articles and one that cannot be scored (an error record)."""
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [{"id": "a", "text": ARTICLE}, {"id": "b", "text": " "},
                                                           {"id": "c", "text": ARTICLE.upper()}]), encoding="utf-8")
    return path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _batch(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["batch", *args])


@pytest.fixture()
def other_model(tmp_path: Path) -> Path:
    """The shipped model copied under another folder name: another model id, the same sha256."""
    return Path(shutil.copytree(resolve_model_dir(), tmp_path / "models" / "tone-other"))


def test_run_provenance_names_the_model_version_and_resolved_mode() -> None:
    folder = resolve_model_dir()
    assert run_provenance(None, "auto") == {"model": folder.name,
                                            "model_sha256": read_meta(folder)["artifact_sha256"][:12],
                                            "tonekit": tonekit.__version__, "mode": resolve_mode("auto")}
    assert run_provenance(None, "fast")["mode"] == "fast"


@pytest.mark.parametrize("mode", ["fast", "auto"], ids=["fast", "auto-resolved"])
def test_every_record_carries_provenance(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "r.jsonl"
    result = _batch(str(_inputs(tmp_path)), "--out", str(out), "--mode", mode)
    assert result.exit_code == 0, result.output
    records = _lines(out)
    expected = run_provenance(None, mode)
    assert expected["mode"] in ("fast", "accurate")  # "auto" is never recorded
    assert [r["id"] for r in records] == ["a", "b", "c"] and "error" in records[1]
    assert all(r["provenance"] == expected for r in records)  # error records too


def test_library_results_carry_provenance(other_model: Path) -> None:
    results = list(score_articles([ARTICLE, " "], mode="fast", model=other_model))
    assert [r.provenance for r in results] == [run_provenance(other_model, "fast")] * 2
    assert results[0].provenance["model"] == "tone-other" and not results[1].ok


def test_resume_with_the_same_model_and_mode_continues(tmp_path: Path) -> None:
    inputs, out = _inputs(tmp_path), tmp_path / "r.jsonl"
    assert _batch(str(inputs), "--out", str(out), "--mode", "fast").exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    again = _batch(str(inputs), "--out", str(out), "--mode", "fast")
    assert again.exit_code == 0, again.output
    assert "2 articles (1 already in" in again.output
    assert [r["id"] for r in _lines(out)] == ["a", "b", "c"]


def _strip_provenance(out: Path) -> None:
    out.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "provenance"}) + "\n" for r in _lines(out)),
                   encoding="utf-8")


# (how the existing file was made, what the refusal must say about it)
CASES = [
    (lambda other: ["--mode", "fast", "--model", str(other)], None,
     r"made by model tone-other \(sha256 [0-9a-f]{12}\), mode fast"),
    (lambda other: ["--mode", "accurate"], None, r"made by model tone-\w+ \(sha256 [0-9a-f]{12}\), mode accurate"),
    (lambda other: ["--mode", "fast"], _strip_provenance, r"carry no provenance \(written by a tonekit before"),
]


@pytest.mark.parametrize("first, edit, says", CASES, ids=["another-model", "another-mode", "no-provenance"])
def test_resume_with_another_run_refuses_and_rerun_redoes(tmp_path: Path, other_model: Path, first, edit,
                                                          says: str) -> None:  # type: ignore[no-untyped-def]
    inputs, out = _inputs(tmp_path), tmp_path / "r.jsonl"
    made = _batch(str(inputs), "--out", str(out), *first(other_model))
    assert made.exit_code == 0, made.output
    if edit is not None:
        edit(out)
    before = out.read_bytes()
    current = run_provenance(None, "fast")
    this_run = rf"this run uses model {current['model']} \(sha256 {current['model_sha256']}\), mode fast"

    with pytest.raises(ResultsProvenanceError, match=says) as refused:
        completed_ids(out, current)
    assert "--rerun" in str(refused.value) and "new --out file" in str(refused.value)
    if edit is None:
        assert refused.match(this_run)

    resumed = _batch(str(inputs), "--out", str(out), "--mode", "fast")
    assert resumed.exit_code == 1 and "--rerun" in resumed.output and "--out" in resumed.output
    assert out.read_bytes() == before  # refused: the file is left as it was

    rerun = _batch(str(inputs), "--out", str(out), "--mode", "fast", "--rerun")
    assert rerun.exit_code == 0, rerun.output
    assert "3 articles," in rerun.output
    records = _lines(out)
    assert [r["id"] for r in records] == ["a", "b", "c"] and all(r["provenance"] == current for r in records)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "models", "r.jsonl"]  # no temporary left


def test_an_interrupted_rerun_continues_and_out_is_replaced_at_the_end(tmp_path: Path, other_model: Path) -> None:
    inputs, out = _inputs(tmp_path), tmp_path / "r.jsonl"
    assert _batch(str(inputs), "--out", str(out), "--mode", "fast", "--model", str(other_model)).exit_code == 0
    before = out.read_bytes()
    partial = tmp_path / "r.jsonl.rerun.tmp"  # what a rerun cut short by Ctrl-C leaves
    assert _batch(str(inputs), "--out", str(partial), "--mode", "fast").exit_code == 0
    partial.write_text(partial.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert out.read_bytes() == before
    rerun = _batch(str(inputs), "--out", str(out), "--mode", "fast", "--rerun")
    assert rerun.exit_code == 0, rerun.output
    assert f"2 articles (1 already in {partial}" in rerun.output
    assert not partial.exists() and [r["id"] for r in _lines(out)] == ["a", "b", "c"]
    assert all(r["provenance"] == run_provenance(None, "fast") for r in _lines(out))


@pytest.mark.parametrize("partial, redone", [
    ("another-mode", 3),
    ("not-results", None),
], ids=["another-mode-restarts", "a-users-file-refuses"])
def test_a_stale_rerun_file(tmp_path: Path, partial: str, redone: int | None) -> None:
    inputs, out, tmp = _inputs(tmp_path), tmp_path / "r.jsonl", tmp_path / "r.jsonl.rerun.tmp"
    assert _batch(str(inputs), "--out", str(out), "--mode", "fast").exit_code == 0
    if partial == "another-mode":
        tmp.write_text("".join(json.dumps({**r, "provenance": {**r["provenance"], "mode": "accurate"}}) + "\n"
                               for r in _lines(out)[:1]), encoding="utf-8")
    else:
        tmp.write_text("my notes\n", encoding="utf-8")
    rerun = _batch(str(inputs), "--out", str(out), "--mode", "fast", "--rerun")
    if redone is None:
        assert rerun.exit_code == 1 and "not replacing a file tonekit did not write" in rerun.output
        assert tmp.read_text(encoding="utf-8") == "my notes\n"
    else:
        assert rerun.exit_code == 0 and f"{redone} articles," in rerun.output and not tmp.exists()


def test_rerun_never_replaces_a_file_tonekit_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("my notes\n", encoding="utf-8")
    result = _batch(str(_inputs(tmp_path)), "--out", str(out), "--mode", "fast", "--rerun")
    assert result.exit_code == 1 and "not replacing a file tonekit did not write" in result.output
    assert out.read_text(encoding="utf-8") == "my notes\n"
    with pytest.raises(ReportInputError, match="not replacing a file tonekit did not write"):
        check_results_file(out)


def test_rerun_of_a_new_file_is_a_plain_run(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    assert _batch(str(_inputs(tmp_path)), "--out", str(out), "--mode", "fast", "--rerun").exit_code == 0
    assert len(_lines(out)) == 3


def test_quotes_csv_has_a_provenance_sidecar(tmp_path: Path) -> None:
    out, table = tmp_path / "r.jsonl", tmp_path / "quotes.csv"
    result = _batch(str(_inputs(tmp_path)), "--out", str(out), "--mode", "fast", "--quotes-csv", str(table))
    assert result.exit_code == 0, result.output
    sidecar = provenance_sidecar(table)
    assert sidecar == tmp_path / "quotes.csv.provenance.json" and str(sidecar) in result.output
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    n_rows = table.read_text(encoding="utf-8").count("\n") - 1
    assert meta == {"results": str(out), "quotes": n_rows,
                    "provenance": [{**run_provenance(None, "fast"), "articles": 3}]}


@pytest.mark.parametrize("edit, says", [
    (lambda records: records, r"Made by model tone-\w+ \(sha256 [0-9a-f]{12}\), mode fast, tonekit "),
    (lambda records: [records[0], {**records[1], "provenance": {**records[1]["provenance"], "mode": "accurate"}},
                      {k: v for k, v in records[2].items() if k != "provenance"}],
     r"Several provenances \(3\): .*mode fast.*: 1 articles; .*mode accurate.*: 1 articles; unknown provenance"),
    (lambda records: [{k: v for k, v in r.items() if k != "provenance"} for r in records],
     r"Provenance unknown: written before results recorded their model"),
], ids=["one", "several", "unknown"])
def test_report_header_shows_the_provenance(tmp_path: Path, edit, says: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.jsonl"
    assert _batch(str(_inputs(tmp_path)), "--out", str(out), "--mode", "fast").exit_code == 0
    out.write_text("".join(json.dumps(r) + "\n" for r in edit(_lines(out))), encoding="utf-8")
    data = write_report(out, tmp_path / "page.html")
    header = (tmp_path / "page.html").read_text(encoding="utf-8").split("</header>")[0]
    assert len(data.provenances) == len({json.dumps(p) for p, _ in data.provenances})  # each listed once
    assert re.search(says, header), header
