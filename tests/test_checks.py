"""Every public entry point checks its arguments the same way, with one message shape:
"the 'explain' argument of score must be a non-negative int or bool; got -2"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import tonekit
from tonekit.inputs import iter_items, iter_statements
from tonekit.tone import FeatureConfig, ToneModel, ToneScore
from tonekit.training import TrainConfig, suggest

_SCORE = ToneScore(label="neutral", _labels=("neutral",), _probabilities=(1.0,), index=0.0)
_MODEL = ToneModel(space=None, estimator=None, naive_bayes=None)  # type: ignore[arg-type]

CASES: list[tuple[str, Callable[[], object], str, str, str, str]] = [
    # id, call, argument, entry point, expected, got
    ("score-explain-negative", lambda: tonekit.score("We agree.", explain=-2), "explain", "score",
     "a non-negative int or bool", "-2"),
    ("score-explain-str", lambda: tonekit.score(["We agree."], explain="2"), "explain", "score",
     "a non-negative int or bool", "'2'"),
    ("model-score-explain", lambda: _MODEL.score("We agree.", explain=-1), "explain", "ToneModel.score",
     "a non-negative int or bool", "-1"),
    ("tone-explain", lambda: _SCORE.explain(-2), "k", "ToneScore.explain", "a positive int", "-2"),
    ("set-temperature", lambda: _MODEL.set_temperature(0), "temperature", "ToneModel.set_temperature",
     "a positive number", "0"),
    ("iter-items-max-bytes", lambda: iter_items(["a.txt"], max_bytes=0), "max_bytes", "iter_items", "a positive int",
     "0"),
    ("iter-items-text-col", lambda: iter_items(["a.csv"], text_col=""), "text_col", "iter_items", "a non-empty str",
     "''"),
    ("iter-items-stdin-format", lambda: iter_items(["-"], stdin_format="csv"), "stdin_format", "iter_items",
     "one of 'text', 'jsonl', 'lines'", "'csv'"),
    ("iter-statements-stdin-format", lambda: list(iter_statements(["-"], stdin_format="xml")), "stdin_format",
     "iter_items", "one of 'text', 'jsonl', 'lines'", "'xml'"),
    ("score-articles-n-jobs", lambda: tonekit.score_articles([], n_jobs=True), "n_jobs", "score_articles",
     "a positive int or -1", "True"),
    ("score-articles-chunk-size", lambda: tonekit.score_articles([], chunk_size=-3), "chunk_size", "score_articles",
     "a positive int", "-3"),
    ("suggest-limit", lambda: suggest([], model=None, annotations=Path("."), limit=0), "limit", "suggest",
     "a positive int", "0"),
    ("train-config-c", lambda: TrainConfig(C=-1.0), "C", "TrainConfig", "a positive number", "-1.0"),
    ("train-config-alpha", lambda: TrainConfig(naive_bayes_alpha=0), "naive_bayes_alpha", "TrainConfig",
     "a positive number or None", "0"),
    ("train-config-max-iter", lambda: TrainConfig(max_iter=True), "max_iter", "TrainConfig", "a positive int", "True"),
    ("train-config-class-weight", lambda: TrainConfig(class_weight="auto"), "class_weight", "TrainConfig",
     "one of None, 'balanced'", "'auto'"),
    ("train-config-group-weights-type", lambda: TrainConfig(group_weights=[("a*", 0.5)]), "group_weights",  # type: ignore[arg-type]
     "TrainConfig", "a dict of pattern -> weight", "[('a*', 0.5)]"),
    ("train-config-group-weight-range", lambda: TrainConfig(group_weights={"a*": 2}), "group_weights[a*]",
     "TrainConfig", "a number in [0, 1]", "2"),
    ("train-config-calibrate-on", lambda: TrainConfig(calibrate_on="dev"), "calibrate_on", "TrainConfig",
     "one of 'real', 'out_of_fold'", "'dev'"),
    ("feature-config-min-df", lambda: FeatureConfig(min_df=0), "min_df", "FeatureConfig", "a positive int", "0"),
    ("feature-config-weight", lambda: FeatureConfig(phrase_tone_weight=float("nan")), "phrase_tone_weight",
     "FeatureConfig", "a positive number", "nan"),
]


@pytest.mark.parametrize(("call", "argument", "entry", "expected", "got"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_invalid_arguments_are_refused_with_one_message_shape(call: Callable[[], object], argument: str, entry: str,
                                                              expected: str, got: str) -> None:
    message = f"the '{argument}' argument of {entry} must be {expected}; got {got}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call()
