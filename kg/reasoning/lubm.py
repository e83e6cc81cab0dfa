"""LUBM(1) anchor: locate the shared data, run the 14 queries on a materialization, compare counts.

Used by bench/bench_reason.py and tests/test_lubm.py. Queries run on Oxigraph (fast SPARQL);
the triples are handed over as one N-Triples document.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, URIRef

#: ../shared/anchors/lubm relative to the repository root.
LUBM_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "anchors" / "lubm"


def available(directory: Path = LUBM_DIR) -> bool:
    return (directory / "lubm1_u0_seed0.nt").is_file() and (directory / "univ-bench.ttl").is_file()


def reference_counts(directory: Path = LUBM_DIR) -> dict[str, int]:
    with (directory / "answer_counts.csv").open(encoding="utf-8") as f:
        return {row["query"]: int(row["lubm1_reference_rows"]) for row in csv.DictReader(f)}


def queries(directory: Path = LUBM_DIR) -> dict[str, str]:
    return {f"q{i}": (directory / "queries" / f"q{i}.rq").read_text(encoding="utf-8") for i in range(1, 15)}


def store_of(triples) -> ox.Store:
    """An Oxigraph store of the triples (generalized triples, e.g. owlrl's literal subjects, skipped)."""
    valid = (t for t in triples if isinstance(t[0], URIRef | BNode) and isinstance(t[1], URIRef))
    data = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in valid)
    store = ox.Store()
    store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def answer_counts(triples, directory: Path = LUBM_DIR) -> dict[str, int]:
    """Row count of each of the 14 queries over `triples`."""
    store = store_of(triples)
    return {name: sum(1 for _ in store.query(text)) for name, text in queries(directory).items()}


def correct(counts: dict[str, int], directory: Path = LUBM_DIR) -> list[str]:
    """Names of the queries whose count matches the reference."""
    ref = reference_counts(directory)
    return [q for q in ref if counts.get(q) == ref[q]]
