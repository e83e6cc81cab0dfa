"""Layer 4, dates: which date of a sentence belongs to a clause's fact.

A date belongs to the frame whose clause holds it: in its complement, between its subject and
verb, fronted before its subject ("In 1995, Austria joined"), in a participle after it ("...,
admitted in May 2011"), in a reporting clause ("..., the ministry announced on Tuesday"), or,
for founders, in the signing that made them members. A date that belongs to another verb, to an
"after/before" phrase, or to a "since" after a change ("have left since 2019") is not its date.
"""

from __future__ import annotations

from kg.dates import PartialDate
from kg.extract.cascade.boxes import bare_year
from kg.extract.cascade.clauses import Clause
from kg.extract.cascade.lexicon import Frame, Lexicon
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token

_NOT_DATE_PREPS = {"until", "till", "before", "by", "ahead", "after"}

#: verbs of a change of status, dated by the publication when a lede reports them in the present perfect
EVENT_VERBS = {"join", "become", "accede", "enter", "leave", "quit", "withdraw", "exit", "suspend", "admit",
                "readmit", "rejoin", "expel", "return", "pull"}


def participle_span(toks: list[Token], k: int, status: str, lex: Lexicon) -> tuple[int, int] | None:
    """", admitted in May 2011" / ", having joined in 2004" right after the clause: a participle of a verb
    that states the same status (a frame of it dates that status) dates it. The span it reads, or None."""
    if k < len(toks) and toks[k].lemma == ",":
        k += 1
    elif k >= len(toks) or toks[k].text.lower() != "having":
        return None
    voice = "passive"  # "admitted in 2011": the state is what the participle's verb admitted
    if k < len(toks) and toks[k].text.lower() == "having":
        voice = "passive" if k + 1 < len(toks) and toks[k + 1].text.lower() == "been" else "active"
        k += 1 + (voice == "passive")  # "having joined in 2004": the state joined
    if k >= len(toks) or toks[k].text.lower() == toks[k].lemma or toks[k].text.lower().endswith(("ing", "s")) \
            or not any(f.status == status and f.date is not None and f.subject == "member"
                       and f.voice in (voice, "any") for f in lex.by_verb.get(toks[k].lemma, ())):
        return None  # ("a member of NATO, founded in 1949": NATO was founded)
    end = next((j for j in range(k + 1, len(toks)) if toks[j].lemma in (".", ";", ",")), len(toks))
    return k + 1, end

