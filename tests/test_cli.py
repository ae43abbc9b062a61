"""The command line, called in-process with click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tonekit.cli import main


def test_quotes_table(root: Path) -> None:
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", str(root / "seeds")])
    assert result.exit_code == 0, result.output
    assert "000_527fa27e2fd7a56f.txt" in result.output and "SPEAKER" in result.output


def test_quotes_jsonl_from_stdin() -> None:
    text = "“We agree,” the minister said.\n"
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", "-"], input=text)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [{"id": "-", "quote": 1, "speaker": "the minister", "speaker_id": "minister", "speaker_confidence": 0.45,
                     "speaker_role": "minister", "speaker_country": None, "kind": "direct", "cue": "said", "start": 1,
                     "end": 9, "speaker_start": 12, "speaker_end": 24, "text": "We agree"}]


def test_quotes_csv(root: Path) -> None:
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "csv", str(root / "seeds" / "004_6a27321979484ec4.txt")])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == ("id,quote,speaker,speaker_id,speaker_confidence,speaker_role,speaker_country,"
                                             "kind,cue,start,end,speaker_start,speaker_end,text")


def test_quotes_bad_inputs_reported_and_others_processed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("“We agree,” the minister said.")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 talks\n")
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "bad.txt: not valid UTF-8 at byte 3 (line 1)" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["id"] == "good.txt"


def test_eval_quotes_json(brat_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval-quotes", "--brat", str(brat_dir), "--mode", "fast", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["documents"] == 1 and figures["direct_found"] == 1


def test_eval_quotes_bad_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval-quotes", "--brat", str(tmp_path)])
    assert result.exit_code == 1
    assert "no .txt file with a matching .ann" in result.stderr


def test_same_file_same_verdict_in_every_command(tmp_path: Path) -> None:
    """One input reader: an empty .txt is an error for quotes, score and score --articles alike."""
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for args in (["quotes", "--mode", "fast"], ["score"], ["score", "--articles", "--mode", "fast"]):
        result = CliRunner().invoke(main, [*args, str(empty)])
        assert result.exit_code == 1, args
        assert f"{empty}: empty or whitespace-only" in result.stderr, args


def test_stdin_format_is_explicit() -> None:
    record = json.dumps({"id": "a1", "text": "“We agree,” the minister said."})
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", "--stdin-format", "jsonl", "-"],
                                input=record + "\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.output.splitlines()] == ["a1"]
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", "--stdin-format", "lines", "-"],
                                input="“We agree,” he said.\n\n“We do not,” she said.\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.output.splitlines()] == ["-:1", "-:3"]
