"""Token windows the event reader works in: a trigger's clause, its verb group, its negators.

Kept apart from the reader so each frame position (participants, place, date) reads the
same window: a clause ends at ';', 'but', 'which', 'who' and the like, and a negator only
denies a noun trigger within a few words of its own predicate.
"""

from __future__ import annotations

from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.phrases import VerbGroup, _features
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention
from kg.model import EntityRef

WINDOW_END = {";", "but", "while", "whereas", "although", "though", "which", "who", "whose", "because"}
NEGATORS = {"not", "n't", "never", "no"}
_NEG_REACH = 10  # tokens after a trigger noun within which a negator denies it


def refs(t: Token) -> list[EntityRef]:
    """The entities a token stands for (a person's mention, else its resolved references)."""
    if t.kind == "P" and t.mention is not None and isinstance(t.mention.value, EntityRef):
        return [t.mention.value]
    return [r for r in t.refs if isinstance(r, EntityRef)]


def verb_group(toks: list[Token], i: int, lex: Lexicon) -> VerbGroup:
    """The verb group around a trigger verb: auxiliaries, adverbs and negators before it, negators after."""
    start = i
    while start > 0 and toks[start - 1].is_word and (lex.is_aux(toks[start - 1])
                                                     or lex.is_adverb(toks[start - 1])
                                                     or toks[start - 1].lemma in lex.negators):
        start -= 1
    end = i
    while end + 1 < len(toks) and toks[end + 1].is_word and toks[end + 1].lemma in lex.negators:
        end += 1
    vg = VerbGroup(start, i, end, toks[i].lemma)
    _features(vg, toks, lex)
    if start > 0 and toks[start - 1].lemma == "to":
        vg.features.add("infinitive")
    return vg


def window_end(toks: list[Token], k: int) -> int:
    while k < len(toks):
        if toks[k].lemma in WINDOW_END:
            return k
        k += 1
    return k


def clause_start(toks: list[Token], k: int) -> int:
    for j in range(k - 1, -1, -1):
        if toks[j].lemma in WINDOW_END:
            return j + 1
    return 0


def negated_after(toks: list[Token], end: int, w_end: int) -> bool:
    """'The summit in Vientiane was not held': a negator in the noun's own predicate, a few words on; not one in
    a later clause after a colon or dash ('... the summit in more than a year: the four no longer agree')."""
    for t in toks[end:min(w_end, end + _NEG_REACH)]:
        if t.text in (":", "—", "–"):
            return False
        if t.is_word and t.lemma in NEGATORS:
            return True
    return False


def has_any(toks: list[Token], start: int, end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    lows = [t.text.lower() for t in toks[start:end]]
    return any(lows[k:k + len(p)] == list(p) for p in phrases for k in range(len(lows)))


def add_all(em: EventMention, new: list[EntityRef]) -> None:
    for r in new:
        if all(p.key != r.key or p.kind != r.kind for p in em.participants):
            em.participants.append(r)
