"""What the frame readers share: one reading (`Found`), the complement as a symbol string, captures.

Patterns (kg/extract/cascade/lexicon.py) are regular expressions over a string of symbols, one
per token ("STATES#3 be a member of ORG#7"); these helpers build that string and map a match
back to its tokens, and decide what a whole sentence's readings say together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import PartialDate
from kg.extract.cascade.clauses import Clause
from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token
from kg.model import EntityRef

_FOLLOW_OK = {"as", "in", "on", "at", "since", "from", "to", "with", "after", "before", "over", "amid", "last",
              "this", "and", "but", "or", "for", "when", "because", "following", "earlier", "later", "back",
              "along", "together", "alongside", "under", "during", "by", "into", "itself", "through", "again",
              "only", "just", "formally", "officially", "rather", "instead", "despite", "without", "while",
              "whereas", "even", "shortly", "soon", "effective", "until", "upon", "within", "ahead"}
_TIME_NOUNS = {"day", "week", "month", "year", "decade", "few"}


@dataclass
class Found:
    """One reading: a status (or Neutral, or a non-membership) with its arguments and rule."""

    status: str
    members: list[EntityRef]
    org: EntityRef | None
    rule: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    negative: bool = False


def comes_back(rule: str) -> bool:
    """A rule that reads a return after a leaving: rejoin, readmit, return ("member.rejoin",
    "former.leave.returning"). Such a membership outlives the leaving, wherever each is stated."""
    return any(part.startswith(("return", "rejoin", "readmit")) for part in rule.split(".")[1:])


def rejoined(f: Found, found: list[Found], gone: dict) -> bool:
    """"Gabon, which had left in the 1990s, rejoined in 2016": a later joining in the same sentence wins."""
    if comes_back(f.rule) and f.org is not None:
        # "Morocco rejoined the AU, which it had left in 1984": coming back is after the leaving, whatever the order
        return any(g.status == "Former" and g.org is not None and g.org.key == f.org.key
                   and (g.end is None or f.start is None or g.end <= f.start) for g in found)
    if not f.rule.startswith(("member.join", "member.admitted")) or f.start is None:
        return False
    index = found.index(f)
    return any(g.status == "Former" and found.index(g) < index and g.org is not None and f.org is not None
               and g.org.key == f.org.key and (g.end is None or g.end < f.start) for g in found)


def will_stay(status: str, vg: VerbGroup, toks: list[Token], lex: Lexicon) -> bool:
    """"will remain / stay militarily neutral", "will remain in the Andean Community": a future of continuing
    says the status holds now (for neutrality, with a word of standing neutrality)."""
    words = {t.text.lower() for t in toks[vg.start:vg.head]}
    if toks[vg.head].lemma not in ("remain", "stay") or not words & {"will", "shall"} \
            or words & {"not", "no", "never"} or "neg" in vg.features:
        return False
    if status != "Neutral":
        return status in ("FullMember", "Observer", "Partner")
    return any(t.lemma in lex.classes.get("NEUTRAL_MOD", ()) and t.lemma not in (",", "and")
               for t in toks[vg.head + 1:vg.head + 5])


def former_wins(found: list[Found]) -> list[Found]:
    """"Angola, an OPEC member since 2007, left on 1 January 2024": the leaving is what the sentence says now."""
    gone = {(m.key, f.org.key): f.end for f in found if f.status == "Former" and f.org is not None for m in f.members}
    out = []
    for f in found:
        if f.status == "FullMember" and f.org is not None and not f.negative:
            # ... unless the membership began after the leaving ("quit in 2004, came back in 2008")
            kept = [m for m in f.members if (m.key, f.org.key) not in gone
                    or (f.start is not None and gone[(m.key, f.org.key)] is not None
                        and f.start > gone[(m.key, f.org.key)]) or rejoined(f, found, gone)]
            if not kept:
                continue
            f = Found(f.status, kept, f.org, f.rule, f.start, f.end, f.negative)
        out.append(f)
    return out


def is_question(toks: list[Token], lex: Lexicon | None = None) -> bool:
    """Ends with "?", or opens with an inverted auxiliary or modal before its subject, as headlines ask without
    a question mark ("Will Serbia join BRICS", "Is Austria still neutral")."""
    for t in reversed(toks):
        if t.lemma in ('"', "'", ")"):
            continue
        if t.lemma == "?":
            return True
        break
    words = [t for t in toks if t.lemma not in ('"', "'", "(", "-", "*", "•")]
    if lex is None or len(words) < 3 or not words[0].is_word:
        return False
    first = words[0].text.lower()
    inverted = first in lex.modals or first in _FINITE_AUX  # (the lookup lemma of "Does" is "doe")
    return inverted and words[0].text[:1].isupper() and words[1].kind in "SO"


#: finite forms of the auxiliaries that open an inverted question
_FINITE_AUX = {"is", "are", "was", "were", "am", "do", "does", "did", "has", "have", "had"}


def until_date(toks: list[Token], c: Clause):
    for k in range(c.comp_start, c.comp_end):
        if toks[k].kind == "D" and k > 0 and toks[k - 1].lemma in ("until", "till") and toks[k].mention is not None:
            return toks[k].mention.value.value
    return None


def has_since(toks: list[Token], c: Clause) -> bool:
    return any(toks[k].kind == "D" and toks[k - 1].lemma == "since" for k in range(c.comp_start, c.comp_end))


#: "only a partner", "not just a member": words that limit a status without denying it
ONLY = ("only", "just", "merely", "simply")


def complement(toks: list[Token], start: int, end: int, lex: Lexicon) -> list[Token]:
    """The complement's tokens for pattern matching: dates with their prepositions and adverbs left out."""
    out = []
    k = start
    while k < end:
        t = toks[k]
        if t.kind == "D":
            k += 1
            continue
        if t.is_word and t.lemma in ("on", "in", "since", "last", "this", "from", "early", "late", "until", "during") \
                and k + 1 < end and toks[k + 1].kind == "D":
            k += 1
            continue
        if k == start and t.lemma in ONLY and k + 1 < end and toks[k + 1].lemma in ("a", "an", "one", "the"):
            k += 1  # "is only a partner", "is not just a member": the status is still stated
            continue
        if t.is_word and lex.is_adverb(t) and t.lemma not in ("both", "all", "since", "once", "first", "so", "far",
                                                               "long", "then"):
            k += 1
            continue
        out.append(t)
        k += 1
    return out


