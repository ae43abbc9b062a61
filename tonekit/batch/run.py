"""``score_articles``: many articles in, one result per article out, in input order.

Work is cut into chunks of articles. Each chunk is scored where the backend puts it: in this
process (``n_jobs=1``), in local worker processes (joblib), or on a Dask distributed cluster
(``scheduler=ADDRESS``). Workers load the tone model and the spaCy pipeline once and keep
them. Only a bounded number of chunks is in flight at a time, so memory does not grow with
the number of articles, and results come back in input order whatever the backend.

Nothing is lost: an unreadable input, an empty text or an exception while scoring one article
becomes an error result for that article (:meth:`ArticleResult.failed`), and the run goes on.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .. import _checks
from ..errors import SchedulerError
from .results import ArticleResult

__all__ = ["ArticleResult", "score_articles", "score_article_lines", "DEFAULT_CHUNK_SIZE"]

log = logging.getLogger(__name__)
DEFAULT_CHUNK_SIZE = 32


# -- work that runs wherever the chunk lands ------------------------------------------------
_models: dict[str | None, Any] = {}


def _model(model_path: str | None) -> Any:
    """The tone model of this process, loaded on first use (workers keep it between chunks)."""
    if model_path not in _models:
        from ..tone import load_model
        _models[model_path] = load_model(model_path)
    return _models[model_path]


def score_chunk(chunk: list[tuple[str, str]], mode: str, model_path: str | None) -> list[dict[str, Any] | str]:
    """Extract and score the articles of one chunk together (see :func:`score_texts`).
    Returns one entry per article: its tone summary, or the reason it failed."""
    from ..article import score_texts

    model = _model(model_path)
    try:
        return [article.to_dict() for article in score_texts([t for _, t in chunk], model=model, mode=mode)]
    except Exception:  # find the article that failed: one article's failure must not lose the others
        out: list[dict[str, Any] | str] = []
        for article_id, text in chunk:
            try:
                out.append(score_texts([text], model=model, mode=mode)[0].to_dict())
            except Exception as error:
                log.warning("%s: scoring failed: %s", article_id, error)
                out.append(f"scoring failed: {type(error).__name__}: {error}")
        return out


# -- input normalisation -------------------------------------------------------------------
_Work = tuple[str, str, dict[str, Any]]  # (id, text, fields) of an article to score


def _normalise(items: Iterable[Any]) -> Iterator[_Work | ArticleResult]:
    """Articles to score from Items, mappings with id/text, or bare strings; an input that
    cannot be scored (an ItemError, a bad item) becomes its failed result here."""
    from ..inputs import Item, ItemError

    for position, item in enumerate(items):
        if isinstance(item, Item):
            yield item.id, item.text, item.record_fields()  # passthrough, plus language and warnings
        elif isinstance(item, ItemError):
            yield ArticleResult.failed(item.id, item.error, item.fields)
        elif isinstance(item, str):
            yield (str(position), item, {}) if item.strip() else ArticleResult.failed(str(position), _EMPTY)
        elif isinstance(item, Mapping):
            article_id = str(item.get("id", position))
            text = item.get("text")
            fields = {k: v for k, v in item.items() if k not in ("id", "text")}
            if not isinstance(text, str):
                yield ArticleResult.failed(article_id, f"item {position}: text must be a str, got {type(text).__name__}",
                                           fields)
            elif not text.strip():
                yield ArticleResult.failed(article_id, _EMPTY, fields)
            else:
                yield article_id, text, fields
        else:
            yield ArticleResult.failed(str(position), f"item {position}: expected an Item, a mapping with id and text, "
                                                      f"or a str; got {type(item).__name__}")


_EMPTY = "empty or whitespace-only text"


def _chunks(normalised: Iterator[_Work | ArticleResult], size: int) -> Iterator[list[_Work | ArticleResult]]:
    while chunk := list(itertools.islice(normalised, size)):
        yield chunk


def result_task(chunk: list[_Work | ArticleResult], mode: str, model_path: str | None,
                provenance: dict[str, str] | None = None) -> list[ArticleResult]:
    """A chunk's results, built where the chunk is scored, each stamped with the run's provenance."""
    work = [(entry[0], entry[1]) for entry in chunk if not isinstance(entry, ArticleResult)]
    outcomes = iter(score_chunk(work, mode, model_path) if work else [])
    results = []
    for entry in chunk:
        if isinstance(entry, ArticleResult):
            results.append(entry)
            continue
        article_id, _, fields = entry
        outcome = next(outcomes)
        results.append(ArticleResult.failed(article_id, outcome, fields) if isinstance(outcome, str)
                       else ArticleResult.scored(article_id, outcome, fields))
    if provenance is not None:
        results = [dataclasses.replace(r, provenance=provenance) for r in results]
    return results


def line_task(chunk: list[_Work | ArticleResult], mode: str, model_path: str | None,
              provenance: dict[str, str] | None = None) -> list[tuple[str, int, bool]]:
    """A chunk's output lines, serialised where the chunk is scored (the parent only writes),
    with each article's number of quotes and whether it failed."""
    return [(json.dumps(r.to_record(), ensure_ascii=False), r.n_quotes, r.ok)
            for r in result_task(chunk, mode, model_path, provenance)]


