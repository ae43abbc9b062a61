"""What reusing the user's parse saves: a spaCy pipeline with ``tonekit_quotes`` against the
same pipeline followed by ``extract_quotes`` (which parses every quoting paragraph again).

    python benchmarks/bench_spacy_component.py [--articles 200] [--repeats 3]

Both sides run the user's trained pipeline over every article (it is what they already do);
only what tonekit adds differs. The corpus is the five seed articles replicated, each copy
with its own first line. One process, one core, the two sides alternated in each repeat so a
busy machine slows both alike; the ratio is the figure, not the rates. Run it by hand.

Long articles, with ``--sizes``: time and peak memory of one long article against its length,
``tonekit_quotes`` side by side with ``extract_quotes``::

    python benchmarks/bench_spacy_component.py --sizes 50 500 2000 [--paths function unparsed parsed]

The article is the seed articles concatenated to each size in KB (``bench_scaling.article``, in
their paragraphs). Three ways of extracting it, each in a fresh process per size: ``function``
is ``extract_quotes(text)``; ``unparsed`` is ``nlp(text)`` through ``spacy.blank("en")`` with
``tonekit_quotes`` (``nlp.max_length`` raised), which parses with tonekit's pipeline; ``parsed``
is ``tonekit_quotes`` on a doc the user's trained pipeline parsed (paragraph by paragraph with
``nlp.pipe``, joined with ``Doc.from_docs``: spaCy could not hold a whole-text parse of
megabytes), the user's parse not timed. All accurate mode. The ratio divides the time per KB by
that of the 100 seed articles (about 2.5 KB each) taken the same way in a fresh process of the
same run. Peak RSS is the process's own, start-up included; "of which before" is its peak when
the timed part starts (the pipelines, the text and, for ``parsed``, the user's doc).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc

from tonekit import extract_quotes
from tonekit.quotes import trained_pipeline_name

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [f"Dispatch {i}\n\n" + seeds[i % len(seeds)] for i in range(n)]


PATHS = ("function", "unparsed", "parsed")


def long_texts(kb: float) -> list[str]:
    """The article of ``kb`` KB (``bench_scaling.article``, in paragraphs), or for 0 the 100
    seed articles of the baseline."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_scaling import article, seeds

    if kb == 0:
        return [f"Dispatch {i}\n" + seeds()[i % 5] for i in range(100)]
    return [article(kb, "paragraphs")]


def users_parse(nlp: spacy.language.Language, text: str) -> Doc:
    """The user's pipeline over ``text`` paragraph by paragraph, joined into one doc of ``text``."""
    docs: list[Doc] = []
    for line in nlp.pipe(text.split("\n"), batch_size=64):
        docs.extend([line, nlp.make_doc("\n")])
    doc = Doc.from_docs(docs[:-1], ensure_whitespace=False, exclude=["tensor"])
    assert doc.text == text
    return doc


def child(path: str, kb: float) -> None:
    """One measurement in this process; prints a JSON line."""
    import tonekit

    texts = long_texts(kb)
    name = trained_pipeline_name()
    extract_quotes(texts[0][:3000], mode="accurate")  # warm-up: tonekit's pipeline and the lexicon
    if path == "function":
        ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB: Linux counts in KB
        start = time.perf_counter()
        quotes = sum(len(extract_quotes(t, mode="accurate")) for t in texts)
    elif path == "unparsed":
        nlp = spacy.blank("en")
        nlp.max_length = max(len(t) for t in texts) + 1
        nlp.add_pipe("tonekit_quotes", config={"mode": "accurate"})
        ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB: Linux counts in KB
        start = time.perf_counter()
        quotes = sum(len(doc._.quotes) for doc in nlp.pipe(texts))
    else:
        users = spacy.load(str(name))  # the user's own pipeline (NER and all), as they load it
        docs = [users_parse(users, t) for t in texts]
        component = users.add_pipe("tonekit_quotes")
        ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB: Linux counts in KB
        start = time.perf_counter()
        quotes = sum(len(component(doc)._.quotes) for doc in docs)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "bytes": sum(len(t.encode("utf-8")) for t in texts), "quotes": quotes,
                      "ready_mb": ready,
                      "tonekit": str(Path(tonekit.__file__).parent)}))


def measure(path: str, kb: float, timeout: float) -> dict[str, float] | None:
    """A fresh process per input, so its peak RSS is its own; None when it took over ``timeout``."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", path, str(kb)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == -signal.SIGKILL:
        return None
    if proc.returncode != 0:
        raise SystemExit(f"child {path} {kb} failed with status {proc.returncode}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return result


def scaling(sizes: list[float], paths: list[str], timeout: float) -> None:
    print("| path | article | KB | seconds | ms/KB | ratio to a normal article | quotes | peak RSS MB | of which before |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        base = measure(path, 0, timeout)
        assert base is not None, "the baseline took longer than --timeout"
        per_kb = base["seconds"] / (base["bytes"] / 1000)
        print(f"| {path} | 100 seed articles | {base['bytes'] / 1000 / 100:,.1f} each | {base['seconds']:.2f} | "
              f"{per_kb * 1e3:,.1f} | 1.00 | {base['quotes']:,} | {base['rss_mb']:.0f} | {base['ready_mb']:.0f} |", flush=True)
        for kb in sizes:
            r = measure(path, kb, timeout)
            if r is None:
                print(f"| {path} | paragraphs | {kb:,.0f} | over {timeout:.0f} s | - | - | - | - | - |", flush=True)
                continue
            ms = r["seconds"] / (r["bytes"] / 1000)
            print(f"| {path} | paragraphs | {r['bytes'] / 1000:,.0f} | {r['seconds']:.2f} | {ms * 1e3:,.1f} | "
                  f"{ms / per_kb:.2f} | {r['quotes']:,} | {r['rss_mb']:.0f} | {r['ready_mb']:.0f} |", flush=True)
    print(f"tonekit from {base['tonekit']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", nargs="+", type=float, help="KB: measure one long article of each size")
    parser.add_argument("--paths", nargs="+", default=list(PATHS), choices=PATHS)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds a size may take (--sizes)")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]))
        return
    if args.sizes:
        scaling(args.sizes, args.paths, args.timeout)
        return
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
