#!/usr/bin/env python3
"""Extraction alone (reading, tagging, the cascade; no SHACL, no reasoning) on the construction-suite corpus.

usage: bench_extract.py [--runs N] [--suite PATH]

Generates the suite's corpus (../shared/spec/constructions.json, 438 short articles) into a temporary
folder, then reads and extracts every article in this one process, `--runs` times, and prints the
median articles per second (the issue's bar: at least 100 on one core). The first, untimed pass
loads the gazetteer, spaCy's tokenizer and the lemma table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.corpus import read_corpus  # noqa: E402
from kg.extract.document import extract_document  # noqa: E402
from kg.gazetteer import Gazetteer  # noqa: E402


def one_pass(corpus_dir: Path, gaz: Gazetteer) -> tuple[int, float, int]:
    t0 = time.perf_counter()
    corpus = read_corpus(corpus_dir)
    facts = 0
    for a in corpus.articles:
        facts += len(extract_document(a.stem, a.text, a.content_spans(), a.date, gaz).facts)
    return len(corpus.articles), time.perf_counter() - t0, facts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--suite", default=str(ROOT.parent / "shared" / "spec" / "constructions.json"))
    args = ap.parse_args()
    tool = Path(args.suite).resolve().parent.parent / "tools" / "constructions.py"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(tool), "generate", args.suite, tmp], check=True,
                       stdout=subprocess.DEVNULL)
        gaz = Gazetteer.load()
        one_pass(Path(tmp) / "corpus", gaz)  # warm-up: tables and caches
        rates = []
        for _ in range(args.runs):
            n, secs, facts = one_pass(Path(tmp) / "corpus", gaz)
            rates.append(n / secs)
            print(f"  {n} articles in {secs:.2f} s: {n / secs:.0f} articles/s ({facts} facts)", flush=True)
    print(f"extraction (read + tag + cascade, one core): median {statistics.median(rates):.0f} articles/s "
          f"over {args.runs} runs (bar: 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
