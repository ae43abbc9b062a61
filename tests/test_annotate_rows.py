"""`tonekit annotate` rows an annotator can judge on their own: the passage around the quote, its
speaker and cue, flags on spans that look broken, and a CSV that opens cleanly in a spreadsheet
and imports back exactly. Every article and statement below is invented for these tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from tonekit.cli import main
from tonekit.errors import AnnotationError
from tonekit.inputs import Item
from tonekit.tone import load_model
from tonekit.training import import_todo, suggest, write_todo
from tonekit.training.annotate import escape_cell, unescape_cell
from tonekit.training.spans import MARK_CLOSE, MARK_OPEN, MAX_CONTEXT, context_of, plain_context, span_flags

ARTICLE = (
    "Ferry talks resume in Harlow\n"
    "The river commission met on Tuesday for a second round.\n"
    "After the session, Foreign Minister Ilse Varga told reporters: \u201cWe have agreed on the timetable, "
    "and the customs posts will open in spring.\u201d Her counterpart did not comment.\n"
    "Officials said the weather station would be shared.\n"
)
QUOTE = "We have agreed on the timetable, and the customs posts will open in spring."


@pytest.fixture(scope="module")
def model():  # the shipped default model: what `tonekit annotate` uses
    return load_model()


# ------------------------------------------------------------------------------ context


def test_context_is_the_paragraph_with_the_quote_marked() -> None:
    start = ARTICLE.index(QUOTE)
    context = context_of(ARTICLE, start, start + len(QUOTE))
    assert context.text == ("After the session, Foreign Minister Ilse Varga told reporters: \u201c" + MARK_OPEN + QUOTE
                            + MARK_CLOSE + "\u201d Her counterpart did not comment.")
    assert ARTICLE[context.start:].startswith("After the session")


def test_long_paragraph_gives_whole_sentences_around_the_quote() -> None:
    before = " ".join(f"Sentence {n} about the weather station." for n in range(40))
    after = " ".join(f"Remark {n} on the ferry." for n in range(40))
    article = f"{before} The envoy said \u201c{QUOTE}\u201d {after}"
    start = article.index(QUOTE)
    context = context_of(article, start, start + len(QUOTE))
    plain = plain_context(context.text)
    assert len(plain) <= MAX_CONTEXT + len(QUOTE)
    assert plain.startswith("Sentence ") and plain.endswith("ferry.")  # cut at sentence boundaries
    assert article[context.start:context.start + len(plain)] == plain


@given(st.text(alphabet="ab .\n\u201c\u201d", min_size=1, max_size=900), st.data())
def test_context_always_holds_the_whole_quote(article: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(article)))
    end = data.draw(st.integers(start, len(article)))
    context = context_of(article, start, end)
    plain = plain_context(context.text)
    assert article[context.start:context.start + len(plain)] == plain
    assert plain[start - context.start:end - context.start] == article[start:end]
    assert context.text.count(MARK_OPEN) == 1 and context.text.count(MARK_CLOSE) == 1


# ------------------------------------------------------------------------------ flags


def _at(text: str) -> tuple[int, int]:
    start = ARTICLE.index(text)
    return start, start + len(text)


@pytest.mark.parametrize("text, offsets, flags", [
    pytest.param(QUOTE, _at(QUOTE), [], id="whole-quote"),
    pytest.param("have agreed on the time", _at("have agreed on the time"), ["ends-mid-word"], id="ends-mid-word"),
    pytest.param("ave agreed on the timetable", _at("ave agreed on the timetable"), ["starts-mid-word"],
                 id="starts-mid-word"),
    pytest.param("reporters: \u201cWe have agreed", _at("reporters: \u201cWe have agreed"), ["unbalanced-quote-mark"],
                 id="cut-quote-mark"),
    pytest.param("We have agreed on the schedule!", _at("We have agreed on the timetable"), ["offsets-mismatch"], id="text-edited"),
    pytest.param(QUOTE, (_at(QUOTE)[0] + 3, _at(QUOTE)[1] + 3), ["offsets-mismatch"], id="offsets-shifted"),
    pytest.param(QUOTE, (len(ARTICLE) + 5, len(ARTICLE) + 80), ["offsets-mismatch"], id="offsets-outside"),
])
def test_span_flags(text: str, offsets: tuple[int, int], flags: list[str]) -> None:
    assert span_flags(text, *offsets, ARTICLE) == flags


@pytest.mark.parametrize("text, unbalanced", [
    pytest.param("they called it \u201ca fair deal\u201d on Monday", False, id="balanced-fragment"),
    pytest.param("We will open the posts.\n\u201cAnd the station will be shared.", False, id="continued-paragraph"),
    pytest.param("a \u201cfair deal on Monday", True, id="opened-only"),
    pytest.param("fair deal\u201d on Monday", True, id="closed-only"),
    pytest.param('the so-called "fair deal', True, id="straight-odd"),
    pytest.param('the "fair" deal', False, id="straight-even"),
])
def test_unbalanced_marks_without_the_article(text: str, unbalanced: bool) -> None:
    assert (span_flags(text, None, None) == ["unbalanced-quote-mark"]) is unbalanced


# ------------------------------------------------------------------------------ to-do rows


def test_rows_carry_context_speaker_cue_and_flags(model, tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    records, errors = suggest([Item("harlow.txt", ARTICLE, {})], model=model, annotations=annotations, mode="fast")
    assert errors == []
    row = next(r for r in records if r["text"] == QUOTE)
    assert row["speaker"] == "Ilse Varga" and row["cue"] == "told reporters"
    assert MARK_OPEN + QUOTE + MARK_CLOSE in row["context"] and "Her counterpart did not comment." in row["context"]
    assert ARTICLE[row["context_start"]:].startswith(plain_context(row["context"]))
    assert row["flags"] == []


@given(st.text(max_size=60))
def test_cell_escape_round_trips_and_stays_on_one_line(text: str) -> None:
    escaped = escape_cell(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert unescape_cell(escaped) == text


MULTILINE = "Ferry talks\n\u201cWe agree on the timetable,\u201d the minister said.\r\nShe said \u201cthe path C:\\new\\river is open\u201d.\n"


def _annotate_csv(tmp_path: Path, article: str) -> tuple[Path, Path]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article, encoding="utf-8", newline="")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    sheet = tmp_path / "todo.csv"
    result = CliRunner().invoke(main, ["annotate", str(tmp_path / "in"), "--mode", "fast", "--annotations",
                                       str(annotations), "--out", str(sheet)])
    assert result.exit_code == 0, result.output
    return sheet, annotations


def _read_sheet(sheet: Path) -> list[dict[str, str]]:
    with open(sheet, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_sheet(sheet: Path, rows: list[dict[str, str]]) -> None:
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_csv_opens_cleanly_and_round_trips(tmp_path: Path) -> None:
    sheet, annotations = _annotate_csv(tmp_path, MULTILINE)
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: spreadsheets read the encoding right
    rows = _read_sheet(sheet)
    assert len(raw.decode("utf-8-sig").splitlines()) == len(rows) + 1  # one physical line per row
    assert list(rows[0])[:7] == ["id", "doc", "speaker", "side", "cue", "kind", "flags"]
    assert any("\\n" in r["context"] for r in rows)
    target, count = import_todo(sheet, annotations, by="rev")
    imported = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    as_read = (tmp_path / "in" / "a.txt").open(encoding="utf-8").read()  # offsets index the text as read: \r\n -> \n
    assert count == len(rows) and all(as_read[r["start"]:r["end"]] == r["text"] for r in imported)
    assert any("C:\\new\\river" in r["text"] for r in imported)


@pytest.mark.parametrize("edit, message", [
    pytest.param(lambda r: {**r, "text": r["text"][:-3], "end": str(int(r["end"]) - 3)}, "ends inside a word",
                 id="cut-short"),
    pytest.param(lambda r: {**r, "text": r["text"].replace("timetable", "schedule")}, "no longer matches",
                 id="text-edited"),
])
def test_import_flags_broken_spans(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    sheet, annotations = _annotate_csv(tmp_path, MULTILINE)
    rows = _read_sheet(sheet)
    at = next(n for n, r in enumerate(rows) if "timetable" in r["text"])
    rows[at] = edit(rows[at])
    _write_sheet(sheet, rows)
    with pytest.raises(AnnotationError, match=rf"todo\.csv:{at + 2}: span flagged: .*{message}.*--accept-flagged"):
        import_todo(sheet, annotations, by="rev")
    assert not (annotations / "imported").exists()
    target, _ = import_todo(sheet, annotations, by="rev", accept_flagged=True)
    flagged = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()][at]
    assert "span flagged:" in flagged["note"]


def test_cli_import_refuses_flagged_and_accepts_with_the_flag(tmp_path: Path) -> None:
    sheet, annotations = _annotate_csv(tmp_path, MULTILINE)
    rows = _read_sheet(sheet)
    rows[0] = {**rows[0], "text": rows[0]["text"][1:], "start": str(int(rows[0]["start"]) + 1)}
    _write_sheet(sheet, rows)
    refused = CliRunner().invoke(main, ["annotations", "import", str(sheet), "--by", "rev", "--annotations",
                                        str(annotations)])
    assert refused.exit_code == 1 and "starts inside a word" in refused.stderr
    accepted = CliRunner().invoke(main, ["annotations", "import", str(sheet), "--by", "rev", "--annotations",
                                         str(annotations), "--accept-flagged"])
    assert accepted.exit_code == 0, accepted.output


def test_jsonl_rows_without_context_are_still_checked_for_marks(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    todo = tmp_path / "todo.jsonl"
    rows = [{"id": "n1", "text": "the \u201cfair deal was signed", "label": "neutral", "start": None, "end": None},
            {"id": "n2", "text": "We agree.", "label": "cooperative", "start": None, "end": None}]
    todo.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"todo\.jsonl:1: span flagged: .*unbalanced") as error:
        import_todo(todo, annotations, by="rev")
    assert "todo.jsonl:2" not in str(error.value)


def test_write_todo_jsonl_keeps_newlines_as_json(tmp_path: Path) -> None:
    out = tmp_path / "todo.jsonl"
    write_todo([{"id": "n1", "text": "a\nb", "flags": [], "scores": {}}], out, "jsonl", ["neutral"])
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "a\nb"