def symbols(toks: list[Token]) -> str:
    parts = []
    for i, t in enumerate(toks):
        if t.kind in ("W", "X"):
            parts.append(t.lemma.replace(" ", "_") or "_")
        else:
            parts.append(f"{t.lemma if t.kind not in 'SO' else ('STATES' if t.kind == 'S' else 'ORG')}#{i}")
    return " ".join(parts) + " " if parts else ""


def captured(m: re.Match[str], toks: list[Token], name: str) -> Token | None:
    if name not in m.re.groupindex or m.group(name) is None:
        return None
    return captured_sym(m.group(name), toks)


def captured_sym(sym: str, toks: list[Token]) -> Token | None:
    mm = re.search(r"#(\d+)", sym)
    return toks[int(mm.group(1))] if mm else None


def token_index(m: re.Match[str], toks: list[Token], pos: int) -> int:
    """Index of the token starting at character `pos` of the symbol string."""
    return m.string[:pos].count(" ")


def for_trade(comp: list[Token], m: re.Match[str], lex: Lexicon) -> bool:
    """"an EU partner for trade", "partners in trade": a status noun, then "for" or "in" and a field of business."""
    i = token_index(m, comp, m.end())
    return i + 1 < len(comp) and comp[i].lemma in ("for", "in") and comp[i + 1].lemma in lex.classes.get("BUSINESS", ())


def next_lemma(comp: list[Token], m: re.Match[str]) -> str | None:
    i = token_index(m, comp, m.end())
    return comp[i].lemma if i < len(comp) else None


def np_head_ok(comp: list[Token], m: re.Match[str], name: str) -> bool:
    """An organization object is the head of its noun phrase, not a modifier ("left the Y meeting")."""
    tok = captured(m, comp, name)
    if tok is None or m.end(name) != m.end():
        return True  # only an organization that ends the match must head its noun phrase
    i = comp.index(tok)
    if i + 1 >= len(comp):
        return True
    nxt = comp[i + 1]
    if nxt.kind != "W":
        return True
    if nxt.lemma in ("a", "an", "one", "two", "three", "several", "few", "just") and i + 2 < len(comp) \
            and comp[i + 2].lemma in _TIME_NOUNS:
        return True  # "joined ASEAN a week after independence"
    return nxt.lemma in _FOLLOW_OK or nxt.text.lower() in _FOLLOW_OK  # ("following": lemma "follow")


def more_members(toks: list[Token], member: Token) -> list[EntityRef]:
    """"include Ukraine, which won a seat in 2021, as well as Finland and France": the list goes on after an
    aside (a relative clause or an apposition between commas) with "as well as", "plus" or "and also"."""
    if member not in toks:
        return []
    k = toks.index(member) + 1
    if k < len(toks) and toks[k].lemma == ";":
        return _semicolon_items(toks, k)
    if k >= len(toks) or toks[k].lemma != ",":
        return []
    close = next((j for j in range(k + 1, min(k + 16, len(toks))) if toks[j].lemma == ","), None)
    if close is None or any(t.kind in "SO" for t in toks[k + 1:close]):
        return []
    j = close + 1
    words = [t.text.lower() for t in toks[j:j + 3]]  # by text: the lemma table reads "well" as "good"
    if words[:3] == ["as", "well", "as"]:
        j += 3
    elif words[:1] in (["plus"],) or words[:2] == ["and", "also"]:
        j += 1 if words[0] == "plus" else 2
    else:
        return []
    return list(toks[j].refs) if j < len(toks) and toks[j].kind == "S" else []


def _semicolon_items(toks: list[Token], k: int) -> list[EntityRef]:
    """"The Commonwealth's members: Vietnam; Sweden; Poland.": a list separated by semicolons, every item a name,
    to the sentence's end (else none of it)."""
    out: list[EntityRef] = []
    while k < len(toks) and toks[k].lemma == ";":
        j = k + 1 + (k + 1 < len(toks) and toks[k + 1].lemma == "and")
        if j >= len(toks) or toks[j].kind != "S":
            return []
        out += toks[j].refs
        k = j + 1
    return out if k >= len(toks) or toks[k].lemma in (".", "!") else []


def once_adverb(toks: list[Token], k: int) -> bool:
    """"the once 15-nation ECOWAS", "once neutral Sweden": "once" as "formerly", not "once Sweden joins"."""
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return toks[k].lemma == "once" and (k > 0 and toks[k - 1].lemma in ("the", "a", "an", ",")
                                        or nxt is not None and nxt.is_word and nxt.lemma[:1].isdigit())
