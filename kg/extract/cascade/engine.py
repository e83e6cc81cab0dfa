"""Layer 4: frames applied to clauses, one sentence after another.

A verb frame fills its arguments from the clause (subject) and the complement
pattern (arguments.py); a noun frame reads a noun phrase anywhere in the sentence
("X's accession to Y", "Y member X"; nouns.py). A date belongs to the frame whose
clause holds it (clause_dates.py); a clause that is not asserted gives nothing, or
what it presupposes (assertion.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.dates import PartialDate
from kg.extract.cascade.arguments import ArgumentReader
from kg.extract.cascade.assertion import AssertionReader
from kg.extract.cascade.boxes import BoxReader, TimelineBox, box_line
from kg.extract.cascade.clause_dates import clause_date, distributed_dates, participle_span
from kg.extract.cascade.clauses import Clause, clauses
from kg.extract.cascade.continuations import continuations, followed, followed_more
from kg.extract.cascade.coordination import CoordinationReader
from kg.extract.cascade.discourse import Discourse, descriptions
from kg.extract.cascade.lexicon import Alternative, Frame, Lexicon, lexicon
from kg.extract.cascade.matching import (
    Found,
    complement,
    for_trade,
    former_wins,
    has_since,
    is_question,
    more_members,
    next_lemma,
    np_head_ok,
    symbols,
    token_index,
    until_date,
    will_stay,
)
from kg.extract.cascade.nouns import NounReader
from kg.extract.cascade.phrases import VerbGroup, group_entities, verb_groups
from kg.extract.cascade.shapes import (
    as_status_after,
    cleft_date,
    date_after_aside,
    not_only,
    object_relative,
    subject_aside,
)
from kg.extract.cascade.tokens import Token, tokenize
from kg.extract.tagging import TaggedSentence
from kg.model import EntityRef, Evidence, Membership, Neutrality, NonMembership

_STATE_KINDS = ("state",)


#: the empty complement of a frame that takes the article's organization
_CONTEXT = Alternative("", re.compile(r"(?:it (?=$|[a-z]))?(?:$|(?:in|on|at|after|before|since|for|with|following|over|amid|because|when|and"
                                       r"|but|last|along|alongside|rather|instead|despite|cite|say|under"
                                       r"|this|together|\.|,|;) |the (?:next|following|follow|same|previous) "
                                       r"(?:day|week|month|year) )(?!.*ORG#\d+(?! 's))"), context=True)


#: verbs whose object "it" is the organization of the context ("left the CSTO in 2014 and rejoined it")
_IT_VERBS = {"join", "rejoin", "re-join", "leave", "quit", "enter", "re-enter", "found", "co-found"}


class Cascade(NounReader, BoxReader, ArgumentReader, AssertionReader, CoordinationReader):
    """Reads the sentences of one article in order, keeping the discourse between them."""

    def __init__(self, doc_text: str, pub_date: PartialDate | None, capital_of: dict[str, EntityRef],
                 main_org: EntityRef | None, lex: Lexicon | None = None) -> None:
        self.text = doc_text
        self.pub = pub_date
        self.lex = lex or lexicon()
        self.discourse = Discourse(self.lex, capital_of, main_org)
        self.pending: tuple[str, EntityRef] | None = None  # a question "Who are the members of Y?"
        self._org_nouns = set(descriptions().org_nouns)
        self.tokens: list[Token] = []
        self.box = TimelineBox()
        self.box_lines: list[tuple[bool | None, list[EntityRef]]] = []  # per sentence: (heading-like?, its orgs)
        # the organization the memberships of this paragraph's last sentence with any were of: a paragraph
        # about another organization than the article's goes on about it ("SAARC's eight members - ... -.
        # Afghanistan, which joined in 2007, ...")
        self.topic: EntityRef | None = None
        self.prev_end = 0  # where the sentence before ended
        self.topic_break = True  # this sentence opens a paragraph
        self.prev_had_facts = False  # the sentence before stated memberships
        self.had_facts = False  # this sentence did
        self.prev_tokens: list[Token] = []  # the sentence before
        self.dated: list[tuple[str, EntityRef, PartialDate]] = []  # its dated changes, for "X followed in 2013"
        # the status this paragraph is about ("Thirteen non-Arctic states hold observer status."): an admission
        # after it that names no status is to that one ("Germany and Poland were admitted in 1998")
        self.status_topic: tuple[str, set[str]] | None = None  # (the status, the organizations it is of)

    def sentence(self, tagged: TaggedSentence) -> list:
        toks = tokenize(self.text, tagged.start, tagged.end, tagged.mentions)
        toks = group_entities(self.discourse.resolve(toks))
        # the sentence before, for this one (the event frames ask after the sentence is read)
        self.prev_tokens, self.prev_had_facts = self.tokens, self.had_facts
        self.topic_break = "\n\n" in self.text[self.prev_end:tagged.start]  # a new paragraph
        if self.topic is not None and self.topic_break:
            self.topic = None
        if self.topic_break:
            self.status_topic = None
        found = self._status_of_topic(former_wins(list(self.read(toks))), toks) or self._they_are(toks)
        follow = followed(toks, self.dated, self.pub)
        if follow is not None and not any(f.org is not None and f.org.key == follow[2].key
                                          and {m.key for m in f.members} & {m.key for m in follow[0]} for f in found):
            # (other clauses of the sentence may state other facts: "..., and Cambodia became the tenth member")
            members, status, org, when = follow
            for refs, d in [(members, when), *followed_more(toks, self.pub, when)]:
                found.append(Found(status, refs, org, "followed.previous-sentence",
                                   d if status != "Former" else None, d if status == "Former" else None))
        self.dated = list({(f.status, f.org.key): (f.status, f.org, f.start or f.end) for f in found
                           if f.org is not None and not f.negative and (f.start or f.end) is not None}.values())
        orgs = {f.org.key: f.org for f in found if f.org is not None and f.status != "Neutral" and not f.negative}
        self.had_facts = bool(orgs)
        if orgs:
            self.topic = next(iter(orgs.values())) if len(orgs) == 1 else None
        self.discourse.push(toks)
        self.prev_end = tagged.end
        self.box_lines.append(box_line(toks, self.lex))
        self.tokens = toks  # the resolved tokens of the sentence just read, for the event frames
        ev = lambda rule: Evidence(tagged.start, tagged.end, tagged.text, rule)  # noqa: E731
        out: list = []
        for f in found:
            for m in f.members:
                if f.org is not None and (m.key == f.org.key or (m.parent is not None and m.parent.key == f.org.key)):
                    continue
                if m.kind not in _STATE_KINDS and (m.kind != "org" or f.status == "Neutral" or f.org is None):
                    continue  # an organization is a member only of another one ("the EU is a member of the G20")
                if f.status == "Neutral":
                    out.append(Neutrality(m, ev(f.rule)))
                elif f.org is None or f.org.kind != "org":
                    continue
                elif f.negative:
                    out.append(NonMembership(m, f.org, ev(f.rule)))
                elif f.status == "Partner" and self._members_called_partners(f.org, tagged.text):
                    out.append(Membership(m, f.org, "FullMember", ev(f.rule + ".member-term"), start=f.start,
                                          end=f.end))
                else:
                    out.append(Membership(m, f.org, f.status, ev(f.rule), start=f.start, end=f.end))
                    if f.status == "FullMember" and f.org.key in self.lex.programmes and f.org.parent is not None:
                        # "Moldova signed up to NATO's Partnership for Peace in 1994": a partner of NATO since then
                        out.append(Membership(m, f.org.parent, "Partner", ev(f.rule + ".programme"), start=f.start,
                                              end=f.end))

        return out

    # -- reading one sentence -------------------------------------------------------------------------------
    def read(self, toks: list[Token]) -> Iterator[Found]:
        question = is_question(toks, self.lex)
        bulleted = self._bulleted(toks)
        if bulleted is not None:
            yield bulleted
            return
        lines = self._list_line(toks)
        if lines is not None:
            yield from lines
            return
        if question:
            self._question(toks)
            return
        if len(toks) <= 8 and toks and toks[0].lemma == "who" and toks[0].text.isupper():
            self._question(toks)  # a heading in capitals: "WHO SITS AT THE G20", "WHO IS IN BRICS NOW"
            return
        vgs = verb_groups(toks, self.lex)  # one per predicate verb: none means the line has no verb
        if not vgs and self._list_heading(toks):
            return  # "OPEC MEMBERS (12)", "SADC MEMBER STATES": the list line after it answers
        timeline = self.box.line(toks, bool(vgs), self.context_org(toks))
        if timeline is not None and self.box.open_org is not None:
            states, when, status = timeline
            if self.pub is None or when <= self.pub:  # "1995 – Austria, Finland, Sweden" in a box of enlargements
                yield Found(status, [r for t in states for r in t.refs], self.box.open_org, "list.timeline",
                            when if status != "Former" else None, when if status == "Former" else None)
            return
        cls = clauses(toks, vgs, self.lex)
        for c in cls:
            yield from self._verb(toks, c, vgs)
        yield from self._appositions(toks, vgs)
        yield from self._nouns(toks, vgs)

    def _verb(self, toks: list[Token], c: Clause, vgs: list[VerbGroup]) -> Iterator[Found]:
        vg = c.vg
        frames = self.lex.by_verb.get(toks[vg.head].lemma, [])
        if not frames or c.subject is None:
            return
        subj = toks[c.subject]
        comp = complement(toks, c.comp_start, c.comp_end, self.lex)
        antecedent = object_relative(toks, c)
        if antecedent is not None and not any(t.kind == "O" for t in comp):
            comp = [antecedent, *comp]  # "the GCC, which it founded in 1981": the organization is the object
        sym = symbols(comp)
        passive = "passive" in vg.features
        # the organization a clause without one is about: named up to the clause's end, not in a later aside
        # ("has held observer status since 2022, a step that angered the EU")
        upto = toks[:c.comp_end]
        if c.via == "relative" and not any(t.kind == "O" for t in upto):
            upto = toks  # "Ecuador, which joined in 2009, left ALBA in 2018": the main clause's organization
        if subj.kind == "O":  # an organization as the subject is the member, not the one the statement is about
            upto = [t for t in upto if t is not subj]
        aside = subject_aside(toks, c)
        if aside is not None:  # "Switzerland, which belongs neither to NATO nor to the EU, has been a member since
            upto = [t for k, t in enumerate(upto) if not aside[0] <= k < aside[1]]  # 1963": not of those
        context = self.context_org(upto)
        until = until_date(toks, c)
        founders = any(t.lemma in ("founding", "founder", "co-founder", "founding-member") for t in comp) \
            and any(toks[k].kind == "D" for k in range(c.comp_start, c.comp_end))
        for frame in frames:
            if frame.voice == "active" and passive or frame.voice == "passive" and not passive:
                continue
            alternatives = [a for a in frame.alternatives if not (a.context and context is None)]
            if frame.context_org and context is not None:
                alternatives.append(_CONTEXT)
            for alt in alternatives:
                m = alt.regex.match(sym)
                if m is None:
                    continue
                if alt is _CONTEXT and m.group(0).startswith("it ") and toks[vg.head].lemma not in _IT_VERBS:
                    continue  # "Tallinn withdrew it" (its bid); but "rejoined it two years later" is the body
                status = alt.status or frame.status
                if status == "FullMember" and not alt.status and (after := as_status_after(toks, c)) is not None:
                    status = after  # "Arctic Council admits China, six others as observers"
                if toks[vg.head].lemma == "be" and "past" in vg.features and "perfect" not in vg.features \
                        and frame.date_preps and status == "FullMember" and until is not None \
                        and not self._blocked(toks, vg) and "neg" not in vg.features:
                    org_tok, mem_toks = self._args(frame, subj, m, alt, comp, upto)
                    if org_tok is not None and mem_toks:  # "Greece was a member of NATO until 1974"
                        for org in org_tok.refs:
                            yield Found("Former", [r for t in mem_toks for r in t.refs], org,
                                        frame.id + ".until", None, until)
                    return
                if toks[vg.head].lemma == "be" and "past" in vg.features and "perfect" not in vg.features \
                        and frame.date_preps and status != "Former" and not founders:
                    yield from self._was_until_left(toks, c, frame, subj, m, alt, comp, upto, status)
                    return  # "X was a member of Y": perhaps no longer ("were founding members in 1949" founded it)
                if toks[vg.head].lemma == "be" and {"past", "perfect"} <= vg.features and frame.date_preps \
                        and status != "Former":
                    return  # "The Nordic country had been neutral for decades": before something that ended it
                if status == "Neutral" and {"past", "perfect"} <= vg.features:
                    return  # "The Nordic country had stayed out of military alliances since ...": until something
                if status == "Neutral" and "past" in vg.features and "perfect" not in vg.features \
                        and toks[vg.head].lemma not in self.lex.classes.get("INAUGURAL", ()) \
                        and not any(t.lemma in self.lex.classes.get("REPORTING", ()) for t in toks[:vg.start]):
                    # "Finland had a long tradition of neutrality": perhaps no longer (but "declared" it, and "told
                    # them that Serbia pursued the policy of military neutrality" is reported speech, backshifted)
                    return
                org_tok, mem_toks = self._args(frame, subj, m, alt, comp, upto)
                if org_tok is None and status != "Neutral":
                    continue
                if not mem_toks:
                    continue
                if org_tok is not None and not np_head_ok(comp, m, "org"):
                    continue
                if next_lemma(comp, m) in self.lex.classes.get("NOT_AFTER_STATUS", ()) or for_trade(comp, m, self.lex):
                    continue
                block = self._blocked(toks, vg)
                neg = "neg" in vg.features and not not_only(toks, c) or subj.negated \
                    or (org_tok is not None and org_tok.negated)
                if block in ("future", "modal") and will_stay(status, vg, toks, self.lex) \
                        and (status == "Neutral" or not alt.context):  # (a membership: of an organization named)
                    block = None  # "Ireland will remain militarily neutral": it is neutral and says it stays so
                if (block in ("future", "modal", "plan", "infinitive") or neg and not block) and status == "Former" \
                        and self._leaving_presupposes(toks, subj, org_tok, alt, mem_toks):
                    # "Armenia will leave the CSTO", "Mali threatened to quit ECOWAS", "Russia has not left the
                    # Arctic Council": only a member can leave; the membership holds now, from no stated date
                    for org in org_tok.refs:
                        yield Found("FullMember", [r for t in mem_toks for r in t.refs], org,
                                    "presupposed." + frame.id)
                    return
                if block:
                    return
                rule = frame.id
                negative = False
                if neg:
                    if "no-longer" in vg.features and status == "FullMember":
                        status, rule = "Former", rule + ".no-longer"
                    elif frame.neg_status and has_since(toks, c):
                        status, rule = frame.neg_status, rule + ".negated-since"
                    elif frame.nonmember and status == "FullMember":
                        negative, rule = True, rule + ".negated"
                    else:
                        return
                founding = any(t.lemma in ("founding", "founder", "co-founder") for t in comp[:token_index(m, comp, m.end())])
                when = clause_date(toks, c, frame, status, "become" if founding else toks[vg.head].lemma, self.lex,
                                   self.pub, past="past" in vg.features or "perfect" in vg.features, vgs=vgs)
                if when is None and (alt.date or frame.date) in ("start", "end"):
                    # "It was in 2001 that Malta joined NATO", "left the Commonwealth, which it had joined
                    # decades earlier, in 1965"
                    when = cleft_date(toks, c, self.pub) or date_after_aside(toks, c, self.pub)
                if when is False or (when is None and frame.needs_date):
                    return
                if when is None and not neg and self._news_of_the_day(toks, vg, frame, founding):
                    when, rule = self.pub, rule + ".published"  # "Iran has become the ninth member" in the lede
                role = alt.date or frame.date
                if status == "Former":
                    role = "end"  # a date of a former membership is when it ended
                start, end = (when, None) if role == "start" else (None, when) if role == "end" else (None, None)
                members = [r for t in mem_toks for r in t.refs]
                k = c.subject
                if subj.kind == "S" and c.via in ("direct", "apposition") and k + 4 < len(toks) \
                        and toks[k + 1].lemma == "," \
                        and toks[k + 2].lemma == "like" and toks[k + 3].kind == "S" and toks[k + 4].lemma == ",":
                    members += toks[k + 3].refs  # "Kazakhstan, like Belarus, is a member of both the CSTO and ..."
                if subj.kind == "S" and c.via == "direct" and k >= 3 and toks[k - 1].lemma == "," \
                        and toks[k - 2].kind == "S" and toks[k - 3].lemma == "like" \
                        and all(t.lemma in ('"', "(") for t in toks[:k - 3]):
                    members += toks[k - 2].refs  # "Like Switzerland, Austria is neutral": so is Switzerland
                if frame.subject == "org" and mem_toks:
                    members += more_members(toks, mem_toks[-1])
                orgs = org_tok.refs if org_tok is not None else [None]
                each = distributed_dates(toks, c, len(members)) if role in ("start", "end") and not negative \
                    else None
                if len(orgs) > 1 and any(t.lemma == "respectively" for t in toks[c.vg.start:c.comp_end + 2]):
                    # "Vietnam and Switzerland are members of the OIC and ASEAN respectively": pairs, not all four
                    if len(orgs) == len(members):
                        for i, (member, org) in enumerate(zip(members, orgs, strict=True)):
                            d = each[i] if each is not None else None
                            yield Found(status, [member], org, rule + ".respectively",
                                        d if each is not None and role == "start" else start,
                                        d if each is not None and role == "end" else end, negative)
                    return
                for org in orgs:
                    if each is not None:  # "The two countries joined NATO in 2023 and 2024": one date each
                        for member, d in zip(members, each, strict=True):
                            yield Found(status, [member], org, rule + ".each", d if role == "start" else None,
                                        d if role == "end" else None)
                        continue
                    yield Found(status, members, org, rule, start, end, negative)
                if negative and k is not None and k + 4 < len(toks) and toks[k + 1].lemma == "," \
                        and toks[k + 2].lemma == "unlike" and toks[k + 3].kind == "S" and toks[k + 4].lemma == ",":
                    for org in orgs:  # "Malaysia, unlike Oman, is not in BRICS": Oman is
                        yield Found(status, list(toks[k + 3].refs), org, rule.removesuffix(".negated") + ".unlike")
                # "joined X in 1993 and Y in 2012": the second object with its own date
                yield from self._second_objects(toks, c, org_tok, frame, status, members, rule)
                if not negative:  # ", alongside X", "; Mali in May 2021", ", becoming its 32nd member in 2024"
                    nxt = min((v.start for v in vgs if v.start > c.vg.end and "participle" not in v.features
                               and v.lemma != "follow" and "only" not in [t.lemma for t in toks[v.start - 2:v.start]]),
                              default=len(toks))  # (", only to leave again in 2012" is read as a tail)
                    for st, mem, org, when2, suffix in continuations(toks, c.vg.end + 1, nxt, status, orgs, role,
                                                                      self.pub):
                        if suffix == ".together" or suffix == ".alongside" and founding:
                            # "joined in June 2022 together with Togo", "a founding member in 1960, alongside
                            # Austria": the same date
                            yield Found(st, mem, org, rule + suffix, start, end)
                            continue
                        yield Found(st, mem or members, org, rule + suffix,
                                    when2 if st != "Former" else None, when2 if st == "Former" else None)
                        if suffix == ".only-to" and st == "Suspended":  # a suspension that lasts ends nothing
                            continue
                    if status == "Former" and nxt < len(toks):  # "pulled out in 2018 and took part as an observer
                        stop = next((k for k in range(nxt, len(toks)) if toks[k].lemma in (";", ".")), len(toks))
                        for st, mem, org, when2, suffix in continuations(toks, nxt, stop, status, orgs, role,
                                                                          self.pub):  # ... before winning back a seat"
                            if suffix == ".returning":
                                yield Found(st, mem or members, org, rule + suffix, when2, None)
                # "Nicaragua still belongs to SICA, as do Costa Rica and Panama": the same fact for them
                k = c.comp_end
                if not negative and k + 3 < len(toks) and [t.lemma for t in toks[k:k + 2]] == [",", "as"] \
                        and toks[k + 2].lemma in ("do", "be", "have") and toks[k + 3].kind == "S":
                    for org in orgs:
                        yield Found(status, list(toks[k + 3].refs), org, rule + ".as-do", start, end)
                return

    def _was_until_left(self, toks: list[Token], c: Clause, frame: Frame, subj: Token, m: re.Match[str],
                        alt: Alternative, comp: list[Token], upto: list[Token], status: str) -> Iterator[Found]:
        """"Azerbaijan was once a member of the CSTO, having left in 1999": a former member, from the leaving's
        date."""
        if status != "FullMember" or self._blocked(toks, c.vg) or "neg" in c.vg.features:
            return
        span = participle_span(toks, c.comp_end, "Former", self.lex)
        when = next((toks[k].mention.value.value for k in range(*span) if toks[k].kind == "D"
                     and toks[k].mention is not None), None) if span is not None else None
        if when is None or (self.pub is not None and when > self.pub):
            return
        org_tok, mem_toks = self._args(frame, subj, m, alt, comp, upto)
        if org_tok is not None and mem_toks:
            for org in org_tok.refs:
                yield Found("Former", [r for t in mem_toks for r in t.refs], org, frame.id + ".having-left", None, when)

    def _members_called_partners(self, org: EntityRef, text: str) -> bool:
        """"the eighth partner state of the East African Community": its word for a full member."""
        low = text.lower()
        return any(org.key in orgs and term in low for term, orgs in self.lex.member_terms.items())
