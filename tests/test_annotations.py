"""The annotation corpus: validator problems with file:line, the shipped corpus's shape."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonekit.training import check, cohen_kappa, load_labels, load_records, stats
from tonekit.cli import main

GOOD = {"id": "x-1", "text": "We welcome the agreement.", "label": "cooperative", "source": "authored", "doc": "b1",
        "start": None, "end": None, "speaker": "a minister", "kind": "direct", "register": "press remarks",
        "votes": [{"by": "a", "label": "cooperative"}, {"by": "b", "label": "cooperative"}], "note": None}


def _folder(tmp_path: Path, lines: list[str]) -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s.txt").write_text("Officials said the talks were frank.", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "line, message",
    [
        pytest.param("{not json", "bad JSON", id="bad-json"),
        pytest.param(json.dumps({k: v for k, v in GOOD.items() if k != "register"}), "missing field.*register", id="missing-field"),
        pytest.param(json.dumps({**GOOD, "colour": "red"}), "unknown field.*colour", id="unknown-field"),
        pytest.param(json.dumps({**GOOD, "label": "hostile"}), "label 'hostile' is not in the guideline", id="unknown-label"),
        pytest.param(json.dumps({**GOOD, "text": "  "}), "text is empty", id="empty-text"),
        pytest.param(json.dumps({**GOOD, "kind": "quoted"}), "kind must be", id="bad-kind"),
        pytest.param(json.dumps({**GOOD, "votes": [{"label": "candid"}]}), "votes must be", id="bad-votes"),
        pytest.param(json.dumps({**GOOD, "id": "x-2", "source": "seed", "doc": "s.txt", "start": 0, "end": 9, "text": "Officials"}),
                     None, id="seed-offsets-ok"),
        pytest.param(json.dumps({**GOOD, "source": "seed", "doc": "s.txt", "start": 0, "end": 5, "text": "Officials"}),
                     "offsets 0:5 do not match the seed text", id="seed-offsets-wrong"),
        pytest.param(json.dumps({**GOOD, "source": "seed", "doc": "missing.txt", "start": 0, "end": 5}),
                     "is not a file", id="seed-doc-missing"),
    ],
)
def test_check_reports_file_and_line(tmp_path: Path, line: str, message: str | None) -> None:
    folder = _folder(tmp_path, [json.dumps(GOOD), line])
    problems = check(folder)
    if message is None:
        assert problems == []
        return
    assert problems, "expected a problem"
    assert all(p.line == 2 and p.path.name == "batch.jsonl" for p in problems)
    assert re.search(message, str(problems[0])), str(problems[0])
    assert str(problems[0]).startswith(str(folder / "batch.jsonl") + ":2: ")


def test_duplicate_id(tmp_path: Path) -> None:
    problems = check(_folder(tmp_path, [json.dumps(GOOD), json.dumps(GOOD)]))
    assert [str(p).split(": ", 1)[1] for p in problems] == [f"duplicate id 'x-1' (first at {tmp_path / 'annotations' / 'batch.jsonl'}:1)"]


def test_check_never_changes_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["{bad"])
    before = (folder / "batch.jsonl").read_bytes()
    check(folder)
    assert (folder / "batch.jsonl").read_bytes() == before


def test_declared_label_accepted(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [json.dumps({**GOOD, "label": "hostile", "votes": []})])
    (folder / "GUIDELINE.md").write_text("```labels\ncooperative\nhostile\n```\n")
    assert load_labels(folder) == ("cooperative", "hostile")
    assert check(folder) == []


def test_cli_check_exit_codes(tmp_path: Path, root: Path) -> None:
    bad = CliRunner().invoke(main, ["annotations", "check", str(_folder(tmp_path, ["{bad"]))])
    assert bad.exit_code == 1 and "batch.jsonl:1: bad JSON" in bad.stdout
    good = CliRunner().invoke(main, ["annotations", "check", str(root / "annotations")])
    assert good.exit_code == 0, good.output


def test_cohen_kappa() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)


# ---------------------------------------------------------------- the shipped corpus


@pytest.fixture(scope="module")
def records(root: Path) -> list[dict]:
    assert check(root / "annotations") == []
    return load_records(root / "annotations")


def test_corpus_shape(records: list[dict]) -> None:
    authored = [r for r in records if r["source"] == "authored"]
    assert len(authored) >= 2000
    labels = Counter(r["label"] for r in authored)
    assert min(labels.values()) >= 350, labels
    assert len({r["side"] for r in authored}) >= 40
    assert len({r["register"] for r in authored}) >= 6
    assert {r["kind"] for r in authored} == {"direct", "indirect"}
    assert sum((r["note"] or "").startswith("hard") for r in authored) >= 0.15 * len(authored)
    for r in authored:
        assert 5 <= len(r["text"].split()) <= 80, r["id"]
    assert all(len(r["votes"]) == 2 for r in records), "every record has two independent votes"


def test_seed_records_cover_every_gold_quote(records: list[dict]) -> None:
    seeds = [r for r in records if r["source"] == "seed"]
    assert len(seeds) == 42 and {r["kind"] for r in seeds} == {"direct", "indirect"}


def test_no_two_authored_records_share_eight_words(records: list[dict]) -> None:
    """Written one by one, not from templates: no run of eight words appears in two records."""
    seen: dict[tuple[str, ...], str] = {}
    for r in records:
        if r["source"] != "authored":
            continue
        words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", r["text"].lower().replace("\u2019", "'"))
        for i in range(len(words) - 7):
            gram = tuple(words[i:i + 8])
            other = seen.setdefault(gram, r["id"])
            assert other == r["id"], f"{r['id']} and {other} share {' '.join(gram)!r}"


def test_stats_agreement(records: list[dict]) -> None:
    figures = stats(records)
    assert set(figures["agreement"]) == {"authored", "seed"}
    assert sum(figures["label"].values()) == len(records)