# -- backends: each yields the task's output per chunk, in input order ---------------------
_Chunk = list[_Work | ArticleResult]
_Task = Callable[..., list[Any]]  # result_task or line_task: (chunk, mode, model_path, provenance)


def _serial(chunks: Iterator[_Chunk], task: _Task, args: tuple[Any, ...]) -> Iterator[list[Any]]:
    for chunk in chunks:
        yield task(chunk, *args)


def _joblib(chunks: Iterator[_Chunk], task: _Task, args: tuple[Any, ...], n_jobs: int) -> Iterator[list[Any]]:
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
    yield from parallel(delayed(task)(chunk, *args) for chunk in chunks)


def _dask(chunks: Iterator[_Chunk], task: _Task, args: tuple[Any, ...], scheduler: Any) -> Iterator[list[Any]]:
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("--scheduler needs Dask distributed: pip install 'tonekit[cluster]'") from None
    owns = not hasattr(scheduler, "submit")
    try:
        client = Client(scheduler, timeout="10s") if owns else scheduler
    except OSError as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        window = max(2, 2 * sum(client.nthreads().values()))
        in_flight: list[Any] = []
        for chunk in chunks:
            in_flight.append(client.submit(task, chunk, *args, pure=False))
            if len(in_flight) >= window:
                yield in_flight.pop(0).result()
        for future in in_flight:
            yield future.result()
    finally:
        if owns:
            client.close()


def _run(items: Iterable[Any], task: _Task, n_jobs: int, scheduler: Any, mode: str, model: str | Path | None,
         chunk_size: int) -> Iterator[list[Any]]:
    from ..quotes import resolve_mode
    from .provenance import run_provenance

    _checks.positive_int(n_jobs, "n_jobs", "score_articles", or_minus_one=True)
    _checks.positive_int(chunk_size, "chunk_size", "score_articles")
    mode = resolve_mode(mode)
    model_path = None if model is None else str(Path(model).resolve())
    if scheduler is None and n_jobs == 1:
        _model(model_path)  # loaded here, where the work happens
    else:
        from ..tone import verify_model
        verify_model(model_path)  # fail fast on a missing or untrusted model; the workers load it
    args = (mode, model_path, run_provenance(model_path, mode))
    chunks = _chunks(_normalise(items), chunk_size)
    if scheduler is not None:
        return _dask(chunks, task, args, scheduler)
    if n_jobs == 1:
        return _serial(chunks, task, args)
    return _joblib(chunks, task, args, n_jobs)


def score_articles(items: Iterable[Any], *, n_jobs: int = 1, scheduler: Any = None, mode: str = "auto",
                   model: str | Path | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE) -> Iterator[ArticleResult]:
    """Score every article of ``items``, one :class:`ArticleResult` per item, in input order.

    ``items``: :class:`tonekit.inputs.Item`/``ItemError`` (from ``iter_items``), mappings with
    ``id`` and ``text`` (other keys pass through), or bare strings (id = position).
    ``n_jobs``: local worker processes (joblib); ``-1`` for one per core.
    ``scheduler``: a Dask distributed scheduler address (``"tcp://host:8786"``) or ``Client``;
    overrides ``n_jobs``. ``model``: a model folder (default: the shipped model).
    Each result carries the run's provenance (:func:`tonekit.batch.provenance.run_provenance`):
    model name and sha256 prefix, tonekit version and the extraction mode used.
    """
    stream = _run(items, result_task, n_jobs, scheduler, mode, model, chunk_size)
    return (result for chunk in stream for result in chunk)


def score_article_lines(items: Iterable[Any], *, n_jobs: int = 1, scheduler: Any = None, mode: str = "auto",
                        model: str | Path | None = None, chunk_size: int = DEFAULT_CHUNK_SIZE
                        ) -> Iterator[tuple[str, int, bool]]:
    """:func:`score_articles` as JSON lines ``(line, n_quotes, ok)``, serialised in the workers:
    what ``tonekit batch`` writes, without the parent process becoming the bottleneck."""
    stream = _run(items, line_task, n_jobs, scheduler, mode, model, chunk_size)
    return (line for chunk in stream for line in chunk)
