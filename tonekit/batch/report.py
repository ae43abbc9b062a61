"""Turn the JSONL written by a batch run into one self-contained HTML report.

The page has to open anywhere (an e-mail attachment, an air-gapped laptop), so it holds no
script, font, image or link from outside: the CSS and the filter's script are inline, every
chart is SVG drawn here and every link points inside the page. What it shows is counted in
:mod:`.summary`; the filter (by speaker, country and label) is :mod:`.report_script`, reading
the data this module writes into the page.
"""

from __future__ import annotations

import html
import json
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..tone import index_formula
from .provenance import describe_provenance
from .results import iter_results
from .report_script import FILTER_SCRIPT
from .summary import MAX_ERRORS_KEPT, PeriodPoint, QuoteRow, ReportData, summarise

__all__ = ["ReportData", "summarise", "render_html", "write_report"]

logger = logging.getLogger(__name__)

# Okabe-Ito colours, safe for the common colour-vision deficiencies; extra labels cycle the fallback.
LABEL_COLOURS = {"cooperative": "#0072B2", "candid": "#E69F00", "conflictual": "#D55E00", "neutral": "#8C8C8C"}
FALLBACK_COLOURS = ("#CC79A7", "#009E73", "#56B4E9", "#332288", "#882255", "#44AA99")
POSITIVE, NEGATIVE = LABEL_COLOURS["cooperative"], LABEL_COLOURS["conflictual"]
MAX_ERRORS_SHOWN = MAX_ERRORS_KEPT


def _esc(value: object) -> str:
    """Escape input text; "://" is broken too so the page never holds a URL, even a quoted one."""
    return html.escape(str(value), quote=True).replace("://", ":&#47;&#47;")


def _fmt(index: float | None) -> str:
    if index is None:
        return "n/a"
    return "0.00" if round(index, 2) == 0 else f"{index:+.2f}".replace("-", "\u2212")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _colours(labels: Iterable[str]) -> dict[str, str]:
    extras = [lab for lab in labels if lab not in LABEL_COLOURS]
    return {**LABEL_COLOURS, **{lab: FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)] for i, lab in enumerate(extras)}}


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{_esc(title)}"><title>{_esc(title)}</title>{"".join(body)}</svg>')


def _text(x: float, y: float, content: str, cls: str = "", anchor: str = "middle", extra: str = "") -> str:
    css = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{css}{extra}>{content}</text>'


def _line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>'


def _ylabel(text: str, mid: float) -> str:
    return _text(18, mid, text, "axislabel", extra=f' transform="rotate(-90 18 {mid:.1f})"')


def _count_ticks(vmax: int) -> list[int]:
    step = next(m * 10 ** k for k in range(12) for m in (1, 2, 5) if math.ceil(max(vmax, 1) / (m * 10 ** k)) <= 5)
    return list(range(0, step * math.ceil(max(vmax, 1) / step) + 1, step))


def _note(text: str) -> str:
    return f'<p class="note">{_esc(text)}</p>'


def _label_chart(data: ReportData, colours: dict[str, str]) -> str:
    total = sum(data.label_counts.values())
    if not total:
        return _note("no quotes in input")
    width, height, left, right, top, bottom = 960, 320, 70, 20, 30, 60
    pw, ph = width - left - right, height - top - bottom
    ticks = _count_ticks(max(data.label_counts.values()))
    y: Callable[[float], float] = lambda v: top + ph * (1 - v / ticks[-1])  # noqa: E731
    body = [_line("grid", left, y(t), width - right, y(t)) + _text(left - 8, y(t) + 4, str(t), "tick", "end")
            for t in ticks]
    slot = pw / len(data.label_counts)
    bar = min(110.0, slot * 0.6)
    for i, (label, n) in enumerate(data.label_counts.items()):
        x = left + slot * i + (slot - bar) / 2
        tip = f"{label}: {n} quotes ({100 * n / total:.0f}%)"
        body.append(f'<rect x="{x:.1f}" y="{y(n):.1f}" width="{bar:.1f}" height="{y(0) - y(n):.1f}" rx="3" '
                    f'fill="{colours[label]}"><title>{_esc(tip)}</title></rect>')
        body.append(_text(x + bar / 2, y(n) - 6, f"{n} ({100 * n / total:.0f}%)", "value"))
        body.append(_text(x + bar / 2, top + ph + 20, _esc(_short(label, 18)), "cat"))
    body += [_line("axis", left, y(0), width - right, y(0)), _text(left + pw / 2, height - 10, "label", "axislabel"),
             _ylabel("quotes", top + ph / 2)]
    return _svg(width, height, f"Label distribution over {total} quotes", body)


