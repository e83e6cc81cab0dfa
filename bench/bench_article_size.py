"""Benchmark: time per megabyte of one long article, read and extracted, at 1, 4 and 20 MB.

Reading (decoding, front matter, boilerplate, dates) and the per-article stages
(extraction, graph, N-Quads; shapes with --validate) must be linear in the size of
an article: the seconds per MB should stay flat from 1 to 20 MB. Median of --runs.

    .venv/bin/python bench/bench_article_size.py [--sizes 1 4 20] [--runs 1] [--validate]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

from kg.build.document import process  # noqa: E402
from kg.corpus.reader import read_article  # noqa: E402
from kg.gazetteer import Gazetteer  # noqa: E402


def measure(path: Path, gazetteer: Gazetteer, validate: bool) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    article = read_article(path)
    t1 = time.perf_counter()
    result = process(article, gazetteer, validate_shapes=validate)
    t2 = time.perf_counter()
    if result.failure:
        raise SystemExit(f"{path.name}: {result.failure['reason']}")
    return t1 - t0, t2 - t1, len(result.facts.facts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 20], help="article sizes in MB")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--validate", action="store_true", help="include SHACL validation (pySHACL)")
    args = ap.parse_args()
    gazetteer = Gazetteer.load()
    print(f"{'MB':>6} {'read s':>8} {'extract s':>10} {'total s/MB':>11} {'facts':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"long_{mb:g}.txt"
            path.write_text(synth.long_article(int(mb * 1_000_000)), encoding="utf-8")
            runs = [measure(path, gazetteer, args.validate) for _ in range(args.runs)]
            read = statistics.median(r[0] for r in runs)
            extract = statistics.median(r[1] for r in runs)
            print(f"{mb:>6g} {read:>8.2f} {extract:>10.2f} {(read + extract) / mb:>11.2f} {runs[0][2]:>8}",
                  flush=True)


if __name__ == "__main__":
    main()
