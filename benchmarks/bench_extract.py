"""Extraction speed, like ``spacy benchmark speed``: warm-up, then articles/s and words/s with spread.

    python benchmarks/bench_extract.py [--articles 1000] [--repeats 5] [--modes fast accurate]

The corpus is the five seed articles replicated (each copy gets a distinct first line so no
cache can help). Runs in one process on one core; run it by hand, not in CI.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tonekit import extract_quotes

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [f"Dispatch {i}\n\n" + seeds[i % len(seeds)] for i in range(n)]


def run(mode: str, articles: list[str], repeats: int) -> None:
    words = sum(len(a.split()) for a in articles)
    for text in articles[:50]:  # warm-up: load the pipeline, fill caches
        extract_quotes(text, mode=mode)
    rates = []
    quotes = 0
    for _ in range(repeats):
        start = time.perf_counter()
        quotes = sum(len(extract_quotes(text, mode=mode)) for text in articles)
        rates.append(time.perf_counter() - start)
    aps = [len(articles) / t for t in rates]
    wps = [words / t for t in rates]
    print(f"{mode:9s} {statistics.mean(aps):8.1f} articles/s (±{statistics.stdev(aps) if len(aps) > 1 else 0:.1f})  "
          f"{statistics.mean(wps):9.0f} words/s (±{statistics.stdev(wps) if len(wps) > 1 else 0:.0f})  "
          f"{len(articles)} articles, {words} words, {quotes} quotes per pass, {repeats} passes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate"], choices=["fast", "accurate"])
    args = parser.parse_args()
    articles = corpus(args.articles)
    for mode in args.modes:
        run(mode, articles, args.repeats)


if __name__ == "__main__":
    main()
