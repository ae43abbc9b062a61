"""The HTML report: reading batch results, summarising them and rendering one self-contained page.

All speakers, countries and quotes below are invented for these tests.
"""

from __future__ import annotations

import json
import logging
import math
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tonekit.errors import ReportInputError, TonekitError
from tonekit.batch import load_results
from tonekit.batch.report import ReportData, render_html, summarise, write_report

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "source", "wbr"}


def quote(text: str, speaker: str | None, label: str, index: float, **scores: float) -> dict:
    return {"text": text, "start": 0, "end": len(text), "speaker": speaker, "cue": "said", "kind": "direct",
            "label": label, "index": index, "scores": scores or {label: 1.0}}


def article(art_id: str, date: str | None, quotes: list[dict]) -> dict:
    rec = {"id": art_id, "source": "Test Wire", "n_quotes": len(quotes), "quotes": quotes, "speakers": [],
           "index": None, "label": None}
    if date is not None:
        rec["date"] = date
    return rec


ESKEL = "Halvard Eskel, foreign minister of Norveland"
ORR = "Tamsin Orr"
RECORDS = [
    article("feeds/2031-05-02/a1.txt", "2031-05-02", [
        quote("Norveland and Velmark will build the new ferry link together.", ESKEL, "cooperative", 0.72),
        quote("Velmark will not accept <b>threats</b> & \"ultimatums\" from anyone.", ORR, "conflictual", -0.64),
        quote("We had a frank exchange on fishing quotas.", None, "candid", -0.2),
    ]),
    article("feeds/2031-05-03/a2.txt", "2031-05-03T09:30:00+02:00", [
        quote("Any incursion will be met with force.", ESKEL, "hostile", -0.9,
              cooperative=0.01, candid=0.04, conflictual=0.2, neutral=0.05, hostile=0.7),
    ]),
    article("feeds/undated/a3.txt", None, []),
    article("feeds/odd/a4.txt", "sometime in May", [quote("The talks resume on Tuesday.", ORR, "neutral", 0.0)]),
    {"id": "bad.txt", "error": "not valid UTF-8 (byte 0xff at offset 12)"},
]


def write_jsonl(path: Path, records: list[dict], tail: str = "") -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + tail, encoding="utf-8")
    return path


