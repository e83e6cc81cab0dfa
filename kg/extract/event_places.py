"""Where an event is: 'in'/'at' after its trigger, 'hosted by X', a place before it, the dateline, or the host
of a summit to come.

A capital the discourse layer read as its state still counts as a place (the sentence's own
place mentions are passed in), and "in Samoa's capital" is the capital itself.
"""

from __future__ import annotations

from kg.extract.cascade.tokens import Token
from kg.extract.event_span import WINDOW_END
from kg.model import EntityRef

_PLACE_NOUNS = {"city", "town", "port", "resort", "capital", "village", "region", "province", "island"}

_TRAVEL = {"fly", "travel", "go", "come", "head", "arrive", "return"}
#: words after a state that still leave it the place ("met in Serbia on Monday", "in Serbia and Montenegro")
_AFTER_PLACE = {"on", "in", "at", "for", "and", "to", "with", "from", "last", "this", "next", "before", "after",
                "during", "since", "until", "earlier", "later", "today", "yesterday", "when", "where", "as", "amid"}


def _modifier(toks: list[Token], q: int) -> bool:
    """'in the US president's home town': the state modifies a noun after it; it is not the place."""
    nxt = toks[q + 1] if q + 1 < len(toks) else None
    return nxt is not None and (nxt.kind == "R" or nxt.is_word and nxt.text.islower() and nxt.lemma not in _AFTER_PLACE)


class PlaceReader:
    """Places of one sentence's events; `places` maps a token start to the sentence's place mention."""

    def __init__(self, capitals: dict[str, EntityRef], places: dict | None = None) -> None:
        self.capitals = capitals  # state key -> its capital
        self.places = places or {}

    def place_of(self, t: Token) -> EntityRef | None:
        """The place a token names, also when the discourse layer read a capital as its state."""
        m = t.mention if t.mention is not None else self.places.get(t.start)
        if m is not None and m.kind == "L" and isinstance(m.value, EntityRef):
            return m.value
        return None

    def place(self, toks: list[Token], c_start: int, start: int, end: int, w_end: int) -> EntityRef | None:
        for j in range(end, w_end):
            t = toks[j]
            if t.is_word and (t.lemma in ("in", "at") or t.lemma == "for" and j > 0
                              and toks[j - 1].lemma in ("set", "plan", "schedule", "slate")):  # "set for Kuala Lumpur"
                reach = 5
                if any(toks[x].lemma in _PLACE_NOUNS and toks[x + 1].lemma == "of" for x in range(j + 1, min(j + 5, w_end - 1))):
                    reach = 9  # "in the northern port city of Tianjin"
                for q in range(j + 1, min(j + reach, w_end)):
                    u = toks[q]
                    if self.place_of(u) is not None:
                        return self.place_of(u)
                    if u.kind == "S" and len(u.refs) == 1 and q + 2 < len(toks) and toks[q + 1].text in ("'s", "’s") \
                            and toks[q + 2].lemma == "capital" and u.refs[0].key in self.capitals:
                        return self.capitals[u.refs[0].key]  # "in Samoa's capital": Apia
                    if u.kind == "S" and q == j + 1 and len(u.refs) == 1 and j - end <= 4 and not _modifier(toks, q):
                        return u.refs[0]
                    if not (u.is_word and (u.text.islower() or u.lemma == "the")):
                        break
            if t.is_word and t.lemma == "host" and j + 2 < w_end and toks[j + 1].lemma == "by" \
                    and toks[j + 2].kind in "LS" and len(toks[j + 2].refs) == 1:
                return toks[j + 2].refs[0]
        for j in range(start - 1, c_start - 1, -1):
            p = j - 2 if j >= 2 and toks[j - 1].lemma == "the" else j - 1
            if self.place_of(toks[j]) is not None and p >= 0 and (toks[p].lemma in ("in", "at") or toks[p].lemma == "to"
                                                                  and p > 0 and toks[p - 1].lemma in _TRAVEL):
                return self.place_of(toks[j])  # "flew to the Uruguayan capital for ... a Mercosur summit"
        return self.dateline(toks, start)

    def host_place(self, toks: list[Token], subj: int | None, vg_start: int) -> EntityRef | None:
        """Where a hosted summit is when no place follows: the host city ("Montevideo would host the next
        summit"), else the host state ("Brazil will host next year's summit", "Saint Vincent and the Grenadines,
        whose prime minister will host the next summit")."""
        if subj is None:
            whose = next((j for j in range(vg_start - 1, max(-1, vg_start - 6), -1) if toks[j].lemma == "whose"), None)
            if whose is not None and whose >= 2 and toks[whose - 1].lemma == "," and toks[whose - 2].kind == "S":
                subj = whose - 2
        if subj is None:
            return None
        place = self.place_of(toks[subj])
        if place is None and toks[subj].kind == "S" and len(toks[subj].refs) == 1:
            place = toks[subj].refs[0]
        return place

    def relative_host(self, toks: list[Token], start: int, end: int) -> EntityRef | None:
        """'the next summit, which Lima is due to host': the subject of 'host' in the relative clause."""
        if start >= end or not (toks[start].kind in "SL" or self.place_of(toks[start]) is not None):
            return None
        if not any(t.is_word and t.lemma == "host" for t in toks[start + 1:min(end, start + 6)]):
            return None
        place = self.place_of(toks[start])
        return place if place is not None else (toks[start].refs[0] if len(toks[start].refs) == 1 else None)

    def dateline(self, toks: list[Token], start: int) -> EntityRef | None:
        """The dateline of a lead sentence ("MOSCOW — Leaders met in the Kremlin"): where the event is,
        unless a place is named; only for a trigger in the sentence's first clause."""
        k = 0
        while k < min(start, 4) and toks[k].text.isupper() and self.place_of(toks[k]) is None:
            k += 1
        if k >= start or self.place_of(toks[k]) is None or not toks[k].text.isupper():
            return None
        if not any(t.text in ("—", "–", "-", ",", "(") for t in toks[k + 1:k + 3]):
            return None
        if any(t.lemma in WINDOW_END or t.text == ";" for t in toks[k + 1:start]):
            return None
        return self.place_of(toks[k])
