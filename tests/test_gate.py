"""The promotion gate and the retrain sequence as library calls (the CLI loop is in
test_retrain_loop.py): fast, without cross-validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tonekit.training import GateReport, TrainConfig, TrainingData, held_out_groups, retrain

ROTATE = {"cooperative": "conflictual", "conflictual": "neutral", "neutral": "candid", "candid": "cooperative"}


def _data(groups: list[str]) -> TrainingData:
    n = len(groups)
    return TrainingData(ids=[str(i) for i in range(n)], texts=["t"] * n, labels=["neutral"] * n, groups=groups,
                        sources=["authored"] * n, label_set=("neutral",))


def test_held_out_groups_are_a_stable_share_of_the_common_ones() -> None:
    current, new = _data([f"g{i}" for i in range(8)]), _data([f"g{i}" for i in range(12)])
    chosen = held_out_groups(current, new)
    assert len(chosen) == 2 and set(chosen) <= {f"g{i}" for i in range(8)}
    assert chosen == held_out_groups(current, new) == sorted(chosen)
    assert held_out_groups(_data(["a"]), _data(["b"])) == []
    assert len(held_out_groups(_data(["a", "b"]), _data(["a", "b"]))) == 1  # at least one


def test_held_out_groups_judge_full_weight_and_down_weighted_groups_apart() -> None:
    groups = [f"authored-w{i}" for i in range(1, 9)] + ["authored-r1", "authored-r2"]
    chosen = held_out_groups(_data(groups), _data(groups), config=TrainConfig(group_weights={"authored-w*": 0.1}))
    assert len([g for g in chosen if g.startswith("authored-r")]) == 1  # the real-register kind is always judged
    assert len([g for g in chosen if g.startswith("authored-w")]) == 2


@pytest.mark.parametrize(("current", "new", "passed"), [(0.80, 0.80, True), (0.80, 0.79, True), (0.80, 0.7899, False),
                                                        (0.70, 0.90, True)], ids=["equal", "at-tolerance", "worse", "better"])
def test_gate_report_verdict(current: float, new: float, passed: bool) -> None:
    report = GateReport(held_out_groups=["g"], n_held_out=3, current={"macro_f1": current}, new={"macro_f1": new})
    assert report.drop == pytest.approx(current - new)
    assert report.passed is passed and report.to_dict()["passed"] is passed


def _copy_batch(root: Path, target: Path, batch: str, count: int, relabel: dict[str, str] | None = None) -> None:
    records = [json.loads(line) for line in
               (root / "annotations" / "authored" / batch).read_text(encoding="utf-8").splitlines()[:count]]
    for record in records:
        if relabel:
            record["label"] = relabel[record["label"]]
            record["votes"] = [{"by": "saboteur", "label": record["label"]}]
    target.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_retrain_promotes_refuses_and_forces(small_annotations: Path, tmp_path: Path, root: Path) -> None:
    """Every record at full weight here, so the sabotaged batch counts as much as the rest."""
    models = tmp_path / "models"
    even = TrainConfig(group_weights={})
    first = retrain(small_annotations, models, out=models / "v1", evaluate=False, config=even)
    assert first.promoted and first.gate is None and first.reason == "no current default to compare with"
    assert (models / "DEFAULT").read_text(encoding="utf-8").strip() == "v1" and first.pointer == models / "DEFAULT"
    meta = json.loads((models / "v1" / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["data_sha256"]) == {"phrasebook.tsv", "stopwords.txt"} and (models / "v1" / "stopwords.txt").exists()

    _copy_batch(root, small_annotations / "authored" / "batch-w3.jsonl", "batch-w3.jsonl", 160)
    second = retrain(small_annotations, models, out=models / "v2", evaluate=False, config=even)
    assert second.gate is not None and second.gate.passed and second.promoted and second.current_dir == models / "v1"

    _copy_batch(root, small_annotations / "authored" / "batch-w4.jsonl", "batch-w4.jsonl", 320, relabel=ROTATE)
    refused = retrain(small_annotations, models, out=models / "v3", evaluate=False, config=even)
    assert not refused.promoted and refused.gate is not None and not refused.gate.passed
    assert refused.reason.startswith("macro-F1 on the held-out split dropped by")
    assert (models / "DEFAULT").read_text(encoding="utf-8").strip() == "v2" and (models / "v3" / "meta.json").exists()

    forced = retrain(small_annotations, models, out=models / "v4", evaluate=False, force=True, config=even)
    assert forced.promoted and forced.reason == "forced past the gate"
    kept = retrain(small_annotations, models, out=models / "v5", evaluate=False, promote=False, config=even)
    assert not kept.promoted and "--no-promote" in kept.reason
    assert (models / "DEFAULT").read_text(encoding="utf-8").strip() == "v4"


def test_gate_retrains_an_older_model_without_recorded_stopwords(small_annotations: Path, tmp_path: Path) -> None:
    """Models saved before the folder kept stopwords.txt (the shipped one) still go through the gate."""
    models = tmp_path / "models"
    retrain(small_annotations, models, out=models / "v1", evaluate=False)
    (models / "v1" / "stopwords.txt").unlink()
    again = retrain(small_annotations, models, out=models / "v2", evaluate=False)
    assert again.gate is not None and again.promoted
