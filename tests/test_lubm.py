"""LUBM(1): the default engine's materialization answers the 14 queries with the reference counts."""

from __future__ import annotations

import pytest

from kg.reasoning import lubm
from kg.reasoning.materialize import materialize

pytestmark = pytest.mark.skipif(not lubm.available(), reason="../shared/anchors/lubm is absent")


def test_lubm_default_engine_gives_reference_counts_for_all_14_queries():
    d = lubm.LUBM_DIR
    result = materialize(d / "univ-bench.ttl", [d / "lubm1_u0_seed0.nt"])
    counts = lubm.answer_counts(result.triples)
    assert counts == lubm.reference_counts()
