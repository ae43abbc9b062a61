"""Tone accuracy of tonekit and three baselines on the same splits, and on real text.

    python benchmarks/bench_tone_accuracy.py --dev ../shared/data/tone-dev.jsonl \
        [--cameo ../shared/data/cameo-train.tsv] [--json]

The headline (``--dev``): real statements nobody here wrote, labelled blind by two annotators
(JSON Lines with ``text`` and ``label``). The shipped model (``--model``) and the baselines score
them as they are: macro-F1, F1 per label, the confusion matrix and, for tonekit, the expected
calibration error (ECE) of its probabilities. Nothing is fitted on them.

On the annotations (grouped cross-validation: each authored batch and each seed article held
out in turn, and a run trained without the seed statements and tested on them):

- majority: the most frequent label of the training part,
- VADER: compound >= 0.05 cooperative, <= -0.05 conflictual, else neutral (VADER has no candid),
- keyword: the tone with most phrasebook matches, neutral when none (our own phrasebook, so
  this is the lexicon tool we would have built without a classifier),
- tonekit: the classifier, calibrated on the out-of-fold predictions.

On real text (``--cameo``, sentences with CAMEO classes nobody here wrote, never trained on):
AUC of separating verbal cooperation (class 1) from verbal conflict (class 3) by each
method's tone index (VADER: compound; keyword: matches weighted like the index).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from tonekit.tone import INDEX_WEIGHTS, load_model, load_phrasebook, read_meta, resolve_model_dir, tokenize_one
from tonekit.training import (TrainConfig, classification_figures, labelled_figures, read_labelled, grouped_folds, load_training_data,
                              out_of_fold_logits, seed_held_out)

ROOT = Path(__file__).resolve().parent.parent


class Keyword:
    """Counts phrasebook phrases (1-5 words) in a statement, per tone."""

    def __init__(self) -> None:
        self.book = load_phrasebook()

    def counts(self, text: str) -> Counter:
        tokens = [t.decode() for t in tokenize_one(text)[0]]
        found: Counter = Counter()
        for n in range(1, 6):
            for i in range(len(tokens) - n + 1):
                tone = self.book.entries.get(" ".join(tokens[i:i + n]))
                if tone:
                    found[tone] += 1
        return found

    def label(self, text: str) -> str:
        counts = self.counts(text)
        return counts.most_common(1)[0][0] if counts else "neutral"

    def index(self, text: str) -> float:
        counts = self.counts(text)
        return sum(INDEX_WEIGHTS.get(t, 0) * c for t, c in counts.items()) / (sum(counts.values()) or 1)


def cameo_pairs(path: Path) -> tuple[list[str], list[bool]]:
    """The sentences of CAMEO classes 1 (verbal cooperation) and 3 (verbal conflict) in
    ``path`` (sentence<TAB>class), and whether each is cooperation."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(text, cls.strip() == "1") for text, cls in rows if cls.strip() in ("1", "3")]
    return [t for t, _ in pairs], [c for _, c in pairs]


def dev_figures(path: Path, model, vader, keyword: "Keyword", labels: list[str]) -> dict:
    """Every method on the real labelled statements of ``path``; tonekit with its ECE."""
    texts, gold = read_labelled(path)
    majority = Counter(gold).most_common(1)[0][0]  # the best a constant can do: an upper bound for "majority"
    methods = {"majority": [majority] * len(gold),
               "VADER": [vader_label(vader.polarity_scores(t)["compound"]) for t in texts],
               "keyword": [keyword.label(t) for t in texts]}
    figures = {name: classification_figures(gold, pred, labels) for name, pred in methods.items()}
    figures["tonekit"] = labelled_figures(model, texts, gold)
    return figures


def vader_label(compound: float) -> str:
    return "cooperative" if compound >= 0.05 else "conflictual" if compound <= -0.05 else "neutral"


