"""Batch scoring: one result per input, in input order, the same on every backend; the CLI
resumes, never duplicates, and reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonekit.batch import ArticleResult, score_articles
from tonekit.cli import main

ARTICLE = ("“We welcome the agreement,” the foreign minister said.\n\n"
           "“We firmly oppose the blockade,” the defence minister said.\n")


def _items(root: Path) -> list:
    seeds = [{"id": p.name, "text": p.read_text(encoding="utf-8"), "source": "seed"}
             for p in sorted((root / "seeds").glob("*.txt"))]
    return [*seeds, {"id": "blank", "text": "  "}, "“We reject it,” he said.", {"id": "no-text"}, ARTICLE, 42]


def _records(results) -> list[dict]:
    return [r.to_record() for r in results]


def test_one_result_per_item_in_order(root: Path) -> None:
    items = _items(root)
    results = list(score_articles(items, mode="fast"))
    assert len(results) == len(items)
    assert [r.id for r in results][:7] == [*(p.name for p in sorted((root / "seeds").glob("*.txt"))), "blank", "6"]
    assert all(isinstance(r, ArticleResult) for r in results)
    errors = {r.id: r.error for r in results if not r.ok}
    assert set(errors) == {"blank", "no-text", "9"}
    assert "text must be a str" in errors["no-text"] and "expected an Item" in errors["9"]
    assert results[0].fields == {"source": "seed"} and results[0].n_quotes == len(results[0].quotes) > 0
    assert results[8].speakers and results[8].label in {"cooperative", "conflictual"}


def test_parameters_are_validated() -> None:
    with pytest.raises(ValueError, match="the 'n_jobs' argument of score_articles must be a positive int or -1; got 0"):
        score_articles([], n_jobs=0)
    with pytest.raises(ValueError, match="the 'chunk_size' argument of score_articles must be a positive int; got 0"):
        score_articles([], chunk_size=0)


@pytest.mark.slow
def test_joblib_processes_equal_serial(root: Path) -> None:
    items = _items(root) * 3
    serial = _records(score_articles(items, mode="fast", chunk_size=4))
    parallel = _records(score_articles(items, mode="fast", n_jobs=2, chunk_size=4))
    assert parallel == serial


@pytest.mark.slow
def test_dask_local_cluster_equals_serial(root: Path) -> None:
    distributed = pytest.importorskip("distributed")
    items = _items(root) * 2
    serial = _records(score_articles(items, mode="fast", chunk_size=3))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = _records(score_articles(items, mode="fast", chunk_size=3, scheduler=cluster.scheduler_address))
    assert on_cluster == serial


@pytest.mark.slow
def test_unreachable_scheduler_is_a_clean_error() -> None:
    pytest.importorskip("distributed")
    from tonekit.errors import SchedulerError

    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler"):
        list(score_articles(["text"], scheduler="tcp://127.0.0.1:9", mode="fast"))


# -- the command ------------------------------------------------------------------------
def _folder(tmp_path: Path, root: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for p in sorted((root / "seeds").glob("*.txt")):
        (folder / "sub" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("caf\xe9 talks".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 PDF?")
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_cli_batch_resume_and_strict(tmp_path: Path, root: Path) -> None:
    folder = _folder(tmp_path, root)
    records = tmp_path / "more.jsonl"
    records.write_text(json.dumps({"id": "r1", "text": ARTICLE, "date": "2024-03-01", "desk": "europe"}) + "\n"
                       + "{not json\n", encoding="utf-8")
    out, table = tmp_path / "results.jsonl", tmp_path / "quotes.csv"
    args = ["batch", str(folder), str(records), "--out", str(out), "--mode", "fast", "--quotes-csv", str(table)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    rows = _lines(out)
    assert len(rows) == 10  # 5 seeds + 3 bad files + 2 records: one line each
    by_id = {r["id"]: r for r in rows}
    assert by_id["r1"]["date"] == "2024-03-01" and by_id["r1"]["desk"] == "europe" and by_id["r1"]["n_quotes"] == 2
    assert {"empty.txt", "latin1.txt", "binary.txt"} <= {r["id"] for r in rows if "error" in r}
    assert "10 articles" in first.output and "errors" in first.output
    assert table.read_text(encoding="utf-8").count("\n") == 1 + sum(r.get("n_quotes", 0) for r in rows)

    # a crash left half a line: the rerun drops it, redoes that article only, duplicates nothing
    text = out.read_text(encoding="utf-8")
    cut = text.rstrip("\n").rfind("\n") + 1
    out.write_text(text[: cut + 7], encoding="utf-8")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "1 articles (9 already in" in again.output
    assert sorted(r["id"] for r in _lines(out)) == sorted(r["id"] for r in rows)

    strict = CliRunner().invoke(main, [*args, "--strict", "--out", str(tmp_path / "strict.jsonl")])
    assert strict.exit_code == 1


def test_cli_batch_refuses_a_foreign_out_file(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", "-", "--out", str(out)], input="")
    assert result.exit_code == 1 and "not a result record" in result.output


def test_cli_report(tmp_path: Path, root: Path) -> None:
    out = tmp_path / "results.jsonl"
    assert CliRunner().invoke(main, ["batch", str(root / "seeds"), "--out", str(out), "--mode", "fast"]).exit_code == 0
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(out), "--out", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and "no dates" in html and "http://" not in html and "5 articles" in result.output


def test_every_quote_table_has_one_schema(tmp_path: Path, root: Path) -> None:
    """tonekit quotes, score --articles and batch --quotes-csv write the same columns in the same order."""
    seed = str(root / "seeds" / "004_6a27321979484ec4.txt")
    quotes = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "csv", seed]).output.splitlines()[0]
    scored = CliRunner().invoke(main, ["score", "--articles", "--mode", "fast", "--format", "csv", seed])
    out, table = tmp_path / "r.jsonl", tmp_path / "q.csv"
    assert CliRunner().invoke(main, ["batch", seed, "--out", str(out), "--mode", "fast",
                                     "--quotes-csv", str(table)]).exit_code == 0
    batch_rows = list(csv.DictReader(table.open(encoding="utf-8")))
    scored_rows = list(csv.DictReader(io.StringIO(scored.output)))
    assert scored.output.splitlines()[0] == table.read_text(encoding="utf-8").splitlines()[0]
    untoned = [c for c in quotes.split(",") if c not in ("speaker_start", "speaker_end")]
    assert untoned == [c for c in batch_rows[0] if c in untoned]  # the same columns, in the same order
    assert quotes.split(",")[-3:] == ["speaker_start", "speaker_end", "text"]
    assert scored_rows == batch_rows


def test_a_half_written_last_line_is_read_the_same_everywhere(tmp_path: Path) -> None:
    """Resuming, reporting and the quote table all skip a torn last line; resuming also cuts it off."""
    from tonekit.batch import completed_ids, load_results, write_quotes_csv

    whole = json.dumps({"id": "a", "quotes": [{"text": "We agree.", "label": "cooperative", "index": 1.0,
                                               "scores": {"cooperative": 1.0}}]})
    path = tmp_path / "r.jsonl"
    path.write_text(whole + "\n" + '{"id": "b", "quo', encoding="utf-8")
    assert [r["id"] for r in load_results(path)] == ["a"]
    assert write_quotes_csv(path, tmp_path / "q.csv", ["cooperative"]) == 1
    assert completed_ids(path) == {"a"}
    assert path.read_text(encoding="utf-8") == whole + "\n"
    path.write_text(whole, encoding="utf-8")  # a whole record that lost only its newline counts
    assert [r["id"] for r in load_results(path)] == ["a"]
    assert completed_ids(path) == {"a"} and path.read_text(encoding="utf-8") == whole + "\n"


def test_error_records_have_one_shape(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    from tonekit.batch import run_provenance

    library = [r.to_record() for r in score_articles([{"id": "x", "text": " "}], mode="fast")]
    assert library == [{"id": "x", "error": "empty or whitespace-only text",
                        "provenance": run_provenance(None, "fast")}]
    assert ArticleResult.failed("x", "why", {"desk": "e"}).to_record() == {"id": "x", "desk": "e", "error": "why"}
    result = CliRunner().invoke(main, ["score", "--articles", "--mode", "fast", "--format", "jsonl",
                                       str(tmp_path / "empty.txt")])
    assert result.exit_code == 1
    assert json.loads(result.stdout.splitlines()[0]) == {"id": "empty.txt",
                                                         "error": f"{tmp_path / 'empty.txt'}: empty or whitespace-only"}
