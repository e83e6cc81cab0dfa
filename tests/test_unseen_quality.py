"""Held-out articles written and annotated before the extractors ran on them (tests/data/unseen).

The bar of the extraction issue: precision ≥ 0.85 and no forbidden fact on articles
the rules were not written for. Recall is pinned too, so it cannot silently fall.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate
from kg.pipeline import build

UNSEEN = Path(__file__).parent / "data" / "unseen"
UNSEEN2 = Path(__file__).parent / "data" / "unseen2"


@pytest.fixture(scope="module")
def unseen_score():
    gold = json.loads((UNSEEN / "gold.json").read_text(encoding="utf-8"))
    result = build(UNSEEN / "corpus", reason=False)
    return evaluate(result.dataset, gold)


def test_unseen_precision_meets_the_bar(unseen_score):
    assert unseen_score.micro.precision >= 0.90, unseen_score.as_dict()


def test_unseen_no_forbidden_fact(unseen_score):
    assert unseen_score.must_not_found == []


def test_unseen_membership_precision_is_perfect(unseen_score):
    assert unseen_score.kinds["membership"].precision == 1.0


def test_unseen_recall_does_not_regress(unseen_score):
    assert unseen_score.micro.recall >= 0.55, unseen_score.as_dict()


@pytest.fixture(scope="module")
def unseen2_score():
    """The second held-out set (tests/data/unseen2): blind at first, a development set since (see its README)."""
    gold = json.loads((UNSEEN2 / "gold.json").read_text(encoding="utf-8"))
    return evaluate(build(UNSEEN2 / "corpus", reason=False).dataset, gold)


def test_unseen2_memberships_are_right_and_nothing_forbidden(unseen2_score):
    assert unseen2_score.must_not_found == []
    assert unseen2_score.kinds["membership"].precision == 1.0
    assert unseen2_score.micro.precision >= 0.80, unseen2_score.as_dict()
    assert unseen2_score.micro.recall >= 0.30, unseen2_score.as_dict()


@pytest.mark.parametrize("name, precision, recall, neutral", [
    # development sets whose errors were read (their READMEs say so): pinned so a rule that
    # breaks other text fails here, at a little under what they measure now
    ("blind3", 0.98, 0.85, 0.90),
    ("dev4", 0.97, 0.81, 0.85),
    ("blind4", 0.93, 0.71, 0.95),
    ("blind5", 0.92, 0.70, 0.80),
    ("blind6", 0.96, 0.71, 0.70),
])
def test_development_sets_do_not_regress(name, precision, recall, neutral):
    root = Path(__file__).parent / "data" / name
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    score = evaluate(build(root / "corpus", reason=False).dataset, gold)
    membership = score.kinds["membership"]
    assert membership.precision >= precision and membership.recall >= recall, score.as_dict()
    assert score.kinds["neutral"].recall >= neutral, score.as_dict()
