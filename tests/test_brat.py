"""Reading brat standoff files and scoring extraction against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonekit import extract_quotes
from tonekit.quotes import read_brat_dir
from tonekit.errors import BratFormatError
from tonekit.quotes import score_brat, speaker_matches


def test_read_brat_dir(brat_dir: Path) -> None:
    docs = read_brat_dir(brat_dir)
    assert [d.name for d in docs] == ["talks"]
    assert len(docs[0].attributions) == 3
    att = docs[0].attributions[1]
    assert docs[0].span_text(att.source) == "Anna Berg, the Austrian envoy"


def test_score_brat_on_small_gold(brat_dir: Path) -> None:
    scores = score_brat(read_brat_dir(brat_dir), lambda t: extract_quotes(t, mode="fast"))
    assert scores.direct_gold == 1 and scores.direct_found == 1
    assert scores.speaker_scored == 1 and scores.speaker_correct == 1
    assert scores.indirect_gold == 2
    assert 0.0 <= scores.indirect_precision <= 1.0


def test_score_brat_counts_misses(brat_dir: Path) -> None:
    scores = score_brat(read_brat_dir(brat_dir), lambda t: [])
    assert scores.direct_found == 0 and scores.direct_recall == 0.0 and scores.indirect_recall == 0.0


@pytest.mark.parametrize(
    "ann, message",
    [
        pytest.param("T1\tSource 0 5\tMinis\nX1 nonsense\n", r"talks\.ann:2: not a brat standoff line", id="bad-line"),
        pytest.param("T1\tSource 0 99999\tx\n", r"talks\.ann:1: span 0 99999 lies outside the text", id="span-out-of-text"),
        pytest.param("E1\tAttribution:T9 Content:T9\n", r"talks\.ann:1: event refers to undefined annotation T9", id="undefined-ref"),
    ],
)
def test_bad_ann_names_file_and_line(tmp_path: Path, brat_dir: Path, ann: str, message: str) -> None:
    (tmp_path / "talks.txt").write_text((brat_dir / "talks.txt").read_text())
    (tmp_path / "talks.ann").write_text(ann)
    with pytest.raises(BratFormatError, match=message):
        read_brat_dir(tmp_path)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(BratFormatError, match="no .txt file with a matching .ann"):
        read_brat_dir(tmp_path)


@pytest.mark.parametrize(
    "predicted, gold, ok",
    [
        ("Donald Trump", "Trump", True),
        ("Donald Trump", "Republican nominee Donald Trump", True),
        ("Charlie King", "Charlie King, a prominent New York Democrat", True),
        ("Hillary Clinton", "Trump", False),
        (None, "Trump", False),
    ],
    ids=["surname", "titled", "appositive", "wrong", "none"],
)
def test_speaker_matches(predicted: str | None, gold: str, ok: bool) -> None:
    assert speaker_matches(predicted, gold) is ok
