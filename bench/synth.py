"""A deterministic synthetic news corpus: the kinds of sentences the seeds hold, never twice the same.

Used by the benchmarks (bench_article_size.py, bench_build.py, bench_questions.py). The same
seed gives the same corpus byte for byte; every sentence carries a different number or name
mix, so no line is dropped as a repeat and the extractors read all of it.

Articles report one fixed world (`World`, the same for every corpus size), as news does: a
state joins an organization once, in one year, and every article that says so gives that year
(one report in ten is a year off, so dated variants exist); only members are called members,
only non-members non-members; each state's Foreign Minister etc. is one person per four-year
term, named in the articles dated in that term. A larger corpus therefore has more reports of
the same facts, not more facts: what the statements graph (issue 15) counts once. Serbia and
the CSTO's Secretaries General are in the world (Serbia an observer of the CSTO and, with three
other states, militarily neutral), so the competency questions about them find answers.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

GAZ = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer"
CITIES = ["Belgrade", "Moscow", "Minsk", "Astana", "Yerevan", "Bishkek", "Dushanbe", "Brussels", "Geneva", "Vienna"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
GIVEN = ["Anna", "Boris", "Milan", "Elena", "Jan", "Sofia", "Marko", "Olga", "Pavel", "Irina", "Ivan", "Maria",
         "Petar", "Nina", "Karl", "Vera", "Tomas", "Lidia", "Oleg", "Daria"]
#: surnames are a stem and an ending: 16 x 10 x 20 given names leave room for every official of the world
STEMS = ["Bel", "Dor", "Kar", "Lin", "Mor", "Nov", "Pet", "Sor", "Tam", "Vel", "Zar", "Hal", "Ost", "Ran", "Dub",
         "Kov"]
ENDINGS = ["ov", "ova", "ic", "enko", "sky", "ani", "escu", "berg", "sen", "ides"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President"]
FIRST_YEAR, LAST_YEAR, TERM = 2000, 2023, 4  #: article dates; an official serves one term of TERM years


def _names(file: str) -> list[str]:
    with open(GAZ / file, encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [r["label"] for r in rows if r.get("label") and not r.get("ambiguous")]


STATES = _names("states.csv")[:120] + ["Serbia"]
NEUTRAL = ["Serbia", "Austria", "Ireland", "Malta"]
ORGS = ["CSTO", "NATO", "the Shanghai Cooperation Organisation", "the Council of Europe", "the United Nations",
        "the Eurasian Economic Union", "the Organization for Security and Co-operation in Europe"]


@dataclass(frozen=True)
class World:
    """What every article agrees on: memberships with their year, observers, officials per term."""

    members: dict[str, dict[str, int]]  #: organization -> member state -> year it joined
    observers: dict[str, dict[str, int]]  #: organization -> observer state -> year since
    outsiders: dict[str, list[str]]  #: organization -> states that are neither
    officials: dict[tuple[str, str, int], str]  #: (state or organization, role, term start) -> name

    @classmethod
    def make(cls, seed: int = 15) -> World:
        rng = random.Random(seed)
        members, observers, outsiders = {}, {}, {}
        for org in ORGS:
            states = STATES[:]
            rng.shuffle(states)
            k = len(states) // 4
            members[org] = {s: rng.randint(1992, 2020) for s in states[:k]}
            observers[org] = {s: rng.randint(1995, 2020) for s in states[k:k + 5]}
            outsiders[org] = sorted(states[k + 5:])
        for state in NEUTRAL:  # neutral states stay out of the military alliances
            for org in ("CSTO", "NATO"):
                if members[org].pop(state, None) is not None or observers[org].pop(state, None) is not None:
                    outsiders[org] = sorted(set(outsiders[org]) | {state})
        outsiders["CSTO"].remove("Serbia")
        observers["CSTO"]["Serbia"] = 2013  # as in the seed articles: an observer (of its Parliamentary Assembly)
        names = [f"{g} {s}{e}" for g in GIVEN for s in STEMS for e in ENDINGS]
        rng.shuffle(names)
        terms = range(FIRST_YEAR, LAST_YEAR + 1, TERM)
        seats = [(s, r, t) for s in STATES for r in ROLES for t in terms]
        seats += [("CSTO", "Secretary General", t) for t in terms]
        assert len(seats) <= len(names), "not enough distinct names for the officials"
        return cls(members, observers, outsiders, dict(zip(seats, names, strict=False)))

    def official(self, holder_of: str, role: str, year: int) -> str:
        return self.officials[(holder_of, role, FIRST_YEAR + (year - FIRST_YEAR) // TERM * TERM)]


WORLD = World.make()


def sentence(rng: random.Random, i: int, year_now: int = 2016, world: World = WORLD) -> str:
    """One sentence about the world, as an article published in `year_now` would put it."""
    s, s2, o = rng.choice(STATES), rng.choice(STATES), rng.choice(ORGS)
    year, day, month = rng.randint(1992, 2023), rng.randint(1, 28), rng.choice(MONTHS)
    role = rng.choice(ROLES)
    person = world.official(s, role, year_now)
    kind = rng.randrange(8)
    if kind == 0:
        s = rng.choice(sorted(world.members[o]))
        joined = world.members[o][s] + (rng.choice((-1, 1)) if rng.random() < 0.1 else 0)
        return f"{s} joined {o} in {joined}."
    if kind == 1:
        s = rng.choice(sorted(world.observers[o]))
        return f"{s} has been an observer of {o} since {world.observers[o][s]}."
    if kind == 2:
        s = rng.choice(sorted(world.members[o]))
        return f"{s} is a member of {o}, the minister said on {day} {month} {year}."
    if kind == 3:
        person = world.official(s, role, year_now)
        if rng.random() < 0.25:
            sg = world.official("CSTO", "Secretary General", year_now)
            return f"CSTO Secretary General {sg} met with {s} {role} {person} in {rng.choice(CITIES)} on {day} {month}."
        return f"{s} {role} {person} met officials of {s2} in {rng.choice(CITIES)} on {day} {month}."
    if kind == 4:
        if rng.random() < 0.2:
            return f"{rng.choice(NEUTRAL)} is a militarily neutral country, the minister said on {day} {month} {year}."
        s = rng.choice(world.outsiders[o])
        return f"{s} is not a member of {o}, and has no plan to apply, according to report {i}."
    if kind == 5:
        return f"Leaders of {s} and {s2} will hold talks in {rng.choice(CITIES)} on {day} {month} {year}."
    if kind == 6:
        return f"Trade between {s} and {s2} grew by {rng.randint(1, 90)} per cent in {year}, figure {i} shows."
    return f"{person}, the {role.lower()} of {s}, said cooperation with {o} would continue."


def article(rng: random.Random, words: int, start: int = 0, year_now: int = 2016) -> str:
    """Paragraphs of 3-5 sentences until about `words` words."""
    out, n, i = [], 0, start
    while n < words:
        para = " ".join(sentence(rng, i + k, year_now) for k in range(rng.randint(3, 5)))
        i += 5
        n += len(para.split())
        out.append(para)
    return "\n\n".join(out) + "\n"


def long_article(n_bytes: int, seed: int = 0) -> str:
    """One article of about `n_bytes` (UTF-8) bytes, with a dateline."""
    rng = random.Random(seed)
    head = "BELGRADE, 5 April 2016 - "
    parts, size, i = [head], len(head), 0
    while size < n_bytes:
        chunk = article(rng, 2000, start=i)
        i += 2000
        parts.append(chunk)
        size += len(chunk.encode("utf-8")) + 1
    return "\n".join(parts)[:n_bytes]


def corpus(folder: Path, n: int, seed: int = 0, words: tuple[int, int] = (200, 600)) -> Path:
    """`n` articles of `words` words each (uniform), with front matter dates, into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"---\ntitle: Synthetic report {k}\ndate: {date}\npublisher: Bench Wire\n---\n"
        text += f"{rng.choice(CITIES).upper()}, {date} - " + article(rng, rng.randint(*words), k * 1000, year)
        (folder / f"synthetic_{k:06d}.txt").write_text(text, encoding="utf-8")
    return folder
