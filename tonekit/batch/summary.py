"""What the report shows, counted from a results file in one pass with bounded memory: label
counts, speakers, the timeline and the quotes at the extremes. The label set is read from the
data, so a model that adds labels (say "hostile") needs no change."""

from __future__ import annotations

import heapq
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..tone import DEFAULT_LABELS
from ..quotes import merge_speaker_ids, speaker_key
from .provenance import ProvenanceCount
from .results import quote_speaker_id

__all__ = ["ReportData", "SpeakerRow", "PeriodPoint", "QuoteRow", "summarise", "UNATTRIBUTED"]

logger = logging.getLogger(__name__)

UNATTRIBUTED = "(unattributed)"
TOP_SPEAKERS, TOP_QUOTES = 20, 5
MAX_ERRORS_KEPT = 50  # errors listed on the page; the count covers them all


@dataclass(frozen=True)
class SpeakerRow:
    """One speaker's quotes: how many, their mean tone index and how they were labelled."""
    speaker: str
    n_quotes: int
    mean_index: float | None
    labels: dict[str, int]


@dataclass(frozen=True)
class PeriodPoint:
    """One day, week or month of the timeline; ``mean_index`` is over the period's quotes."""
    period: str
    start: date
    n_quotes: int
    mean_index: float | None


@dataclass(frozen=True)
class QuoteRow:
    """A quote picked for the most cooperative / most conflictual tables."""
    text: str
    index: float
    label: str | None
    speaker: str
    article_id: str


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


def _quote_label(q: dict) -> str | None:
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


def summarise(records: Iterable[dict]) -> ReportData:
    """Count, group and rank what the page shows, in one pass with bounded memory: running
    totals per speaker and per day, and only the top quotes; tolerant of missing fields."""
    data = ReportData()
    labels: Counter[str] = Counter()
    label_names: set[str] = set()
    speakers: dict[str, list[Any]] = {}   # speaker id -> [quotes, sum of index, indexed quotes, label counts, names]
    days: dict[date, list[float]] = {}    # day -> [quotes, sum of index, indexed quotes]
    index_sum, index_n = 0.0, 0
    top: list[tuple[float, int, QuoteRow]] = []      # min-heaps of the most cooperative ...
    bottom: list[tuple[float, int, QuoteRow]] = []   # ... and the most conflictual quotes
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
        day = _parse_date(rec.get("date"))
        if day is None and rec.get("date") not in (None, ""):
            data.n_bad_dates += 1
        data.n_dated += day is not None
        quotes = [q for q in rec.get("quotes") or [] if isinstance(q, dict)]
        data.n_with_quotes += bool(quotes)
        for q in quotes:
            data.n_quotes += 1
            label, index = _quote_label(q), _num(q.get("index"))
            label_names.update(k for k in (q.get("scores") or {}) if isinstance(k, str))
            if label is not None:
                labels[label] += 1
                label_names.add(label)
            speaker = str(q.get("speaker") or "").strip() or UNATTRIBUTED
            # one row per person: grouped by speaker id ("Obama", "Barack Obama"), named by its fullest name
            totals = speakers.setdefault(quote_speaker_id(q) or UNATTRIBUTED, [0, 0.0, 0, Counter(), Counter()])
            totals[4][speaker] += 1
            totals[0] += 1
            if label is not None:
                totals[3][label] += 1
            if day is not None:
                per_day = days.setdefault(day, [0, 0.0, 0])
                per_day[0] += 1
            if index is None:
                continue
            totals[1] += index
            totals[2] += 1
            if day is not None:
                per_day[1] += index
                per_day[2] += 1
            index_sum, index_n = index_sum + index, index_n + 1
            seen += 1
            row = QuoteRow(str(q.get("text") or ""), index, label, speaker, art_id)
            # Sign decides the table, rank decides the order: a -0.9 quote is never "most cooperative".
            heap, key = (top, index) if index > 0 else (bottom, -index) if index < 0 else (None, 0.0)
            if heap is not None:
                (heapq.heappush if len(heap) < TOP_QUOTES else heapq.heappushpop)(heap, (key, -seen, row))
    data.provenances = list(provenances)
    order = [lab for lab in DEFAULT_LABELS if lab in label_names] + sorted(label_names - set(DEFAULT_LABELS))
    data.label_counts = {lab: labels[lab] for lab in order}
    data.mean_index = index_sum / index_n if index_n else None
    merged: dict[str, list[Any]] = {}
    ids = merge_speaker_ids(k for k in speakers if k != UNATTRIBUTED)
    for speaker_id, (n, total, n_indexed, counts, names) in speakers.items():
        into = merged.setdefault(ids.get(speaker_id, speaker_id), [0, 0.0, 0, Counter(), Counter()])
        into[0] += n
        into[1] += total
        into[2] += n_indexed
        into[3].update(counts)
        into[4].update(names)
    rows = [SpeakerRow(max(names, key=lambda s: (len((speaker_key(s) or "").split()), names[s], s)), n, total / n_indexed if n_indexed else None,
                       {lab: counts[lab] for lab in order if counts[lab]})
            for n, total, n_indexed, counts, names in merged.values()]
    rows.sort(key=lambda r: (-r.n_quotes, r.speaker == UNATTRIBUTED, r.speaker.casefold()))
    data.speakers, data.n_speakers = rows[:TOP_SPEAKERS], len(rows)
    if days:
        data.first_date, data.last_date = min(days), max(days)
        span = (data.last_date - data.first_date).days
        data.granularity = "day" if span <= 62 else "week" if span <= 730 else "month"
        periods: dict[tuple[date, str], list[float]] = defaultdict(lambda: [0, 0.0, 0])
        for day, (n, total, n_indexed) in days.items():
            period = periods[_period(day, data.granularity)]
            period[0] += n
            period[1] += total
            period[2] += n_indexed
        for (start, name), (n, total, n_indexed) in sorted(periods.items()):
            data.timeline.append(PeriodPoint(name, start, int(n), total / n_indexed if n_indexed else None))
    data.most_cooperative = [row for _, _, row in sorted(top, key=lambda t: (-t[0], -t[1]))]
    data.most_conflictual = [row for _, _, row in sorted(bottom, key=lambda t: (-t[0], -t[1]))]
    if data.n_bad_dates:
        logger.warning("%d article(s) with an unreadable date left out of the timeline", data.n_bad_dates)
    return data