def line(name: str, figures: dict, labels: list[str]) -> str:
    per_class = "  ".join(f"{figures['f1'][label]:.3f}" for label in labels)
    return f"  {name:10s} macro-F1 {figures['macro_f1']:.3f}   F1 {per_class}   accuracy {figures['accuracy']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    parser.add_argument("--model", type=Path, default=ROOT / "models", help="model scored on --cameo")
    parser.add_argument("--dev", type=Path, default=None, help="real labelled statements (jsonl: text, label)")
    parser.add_argument("--cameo", type=Path, default=None, help="cameo-train.tsv (sentence<TAB>class)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader, keyword = SentimentIntensityAnalyzer(), Keyword()
    data = load_training_data(args.annotations)
    labels = list(data.label_set)
    config = TrainConfig.from_dict(read_meta(resolve_model_dir(args.model))["config"])
    book = load_phrasebook()
    results: dict = {"labels": labels}

    # -- the headline: real statements, scored by the shipped model as they are ---------
    if args.dev:
        results["dev"] = dev_figures(args.dev, load_model(args.model), vader, keyword, labels)

    # -- grouped cross-validation, every method on the same held-out folds -------------
    logits = out_of_fold_logits(data, config, book)
    tonekit_pred = [labels[i] for i in np.where(np.isfinite(logits), logits, -1e9).argmax(axis=1)]
    majority = [""] * len(data.texts)
    for held_out in grouped_folds(data):
        common = Counter(label for label, h in zip(data.labels, held_out) if not h).most_common(1)[0][0]
        for i in np.flatnonzero(held_out):
            majority[i] = common
    vader_pred = [vader_label(vader.polarity_scores(t)["compound"]) for t in data.texts]
    keyword_pred = [keyword.label(t) for t in data.texts]
    methods = {"majority": majority, "VADER": vader_pred, "keyword": keyword_pred, "tonekit": tonekit_pred}
    results["cross_validation"] = {name: classification_figures(data.labels, pred, labels) for name, pred in methods.items()}

    # -- trained without the seed statements, tested on them ---------------------------
    is_seed = np.array([s == "seed" for s in data.sources])
    seed_gold = [g for g, s in zip(data.labels, is_seed) if s]
    seed_texts = [t for t, s in zip(data.texts, is_seed) if s]
    train_common = Counter(g for g, s in zip(data.labels, is_seed) if not s).most_common(1)[0][0]
    ours = seed_held_out(data, config, book, temperature=1.0)
    seed_methods = {"majority": [train_common] * len(seed_gold),
                    "VADER": [vader_label(vader.polarity_scores(t)["compound"]) for t in seed_texts],
                    "keyword": [keyword.label(t) for t in seed_texts]}
    results["seed_held_out"] = {name: classification_figures(seed_gold, pred, labels) for name, pred in seed_methods.items()}
    results["seed_held_out"]["tonekit"] = {k: v for k, v in ours.items() if k != "changed"}

    # -- real text: CAMEO verbal cooperation vs verbal conflict ------------------------
    if args.cameo:
        texts, cooperative = cameo_pairs(args.cameo)
        model = load_model(args.model)
        results["cameo_auc"] = {
            "n": len(texts),
            "VADER": roc_auc_score(cooperative, [vader.polarity_scores(t)["compound"] for t in texts]),
            "keyword": roc_auc_score(cooperative, [keyword.index(t) for t in texts]),
            "tonekit": roc_auc_score(cooperative, [s.index for s in model.score(texts)]),
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    if "dev" in results:
        dev = results["dev"]
        print(f"real statements ({args.dev.name}, {dev['tonekit']['n']} labelled blind), F1 in label order:")
        for name, figures in dev.items():
            print(line(name, figures, labels))
        print(f"  tonekit calibration error (ECE) {dev['tonekit']['calibration_error']:.3f}; confusion "
              f"(rows gold, columns predicted, {', '.join(labels)}):")
        for label, row in zip(labels, dev["tonekit"]["confusion"]["matrix"]):
            print(f"    {label:12s} " + " ".join(f"{v:5d}" for v in row))
        print()
    print(f"{len(data.texts)} annotated statements; labels {', '.join(labels)}")
    print(f"\ngrouped cross-validation ({len(grouped_folds(data))} document groups), F1 in label order:")
    for name, figures in results["cross_validation"].items():
        print(line(name, figures, labels))
    print(f"\ntrained without the {len(seed_gold)} seed statements, tested on them "
          f"(macro-F1 over the labels they hold: {', '.join(results['seed_held_out']['tonekit']['macro_f1_labels'])}):")
    for name, figures in results["seed_held_out"].items():
        print(line(name, figures, labels))
    if "cameo_auc" in results:
        auc = results["cameo_auc"]
        print(f"\nreal text, {auc['n']} CAMEO sentences, verbal cooperation vs verbal conflict, AUC of the index:")
        for name in ("VADER", "keyword", "tonekit"):
            print(f"  {name:10s} {auc[name]:.3f}")


if __name__ == "__main__":
    main()
