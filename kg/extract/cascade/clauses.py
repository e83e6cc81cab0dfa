"""Layer 3: clauses. Who is the subject of each verb group, and where does its complement end?

Subjects are found leftwards past adverbials and dates ("Norway on Monday became"),
through relative pronouns to their antecedent ("Peru, which became ..."), past
appositions and asides ("Fiji, a member of X, has ..."), and across coordinated verb
phrases ("... belongs to X and is a founding member of Y"). Appositions after a
name are read as clauses of their own with that name as subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token

_CLAUSE_END = {".", ";", "?", "!", "—", "–", "(", ")", '"'}
_CLAUSE_END_WORDS = {"but", "while", "whereas", "although", "though", "because", "which", "who", "whose", "unless",
                     "if", "yet"}
_DATE_PREPS = {"on", "in", "at", "last", "this", "since", "from", "as", "of", "early", "late", "mid", "by", "until"}
_RELATIVE = {"which", "that", "who"}
_DASHES = {"-", "—", "–"}
_LIST_OPENERS = {"include", "including", "such", "namely", "notably", "among"}
_SUBJECT_KINDS = "SOP"


@dataclass
class Clause:
    vg: VerbGroup
    subject: int | None  # token index of the subject (an entity group)
    via: str  # direct | relative | apposition | coordination
    comp_start: int
    comp_end: int  # exclusive


def clauses(tokens: list[Token], vgs: list[VerbGroup], lex: Lexicon) -> list[Clause]:
    out: list[Clause] = []
    for n, vg in enumerate(vgs):
        subj, via = _subject(tokens, vg, lex, out)
        end = _complement_end(tokens, vg.end + 1, vgs[n + 1].start if n + 1 < len(vgs) else len(tokens))
        out.append(Clause(vg, subj, via, vg.end + 1, end))
    return out


def _subject(tokens: list[Token], vg: VerbGroup, lex: Lexicon, earlier: list[Clause]) -> tuple[int | None, str]:
    k = vg.start - 1
    while k >= 0:
        t = tokens[k]
        if t.kind in _SUBJECT_KINDS:
            return k, "direct"
        if t.kind == "D" or t.lemma == '"' or lex.is_adverb(t) or t.lemma in ("both", "all", "each", "together"):
            k -= 1
            continue
        if t.is_word and t.lemma in _DATE_PREPS and k + 1 < len(tokens) and tokens[k + 1].kind == "D":
            k -= 1
            continue
        if t.lemma in _RELATIVE:
            a = k - 1
            if a >= 0 and tokens[a].lemma == ",":
                a -= 1
            if a >= 0 and tokens[a].kind in _SUBJECT_KINDS:
                return a, "relative"
            return None, "none"
        if t.lemma == "," and k == vg.start - 1 and k >= 1 and tokens[k - 1].kind in _SUBJECT_KINDS \
                and "passive" in vg.features:
            return k - 1, "apposition"  # "Russia, expelled from the Council of Europe in 2022, ..."
        if t.lemma == ",":
            a = k - 1
            while a >= 0 and tokens[a].lemma not in (",", ";", ":", "(") and a > k - 25:
                a -= 1
            if a >= 1 and tokens[a].lemma == "," and tokens[a - 1].kind in _SUBJECT_KINDS:
                return a - 1, "apposition"
            if a >= 0 and tokens[a].lemma == "," and all(x.is_word and (lex.is_adverb(x) or x.lemma in lex.adverbs)
                                                          for x in tokens[a + 1:k]):
                k = a - 1  # ", however," ", for its part,"
                continue
            return None, "none"
        if t.lemma in _DASHES and k >= 2 and tokens[k - 1].kind == "S" and tokens[k - 2].lemma in _DASHES:
            return k - 1, "apposition"  # "Three of the suspended states - A, B and C - also left X"
        if t.lemma in ("and", "but", "or"):
            for c in reversed(earlier):
                if c.vg.end < k and c.subject is not None:
                    return c.subject, "coordination"
            return None, "none"
        return None, "none"
    return None, "none"


def _complement_end(tokens: list[Token], start: int, limit: int) -> int:
    k = start
    while k < limit:
        t = tokens[k]
        if t.lemma in _CLAUSE_END or (t.is_word and t.lemma in _CLAUSE_END_WORDS):
            return k
        if t.lemma == "," and not (k + 1 < len(tokens) and (tokens[k + 1].kind == "D"
                                                          or tokens[k + 1].lemma in _LIST_OPENERS)):
            return k
        if t.lemma == ":" and not (k + 1 < len(tokens) and tokens[k + 1].kind == "S"):
            return k
        k += 1
    return k


def appositions(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int, int]]:
    """(subject, start, end) for each ", NP," after a name that holds no verb of the lexicon."""
    out = []
    for k, t in enumerate(tokens[:-2]):
        if t.kind not in "SO" or tokens[k + 1].lemma != ",":
            continue
        a = k + 2
        if tokens[a].is_word and tokens[a].lemma in _RELATIVE | {"whose", "and", "or", "but"}:
            continue
        e = a
        while e < len(tokens) and tokens[e].lemma not in (",", ";", ".", "?", "!", "—", "–", "(", ")", ":"):
            e += 1
        if e > a:
            out.append((k, a, e))
    return out
