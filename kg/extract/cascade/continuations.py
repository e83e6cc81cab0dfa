"""What follows a clause and extends its fact to other states or another date.

News packs several facts into one clause and its tail:
- "..., alongside Austria and Denmark" / "along with" / "together with": the same fact for them;
- gapping, the verb left out: "Guinea was suspended in September 2021; Mali in May 2021",
  "China came in in 1991, Mexico and Papua New Guinea in 1993": the same status, their own date;
- a participle of joining after the clause: "..., becoming its 32nd member on 4 April 2023",
  "quit in 1972 before returning in 1989": a membership with the participle's date.
Each tail is read only up to the end of the sentence or the next verb group.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.dates import PartialDate
from kg.extract.cascade.tokens import Token
from kg.extract.date_resolvers import add_months
from kg.model import EntityRef

_ALONG = (("alongside",), ("along", "with"), ("together", "with"))
_RETURNING = {"returning", "rejoining", "re-joining", "coming"}
_BECOMING = {"becoming", "joining"}
_UNDOING = {"leave", "quit", "withdraw", "suspend", "pull", "walk", "exit"}
_WINNING_BACK = {"winning", "regaining", "getting", "taking"}


def continuations(toks: list[Token], after: int, stop: int, status: str, orgs: list[EntityRef | None],
                  role: str | None, pub: PartialDate | None) -> Iterator[tuple[str, list[EntityRef], EntityRef | None,
                                                                          PartialDate | None, str]]:
    """(status, members, organization, date, rule suffix) for each extension read in toks[after:stop]."""
    i = after
    last: PartialDate | None = None  # the latest date read, for "a year later"
    gapped_end = -1  # where the last gapped item ended: "Austria since 1995 and Malta since 2004"
    while i < stop:
        t = toks[i]
        if t.kind == "D" and t.mention is not None:
            last = t.mention.value.value
        words = [x.lemma for x in toks[i:i + 2]]
        for along in _ALONG:
            n = len(along)
            if tuple(words[:n]) == along and i + n < stop and toks[i + n].kind == "S":
                # "joined in June 2022 together with Togo": the same event; "taking its place alongside
                # Argentina and Brazil": members already, with no date of this clause
                suffix = ".alongside" if along == ("alongside",) else ".together"
                for org in orgs:
                    yield status, list(toks[i + n].refs), org, None, suffix
        same = [x.text.lower() for x in toks[i:i + 5]]
        if same[:1] in (["on"], ["at"], ["in"]) and same[1:3] == ["the", "same"] and len(same) >= 5 \
                and same[4] == "as" and i + 5 < stop and toks[i + 5].kind == "S":
            for org in orgs:  # "joined as a full member in 2016, on the same day as French Polynesia"
                yield status, list(toks[i + 5].refs), org, None, ".together"
        after_date = i > 0 and toks[i - 1].kind == "D"  # "came in in 1995 and Haiti in 2002"
        if (t.lemma in (",", ";", ":", "–", "—") or (t.lemma == "and" and (i == gapped_end or after_date))) \
                and status != "Neutral":
            k = i + 1  # "... members of the EU – Ireland since 1973, Austria since 1995 and Malta since 2004"
            if k < stop and toks[k].lemma == "and":
                k += 1
            if k + 1 < stop and toks[k].kind == "S":
                when, end = _date_after(toks, k + 1, stop)
                if isinstance(when, str):
                    when = _later(last, when)
                closed = end is not None and (end >= stop or toks[end].lemma in (",", ".", ";", "and", "–", "—"))
                if closed and (when is None or pub is None or when <= pub):
                    gapped_end = end
                    for org in orgs:  # "; Mali in May 2021": the same verb, its own date
                        yield status, list(toks[k].refs), org, when if role else None, ".gapped"
        if t.lemma == ";" and i + 3 < stop and toks[i + 1].kind == "D" and toks[i + 1].mention is not None \
                and toks[i + 2].lemma == ":" and toks[i + 3].kind == "S" and status != "Neutral" \
                and (i + 4 >= stop or toks[i + 4].lemma in (";", ".")):
            when = toks[i + 1].mention.value.value
            if pub is None or when <= pub:
                for org in orgs:  # "- 14 Jul 2016: Liberia joins; 29 Jul 2016: Afghanistan"
                    yield status, list(toks[i + 3].refs), org, when if role else None, ".gapped"
        k = i + 2 if i + 1 < stop and toks[i + 1].lemma == "and" else i + 1  # ", and Slovakia followed"
        if t.lemma in ("with", "and") and i + 3 < stop and toks[i + 1].kind == "S" and toks[i + 2].lemma == "as" \
                and status == "FullMember":
            j = i + 3
            while j < stop and toks[j].is_word and toks[j].lemma in ("dialogue", "a", "an", "permanent", "global"):
                j += 1
            kind = {"observer": "Observer", "partner": "Partner"}.get(toks[j].lemma) if j < stop else None
            if kind is not None:  # "It includes India, ..., with Afghanistan and Iran as observers and Armenia
                for org in orgs:  # and Nepal as dialogue partners"
                    yield kind, list(toks[i + 1].refs), org, None, ".with-as"
        if t.lemma == "and" and i + 2 < stop and toks[i + 1].kind == "S" and toks[i + 2].lemma == "follow":
            k = i + 1  # "Iran joined in 2023 and Belarus followed a year later"
        if t.lemma in (";", ",", "and") and k + 1 < stop and toks[k].kind == "S" and toks[k + 1].lemma == "follow" \
                and status != "Neutral":
            when, end = _date_after(toks, k + 2, stop)
            if isinstance(when, str):
                when = _later(last, when)
            if isinstance(when, PartialDate) and (pub is None or when <= pub):
                for org in orgs:  # "; Uzbekistan and Cuba followed in December 2020": the same, later
                    yield status, list(toks[k].refs), org, when, ".followed"
        if t.lemma == "," and i + 3 < stop and toks[i + 1].lemma == "follow" and toks[i + 2].lemma == "by" \
                and toks[i + 3].kind == "S" and status != "Neutral":
            when, end = _date_after(toks, i + 4, stop)
            if isinstance(when, str):
                when = _later(last, when)
            if isinstance(when, PartialDate) and (pub is None or when <= pub):
                for org in orgs:  # "became the 29th member in June 2017, followed by North Macedonia in March 2020"
                    yield status, list(toks[i + 3].refs), org, when, ".followed"
        if t.lemma == "with" and i + 2 < stop and toks[i + 1].kind == "S" and status == "FullMember" \
                and toks[i + 2].text.lower() in ("joining", "following", "acceding"):
            when, end = _date_after(toks, i + 3, stop)
            if isinstance(when, str):
                when = _later(last, when)
            if isinstance(when, PartialDate) and (pub is None or when <= pub):
                for org in orgs:  # "founded in 2006 by Brazil, Russia, India and China, with South Africa joining
                    yield status, list(toks[i + 1].refs), org, when, ".with-joining"  # in 2011"
        if t.kind == "S" and i + 2 < stop and toks[i + 1].lemma == "do" and toks[i + 1].text.lower() != "do" \
                and toks[i + 2].lemma in ("so", "likewise") and i > 0 and toks[i - 1].lemma in ("and", ",", ";", "but"):
            when, end = _date_after(toks, i + 3, stop)
            if not isinstance(when, str) and (when is None or pub is None or when <= pub):
                for org in orgs:  # "Finland joined NATO in April 2023, and Sweden did so in March 2024"
                    yield status, list(t.refs), org, when, ".did-so"
        if t.text.lower() in _RETURNING and i > 0 and toks[i - 1].lemma in ("before", "after", "and", "then") \
                and status == "Former":
            when, end = _date_after(toks, i + 1, stop)
            bare = i + 1 >= stop or toks[i + 1].lemma in (",", ".", ";")  # "before returning." / "... in 1989"
            if (end is not None or bare) and not isinstance(when, str) and (when is None or pub is None
                                                                              or when <= pub):
                for org in orgs:
                    yield "FullMember", [], org, when, ".returning"
        if t.lemma == "only" and i + 2 < stop and toks[i + 1].lemma == "to" and toks[i + 2].lemma in _UNDOING \
                and status == "FullMember":
            when, _ = _date_after(toks, i + 3, stop, skip=5)  # "returned in 2006, only to suspend its membership
            undone = "Suspended" if toks[i + 2].lemma == "suspend" else "Former"  # again in 2012"
            for org in orgs:
                yield undone, [], org, when if isinstance(when, PartialDate) else None, ".only-to"
        if t.text.lower() in _WINNING_BACK and i > 0 and toks[i - 1].lemma in ("before", "after", "and", "then") \
                and status == "Former" and i + 2 < stop and toks[i + 1].lemma == "back" \
                and any(x.lemma in ("seat", "membership", "place") for x in toks[i + 2:i + 5]):
            when, _ = _date_after(toks, i + 2, stop, skip=4)  # "pulled out in 2018 ... before winning back a seat"
            for org in orgs:
                yield "FullMember", [], org, when if isinstance(when, PartialDate) else None, ".returning"
        if t.text.lower() in _BECOMING and i > 0 and toks[i - 1].lemma == "," and status == "FullMember" \
                and any(x.lemma in ("member", "ally") for x in toks[i + 1:i + 6]):
            when, _ = _date_after(toks, i + 1, stop, skip=6)
            if isinstance(when, PartialDate) and (pub is None or when <= pub):
                for org in orgs:
                    yield "FullMember", [], org, when, ".becoming"
        i += 1


def _date_after(toks: list[Token], k: int, stop: int, skip: int = 0) -> tuple[PartialDate | str | None, int | None]:
    """The date right after position k ("in 1993", "on 4 April", "a year later": None), and where it ends.

    `skip` words may come first ("becoming its 32nd member on 4 April"). The end is None when
    what follows is not a bare date phrase (so "; Mali, which ..." is not a gapped clause).
    """
    j = k
    limit = min(stop, k + skip + 3)
    while j < limit:
        if toks[j].kind == "D" and toks[j].mention is not None:
            if skip == 0 and j - k > 1:
                return None, None
            return toks[j].mention.value.value, j + 1
        if toks[j].kind in "SO" or toks[j].lemma in (",", ";", ".", "and", "–", "—") and skip == 0:
            break
        j += 1
    later = [x.text.lower() for x in toks[k:k + 3]]
    if skip == 0 and len(later) == 3 and later[0] in _COUNTS and later[2] == "later" \
            and later[1].rstrip("s") in ("year", "month"):
        # "Chile a year later", "Slovakia followed five years later": after the date before it
        return f"{_COUNTS[later[0]]} {later[1].rstrip('s')}", k + 3
    return None, None


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, **{str(n): n for n in range(1, 61)}}


def _later(last: PartialDate | None, span: str) -> PartialDate | None:
    """`span` ("1 year", "5 year", "3 month") after `last`; None without a date before. Years are counted
    at the year's precision ("joined in March 1999 ... five years later" says 2004, not March 2004)."""
    n, unit = span.split()
    if last is None:
        return None
    if unit == "year":
        return PartialDate(last.year + int(n))
    if last.month is None:
        return None
    return PartialDate(*add_months(last.year, last.month, int(n)))


