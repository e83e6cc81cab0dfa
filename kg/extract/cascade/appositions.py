"""Appositions: ", NP," after a name (also between brackets or dashes, or fronted before it), whose noun
phrase the frames read as a status of that name ("Malta, a small neutral EU member, ...")."""

from __future__ import annotations

from kg.extract.cascade.clauses import _BULLETS, _RELATIVE
from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.tokens import Token

#: an aside between brackets or dashes, and what closes it
_ASIDE_OPENERS = {"(": ")", "—": "—", "–": "–"}


def _apposition_end(tokens: list[Token], a: int) -> int:
    e = a
    while e < len(tokens) and tokens[e].lemma not in (",", ";", ".", "?", "!", "—", "–", "(", ")", ":") \
            and not (e > a and tokens[e].lemma in _RELATIVE | {"whose"}):
        e += 1  # "an ASEAN member whose government ...": the apposition ends where its relative clause begins
    return e


def appositions(tokens: list[Token], lex: Lexicon) -> list[tuple[int, int, int]]:
    """(subject, start, end) for each ", NP," after a name that holds no verb of the lexicon."""
    out = []
    for k, t in enumerate(tokens[:-2]):
        line_label = tokens[k + 1].lemma == ":" and all(x.lemma in _BULLETS for x in tokens[:k])
        opener = tokens[k + 1].lemma
        if t.kind not in "SO" or (opener != "," and opener not in _ASIDE_OPENERS and not line_label):
            continue  # ", NP," after a name, or a fact-box line "Egypt, Iran: members since 1 January 2024"
        a = k + 2
        if tokens[a].is_word and tokens[a].lemma in _RELATIVE | {"whose", "and", "or", "but"}:
            continue
        e = _apposition_end(tokens, a)
        if opener in _ASIDE_OPENERS and not (e < len(tokens) and tokens[e].lemma == _ASIDE_OPENERS[opener]
                                             or opener != "(" and (e == len(tokens) or tokens[e].lemma == ".")):
            continue  # "Kyrgyzstan (ECOWAS member since 1958) raised ...", "Vietnam — an AU member — reported ..."
        if e < len(tokens) and tokens[e].lemma == "," and e - a <= 2 and tokens[a].lemma in ("a", "an") \
                and e + 1 < len(tokens) and tokens[e + 1].is_word and tokens[e + 1].text.islower():
            e = _apposition_end(tokens, e + 1)  # "Malta, a small, neutral EU member, ...": two adjectives
        if e > a:
            out.append((k, a, e))
    # a fronted apposition: "A member of the Commonwealth since 1960, Nigeria hosted the summit."
    comma = next((i for i, t in enumerate(tokens) if t.lemma == ","), None)
    if comma is not None and comma + 1 < len(tokens) and tokens[comma + 1].kind == "S" and comma > 1 \
            and tokens[0].is_word and tokens[0].lemma in ("a", "an", "one", "the") \
            and not any(t.kind in "SO" and t.refs and i < comma and t.kind == "S" for i, t in enumerate(tokens)):
        out.append((comma + 1, 0, comma))
    return out
