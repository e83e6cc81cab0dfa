"""The synthetic corpus of the benchmarks (bench/synth.py) reports one world, so more articles are more
reports of the same facts, not more facts (issue 15: what the statements graph counts once)."""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import synth  # noqa: E402

JOINED = re.compile(r"([A-Z][\w ]+?) joined (CSTO) in (\d{4})\.")
POST = re.compile(r"(?:^|\. )([A-Z][\w ]+?) (Foreign Minister|Defence Minister|Prime Minister|President) (\w+ \w+) met",
                  re.MULTILINE)


def _text(n: int, seed: int, tmp_path: Path) -> str:
    folder = synth.corpus(tmp_path / f"c{n}", n, seed=seed, words=(150, 150))
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))


def test_the_same_seed_gives_the_same_corpus(tmp_path):
    assert _text(5, 7, tmp_path / "a") == _text(5, 7, tmp_path / "b")


def test_a_member_is_reported_with_its_one_joining_year_or_a_year_off(tmp_path):
    text = _text(120, 1, tmp_path)
    years = {s: synth.WORLD.members["CSTO"][s] for s, _, _ in JOINED.findall(text)}
    reports = [(s, int(y)) for s, _, y in JOINED.findall(text)]
    assert len(reports) > len(years) > 3  # the same members again and again
    assert all(abs(y - years[s]) <= 1 for s, y in reports)
    assert Counter(y == years[s] for s, y in reports)[True] > 0.7 * len(reports)


def test_a_state_has_one_official_per_role_and_term(tmp_path):
    folder = synth.corpus(tmp_path / "c", 60, seed=60, words=(150, 150))
    seen = 0
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        year = int(re.search(r"^date: (\d{4})", text, re.MULTILINE).group(1))
        for state, role, name in POST.findall(text.split("---\n", 2)[2]):
            assert name == synth.WORLD.official(state.split(" - ")[-1], role, year), (path.name, state, role)
            seen += 1
    assert seen > 30


def test_every_seat_has_its_own_official():
    assert len(set(synth.WORLD.officials.values())) == len(synth.WORLD.officials)
    assert "Serbia" in synth.STATES and synth.WORLD.observers["CSTO"]["Serbia"] == 2013
    assert not set(synth.NEUTRAL) & (set(synth.WORLD.members["CSTO"]) | set(synth.WORLD.members["NATO"]))


def test_a_sentence_draws_from_the_random_generator_only():
    assert synth.sentence(random.Random(3), 0) == synth.sentence(random.Random(3), 0)
