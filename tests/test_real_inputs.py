"""Real inputs, each case on the pattern of a real one and written in our own words: encodings,
line ends, HTML pages, articles in other languages, empty files and stdin in the wrong format."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonekit.cli import main
from tonekit.errors import InputFormatError, ExtraNotInstalledError
from tonekit.inputs import Item, ItemError, detect_language, iter_items, language_warning, normalise_newlines
from tonekit.inputs import html as html_module

ARTICLE = ('The delegations met again in Vienna on Tuesday.\n'
           '"We have narrowed our differences on the timetable," the envoy told reporters after the session.\n'
           'She said that both sides would meet again before the end of the month.\n')


def only(items: list[Item | ItemError]) -> Item | ItemError:
    assert len(items) == 1, items
    return items[0]


# -- encodings: every text file is decoded, or refused with a reason saying how to fix it --------
@pytest.mark.parametrize(("data", "encoding"), [
    (ARTICLE.encode("utf-8"), None),
    (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16"),
    (b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"), "utf-32"),
    (ARTICLE.replace("\n", "\r\n").encode("utf-8"), None),
    (ARTICLE.replace("\n", "\r").encode("utf-8"), None),
    (b"\xff\xfe" + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"), "utf-16"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "crlf", "cr", "utf16-crlf"])
def test_text_files_are_decoded_with_newlines_as_open_reads_them(tmp_path: Path, data: bytes,
                                                                  encoding: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    item = only(list(iter_items([str(path)])))
    assert isinstance(item, Item)
    assert item.text == ARTICLE  # the BOM dropped, every line end read as \n
    with open(path, encoding=encoding or "utf-8") as f:  # Python's default text mode: universal newlines
        assert f.read() == item.text


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("mode", ["fast", pytest.param("accurate", marks=pytest.mark.slow)])
def test_quote_offsets_round_trip_with_the_default_open(tmp_path: Path, newline: str, mode: str) -> None:
    """`tonekit quotes --format jsonl` offsets slice the file as open(path).read() returns it."""
    path = tmp_path / "wire.txt"
    path.write_bytes(ARTICLE.replace("\n", newline).encode("utf-8"))
    result = CliRunner().invoke(main, ["quotes", "--mode", mode, "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "the article has quotes"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"]:row["speaker_end"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\r\nb", "a\n\nb"), ("a\n\rb", "a\n\nb"), ("plain", "plain"),
], ids=["crlf", "cr", "cr-crlf", "lf-cr", "none"])
def test_newlines_are_normalised_as_universal_newlines(text: str, expected: str) -> None:
    assert normalise_newlines(text) == expected
    assert normalise_newlines(text) == io.StringIO(text, newline=None).read()


def test_json_lines_text_is_kept_as_the_record_gives_it(tmp_path: Path) -> None:
    """A JSON string is data, not a text file: its \r\n stays, and offsets index that string."""
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "w1", "text": ARTICLE.replace("\n", "\r\n")}) + "\n", encoding="utf-8")
    item = only(list(iter_items([str(path)])))
    assert isinstance(item, Item) and item.text == ARTICLE.replace("\n", "\r\n")


# -- empty input says so -----------------------------------------------------------------------
@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file (0 bytes): there is no article to read"),
    (b"  \r\n\t\r\n", "empty or whitespace-only"),
    (b"\xff\xfe" + " \n".encode("utf-16-le"), "empty or whitespace-only"),
], ids=["zero-bytes", "blank-lines", "utf16-blank"])
def test_quotes_on_an_empty_file_says_so(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"tonekit: error: {path}: {message}"
    assert result.stdout == ""


def test_quotes_on_empty_stdin_says_so() -> None:
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "-"], input="")
    assert result.exit_code == 1
    assert "tonekit: error: <stdin>: standard input is empty (0 bytes): there is no article to read" in result.stderr


# -- stdin that is not JSON Lines fails fast ---------------------------------------------------
NOT_JSON_LINES = [
    ("The minister said talks would go on.\nA second line of prose.\n", r"not valid JSON \(Expecting value: column 1\)"),
    ("[1, 2]\n", r"not a JSON object \(got array\)"),
    ("\n\n  \nplain words after blank lines\n", r"<stdin>:4: .*not valid JSON"),
    ('"just a string"\n{"id": "a", "text": "fine"}\n', r"not a JSON object \(got string\)"),
]


@pytest.mark.parametrize(("stdin", "pattern"), NOT_JSON_LINES, ids=["prose", "array", "after-blanks", "string-first"])
def test_batch_stdin_that_is_not_json_lines_fails_fast(tmp_path: Path, stdin: str, pattern: str) -> None:
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "--out", str(out), "--mode", "fast"], input=stdin)
    assert result.exit_code == 1
    assert re.search(pattern, result.stderr), result.stderr
    assert "standard input is not JSON Lines" in result.stderr and "--stdin-format text" in result.stderr
    assert not out.exists()  # nothing written: no error record per line


@pytest.mark.parametrize(("stdin", "pattern"), NOT_JSON_LINES, ids=["prose", "array", "after-blanks", "string-first"])
def test_the_reader_raises_for_stdin_that_is_not_json_lines(stdin: str, pattern: str) -> None:
    with pytest.raises(InputFormatError, match=pattern):
        list(iter_items(["-"], stdin=io.StringIO(stdin)))


def test_a_bad_record_after_a_good_first_one_is_still_one_error_record(tmp_path: Path) -> None:
    """Only a stream that does not open with a record is refused; a bad line later spoils only itself."""
    stdin = json.dumps({"id": "a", "text": ARTICLE}) + "\nnot json\n"
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "--out", str(out), "--mode", "fast"], input=stdin)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "<stdin>:2"]
    assert "not valid JSON" in records[1]["error"]


def test_batch_stdin_as_text_reads_prose(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", "-", "--stdin-format", "text", "--out", str(out), "--mode", "fast"],
                                input=ARTICLE)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "-" and record["n_quotes"] >= 1 and record["language"] == "en"


# -- language: flagged, never dropped -----------------------------------------------------------
LANGUAGES = [
    ("en", "The foreign ministers agreed on Friday to resume the stalled talks on the border dispute next month."),
    ("fr", "« Nous poursuivrons le dialogue avec nos partenaires européens », a déclaré la ministre lundi à Bruxelles."),
    ("de", "Die Außenministerin sagte am Montag, die Gespräche mit den Nachbarländern würden fortgesetzt werden."),
    ("es", "El portavoz del gobierno afirmó que las negociaciones continuarán la próxima semana en Madrid."),
    ("it", "Il ministro degli esteri ha dichiarato che i colloqui riprenderanno dopo le elezioni di primavera."),
    ("pt", "O embaixador disse que o acordo comercial será assinado antes do fim do ano, apesar das críticas."),
    ("nl", "De minister zei dat de onderhandelingen over het nieuwe verdrag volgende week worden hervat."),
    ("ru", "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе в Женеве."),
    ("zh", "外交部发言人表示，双方将在下周继续就贸易问题举行磋商，并希望尽快达成协议。"),
    ("ja", "外務大臣は、来週ジュネーブで交渉を再開する予定だと記者団に語った。"),
    ("ar", "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة جميع الأطراف."),
]


@pytest.mark.parametrize(("code", "sentence"), LANGUAGES, ids=[c for c, _ in LANGUAGES])
def test_language_is_detected(code: str, sentence: str) -> None:
    assert detect_language(sentence) == code
    warning = language_warning(code)
    if code == "en":
        assert warning is None
    else:
        assert warning is not None and f"({code})" in warning and "tuned for English" in warning


@pytest.mark.parametrize("text", ["Yes.", "12 345 678", "— ok —", "Kerry told reporters."], ids=["word", "digits",
                                                                                              "dashes", "short"])
def test_text_too_short_to_tell_has_no_language(text: str) -> None:
    assert detect_language(text) is None  # under 20 letters: not judged


@pytest.mark.parametrize(("code", "text"), [("zh", "特使周四将与对方会面。"), ("ja", "特使は木曜日に会談する。"),
                                             ("fr", "Les négociations reprendront.")], ids=["zh", "ja", "fr"])
def test_short_text_is_judged_when_its_characters_say_enough(code: str, text: str) -> None:
    """A Chinese or Japanese character counts as three letters: ten of them are enough to tell."""
    assert detect_language(text) == code


@pytest.mark.parametrize(("code", "sentence"), [c for c in LANGUAGES if c[0] in ("fr", "de", "zh")],
                         ids=["fr", "de", "zh"])
def test_an_article_in_another_language_gets_a_warning_in_its_record(tmp_path: Path, code: str, sentence: str) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": code, "text": sentence, "desk": "world"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", str(feed), "--out", str(out), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["desk"] == "world" and record["language"] == code and "error" not in record
    assert len(record["warnings"]) == 1 and f"({code})" in record["warnings"][0]
    quotes = CliRunner().invoke(main, ["quotes", "--mode", "fast", str(feed)])
    assert f"tonekit: warning: {code}: the text looks" in quotes.stderr


def test_a_declared_language_is_not_second_guessed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": ARTICLE, "language": "de"}) + "\n", encoding="utf-8")
    item = only(list(iter_items([str(feed)])))
    assert isinstance(item, Item) and item.language is None
    assert item.record_fields()["language"] == "de" and "(de)" in item.record_fields()["warnings"][0]


def test_english_record_gains_only_its_language(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": ARTICLE, "warnings": ["from the wire"]}) + "\n", encoding="utf-8")
    item = only(list(iter_items([str(feed)])))
    assert isinstance(item, Item)
    assert item.record_fields() == {"warnings": ["from the wire"], "language": "en"}


# -- HTML ----------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html><head><title>Talks resume</title><script>var banner = "Subscribe now";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Talks resume in Vienna</h1>
<p>The two delegations met again on Tuesday after a pause of several weeks in the negotiations.</p>
<p>&ldquo;We have narrowed our differences on the timetable,&rdquo; the envoy told reporters after the session.</p>
<p>She said that both sides had agreed to meet again before the end of the month &amp; widen the agenda.</p>
</article><footer>Copyright 2026 Example Wire. All rights reserved.</footer></body></html>
"""
FRAGMENT = "<p>&quot;We are ready to sign the accord this week,&quot; the spokesman said on Friday evening.</p>"