class TagChecker(HTMLParser):
    """Fails on an end tag that does not close the innermost open element; counts charts."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.svg_titles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs.append(dict(attrs))
        if tag == "title" and self.stack and self.stack[-1] == "svg":
            self.svg_titles += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def check_page(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == []
    assert checker.stack == [], f"unclosed: {checker.stack}"
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("http://", "https://", "<img", "<link", "url(", "src=", "fetch(", "xmlhttprequest",
                      "websocket", "import("):
        assert forbidden not in page.lower()
    # scripts only inline: the filter's data block and its code
    assert re.findall(r"<script[^>]*>", page) in ([], ['<script type="application/json" id="report-data">', "<script>"])
    return checker


def card(page: str, name: str) -> str:
    match = re.search(rf'<div class="num">([^<]*)</div><div class="name">{name}</div>', page)
    assert match, f"no {name} card"
    return match.group(1)


@pytest.fixture()
def results(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "results.jsonl", RECORDS)


# ------------------------------------------------------------------------------ load_results


def test_load_results_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a"}\n\n   \n{"id": "b"}\n', encoding="utf-8")
    assert [r["id"] for r in load_results(path)] == ["a", "b"]


def test_truncated_last_line_is_skipped_with_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", RECORDS[:2], tail='{"id": "feeds/a9.txt", "quotes": [{"te')
    with caplog.at_level(logging.WARNING, logger="tonekit.batch.results"):
        records = load_results(path)
    assert [r["id"] for r in records] == [RECORDS[0]["id"], RECORDS[1]["id"]]
    assert "line 3" in caplog.text and "truncated" in caplog.text


@pytest.mark.parametrize(
    "content, match",
    [
        pytest.param('{"id": "a"}\n{"id": "b", oops}\n{"id": "c"}\n', r"r\.jsonl: line 2: not valid JSON",
                     id="bad-middle"),
        pytest.param('{"id": "a"}\n[1, 2]\n', r"line 2: expected one JSON object", id="not-an-object"),
        pytest.param('{"id": "a"}\n{"id": \n', r"line 2: not valid JSON", id="bad-last-line-with-newline"),
    ],
)
def test_malformed_line_raises(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportInputError, match=match):
        load_results(path)


@pytest.mark.parametrize(
    "content, match",
    [
        pytest.param(None, r"missing\.jsonl: cannot read", id="missing-file"),
        pytest.param(b'{"id": "a\xff"}\n', r"not valid UTF-8 \(byte 0xff", id="not-utf8"),
    ],
)
def test_unreadable_file_raises(tmp_path: Path, content: bytes | None, match: str) -> None:
    path = tmp_path / "missing.jsonl"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReportInputError, match=match):
        load_results(path)


def test_report_input_error_is_a_tonekit_value_error() -> None:
    assert issubclass(ReportInputError, TonekitError) and issubclass(ReportInputError, ValueError)


# ------------------------------------------------------------------------------ summarise


def test_summarise_counts_and_labels() -> None:
    data = summarise(RECORDS)
    assert (data.n_articles, data.n_errors, data.n_with_quotes, data.n_quotes) == (5, 1, 3, 5)
    # the known four first in their fixed order, then labels discovered in the data
    assert list(data.label_counts) == ["cooperative", "candid", "conflictual", "neutral", "hostile"]
    assert data.label_counts == {"cooperative": 1, "candid": 1, "conflictual": 1, "neutral": 1, "hostile": 1}
    assert data.errors == [("bad.txt", "not valid UTF-8 (byte 0xff at offset 12)")]
    assert data.n_bad_dates == 1 and data.n_dated == 2
    assert data.mean_index == pytest.approx((0.72 - 0.64 - 0.2 - 0.9 + 0.0) / 5)


def test_summarise_speakers() -> None:
    rows = {s.speaker: s for s in summarise(RECORDS).speakers}
    assert set(rows) == {ESKEL, ORR, "(unattributed)"}
    assert rows[ESKEL].n_quotes == 2 and rows[ESKEL].mean_index == pytest.approx((0.72 - 0.9) / 2)
    assert rows[ESKEL].labels == {"cooperative": 1, "hostile": 1}
    assert rows["(unattributed)"].labels == {"candid": 1}


def test_summarise_keeps_top_20_speakers() -> None:
    quotes = [quote(f"Statement {i}.{k}", f"Envoy {i:02d}", "neutral", 0.1) for i in range(25) for k in range(i + 1)]
    data = summarise([article("a.txt", None, quotes)])
    assert data.n_speakers == 25 and len(data.speakers) == 20
    assert data.speakers[0].speaker == "Envoy 24" and data.speakers[0].n_quotes == 25


def test_summarise_extremes_are_ranked_and_split_by_sign() -> None:
    indices = [0.9, -0.1, 0.3, -0.8, 0.5, 0.7, -0.5, 0.1, 0.2, -0.3, -0.95, 0.6, 0.0]
    quotes = [quote(f"Line {i}", "Ambassador Quill", "neutral", v) for i, v in enumerate(indices)]
    data = summarise([article("x.txt", "2031-01-01", quotes)])
    assert [q.index for q in data.most_cooperative] == [0.9, 0.7, 0.6, 0.5, 0.3]
    assert [q.index for q in data.most_conflictual] == [-0.95, -0.8, -0.5, -0.3, -0.1]
    assert data.most_cooperative[0].article_id == "x.txt" and data.most_cooperative[0].speaker == "Ambassador Quill"


@pytest.mark.parametrize(
    "dates, granularity, periods",
    [
        pytest.param(["2031-05-01", "2031-05-01T18:00:00Z", "2031-05-09"], "day", ["2031-05-01", "2031-05-09"],
                     id="days"),
        pytest.param(["2031-01-05", "2031-01-06", "2031-06-30"], "week", ["2031-W01", "2031-W02", "2031-W27"],
                     id="weeks"),
        pytest.param(["2028-12-31", "2031-05-01 08:00", "2031-05-20"], "month", ["2028-12", "2031-05"], id="months"),
    ],
)
def test_timeline_granularity(dates: list[str], granularity: str, periods: list[str]) -> None:
    data = summarise([article(f"{i}.txt", d, [quote("Fine.", None, "neutral", 0.2)]) for i, d in enumerate(dates)])
    assert data.granularity == granularity
    assert [p.period for p in data.timeline] == periods
    assert sum(p.n_quotes for p in data.timeline) == len(dates)


@pytest.mark.parametrize(
    "date, dated, bad",
    [
        pytest.param("2031-05-02", 1, 0, id="date"),
        pytest.param("2031-05-02T23:59:59Z", 1, 0, id="datetime-z"),
        pytest.param("2031-05-02T23:59:59.123+05:30", 1, 0, id="datetime-offset"),
        pytest.param("02/05/2031", 0, 1, id="unparseable"),
        pytest.param("2031-13-02", 0, 1, id="impossible"),
        pytest.param(None, 0, 0, id="missing"),
    ],
)
def test_dates(date: str | None, dated: int, bad: int) -> None:
    data = summarise([article("a.txt", date, [quote("Yes.", None, "neutral", 0.0)])])
    assert (data.n_dated, data.n_bad_dates, len(data.timeline)) == (dated, bad, dated)


# ------------------------------------------------------------------------------ render_html


def test_render_structure_and_numbers() -> None:
    page = render_html(summarise(RECORDS), title="Spring talks")
    checker = check_page(page)
    assert len(checker.svgs) == 3  # labels, timeline, speakers
    assert checker.svg_titles == 3
    assert all(svg.get("aria-label") and svg.get("role") == "img" for svg in checker.svgs)
    for section in ("labels", "timeline", "speakers", "quotes", "errors"):
        assert f'<section id="{section}">' in page
    assert (card(page, "articles"), card(page, "errors"), card(page, "with quotes"), card(page, "quotes")) == (
        "5", "1", "3", "5")
    assert "<title>Spring talks</title>" in page
    assert page.count("axislabel") >= 5  # x and y axis labels on the charts


def test_render_escapes_input_text() -> None:
    records = [article("<b>&amp;.txt", "2031-05-02", [
        quote('He said <b>no</b> & "never" to <script>x</script>', "<b>&Ms Vell", "neutral", 0.1),
        quote("See https://example.invalid/x for the text.", None, "cooperative", 0.5),
    ])]
    page = render_html(summarise(records), title="<b>&")
    check_page(page)
    assert "<b>" not in page and "<script>x" not in page and '"id:ms vell"' in page  # the filter data holds keys
    assert "&lt;b&gt;no&lt;/b&gt; &amp; &quot;never&quot;" in page
    assert "&lt;b&gt;&amp;Ms Vell" in page and "&lt;b&gt;&amp;amp;.txt" in page


def test_render_shows_extra_labels_with_own_colours() -> None:
    page = render_html(summarise(RECORDS))
    label_chart = page[page.index('<section id="labels">'):page.index('<section id="timeline">')]
    assert ">hostile<" in label_chart
    fills = re.findall(r'<rect [^>]*fill="(#[0-9A-Fa-f]{6})"><title>(\w+):', label_chart)
    assert [name for _, name in fills] == ["cooperative", "candid", "conflictual", "neutral", "hostile"]
    assert len({colour for colour, _ in fills}) == 5


def test_render_without_dates_notes_it() -> None:
    records = [article("a.txt", None, [quote("Calm.", "Envoy Brisk", "neutral", 0.0)]),
               article("b.txt", "not a date", [quote("Glad.", "Envoy Brisk", "cooperative", 0.6)])]
    page = render_html(summarise(records))
    assert len(check_page(page).svgs) == 2
    assert "no dates in input" in page


def test_render_lists_errors_with_a_cap() -> None:
    records = [{"id": f"broken/{i}.txt", "error": f"cannot read ({i})"} for i in range(60)]
    page = render_html(summarise(records))
    check_page(page)
    errors = page[page.index('<section id="errors">'):]
    assert "broken/0.txt" in errors and "broken/49.txt" in errors and "broken/50.txt" not in errors
    assert "and 10 more" in errors and "Errors (60)" in errors


@pytest.mark.parametrize("records", [pytest.param([], id="no-records"),
                                     pytest.param([{"id": "e.txt", "error": "empty file"}], id="only-errors"),
                                     pytest.param([article("q.txt", "2031-01-01", [])], id="no-quotes")])
def test_render_degenerate_input(records: list[dict]) -> None:
    page = render_html(summarise(records))
    assert check_page(page).svgs == []
    assert card(page, "quotes") == "0" and "no quotes in input" in page


def test_write_report_round_trip(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    data = write_report(results, out)
    assert isinstance(data, ReportData) and data.n_articles == 5
    page = out.read_text(encoding="utf-8")
    check_page(page)
    assert "results.jsonl" in page and ESKEL in page


# ------------------------------------------------------------------------------ in a browser


def _chromium() -> str:
    browser = next(filter(None, (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))), None)
    if browser is None:
        pytest.skip("Chromium not installed: .ci/run installs Debian's chromium when it runs as root with apt-get; "
                    "elsewhere install it to run the browser tests")
    return browser


def _in_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with nothing that reaches for the network, on a fresh profile (on a
    closed network it hangs otherwise)."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.slow
def test_report_renders_in_chromium(results: Path, tmp_path: Path) -> None:
    out, png = tmp_path / "report.html", tmp_path / "report.png"
    write_report(results, out)
    done = _in_chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,2000", out.resolve().as_uri())
    assert png.exists() and png.stat().st_size > 10_000, done.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ------------------------------------------------------------------------------ speakers, countries, band, articles

# batch records whose quotes carry a speaker_id and a speaker_country (as speaker resolution writes them)
VARGA, MOREL = "Ilse Varga", "Jonas Morel"
IDENTIFIED = [
    article("w/1.txt", "2031-06-01", [
        {**quote("The ferry link opens in spring.", VARGA, "cooperative", 0.6), "speaker_id": "s1",
         "speaker_country": "Norveland"},
        {**quote("We reject the new tariff.", MOREL, "conflictual", -0.7), "speaker_id": "s2",
         "speaker_country": "Velmark"},
    ]),
    article("w/2.txt", "2031-06-01", [
        {**quote("Talks went well.", "Varga", "cooperative", 0.4), "speaker_id": "s1", "speaker_country": "Norveland"},
        {**quote("Nothing was decided.", "a spokesperson", "neutral", 0.0)},
    ]),
    article("w/3.txt", "2031-06-02", [
        {**quote("We will answer any provocation.", "Morel", "conflictual", -0.8), "speaker_id": "s2",
         "speaker_country": "Velmark"},
    ]),
]


def test_speaker_id_merges_spellings_and_keeps_the_fullest_name() -> None:
    rows = {s.key: s for s in summarise(IDENTIFIED).speakers}
    assert set(rows) == {"id:s1", "id:s2", "id:spokesperson"}  # a description's key is its words
    assert (rows["id:s1"].speaker, rows["id:s1"].n_quotes, rows["id:s1"].country) == (VARGA, 2, "Norveland")
    assert rows["id:s1"].mean_index == pytest.approx(0.5)
    assert rows["id:spokesperson"].country is None


def test_without_speaker_id_ids_come_from_the_names_and_merge_across_the_batch() -> None:
    plain = [{**r, "quotes": [{k: v for k, v in q.items() if k not in ("speaker_id", "speaker_country")}
                              for q in r["quotes"]]} for r in IDENTIFIED]
    data = summarise(plain)
    # records written before speaker ids: "Varga" joins the batch's one full name that ends with it
    assert {s.key for s in data.speakers} == {"id:ilse varga", "id:jonas morel", "id:spokesperson"}
    assert {s.key: s.speaker for s in data.speakers}["id:ilse varga"] == VARGA
    assert data.countries == [] and data.n_countries == 0
    page = render_html(data)
    check_page(page)
    assert "no speaker countries in input" in page


def test_tone_per_country() -> None:
    data = summarise(IDENTIFIED)
    assert [(c.country, c.n_quotes, c.n_speakers) for c in data.countries] == [("Norveland", 2, 1), ("Velmark", 2, 1)]
    assert data.countries[1].mean_index == pytest.approx(-0.75)
    assert data.countries[1].labels == {"conflictual": 2}
    page = render_html(data)
    section = page[page.index('<section id="countries">'):page.index('<section id="quotes">')]
    assert "<svg" in section and "Norveland" in section and "Velmark" in section and "\u22120.75" in section


@pytest.mark.parametrize("indices", [
    pytest.param([0.6, -0.7, 0.4, 0.0], id="four"),
    pytest.param([0.2, 0.3], id="two"),
    pytest.param([0.9, 0.95, 1.0, 0.85, 0.9, 0.99, 0.97, 0.92] * 5, id="forty-near-the-top"),
])
def test_timeline_band_is_the_95_interval_of_the_mean(indices: list[float]) -> None:
    from scipy import stats

    data = summarise([article("a.txt", "2031-06-01", [quote(f"q{i}", None, "neutral", v) for i, v in enumerate(indices)])])
    point = data.timeline[0]
    n = len(indices)
    mean, sd = sum(indices) / n, stats.tstd(indices)
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    assert point.sd == pytest.approx(sd)
    assert point.low == pytest.approx(max(-1.0, mean - half), abs=2e-3)
    assert point.high == pytest.approx(min(1.0, mean + half), abs=2e-3)
    assert -1.0 <= point.low <= point.mean_index <= point.high <= 1.0


def test_t_quantile_matches_scipy() -> None:
    from scipy import stats

    from tonekit.batch.summary import t_quantile_975

    assert max(abs(t_quantile_975(df) - stats.t.ppf(0.975, df)) for df in range(1, 400)) < 3e-3


def test_band_drawn_and_explained_but_not_for_single_quotes() -> None:
    page = render_html(summarise(IDENTIFIED))
    timeline = page[page.index('<section id="timeline">'):page.index('<section id="speakers">')]
    assert '<polygon class="band"' in timeline and "95% confidence interval" in timeline
    assert "Student" in timeline  # the hint says how it is computed
    single = summarise([article("a.txt", "2031-06-01", [quote("q", None, "neutral", 0.3)]),
                        article("b.txt", "2031-06-05", [quote("r", None, "neutral", 0.1)])])
    assert all(p.low is None for p in single.timeline)
    assert 'class="band"' not in render_html(single)


def test_article_table_and_links_from_the_extremes() -> None:
    page = render_html(summarise(IDENTIFIED))
    check_page(page)
    anchors = set(re.findall(r'<tr id="(a-\d+)"', page))
    links = re.findall(r'<a href="#(a-\d+)">', page)
    assert anchors == {"a-1", "a-2", "a-3"} and links and set(links) <= anchors
    articles = page[page.index('<section id="articles">'):page.index('<section id="errors">')]
    assert "w/1.txt" in articles and f"{VARGA}, {MOREL}" in articles


def test_article_table_is_capped_but_keeps_the_extremes_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    from tonekit.batch import summary

    monkeypatch.setattr(summary, "MAX_ARTICLES_LISTED", 10)
    records = [article(f"n{i}.txt", None, [quote(f"q{i}", "Envoy Pell", "neutral", 0.01)]) for i in range(30)]
    records[25]["quotes"] = [quote("The best day.", "Envoy Pell", "cooperative", 0.99)]
    data = summarise(records)
    assert [a.number for a in data.articles] == [*range(1, 11), 26]
    page = render_html(data)
    assert '<a href="#a-26">' in page and '<tr id="a-26"' in page
    assert "The first 10 of 30 scored articles, and those of the quotes at the extremes" in page
    assert data.most_cooperative[0].article == 26


def test_filter_data_matches_the_rows() -> None:
    data = summarise(IDENTIFIED)
    page = render_html(data)
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert block
    payload = json.loads(block.group(1))
    assert payload["speakers"] == list(data.speaker_names) and payload["countries"] == ["Norveland", "Velmark"]
    assert set(payload["articles"]) == {"1", "2", "3"}
    first = payload["articles"]["1"][0]
    assert (payload["speakers"][first[0]], payload["countries"][first[1]], payload["labels"][first[2]], first[3]) == (
        "id:s1", "Norveland", "cooperative", 0.6)
    assert payload["articles"]["2"][1][1] == -1  # no country
    assert '<option value="id:s2">Jonas Morel</option>' in page
    assert '<form id="filter" class="filter" hidden>' in page  # shown by the script only


def test_filter_data_cannot_end_its_script_or_hold_a_url() -> None:
    records = [article("x.txt", None, [quote("Hi.", "</script><b>Ms https://x.invalid", "neutral", 0.1)])]
    page = render_html(summarise(records))
    check_page(page)
    block = re.search(r'id="report-data">(.*?)</script>', page, re.S)
    assert block and json.loads(block.group(1))["speakers"] == ["id:script ms https invalid"]
    assert "&lt;/script&gt;&lt;b&gt;Ms" in page  # the name itself only escaped, in the option


def _dom(tmp_path: Path, page: Path, fragment: str) -> str:
    done = _in_chromium(tmp_path, "--dump-dom", "--virtual-time-budget=2000", page.resolve().as_uri() + fragment)
    assert done.returncode == 0 and "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


def _shown_articles(dom: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r'<tr id="(a-\d+)" data-article="\d+"([^>]*)>', dom)
            if "hidden" not in m.group(2)]


@pytest.mark.slow
@pytest.mark.parametrize("fragment, shown, status", [
    pytest.param("", ["a-1", "a-2", "a-3"], "No filter: all 3 listed articles.", id="none"),
    pytest.param("#label=conflictual", ["a-1", "a-3"], "2 of 3 listed articles, 2 matching quotes, mean index \u22120.75",
                 id="label"),
    pytest.param("#speaker=id%3As1", ["a-1", "a-2"], "2 of 3 listed articles, 2 matching quotes, mean index +0.50",
                 id="speaker-id"),
    pytest.param("#country=Velmark&label=cooperative", [], "0 of 3 listed articles", id="nothing-matches"),
    pytest.param("#speaker=id%3Aspokesperson", ["a-2"], "1 of 3 listed articles, 1 matching quotes, mean index 0.00",
                 id="speaker-without-id"),
])
def test_filter_runs_in_chromium(tmp_path: Path, fragment: str, shown: list[str], status: str) -> None:
    out = tmp_path / "report.html"
    write_report(write_jsonl(tmp_path / "results.jsonl", IDENTIFIED), out)
    dom = _dom(tmp_path, out, fragment)
    assert _shown_articles(dom) == shown
    assert status in re.search(r'id="filter-status"[^>]*>([^<]*)<', dom).group(1)
    form = re.search(r'<form id="filter"[^>]*>', dom)
    assert form and "hidden" not in form.group(0) and f'data-shown="{len(shown)}"' in form.group(0)
    speakers = re.findall(r'<tr class="f" data-s="([^"]*)" data-c="[^"]*"( hidden="")?>', dom)
    if "speaker=id%3As1" in fragment:
        assert [s for s, hidden in speakers if not hidden] == ["id:s1"]
