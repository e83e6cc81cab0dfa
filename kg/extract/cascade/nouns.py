"""Noun frames and appositions: facts a noun phrase states anywhere in a sentence.

"X's accession to Y was completed", "Y member X", "X, a member of Y, ..." and "Malta, a
small, neutral EU member": read over the whole sentence's symbols (noun frames) or over
the apposition after a name, with the same blocking words as the verb frames.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.dates import PartialDate
from kg.extract.cascade.appositions import appositions
from kg.extract.cascade.boxes import item_years
from kg.extract.cascade.discourse import top_organization
from kg.extract.cascade.matching import (
    Found,
    captured,
    complement,
    more_members,
    next_lemma,
    np_head_ok,
    once_adverb,
    symbols,
    token_index,
)
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token

#: words of _NOT_NEUTRAL that say how long, not that it ended ("Bern, long militarily neutral, has argued")
_SINCE_LONG = {"long", "traditionally", "historically"}
#: words before "neutral" that make it past or denied ("a formerly neutral state", "a non-neutral member")
_NOT_NEUTRAL = {"formerly", "once", "previously", "long", "then", "former", "non", "non-", "no", "not", "never",
                "traditionally", "historically", "until"}


class NounReader:
    """Mixin of the cascade (kg/extract/cascade/engine.py): noun frames and appositions."""

    def _appositions(self, toks: list[Token], vgs: list[VerbGroup]) -> Iterator[Found]:
        frames = [f for f in self.lex.verb_frames if f.apposition]
        for subj_i, a, e in _coordinated(toks, appositions(toks, self.lex)):
            if any(a <= vg.head < e for vg in vgs):
                continue
            if any(t.is_word and t.lemma in self.lex.hedges and (k < a or t.lemma not in self.lex.opinions)
                   for k, t in enumerate(toks)):
                continue  # hedged; but "Bern, long neutral, has argued that ..." argues after the apposition
            subj = toks[subj_i]
            if subj.kind != "S":
                continue
            comp = complement(toks, a, e, self.lex)
            comp = [t for n, t in enumerate(comp) if not (t.lemma == "," and n <= 3)]  # "a small, neutral member"
            sym = symbols(comp)
            seen: set[str] = set()  # one fact per status ("another neutral participating State": both)
            for frame in frames:
                for alt in frame.alternatives:
                    if (alt.status or frame.status) in seen:
                        continue
                    m = alt.regex.match(sym)
                    if m is None:
                        continue
                    # the organization an apposition without one is about: named before it or in the matched part
                    # ("Hungary, an observer since 2018 and the only EU and NATO country ...": not the EU)
                    org_tok = self._org(m, alt, comp, toks[:a] + comp[:token_index(m, comp, m.end())], possessor=True)
                    if org_tok is not None and not np_head_ok(comp, m, "org"):
                        continue  # "an observer in the African Union's Peace and Security Council debates"
                    status = alt.status or frame.status
                    if org_tok is None and status != "Neutral":
                        continue
                    if next_lemma(comp, m) in self.lex.classes.get("NOT_AFTER_STATUS", ()):
                        continue
                    if status == "Neutral" and any(t.lemma in _NOT_NEUTRAL for t in toks[a:e]) \
                            and not self._still_neutral(toks, vgs, a, e):
                        continue  # "Sweden, a formerly neutral state, ...", "Finland, once neutral, ..."
                    if status == "Neutral" and any(t.text.lower() in ("during", "throughout", "most") for t in toks[a:e]):
                        continue  # "Finland, neutral for most of the Cold War, joined NATO": a past period
                    holds, when = _period(toks, a, e)
                    if holds == "then":
                        break  # "an ECOWAS member in 1999", "in the 1990s": then, not perhaps now
                    if holds == "until" and self.pub is not None and when > self.pub:
                        when = None  # "a Security Council member until 2027": one now
                    elif holds == "until":  # "an ECOWAS member until 2001": a former one
                        status = "Former"
                    if when is not None and self.pub is not None and when > self.pub:
                        break
                    start, end = (None, when) if status == "Former" else (when, None)
                    seen.add(status)
                    for org in org_tok.refs if org_tok is not None else [None]:
                        yield Found(status, list(subj.refs), org, frame.id + ".apposition", start, end)
            if "Neutral" not in seen:
                yield from self._neutral_adjective(subj, toks[a:e])

    def _still_neutral(self, toks: list[Token], vgs: list[VerbGroup], a: int, e: int) -> bool:
        """"Bern, long militarily neutral, has argued ...": "long" says since when, not until when, while the
        sentence is in the present and nothing ends the neutrality ("Sweden, long neutral, joined NATO")."""
        hits = {t.lemma for t in toks[a:e] if t.lemma in _NOT_NEUTRAL}
        lo = max((k for k in range(a) if toks[k].lemma == ";"), default=-1)
        hi = next((k for k in range(e, len(toks)) if toks[k].lemma == ";"), len(toks))
        return hits <= _SINCE_LONG and not any(t.lemma in self.lex.neutrality_enders for t in toks[lo + 1:hi]) \
            and not any("past" in vg.features and "perfect" not in vg.features for vg in vgs if lo < vg.head < hi)

    def _neutral_adjective(self, subj: Token, raw: list[Token]) -> Iterator[Found]:
        """"Malta, a small, neutral EU member, ...": "neutral" describing the state in an apposition."""
        words = [t.lemma for t in raw]
        if "neutral" not in words[:6] or words[:1] not in (["a"], ["an"], ["another"], ["the"], ["both"], ["also"],
                                                           ["all"]):
            return
        before = words[:words.index("neutral")]
        if any(w in _NOT_NEUTRAL for w in before) or any(w in self.lex.neutrality_enders for w in words):
            return
        yield Found("Neutral", list(subj.refs), None, "neutral.apposition")

    def _nouns(self, toks: list[Token], vgs: list[VerbGroup]) -> Iterator[Found]:
        yield from self._noun_frames(toks, vgs)
        for i in range(len(toks) - 2):
            if toks[i].kind in "SO" and toks[i + 1].lemma == "," and toks[i + 2].lemma == "whose":
                # "Armenia, whose membership took effect on 1 February": read as "Armenia's membership took effect";
                # "the GCC, whose members are A, B": as "the GCC's members are A, B"
                whose = toks[i + 2]
                toks2 = [*toks[:i + 1], Token("W", "'s", "'s", whose.start, whose.end), *toks[i + 3:]]
                vgs2 = [VerbGroup(*(k - 1 if k > i else k for k in (v.start, v.head, v.end)), v.lemma, v.features)
                        for v in vgs]
                keys = {r.key for r in toks[i].refs}  # the antecedent: the member, or the organization
                yield from (f for f in self._noun_frames(toks2, vgs2)
                            if keys & {r.key for r in f.members} or (f.org is not None and f.org.key in keys))

    def _not_yet(self, toks: list[Token], vgs: list[VerbGroup], last: int, orgs: set[str]) -> bool:
        """The states the match lists are the subject of a joining of the same organization still to come:
        "... were invited to join BRICS", "... will join in January" (but "BRICS members Brazil and India want
        to become permanent members of the Security Council" are BRICS members)."""
        nxt = next((vg for vg in vgs if vg.start >= last), None)
        if nxt is None or any(t.kind in "SO" or t.lemma in (".", ";") for t in toks[last:nxt.start]):
            return False
        after = next((vg for vg in vgs if vg.start > nxt.end), None)
        if _joins(self.lex, nxt) and nxt.features & {"future", "modal", "plan", "infinitive", "neg"}:
            joining = nxt
        elif after is not None and "infinitive" in after.features and after.start <= nxt.end + 3 \
                and all(t.is_word for t in toks[nxt.end + 1:after.start]) and _joins(self.lex, after):
            joining = after
        else:
            return False
        stop = next((k for k in range(joining.end + 1, len(toks)) if toks[k].lemma in (".", ";", ",")), len(toks))
        other = {r.key for t in toks[joining.end + 1:stop] if t.kind == "O" for r in t.refs}
        unknown = any(t.kind == "W" and t.text[:1].isupper() for t in toks[joining.end + 1:stop])
        return bool(other & orgs) or not other and not unknown  # ("... the Security Council": another body)

    def _noun_frames(self, toks: list[Token], vgs: list[VerbGroup]) -> Iterator[Found]:
        sym = symbols(toks)
        hedged = any(t.is_word and t.lemma in self.lex.hedges for t in toks)
        if hedged:
            return
        for frame in self.lex.noun_frames:
            for alt in frame.alternatives:
                for m in alt.regex.finditer(sym):
                    if m.start() > 0 and sym[m.start() - 1] != " ":
                        continue  # inside a token: "member" in "non-member"
                    first = token_index(m, toks, m.start())
                    if first > 0 and toks[first - 1].is_word and (
                            toks[first - 1].lemma in self.lex.noun_blockers or toks[first - 1].lemma in
                            self.lex.negators or toks[first - 1].lemma == "no"):
                        continue
                    last = token_index(m, toks, m.end())
                    if any(first <= vg.head < last and (vg.features & {"neg", "modal", "future", "plan",
                                                                         "infinitive", "progressive"})
                           and not _expanded_to(toks, vg) and not _ordinal_infinitive(toks, vg) for vg in vgs):
                        continue
                    if any(t.is_word and t.text.lower() in self.lex.modals for t in toks[max(0, first - 2):last]):
                        continue  # "BRICS could expand with the addition of Egypt"
                    if first > 0 and toks[first - 1].lemma == "to" and toks[first].text.lower() == toks[first].lemma:
                        continue  # "refused to lift Guinea's suspension": an infinitive, not a deed
                    if any(t.is_word and t.lemma in self.lex.conditionals and not once_adverb(toks, k)
                           for k, t in enumerate(toks[:first])):
                        continue
                    if toks[first].lemma in ("after", "following", "since", "with") and (any(
                            vg.head < first and vg.features & {"future", "modal", "plan", "neg"} for vg in vgs)
                            or any(t.text.lower() in self.lex.modals for t in toks[:first])):
                        continue  # "will have 32 members after Sweden's accession": not yet
                    org_tok = self._org(m, alt, toks, toks, possessor=True)
                    if org_tok is not None and alt.context and "suspension" in m.group(0) \
                            and any(r.parent is not None for r in org_tok.refs):
                        # "the AU's Peace and Security Council lifted Gabon's suspension": from the AU
                        org_tok = Token("O", org_tok.text, "ORG", org_tok.start, org_tok.end, org_tok.mention,
                                        [top_organization(r) for r in org_tok.refs])
                    if m.group(0).startswith("as ") and any(
                            vg.head >= last and vg.features & {"modal", "future", "plan", "neg"} for vg in vgs[:1]):
                        continue  # "As an EU member, Serbia would gain ...": as the main clause says, not a fact
                    if org_tok is not None and self._not_yet(toks, vgs, last, {r.key for r in org_tok.refs}):
                        continue  # "Five new members - Egypt, Iran ... - were invited to join BRICS": not yet
                    mem = captured(m, toks, "member")
                    status = alt.status or frame.status
                    if mem is None or (org_tok is None and status != "Neutral"):
                        continue
                    if status == "Neutral" and any(t.lemma in self.lex.neutrality_enders or t.lemma == "until"
                                                   for t in toks[max(0, first - 4):first] + toks[last:]):
                        continue  # "Sweden's permanent neutrality ended in 2022"
                    if status == "Neutral" and _past_only(toks, vgs, first, last, self.lex.classes):
                        continue  # "Sweden's neutrality kept it out of NATO for two centuries": perhaps no longer
                    if mem.negated or (org_tok is not None and org_tok.negated):
                        continue
                    if frame.subject == "member" and any(t.lemma in self.lex.negators for t in toks[first:last]):
                        continue
                    when = None
                    dt = captured(m, toks, "date")
                    if dt is None and frame.date:
                        dt = next((t for t in toks[first:last] if t.kind == "D"), None)
                    if dt is None and frame.date:
                        k = last
                        while k < len(toks) and toks[k].lemma not in (",", ";", ".", "but", "and") and k < last + 6:
                            if toks[k].kind == "D":
                                dt = toks[k]
                                break
                            k += 1
                    if dt is not None and dt.mention is not None and (alt.date or frame.date):
                        when = dt.mention.value.value
                        if self.pub is not None and when > self.pub:
                            continue
                    role = alt.date or frame.date
                    start, end = (when, None) if role == "start" else (None, when)
                    members = list(mem.refs) + more_members(toks, mem)
                    orgs = org_tok.refs if org_tok is not None else [None]
                    each = item_years(self.text[mem.start:toks[-1].end], toks[toks.index(mem):], self.pub) \
                        if when is None and status in ("FullMember", "Observer", "Partner") else None
                    for org in orgs:
                        if each is not None:
                            # "OPEC's members include Uruguay (since 1967) and Qatar (since 1982)."
                            yield from (Found(status, [r], org, frame.id + ".each", d) for r, d in each)
                            continue
                        yield Found(status, members, org, frame.id, start, end)


def _joins(lex, vg: VerbGroup) -> bool:
    """An active verb group of a verb by which a state makes itself a member ("join", "become", "accede"; not
    "will be joined by", "have not held a summit")."""
    return "passive" not in vg.features and (vg.lemma == "become" or any(
        f.id in ("member.join", "member.rejoin") for f in lex.by_verb.get(vg.lemma, ())))


def _expanded_to(toks: list[Token], vg: VerbGroup) -> bool:
    """"expanded to include Bolivia": the infinitive says what the expansion did, not a plan."""
    return vg.features == {"infinitive"} and vg.head >= 2 and toks[vg.head - 1].lemma == "to" \
        and toks[vg.head - 2].lemma in ("expand", "grow", "enlarge", "widen")


def _past_only(toks: list[Token], vgs: list[VerbGroup], first: int, last: int, classes: dict[str, set[str]]) -> bool:
    """The verb that says something of the neutrality (the first after the word, else the nearest before it in
    the same phrase) is a simple past ("neutrality kept it out", "rested on neutrality"), and no reporting verb before the match
    shifts the tense ("officials said that Austria's neutrality made it a bridge")."""
    word = next((k for k in range(first, last) if toks[k].lemma in ("neutrality", "neutral")), first)
    inside = [vg for vg in vgs if first <= vg.head < last]
    after = [vg for vg in inside if vg.head > word]
    before = [vg for vg in inside if vg.head < word and not any(t.lemma == "," for t in toks[vg.head:word])]
    vg = after[0] if after else before[-1] if before else None
    if vg is not None and toks[vg.head].lemma in classes.get("INAUGURAL", ()):
        return False  # "Serbia's parliament adopted military neutrality in 2007": what was set up holds
    past = vg is not None and "past" in vg.features and "perfect" not in vg.features
    return past and not any(t.is_word and t.lemma in classes.get("REPORTING", ()) for t in toks[:first])


def _coordinated(toks: list[Token], spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """"X, an observer since 2018 and the only EU and NATO country, ...": each noun phrase of the apposition."""
    out = []
    for subj, a, e in spans:
        cut = [j for j in range(a + 1, e - 1) if toks[j].lemma == "and"
               and toks[j + 1].lemma in ("a", "an", "the", "another", "one")]
        starts = [a, *(j + 1 for j in cut)]
        ends = [*cut, e]
        out.extend((subj, s0, e0) for s0, e0 in zip(starts, ends, strict=True))
    return out


_FOUNDING = ("founding", "founder", "co-founder", "original")


def _period(toks: list[Token], a: int, e: int) -> tuple[str, PartialDate | None]:
    """When an apposition's status holds: ("since", its date or None), ("until", the date it ended), or
    ("then", None) for a status at another past time, which says nothing of now ("Kyrgyzstan, an ECOWAS
    member in 1999, ..."), unless the state founded the organization."""
    since, until, other = None, None, False
    for k in range(a, e):
        if toks[k].kind == "D" and toks[k].mention is not None:
            before = toks[k - 1].lemma
            if before == "since" or any(toks[j].lemma == "since" for j in range(max(a, k - 4), k)):
                # ("a member of the organisation since its foundation in 1969")
                since = toks[k].mention.value.value
            elif before in ("until", "till", "to"):
                until = toks[k].mention.value.value
            else:
                other = True
        elif re.fullmatch(r"\d{4}s", toks[k].lemma):
            other = True
    if until is not None:
        return "until", until
    if other and since is None and not any(t.lemma in _FOUNDING for t in toks[a:e]):
        return "then", None
    return "since", since


_ORDINAL_WORDS = {"first", "last", "latest", "newest", "second", "third", "recent"}


def _ordinal_infinitive(toks: list[Token], vg: VerbGroup) -> bool:
    """"the first country to join NATO": an infinitive that says which one did it, not a plan."""
    return vg.features & {"neg", "modal", "future", "plan", "progressive"} == set() and vg.start >= 2 \
        and toks[vg.start - 1].lemma == "to" and any(t.lemma in _ORDINAL_WORDS for t in toks[max(0, vg.start - 5):vg.start])
