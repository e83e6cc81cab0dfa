"""Shapes of a clause the verb layer (engine.py) reads around its frame's match: an object relative clause,
a cleft, an aside between the subject and its verb, a date after an aside, "not only"."""

from __future__ import annotations

from kg.dates import PartialDate
from kg.extract.cascade.clauses import Clause
from kg.extract.cascade.matching import ONLY
from kg.extract.cascade.tokens import Token


def object_relative(toks: list[Token], c: Clause) -> Token | None:
    """The organization an object relative clause is about: "the GCC, which it founded in 1981", "the CSTO,
    which Armenia joined in 1992" (the clause's subject is a state, the antecedent its verb's object)."""
    k = c.subject
    if k is None or c.via != "direct" or k < 2 or toks[k].kind != "S" or c.vg.start != k + 1 \
            or toks[k - 1].lemma not in ("which", "that"):
        return None
    j = k - 3 if toks[k - 2].lemma == "," else k - 2
    return toks[j] if j >= 0 and toks[j].kind == "O" else None


def date_after_aside(toks: list[Token], c: Clause, pub: PartialDate | None) -> PartialDate | None:
    """The date that ends the sentence after a relative aside on the clause's object: "Argentina left the
    Commonwealth, which it had joined decades earlier, in 1965." (the aside's own date is not it)."""
    j = c.comp_end
    if j + 1 < len(toks) and toks[j].lemma != "," and toks[j + 1].lemma == "," and toks[j].kind == "O":
        j += 1  # (the complement may end on its organization)
    if j + 1 >= len(toks) or toks[j].lemma != "," or toks[j + 1].lemma not in ("which", "who", "where", "then",
                                                                                 "now", "formerly", "as"):
        return None  # (", then the European Communities, in 1973": an apposition naming it as it was)
    close = next((k for k in range(j + 2, len(toks)) if toks[k].lemma in (",", ".", ";")), None)
    if close is None or toks[close].lemma != "," or close + 2 >= len(toks) \
            or toks[close + 1].lemma not in ("in", "on") or toks[close + 2].kind != "D" \
            or toks[close + 2].mention is None \
            or not (close + 3 == len(toks) or toks[close + 3].lemma in (".", ";", ",")):
        return None
    when = toks[close + 2].mention.value.value
    return when if pub is None or when <= pub else None


def cleft_date(toks: list[Token], c: Clause, pub: PartialDate | None) -> PartialDate | None:
    """"It was in 2001 that Malta joined NATO": the date a cleft puts before the clause's subject."""
    k = c.subject
    if k is None or c.via != "direct" or k < 5 or toks[k - 1].lemma != "that" or toks[k - 2].kind != "D" \
            or toks[k - 3].lemma not in ("in", "on", "at", "until", "till") or toks[k - 2].mention is None:
        return None
    j = k - 4
    while j > 0 and toks[j].lemma in ("not", "only", "just"):
        j -= 1  # "It was not until 2001 that ...", "It was only in 2001 that ..."
    if j < 1 or toks[j].lemma != "be" or toks[j - 1].lemma != "it":
        return None
    when = toks[k - 2].mention.value.value
    return when if pub is None or when <= pub else None


def not_only(toks: list[Token], c: Clause) -> bool:
    """"is not only (just, merely) a member of the EU (but also ...)": the negation is of "only", the status holds."""
    k = c.comp_start
    if k + 1 < c.comp_end and toks[k].lemma in ONLY and toks[k + 1].lemma in ("a", "an", "one", "the"):
        return True
    return any(toks[j].lemma == "not" and toks[j + 1].lemma in ONLY and j + 2 < len(toks)
               and toks[j + 2].lemma in ("a", "an", "one", "the") for j in range(c.vg.start, k))



def subject_aside(toks: list[Token], c: Clause) -> tuple[int, int] | None:
    """The relative clause or aside between a main clause's subject and its verb (", which ... ,"), whose
    organizations are not the ones the main clause is about."""
    k = c.subject
    if c.via not in ("direct", "apposition") or k is None or k + 2 >= c.vg.start or toks[k + 1].lemma != "," \
            or toks[k + 2].lemma not in ("which", "who", "whose", "that", "where", "once", "long"):
        return None
    close = max((j for j in range(k + 2, c.vg.start) if toks[j].lemma == ","), default=None)
    return (k + 1, close + 1) if close is not None else None


def as_status_after(toks: list[Token], c: Clause) -> str | None:
    """"admits China, six others as observers": the status an "as" phrase after the object's list gives."""
    k = c.comp_end
    if k + 4 >= len(toks) or toks[k].lemma != ",":
        return None
    j = k + 1
    while j < len(toks) and j < k + 5 and toks[j].lemma not in ("as", ".", ";"):
        j += 1
    if j >= len(toks) or toks[j].lemma != "as" or not any(t.lemma in ("other", "others") for t in toks[k + 1:j]):
        return None
    for t in toks[j + 1:j + 5]:
        if t.lemma in ("observer", "observers"):
            return "Observer"
        if t.lemma in ("partner", "partners"):
            return "Partner"
    return None
