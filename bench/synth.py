"""A deterministic synthetic news corpus: the kinds of sentences the seeds hold, never twice the same.

Used by the benchmarks (bench_article_size.py, bench_build.py). The same seed gives
the same corpus byte for byte; every sentence carries a different number or name
mix, so no line is dropped as a repeat and the extractors read all of it.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

GAZ = Path(__file__).resolve().parent.parent / "kg" / "data" / "gazetteer"
CITIES = ["Belgrade", "Moscow", "Minsk", "Astana", "Yerevan", "Bishkek", "Dushanbe", "Brussels", "Geneva", "Vienna"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SURNAMES = ["Petrov", "Ivanova", "Markovic", "Horvat", "Kowalski", "Novak", "Schmidt", "Dubois", "Rossi", "Silva"]
GIVEN = ["Anna", "Boris", "Milan", "Elena", "Jan", "Sofia", "Marko", "Olga", "Pavel", "Irina"]
ROLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President"]


def _names(file: str) -> list[str]:
    with open(GAZ / file, encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [r["label"] for r in rows if r.get("label") and not r.get("ambiguous")]


STATES = _names("states.csv")[:120]
ORGS = ["CSTO", "NATO", "the Shanghai Cooperation Organisation", "the Council of Europe", "the United Nations",
        "the Eurasian Economic Union", "the Organization for Security and Co-operation in Europe"]


def sentence(rng: random.Random, i: int) -> str:
    s, s2, o = rng.choice(STATES), rng.choice(STATES), rng.choice(ORGS)
    year, day, month = rng.randint(1992, 2023), rng.randint(1, 28), rng.choice(MONTHS)
    person = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    kind = rng.randrange(8)
    if kind == 0:
        return f"{s} joined {o} in {year}."
    if kind == 1:
        return f"{s} has been an observer of {o} since {year}."
    if kind == 2:
        return f"{s} is a member of {o}, the minister said on {day} {month} {year}."
    if kind == 3:
        return f"{s} {rng.choice(ROLES)} {person} met officials of {s2} in {rng.choice(CITIES)} on {day} {month}."
    if kind == 4:
        return f"{s} is not a member of {o}, and has no plan to apply, according to report {i}."
    if kind == 5:
        return f"Leaders of {s} and {s2} will hold talks in {rng.choice(CITIES)} on {day} {month} {year}."
    if kind == 6:
        return f"Trade between {s} and {s2} grew by {rng.randint(1, 90)} per cent in {year}, figure {i} shows."
    return f"{person}, the {rng.choice(ROLES).lower()} of {s}, said cooperation with {o} would continue."


def article(rng: random.Random, words: int, start: int = 0) -> str:
    """Paragraphs of 3-5 sentences until about `words` words."""
    out, n, i = [], 0, start
    while n < words:
        para = " ".join(sentence(rng, i + k) for k in range(rng.randint(3, 5)))
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
        date = f"{rng.randint(2000, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"---\ntitle: Synthetic report {k}\ndate: {date}\npublisher: Bench Wire\n---\n"
        text += f"{rng.choice(CITIES).upper()}, {date} - " + article(rng, rng.randint(*words), start=k * 1000)
        (folder / f"synthetic_{k:06d}.txt").write_text(text, encoding="utf-8")
    return folder
