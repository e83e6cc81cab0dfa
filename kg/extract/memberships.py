"""Membership statuses, explicit non-memberships and neutrality, from the rules of patterns.json."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract.lexicon import patterns
from kg.extract.modality import blocked
from kg.extract.tagging import Mention, TaggedSentence, expand
from kg.model import EntityRef, Evidence, Membership, Neutrality, NonMembership

_POSITIVE_BLOCKERS = ("negation", "hypothetical", "plan", "denial", "opinion")
_NEGATIVE_BLOCKERS = ("hypothetical", "denial", "opinion")


@cache
def _compiled(section: str) -> list[tuple[dict, re.Pattern[str]]]:
    return [(rule, expand(rule["pattern"])) for rule in patterns()[section]]


def _org_of(tagged: TaggedSentence, m: re.Match[str]) -> Mention | None:
    for name in ("org", "org2", "org3"):
        if name in m.re.groupindex and m.group(name):
            found = tagged.group_mentions(m, name, "O")
            if found:
                return found[0]
    return None


_ORG_NOUN = re.compile(r"\b(?:Charter|League|Forum|Council|Community|Union|Alliance|Organi[sz]ation|Commonwealth"
                       r"|Bloc|Group|Association|Pact|Treaty|Bank)\b")


def _other_org_named(tagged: TaggedSentence, context_org: EntityRef) -> bool:
    """Does the sentence name an organization other than the article's, so "observer" may be of that one?

    Any other organization mention counts, and so does an organization noun that was not
    resolved to the article's organization ("The Charter brings together ...").
    """
    if any(m.kind == "O" and m.value.key != context_org.key for m in tagged.mentions):
        return True
    return bool(_ORG_NOUN.search(tagged.tagged))


def _evidence(tagged: TaggedSentence, rule: str) -> Evidence:
    return Evidence(tagged.start, tagged.end, tagged.text, rule)


def _date_near(tagged: TaggedSentence, m: re.Match[str]):
    """The date of a status change: the first date after the match in the same clause, else the last before it."""
    clause_end = re.compile(r"[;.]|⟦D\d+⟧").search(tagged.tagged, m.end())
    if clause_end and clause_end.group(0).startswith("⟦"):
        return tagged.mentions_in(clause_end.start(), clause_end.end(), "D")[0].value.value
    before = tagged.mentions_in(0, m.start(), "D")
    return before[-1].value.value if before else None


def find_memberships(tagged: TaggedSentence, context_org: EntityRef | None = None) -> Iterator[Membership]:
    """Membership statuses in one sentence; `context_org` is the organization the document is about,
    used only by rules marked org_from_context ("Mali was suspended in 2021" in an article on the AU)."""
    for rule, pattern in _compiled("membership"):
        for m in pattern.finditer(tagged.tagged):
            cue = blocked(tagged, m.start(), m.end(), _POSITIVE_BLOCKERS)
            if cue:
                continue
            if rule["status"] == "Observer" and blocked(tagged, m.start(), m.end(), ("observer_at_event",)):
                continue
            if rule["status"] == "FullMember" and blocked(tagged, m.start(), len(tagged.tagged), ("exercise_only",)):
                continue
            org = _org_of(tagged, m)
            org_ref = org.value if org is not None else (context_org if rule.get("org_from_context") else None)
            if org_ref is None or (org is None and _other_org_named(tagged, org_ref)):
                continue
            start = end = None
            if rule.get("date_role"):
                when = _date_near(tagged, m)
                if rule["date_role"] == "start":
                    start = when
                else:
                    end = when
            for member in tagged.group_mentions(m, "members", "S"):
                if member.value.key == org_ref.key:
                    continue
                yield Membership(member.value, org_ref, rule["status"], _evidence(tagged, rule["id"]),
                                 start=start, end=end)


def find_non_memberships(tagged: TaggedSentence) -> Iterator[NonMembership]:
    for rule, pattern in _compiled("non_membership"):
        for m in pattern.finditer(tagged.tagged):
            if blocked(tagged, m.start(), m.end(), _NEGATIVE_BLOCKERS):
                continue
            org = _org_of(tagged, m)
            if org is None:
                continue
            for member in tagged.group_mentions(m, "members", "S"):
                yield NonMembership(member.value, org.value, _evidence(tagged, rule["id"]))


def find_neutrality(tagged: TaggedSentence) -> Iterator[Neutrality]:
    for rule, pattern in _compiled("neutrality"):
        for m in pattern.finditer(tagged.tagged):
            if blocked(tagged, m.start(), m.end(), _POSITIVE_BLOCKERS):
                continue
            for state in tagged.group_mentions(m, "state", "S"):
                yield Neutrality(state.value, _evidence(tagged, rule["id"]))

