"""to_frame and the quote tables: one row per quote, the article's passthrough fields beside it."""

from __future__ import annotations

import csv
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from tonekit import ArticleResult, score_article, score_articles, to_frame
from tonekit.cli import main
from tonekit.errors import ExtraNotInstalledError

ARTICLES: list[dict[str, Any]] = [
    {"id": "talks", "text": "“We welcome the agreement,” the minister said.\n\n“We condemn the attack,” Smith said.",
     "date": "2024-03-01", "source": "wire", "title": "Talks", "url": "https://example.org/a", "desk": "europe"},
    {"id": "quiet", "text": "The weather was mild in the capital on Monday.", "date": "2024-03-02"},
    {"id": "blank", "text": "   ", "source": "wire"},
    {"id": "visit", "text": "“We are grateful for your support,” the envoy said.", "title": "Visit",
     "tags": ["a", "b"]},
]
LABELS = ["cooperative", "candid", "conflictual", "neutral"]
TAIL = ["quote", "speaker", "speaker_id", "speaker_confidence", "speaker_role", "speaker_country", "kind", "cue",
        "label", "index", *LABELS, "start", "end", "text", "scored_text"]


@pytest.fixture(scope="module")
def results() -> list[ArticleResult]:
    return list(score_articles(ARTICLES, mode="fast"))


def test_columns_and_rows_match_the_results(results: list[ArticleResult], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        frame = to_frame(results)
    assert list(frame.columns) == ["id", "date", "source", "title", "url", "desk", "tags", *TAIL]
    assert len(frame) == sum(r.n_quotes for r in results) == 3
    assert list(frame["id"]) == ["talks", "talks", "visit"] and list(frame["quote"]) == [1, 2, 1]
    talks = frame[frame["id"] == "talks"].iloc[0]
    assert (talks["date"], talks["source"], talks["title"], talks["desk"]) == ("2024-03-01", "wire", "Talks", "europe")
    assert frame.loc[frame["id"] == "visit", "tags"].iloc[0] == ["a", "b"]  # kept as it is, not as text
    for row, quote in zip(frame.itertuples(), [q for r in results for q in r.quotes]):
        assert (row.text, row.start, row.end, row.label, row.speaker) == (
            quote["text"], quote["start"], quote["end"], quote["label"], quote["speaker"])
        assert row.cooperative == quote["scores"]["cooperative"]
    assert frame["start"].dtype == "int64" and frame["index"].dtype == "float64"
    # the failed article is no row; it is listed in attrs and warned about
    assert frame.attrs["errors"] == [{"id": "blank", "error": "empty or whitespace-only text"}]
    assert "1 failed article" in caplog.text
    assert frame.attrs["provenance"][0]["mode"] == "fast" and frame.attrs["provenance"][0]["articles"] == 4


def test_every_accepted_input_gives_the_same_rows(results: list[ArticleResult], tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r.to_record()) + "\n" for r in results), encoding="utf-8")
    from_list = to_frame(results)
    pd.testing.assert_frame_equal(to_frame(path), from_list)
    pd.testing.assert_frame_equal(to_frame(str(path)), from_list)
    article = score_article(ARTICLES[0]["text"], mode="fast")
    one = to_frame(article)
    assert list(one.columns) == ["id", *TAIL] and list(one["id"]) == ["0", "0"]
    pd.testing.assert_frame_equal(to_frame(score_articles(ARTICLES[:1], mode="fast")),
                                  from_list.iloc[:2].drop(columns="tags"))  # no article of these has tags
    two = to_frame([article, score_article(ARTICLES[3]["text"], mode="fast")])
    assert list(two["id"]) == ["0", "0", "1"]
    assert list(two["text"]) == list(from_list["text"])


def test_speaker_fields_are_columns_and_older_records_get_an_id_from_the_name() -> None:
    quote = {"text": "We agree", "start": 1, "end": 9, "speaker": "Anna Berg", "cue": "said", "kind": "direct",
             "label": "cooperative", "index": 0.9, "scores": {"cooperative": 0.9, "neutral": 0.1},
             "scored_text": "We agree"}
    records = [{"id": "a", "quotes": [{**quote, "speaker_id": "s1", "speaker_role": "minister"}]},
               {"id": "b", "quotes": [quote]},  # written before speaker ids
               {"id": "c", "quotes": [{**quote, "speaker": "Berg", "speaker_id": "berg"}]}]
    from tonekit.batch.results import QuoteTable

    table = QuoteTable.of(records)
    assert table.columns[:7] == ("id", "quote", "speaker", "speaker_id", "speaker_confidence", "speaker_role",
                                 "speaker_country")
    rows = [row for record in records for row in table.rows(record)]
    # "berg" joins the one full name of the batch that ends with it
    assert [r["speaker_id"] for r in rows] == ["s1", "anna berg", "anna berg"]
    assert [r["speaker_role"] for r in rows] == ["minister", None, None] and [r["neutral"] for r in rows] == [0.1] * 3


def test_a_field_named_like_a_quote_column_is_prefixed() -> None:
    from tonekit.batch.results import QuoteTable

    table = QuoteTable.of([{"id": "a", "speaker": "desk", "quotes": []}], ["cooperative"])
    assert table.columns[:2] == ("id", "article_speaker") and table.columns.count("speaker") == 1


