"""What the cascade's tests read from one text: its memberships as (member, organization, status, date)."""

from __future__ import annotations

from kg.dates import PartialDate
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership, NonMembership

PUB = PartialDate.parse("2025-01-07")


def facts(text: str, gaz: Gazetteer, negatives: bool = False) -> set[tuple[str, str, str, str]]:
    """Each membership of the text (its start, else its end date), and with `negatives` each explicit
    non-membership as status "not"."""
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    out = {(m.member.key, m.organization.key, m.status, str(m.start or m.end or ""))
           for m in doc.facts if isinstance(m, Membership)}
    if negatives:
        out |= {(m.member.key, m.organization.key, "not", "") for m in doc.facts if isinstance(m, NonMembership)}
    return out