def _html_cases(tmp_path: Path) -> dict[str, tuple[list[str], dict[str, object]]]:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "page.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "frag", "text": FRAGMENT}) + "\n", encoding="utf-8")
    return {
        "html-file": ([str(tmp_path / "page.html")], {}),
        "htm-in-folder": ([str(tmp_path / "folder")], {}),
        "txt-with---html": ([str(tmp_path / "page.txt")], {"html": True}),
        "jsonl-fragment-with---html": ([str(tmp_path / "feed.jsonl")], {"html": True}),
    }


@pytest.mark.parametrize("case", ["html-file", "htm-in-folder", "txt-with---html", "jsonl-fragment-with---html"])
def test_html_is_read_as_its_article_text_with_entities_decoded(tmp_path: Path, case: str) -> None:
    pytest.importorskip("trafilatura")
    inputs, kwargs = _html_cases(tmp_path)[case]
    item = only(list(iter_items(inputs, **kwargs)))  # type: ignore[arg-type]
    assert isinstance(item, Item)
    assert "<" not in item.text and "&" not in item.text.replace(" & ", "")
    if case.startswith("jsonl"):
        assert item.text == '"We are ready to sign the accord this week," the spokesman said on Friday evening.'
        assert item.text_from == "html page text" and "no article body" in item.warnings[0]
    else:
        assert "\u201cWe have narrowed our differences on the timetable,\u201d the envoy told" in item.text
        assert "& widen the agenda" in item.text
        assert not any(word in item.text for word in ("Subscribe", "Home", "Copyright"))
        assert item.text_from == "html article body" and item.warnings == ()


