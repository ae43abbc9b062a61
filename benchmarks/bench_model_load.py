"""Loading the default model to score: today's arrays-and-JSON artifact against the pickled
format it replaced (rebuilt here from the same model, as tonekit 0.1 saved it), side by side in
one run, alternating, each load in a fresh interpreter state of the store (no caches).

    python benchmarks/bench_model_load.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import joblib

from tonekit.tone import LEGACY_ARTIFACT, META, load_estimators, load_model, read_meta, resolve_model_dir, sha256_file


def legacy_copy(folder: Path, target: Path) -> Path:
    model = load_model(folder)
    model.estimator, model.naive_bayes = load_estimators(folder)
    target.mkdir(parents=True)
    joblib.dump(model, target / LEGACY_ARTIFACT, compress=3)
    meta = {**read_meta(folder), "format": 6, "artifact": LEGACY_ARTIFACT, "files_sha256": {},
            "artifact_sha256": sha256_file(target / LEGACY_ARTIFACT)}
    (target / META).write_text(json.dumps(meta), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    folder = resolve_model_dir()
    with tempfile.TemporaryDirectory() as tmp:
        legacy = legacy_copy(folder, Path(tmp) / "legacy")
        times: dict[str, list[float]] = {"arrays (scoring.npz + json)": [], "pickle (model.joblib, trusted)": []}
        load_model(folder).score("We welcome it.")  # warm-up: imports, page cache
        load_model(legacy, trusted=True).score("We welcome it.")
        for _ in range(args.repeats):
            for name, load in (("arrays (scoring.npz + json)", lambda: load_model(folder)),
                               ("pickle (model.joblib, trusted)", lambda: load_model(legacy, trusted=True))):
                start = time.perf_counter()
                load().score("We welcome it.")
                times[name].append(time.perf_counter() - start)
        print(f"model {folder.name}, {args.repeats} loads each, load + first score, seconds:")
        for name, values in times.items():
            print(f"  {name:32s} median {statistics.median(values):.3f}  (min {min(values):.3f}, max {max(values):.3f})")
        a, b = (statistics.median(v) for v in times.values())
        print(f"  ratio pickle/arrays: {b / a:.1f}x")


if __name__ == "__main__":
    main()
