"""Tone scoring speed side by side with VADER, in one process, on one core.

    python benchmarks/bench_tone_speed.py [--statements 100000] [--repeats 5] [--model models/]
                                          [--texts ../shared/data/tone-dev.jsonl]

Statements are the project's annotation texts (distinct, 5-80 words), or with ``--texts`` real
sentences (the ``text`` of each JSON Lines record, or the first tab-separated column of each
line), cycled to the batch size. Each measurement warms up first, then repeats; figures are the median with the spread
(min-max) across repeats. VADER (``pip install vaderSentiment``, extra ``bench``) is timed on
the same statements in the same run, so the ratios hold even on a noisy machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from tonekit.tone import load_model, resolve_model_dir

ROOT = Path(__file__).resolve().parent.parent


def statements() -> list[str]:
    return [json.loads(line)["text"] for path in sorted((ROOT / "annotations").rglob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_texts(path: Path) -> list[str]:
    """One statement per line: the ``text`` of a JSON Lines record, else the first TSV column."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if path.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in lines]
    return [line.split("\t")[0] for line in lines]


def timed(function, repeats: int) -> list[float]:
    function()  # warm-up
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        out.append(time.perf_counter() - start)
    return out


def report(name: str, count: int, seconds: list[float], unit: str = "statements/s") -> float:
    rates = sorted(count / s for s in seconds)
    median = statistics.median(rates)
    print(f"  {name:34s} {median:>12,.0f} {unit}  (min {rates[0]:,.0f}, max {rates[-1]:,.0f})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=5_000, help="statements scored one call at a time")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--model", type=Path, default=ROOT / "models")
    parser.add_argument("--texts", type=Path, default=None, help="one statement per line (first TSV column)")
    args = parser.parse_args()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = statements() if args.texts is None else read_texts(args.texts)
    batch = [texts[i % len(texts)] for i in range(args.statements)]
    single = batch[: args.single]
    model, vader = load_model(args.model), SentimentIntensityAnalyzer()
    folder = resolve_model_dir(args.model)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"model {folder.name}: {(folder / 'scoring.npz').stat().st_size / 1e6:.2f} MB on disk; "
          f"{len(texts)} distinct statements, {words:.1f} words on average")

    print(f"\none call per statement ({len(single):,} statements, {args.repeats} repeats):")
    vader_single = report("VADER polarity_scores(str)", len(single),
                          timed(lambda: [vader.polarity_scores(t) for t in single], args.repeats))
    ours_single = report("tonekit model.score(str)", len(single),
                         timed(lambda: [model.score(t) for t in single], args.repeats))
    print(f"  -> tonekit single call is {ours_single / vader_single:.2f}x VADER's rate "
          f"({1e6 / ours_single:.1f} us vs {1e6 / vader_single:.1f} us per call)")

    print(f"\nbatch of {len(batch):,} statements ({args.repeats} repeats):")
    vader_batch = report("VADER, loop over the batch", len(batch),
                         timed(lambda: [vader.polarity_scores(t) for t in batch], max(1, args.repeats // 2)))
    ours_batch = report("tonekit model.score(list)", len(batch), timed(lambda: model.score(batch), args.repeats))
    report("tonekit model.predict_proba(list)", len(batch), timed(lambda: model.predict_proba(batch), args.repeats))
    print(f"  -> tonekit batch is {ours_batch / vader_batch:.1f}x VADER's throughput")


if __name__ == "__main__":
    main()