def _timeline_chart(data: ReportData) -> str:
    if data.n_dated == 0:
        return _note("no dates in input: the tone over time chart needs a date on each article")
    points = [p for p in data.timeline if p.mean_index is not None]
    if not points:
        return _note("no scored quotes in the dated articles")
    width, height, left, right, top, bottom = 960, 340, 70, 30, 30, 70
    pw, ph = width - left - right, height - top - bottom
    t0, t1 = points[0].start.toordinal(), points[-1].start.toordinal()
    x: Callable[[PeriodPoint], float] = lambda p: left + pw / 2 if t0 == t1 else left + pw * (p.start.toordinal() - t0) / (t1 - t0)  # noqa: E731
    y: Callable[[float], float] = lambda v: top + ph * (1 - (v + 1) / 2)  # noqa: E731
    body = [f'<rect x="{left}" y="{top}" width="{pw}" height="{ph / 2:.1f}" fill="{POSITIVE}" opacity="0.06"/>',
            f'<rect x="{left}" y="{y(0):.1f}" width="{pw}" height="{ph / 2:.1f}" fill="{NEGATIVE}" opacity="0.06"/>']
    for t in (-1, -0.5, 0, 0.5, 1):
        body.append(_line("grid" if t else "axis", left, y(t), width - right, y(t))
                    + _text(left - 8, y(t) + 4, _fmt(t) if t else "0", "tick", "end"))
    means = [p.mean_index for p in points if p.mean_index is not None]  # every point has one (filtered above)
    banded = [p for p in points if p.low is not None and p.high is not None]
    if banded:  # the 95% interval of each period's mean; a period of one quote pinches it to its point
        upper = [f"{x(p):.1f},{y(p.high if p.high is not None else m):.1f}" for p, m in zip(points, means)]
        lower = [f"{x(p):.1f},{y(p.low if p.low is not None else m):.1f}"
                 for p, m in zip(reversed(points), reversed(means))]
        if len(points) == 1:
            p = points[0]
            body.append(_line("band-bar", x(p), y(p.low or 0), x(p), y(p.high or 0)))
        else:
            body.append(f'<polygon class="band" points="{" ".join(upper + lower)}"><title>95% confidence interval '
                        f'of the mean per {_esc(data.granularity)}</title></polygon>')
    body.append('<polyline class="trend" points="' + " ".join(f"{x(p):.1f},{y(m):.1f}" for p, m in zip(points, means))
                + '"/>')
    n_max = max(p.n_quotes for p in points)
    xs = [x(p) for p in points]
    show_n = all(b - a >= 36 for a, b in zip(xs, xs[1:]))
    last_tick = -math.inf
    for p in points:
        assert p.mean_index is not None  # for mypy: points hold only periods with a mean
        r = 3.5 + 6.5 * math.sqrt(p.n_quotes / n_max)
        tip = f"{p.period}: mean index {_fmt(p.mean_index)} over {p.n_quotes} quotes"
        if p.low is not None and p.high is not None:
            tip += f"; 95% interval {_fmt(p.low)} to {_fmt(p.high)}"
        fill = POSITIVE if p.mean_index >= 0 else NEGATIVE
        body.append(f'<circle cx="{x(p):.1f}" cy="{y(p.mean_index):.1f}" r="{r:.1f}" fill="{fill}" class="pt">'
                    f'<title>{_esc(tip)}</title></circle>')
        if show_n:
            dy = -r - 5 if p.mean_index < 0.8 else r + 13
            body.append(_text(x(p), y(p.mean_index) + dy, f"n={p.n_quotes}", "small"))
        if x(p) - last_tick >= 96:  # a date label only where it has room
            body.append(_text(x(p), top + ph + 20, _esc(p.period), "tick"))
            last_tick = x(p)
    body += [_text(left + pw / 2, height - 14, f"{data.granularity} (point size = number of quotes)", "axislabel"),
             _ylabel("mean tone index", top + ph / 2)]
    return _svg(width, height, f"Mean tone index per {data.granularity}", body)


