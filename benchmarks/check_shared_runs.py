"""Prove that no run of eight words in our annotations comes from the real dev data.

The shipped model trains on ``annotations/`` only, and every statement there is ours. This
check reads every text of ``../shared/data`` (tone-dev sentences, CAMEO sentences, PolNeAR
articles) and every annotation record (and the guideline), and lists each eight-word run the
two share. It exits 1 when there is one. Words are lower-cased runs of letters and digits, as
in the test that checks runs within ``annotations/``.

    python benchmarks/check_shared_runs.py --shared ../shared/data
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """The words of ``text`` as the run checks count them."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def runs(text: str, n: int = RUN) -> Iterator[tuple[str, ...]]:
    ws = words(text)
    for i in range(len(ws) - n + 1):
        yield tuple(ws[i:i + n])


def shared_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every real text in the shared data folder."""
    dev = shared / "tone-dev.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                yield f"tone-dev:{record['id']}", record["text"]
    cameo = shared / "cameo-train.tsv"
    if cameo.exists():
        for number, line in enumerate(cameo.read_text(encoding="utf-8").splitlines(), 1):
            yield f"cameo:{number}", line.split("\t")[0]
    for path in sorted((shared / "polnear-dev" / "text").glob("*.txt")):
        yield f"polnear:{path.name}", path.read_text(encoding="utf-8", errors="replace")


def our_texts(annotations: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every record we wrote, and the guideline's prose.

    Seed records are left out: they are quotes of the seed articles, labelled in place, and
    real articles share stock phrases ("competition does not veer into conflict").
    """
    for path in sorted(annotations.rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                if record.get("source") != "seed":
                    yield f"{path}:{number} ({record.get('id')})", record["text"]
    for path in sorted(annotations.glob("*.md")):
        yield str(path), path.read_text(encoding="utf-8")


def find_shared_runs(annotations: Path, shared: Path) -> list[str]:
    """One line per record of ours that shares an eight-word run with real data."""
    index: dict[tuple[str, ...], str] = {}
    for where, text in shared_texts(shared):
        for gram in runs(text):
            index.setdefault(gram, where)
    problems = []
    for where, text in our_texts(annotations):
        for gram in runs(text):
            if gram in index:
                problems.append(f"{where}: shares {' '.join(gram)!r} with {index[gram]}")
                break
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent.parent
    parser.add_argument("--shared", type=Path, default=here.parent / "shared" / "data")
    parser.add_argument("--annotations", type=Path, default=here / "annotations")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no shared data at {args.shared}: nothing to check against", file=sys.stderr)
        return 0
    problems = find_shared_runs(args.annotations, args.shared)
    for line in problems:
        print(line)
    print(f"{len(problems)} records share an eight-word run with {args.shared}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