def clause_date(toks: list[Token], c: Clause, frame: Frame, status: str, verb: str, lex: Lexicon,
                pub: PartialDate | None, past: bool = False, vgs: list[VerbGroup] = ()) -> PartialDate | bool | None:
    """The date of the clause (complement first, then between subject and verb); False when it is future."""
    preps = frame.date_preps if verb not in ("become", "join") else ()
    ranges = [(c.comp_start, c.comp_end)]
    after = c.comp_end
    if after < len(toks) and toks[after].lemma == '"':  # 'suspended Gabon "with immediate effect" on Thursday'
        close = next((k for k in range(after + 1, len(toks)) if toks[k].lemma == '"'), None)
        if close is not None:
            ranges.append((close + 1, min(close + 4, len(toks))))
    if after < len(toks) and toks[after].text.lower() == "having" or \
            (after + 1 < len(toks) and toks[after].lemma == "," and toks[after + 1].text.lower() == "having"):
        end = next((k for k in range(after, len(toks)) if toks[k].lemma in (".", ";")), len(toks))
        ranges.append((after, end))  # "are the founding members, having created it in September 1960"
    tail = participle_span(toks, after, status, lex)
    if tail is not None:  # "is the newest member of X, admitted in May 2011": the participle's date
        ranges.append((*tail, False, True))
    w = next((k for k in range(c.comp_start, min(after + 2, len(toks))) if toks[k].lemma == "when"), None)
    if w is not None:  # "Ireland left when it became a republic in 1949"
        end = next((k for k in range(w, len(toks)) if toks[k].lemma in (".", ";", ",")), len(toks))
        ranges.append((w, end))
    if c.subject is not None and c.via in ("direct", "coordination", "participle"):
        lo = c.subject + 1
        if c.via == "coordination":  # "was founded in 2002 and has suspended Mali": not the first verb's date
            lo = max((k + 1 for k in range(lo, c.vg.start) if toks[k].lemma in ("and", "but", ",", ";")),
                     default=lo)
        ranges.append((lo, c.vg.start))
        label = [t for t in toks[:c.subject] if t.lemma not in ("-", "*", "•", "–", "—")]
        if c.via == "direct" and len(label) == 2 and label[0].kind == "D" and label[1].lemma == ":":
            ranges.append((0, c.subject))  # a timeline line: "- 11 Dec 2001: China joins"
        elif c.via == "direct" and not any(t.lemma in (";", ":") for t in toks[:c.subject]):
            # "In 1995, Austria, Finland and Sweden joined the EU"; but not a date of an earlier verb
            # ("Uzbekistan joined in 2001, ..., and enlargement in 2017 saw India and Pakistan join")
            before = [v for v in vgs if v.end < c.subject]
            if before and before[-1].lemma in ("see", "witness"):
                before.pop()  # "enlargement in 2017 saw India and Pakistan join": the date of "saw"
            first = before[-1].end + 1 if before else 0
            if before:  # "Croatia followed on 1 July 2013, and Romania joined": the date is the first verb's
                s = c.subject
                if s >= 3 and toks[s - 1].lemma == "when" and toks[s - 2].lemma == "," and toks[s - 3].kind == "D":
                    first = s - 3  # "since April 2009, when it joined": the date "when" stands for
                else:
                    first = next((k + 1 for k in range(s - 1, first - 1, -1) if toks[k].lemma in _CLAUSE_OPENERS),
                                 s)
            ranges.append((first, c.subject, True))  # the date nearest the subject
    elif c.subject is not None:
        ranges.append((c.vg.start - 3 if c.vg.start >= 3 else 0, c.vg.start))
    if c.via != "direct" and c.subject is not None:
        w = next((k for k in range(c.subject - 1, 1, -1) if toks[k].lemma == "when"), None)
        if w is not None and toks[w - 1].lemma == "," and toks[w - 2].kind == "D" \
                and not any(t.lemma in (";", ".") for t in toks[w:c.vg.start]):
            ranges.append((w - 2, w - 1, True))  # "in 2011, when UNESCO's members voted to admit Palestine"
    if verb == "become" or frame.id.startswith("member.founded"):
        signed = _signing_span(toks, c.comp_start)
        if signed is not None:  # "founded by A, B and C, which signed its charter on 8 December 1985"
            ranges.append((*signed, False, True))
    following = _the_following_year(toks, c)
    if following is not None:
        return following  # "had quit in 2022 but rejoined the following year"
    said = _report_date_span(toks, c.comp_end, lex.classes.get("REPORTING", set()))
    if said is not None:  # "Russia has walked out of the CBSS, the ministry announced on Tuesday"
        ranges.append(said)
    for lo, hi, *flags in ranges:
        nearest, any_prep = (flags + [False, False])[:2]
        span = range(max(lo, 0), min(hi, len(toks)))
        for k in reversed(span) if nearest else span:
            t = toks[k]
            if t.kind != "D" or t.mention is None:
                continue
            prev = toks[k - 1].lemma if k > 0 else ""
            if prev in _NOT_DATE_PREPS:
                continue
            if nearest and _in_time_phrase(toks, k):
                continue  # "In 1995, after a vote in 1994, Austria joined": the vote's date
            colon = next((j for j in range(lo, k) if toks[j].lemma in (":", "–", "—")), None)
            if colon is not None and any(x.kind == "S" for x in toks[colon:k]):
                continue  # ": Mali since June 2021, Burkina Faso since ...": each listed state's own date
            if preps and prev not in preps and not any_prep and not _since_origin(toks, k):
                continue
            if prev == "since" and verb in EVENT_VERBS and "passive" not in c.vg.features and k > c.vg.start:
                continue  # "Qatar, Ecuador and Angola have left since 2019": some time after it
            value = t.mention.value.value
            relative = getattr(t.mention.value, "relative", False)
            finer = _finer_date(toks, k, value)
            if finer is not None:  # "last month, on 7 March": the more precise of the two
                value, relative = finer, False
            if pub is not None and value > pub and (relative or not past):
                return False  # "will join next year"; a past tense with an absolute date is kept
            return value
    return None


#: what opens a new clause before its subject ("..., and in 2017 India joined"): a date after it is the clause's
_CLAUSE_OPENERS = {"and", "but", ";", "while", "whereas", "then"}

def _report_date_span(toks: list[Token], k: int, reporting: set[str]) -> tuple[int, int] | None:
    """The date of a reporting clause after a comma ("..., the foreign ministry announced on Tuesday"): the day
    the news was given, for a clause that has no date of its own."""
    if k >= len(toks) or toks[k].lemma != ",":
        return None
    end = next((j for j in range(k + 1, len(toks)) if toks[j].lemma in (".", ";", ",")), len(toks))
    verb = next((j for j in range(k + 1, end) if toks[j].is_word and toks[j].lemma in reporting), None)
    if verb is None or any(t.kind in "SO" for t in toks[k + 1:verb]):
        return None
    return (verb + 1, end) if any(toks[j].kind == "D" and toks[j - 1].lemma == "on" for j in range(verb + 1, end)) \
        else None