def test_html_quotes_index_the_extracted_text(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    item = only(list(iter_items([str(tmp_path / "page.html")])))
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "page.html"), "--out", str(out), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["text_from"] == "html article body" and record["n_quotes"] >= 1
    assert isinstance(item, Item)
    for quote in record["quotes"]:
        assert item.text[quote["start"]:quote["end"]] == quote["text"]


def test_an_html_page_read_as_text_is_flagged(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    item = only(list(iter_items([str(tmp_path / "page.txt")])))
    assert isinstance(item, Item) and item.text_from is None
    assert any("looks like an HTML page; pass --html" in w for w in item.warnings)


def test_html_without_its_extra_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # what an environment without the extra does on import
    with pytest.raises(ExtraNotInstalledError, match=r"pip install 'tonekit\[html\]'"):
        list(iter_items([str(tmp_path / "page.html")]))
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", str(tmp_path / "page.html")])
    assert result.exit_code == 1 and "tonekit[html]" in result.stderr


@pytest.mark.parametrize(("text", "page"), [
    (PAGE, True), ("<html lang='en'><body><p>x</p></body></html>", True), ("  <!-- saved -->\n<!doctype html>", True),
    ("The memo said <b> was a typo.", False), (ARTICLE, False), ("<p>a fragment</p>", False),
], ids=["page", "html-tag", "comment-first", "prose-with-tag", "article", "fragment"])
def test_what_counts_as_an_html_page(text: str, page: bool) -> None:
    assert html_module.looks_like_html_page(text) is page


def test_html_with_no_text_is_an_error_record(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    (tmp_path / "blank.html").write_text("<!DOCTYPE html><html><body><script>x()</script></body></html>",
                                         encoding="utf-8")
    error = only(list(iter_items([str(tmp_path / "blank.html")])))
    assert isinstance(error, ItemError) and error.error.endswith("blank.html: the HTML holds no text")