def followed(toks: list[Token], before: list[tuple[str, EntityRef, PartialDate]],
             pub: PartialDate | None) -> tuple[list[EntityRef], str, EntityRef, PartialDate] | None:
    """"Bulgaria joined the EU on 1 January 2007. Croatia followed on 1 July 2013.": a sentence that is only a
    state following, with its own date, repeats the one dated change of the sentence before (`before`:
    its (status, organization, date) facts, all one status and organization) for that state."""
    k = 1 if toks and toks[0].lemma in ("then", "later") else 0
    if len(before) != 1 or k + 1 >= len(toks) or toks[k].kind != "S" or toks[k + 1].lemma != "follow" \
            or toks[k + 1].text.lower() == "follow":
        return None
    j = k + 2 + (k + 2 < len(toks) and toks[k + 2].lemma == "suit")
    if j < len(toks) and toks[j].lemma == ",":
        j += 1
    status, org, last = before[0]
    when, end = _date_after(toks, j, len(toks))
    if isinstance(when, str):
        when = _later(last, when)
    if not isinstance(when, PartialDate) or end is None or (pub is not None and when > pub) or when < last:
        return None
    if end < len(toks) and toks[end].lemma not in (".", ",", ";", "!"):
        return None  # "Croatia followed in 2013 with a referendum on ...": read no further than a bare date
    return list(toks[k].refs), status, org, when


def followed_more(toks: list[Token], pub: PartialDate | None, last: PartialDate) -> list[tuple[list, PartialDate]]:
    """The gapped clauses after "Vietnam followed on 28 July 1995": ", Laos and Myanmar together on 23 July
    1997" (each state list with its own bare date, later than the one before; none after anything else)."""
    out = []
    k = next((i for i, t in enumerate(toks) if t.lemma == "follow"), len(toks))
    k = next((i for i in range(k, len(toks)) if toks[i].kind == "D"), len(toks)) + 1
    while k + 1 < len(toks) and toks[k].lemma in (",", ";"):
        j = k + 1 + (toks[k + 1].lemma == "and")
        if j >= len(toks) or toks[j].kind != "S":
            break
        m = j + 1 + (j + 1 < len(toks) and toks[j + 1].lemma in ("together", "both", "too"))
        when, end = _date_after(toks, m, len(toks))
        if not isinstance(when, PartialDate) or end is None or (pub is not None and when > pub) or when < last \
                or (end < len(toks) and toks[end].lemma not in (".", ",", ";")):
            break
        out.append((list(toks[j].refs), when))
        last, k = when, end
    return out
