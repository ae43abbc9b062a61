"""What the report shows, counted from a results file in one pass with bounded memory: label
counts, speakers, countries, the timeline with its band, the quotes at the extremes and the
per-article table. The label set is read from the data, so a model that adds labels (say
"hostile") needs no change.

Speakers are told apart by the quote's ``speaker_id`` when the batch records carry one (the same
person under several spellings is one row, shown under the name used most), else by the name;
countries come from the quote's ``speaker_country`` when it is there."""

from __future__ import annotations

import heapq
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ..tone import DEFAULT_LABELS
from ..quotes import merge_speaker_ids, speaker_key
from .provenance import ProvenanceCount
from .results import quote_speaker_id

__all__ = ["ReportData", "SpeakerRow", "CountryRow", "PeriodPoint", "QuoteRow", "ArticleRow", "summarise",
           "UNATTRIBUTED", "t_quantile_975", "MAX_ARTICLES_LISTED"]

logger = logging.getLogger(__name__)

UNATTRIBUTED = "(unattributed)"
TOP_SPEAKERS, TOP_QUOTES = 20, 5
MAX_ERRORS_KEPT = 50  # errors listed on the page; the count covers them all
MAX_ARTICLES_LISTED = 1000  # rows of the per-article table (plus the articles of the extreme quotes)
TOP_COUNTRIES = 30

# Student's t, 0.975 quantile, for 1..30 degrees of freedom; beyond, 1.96 + 2.4 / df is within 0.003
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
         2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def t_quantile_975(df: int) -> float:
    """The two-sided 95% quantile of Student's t with ``df`` degrees of freedom (df >= 1)."""
    return _T975[df - 1] if df <= len(_T975) else 1.96 + 2.4 / df


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker's quotes: how many, their mean tone index and how they were labelled.
    ``key`` tells speakers apart (their ``speaker_id``, else the name); ``country`` is the one
    their quotes give most often, if any."""
    speaker: str
    n_quotes: int
    mean_index: float | None
    labels: dict[str, int]
    key: str = ""
    country: str | None = None


@dataclass(frozen=True)
class CountryRow:
    """The quotes of the speakers of one country (``speaker_country``)."""
    country: str
    n_quotes: int
    n_speakers: int
    mean_index: float | None
    labels: dict[str, int]


@dataclass(frozen=True)
class PeriodPoint:
    """One day, week or month of the timeline; ``mean_index`` is over the period's quotes, and
    ``low``-``high`` its 95% confidence interval (mean +- t(0.975, n-1) * sd / sqrt(n), quotes
    taken as independent, clipped to [-1, 1]; None below two scored quotes)."""
    period: str
    start: date
    n_quotes: int
    mean_index: float | None
    low: float | None = None
    high: float | None = None
    sd: float | None = None
    n_indexed: int = 0


@dataclass(frozen=True)
class QuoteRow:
    """A quote picked for the most cooperative / most conflictual tables; ``article`` is the
    number of its article's record (1-based), the row the page links to."""
    text: str
    index: float
    label: str | None
    speaker: str
    article_id: str
    article: int = 0
    speaker_key: str = ""
    country: str | None = None


@dataclass
class ArticleRow:
    """One row of the per-article table: the record's number (1-based), id, date, title,
    quotes and tone, and each quote as (speaker key, country, label, index) for the page's filter."""
    number: int
    article_id: str
    date: str | None
    title: str | None
    n_quotes: int
    mean_index: float | None
    label: str | None
    speakers: list[str]
    quotes: list[tuple[str, str | None, str | None, float | None]]


