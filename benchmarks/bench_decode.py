"""What reading a table in UTF-16 costs beside the same table in UTF-8, side by side in one run.

    python benchmarks/bench_decode.py [--records 5000] [--rounds 3]

The records are the seed articles (ours), repeated, written as JSON Lines and as CSV: UTF-8, and
UTF-16-LE with a BOM (the CSV tab-separated, as Excel's "Unicode text" export is). Two timings per
file, interleaved over the rounds (medians printed): the line decoder alone
(``tonekit.inputs.decode.iter_lines``, lines/s) and the whole reader (``iter_items``: records,
ids and the language check, records/s), and the UTF-16/UTF-8 ratio of each.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tonekit.inputs import iter_items
from tonekit.inputs.decode import iter_lines

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path, n: int) -> dict[str, Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    records = [{"id": f"r{i}", "text": texts[i % len(texts)], "desk": "world"} for i in range(n)]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    files: dict[str, Path] = {}
    for delimiter, encoding, bom in ((",", "utf-8", b""), ("\t", "utf-16-le", b"\xff\xfe")):
        table = io.StringIO()
        writer = csv.DictWriter(table, ["id", "text", "desk"], delimiter=delimiter)
        writer.writeheader()
        writer.writerows(records)
        for kind, text in (("jsonl", jsonl), ("csv", table.getvalue())):
            path = folder / f"feed-{encoding}.{kind}"
            path.write_bytes(bom + text.encode(encoding))
            files[f"{kind} {encoding}"] = path
    return files


def lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in iter_lines(f.readline, 31 * 1024 * 1024))


def items(path: Path) -> int:
    return sum(1 for _ in iter_items([str(path)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = build(Path(tmp), args.records)
        times: dict[tuple[str, str], list[float]] = {}
        counts: dict[tuple[str, str], int] = {}
        steps: dict[str, Callable[[Path], int]] = {"iter_lines": lines, "iter_items": items}
        for _ in range(args.rounds):
            for step, run in steps.items():
                for name, path in files.items():
                    start = time.perf_counter()
                    counts[step, name] = run(path)
                    times.setdefault((step, name), []).append(time.perf_counter() - start)
        sizes = {name: path.stat().st_size for name, path in files.items()}
    print(f"{args.records:,} records, median of {args.rounds} rounds")
    for step in steps:
        for kind in ("jsonl", "csv"):
            rates = {}
            for encoding in ("utf-8", "utf-16-le"):
                name = f"{kind} {encoding}"
                seconds = statistics.median(times[step, name])
                rates[encoding] = counts[step, name] / seconds
                print(f"{step:10} {name:16} {sizes[name] / 1e6:7.1f} MB {seconds:7.3f} s "
                      f"{rates[encoding]:10,.0f} {'lines' if step == 'iter_lines' else 'records'}/s")
            print(f"{step:10} {kind:16} UTF-16/UTF-8 time ratio {rates['utf-8'] / rates['utf-16-le']:.2f}")


if __name__ == "__main__":
    main()