def _index_bars(rows: list[tuple[str, int, float | None]], colhead: str, title: str) -> str:
    """One horizontal bar per row (name, quotes, mean index), from zero towards the sign."""
    row, width, name_w, count_w, top, bottom = 26, 960, 280, 80, 34, 60
    pw = width - name_w - count_w
    zero, height = name_w + pw / 2, top + row * len(rows) + bottom
    x: Callable[[float], float] = lambda v: zero + v * pw / 2  # noqa: E731
    body = [_text(name_w - 10, 20, _esc(colhead), "colhead", "end"),
            _text(width - count_w + 10, 20, "quotes", "colhead", "start")]
    y_end = top + row * len(rows)
    for t in (-1, -0.5, 0, 0.5, 1):
        body.append(_line("grid" if t else "axis", x(t), top - 4, x(t), y_end + 4)
                    + _text(x(t), y_end + 22, _fmt(t) if t else "0", "tick"))
    for i, (name, n_quotes, mean) in enumerate(rows):
        mid = top + row * i + row / 2
        label = _text(name_w - 10, mid + 4, _esc(_short(name, 30)), "cat", "end")
        body.append(label.replace("</text>", f"<title>{_esc(name)}</title></text>", 1))
        if mean is not None:
            a, b = sorted((zero, x(mean)))
            fill = POSITIVE if mean >= 0 else NEGATIVE
            tip = f"{name}: mean index {_fmt(mean)} over {n_quotes} quotes"
            body.append(f'<rect x="{a:.1f}" y="{mid - row / 2 + 4:.1f}" width="{max(b - a, 1.5):.1f}" '
                        f'height="{row - 8}" rx="2" fill="{fill}"><title>{_esc(tip)}</title></rect>')
        # the value sits on the other side of zero, so it never runs into the names
        anchor, tx = ("end", zero - 6) if (mean or 0) >= 0 else ("start", zero + 6)
        body.append(_text(tx, mid + 4, _fmt(mean), "value", anchor))
        body.append(_text(width - count_w + 10, mid + 4, f"n={n_quotes}", "small", "start"))
    body.append(_text(zero, height - 12, "mean tone index (\u2190 conflictual \u00b7 cooperative \u2192)", "axislabel"))
    return _svg(width, height, title, body)


def _speaker_chart(data: ReportData) -> str:
    if not data.speakers:
        return _note("no quotes in input")
    return _index_bars([(s.speaker, s.n_quotes, s.mean_index) for s in data.speakers], "speaker",
                       f"Mean tone index of the top {len(data.speakers)} speakers by number of quotes")


def _country_chart(data: ReportData) -> str:
    return _index_bars([(c.country, c.n_quotes, c.mean_index) for c in data.countries], "country",
                       f"Mean tone index of the quotes of the speakers of {len(data.countries)} countries")


def _swatch(label: str | None, colours: dict[str, str]) -> str:
    if label is None:
        return "n/a"
    swatch = f'<span class="sw" style="background:{colours.get(label, "#666")}"></span>'
    return f'<span class="lab">{swatch}{_esc(label)}</span>'


def _attrs(values: Mapping[str, str | None]) -> str:
    return "".join(f' {name}="{_esc(value)}"' for name, value in values.items() if value is not None)


