"""Every data and training decision of the tone model, kept or dropped by what it does on real
text: each recipe is trained on ``annotations/`` alone and scored on real labelled statements
(``--dev``), on CAMEO cooperation vs conflict (``--cameo``, AUC of the index) and on the seed
quotes (trained without them). Nothing is fitted to the real files: they only measure.

    python benchmarks/bench_tone_decisions.py --dev ../shared/data/tone-dev.jsonl \\
        --cameo ../shared/data/cameo-train.tsv [--only NAME ...] [--json]

Each recipe takes as long as ``tonekit train`` (grouped cross-validation for the temperature).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sklearn.metrics import roc_auc_score

from bench_tone_accuracy import cameo_pairs  # benchmarks/ is on the path when run as a script
from tonekit.training import TrainConfig, labelled_figures, read_labelled, train

ROOT = Path(__file__).resolve().parent.parent
FIRST = "authored-w*"  # the first ten authored batches: short, clean, one signal, labels equally frequent
REAL = "authored-r*"   # the real-register campaign

RECIPES: dict[str, TrainConfig] = {
    "first batches only (the recipe before)": TrainConfig(class_weight="balanced", group_weights={REAL: 0.0},
                                                          calibrate_on="out_of_fold"),
    "all batches, equal weight, balanced": TrainConfig(class_weight="balanced", group_weights={}, calibrate_on="out_of_fold"),
    "all batches, equal weight": TrainConfig(group_weights={}, calibrate_on="out_of_fold"),
    "first batches x0.3": TrainConfig(group_weights={FIRST: 0.3}, calibrate_on="out_of_fold"),
    "first batches x0.1, calibrated out of fold": TrainConfig(calibrate_on="out_of_fold"),
    "first batches x0.1, calibrated on the seed quotes (shipped)": TrainConfig(),
    "first batches x0.1, balanced": TrainConfig(class_weight="balanced", calibrate_on="out_of_fold"),
    "first batches x0.1, no naive Bayes": TrainConfig(naive_bayes_alpha=None, calibrate_on="out_of_fold"),
    "first batches retired (x0)": TrainConfig(group_weights={FIRST: 0.0}, calibrate_on="out_of_fold"),
    "first batches retired, wave 1 (r1-r6) only": TrainConfig(
        group_weights={FIRST: 0.0, "authored-r[7-9]": 0.0, "authored-r1[0-9]": 0.0}, calibrate_on="out_of_fold"),
}


def cameo_auc(model, path: Path) -> float:
    texts, cooperative = cameo_pairs(path)
    return float(roc_auc_score(cooperative, [s.index for s in model.score(texts)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    parser.add_argument("--dev", type=Path, required=True, help="real labelled statements (jsonl: text, label)")
    parser.add_argument("--cameo", type=Path, default=None, help="cameo-train.tsv (sentence<TAB>class)")
    parser.add_argument("--only", nargs="*", default=None, help="recipe names (substrings) to run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts, gold = read_labelled(args.dev)
    rows = {}
    for name, config in RECIPES.items():
        if args.only and not any(part in name for part in args.only):
            continue
        started = time.perf_counter()
        result = train(args.annotations, config=config)
        model, report = result.model, result.report
        dev = labelled_figures(model, texts, gold)
        rows[name] = {"dev": dev, "cameo_auc": cameo_auc(model, args.cameo) if args.cameo else None,
                      "seed_macro_f1": (report.get("seed_held_out") or {}).get("macro_f1"),
                      "cv_full_weight_macro_f1": report["cross_validation"].get("full_weight", report["cross_validation"])["macro_f1"],
                      "records": sum(1 for w in config.record_weights(result.data.groups) if w > 0),
                      "seconds": round(time.perf_counter() - started, 1)}
        if not args.json:
            f = dev["f1"]
            print(f"{name:42s} dev macro-F1 {dev['macro_f1']:.3f} (coop {f['cooperative']:.3f} candid {f['candid']:.3f} "
                  f"confl {f['conflictual']:.3f} neutral {f['neutral']:.3f}) ECE {dev['calibration_error']:.3f} | "
                  f"CAMEO AUC {rows[name]['cameo_auc'] or float('nan'):.3f} | seeds {rows[name]['seed_macro_f1'] or float('nan'):.3f} | "
                  f"CV {rows[name]['cv_full_weight_macro_f1']:.3f} | {rows[name]['records']} records, {rows[name]['seconds']} s",
                  flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
