"""`tonekit score` and `tonekit train`, called in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from tonekit.cli import main


def test_score_statements_jsonl(tmp_path: Path) -> None:
    statements = tmp_path / "s.txt"
    statements.write_text("We welcome the agreement.\n\nWe condemn this provocation.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "--format", "jsonl", "--explain", "2", str(statements)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["label"]) for r in rows] == [("s.txt:1", "cooperative"), ("s.txt:3", "conflictual")]
    assert len(rows[0]["phrases"]) <= 2 and abs(sum(rows[0]["scores"].values()) - 1) < 1e-3


def test_score_statements_table_and_csv_from_stdin() -> None:
    text = "We welcome the agreement.\nThe minister travels to Oslo on Monday.\n"
    table = CliRunner().invoke(main, ["score", "-"], input=text)
    assert table.exit_code == 0 and "LABEL" in table.output and "-:2" in table.output
    result = CliRunner().invoke(main, ["score", "--format", "csv", "-"], input=text)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["-:1", "-:2"] and set(rows[0]) >= {"label", "index", "cooperative", "text"}


def test_score_articles(root: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--articles", "--mode", "fast", "--format", "jsonl", str(root / "seeds")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 5 and all(r["n_quotes"] == len(r["quotes"]) for r in records)
    table = CliRunner().invoke(main, ["score", "--articles", "--mode", "fast", str(root / "seeds")])
    assert "by speaker:" in table.output and "mean index" in table.output


def test_score_missing_input_and_bad_model(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1 and "no such file or folder" in result.output
    result = CliRunner().invoke(main, ["score", "--model", str(tmp_path), "-"], input="hello\n")
    assert result.exit_code == 1 and "no tone model" in result.output


def test_train_writes_a_model_and_refuses_bad_annotations(small_annotations: Path, tmp_path: Path) -> None:
    out = tmp_path / "models" / "tone-small"
    result = CliRunner().invoke(main, ["train", "--annotations", str(small_annotations), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "grouped cross-validation" in result.output and (out / "meta.json").exists()
    assert (out.parent / "DEFAULT").read_text().strip() == "tone-small"
    scored = CliRunner().invoke(main, ["score", "--model", str(out.parent), "--format", "jsonl", "-"], input="We welcome it.\n")
    assert json.loads(scored.output)["label"] in {"cooperative", "candid", "conflictual", "neutral"}

    (small_annotations / "authored" / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    again = tmp_path / "models" / "tone-broken"
    result = CliRunner().invoke(main, ["train", "--annotations", str(small_annotations), "--out", str(again)])
    assert result.exit_code == 1 and "broken.jsonl:1" in result.output and not again.exists()


def test_info_names_the_model_in_use(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tonekit.tone import read_meta, resolve_model_dir

    monkeypatch.delenv("TONEKIT_MODEL", raising=False)
    root = Path(__file__).resolve().parent.parent
    folder = resolve_model_dir(root / "models")
    meta = read_meta(folder)
    result = CliRunner().invoke(main, ["info", "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert (info["model"], info["source"], info["path"]) == (folder.name, "checkout", str(folder))
    assert info["sha256"] == meta["artifact_sha256"] and info["annotations"]["records"] == meta["annotations"]["records"]
    assert info["evaluation"]["cross_validation"]["macro_f1"] == meta["evaluation"]["cross_validation"]["macro_f1"]
    assert info["evaluation"]["dev"]["n"] == meta["evaluation"]["dev"]["n"] and info["tonekit_version"]
    table = CliRunner().invoke(main, ["info"])
    assert table.exit_code == 0 and f"sha256         {meta['artifact_sha256'][:12]}..." in table.output
    assert "found          checkout" in table.output and "cross-val      macro-F1 0.9" in table.output
    monkeypatch.setenv("TONEKIT_MODEL", str(root / "no-such-model"))
    missing = CliRunner().invoke(main, ["info"])
    assert missing.exit_code == 1 and "TONEKIT_MODEL" in missing.output