@dataclass
class ReportData:
    """Everything the page shows. ``n_articles`` counts every record, error records included."""
    n_articles: int = 0
    n_errors: int = 0
    n_with_quotes: int = 0
    n_quotes: int = 0
    mean_index: float | None = None
    label_counts: dict[str, int] = field(default_factory=dict)
    speakers: list[SpeakerRow] = field(default_factory=list)
    n_speakers: int = 0
    granularity: str | None = None
    timeline: list[PeriodPoint] = field(default_factory=list)
    n_dated: int = 0
    n_bad_dates: int = 0
    first_date: date | None = None
    last_date: date | None = None
    most_cooperative: list[QuoteRow] = field(default_factory=list)
    most_conflictual: list[QuoteRow] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    # (provenance or None when a record has none, number of records), in order of first appearance
    provenances: list[tuple[dict[str, Any] | None, int]] = field(default_factory=list)
    countries: list[CountryRow] = field(default_factory=list)
    n_countries: int = 0
    articles: list[ArticleRow] = field(default_factory=list)  # the first MAX_ARTICLES_LISTED, + extremes'
    n_scored_articles: int = 0  # articles that are not error records
    articles_cap: int = MAX_ARTICLES_LISTED  # the per-article table's first rows
    speaker_names: dict[str, str] = field(default_factory=dict)  # key -> name shown, for the listed articles


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _parse_date(value: object) -> date | None:
    """The calendar date as written, time and zone ignored; None when missing or unreadable."""
    if not isinstance(value, str) or value.strip()[10:11] not in ("", "T", " "):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _quote_label(q: dict[str, Any]) -> str | None:
    label = q.get("label")
    if isinstance(label, str) and label:
        return label
    scores = {k: v for k, v in (q.get("scores") or {}).items() if _num(v) is not None}
    return max(scores, key=lambda k: scores[k]) if scores else None


def _period(d: date, granularity: str) -> tuple[date, str]:
    if granularity == "day":
        return d, d.isoformat()
    if granularity == "week":
        year, week, _ = d.isocalendar()
        return d - timedelta(days=d.weekday()), f"{year}-W{week:02d}"
    return d.replace(day=1), f"{d:%Y-%m}"


