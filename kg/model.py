"""Facts as plain data: what the extractors find, before anything becomes RDF.

Keeping facts apart from triples (as spaCy keeps matching apart from
set_annotations) lets the extractors be tested without rdflib and lets the graph
writer change without touching a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.dates import PartialDate


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, its offsets in the document text, the rule."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class EntityRef:
    """A resolved real-world entity: one IRI slug across all documents."""

    kind: str  # "state" | "org" | "place" | "person" | "event"
    key: str  # IRI slug under id/{kind}/
    label: str
    types: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    parent: EntityRef | None = None  # the organization a body is part of


@dataclass(frozen=True)
class Membership:
    member: EntityRef
    organization: EntityRef
    status: str  # FullMember | Observer | Partner | Suspended | Former
    evidence: Evidence
    start: PartialDate | None = None
    end: PartialDate | None = None


@dataclass(frozen=True)
class NonMembership:
    """The text says explicitly that the actor is not a member."""

    member: EntityRef
    organization: EntityRef
    evidence: Evidence


@dataclass(frozen=True)
class Post:
    holder: EntityRef
    role: str
    post_in: EntityRef
    evidence: Evidence
    former: bool = False
    acting: bool = False
    attested: PartialDate | None = None


@dataclass
class Event:
    """An event; mutable while a document is read, because later sentences add to it."""

    type: str
    evidence: Evidence
    name: str | None = None
    key: str | None = None
    aliases: list[str] = field(default_factory=list)
    participants: list[EntityRef] = field(default_factory=list)
    location: EntityRef | None = None
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    planned: bool = False
    organizer: EntityRef | None = None

    def add_participant(self, ref: EntityRef) -> None:
        if all(p.key != ref.key or p.kind != ref.kind for p in self.participants):
            self.participants.append(ref)


@dataclass(frozen=True)
class Neutrality:
    state: EntityRef
    evidence: Evidence


Fact = Membership | NonMembership | Post | Event | Neutrality
