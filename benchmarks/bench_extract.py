"""Extraction speed, like ``spacy benchmark speed``: warm-up, then articles/s and words/s with spread,
and the same articles through spaCy's own full ``en_core_web_sm`` (every component, NER included,
on whole articles) in the same run, so the ratios compare like with like on one machine.

    python benchmarks/bench_extract.py [--articles 1000] [--repeats 5] [--modes fast accurate spacy]
    python benchmarks/bench_extract.py --texts ../shared/data/polnear-dev/text   # real articles instead

The default corpus is the five seed articles replicated (each copy gets a distinct first line so
no cache can help); ``--texts`` takes a folder of .txt articles, replicated to ``--articles``. The
runs interleave (one pass of each mode, then the next pass), so a change in the machine's speed
hits every mode alike; CPU-time rates (process time) are printed too, steadier than wall time on
a shared machine. One process, one core; run it by hand, not in CI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core for every mode
    os.environ.setdefault(_var, "1")
from collections.abc import Callable
from pathlib import Path

from tonekit import extract_quotes
from tonekit.quotes.pipeline import trained_pipeline_name

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, folder: Path | None = None) -> list[str]:
    source = folder if folder is not None else ROOT / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
    return [f"Dispatch {i}\n\n" + texts[i % len(texts)] for i in range(n)]


def _spacy_full() -> Callable[[list[str]], int]:
    """spaCy's own pipeline with all its components, as a user would run it on each article."""
    import spacy

    name = trained_pipeline_name()
    if name is None:
        raise SystemExit("the spacy mode needs en_core_web_sm: pip install 'tonekit[parser]'")
    nlp = spacy.load(name)
    nlp.max_length = 2_000_000

    def run(articles: list[str]) -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(articles, batch_size=64))
    return run


def _tonekit(mode: str) -> Callable[[list[str]], int]:
    def run(articles: list[str]) -> int:
        return sum(len(extract_quotes(text, mode=mode)) for text in articles)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--texts", type=Path, default=None, help="folder of .txt articles (default: the seeds)")
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate", "spacy"], choices=["fast", "accurate", "spacy"])
    args = parser.parse_args()
    articles = corpus(args.articles, args.texts)
    words = sum(len(a.split()) for a in articles)
    runners = {mode: _spacy_full() if mode == "spacy" else _tonekit(mode) for mode in args.modes}
    for run in runners.values():  # warm-up: load the pipelines, fill caches
        run(articles[:50])
    seconds: dict[str, list[float]] = {mode: [] for mode in runners}
    cpu: dict[str, list[float]] = {mode: [] for mode in runners}
    counts: dict[str, int] = {}
    for _ in range(args.repeats):
        for mode, run in runners.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            counts[mode] = run(articles)
            seconds[mode].append(time.perf_counter() - start)
            cpu[mode].append(time.process_time() - start_cpu)
    print(f"{len(articles)} articles, {words} words, {args.repeats} interleaved passes")
    rates = {mode: [len(articles) / t for t in ts] for mode, ts in seconds.items()}
    for mode, aps in rates.items():
        wps = [words / t for t in seconds[mode]]
        what = "entities" if mode == "spacy" else "quotes"
        spread = statistics.stdev(aps) if len(aps) > 1 else 0.0
        per_cpu = len(articles) / min(cpu[mode])
        print(f"{mode:9s} {statistics.mean(aps):8.1f} articles/s (±{spread:.1f})  {statistics.mean(wps):9.0f} words/s  "
              f"{per_cpu:8.1f} articles per CPU-second (best pass)  {counts[mode]} {what} per pass")
    if "spacy" in rates:
        base = statistics.mean(rates["spacy"])
        base_cpu = min(cpu["spacy"])
        for mode in ("accurate", "fast"):
            if mode in rates:
                print(f"{mode} / spaCy en_core_web_sm: {statistics.mean(rates[mode]) / base:.2f}x wall, "
                      f"{base_cpu / min(cpu[mode]):.2f}x CPU")
                # per pass (each mode's pass against spaCy's pass next to it): median and range
                per_pass = sorted(s / m for s, m in zip(cpu["spacy"], cpu[mode]))
                walls = sorted(s / m for s, m in zip(seconds["spacy"], seconds[mode]))
                print(f"  per pass: CPU {statistics.median(per_pass):.2f}x ({per_pass[0]:.2f}-{per_pass[-1]:.2f}), "
                      f"wall {statistics.median(walls):.2f}x ({walls[0]:.2f}-{walls[-1]:.2f})")


if __name__ == "__main__":
    main()
