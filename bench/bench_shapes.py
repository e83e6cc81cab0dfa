"""Benchmark: SHACL validation of article graphs, compiled checks against pySHACL, in the same run.

The graphs of a deterministic synthetic corpus (bench/synth.py) are built once; then
each engine validates all of them, --runs times, alternating. Prints the median
milliseconds per article of each engine, their ratio, and whether they agreed on
every article (the same violations).

    .venv/bin/python bench/bench_shapes.py [--articles 100] [--runs 3]
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

from kg.build.document import metadata_of  # noqa: E402
from kg.corpus import read_corpus  # noqa: E402
from kg.extract.document import extract_document  # noqa: E402
from kg.gazetteer import Gazetteer  # noqa: E402
from kg.graph.rdf import document_graph  # noqa: E402
from kg.graph.shapes import validate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = read_corpus(synth.corpus(Path(tmp) / "c", args.articles, seed=args.articles))
    graphs = []
    for a in corpus.articles:
        facts = extract_document(a.stem, a.text, a.content_spans(), a.date, gazetteer)
        graphs.append(document_graph(a.stem, facts.facts, metadata_of(a), facts.entities.values()))
    times: dict[str, list[float]] = {"compiled": [], "pyshacl": []}
    results: dict[str, list] = {}
    validate(graphs[0]), validate(graphs[0], engine="pyshacl")  # load shapes and ontology outside the timing
    for _ in range(args.runs):
        for engine in times:
            t = time.perf_counter()
            results[engine] = [sorted(map(str, validate(g, engine=engine).violations)) for g in graphs]
            times[engine].append((time.perf_counter() - t) / len(graphs) * 1000)
    c, p = statistics.median(times["compiled"]), statistics.median(times["pyshacl"])
    triples = statistics.median(len(g) for g in graphs)
    print(f"{len(graphs)} article graphs (median {triples:.0f} triples), median of {args.runs} runs:")
    print(f"  compiled {c:8.2f} ms/article")
    print(f"  pySHACL  {p:8.2f} ms/article   ({p / c:.0f}x the compiled checks)")
    print(f"  same violations on every article: {results['compiled'] == results['pyshacl']}")


if __name__ == "__main__":
    main()
