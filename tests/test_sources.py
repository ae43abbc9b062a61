"""Batch inputs (tonekit.inputs): one item per input article, whatever is wrong with it.

All articles below are invented for these tests; every file lives in tmp_path.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonekit.inputs import readers as sources
from tonekit.errors import InputFormatError
from tonekit.inputs import DEFAULT_MAX_BYTES, Item, ItemError, count_hint, iter_items


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def items(inputs: list[str | Path], **kwargs) -> list[Item | ItemError]:
    return list(iter_items([str(i) for i in inputs], **kwargs))


def only_error(result: list[Item | ItemError]) -> ItemError:
    errors = [r for r in result if isinstance(r, ItemError)]
    assert len(errors) == 1, result
    return errors[0]


# -- happy paths, one per input kind ----------------------------------------------------------
def _folder(tmp: Path) -> tuple[list[str], dict[str, tuple[str, dict]]]:
    write(tmp / "news" / "2024" / "03" / "a1.txt", "The minister said talks went well.")
    write(tmp / "news" / "2024" / "03" / "A0.TXT", "Upper-case suffix counts too.")
    write(tmp / "news" / "2023" / "z.txt", b"\xef\xbb\xbfWith a BOM.\n")
    write(tmp / "news" / "readme.md", "not an article")
    return [str(tmp / "news")], {"2023/z.txt": ("With a BOM.\n", {}),
                                 "2024/03/A0.TXT": ("Upper-case suffix counts too.", {}),
                                 "2024/03/a1.txt": ("The minister said talks went well.", {})}


def _txt(tmp: Path) -> tuple[list[str], dict[str, tuple[str, dict]]]:
    path = write(tmp / "in" / "story.txt", "Ministers met in Geneva.\n")
    return [str(path)], {"story.txt": ("Ministers met in Geneva.\n", {})}


META = {"date": "2024-03-01", "source": "Test Wire", "url": "https://example.org/a", "title": "Talks"}


def _jsonl(tmp: Path) -> tuple[list[str], dict[str, tuple[str, dict]]]:
    path = write(tmp / "feed.jsonl", b"\xef\xbb\xbf" + jsonl(
        {"id": "a", "text": "One.", **META, "lang": "en", "tags": ["x"]},
        {"id": 7, "text": "Seven.\nLines."},
    ).replace("\n", "\r\n", 1).encode())
    return [str(path)], {"a": ("One.", {**META, "lang": "en", "tags": ["x"]}), "7": ("Seven.\nLines.", {})}


def _csv(tmp: Path) -> tuple[list[str], dict[str, tuple[str, dict]]]:
    path = write(tmp / "feed.csv", b"\xef\xbb\xbfid,date,source,url,title,text,desk\r\n"
                                   b'c1,2024-03-01,Test Wire,https://example.org/a,Talks,"He said, ""yes"".\r\nThen left.",asia\r\n'
                                   b"\r\n"
                                   b"c2,,,,,Short.,\r\n")
    return [str(path)], {"c1": ('He said, "yes".\r\nThen left.', {**META, "desk": "asia"}),
                         "c2": ("Short.", {"date": "", "source": "", "url": "", "title": "", "desk": ""})}


@pytest.mark.parametrize("build", [_folder, _txt, _jsonl, _csv], ids=["folder", "txt", "jsonl", "csv"])
def test_each_input_kind_reads_ids_texts_and_fields(tmp_path: Path, build) -> None:
    inputs, expected = build(tmp_path)
    result = list(iter_items(inputs))
    assert all(isinstance(r, Item) for r in result), result
    assert [r.id for r in result] == list(expected)
    assert {r.id: (r.text, r.fields) for r in result} == expected
    assert count_hint(inputs) == len(result)


def test_stdin_is_json_lines() -> None:
    stdin = io.StringIO(jsonl({"id": "s1", "text": "From a pipe.", "source": "Wire"}, "", "{oops"))
    result = list(iter_items(["-"], stdin=stdin))
    assert result[0] == Item("s1", "From a pipe.", {"source": "Wire"})
    assert result[1].id == "<stdin>:3"
    assert re.fullmatch(r"<stdin>:3: not valid JSON \(.*column 2\)", result[1].error)
    assert len(result) == 2
    assert count_hint(["-"]) is None


def test_stdin_bad_utf8_line_spoils_only_that_line() -> None:
    raw = b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "ok"}\n'
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    result = list(iter_items(["-"], stdin=stdin))
    assert [r.id for r in result] == ["a", "<stdin>:2", "c"]
    assert re.fullmatch(r"<stdin>:2: not valid UTF-8 at byte 47 \(line 2\); re-encode the file as UTF-8",
                        result[1].error)


def test_reading_is_lazy() -> None:
    class Endless(io.TextIOBase):
        count = itertools.count()

        def readline(self, size: int = -1) -> str:
            return json.dumps({"id": next(self.count), "text": "Again."}) + "\n"

    first = list(itertools.islice(iter_items(["-"], stdin=Endless()), 3))
    assert [i.id for i in first] == ["0", "1", "2"]


# -- .txt problems: exactly one error naming the file ------------------------------------------
@pytest.mark.parametrize(("data", "max_bytes", "pattern"), [
    (b"", 100, r"empty file \(0 bytes\): there is no article to read"),
    (b" \n\t\xe3\x80\x80\n", 100, r"empty or whitespace-only"),
    (b"\xef\xbb\xbf", 100, r"empty or whitespace-only"),
    (b"PK\x03\x04\x00\x00binary", 100, r"binary file \(NUL byte in the first 8 KB\), not a text article"),
    (b"line one\nab\xffc", 100, r"not valid UTF-8 at byte 11 \(line 2\); re-encode the file as UTF-8"),
    (b"\xef\xbb\xbf\xc3(", 100, r"not valid UTF-8 at byte 3 \(line 1\); re-encode the file as UTF-8"),
    (b"x" * 11, 10, r"file is 11 bytes, over the 10-byte limit \(--max-bytes\)"),
    ("The envoy spoke briefly.".encode("utf-16-le"), 100,
     r"binary file \(NUL bytes\): it looks like UTF-16 text without a byte-order mark; re-encode it as UTF-8 .*"),
    (b"\xff\xfe" + "Odd".encode("utf-16-le") + b"\x00", 100,
     r"not valid UTF-16-LE at byte 8 \(line 1; its byte-order mark says UTF-16-LE\); re-encode the file as UTF-8"),
    (b"\xfe\xff", 100, r"empty or whitespace-only"),
], ids=["empty", "whitespace", "bom-only", "binary", "bad-utf8", "bad-utf8-after-bom", "oversize", "utf16-no-bom",
        "utf16-truncated", "utf16-bom-only"])
def test_txt_problems(tmp_path: Path, data: bytes, max_bytes: int, pattern: str) -> None:
    path = write(tmp_path / "a.txt", data)
    error = only_error(items([path], max_bytes=max_bytes))
    assert error.id == "a.txt"
    assert re.fullmatch(re.escape(str(path)) + ": " + pattern, error.error)


def test_txt_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(12_000_000)  # sparse: no disk, no time

    def no_open(*args, **kwargs):
        raise AssertionError("an oversize file was opened")

    monkeypatch.setattr(sources, "open", no_open, raising=False)
    error = only_error(items([path]))
    assert error.error.endswith("huge.txt: file is 12,000,000 bytes, over the 5,000,000-byte limit (--max-bytes)")


def test_txt_cannot_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", "secret")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    error = only_error(items([path]))
    assert re.fullmatch(r".*locked\.txt: cannot read: Permission denied", error.error)


def test_folder_dangling_link_and_fifo_are_errors_not_hangs(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    write(folder / "ok.txt", "Fine.")
    os.symlink(folder / "gone.txt", folder / "link.txt")
    os.mkfifo(folder / "pipe.txt")
    result = items([folder])
    assert [r.id for r in result] == ["link.txt", "ok.txt", "pipe.txt"]
    assert re.fullmatch(r".*d/link\.txt: cannot read: No such file or directory", result[0].error)
    assert re.fullmatch(r".*d/pipe\.txt: not a regular file", result[2].error)


@pytest.mark.parametrize(("name", "make", "pattern"), [
    ("missing.txt", False, r"missing\.txt: no such file or folder"),
    ("missing-folder", False, r"missing-folder: no such file or folder"),
    ("report.pdf", True, r"report\.pdf: unsupported input type '\.pdf': give \.txt or \.html files or folders of them, "
                         r"\.jsonl, \.csv or -"),
    ("README", True, r"README: unsupported input type \(no extension\): .*"),
], ids=["no-file", "no-folder", "pdf", "no-extension"])
def test_bad_arguments_give_one_error_with_the_argument_as_id(tmp_path: Path, name: str, make: bool,
                                                                pattern: str) -> None:
    path = tmp_path / name
    if make:
        write(path, "%PDF-1.4")
    result = items([path])
    assert len(result) == 1 and isinstance(result[0], ItemError)
    assert result[0].id == str(path)
    assert re.fullmatch(re.escape(str(tmp_path)) + "/" + pattern, result[0].error)
    assert count_hint([str(path)]) == 1


def test_empty_folder_is_one_error(tmp_path: Path) -> None:
    write(tmp_path / "d" / "notes.md", "no articles")
    error = only_error(items([tmp_path / "d"]))
    assert re.fullmatch(r".*d: folder holds no \.txt articles.*", error.error)
    assert count_hint([str(tmp_path / "d")]) == 1


def test_mixed_folder_one_item_per_txt_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "mixed"
    write(folder / "good.txt", "A quote.")
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", b"\x89PNG\x00\x00")
    write(folder / "latin1.txt", "caf\xe9".encode("latin-1"))
    write(folder / "big.txt", "x" * 101)
    write(folder / "sub" / "deeper.txt", "Nested.")
    write(folder / "records.jsonl", jsonl({"id": "j", "text": "ignored in folders"}))
    write(folder / "image.png", b"\x89PNG")
    with caplog.at_level(logging.WARNING, logger="tonekit.inputs"):
        result = items([folder], max_bytes=100)
    assert [r.id for r in result] == ["big.txt", "binary.txt", "empty.txt", "good.txt", "latin1.txt", "sub/deeper.txt"]
    assert [type(r).__name__ for r in result] == ["ItemError"] * 3 + ["Item", "ItemError", "Item"]
    for r in result:
        if isinstance(r, ItemError):
            assert re.match(re.escape(str(folder / r.id)) + ": ", r.error)
    assert "ignored 1 .jsonl/.csv file" in caplog.text
    assert count_hint([str(folder)]) == len(result)


# -- .jsonl problems: one error per line, naming file and line ---------------------------------
GOOD = json.dumps({"id": "g", "text": "Good."})


@pytest.mark.parametrize(("line", "max_bytes", "item_id", "pattern"), [
    (b'{"id": "a", "text": "x"', 100, "f.jsonl:2", r"not valid JSON \(Expecting ',' delimiter: column 24\)"),
    (b'{"id": "a", "text": "x", "score": NaN}', 100, "f.jsonl:2", r"not valid JSON \(NaN is not JSON\)"),
    (b"[1, 2]", 100, "f.jsonl:2", r"not a JSON object \(got array\).*"),
    (b'{"id": "a"}', 100, "a", r"missing text"),
    (b'{"id": "a", "text": 3}', 100, "a", r"text must be a string, got integer"),
    (b'{"id": "a", "text": " \\n "}', 100, "a", r"empty or whitespace-only text"),
    (b'{"id": "a", "text": "\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"}', 9, "a",
     r"text is 10 bytes, over the 9-byte limit \(--max-bytes\)"),
    (b'{"id": "a", "text": "\\ud800"}', 100, "a", r"text is not valid Unicode \(lone surrogate at character 0\)"),
    (b'{"text": "x"}', 100, "f.jsonl:2", r"missing id"),
    (b'{"id": "", "text": "x"}', 100, "f.jsonl:2", r"missing id"),
    (b'{"id": 1.5, "text": "x"}', 100, "f.jsonl:2", r"id must be a string or integer, got number"),
    (b'{"id": "a", "text": "\xff"}', 100, "f.jsonl:2", r"not valid UTF-8 at byte 50 \(line 2\); re-encode .*"),
    (b'{"id": "a", "text": "' + b"y" * ((1 << 20) + 100) + b'"}', 5, "f.jsonl:2", r"line is over 1,048,606 bytes; not read.*"),
], ids=["invalid-json", "nan", "not-object", "missing-text", "text-not-str", "empty-text", "oversize-text",
        "lone-surrogate", "missing-id", "empty-id", "float-id", "bad-utf8", "line-too-long"])
def test_jsonl_line_problems(tmp_path: Path, line: bytes, max_bytes: int, item_id: str, pattern: str) -> None:
    path = write(tmp_path / "f.jsonl", GOOD.encode() + b"\n" + line + b"\n" + GOOD.replace('"g"', '"h"').encode())
    result = items([path], max_bytes=max_bytes)
    assert [r.id for r in result] == ["g", item_id, "h"]
    error = only_error(result)
    assert re.fullmatch(re.escape(str(path)) + ":2: " + pattern, error.error)


def test_jsonl_errors_keep_the_passthrough_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "f.jsonl", jsonl({"id": "a", "text": "", **META}))
    assert only_error(items([path])).fields == META


def test_mixed_jsonl_one_item_per_non_blank_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", (
        jsonl({"id": 1, "text": "Good."}, "", "   ", "{not json", {"id": 2, "title": "no text"},
              {"id": 3, "text": "z" * 50}, "\t", {"id": 4, "text": "Also good."})
        + '{"id": 5, "text": "cut off'
    ))
    result = items([path], max_bytes=20)
    assert [r.id for r in result] == ["1", "feed.jsonl:4", "2", "3", "4", "feed.jsonl:9"]
    assert [isinstance(r, Item) for r in result] == [True, False, False, False, True, False]
    assert re.fullmatch(r".*feed\.jsonl:9: not valid JSON \(Unterminated string.*\)", result[-1].error)
    assert count_hint([str(path)]) == len(result)


# -- .csv ------------------------------------------------------------------------------------
def test_csv_without_id_column_uses_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", 'text,date\n"two\nlines",2024\nnext,2025\n')
    result = items([path])
    assert [(r.id, r.text, r.fields) for r in result] == [("f.csv:2", "two\nlines", {"date": "2024"}),
                                                          ("f.csv:4", "next", {"date": "2025"})]


def test_csv_missing_text_column_is_one_error_for_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", "id,body\n1,Hello.\n2,Again.\n")
    result = items([path])
    assert len(result) == 1 and result[0].id == "f.csv"
    assert re.fullmatch(r".*f\.csv:1: no 'text' column \(columns found: 'id', 'body'\).*", result[0].error)
    assert [r.text for r in items([path], text_col="body")] == ["Hello.", "Again."]


@pytest.mark.parametrize(("row", "max_bytes", "item_id", "pattern"), [
    (b"r2,,x", 100, "r2", r"empty or whitespace-only text"),
    (b"r2,   ,x", 100, "r2", r"empty or whitespace-only text"),
    (b",Text.,x", 100, "f.csv:3", r"missing id \(empty 'id' cell\)"),
    (b"r2", 100, "r2", r"missing text \(row has fewer cells than the header.*"),
    (b"r2,Text.,x,surplus", 100, "r2", r"row has 4 cells but the header has 3; check the quoting"),
    (b"r2,caf\xe9,x", 100, "r2", r"not valid UTF-8 at byte 30 \(line 3\); re-encode the file as UTF-8"),
    (b"r2," + b"w" * 21 + b",x", 20, "r2", r"text is 21 bytes, over the 20-byte limit \(--max-bytes\)"),
], ids=["empty-text", "blank-text", "empty-id", "short-row", "long-row", "bad-utf8", "oversize"])
def test_csv_row_problems(tmp_path: Path, row: bytes, max_bytes: int, item_id: str, pattern: str) -> None:
    path = write(tmp_path / "f.csv", b"id,text,desk\nr1,Fine.,x\n" + row + b"\nr3,Also fine.,y\n")
    result = items([path], max_bytes=max_bytes)
    assert [r.id for r in result] == ["r1", item_id, "r3"]
    error = only_error(result)
    assert re.fullmatch(re.escape(str(path)) + ":3: " + pattern, error.error)
    assert count_hint([str(path)]) == len(result)


def test_csv_without_header(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.csv", "")
    result = items([path])
    assert len(result) == 1 and result[0].id == "empty.csv"
    assert re.fullmatch(r".*empty\.csv: no header row on line 1; .*", result[0].error)
    assert count_hint([str(path)]) == 1


# -- duplicates and argument checks ------------------------------------------------------------
def test_duplicate_ids_across_inputs_become_unique_errors(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", jsonl({"id": "x", "text": "First."}, {"id": "x#2", "text": "Literal."}))
    b = write(tmp_path / "b.jsonl", jsonl({"id": "x", "text": "Second.", "source": "B"}))
    d = write(tmp_path / "two" / "x.txt", "Third.")
    e = write(tmp_path / "three" / "x.txt", "Fourth.")
    result = items([a, b, d, e, a])
    assert [r.id for r in result] == ["x", "x#2", "x#3", "x.txt", "x.txt#2", "x#4", "x#2#2"]
    assert len({r.id for r in result}) == len(result)
    dup = result[2]
    assert isinstance(dup, ItemError) and dup.fields == {"source": "B"}
    assert re.fullmatch(re.escape(f"{b}:1: duplicate id 'x' (first seen in {a})"), dup.error)
    assert re.fullmatch(re.escape(f"{e}: duplicate id 'x.txt' (first seen in {d})"), result[4].error)


def test_duplicate_of_an_error_keeps_its_reason(tmp_path: Path) -> None:
    result = items([tmp_path / "nope.txt", tmp_path / "nope.txt"])
    assert [r.id for r in result] == [str(tmp_path / "nope.txt"), str(tmp_path / "nope.txt") + "#2"]
    assert re.fullmatch(r".*nope\.txt: no such file or folder; also duplicate id .*", result[1].error)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True, None], ids=["zero", "negative", "float", "str", "bool", "none"])
def test_max_bytes_is_checked_at_the_call(bad: object) -> None:
    with pytest.raises(ValueError, match=r"the 'max_bytes' argument of iter_items must be a positive int; got "):
        iter_items(["never-read.jsonl"], max_bytes=bad)  # no next(): the check is eager


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    ({"inputs": "feed.jsonl"}, TypeError, r"not one string"),
    ({"inputs": [], "text_col": ""}, ValueError, r"the 'text_col' argument of iter_items must be a non-empty str"),
    ({"inputs": [], "text_col": "body", "id_col": "body"}, ValueError,
     r"the 'id_col' argument of iter_items must be another column than text_col; got 'body'"),
], ids=["str-inputs", "empty-text-col", "same-columns"])
def test_other_arguments_are_checked(kwargs: dict, error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        iter_items(**kwargs)


def test_default_limit() -> None:
    assert DEFAULT_MAX_BYTES == 5_000_000


# -- property: never lose a line, never repeat an id -------------------------------------------
RECORD = st.fixed_dictionaries({"id": st.one_of(st.sampled_from(["a", "b", "a#2"]), st.integers(0, 3)),
                                "text": st.text(max_size=20)}).map(json.dumps)
GARBAGE = st.text(max_size=30).filter(lambda s: "\n" not in s)


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(RECORD, GARBAGE), max_size=25), newline_at_end=st.booleans())
def test_one_item_per_non_blank_line_and_unique_ids(tmp_path: Path, lines: list[str], newline_at_end: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline_at_end else "")
    path = write(tmp_path / "prop.jsonl", text)
    expected = sum(1 for line in lines if line.encode().strip())
    result = items([path])
    assert len(result) == expected
    assert len({r.id for r in result}) == len(result)
    assert count_hint([str(path)]) == expected
    first = next((line for line in lines if line.encode().strip()), None)
    if first is not None and not _is_object(first):  # stdin that does not open with a record is refused
        with pytest.raises(InputFormatError, match=r"<stdin>:\d+: standard input is not JSON Lines"):
            list(iter_items(["-"], stdin=io.StringIO(text)))
    else:
        assert len(list(iter_items(["-"], stdin=io.StringIO(text)))) == expected


def test_real_stdin_is_read_as_bytes(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "from tonekit.inputs import iter_items\nfor i in iter_items(['-']): print(i.id, type(i).__name__)"
    raw = b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n'
    out = subprocess.run([sys.executable, "-c", code], input=raw, capture_output=True, check=True, timeout=60)
    assert out.stdout.decode().split("\n")[:3] == ["a Item", "<stdin>:2 ItemError", "c Item"]


def test_path_objects_are_accepted(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = list(iter_items([missing]))
    assert result[0].id == str(missing)
    assert count_hint([missing]) == 1


def test_stdin_as_text_is_judged_as_a_txt_file() -> None:
    assert [(i.id, i.text) for i in iter_items(["-"], stdin=io.StringIO("One article.\nTwo lines."), stdin_format="text")] \
        == [("-", "One article.\nTwo lines.")]
    error = only_error(iter_items(["-"], stdin=io.StringIO(" \n"), stdin_format="text"))
    assert error.id == "-" and error.error == "<stdin>: empty or whitespace-only"
    error = only_error(iter_items(["-"], stdin=io.StringIO("x" * 11), stdin_format="text", max_bytes=10))
    assert re.fullmatch(r"<stdin>: text is over the 10-byte limit \(--max-bytes\)", error.error)


def test_stdin_as_lines_is_one_item_per_line() -> None:
    result = list(iter_items(["-"], stdin=io.StringIO("first\n\nsecond\n"), stdin_format="lines"))
    assert [(i.id, i.text) for i in result] == [("-:1", "first"), ("-:3", "second")]


def test_unknown_stdin_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"the 'stdin_format' argument of iter_items must be one of 'text', 'jsonl', "
                                         r"'lines'; got 'csv'"):
        iter_items(["-"], stdin_format="csv")


def test_stdin_lines_are_judged_one_by_one() -> None:
    raw = "fine\n" + "x" * 11 + "\n \n"
    result = list(iter_items(["-"], stdin=io.StringIO(raw), stdin_format="lines", max_bytes=10))
    assert [(r.id, type(r).__name__) for r in result] == [("-:1", "Item"), ("-:2", "ItemError")]
    assert result[1].error == "<stdin>:2: text is 11 bytes, over the 10-byte limit (--max-bytes)"
