"""Extraction against the hand-made gold of the five seed articles (annotations/seed.jsonl)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from tonekit import extract_quotes
from tonekit.quotes import SpanScores, score_spans


def _scores(root: Path, mode: str) -> SpanScores:
    gold = [json.loads(line) for line in (root / "annotations" / "seed.jsonl").read_text(encoding="utf-8").splitlines()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in gold:
        by_doc[record["doc"]].append(record)
    pairs = [(extract_quotes((root / "seeds" / doc).read_text(encoding="utf-8"), mode=mode), records)
             for doc, records in sorted(by_doc.items())]
    return score_spans(pairs)


def test_seed_gold_offsets_slice_the_seeds(root: Path) -> None:
    for line in (root / "annotations" / "seed.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        assert (root / "seeds" / r["doc"]).read_text(encoding="utf-8")[r["start"]:r["end"]] == r["text"], r["id"]


@pytest.mark.parser
def test_accurate_mode_on_seed_gold(root: Path) -> None:
    s = _scores(root, "accurate")
    print(f"accurate: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} speaker={s.speaker_accuracy:.3f}")
    assert s.f1 >= 0.95
    assert s.speaker_accuracy >= 0.95


def test_fast_mode_on_seed_gold(root: Path) -> None:
    """Fast mode finds direct quotes and simple frames only; this floor catches regressions."""
    s = _scores(root, "fast")
    print(f"fast: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} speaker={s.speaker_accuracy:.3f}")
    assert s.precision >= 0.9
    assert s.f1 >= 0.6
