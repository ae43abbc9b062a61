"""Time and peak memory of one long article against its length: linear, or not.

    python benchmarks/bench_scaling.py [--sizes 5 50 500 1000 4900] [--modes fast accurate]
                                       [--shapes paragraphs one-paragraph]

Each article is the five seed articles concatenated until it reaches the size in KB (1 KB =
1,000 bytes of UTF-8), either in its normal paragraphs or with every newline replaced by a
blank (one paragraph). Each run is a fresh process that loads the tone model and the spaCy
pipeline, warms up on one seed article, then scores the article as ``tonekit batch`` does
(extraction, tone, the output line); the time excludes start-up. Peak RSS is the child's own
(``os.wait4``), start-up included. The baseline "normal article" is the seed articles (about
2.4 KB each), 100 of them in one process, timed the same way: the ratio column divides each
run's time per KB by that. Run it by hand on a quiet machine, not in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ("paragraphs", "one-paragraph")


def seeds() -> list[str]:
    return [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt"))]


def article(kb: float, shape: str) -> str:
    """The seeds repeated to ``kb`` thousand bytes, in paragraphs or as one paragraph."""
    texts, parts, size, i = seeds(), [], 0, 0
    while size < kb * 1000:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1].encode("utf-8")) + 1
        i += 1
    text = "\n".join(parts)
    return text.replace("\n", " ") if shape == "one-paragraph" else text


def child(mode: str, kb: float, shape: str) -> None:
    """One measurement in this process; prints a JSON line."""
    from tonekit.batch import score_article_lines

    warm = seeds()[0]
    list(score_article_lines([{"id": "warm", "text": warm}], mode=mode))
    if shape == "normal":
        texts = [f"Dispatch {i}\n" + seeds()[i % 5] for i in range(100)]
    else:
        texts = [article(kb, shape)]
    items = [{"id": str(n), "text": t} for n, t in enumerate(texts)]
    start = time.perf_counter()
    lines = list(score_article_lines(items, mode=mode))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "bytes": sum(len(t.encode("utf-8")) for t in texts),
                      "quotes": sum(n for _, n, _ in lines), "errors": sum(not ok for *_, ok in lines)}))


def measure(mode: str, kb: float, shape: str) -> dict[str, float]:
    """A fresh process per input, so its peak RSS is its own."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(kb), shape], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child {mode} {kb} {shape} failed with status {proc.returncode}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[5, 50, 500, 1000, 4900])
    parser.add_argument("--modes", nargs="+", default=["fast", "accurate"], choices=["fast", "accurate"])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "KB", "SHAPE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), args.child[2])
        return
    print("| mode | article | KB | seconds | µs/KB | ratio to a normal article | quotes | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for mode in args.modes:
        base = measure(mode, 0, "normal")
        per_kb = base["seconds"] / (base["bytes"] / 1000)
        print(f"| {mode} | normal (100 seed articles) | {base['bytes'] / 1000 / 100:,.1f} each | {base['seconds']:.2f} | "
              f"{per_kb * 1e6:,.0f} | 1.00 | {base['quotes']:,} | {base['rss_mb']:.0f} |", flush=True)
        for shape in args.shapes:
            for kb in args.sizes:
                r = measure(mode, kb, shape)
                us = r["seconds"] / (r["bytes"] / 1000)
                print(f"| {mode} | {shape} | {r['bytes'] / 1000:,.0f} | {r['seconds']:.2f} | {us * 1e6:,.0f} | "
                      f"{us / per_kb:.2f} | {r['quotes']:,} | {r['rss_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