@pytest.mark.parametrize("value, match", [
    (42, "got int"), ({"id": "a"}, "got dict"), ([{"id": "a"}], "item 0 is a dict"), (b"x.jsonl", "got bytes"),
], ids=["int", "mapping", "list-of-dicts", "bytes"])
def test_to_frame_refuses_what_it_cannot_read(value, match) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=match):
        to_frame(value)


def test_a_missing_results_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="missing.jsonl: cannot read results file"):
        to_frame(tmp_path / "missing.jsonl")


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch, results: list[ArticleResult]) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an environment without pandas looks like to import
    with pytest.raises(ExtraNotInstalledError, match=r"to_frame needs pandas.*pip install 'tonekit\[pandas\]'"):
        to_frame(results)


def test_quotes_parquet_without_pyarrow_fails_before_any_work(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "--out", str(out), "--quotes-parquet", str(tmp_path / "q.pq")],
                                input=json.dumps(ARTICLES[0]) + "\n")
    assert result.exit_code == 1 and "pip install 'tonekit[parquet]'" in result.output
    assert not out.exists()


def test_batch_quotes_csv_and_parquet_have_the_frame_columns(tmp_path: Path, results: list[ArticleResult]) -> None:
    inputs = tmp_path / "articles.jsonl"
    inputs.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    out, table, parquet = tmp_path / "r.jsonl", tmp_path / "q.csv", tmp_path / "q.parquet"
    result = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out), "--mode", "fast",
                                       "--quotes-csv", str(table), "--quotes-parquet", str(parquet)])
    assert result.exit_code == 0, result.output
    frame = to_frame(out)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert list(rows[0]) == list(frame.columns) and len(rows) == len(frame) == 3
    assert rows[2]["tags"] == '["a", "b"]'  # a list cell is JSON text in CSV
    assert [r["date"] for r in rows] == ["2024-03-01", "2024-03-01", ""]
    stored = pd.read_parquet(parquet)
    assert list(stored.columns) == list(frame.columns)
    assert list(stored["text"]) == list(frame["text"]) and list(stored["start"]) == list(frame["start"])
    assert json.loads((tmp_path / "q.parquet.provenance.json").read_text(encoding="utf-8"))["quotes"] == 3
    assert "3 quotes -> " + str(parquet) in result.output


_NAMES = st.sampled_from(["date", "source", "title", "url", "desk", "speaker", "text", "label", "kind", "lang"])
_QUOTE = st.fixed_dictionaries({"text": st.text(min_size=1, max_size=8), "start": st.integers(0, 99),
                                "end": st.integers(0, 99), "speaker": st.none() | st.text(max_size=5),
                                "label": st.sampled_from(LABELS)},
                               optional={"speaker_id": st.text(max_size=3), "speaker_country": st.text(max_size=3)})
_RECORD = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=4), "quotes": st.lists(_QUOTE, max_size=3)},
                                optional={"error": st.just("failed")}).flatmap(
    lambda r: st.dictionaries(_NAMES, st.integers() | st.text(max_size=4), max_size=4).map(lambda f: {**f, **r}))


@settings(max_examples=40, deadline=None)
@given(st.lists(_RECORD, max_size=5))
def test_the_quote_table_keeps_every_quote_and_field_once(records: list[dict[str, Any]]) -> None:
    from tonekit.batch.results import QUOTE_COLUMNS, QuoteTable, quote_speaker_id

    table = QuoteTable.of(records, LABELS)
    assert len(table.columns) == len(set(table.columns))  # a field named like a quote column is renamed
    assert set(QUOTE_COLUMNS) <= set(table.columns)
    rows = [(record, row) for record in records for row in table.rows(record)]
    assert len(rows) == sum(len(r["quotes"]) for r in records)
    for record, row in rows:
        assert list(row) == list(table.columns)
        for name, column in table.passthrough:
            assert row[column] == record.get(name)
        quote = record["quotes"][row["quote"] - 1]
        own = quote_speaker_id(quote)  # the quote's own id, or its name's key for older records
        assert (row["text"], row["speaker"], row["speaker_id"]) == (
            quote["text"], quote["speaker"], table.speaker_ids.get(own, own) if own is not None else None)


def test_parquet_gives_each_column_one_type_or_names_the_field(tmp_path: Path) -> None:
    from tonekit.batch import write_quotes_parquet
    from tonekit.errors import QuoteTableError

    quote = {"text": "We agree", "start": 1, "end": 9, "speaker": None, "cue": "said", "kind": "direct",
             "label": "cooperative", "index": 1, "scores": {"cooperative": 1, "neutral": 0}, "scored_text": "We agree"}
    results = tmp_path / "r.jsonl"
    records: list[dict[str, Any]] = [{"id": "a", "year": 2024, "tags": ["x"], "quotes": [quote]},
               {"id": "b", "year": 2023, "quotes": [quote, quote]}, {"id": "c", "error": "unreadable"}]
    results.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "q.parquet"
    assert write_quotes_parquet(results, out, ["cooperative", "neutral"], row_group=2) == 3
    stored = pd.read_parquet(out)
    assert list(stored["year"]) == [2024, 2023, 2023] and str(stored["year"].dtype) == "int64"
    assert str(stored["index"].dtype) == "float64" and str(stored["neutral"].dtype) == "float64"
    assert stored["speaker"].isna().all() and list(stored["tags"])[:1] == ['["x"]']
    records[1]["year"] = "2023"  # a number in one article, text in another
    results.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(QuoteTableError, match="column 'year' holds int and str values.*--quotes-csv"):
        write_quotes_parquet(results, out, ["cooperative", "neutral"])