def _table(head: list[str], rows: list[list[str]], cls: str = "",
           row_attrs: Sequence[Mapping[str, str | None]] | None = None) -> str:
    """A plain table; header and cells arrive already escaped (some hold swatch markup).
    ``row_attrs`` gives each row its attributes (the filter reads ``data-*``)."""
    th = "".join(f"<th>{h}</th>" for h in head)
    attrs: Sequence[Mapping[str, str | None]] = row_attrs or [{} for _ in rows]
    body = "".join(f"<tr{_attrs(a)}>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r, a in zip(rows, attrs))
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _filter_attrs(speaker: str | None, country: str | None, label: str | None) -> dict[str, str | None]:
    return {"class": "f", "data-s": speaker, "data-c": country or "", "data-l": label or ""}


def _quote_table(rows: list[QuoteRow], colours: dict[str, str], empty: str) -> str:
    if not rows:
        return _note(empty)
    cells = [[f'<span class="idx {"pos" if r.index >= 0 else "neg"}">{_fmt(r.index)}</span>',
              f"\u201c{_esc(_short(r.text, 400))}\u201d", _esc(r.speaker),
              _swatch(r.label, colours), f'<a href="#a-{r.article}"><code>{_esc(r.article_id)}</code></a>']
             for r in rows]
    attrs = [_filter_attrs(r.speaker_key or r.speaker, r.country, r.label) for r in rows]
    return _table(["Index", "Quote", "Speaker", "Label", "Article"], cells, "quotes", attrs)


def _article_table(data: ReportData, colours: dict[str, str]) -> str:
    if not data.articles:
        return _note("no scored articles in input")
    cells, attrs = [], []
    for a in data.articles:
        title = f'<div class="title">{_esc(_short(a.title, 160))}</div>' if a.title else ""
        speakers = ", ".join(_esc(data.speaker_names.get(k, k)) for k in a.speakers) or "\u2013"
        cells.append([f"<code>{_esc(a.article_id)}</code>{title}", _esc(a.date or "\u2013"),
                      f'<span class="n">{a.n_quotes}</span>', f'<span class="m">{_fmt(a.mean_index)}</span>',
                      _swatch(a.label, colours) if a.label else "\u2013", speakers])
        attrs.append({"id": f"a-{a.number}", "data-article": str(a.number)})
    return _table(["Article", "Date", "Quotes", "Mean index", "Label", "Main speakers"], cells, "articles", attrs)


def _options(name: str, label: str, values: list[tuple[str, str]]) -> str:
    options = "".join(f'<option value="{_esc(v)}">{_esc(_short(text, 60))}</option>' for v, text in values)
    return (f'<label>{_esc(label)} <select name="{name}"><option value="">all</option>{options}</select>'
            "</label>")


def _filter_form(data: ReportData) -> str:
    """The filter's controls, hidden until the script shows them (no dead controls without it)."""
    if not data.articles:
        return ""
    countries = sorted({c for a in data.articles for _, c, _, _ in a.quotes if c}, key=str.casefold)
    return ('<form id="filter" class="filter" hidden>'
            + _options("speaker", "Speaker", list(data.speaker_names.items()))
            + (_options("country", "Country", [(c, c) for c in countries]) if countries else
               '<input type="hidden" name="country" value="">')
            + _options("label", "Label", [(lab, lab) for lab in data.label_counts])
            + '<button type="reset">Show all</button><p id="filter-status" class="hint" role="status"></p></form>\n')


def _filter_data(data: ReportData) -> str:
    """What the filter's script reads: speakers, countries and labels, and every listed
    article's quotes as [speaker, country, label, index] (indices into those lists, -1 for none).
    ``<`` and ``://`` are escaped so the block can neither end the script nor hold a URL."""
    keys = list(data.speaker_names)
    countries = sorted({c for a in data.articles for _, c, _, _ in a.quotes if c}, key=str.casefold)
    labels = list(data.label_counts)
    at = {"s": {k: i for i, k in enumerate(keys)}, "c": {c: i for i, c in enumerate(countries)},
          "l": {lab: i for i, lab in enumerate(labels)}}
    articles = {str(a.number): [[at["s"][k], at["c"].get(c, -1) if c else -1, at["l"].get(lab, -1) if lab else -1,
                                 None if v is None else round(v, 4)] for k, c, lab, v in a.quotes]
                for a in data.articles}
    payload = {"speakers": keys, "countries": countries, "labels": labels, "articles": articles}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("://", ":\\/\\/")


def _section(key: str, heading: str, hint: str, body: str) -> str:
    hint = f'<p class="hint">{_esc(hint)}</p>\n' if hint else ""
    return f'<section id="{key}">\n<h2>{_esc(heading)}</h2>\n{hint}{body}\n</section>\n'


def _card(value: str, name: str, cls: str = "") -> str:
    return f'<div class="card {cls}"><div class="num">{value}</div><div class="name">{name}</div></div>'


_CSS = """
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#e3e7ec;--bg:#f5f6f8}*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
header,main,footer{max-width:1060px;margin:0 auto;padding:0 20px}header{padding-top:32px}
h1{font-size:30px;margin:0 0 4px}h2{font-size:20px;margin:0 0 4px}h3{font-size:16px;margin:20px 0 8px}
.sub,.note,.hint{color:var(--muted)}.sub{margin:0 0 20px}.hint{margin:0 0 14px;font-size:14px}.note{font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:14px;margin-bottom:24px}
.card,section{background:#fff;border:1px solid var(--line);border-radius:12px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card{padding:14px 18px}.card .num{font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.card .name{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.05em}
.card.pos .num,.idx.pos{color:#005a8c}.card.neg .num,.idx.neg,.card.err .num{color:#b34700}
section{padding:22px 24px;margin-bottom:22px}
svg.chart{display:block;max-width:100%;height:auto;margin:6px 0;font-family:inherit}svg .grid{stroke:#e6e9ee}
svg .axis{stroke:#7b8794;stroke-width:1.2}svg .pt{stroke:#fff;stroke-width:1.5}
svg .tick,svg .small{font-size:12px;fill:var(--muted)}svg .value{font-size:13px;fill:var(--ink);font-weight:600}
svg .cat{font-size:14px;fill:var(--ink)}svg .colhead{font-size:12px;fill:var(--muted);text-transform:uppercase}
svg .axislabel{font-size:13px;fill:var(--muted)}svg .trend{fill:none;stroke:#52606d;stroke-width:2}
table{width:100%;border-collapse:collapse;font-size:14px;margin-top:6px}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);
border-bottom:2px solid var(--line);padding:6px 8px}
td{padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}tbody tr:nth-child(even){background:#fafbfc}
table.quotes{table-layout:fixed}.quotes th:nth-child(1){width:9%}.quotes th:nth-child(2){width:45%}
.quotes th:nth-child(3){width:18%}.quotes th:nth-child(4){width:13%}.quotes th:nth-child(5){width:15%}
table.speakers td+td,table.speakers th+th{text-align:right;font-variant-numeric:tabular-nums}
.idx,.lab{font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}.lab{font-weight:400}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
code{font-size:12.5px;color:var(--muted);word-break:break-all}
footer{color:var(--muted);font-size:13px;padding-bottom:32px}
svg .band{fill:#52606d;opacity:.16;stroke:none}svg .band-bar{stroke:#52606d;stroke-width:6;opacity:.25}
.filter{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;background:#fff;border:1px solid var(--line);
border-radius:12px;padding:12px 18px;margin-bottom:22px;position:sticky;top:0;z-index:2}
.filter label{font-size:14px;color:var(--muted)}.filter select{font:inherit;max-width:260px}
.filter p{margin:0;flex-basis:100%}table.articles .title{font-size:13px;color:var(--muted)}
table.articles td:nth-child(3),table.articles td:nth-child(4){text-align:right;font-variant-numeric:tabular-nums}
table.articles tr:target{background:#fff4d6}a code{color:#005a8c}
"""


def _provenance_line(data: ReportData) -> str:
    """Which run made the results: one provenance, or each of several with its article count."""
    if not data.provenances:
        return ""
    if len(data.provenances) == 1:
        only = data.provenances[0][0]
        text = ("Provenance unknown: written before results recorded their model" if only is None
                else "Made by " + describe_provenance(only))
    else:
        text = (f"Several provenances ({len(data.provenances)}): "
                + "; ".join(f"{describe_provenance(p)}: {n} articles" for p, n in data.provenances))
    return f'<p class="sub prov">{_esc(text)}</p>\n'


BAND_NOTE = ("The band is the 95% confidence interval of each period's mean: mean \u00b1 t \u00d7 s / \u221an, "
             "with s the standard deviation of the period's quote indices, n their number and t Student's 0.975 "
             "quantile for n \u2212 1 degrees of freedom (no band for a period of one quote). Quotes are taken as "
             "independent; quotes of one article agree more than that, so the band is narrower than it should be.")


def _countries(data: ReportData, colours: dict[str, str]) -> str:
    if not data.countries:
        return _note("no speaker countries in input: the batch records carry none (speaker_country)")
    label_head = [_swatch(lab, colours) for lab in data.label_counts]
    rows = [[_esc(c.country), str(c.n_quotes), str(c.n_speakers), _fmt(c.mean_index)]
            + [str(c.labels.get(lab, 0)) for lab in data.label_counts] for c in data.countries]
    attrs = [{"class": "f", "data-c": c.country} for c in data.countries]
    return _country_chart(data) + _table(["Country", "Quotes", "Speakers", "Mean index", *label_head], rows,
                                         "speakers", attrs)


def render_html(data: ReportData, *, title: str = "tonekit report") -> str:
    """One self-contained page: inline CSS, SVG and script, no outside reference."""
    colours = _colours(data.label_counts)
    span = (f"{data.first_date.isoformat()} to {data.last_date.isoformat()}" if data.first_date and data.last_date
            else "no dated quotes")
    tone = "pos" if (data.mean_index or 0) > 0 else "neg" if (data.mean_index or 0) < 0 else ""
    cards = "".join([_card(str(data.n_articles), "articles"), _card(str(data.n_errors), "errors",
                     "err" if data.n_errors else ""), _card(str(data.n_with_quotes), "with quotes"),
                     _card(str(data.n_quotes), "quotes"), _card(str(data.n_speakers), "speakers"),
                     _card(_fmt(data.mean_index), "mean tone index", tone)])
    timeline_hint = f"Mean index of the quotes per {data.granularity}." if data.granularity else ""
    if data.n_bad_dates:
        timeline_hint += f" {data.n_bad_dates} article(s) with an unreadable date are left out."
    if any(p.low is not None for p in data.timeline):
        timeline_hint += " " + BAND_NOTE
    label_head = [_swatch(lab, colours) for lab in data.label_counts]
    with_country = any(s.country for s in data.speakers)
    speaker_rows = [[_esc(s.speaker), *([_esc(s.country or "\u2013")] if with_country else []), str(s.n_quotes),
                     _fmt(s.mean_index)] + [str(s.labels.get(lab, 0)) for lab in data.label_counts]
                    for s in data.speakers]
    speaker_attrs = [{"class": "f", "data-s": s.key or s.speaker, "data-c": s.country or ""} for s in data.speakers]
    shown = f"Top {len(data.speakers)} of {data.n_speakers} speakers by number of quotes." if data.speakers else ""
    errors = (_table(["Article", "Error"], [[f"<code>{_esc(i)}</code>", _esc(e)] for i, e in
                                            data.errors[:MAX_ERRORS_SHOWN]]) if data.errors else _note("no errors"))
    if data.n_errors > len(data.errors[:MAX_ERRORS_SHOWN]):
        errors += _note(f"\u2026 and {data.n_errors - len(data.errors[:MAX_ERRORS_SHOWN])} more not shown")
    speaker_table = _table(["Speaker", *(["Country"] if with_country else []), "Quotes", "Mean index", *label_head],
                           speaker_rows, "speakers", speaker_attrs)
    extremes = (f"<h3>Most cooperative</h3>\n{_quote_table(data.most_cooperative, colours, 'no quote above 0')}\n"
                f"<h3>Most conflictual</h3>\n{_quote_table(data.most_conflictual, colours, 'no quote below 0')}")
    listed = len(data.articles)
    articles_hint = (f"Every scored article ({listed})." if listed >= data.n_scored_articles else
                     f"The first {data.articles_cap} of {data.n_scored_articles} scored articles, and those of the "
                     "quotes at the extremes.")
    articles_hint += (" The filter above (speaker, country, label) keeps the articles with a matching quote and "
                      "counts only those quotes; it also filters the speaker, country and extreme-quote tables. "
                      "The charts and cards always show every quote.")
    script = ""
    if data.articles:
        script = (f'<script type="application/json" id="report-data">{_filter_data(data)}</script>\n'
                  f"<script>{FILTER_SCRIPT}</script>\n")
    parts = [
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_esc(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<header>\n<h1>{_esc(title)}</h1>\n"
        f'<p class="sub">Quotes in diplomatic news and their tone \u00b7 {_esc(span)}</p>\n'
        + _provenance_line(data) +
        f'<div class="cards">{cards}</div>\n</header>\n<main>\n' + _filter_form(data),
        _section("labels", "Label distribution", "Quotes per tone label.", _label_chart(data, colours)),
        _section("timeline", "Tone over time", timeline_hint + f" Index = {index_formula()}, from \u22121 to +1.", _timeline_chart(data)),
        _section("speakers", "Speakers", shown, _speaker_chart(data) + (speaker_table if speaker_rows else "")),
        _section("countries", "Tone per country",
                 f"Quotes of the speakers of each country (speaker_country), top {len(data.countries)} of "
                 f"{data.n_countries} by number of quotes." if data.countries else "", _countries(data, colours)),
        _section("quotes", "Quotes at the extremes", "Each links to its article below.", extremes),
        _section("articles", "Articles", articles_hint, _article_table(data, colours)),
        _section("errors", f"Errors ({data.n_errors})", "", errors),
        "</main>\n<footer>Made by tonekit report.</footer>\n" + script + "</body>\n</html>\n",
    ]
    return "".join(parts)


def write_report(results: Path, out: Path, *, title: str | None = None) -> ReportData:
    """Load, summarise, render and write the page as UTF-8; the data is returned for a summary."""
    results, out = Path(results), Path(out)
    data = summarise(iter_results(results))
    out.write_text(render_html(data, title=title or f"tonekit report: {results.name}"), encoding="utf-8")
    logger.info("wrote %s (%d articles, %d quotes, %d errors)", out, data.n_articles, data.n_quotes, data.n_errors)
    return data
