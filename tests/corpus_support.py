"""The corpus the tests read: the checkout's corpus/, or the folder in $AKG_CORPUS (`make test CORPUS=DIR`).

The README invites adding articles to corpus/, so no test may assume it holds exactly the five seeds;
`make test CORPUS=DIR` runs the suite on another copy (tests/test_corpus_six.py: the seeds plus one).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("AKG_CORPUS") or ROOT / "corpus").resolve()

#: the five seed articles, whose facts tests/data/gold/seed-gold.json lists and the README's outputs show
SEED_STEMS = frozenset({"000_30b86da1aa736978", "001_21f842e8bf764d39", "002_669bd5540130527a",
                        "003_939ed7b195b97517", "004_6b319de293d910cb"})


def seeds_only() -> bool:
    """Whether CORPUS holds just the seeds (then outputs printed in the README must match exactly)."""
    return {p.stem for p in CORPUS.glob("*.txt")} == SEED_STEMS