def _text_field(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _interval(n: int, total: float, squares: float) -> tuple[float | None, float | None, float | None]:
    """(low, high, sd) of the 95% interval of a mean from its count, sum and sum of squares."""
    if n < 2:
        return None, None, None
    mean = total / n
    sd = math.sqrt(max(0.0, (squares - n * mean * mean) / (n - 1)))
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    return max(-1.0, mean - half), min(1.0, mean + half), sd


class _Speaker:
    """Running totals of one speaker."""

    __slots__ = ("n", "total", "n_indexed", "labels", "names", "countries")

    def __init__(self) -> None:
        self.n, self.total, self.n_indexed = 0, 0.0, 0
        self.labels: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()

    @property
    def name(self) -> str:
        """The fullest name the speaker goes by ("Barack Obama" over "Obama"), then the most used."""
        return min(self.names.items(), key=lambda kv: (-len((speaker_key(kv[0]) or "").split()), -kv[1], kv[0]))[0]

    def absorb(self, other: "_Speaker") -> None:
        """Add ``other``'s totals (the same person under another key)."""
        self.n, self.total, self.n_indexed = self.n + other.n, self.total + other.total, self.n_indexed + other.n_indexed
        self.labels.update(other.labels)
        self.names.update(other.names)
        self.countries.update(other.countries)


def _merge_speakers(speakers: dict[str, _Speaker]) -> tuple[dict[str, _Speaker], dict[str, str]]:
    """One entry per person across the batch (:func:`tonekit.quotes.merge_speaker_ids`: "obama"
    joins "barack obama" when the batch has no other Obama), and each old key's new key."""
    ids = merge_speaker_ids(k[3:] for k in speakers if k.startswith("id:"))
    canon = {k: f"id:{ids.get(k[3:], k[3:])}" if k.startswith("id:") else k for k in speakers}
    merged: dict[str, _Speaker] = {}
    for key, speaker in speakers.items():
        into = merged.get(canon[key])
        if into is None:
            merged[canon[key]] = speaker
        else:
            into.absorb(speaker)
    return merged, canon


def summarise(records: Iterable[dict[str, Any]]) -> ReportData:
    """Count, group and rank what the page shows, in one pass with bounded memory: running
    totals per speaker, country and day, the first :data:`MAX_ARTICLES_LISTED` article rows and
    only the top quotes; tolerant of missing fields."""
    data = ReportData(articles_cap=MAX_ARTICLES_LISTED)
    labels: Counter[str] = Counter()
    label_names: set[str] = set()
    speakers: dict[str, _Speaker] = {}
    countries: dict[str, list[Any]] = {}  # country -> [quotes, sum of index, indexed quotes, labels, speaker keys]
    days: dict[date, list[float]] = {}    # day -> [quotes, sum of index, indexed quotes, sum of squares]
    index_sum, index_n = 0.0, 0
    top: list[tuple[float, int, QuoteRow, ArticleRow]] = []      # min-heaps of the most cooperative ...
    bottom: list[tuple[float, int, QuoteRow, ArticleRow]] = []   # ... and the most conflictual quotes
    seen = 0
    provenances = ProvenanceCount()
    for rec in records:
        data.n_articles += 1
        provenances.add(rec)
        art_id = str(rec.get("id") if rec.get("id") is not None else "(no id)")
        if rec.get("error") is not None:
            data.n_errors += 1
            if len(data.errors) < MAX_ERRORS_KEPT:
                data.errors.append((art_id, str(rec["error"])))
            continue
        data.n_scored_articles += 1
        day = _parse_date(rec.get("date"))
        if day is None and rec.get("date") not in (None, ""):
            data.n_bad_dates += 1
        data.n_dated += day is not None
        quotes = [q for q in rec.get("quotes") or [] if isinstance(q, dict)]
        data.n_with_quotes += bool(quotes)
        row = ArticleRow(data.n_articles, art_id, _text_field(rec.get("date")),
                         _text_field(rec.get("title")), len(quotes), None, None, [], [])
        names: Counter[str] = Counter()
        art_sum, art_n = 0.0, 0
        for q in quotes:
            data.n_quotes += 1
            label, index = _quote_label(q), _num(q.get("index"))
            label_names.update(k for k in (q.get("scores") or {}) if isinstance(k, str))
            if label is not None:
                labels[label] += 1
                label_names.add(label)
            name = str(q.get("speaker") or "").strip() or UNATTRIBUTED
            sid = quote_speaker_id(q) if name != UNATTRIBUTED else None  # from the name for older records
            key = f"id:{sid}" if sid else name
            country = _text_field(q.get("speaker_country"))
            speaker = speakers.get(key) or speakers.setdefault(key, _Speaker())
            speaker.n += 1
            speaker.names[name] += 1
            names[key] += 1
            if country:
                speaker.countries[country] += 1
                totals = countries.get(country) or countries.setdefault(country, [0, 0.0, 0, Counter(), set()])
                totals[0] += 1
                totals[4].add(key)
                if label is not None:
                    totals[3][label] += 1
                if index is not None:
                    totals[1] += index
                    totals[2] += 1
            if label is not None:
                speaker.labels[label] += 1
            if day is not None:
                per_day = days.get(day) or days.setdefault(day, [0, 0.0, 0, 0.0])
                per_day[0] += 1
            row.quotes.append((key, country, label, index))  # kept only while the row is listed
            if index is None:
                continue
            art_sum, art_n = art_sum + index, art_n + 1
            speaker.total += index
            speaker.n_indexed += 1
            if day is not None:
                per_day[1] += index
                per_day[2] += 1
                per_day[3] += index * index
            index_sum, index_n = index_sum + index, index_n + 1
            seen += 1
            picked = QuoteRow(str(q.get("text") or ""), index, label, name, art_id, data.n_articles, key, country)
            # Sign decides the table, rank decides the order: a -0.9 quote is never "most cooperative".
            heap, rank = (top, index) if index > 0 else (bottom, -index) if index < 0 else (None, 0.0)
            if heap is not None:
                (heapq.heappush if len(heap) < TOP_QUOTES else heapq.heappushpop)(heap, (rank, -seen, picked, row))
        row.mean_index = _num(rec.get("index"))
        if row.mean_index is None and art_n:
            row.mean_index = art_sum / art_n
        row.label = _text_field(rec.get("label"))
        row.speakers = [k for k, _ in names.most_common(3)]
        if len(data.articles) < data.articles_cap:
            data.articles.append(row)
    data.provenances = list(provenances)
    order = [lab for lab in DEFAULT_LABELS if lab in label_names] + sorted(label_names - set(DEFAULT_LABELS))
    data.label_counts = {lab: labels[lab] for lab in order}
    data.mean_index = index_sum / index_n if index_n else None
    speakers, canon = _merge_speakers(speakers)
    for totals in countries.values():
        totals[4] = {canon[k] for k in totals[4]}
    for row in data.articles:
        row.quotes = [(canon[k], country, label, index) for k, country, label, index in row.quotes]
        row.speakers = list(dict.fromkeys(canon[k] for k in row.speakers))
    rows = [SpeakerRow(sp.name, sp.n, sp.total / sp.n_indexed if sp.n_indexed else None,
                       {lab: sp.labels[lab] for lab in order if sp.labels[lab]}, key,
                       sp.countries.most_common(1)[0][0] if sp.countries else None)
            for key, sp in speakers.items()]
    rows.sort(key=lambda r: (-r.n_quotes, r.speaker == UNATTRIBUTED, r.speaker.casefold(), r.key))
    data.speakers, data.n_speakers = rows[:TOP_SPEAKERS], len(rows)
    by_country = [CountryRow(country, n, len(keys), total / n_indexed if n_indexed else None,
                             {lab: counts[lab] for lab in order if counts[lab]})
                  for country, (n, total, n_indexed, counts, keys) in countries.items()]
    by_country.sort(key=lambda r: (-r.n_quotes, r.country.casefold()))
    data.countries, data.n_countries = by_country[:TOP_COUNTRIES], len(by_country)
    if days:
        data.first_date, data.last_date = min(days), max(days)
        span = (data.last_date - data.first_date).days
        data.granularity = "day" if span <= 62 else "week" if span <= 730 else "month"
        periods: dict[tuple[date, str], list[float]] = defaultdict(lambda: [0, 0.0, 0, 0.0])
        for day, values in days.items():
            period = periods[_period(day, data.granularity)]
            for i, value in enumerate(values):
                period[i] += value
        for (start, name), (n, total, n_indexed, squares) in sorted(periods.items()):
            low, high, sd = _interval(int(n_indexed), total, squares)
            data.timeline.append(PeriodPoint(name, start, int(n), total / n_indexed if n_indexed else None,
                                             low, high, sd, int(n_indexed)))
    data.most_cooperative = [replace(picked, speaker_key=canon[picked.speaker_key])
                             for _, _, picked, _ in sorted(top, key=lambda t: (-t[0], -t[1]))]
    data.most_conflictual = [replace(picked, speaker_key=canon[picked.speaker_key])
                             for _, _, picked, _ in sorted(bottom, key=lambda t: (-t[0], -t[1]))]
    listed = {row.number for row in data.articles}
    for _, _, _, row in [*top, *bottom]:  # the articles of the extreme quotes are always listed
        if row.number not in listed:
            row.quotes = [(canon.get(k, k), country, label, index) for k, country, label, index in row.quotes]
            row.speakers = list(dict.fromkeys(canon.get(k, k) for k in row.speakers))
            data.articles.append(row)
            listed.add(row.number)
    data.articles.sort(key=lambda r: r.number)
    keys = {k for row in data.articles for k, *_ in row.quotes}
    data.speaker_names = {k: speakers[k].name for k in sorted(keys, key=lambda k: (speakers[k].name.casefold(), k))}
    if data.n_bad_dates:
        logger.warning("%d article(s) with an unreadable date left out of the timeline", data.n_bad_dates)
    return data
