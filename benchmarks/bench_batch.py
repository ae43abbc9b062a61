"""`tonekit batch` end to end: articles/s with 1 and 2 worker processes in both extraction
modes, and the peak memory of a long streaming run.

    python benchmarks/bench_batch.py [--articles 2000] [--fast-articles 20000] [--memory-articles 20000]
                                     [--modes fast accurate]

The corpus is the five seed articles replicated, each copy with a distinct first line, written
as one JSON Lines file. Every run is a fresh `tonekit batch` process (model and pipeline
loading included in the time), so this is what a user sees; fast mode gets more articles
(``--fast-articles``) so that the few seconds of start-up do not dominate its timing. Peak RSS is the largest process's
maximum resident set (`getrusage`), read after each run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TONEKIT = [sys.executable, "-m", "tonekit.cli"]


def write_corpus(path: Path, n: int) -> int:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    words = 0
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            text = f"Dispatch {i}\n\n" + seeds[i % len(seeds)]
            words += len(text.split())
            handle.write(json.dumps({"id": f"a{i}", "text": text, "date": f"2024-{1 + i % 12:02d}-01"}) + "\n")
    return words


def run(corpus: Path, out: Path, mode: str, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `tonekit batch` run."""
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([*TONEKIT, "batch", str(corpus), "--out", str(out), "--mode", mode, "--jobs", str(jobs),
                    "--no-progress"], check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = sum(1 for _ in open(out, encoding="utf-8"))
    assert lines == sum(1 for _ in open(corpus, encoding="utf-8")), "one output line per article"
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles for accurate mode")
    parser.add_argument("--fast-articles", type=int, default=20000, help="articles for fast mode")
    parser.add_argument("--memory-articles", type=int, default=20000)
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate"], choices=["fast", "accurate"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl"
        print("each run a fresh `tonekit batch` process, start-up included")
        for mode in args.modes:
            n = args.fast_articles if mode == "fast" else args.articles
            words = write_corpus(corpus, n)
            print(f"  {mode}: {n} articles, {words} words")
            rates = {}
            for jobs in (1, 2):
                seconds, _ = run(corpus, out, mode, jobs)
                rates[jobs] = n / seconds
                print(f"  {mode:9s} --jobs {jobs}: {rates[jobs]:7.1f} articles/s ({seconds:.1f} s)")
            print(f"  {mode:9s} scaling 1 -> 2 jobs: {rates[2] / rates[1]:.2f}x")
        if args.memory_articles:
            write_corpus(corpus, args.memory_articles)
            out.unlink(missing_ok=True)  # batch resumes an existing results file, and refuses another run's
            # a fresh interpreter, so the peak belongs to this run alone
            code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                    "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            start = time.perf_counter()
            peak = subprocess.run([sys.executable, "-c", code, *TONEKIT, "batch", str(corpus), "--out", str(out),
                                   "--mode", "fast", "--no-progress"], check=True, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            print(f"\nmemory: {args.memory_articles} articles, fast mode, --jobs 1: peak RSS "
                  f"{int(peak.stdout.strip()) / 1024:.0f} MB ({args.memory_articles / seconds:.0f} articles/s)")


if __name__ == "__main__":
    main()
