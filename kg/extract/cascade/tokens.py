"""Layer 1: tokens with lemmas and document offsets; every mention is one token.

spaCy's rule-based English tokenizer splits the text between mentions and the
lookup table of `spacy-lookups-data` gives lemmas, so nothing is downloaded and no
statistical model runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.dates import PartialDate
from kg.extract.tagging import Mention

#: symbols a mention kind is read as by the layers above
MENTION_SYMBOLS = {"S": "STATE", "A": "ADJ", "O": "ORG", "L": "PLACE", "P": "PERSON", "D": "DATE", "R": "ROLE",
                   "M": "MINISTRY"}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass
class Token:
    """A word, a punctuation mark or a whole mention (`kind` is "W", "X" or a mention kind)."""

    kind: str
    text: str
    lemma: str  # lower-case lemma for words and punctuation, a symbol (STATE, ORG, ...) for mentions
    start: int
    end: int
    mention: Mention | None = None
    refs: list[Any] = field(default_factory=list)  # the entities a (group) token stands for
    negated: bool = False  # "neither A nor B", "none of A, B or C"

    @property
    def is_word(self) -> bool:
        return self.kind == "W"


@cache
def _nlp():
    import spacy

    return spacy.blank("en")


@cache
def _lemmas():
    """English lemma lookup table (a spaCy `Table`, keyed by the word's hash)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


#: where the lookup table's lemma is wrong for news text ("as" is not the plural of "a")
_OVERRIDES = {"as": "as", "'s": "'s", "us": "us", "data": "data", "founding": "founding", "left": "leave",
              "media": "media", "news": "news", "was": "be", "is": "be", "has": "have", "its": "its", "found": "found", "founded": "found",
              # ordinals stay words (the table gives "first" -> "1"), as the word lists spell them
              **{w: w for w in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                                "tenth", "latest", "newest", "most")}}


@cache
def lemma(word: str) -> str:
    low = word.lower().translate(_APOSTROPHES)
    if low in _OVERRIDES:
        return _OVERRIDES[low]
    table = _lemmas()
    got = table.get(low)
    if got is None:
        got = table.get(word)
    if got is None and "-" in low[1:-1]:  # "re-joined" -> "re-join", "co-founded" -> "co-found"
        head, _, tail = low.rpartition("-")
        if head in ("re", "co", "pre", "un"):
            return f"{head}-{lemma(tail)}"
    return (got or low).lower()


def tokenize(doc_text: str, start: int, end: int, mentions: list[Mention]) -> list[Token]:
    """Tokens of doc_text[start:end]; mentions (non-overlapping, as tagged) are single tokens."""
    out: list[Token] = []
    pos = start
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            continue
        out.extend(_words(doc_text, pos, m.start))
        out.append(Token(m.kind, m.text, MENTION_SYMBOLS.get(m.kind, m.kind), m.start, m.end, m,
                         [m.value] if m.kind in "SOAL" else []))
        pos = m.end
    out.extend(_words(doc_text, pos, end))
    return _bare_years(_join_hyphens(out))


@dataclass(frozen=True)
class _Year:
    value: PartialDate


def _bare_years(toks: list[Token]) -> list[Token]:
    """"dates back to 1982": a year after a preposition is a date even where the date layer saw none."""
    for i, t in enumerate(toks):
        if t.is_word and i > 0 and toks[i - 1].lemma in ("to", "since", "in", "from") and _YEAR.fullmatch(t.text):
            m = Mention("D", t.start, t.end, t.text, _Year(PartialDate(int(t.text))))
            toks[i] = Token("D", t.text, "DATE", t.start, t.end, m)
    return toks


def _join_hyphens(toks: list[Token]) -> list[Token]:
    """"full-fledged", "would-be", "non-member": one word, as the word lists spell them."""
    out: list[Token] = []
    for t in toks:
        if out and t.is_word and len(out) >= 2 and out[-1].lemma in ("-", "‐") and out[-1].start == out[-2].end \
                and t.start == out[-1].end and out[-2].is_word:
            hyphen = out.pop()
            if out[-1].lemma == "member" or t.lemma == "neutral" and out[-1].lemma in ("military", "militarily"):
                out.append(t)  # "member-states" reads as "member states", "military-neutral" as "military neutral"
                continue
            prev = out.pop()
            text = prev.text + hyphen.text + t.text
            out.append(Token("W", text, lemma(text), prev.start, t.end))
            continue
        out.append(t)
    return out


def _words(doc_text: str, start: int, end: int) -> list[Token]:
    if start >= end:
        return []
    out = []
    for t in _nlp().tokenizer(doc_text[start:end]):
        if t.is_space:
            continue
        text = t.text
        s = start + t.idx
        low = text.lower().translate(_APOSTROPHES)
        if low == "'s" or (low == "'" and s > 0 and doc_text[s - 1] in "sS"):  # possessive: "Belarus'"
            out.append(Token("W", text, "'s", s, s + len(text)))
            continue
        kind = "X" if t.is_punct else "W"
        out.append(Token(kind, text, low if kind == "X" else lemma(text), s, s + len(text)))
    return out
