"""Training: refuses bad annotations before any work, is deterministic, reports honest
figures, and takes its label set from the annotations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tonekit.errors import AnnotationError
from tonekit.training import classification_figures, expected_calibration_error
from tonekit.training import TrainConfig, train

HOSTILE = [
    "They are enemies of our people and we will crush every one of their agents.",
    "We will wipe out the regime's forces wherever they hide, without mercy.",
    "Their leaders are criminals who deserve nothing but destruction.",
    "Any ship flying their flag will be sunk on sight by our navy.",
    "We declare them our enemy and will answer with fire and steel.",
    "These traitors will be hunted down and destroyed, every last one.",
]


def _record(i: int, text: str, label: str) -> dict:
    return {"id": f"test-{label}-{i}", "text": text, "label": label, "source": "authored", "doc": f"test-{label}",
            "start": None, "end": None, "speaker": "a spokesman", "kind": "direct", "register": "press remarks",
            "votes": [{"by": "test", "label": label}], "note": None}


def _write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_bad_annotations_are_refused_with_file_and_line(small_annotations: Path) -> None:
    bad = small_annotations / "authored" / "bad.jsonl"
    _write(bad, [_record(1, "We welcome it warmly.", "cooperative"), _record(2, "  ", "cooperative")])
    bad.write_text(bad.read_text() + "{broken\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"(?s)2 problem\(s\).*bad\.jsonl:2: text is empty.*bad\.jsonl:3:"):
        train(small_annotations, evaluate=False)


@pytest.mark.parametrize(("setup", "match"), [
    (lambda folder: None, "annotations folder not found"),
    (lambda folder: folder.mkdir(), "no .jsonl annotation files found"),
], ids=["missing-folder", "empty-folder"])
def test_missing_or_empty_annotations(tmp_path: Path, setup, match: str) -> None:
    folder = tmp_path / "nothing"
    setup(folder)
    with pytest.raises(AnnotationError, match=match):
        train(folder, evaluate=False)


def test_training_is_deterministic(small_annotations: Path) -> None:
    first = train(small_annotations, evaluate=False).model
    second = train(small_annotations, evaluate=False).model
    assert first.space.names == second.space.names
    np.testing.assert_array_equal(first.estimator.coef_, second.estimator.coef_)


def test_report_has_grouped_cross_validation(small_annotations: Path) -> None:
    report = train(small_annotations).report
    cv = report["cross_validation"]
    assert cv["folds"] == 2 and cv["n"] == report["records"] == 320
    assert 0.0 <= cv["macro_f1"] <= 1.0 and set(cv["f1"]) == set(report["labels"])
    assert sum(map(sum, cv["confusion"]["matrix"])) == 320
    assert cv["calibration_error"] <= cv["calibration_error_uncalibrated"] + 1e-9
    assert report["seed_held_out"] is None  # no seed records in this folder
    assert report["temperature"] > 0


def test_a_new_label_flows_through(small_annotations: Path) -> None:
    guideline = small_annotations / "GUIDELINE.md"
    guideline.write_text(guideline.read_text(encoding="utf-8").replace("neutral\n```", "neutral\nhostile -1\n```", 1),
                         encoding="utf-8")
    _write(small_annotations / "authored" / "hostile.jsonl", [_record(i, t, "hostile") for i, t in enumerate(HOSTILE * 4)])
    model = train(small_annotations, evaluate=False).model
    assert model.labels == ("cooperative", "candid", "conflictual", "neutral", "hostile")
    scored = model.score("We will crush their agents and hunt down every traitor without mercy.")
    assert scored.label == "hostile" and set(scored.scores) == set(model.labels)
    assert scored.index == pytest.approx(sum(w * scored.scores[k] for k, w in
                                             {"cooperative": 1, "candid": -0.5, "conflictual": -1, "hostile": -1}.items()))


@pytest.mark.parametrize(("value", "match"), [
    ({"C": 0}, "the 'C' argument of TrainConfig must be a positive number; got 0"),
    ({"C": "1"}, "the 'C' argument of TrainConfig must be a positive number; got '1'"),
    ({"max_iter": 0}, "the 'max_iter' argument of TrainConfig must be a positive int; got 0"),
], ids=["zero-C", "string-C", "zero-iterations"])
def test_config_is_validated(value: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        TrainConfig(**value)


def test_classification_figures() -> None:
    gold = ["cooperative", "candid", "candid", "neutral"]
    predicted = ["cooperative", "candid", "neutral", "neutral"]
    figures = classification_figures(gold, predicted, ["cooperative", "candid", "conflictual", "neutral"])
    assert figures["macro_f1_labels"] == ["cooperative", "candid", "neutral"]  # conflictual has no gold
    assert figures["macro_f1"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert figures["confusion"]["matrix"][1] == [0, 1, 0, 1]


@pytest.mark.parametrize(("probabilities", "gold", "expected"), [
    ([[1.0, 0.0], [0.0, 1.0]], [0, 1], 0.0),
    ([[0.9, 0.1], [0.9, 0.1]], [1, 1], 0.9),
    ([[0.6, 0.4], [0.6, 0.4]], [0, 1], 0.1),
], ids=["perfect", "confidently-wrong", "over-confident"])
def test_expected_calibration_error(probabilities, gold, expected) -> None:
    assert expected_calibration_error(np.array(probabilities), np.array(gold)) == pytest.approx(expected)


def test_group_weights_weigh_records_by_their_document_group() -> None:
    from tonekit.training import DEFAULT_GROUP_WEIGHTS

    config = TrainConfig(group_weights={"authored-w*": 0.1, "authored-r3": 0.0})
    weights = config.record_weights(["authored-w1", "authored-r3", "authored-r1", "000_seed.txt", "authored-w10"])
    assert weights.tolist() == [0.1, 0.0, 1.0, 1.0, 0.1]
    assert TrainConfig().group_weights == DEFAULT_GROUP_WEIGHTS and TrainConfig().class_weight is None


def test_configs_saved_before_group_weights_keep_their_recipe() -> None:
    """A model folder from before class_weight and group_weights was class-balanced with even weights."""
    old = TrainConfig.from_dict({"features": {}, "C": 1.0, "naive_bayes_alpha": 1.0, "max_iter": 5000, "seed": 0,
                                 "calibrate": True})
    assert old.class_weight == "balanced" and old.group_weights == {}
    assert TrainConfig.from_dict(TrainConfig().to_dict()) == TrainConfig()


def test_zero_weight_groups_are_left_out_of_the_fit(small_annotations) -> None:
    from tonekit.training import fit_model, load_training_data

    data = load_training_data(small_annotations)
    everything = fit_model(data.texts, data.labels, TrainConfig(group_weights={}), None, groups=data.groups)
    only_w1 = fit_model(data.texts, data.labels, TrainConfig(group_weights={"authored-w2": 0.0}), None,
                        groups=data.groups)
    w1 = data.subset([g == "authored-w1" for g in data.groups])
    alone = fit_model(w1.texts, w1.labels, TrainConfig(group_weights={}), None)
    probe = ["We welcome the agreement.", "We firmly reject these claims."]
    np.testing.assert_allclose(only_w1.predict_proba(probe), alone.predict_proba(probe), atol=1e-9)
    assert everything.space.n_columns != only_w1.space.n_columns


@pytest.mark.parametrize(("content", "match"), [
    ('{"text": "We agree.", "label": "cooperative"}\nnot json\n', r"dev\.jsonl:2: not JSON"),
    ('{"text": "", "label": "neutral"}\n', r"dev\.jsonl:1: expected a record with a non-empty 'text' and a 'label'"),
    ('{"label": "neutral"}\n', r"dev\.jsonl:1: expected a record"),
    ("\n\n", r"dev\.jsonl: no labelled statements"),
    ('{"text": "We agree.", "label": ' + "7" * 5000 + '}\n', r"dev\.jsonl:1: not JSON \(.*digits"),
], ids=["bad-json", "blank-text", "no-text", "empty", "huge-int"])
def test_labelled_statements_are_checked_line_by_line(tmp_path, content: str, match: str) -> None:
    from tonekit.errors import AnnotationError
    from tonekit.training import read_labelled

    path = tmp_path / "dev.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationError, match=match):
        read_labelled(path)


def test_labelled_figures_judge_a_model_on_real_statements(tone_model, tmp_path) -> None:
    from tonekit.errors import AnnotationError
    from tonekit.training import evaluate_labelled

    path = tmp_path / "dev.jsonl"
    path.write_text('{"text": "We warmly welcome the new partnership.", "label": "cooperative"}\n'
                    '{"text": "We strongly condemn the attack on our embassy.", "label": "conflictual"}\n',
                    encoding="utf-8")
    figures = evaluate_labelled(tone_model, path)
    assert figures["file"] == "dev.jsonl" and figures["n"] == 2 and 0 <= figures["calibration_error"] <= 1
    assert sum(map(sum, figures["confusion"]["matrix"])) == 2
    path.write_text('{"text": "We agree.", "label": "friendly"}\n', encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"labels \['friendly'\] are not in the model's label set"):
        evaluate_labelled(tone_model, path)


def test_calibration_on_real_quotes_needs_enough_of_them(small_annotations) -> None:
    from tonekit.training import MIN_REAL_FOR_CALIBRATION, load_training_data, real_held_out_temperature

    data = load_training_data(small_annotations)  # authored statements only
    assert real_held_out_temperature(data, TrainConfig(), None) is None
    sources = ["seed" if i % 8 == 0 else s for i, s in enumerate(data.sources)]
    mixed = type(data)(data.ids, data.texts, data.labels, data.groups, sources, data.label_set)
    temperature, n, _ = real_held_out_temperature(mixed, TrainConfig(), None)
    assert n == sum(s == "seed" for s in sources) >= MIN_REAL_FOR_CALIBRATION and temperature > 0
    assert TrainConfig.from_dict({"features": {}}).calibrate_on == "out_of_fold"