_FOUNDING_TEXTS = {"treaty", "charter", "agreement", "declaration", "accord", "protocol", "convention", "statute",
                   "pact", "constitution", "act"}
_IN_FORCE = (["come", "into", "force"], ["enter", "into", "force"], ["take", "effect"])


def _signing_span(toks: list[Token], k: int) -> tuple[int, int] | None:
    """After the founders of a founding clause, an aside that dates their membership itself: a signing or a
    ratification ("the three countries that signed its charter on 8 December 1985") or an entry into force
    ("whose treaty came into force on 1 January 2015"). The span of its date, or None."""
    last = max((j for j in range(k, len(toks)) if toks[j].kind in "SO"), default=None)
    if last is None or last + 1 >= len(toks) or toks[last + 1].lemma != ",":
        return None
    stop = next((j for j in range(last + 1, len(toks)) if toks[j].lemma in (";", ".", ":")), len(toks))
    words = [t.lemma for t in toks]
    for j in range(last + 2, stop):
        n = next((len(w) for w in _IN_FORCE if words[j:j + len(w)] == w), 1 if words[j] in ("sign", "ratify") else 0)
        if n:
            end = next((x for x in range(j + n, stop) if toks[x].lemma == ","), stop)
            if n == 1 and not _FOUNDING_TEXTS & set(words[j + 1:end]):
                return None  # "which later signed a trade deal with Vietnam in 2016": not what founded it
            if n > 1 and not _FOUNDING_TEXTS & set(words[last + 1:j]):
                return None  # "whose treaty came into force"
            return j + n, end
    return None


def _the_following_year(toks: list[Token], c: Clause) -> PartialDate | None:
    """"the following year" / "the next year" in the clause: a year after the date written before it in the
    sentence (none without one)."""
    words = [t.lemma for t in toks]
    for k in range(c.comp_start, max(c.comp_start, c.comp_end - 2)):
        if words[k:k + 3] in (["the", "follow", "year"], ["the", "next", "year"]):
            before = next((t for t in reversed(toks[:k]) if t.kind == "D" and t.mention is not None), None)
            return PartialDate(before.mention.value.value.year + 1) if before is not None else None
    return None


def distributed_dates(toks: list[Token], c: Clause, n: int) -> list[PartialDate] | None:
    """"in 2023 and 2024 (respectively)" after n > 1 coordinated members: the k-th date is the k-th member's."""
    if n < 2:
        return None
    dates = []
    k = c.comp_start
    while k < c.comp_end:
        t = toks[k]
        value = bare_year(t) if t.kind == "D" or dates else None  # "... and 2024": a year alone after the first
        if value is not None and (not dates or toks[k - 1].lemma in (",", "and")):
            dates.append(value)
        elif dates and t.lemma not in (",", "and"):
            break
        k += 1
    return dates if len(dates) == n else None


def _finer_date(toks: list[Token], k: int, value: PartialDate) -> PartialDate | None:
    """A second, more precise date right after the one at k that agrees with it ("last month, on 7 March")."""
    w = toks[k + 1:k + 4]
    if len(w) < 3 or w[0].lemma != "," or w[1].lemma not in ("on", "in") or w[2].kind != "D" or w[2].mention is None:
        return None
    other = w[2].mention.value.value
    same = other.year == value.year and (value.month is None or other.month == value.month)
    more = (other.day is not None) > (value.day is not None) or (other.month is not None) > (value.month is not None)
    return other if same and more else None


def _in_time_phrase(toks: list[Token], k: int) -> bool:
    """The date at k dates an "after/before/following ..." phrase, not the clause."""
    for j in range(k - 1, max(k - 5, -1), -1):
        if toks[j].lemma in (",", ";"):
            return False
        if toks[j].lemma in _NOT_DATE_PREPS or toks[j].lemma == "following":
            return True
    return False


_ORIGINS = {"creation", "founding", "foundation", "inception", "launch", "birth", "establishment", "start"}


def _since_origin(toks: list[Token], k: int) -> bool:
    """"since the group's creation in 1999": the date of the beginning a "since" names."""
    words = [t.lemma for t in toks[max(0, k - 6):k]]
    return words[-1:] == ["in"] and "since" in words and any(w in _ORIGINS for w in words[words.index("since"):])
