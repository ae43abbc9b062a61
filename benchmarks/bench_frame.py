"""Does scoring a quote in its frame help? Quotes extracted from real articles, scored on their
own words and in their frame (the cue included, see ``tonekit.quotes.frame_text``), against
tone labels made for this measurement only.

    python benchmarks/bench_frame.py --articles ../shared/data/polnear-dev/text \\
        [--labels benchmarks/data/polnear-quote-tone.jsonl] [--model models/]

The labels (``id`` = ``<article stem>:<start>:<end>`` of an extracted quote, and ``label``) were
given by one annotator (no second vote) who read the quote in its sentence and followed the
guideline; they hold no text. The quotes were drawn to over-represent cues other than plain
speech, and the figures on evaluative cues ("urged", "warned", "praised", ...) are the ones the
frame should move. A labelled id that extraction no longer produces is counted and skipped.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tonekit import load_model
from tonekit.quotes import extract_quotes_batch, frame_text, is_evaluative_cue
from tonekit.training import classification_figures

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True, help="folder of the articles' .txt files")
    parser.add_argument("--labels", type=Path, default=ROOT / "benchmarks" / "data" / "polnear-quote-tone.jsonl")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--mode", default="accurate")
    args = parser.parse_args()

    labels = {}
    for number, line in enumerate(args.labels.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            labels[record["id"]] = record["label"]
    stems = sorted({key.rsplit(":", 2)[0] for key in labels})
    texts = [(args.articles / f"{stem}.txt").read_text(encoding="utf-8") for stem in stems]
    found = {}
    for stem, text, quotes in zip(stems, texts, extract_quotes_batch(texts, mode=args.mode)):
        for quote in quotes:
            found[f"{stem}:{quote.start}:{quote.end}"] = (text, quote)
    keys = [key for key in labels if key in found]
    print(f"{len(keys)} of {len(labels)} labelled quotes extracted again ({len(labels) - len(keys)} skipped)")
    model = load_model(args.model) if args.model else load_model()
    gold = [labels[k] for k in keys]
    stance = [is_evaluative_cue(found[k][1].cue) for k in keys]
    names = list(model.labels)
    for name, scored in (("own words", [found[k][1].text for k in keys]),
                         ("in frame", [frame_text(*found[k]) for k in keys])):
        predicted = [s.label for s in model.score(scored)]
        every = classification_figures(gold, predicted, names)
        cued = classification_figures([g for g, s in zip(gold, stance) if s],
                                      [p for p, s in zip(predicted, stance) if s], names)
        print(f"  {name:10s} all {every['n']}: macro-F1 {every['macro_f1']:.3f} accuracy {every['accuracy']:.3f}   "
              f"evaluative cue {cued['n']}: macro-F1 {cued['macro_f1']:.3f} accuracy {cued['accuracy']:.3f}")


if __name__ == "__main__":
    main()
