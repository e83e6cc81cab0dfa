"""The shape bounds' quick pass (server/shape.py) lets through only texts the full scan would pass."""

from __future__ import annotations

import random

import pytest

from kg.errors import QueryError
from server import shape


def _scan_passes(text: str) -> bool:
    """The full scan's verdict."""
    code = shape._HIDDEN.sub(" ", text)
    depth = deepest = 0
    for match in shape._BRACKETS.finditer(code):
        depth += 1 if match.group() in "{([" else -1
        deepest = max(deepest, depth)
    return deepest <= shape.MAX_NESTING and sum(1 for _ in shape._OPERATORS.finditer(code)) <= shape.MAX_OPERATORS


def _passes(text: str) -> bool:
    try:
        shape.check_shape(text)
    except QueryError:
        return False
    return True


@pytest.mark.parametrize("text", [
    "{" * 501 + "}" * 501,
    "SELECT * {" + "{" * 499 + "}" * 499 + "}",
    "SELECT * {" + "{" * 500 + "}" * 500 + "}",
    "ASK { " + ". " * 10_001 + "}",
    'ASK { FILTER("' + "(" * 600 + '") }',
    "ASK { " + "?s ?p ?o UNION " * 3_000 + "}",
])
def test_server_shape_quick_pass_agrees_with_the_scan(text):
    assert _passes(text) == _scan_passes(text)


def test_server_shape_quick_pass_agrees_on_random_texts():
    rng = random.Random(7)
    alphabet = ["{", "}", "(", ")", "[", "]", ".", ";", '"', "'", "#", "\n", " ", "a", "<", ">", "union "]
    for _ in range(300):
        n = rng.choice([50, 600, 2_000, 12_000])
        text = "".join(rng.choice(alphabet) for _ in range(n))
        assert _passes(text) == _scan_passes(text), text[:80]
