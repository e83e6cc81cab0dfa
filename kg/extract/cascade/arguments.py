"""Layer 5: the arguments of a frame's match: which organization and which members it names.

A statement without an organization is about the one the sentence names, else the paragraph's
topic, the sentence before's, or the article's; "its members" is the organization named last;
an organization as the subject is a member of another one ("The African Union became a member
of the G20"), a body of an organization stands for it when it suspends.
"""

from __future__ import annotations

import re

from kg.extract.cascade.discourse import top_organization
from kg.extract.cascade.lexicon import Alternative, Frame
from kg.extract.cascade.matching import Found, captured, token_index
from kg.extract.cascade.tokens import Token
from kg.model import EntityRef


class ArgumentReader:
    """Mixin of the cascade (kg/extract/cascade/engine.py): a match's organization and members."""

    def context_org(self, toks: list[Token]) -> EntityRef | None:
        """The organization an organization-less statement is about: the only one the sentence names,
        else the article's when the sentence names none ("South Africa joined in 2010")."""
        named = {r.key: r for i, t in enumerate(toks) if t.kind == "O" and not _circumstantial(toks, i)
                 for r in t.refs}
        if any(t.is_word and t.text[:1].isupper() and t.text.lower() in self._org_nouns
               and not any(x.kind == "O" for x in toks[max(0, i - 2):i]) for i, t in enumerate(toks)):
            return None  # "The Charter ...": an organization the sentence names but no one resolved
            # (but "the OAS Permanent Council" is a body of the OAS)
        if len(named) == 1:
            return next(iter(named.values()))
        if named:
            return None
        if self.topic is not None:
            return self.topic
        head = self._previous_head_org()
        if head is not None:
            return head
        if self.discourse.main_org is not None:
            return self.discourse.main_org
        previous = self.discourse.recent("O", 1)
        keys = {r.key: r for r in (previous[0] if previous else [])}
        return next(iter(keys.values())) if len(keys) == 1 else None

    def _status_of_topic(self, found: list[Found], toks: list[Token]) -> list[Found]:
        """An admission naming no status takes the status its paragraph is about, for that paragraph's
        organization ("Thirteen non-Arctic states hold observer status. Germany was admitted in 1998")."""
        lemmas = {t.lemma for t in toks}
        partner = any(t.lemma == "partner" and not (k + 1 < len(toks) and toks[k + 1].lemma in ("state", "states"))
                      for k, t in enumerate(toks))  # (the EAC's "partner states" are its members)
        status = None if lemmas & {"member", "membership", "members"} or "state" in lemmas and "partner" in lemmas \
            and not partner else "Observer" if "observer" in lemmas else "Partner" if partner else ""
        topic = self.status_topic
        if status != "":
            named = {r.key for t in toks if t.kind == "O" for r in t.refs}
            ctx = self.context_org(toks) if not named else None
            self.status_topic = (status, named or ({ctx.key} if ctx is not None else set())) if status else None
        if topic is None or lemmas & {"member", "membership", "full", "founding", "observer", "partner"} \
                or any(t.kind == "O" for t in toks):
            return found  # (a sentence naming its organization says what it joined)
        return [Found(topic[0], f.members, f.org, f.rule + ".status-of-paragraph", f.start, f.end, f.negative)
                if f.status == "FullMember" and f.rule.split(".")[1] in _ADMISSIONS and f.org is not None
                and f.org.key in topic[1] else f for f in found]

    def _previous_head_org(self) -> EntityRef | None:
        """The one organization the sentence before (in the same paragraph) is about, its possessor aside: "All
        six are in NATO's Partnership for Peace. Moldova signed up in 1994" signed up to the Partnership."""
        prev = self.prev_tokens
        if not prev or self.topic_break or self.prev_had_facts:
            return None  # (a sentence with facts of its own sets the topic, or leaves it open on purpose)
        heads = {r.key: r for i, t in enumerate(prev) if t.kind == "O" and t.mention is not None  # named, not "It"
                 and not _circumstantial(prev, i)
                 and not (i + 2 < len(prev) and prev[i + 1].lemma == "'s" and prev[i + 2].kind == "O")
                 for r in t.refs}
        return next(iter(heads.values())) if len(heads) == 1 else None

    def _org(self, m: re.Match[str], alt: Alternative, matched: list[Token], toks: list[Token],
             possessor: bool = False) -> Token | None:
        """The organization a match captured, else (for a context alternative) the one the sentence is about.

        `possessor`: in a noun phrase or an apposition "its"/"their" is an organization ("Its 27 member
        states include ..."); after a verb it is the subject's ("Indonesia suspended its membership")."""
        org_tok = captured(m, matched, "org") or captured(m, matched, "org2")
        if org_tok is None and alt.context and possessor and m.group(0).split()[:1] in (["its"], ["their"]):
            # "Its 27 member states include ...": the organization named last in this sentence, else the one
            # the sentence before opens with (its subject, not "as successor to the OAU" later in it)
            first = matched[token_index(m, matched, m.start())]
            before = next((i for i, t in enumerate(toks) if t is first), len(toks))
            named = [r for t in toks[:before] if t.kind == "O" for r in t.refs]
            recent = named[-1:] or next((refs[:1] for refs in self.discourse.recent("O", 1) if refs), [])
            if recent:
                return Token("O", "", "ORG", 0, 0, None, [top_organization(recent[0])])
        if org_tok is None and alt.context and (ctx := self.context_org(toks)) is not None:
            org_tok = Token("O", "", "ORG", 0, 0, None, [ctx])
        return org_tok

    def _args(self, frame: Frame, subj: Token, m: re.Match[str], alt: Alternative, comp: list[Token],
              toks: list[Token]):
        org_tok = self._org(m, alt, comp, toks)
        mem_toks = [t for t in [captured(m, comp, "member")] if t is not None]
        if frame.subject == "org":
            if subj.kind != "O":
                return None, []
            named = org_tok if org_tok is not None and not alt.context else None
            org_tok = named or subj  # "The General Assembly suspended Russia from the Human Rights Council"
            if named is None and frame.status in ("Suspended", "Former") \
                    and any(r.parent is not None for r in subj.refs):
                # "The AU's Peace and Security Council suspended Gabon": suspended from the AU
                org_tok = Token("O", subj.text, "ORG", subj.start, subj.end, subj.mention,
                                [top_organization(r) for r in subj.refs])
        elif subj.kind == "S":
            mem_toks = [subj, *mem_toks]  # "Somalia joins Burundi, Kenya and Uganda": the ones it joins too
        elif subj.kind == "O" and org_tok is not None and org_tok is not subj \
                and not {r.key for r in subj.refs} & {r.key for r in org_tok.refs} \
                and not (alt.context and any(r.parent is not None for r in subj.refs)):
            # "The African Union became a permanent member of the G20"; "the European Union, which has been a
            # member since 1999" (of the G20 the article is about; but a body of an organization is not one)
            mem_toks = [subj]
        else:
            return None, []
        return org_tok, mem_toks


#: admissions that name no status take the one their paragraph is about (ArgumentReader._status_of_topic)
_ADMISSIONS = {"admitted", "admit", "accepted", "accept", "join", "granted", "welcomed"}

_OCCASIONS = {"summit", "meeting", "anniversary", "session", "conference", "headquarters", "forum", "talks"}


def _circumstantial(toks: list[Token], i: int) -> bool:
    """An organization that only says when or where ("on the sidelines of NATO's 50th-anniversary summit",
    "at the margins of the UN General Assembly"): not the one a statement without one is about."""
    before = [t.lemma for t in toks[max(0, i - 4):i]]
    after = [t.lemma for t in toks[i + 1:i + 5]]
    return any(w in ("sideline", "sidelines", "margin", "margins") for w in before) or (
        after[:1] == ["'s"] and any(w in _OCCASIONS or w.endswith("anniversary") for w in after[1:]))
