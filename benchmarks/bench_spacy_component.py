"""What reusing the user's parse saves: a spaCy pipeline with ``tonekit_quotes`` against the
same pipeline followed by ``extract_quotes`` (which parses every quoting paragraph again).

    python benchmarks/bench_spacy_component.py [--articles 200] [--repeats 3]

Both sides run the user's trained pipeline over every article (it is what they already do);
only what tonekit adds differs. The corpus is the five seed articles replicated, each copy
with its own first line. One process, one core, the two sides alternated in each repeat so a
busy machine slows both alike; the ratio is the figure, not the rates. Run it by hand.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from tonekit import extract_quotes
from tonekit.quotes import trained_pipeline_name

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [f"Dispatch {i}\n\n" + seeds[i % len(seeds)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    name = trained_pipeline_name()
    if name is None:
        raise SystemExit("needs a trained spaCy pipeline: pip install 'tonekit[parser]'")
    articles = corpus(args.articles)
    users = spacy.load(name)  # the user's own pipeline, as they load it
    reusing = spacy.load(name)
    reusing.add_pipe("tonekit_quotes")

    def twice() -> int:  # the user's pipeline, then tonekit parsing the text again
        return sum(len(extract_quotes(doc.text, mode="accurate")) for doc in users.pipe(articles))

    def once() -> int:  # the user's pipeline with the component: its parse is reused
        return sum(len(doc._.quotes) for doc in reusing.pipe(articles))

    extract_quotes(articles[0], mode="accurate")  # warm-up: tonekit's pipeline and the lexicon
    list(reusing.pipe(articles[:20]))
    times: dict[str, list[float]] = {"twice": [], "once": []}
    counts: dict[str, int] = {}
    for _ in range(args.repeats):
        for label, run in (("twice", twice), ("once", once)):
            start = time.perf_counter()
            counts[label] = run()
            times[label].append(time.perf_counter() - start)
    for label, text in (("twice", "user's pipeline + extract_quotes (parses again)"),
                        ("once", "user's pipeline + tonekit_quotes (reuses the parse)")):
        rates = [len(articles) / t for t in times[label]]
        print(f"{text:52s} {statistics.median(rates):7.1f} articles/s (min {min(rates):.1f}, max {max(rates):.1f}), "
              f"{counts[label]} quotes")
    print(f"speed-up of reusing the parse: {statistics.median(times['twice']) / statistics.median(times['once']):.2f}x "
          f"({len(articles)} articles, {args.repeats} repeats, {name})")


if __name__ == "__main__":
    main()
