"""``to_frame``: scored articles as a pandas DataFrame, one row per quote.

The rows and columns are those of the quote table ``tonekit batch --quotes-csv`` writes
(:class:`tonekit.batch.results.QuoteTable`): the article id and its passthrough fields (date,
source, title, url, any others), then the quote's number, speaker, kind, cue, tone label,
index, one column per label probability, offsets and text. pandas is imported only here, and
only when called (``pip install 'tonekit[pandas]'``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._extras import require

if TYPE_CHECKING:
    import pandas

__all__ = ["to_frame", "result_records"]

log = logging.getLogger(__name__)

_INT_COLUMNS = ("quote", "start", "end")


def result_records(results: Any) -> Iterator[dict[str, Any]]:
    """Results records (the shape of a line of a results file) of whatever ``to_frame`` accepts:
    an :class:`~tonekit.article.ArticleTone` (id ``"0"``), an iterable of them (id = position)
    or of :class:`~tonekit.batch.ArticleResult` (``score_articles``), or the path of a batch
    results ``.jsonl``."""
    from ..article import ArticleTone
    from ..batch import ArticleResult, iter_results

    if isinstance(results, (str, os.PathLike)):
        yield from iter_results(Path(results))
        return
    if isinstance(results, ArticleTone):
        results = [results]
    if isinstance(results, (bytes, Mapping)) or not isinstance(results, Iterable):
        raise TypeError("to_frame takes an ArticleTone, a list of them, the results of score_articles or the path "
                        f"of a results .jsonl; got {type(results).__name__}")
    for position, item in enumerate(results):
        if isinstance(item, ArticleTone):
            yield {"id": str(position), **item.to_dict()}
        elif isinstance(item, ArticleResult):
            yield item.to_record()
        else:
            raise TypeError(f"to_frame: item {position} is a {type(item).__name__}; expected an ArticleTone or an "
                            "ArticleResult (the results of score_article or score_articles)")


def to_frame(results: Any, *, labels: Iterable[str] | None = None) -> pandas.DataFrame:
    """One row per quote of ``results`` (see :func:`result_records` for what it may be).

    Columns: ``id``, the articles' passthrough fields, then ``quote`` (its number in the
    article), ``speaker`` (and ``speaker_id``, ``speaker_confidence``, ``speaker_role``,
    ``speaker_country`` when the quotes carry them), ``kind``, ``cue``, ``label``, ``index``,
    one column per label (its probability; ``labels`` fixes which, else those the quotes hold),
    ``start``, ``end``, ``text`` and ``scored_text``.

    An article that failed is no row: the frame's ``attrs["errors"]`` lists each as
    ``{"id": ..., "error": ...}`` (and a warning says how many). An article without quotes
    has no row either. ``attrs["provenance"]`` lists the provenances the records carry.
    """
    pd = require("pandas", "pandas", "to_frame")
    from ..batch import ProvenanceCount, QuoteTable

    records = list(result_records(results))
    table = QuoteTable.of(records, None if labels is None else list(labels))
    rows = [row for record in records for row in table.rows(record)]
    frame: pandas.DataFrame = pd.DataFrame(rows, columns=list(table.columns))
    for column in _INT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    errors = [{"id": str(r["id"]), "error": r["error"]} for r in records if r.get("error") is not None]
    if errors:
        log.warning("to_frame: %d failed article(s) have no rows (listed in frame.attrs['errors']): %s",
                    len(errors), ", ".join(e["id"] for e in errors[:5]) + (" ..." if len(errors) > 5 else ""))
    provenances = ProvenanceCount()
    for record in records:
        provenances.add(record)
    frame.attrs["errors"] = errors
    frame.attrs["provenance"] = [{**(found or {}), "articles": n} for found, n in provenances if found is not None]
    return frame
