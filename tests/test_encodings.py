"""Encodings of real inputs: HTML pages in the charset their <meta> declares, and .jsonl/.csv/stdin
in UTF-16 or UTF-32 with a byte-order mark, as Excel and Windows tools save them.

Every text here is ours, written for these tests on the pattern of a saved news page or an export.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tonekit.cli import main
from tonekit.errors import InputFormatError
from tonekit.inputs import Item, ItemError, count_hint, decode_text, iter_items, normalise_newlines
from tonekit.inputs.charset import PRESCAN_BYTES, lookup_label, prescan

BOM = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
       "utf-32-be": b"\x00\x00\xfe\xff"}


def with_bom(text: str, encoding: str) -> bytes:
    return BOM[encoding] + text.encode(encoding)


def only(items: list[Item | ItemError]) -> Item | ItemError:
    assert len(items) == 1, items
    return items[0]


def read(path: Path, **kwargs: object) -> list[Item | ItemError]:
    return list(iter_items([str(path)], **kwargs))  # type: ignore[arg-type]


# -- the prescan: which charset a page declares ---------------------------------------------------
@pytest.mark.parametrize(("head", "label", "line"), [
    (b'<!DOCTYPE html><html><head><meta charset="windows-1252"><title>x</title>', "windows-1252", 1),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=Shift_JIS'>", "Shift_JIS", 1),
    (b'<meta content="text/html;charset=\'koi8-r\'" http-equiv="content-type">', "koi8-r", 1),
    (b'<META CHARSET=ISO-8859-2>', "ISO-8859-2", 1),
    (b'<html>\n<head>\n  <meta\n   charset = " gb2312 " >', "gb2312", 3),  # the line the tag starts on
    (b'<!-- old: <meta charset="koi8-r"> --><meta charset="utf-8">', "utf-8", 1),
    (b'<a title="<meta charset=koi8-r>">link</a><meta charset="latin1">', "latin1", 1),
    (b'<meta charset="klingon"><meta charset="iso-8859-15">', "iso-8859-15", 1),
    (b'<meta charset="klingon">', "klingon", 1),
    (b'<meta charset="x-user-defined">', "x-user-defined", 1),
    (b'<meta charset="utf-8" charset="koi8-r">', "utf-8", 1),
    (b'<?xml version="1.0" encoding="windows-1250"?>\n<!DOCTYPE html>\n<html><head>', "windows-1250", 1),
    (b"<?xml version='1.0' encoding='iso-8859-2'?>\n<html><head><meta charset=\"koi8-u\">", "koi8-u", 2),
    (b'<?xml version="1.0" encoding="klingon"?><html><meta charset="koi8-u">', "koi8-u", 1),
    ("<?xml version='1.0'?><html>".encode("utf-16-le"), "utf-16-le", 1),
    ("<?xml version='1.0'?><html>".encode("utf-16-be"), "utf-16-be", 1),
], ids=["meta-charset", "http-equiv", "http-equiv-quoted-inside", "upper-case-unquoted", "multi-line-tag",
        "comment-skipped", "attribute-value-skipped", "known-after-unknown", "unknown-only", "x-user-defined",
        "first-attribute-wins", "xml-declaration", "meta-beats-xml-declaration", "meta-beats-unknown-xml-label",
        "utf-16-le-xml-start", "utf-16-be-xml-start"])
def test_prescan_finds_the_declared_charset(head: bytes, label: str, line: int) -> None:
    declared = prescan(head + b"</head><body><p>Text.</p></body></html>")
    assert declared is not None and (declared.label, declared.line) == (label, line)


@pytest.mark.parametrize("head", [
    b"<html><head><title>No declaration</title></head>",
    b'<meta content="text/html; charset=koi8-r">',  # a content charset counts only with http-equiv
    b'<meta http-equiv="content-type" content="text/html">',
    b'<meta name="description" content="charset=koi8-r">',
    b" " * (PRESCAN_BYTES - 10) + b'<meta charset="koi8-r">',  # ends past the first 1,024 bytes
    b'<p>The word charset="koi8-r" in prose</p>',
    b'<meta charset="koi8-r',  # the quote never closes
    b'<!DOCTYPE html>\n<?xml version="1.0" encoding="koi8-r"?>',  # an XML declaration counts only first
    b'<?xml version="1.0" encoding=koi8-r?>',  # and only quoted
    b'<?xml version="1.0" encoding=" koi8-r"?>',  # and without spaces
], ids=["none", "content-without-http-equiv", "http-equiv-without-charset", "other-meta", "past-1024-bytes", "prose",
        "unterminated", "xml-declaration-not-first", "xml-encoding-unquoted", "xml-encoding-with-space"])
def test_prescan_finds_nothing_where_a_browser_finds_nothing(head: bytes) -> None:
    assert prescan(head) is None


@pytest.mark.parametrize(("label", "codec"), [
    ("utf-8", "utf-8"), ("UTF8", "utf-8"), (" Windows-1252 ", "cp1252"), ("iso-8859-1", "cp1252"), ("latin1", "cp1252"),
    ("ascii", "cp1252"), ("us-ascii", "cp1252"), ("iso-8859-9", "cp1254"), ("tis-620", "cp874"),
    ("windows-874", "cp874"), ("shift_jis", "cp932"), ("sjis", "cp932"), ("euc-kr", "cp949"), ("gb2312", "gbk"),
    ("gb18030", "gb18030"), ("big5", "big5hkscs"), ("euc-jp", "euc_jp"), ("koi8-r", "koi8-r"),
    ("x-mac-cyrillic", "mac-cyrillic"), ("iso-8859-8-i", "iso8859-8"), ("utf-16le", "utf-8"), ("utf-16", "utf-8"),
    ("x-user-defined", "cp1252"),
    ("utf-7", None), ("cp437", None), ("rot13", None), ("base64", None), ("unicode_escape", None), ("idna", None),
    ("utf-32", None), ("klingon", None), ("", None),
], ids=lambda v: repr(v))
def test_labels_are_read_as_the_encoding_standard_reads_them(label: str, codec: str | None) -> None:
    assert lookup_label(label) == codec


# -- HTML pages decoded in their declared charset ----------------------------------------------------
BODY = ("<p>The delegations met again in Lisbon on Tuesday after a pause of several weeks in the talks.</p>\n"
        "<p>{open}We have narrowed our differences on the timetable,{close} the envoy told reporters in the caf\u00e9 "
        "of the conference centre.</p>\n"
        "<p>She said that both sides would meet again before the end of the month to widen the agenda.</p>\n")


def page(meta: str, body: str = BODY, open_: str = "\u201c", close: str = "\u201d") -> str:
    return (f"<!DOCTYPE html>\n<html><head>{meta}<title>Talks resume</title></head>\n<body><article>\n"
            f"<h1>Talks resume</h1>\n{body.format(open=open_, close=close)}</article></body></html>\n")


JA_BODY = "<p>外務大臣は{open}交渉は前進している{close}と記者団に語った。双方は来月も協議を続ける。</p>\n" * 3
PL_BODY = "<p>Minister powiedział: {open}Rozmowy będą kontynuowane{close}, a spotkanie odbędzie się w Gdańsku.</p>\n" * 3
RU_BODY = "<p>Министр заявил: {open}Мы продолжим переговоры{close}, и добавил, что встреча пройдёт в Женеве.</p>\n" * 3

HTML_PAGES = [
    # (bytes of the file, a string its text must hold)
    (page('<meta charset="windows-1252">').encode("cp1252"),
     "\u201cWe have narrowed our differences on the timetable,\u201d"),
    # the mojibake case: labelled ISO-8859-1, written in windows-1252 (curly quotes are 0x93/0x94)
    (page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"),
     "\u201cWe have narrowed our differences on the timetable,\u201d the envoy told reporters in the caf\u00e9"),
    (page('<meta charset="iso-8859-1">', open_='"', close='"').encode("latin-1"), "in the caf\u00e9 of the"),
    (page('<meta charset="Shift_JIS">', JA_BODY, "「", "」").encode("cp932"), "外務大臣は「交渉は前進している」と"),
    (page('<meta http-equiv="content-type" content="text/html; charset=koi8-r">', RU_BODY, '"', '"').encode("koi8-r"),
     '"Мы продолжим переговоры"'),
    (page('<meta charset="windows-1251">', RU_BODY, "«", "»").encode("cp1251"), "«Мы продолжим переговоры»"),
    (page('<meta charset="gb2312">', "<p>外交部发言人表示{open}双方将继续磋商{close}。</p>\n" * 3, "“", "”").encode("gbk"),
     "外交部发言人表示“双方将继续磋商”"),
    (page("").encode("utf-8"), "\u201cWe have narrowed"),  # no declaration: UTF-8
    (page('<meta charset="utf-16">').encode("utf-8"), "\u201cWe have narrowed"),  # a <meta> cannot be UTF-16: UTF-8
    (BOM["utf-8"] + page('<meta charset="windows-1252">').encode("utf-8"), "caf\u00e9"),  # the BOM wins
    (with_bom(page('<meta charset="windows-1252">'), "utf-16-le"), "\u201cWe have narrowed"),
    (with_bom(page(""), "utf-16-be"), "caf\u00e9"),
    ('<?xml version="1.0" encoding="iso-8859-2"?>\n'.encode() + page("", PL_BODY, '"', '"').encode("iso8859-2"),
     '"Rozmowy będą kontynuowane"'),
    (("<?xml version='1.0'?>\n" + page("")).encode("utf-16-le"), "\u201cWe have narrowed"),
]
HTML_IDS = ["windows-1252", "iso-8859-1-label-read-as-windows-1252", "latin-1", "shift_jis", "koi8-r-http-equiv",
            "windows-1251", "gb2312-read-as-gbk", "no-meta-utf-8", "utf-16-label-read-as-utf-8", "utf-8-bom-beats-meta",
            "utf-16-le-bom-beats-meta", "utf-16-be-bom", "xhtml-xml-declaration-iso-8859-2",
            "utf-16-le-xml-declaration-without-bom"]


@pytest.mark.parametrize(("data", "expected"), HTML_PAGES, ids=HTML_IDS)
@pytest.mark.parametrize("how", ["html-file", "txt-with-html", "folder"])
def test_html_pages_are_read_in_their_charset(tmp_path: Path, data: bytes, expected: str, how: str) -> None:
    pytest.importorskip("trafilatura")
    name = "page.txt" if how == "txt-with-html" else "page.html"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(data)
    item = only(read(tmp_path / "in" if how == "folder" else tmp_path / "in" / name, html=how == "txt-with-html"))
    assert isinstance(item, Item), item
    assert expected in item.text
    assert "\ufffd" not in item.text and "Ã" not in item.text and "â€" not in item.text  # no mojibake


def test_windows_1252_reads_its_five_unassigned_bytes_as_browsers_do() -> None:
    """0x81, 0x8D, 0x8F, 0x90 and 0x9D are C1 controls in a browser's windows-1252 (and in ISO-8859-1),
    not an error: a page labelled latin1 that holds one is still read."""
    decoded = decode_text(b'<meta charset="latin1"><p>a\x81b\x8dc\x8fd\x90e\x9df \x80</p>', html=True)
    assert decoded.encoding == "cp1252" and "a\x81b\x8dc\x8fd\x90e\x9df \u20ac" in decoded.text


@pytest.mark.parametrize(("data", "html", "pattern"), [
    (b'<html><head><meta charset="klingon"></head><body><p>Words.</p></body></html>', True,
     r"its <meta> on line 1 declares charset 'klingon', which names no encoding a web page may declare "
     r"\(WHATWG labels such as utf-8, windows-1252, .*\); correct the label, or re-save the page as UTF-8"),
    (b'<meta charset="utf-7"><p>+AGEAYgBj-</p>', True, r".*declares charset 'utf-7', which names no encoding.*"),
    (b'<html><head>\n<meta charset="shift_jis">\n</head><body><p>\x81\x20</p></body></html>', True,
     r"not valid Shift_JIS \(windows-31J\) at byte 56 \(line 3; the encoding its <meta> on line 2 declares: "
     r"charset 'shift_jis'\); re-save the page as UTF-8 or correct its charset"),
    (b'<meta charset="utf-8">\n<p>caf\xe9 au lait</p>', True,
     r"not valid UTF-8 at byte 29 \(line 2; the encoding its <meta> on line 1 declares: charset 'utf-8'\); "
     r"re-save the page as UTF-8 or correct its charset"),
    (b"<html><body>\n<p>caf\xe9</p></body></html>", True,
     r"not valid UTF-8 at byte 19 \(line 2\); re-encode the page as UTF-8, or declare its charset in a "
     r"<meta charset> tag"),
    (b'<!DOCTYPE html><meta charset="windows-1252"><p>caf\xe9</p>', False,
     r"not valid UTF-8 at byte 50 \(line 1\); re-encode the file as UTF-8; it looks like an HTML page in charset "
     r"'windows-1252': read it as HTML \(--html, or name it \.html\)"),
    (b'<?xml version="1.0" encoding="klingon"?>\n<html><body><p>Words.</p></body></html>', True,
     r"its XML declaration on line 1 declares charset 'klingon', which names no encoding .*"),
    ("<p>Text</p>".encode("utf-16-le"), True, r"binary file \(NUL bytes\): it looks like UTF-16 text without a "
                                               r"byte-order mark; .*"),
], ids=["unknown-label", "utf-7-label", "bad-shift-jis-byte", "latin-1-bytes-labelled-utf-8", "no-meta-not-utf-8",
        "txt-page-hint", "unknown-xml-label", "utf-16-without-bom"])
def test_undecodable_pages_are_refused_saying_how_to_fix_them(data: bytes, html: bool, pattern: str) -> None:
    with pytest.raises(InputFormatError, match="^page.html: " + pattern + "$"):
        decode_text(data, "page.html", html=html)


def test_a_json_string_is_text_already_so_its_meta_charset_is_not_applied(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    record = {"id": "p", "text": page('<meta charset="koi8-r">')}  # Unicode already: koi8-r would garble it
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    item = only(read(tmp_path / "feed.jsonl", html=True))
    assert isinstance(item, Item) and "\u201cWe have narrowed" in item.text


def test_a_bad_page_in_a_folder_is_one_error_record_among_the_others(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.html").write_bytes(page('<meta charset="windows-1252">').encode("cp1252"))
    (tmp_path / "news" / "b.html").write_bytes(page('<meta charset="klingon">').encode("utf-8"))
    (tmp_path / "news" / "c.html").write_bytes(page('<meta charset="iso-8859-1">').encode("cp1252"))
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "news"), "--out", str(out), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(records) == ["a.html", "b.html", "c.html"]
    assert "error" not in records["a.html"] and "error" not in records["c.html"]
    assert re.fullmatch(re.escape(str(tmp_path / "news" / "b.html")) + r": its <meta> on line 2 declares charset "
                        r"'klingon', .*", records["b.html"]["error"])
    assert any("\u201cWe have narrowed" in q["text"] or "We have narrowed" in q["text"]
               for q in records["a.html"]["quotes"])


def test_quotes_of_a_windows_1252_page_come_out_as_written(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "page.html"
    path.write_bytes(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode("cp1252"))
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert "We have narrowed our differences on the timetable" in texts  # curly quotes decoded, so found


@pytest.mark.parametrize(("data", "pattern"), [
    (page('<meta charset="klingon">').encode("utf-8"), r"declares charset 'klingon'"),
    (page('<meta charset="utf-8">').encode("cp1252"), r"not valid UTF-8 at byte \d+ \(line 6; the encoding its "
                                                       r"<meta> on line 2 declares: charset 'utf-8'\)"),
], ids=["unknown-label", "bytes-not-in-declared-charset"])
def test_quotes_on_an_undecodable_page_says_why_and_exits_1(tmp_path: Path, data: bytes, pattern: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert re.fullmatch(r"tonekit: error: " + re.escape(str(path)) + ": .*" + pattern + r".*\n", result.stderr), \
        result.stderr


def test_stdin_read_as_html_is_decoded_in_its_charset(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    out = tmp_path / "results.jsonl"
    data = page('<meta charset="windows-1252">').encode("cp1252")
    result = CliRunner().invoke(main, ["batch", "-", "--stdin-format", "text", "--html", "--out", str(out),
                                       "--mode", "fast"], input=data)
    assert result.exit_code == 0, result.output
    (record,) = map(json.loads, out.read_text(encoding="utf-8").splitlines())
    assert record["id"] == "-" and record["text_from"] == "html article body" and record["n_quotes"] >= 1


# -- UTF-16/32 tables ------------------------------------------------------------------------------
# U+010A is 0A 01 in UTF-16-LE and U+0A0A is 0A 0A: a 0x0A byte that is no line end
RECORDS = [{"id": "w1", "text": "The envoy said talks would resume, and added: \u201cWe are close.\u201d",
            "desk": "world"},
           {"id": "w2", "text": "Gozo's \u010aittadella hosted the meeting; \u0a0a was on a banner.\nA second line."},
           {"id": "w3", "text": "外務大臣は交渉を続けると述べた。", "desk": "asia"}]
UNICODE_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


def jsonl_text(records: list[dict[str, str]], newline: str = "\n") -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + newline for r in records)


def csv_text(records: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["id", "text", "desk"], delimiter=delimiter)  # \r\n line ends, as Excel writes
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def expected(records: list[dict[str, str]]) -> list[tuple[str, str, dict[str, str]]]:
    return [(r["id"], r["text"], {"desk": r.get("desk", "")}) for r in records]


@pytest.mark.parametrize("encoding", UNICODE_ENCODINGS)
@pytest.mark.parametrize(("suffix", "build", "fields_of"), [
    (".jsonl", jsonl_text, lambda r: {k: v for k, v in r.items() if k not in ("id", "text")}),
    (".csv", csv_text, lambda r: {"desk": r.get("desk", "")}),
    (".csv", lambda rs: csv_text(rs, "\t"), lambda r: {"desk": r.get("desk", "")}),
    (".csv", lambda rs: csv_text(rs, ";"), lambda r: {"desk": r.get("desk", "")}),
], ids=["jsonl", "csv", "csv-tabs", "csv-semicolons"])
def test_tables_with_a_bom_read_like_utf8(tmp_path: Path, encoding: str, suffix: str, build, fields_of) -> None:
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(with_bom(build(RECORDS), encoding))
    result = read(path)
    assert all(isinstance(r, Item) for r in result), result
    assert [(r.id, r.text, r.fields) for r in result] == [(r["id"], r["text"], fields_of(r)) for r in RECORDS]
    assert count_hint([str(path)]) == len(result)


def test_excel_unicode_text_export_reads_as_a_table(tmp_path: Path) -> None:
    """Excel's "Unicode text": UTF-16-LE with a BOM, cells separated by tabs, \\r\\n line ends, a cell
    holding a tab, a line end or a quote written in quotes."""
    rows = ['id\ttext\tdesk', 'e1\t"She said:\t""We will sign.""\r\nThen she left."\tworld', 'e2\tShort one.\tasia']
    path = tmp_path / "export.csv"
    path.write_bytes(with_bom("\r\n".join(rows) + "\r\n", "utf-16-le"))
    result = read(path)
    assert [(r.id, r.text, r.fields) for r in result] == [
        ("e1", 'She said:\t"We will sign."\r\nThen she left.', {"desk": "world"}),
        ("e2", "Short one.", {"desk": "asia"})]
    assert count_hint([str(path)]) == 2


def test_a_tab_separated_file_without_the_text_column_says_what_was_tried(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(with_bom("id\tbody\r\ne1\tWords.\r\n", "utf-16-le"))
    error = only(read(path))
    assert isinstance(error, ItemError)
    assert re.fullmatch(re.escape(str(path)) + r":1: no 'text' column \(columns found: 'id\\tbody'\); name the text "
                        r"column with --text-col \(the header was cut at commas, then at tabs and at semicolons\)",
                        error.error)
    assert [r.text for r in read(path, text_col="body")] == ["Words."]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_line_numbers_of_utf16_tables_stay_those_of_the_file(tmp_path: Path, encoding: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(with_bom(jsonl_text(RECORDS[:1]) + "\n" + "{not json\n" + jsonl_text(RECORDS[1:2]), encoding))
    result = read(feed)
    assert [r.id for r in result] == ["w1", "feed.jsonl:3", "w2"]
    assert isinstance(result[1], ItemError) and re.fullmatch(re.escape(f"{feed}:3: not valid JSON (") + r".*column 2\)",
                                                             result[1].error)
    table = tmp_path / "feed.csv"
    table.write_bytes(with_bom('text,desk\r\n"two\r\nlines",a\r\n\r\nnext,b\r\n', encoding))
    assert [(r.id, r.text) for r in read(table)] == [("feed.csv:2", "two\r\nlines"), ("feed.csv:5", "next")]


def _lone_surrogate(encoding: str) -> bytes:
    return b"\x00\xd8" if encoding == "utf-16-le" else b"\xd8\x00"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_bad_utf16_line_spoils_only_its_record(tmp_path: Path, encoding: str) -> None:
    first = with_bom(jsonl_text(RECORDS[:1]), encoding)
    bad = '{"id": "b", "text": "x'.encode(encoding) + _lone_surrogate(encoding) + '"}\n'.encode(encoding)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(first + bad + jsonl_text(RECORDS[1:2]).encode(encoding))
    result = read(path)
    assert [r.id for r in result] == ["w1", "feed.jsonl:2", "w2"]
    name = encoding.upper()
    at = len(first) + len('{"id": "b", "text": "x'.encode(encoding))
    assert isinstance(result[1], ItemError)
    assert result[1].error == (f"{path}:2: not valid {name} at byte {at} (line 2; its byte-order mark says {name}); "
                               "re-encode the file as UTF-8")
    table = tmp_path / "feed.csv"
    table.write_bytes(with_bom("id,text\r\n", encoding) + "r1,x".encode(encoding) + _lone_surrogate(encoding)
                      + "\r\nr2,Fine.\r\n".encode(encoding))
    rows = read(table)
    assert [r.id for r in rows] == ["r1", "r2"] and isinstance(rows[0], ItemError) and isinstance(rows[1], Item)
    assert re.fullmatch(re.escape(f"{table}:2: not valid {name} at byte ") + r"\d+ \(line 2; .*", rows[0].error)


def test_a_truncated_utf16_file_says_so_on_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(with_bom(jsonl_text(RECORDS[:1]) + '{"id": "z", "text": "cut"}', "utf-16-le") + b"\x00")
    result = read(path)
    assert [r.id for r in result] == ["w1", "feed.jsonl:2"]
    assert isinstance(result[1], ItemError) and re.search(r":2: not valid UTF-16-LE at byte \d+ \(line 2; ",
                                                          result[1].error)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_utf16_without_a_bom_in_a_table_is_refused_saying_so(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"feed{suffix}"
    build = jsonl_text if suffix == ".jsonl" else csv_text
    path.write_bytes(build(RECORDS[:1]).encode("utf-16-le"))
    errors = read(path)
    assert errors and all(isinstance(e, ItemError) for e in errors)
    assert re.fullmatch(re.escape(f"{path}:1: ") + r"(header row: )?binary file \(NUL bytes\): it looks like UTF-16 "
                        r"text without a byte-order mark; re-encode it as UTF-8 \(or save it as UTF-16 with a BOM\)",
                        errors[0].error)


def test_utf16_lines_too_long_are_cut_by_the_cap_of_the_same_text(tmp_path: Path) -> None:
    """The line cap is in UTF-8 bytes of text: a UTF-16 line gets twice the bytes, and one over it is one error."""
    long_text = "y" * ((1 << 20) + 100)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(with_bom(jsonl_text([{"id": "a", "text": "ok"}, {"id": "b", "text": long_text},
                                          {"id": "c", "text": "ok"}]), "utf-16-le"))
    result = read(path, max_bytes=5)
    assert [r.id for r in result] == ["a", "feed.jsonl:2", "c"]
    assert isinstance(result[1], ItemError) and "line is over 1,048,606 bytes; not read" in result[1].error


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_batch_reads_a_utf16_feed_and_a_utf16_stdin(tmp_path: Path, encoding: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(with_bom(jsonl_text(RECORDS, "\r\n"), encoding))
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(with_bom(csv_text([{"id": "s1", "text": RECORDS[0]["text"], "desk": "x"}], "\t"), encoding))
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", str(feed), str(sheet), "--out", str(out), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["w1", "w2", "w3", "s1"]
    assert not any("error" in r for r in records) and records[0]["desk"] == "world" and records[3]["desk"] == "x"
    piped = tmp_path / "piped.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "--out", str(piped), "--mode", "fast"],
                                input=with_bom(jsonl_text(RECORDS), encoding))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in piped.read_text(encoding="utf-8").splitlines()] == ["w1", "w2", "w3"]


def test_quotes_reads_a_utf16_csv_export(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    text = "\u201cWe are ready to sign the accord this week,\u201d the spokesman said on Friday."
    sheet.write_bytes(with_bom(csv_text([{"id": "s1", "text": text, "desk": "x"}], "\t"), "utf-16-le"))
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--format", "jsonl", str(sheet)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["id"] == "s1" and row["text"] == "We are ready to sign the accord this week"


# -- any text round-trips --------------------------------------------------------------------------
# not a leading NUL: a BOM and U+0000 in UTF-16-LE (FF FE 00 00) are the UTF-32-LE byte-order mark, read as such
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda t: bool(t.strip()) and not t.startswith("\x00"))
ROUND_TRIP = ["utf-8", "utf-16-le", "utf-16-be"]


@settings(max_examples=60, deadline=None)
@given(text=TEXTS, encoding=st.sampled_from(ROUND_TRIP))
def test_any_text_encoded_with_a_bom_reads_back_equal(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.txt").write_bytes(with_bom(text, encoding))
        (folder / "a.jsonl").write_bytes(with_bom(json.dumps({"id": "j", "text": text}, ensure_ascii=False) + "\n",
                                                  encoding))
        (folder / "a.csv").write_bytes(with_bom(csv_text([{"id": "c", "text": text}]), encoding))
        txt, line, row = (only(read(folder / name)) for name in ("a.txt", "a.jsonl", "a.csv"))
    assert isinstance(txt, Item) and txt.text == normalise_newlines(text)  # a text file's line ends read as \n
    assert isinstance(line, Item) and line.text == text
    assert isinstance(row, Item) and row.text == text


@pytest.mark.parametrize("label", ["utf-8\x00", "utf\u00a08", "utf-8; x", "é", "a" * 300], ids=lambda v: repr(v[:12]))
def test_labels_that_are_not_labels_name_no_encoding(label: str) -> None:
    assert lookup_label(label) is None


@settings(max_examples=300, deadline=None)
@given(head=st.binary(max_size=200), tail=st.binary(max_size=200),
       meta=st.sampled_from([b"", b"<meta charset=", b'<meta http-equiv="content-type" content="charset=', b"<!--",
                             b"<a href='", b"</", b"<?", b"<meta ", b'"', b"'"]))
def test_any_bytes_decode_or_are_refused_with_an_input_format_error(head: bytes, meta: bytes, tail: bytes) -> None:
    """The prescan never fails on bytes it cannot parse, and decoding raises nothing but InputFormatError."""
    data = head + meta + tail
    declared = prescan(data)
    assert declared is None or (declared.line >= 1 and (declared.codec is None or codecs.lookup(declared.codec)))
    try:
        decoded = decode_text(data, "page.html", html=True)
    except InputFormatError as exc:
        assert str(exc).startswith("page.html: ")
    else:
        assert decoded.text.strip() and "\r" not in decoded.text


@pytest.mark.parametrize(("args", "kwargs", "pattern"), [
    (("<p>text</p>",), {}, r"the 'data' argument of decode_text must be bytes \(a str is decoded already\); got 'str'"),
    ((b"<p>text</p>",), {"html": "yes"}, r"the 'html' argument of decode_text must be a bool; got 'yes'"),
], ids=["str-data", "html-not-bool"])
def test_decode_text_checks_its_arguments(args: tuple[object, ...], kwargs: dict[str, object], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        decode_text(*args, **kwargs)  # type: ignore[arg-type]
