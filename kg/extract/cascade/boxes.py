"""Fact boxes: timeline lines under a heading about members ("At a glance: EU enlargement").

News pages set facts apart from the prose: "1995 – Austria, Finland, Sweden" or
"• Montenegro — 2017" under a heading such as "KEY FACTS: NATO ENLARGEMENT SINCE 2017".
Such a line has no verb; it says that the states joined the organization of the heading (or
of the article) at that date. A line of that shape anywhere else ("2008 – Georgia" in a
timeline of wars) says nothing about membership, so the line must follow such a heading or
another such line.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.dates import PartialDate
from kg.extract.cascade.tokens import Token
from kg.model import EntityRef

#: words of a heading that announces a box of members and the dates they joined
_HEADING_WORDS = {"enlargement", "expansion", "accession", "member", "membership", "join", "wave", "waves",
                  "newcomer", "founding"}
_DASHES = {"–", "—", "-", ":"}
_BULLETS = {"*", "•", "-", "–", "—"}


@dataclass
class TimelineBox:
    """Reads timeline lines; remembers whether the line before opened (or continued) such a box."""

    open_org: EntityRef | None = None  # the organization of the box being read, None outside a box

    def line(self, toks: list[Token], has_verb: bool, context: EntityRef | None) -> tuple[list[Token], object] | None:
        """(the states' tokens, the date token's value) when `toks` is a timeline line inside a box."""
        words = list(toks)
        while words and words[0].lemma in _BULLETS:
            words = words[1:]
        while words and words[-1].lemma in (".", ";"):
            words = words[:-1]
        got = None
        if len(words) >= 3 and words[1].lemma in _DASHES:
            a, b = words[0], words[2]
            if _year(a) is not None and b.kind == "S":
                got = (b, _year(a), words[3:])
            elif a.kind == "S" and _year(b) is not None and len(words) == 3:
                got = (a, _year(b), words[3:])
        if got is not None and self.open_org is not None and not any(t.kind in "ODL" for t in got[2]) \
                and not any(t.lemma in ("not", "never", "no") for t in got[2]):
            states, date, rest = got  # "1958 – Belgium, France, West Germany, Italy": a name unknown breaks the list
            return [states, *(t for t in rest if t.kind == "S")], date
        self._heading(words, has_verb, context)
        return None

    def _heading(self, words: list[Token], has_verb: bool, context: EntityRef | None) -> None:
        named = {r.key: r for t in words if t.kind == "O" for r in t.refs}
        if not has_verb and any(t.is_word and t.lemma in _HEADING_WORDS for t in words) and len(words) <= 10:
            self.open_org = next(iter(named.values())) if len(named) == 1 else context
        else:
            self.open_org = None


def _year(t: Token) -> PartialDate | None:
    """A date token, or a bare year ("1995 – Austria, Finland, Sweden": a year alone is not tagged as a date)."""
    if t.kind == "D" and t.mention is not None:
        return t.mention.value.value
    if t.is_word and len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20"):
        return PartialDate.parse(t.text)
    return None
