"""One article in, its facts out: a pure function, so documents can be read in parallel.

Stages inside a document: sentences → base mentions (gazetteer, roles, ministries,
dates) → people (rules, then surname resolution) → tagged sentences → facts
(posts, memberships, non-memberships, neutrality, events).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.dates import PartialDate
from kg.extract.cascade.discourse import descriptions
from kg.extract.cascade.engine import Cascade
from kg.extract.cascade.matching import comes_back
from kg.extract.dates import find_dates
from kg.extract.event_assembly import assemble
from kg.extract.event_reader import EventReader
from kg.extract.events import find_event_mentions
from kg.extract.gazetteer_maps import capital_of_state, capitals_of, country_of_place, entity_ref
from kg.extract.lexicon import phrase_regex, roles
from kg.extract.orgnames import UnlistedOrgs
from kg.extract.people import PersonRegistry, find_names
from kg.extract.posts import counterpart_posts, find_posts, head_posts, joint_posts
from kg.extract.sentences import Sentence, split_sentences
from kg.extract.tagging import Mention, TaggedSentence
from kg.gazetteer import Gazetteer
from kg.model import EntityRef, Event, Fact, Membership, Neutrality, NonMembership, Post


@dataclass
class DocumentFacts:
    """Everything read from one article."""

    stem: str
    facts: list[Fact] = field(default_factory=list)
    entities: dict[tuple[str, str], EntityRef] = field(default_factory=dict)
    sentences: int = 0

    def of(self, kind: type) -> list:
        return [f for f in self.facts if isinstance(f, kind)]


class _Reader:
    def __init__(self, text: str, gazetteer: Gazetteer, date: PartialDate | None) -> None:
        self.text = text
        self.gaz = gazetteer
        self.date = date
        r = roles()
        self.role_re = phrase_regex(list(r.by_phrase) + list(r.plural))
        self.ministry_re = phrase_regex(list(r.ministries))
        nouns = "|".join(sorted(descriptions().org_nouns, key=len, reverse=True))
        # "the bloc", "our alliance", "the Russian-led military bloc": the nouns live in kg/data/descriptions.json
        self.anaphora_re = re.compile(rf"\b(?:the|your|our|this)\s+(?:[\w-]+-(?:nation|member|state|country|led)\s+"
                                      rf"|regional\s+|military\s+|security\s+|economic\s+|western\s+)?(?:{nouns})\b"
                                      rf"|\b(?-i:{_titled(nouns)})(?=\s+(?:[Ss]pokes|[Ss]ecretary|[Cc]hief|[Cc]hair))",
                                      re.IGNORECASE)
        self.people = PersonRegistry()
        self.unlisted = UnlistedOrgs()
        self.main_org: EntityRef | None = None
        self.last_ministry_state: EntityRef | None = None
        self.last_written_date: PartialDate | None = None  # the last absolute date of the sentences tagged

    def base_mentions(self, s: Sentence) -> list[Mention]:
        out: list[Mention] = []
        found = self.gaz.find_all(s.text)
        for start, end, org in self.unlisted.find(s.text, found):  # organizations the gazetteer lacks
            out.append(Mention("O", s.start + start, s.start + end, s.text[start:end], org))
        for m in found:
            ref = entity_ref(m.entity, self.gaz)
            kind = {"state": "S", "org": "O", "place": "L"}[m.entity.kind]
            if m.via == "adjective":
                kind = "A"
                capital = self._capital_after(s, m.end) if m.entity.capital else None
                if capital is not None:  # "in the Kazakh capital": the place, spanning both words
                    out.append(Mention("L", s.start + m.start, s.start + capital, s.text[m.start:capital],
                                       entity_ref(self.gaz.get(m.entity.capital), self.gaz)))
                    continue
            out.append(Mention(kind, s.start + m.start, s.start + m.end, m.text, ref))
        for m in self.role_re.finditer(s.text):
            phrase = " ".join(m.group(0).lower().split())
            r = roles()
            role = r.by_phrase.get(phrase) or r.plural.get(phrase)
            before = s.text[max(0, m.start() - 12):m.start()].lower()
            if re.search(r"(?:deputy|vice|assistant|under|junior|state|first)[\s-]+$", before):
                continue  # "First Deputy Minister of Defence" is not the minister
            mod = next((r.modifiers[k] for k in r.modifiers if before.rstrip(" ").endswith(k.rstrip("-"))
                        and k.endswith("-") and before.endswith("-")), None)
            after = s.text[m.end():m.end() + 12].lower()
            if re.match(r"-(?:elect|designate)\b|\s+(?:elect|designate)\b", after):
                mod = "future"  # "President-elect X" is not yet the president
            out.append(Mention("R", s.start + m.start(), s.start + m.end(), m.group(0),
                               {"role": role, "plural": phrase in r.plural, "modifier": mod,
                                "state": self._named_state(phrase) if phrase in r.title_states else None}))
        for d in find_dates(s.text, self.date, previous=self.last_written_date):
            out.append(Mention("D", s.start + d.start, s.start + d.end, d.text, d))
            if not d.relative:
                self.last_written_date = d.value  # for "in December that year" in a later sentence
        return out

    @staticmethod
    def _capital_after(s: Sentence, end: int) -> int | None:
        """End (in the sentence) of "capital" right after a state adjective ("the Kazakh capital")."""
        m = re.match(r"\s+capital\b(?!\s+(?:city\s+)?of\b)", s.text[end:])
        return end + m.end() if m else None

    def ministries(self, s: Sentence, base: list[Mention]) -> list[Mention]:
        out = []
        for m in self.ministry_re.finditer(s.text):
            start = s.start + m.start()
            state = None
            for b in base:
                gap = self.text[b.end:start]
                if b.kind in "SA" and b.end <= start and re.fullmatch(r"(?:['’]s)?\s*(?:the\s+)?", gap):
                    state = b.value
            state = state or self._named_state(m.group(0)) or self.last_ministry_state
            self.last_ministry_state = state or self.last_ministry_state
            out.append(Mention("M", start, s.start + m.end(), m.group(0),
                               {"role": roles().ministries[" ".join(m.group(0).lower().split())], "state": state}))
        return [m for m in out if not any(b.start < m.end and m.start < b.end and b.kind in "SO" for b in base)]

    def _named_state(self, ministry: str) -> EntityRef | None:
        """The state a ministry or a title names by itself ("the State Department", "the Tánaiste"),
        from kg/data/roles.json."""
        phrase = " ".join(ministry.lower().split())
        name = dict(roles().ministry_states).get(phrase) or roles().title_states.get(phrase)
        entity = self.gaz.lookup(name) if name else None
        return entity_ref(entity, self.gaz) if entity is not None else None

    def anaphora(self, s: Sentence, base: list[Mention]) -> list[Mention]:
        if self.main_org is None:
            return []
        out = []
        for m in self.anaphora_re.finditer(s.text):
            start, end = s.start + m.start(), s.start + m.end()
            if any(b.start < end and start < b.end + 1 for b in base if b.kind == "O"):
                continue
            noun = m.group(0).lower().split()[-1]
            names = " ".join((self.main_org.label, *self.main_org.aliases)).lower()
            kind = descriptions().org_nouns[noun]
            if kind == "military" and "MilitaryAlliance" not in self.main_org.types:
                continue
            if kind == "named" and noun not in names:
                continue
            if m.group(0).split()[-1][:1].isupper() and re.match(r"\s+(?:for|of)\b", s.text[m.end():]):
                continue  # "the Organization for ..." is a name; "the bloc of Kenya, Uganda and ..." is not
            out.append(Mention("O", start, end, m.group(0), self.main_org))
        return out


_PRONOUN = re.compile(r"(?:It|The\s+country)(?=\s+(?:is|was|has|had|joined|left|remains|became|also|still|now)\b)"
                      r"|Its(?=\s+(?:[\w-]+\s+){0,2}(?:minister|president|spokes\w+|prime|secretary|ambassador))")
_TOPIC = re.compile(r"[\"“]?⟦S(\d+)⟧")


def _topic_pronoun(s: Sentence, previous: TaggedSentence | None) -> Mention | None:
    """"It" opening a sentence, when the sentence before opened with a state: that state.

    ("Armenia's alternatives remain thin. It has been a NATO partner since 1994.")
    Only the sentence-initial pronoun and only a state that was the previous sentence's
    first word, so the referent is the topic both sentences share.
    """
    m = _PRONOUN.match(s.text)
    if m is None or previous is None:
        return None
    topic = _TOPIC.match(previous.tagged)
    if topic is None:
        return None
    state = previous.mentions[int(topic.group(1))]
    return Mention("S", s.start, s.start + m.end(), m.group(0), state.value)


def _titled(nouns: str) -> str:
    """"league|forum" -> "League|Forum": an organization noun capitalized before a role ("League spokesman X")."""
    return "|".join(n.capitalize() for n in nouns.split("|"))


def _main_org(all_base: list[list[Mention]], gaz: Gazetteer, text: str = "") -> EntityRef | None:
    """The organization an article is about: named most, counting the headline and lede extra.

    A body counts for itself and half for its organization (an article quoting the European
    Commission is not thereby about the EU); an organization named in the first two sentences (headline and lede,
    where news states its topic) gets one more, and one the article introduces with a noun
    ("the South American trade bloc Mercosur") two more: "the bloc" later means that one.
    """
    counts: Counter[str] = Counter()
    refs: dict[str, EntityRef] = {}
    described = re.compile(rf"\b(?:{'|'.join(descriptions().org_nouns)})\s+$", re.IGNORECASE)
    for i, base in enumerate(all_base):
        lede: set[str] = set()
        for m in base:
            if m.kind == "O":
                ref = m.value
                body = ref.parent is not None
                if body:  # an article about the Human Rights Council is about that body
                    counts[ref.key] += 1.0
                    refs[ref.key] = ref
                while ref.parent is not None:
                    ref = ref.parent
                counts[ref.key] += 0.5 if body else 1.0
                refs[ref.key] = ref
                if i < 2 and not body and ref.key not in lede:
                    lede.add(ref.key)
                    counts[ref.key] += 1
                if not body and described.search(text[max(0, m.start - 30):m.start]):
                    counts[ref.key] += 2
    if not counts:
        return None
    opener = next((m.value for base in all_base[:2] for m in base if m.kind == "O" and m.value.parent is None), None)
    if opener is not None:  # "the organisation", "the bloc" four times: the one the lede named first
        generic = [n for n, kind in descriptions().org_nouns.items() if kind == "any"]
        counts[opener.key] += 0.5 * len(re.findall(rf"\b[Tt]he (?:{'|'.join(generic)})\b(?!\s+(?:of|for)\b)", text))
    named = [n for n, kind in descriptions().org_nouns.items() if kind == "named"]
    for key, ref in refs.items():
        # "the League" four times in an article that names the Arab League once: votes for the Arab League
        nouns = [w for w in ref.label.split() if w.lower() in named]
        for noun in nouns:
            counts[key] += len(re.findall(rf"\b[Tt]he {re.escape(noun)}\b(?!\s+(?:of|for)\b)", text))
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    if len(counts) == 1:
        return refs[top]  # the only organization the article names, even once
    return refs[top] if n >= 2 and n > rest[0][1] else None


def _main_state(tagged_all: list[TaggedSentence]) -> EntityRef | None:
    """The state an article is clearly about: mentioned at least twice as often as any other."""
    counts: Counter[str] = Counter()
    refs: dict[str, EntityRef] = {}
    for t in tagged_all:
        for m in t.mentions:
            if m.kind in "SA" and isinstance(m.value, EntityRef):
                counts[m.value.key] += 1
                refs[m.value.key] = m.value
    ranked = counts.most_common(2) + [("", 0), ("", 0)]
    (top, n), (_, second) = ranked[0], ranked[1]
    return refs[top] if n >= 3 and n >= 2 * second else None


def extract_document(stem: str, text: str, spans: list[tuple[int, int]], date: PartialDate | None,
                     gazetteer: Gazetteer, headline: tuple[int, int] | None = None) -> DocumentFacts:
    """All facts of one article (its text, the spans to read, its publication date).

    `headline` (the front matter's title) is read first, like a sentence of the text, but does not count
    towards the organization the article is about: a headline names what is new ("Armenia votes for an EU
    future"), the body what the article goes on about."""
    reader = _Reader(text, gazetteer, date)
    sentences = split_sentences(text, [headline, *spans] if headline else spans)
    base = [reader.base_mentions(s) for s in sentences]
    reader.main_org = _main_org([b for s, b in zip(sentences, base, strict=True)
                                 if headline is None or s.start >= headline[1]], gazetteer, text)
    for s, b in zip(sentences, base, strict=True):
        b.extend(reader.ministries(s, b))
        b.extend(reader.anaphora(s, b))
    # people: names in person contexts first, then every later mention of them
    for s, b in zip(sentences, base, strict=True):
        first = TaggedSentence.build(text, s.start, s.end, b)
        for _start, _end, name in find_names(first):
            reader.people.add(name)
    surnames = reader.people.surname_regex()
    tagged_all: list[TaggedSentence] = []
    for s, b in zip(sentences, base, strict=True):
        people = []
        if surnames is not None:
            for m in surnames.finditer(s.text):
                person = reader.people.resolve(m.group(0))
                if person is not None:
                    people.append(Mention("P", s.start + m.start(), s.start + m.end(), m.group(0), person.ref()))
        mentions = people + [x for x in b if not any(p.start < x.end and x.start < p.end for p in people)]
        topic = _topic_pronoun(s, tagged_all[-1] if tagged_all else None)
        if topic is not None:
            mentions.append(topic)
        tagged_all.append(TaggedSentence.build(text, s.start, s.end, mentions))

    out = DocumentFacts(stem, sentences=len(sentences))
    main_state = _main_state(tagged_all)

    def ministry_state(m: Mention) -> EntityRef | None:
        return m.value.get("state")

    event_mentions = []
    cascade = Cascade(text, date, capitals_of(gazetteer), reader.main_org)
    events_reader = EventReader(cascade.lex, date, cascade.context_org, capitals=capital_of_state(gazetteer))
    for tagged in tagged_all:
        for m in tagged.mentions:
            if isinstance(m.value, EntityRef):
                out.entities[(m.value.kind, m.value.key)] = m.value
            elif m.kind in "MR" and m.value.get("state"):
                st = m.value["state"]
                out.entities[(st.kind, st.key)] = st
        found_posts = list(find_posts(tagged, ministry_state, main_state, reader.main_org))
        out.facts.extend(found_posts + joint_posts(tagged, found_posts))
        out.facts.extend(head_posts(tagged))
        out.facts.extend(cascade.sentence(tagged))
        # exercises (named, across documents) are read by the older rules; every other event by the frames
        event_mentions.extend(e for e in find_event_mentions(tagged, date) if e.type == "MilitaryExercise")
        event_mentions.extend(events_reader.sentence(tagged, cascade.tokens))
    out.facts.extend(counterpart_posts(tagged_all, [f for f in out.facts if isinstance(f, Post)]))
    events = assemble(event_mentions, date, country_of=country_of_place(gazetteer))
    for ev in events:
        for p in list(ev.participants):
            out.entities[(p.kind, p.key)] = p
            if p.parent is not None:  # a body taking part means its organization takes part
                ev.add_participant(p.parent)
                out.entities[(p.parent.kind, p.parent.key)] = p.parent
        if ev.location:
            out.entities[(ev.location.kind, ev.location.key)] = ev.location
    out.facts.extend(events)
    out.facts = _left_since(_dedupe(out.facts, date))
    return out


def _left_since(facts: list[Fact]) -> list[Fact]:
    """A full membership the article itself says ended: "1973 – Denmark, Ireland, UK" in a timeline and
    "the UK left in 2020" later. The leaving is the article's last word, unless a joining after it
    ("quit in 1966, returned in 2009") says otherwise; then the leaving is dropped, not the return."""
    left: dict[tuple[str, str], PartialDate | None] = {}
    for f in facts:
        if isinstance(f, Membership) and f.status == "Former":
            key = (f.member.key, f.organization.key)
            left[key] = max(left[key], f.end) if left.get(key) and f.end else (f.end or left.get(key))
    if not left:
        return facts

    def ended(f: Fact) -> bool:
        if not isinstance(f, Membership) or f.status != "FullMember" or comes_back(f.evidence.rule):
            return False  # "Kiribati returned to the fold", "the Maldives rejoined": after the leaving
        key = (f.member.key, f.organization.key)
        if key not in left:
            return False
        end = left[key]
        return f.start is None or end is None or f.start <= end

    rejoined = {(f.member.key, f.organization.key) for f in facts if isinstance(f, Membership)
                and f.status == "FullMember" and f.start is not None
                and left.get((f.member.key, f.organization.key)) is not None
                and f.start > left[(f.member.key, f.organization.key)]}
    # a leaving the state came back from is history, not its status: "The Gambia left in 2013 ... rejoined"
    back = rejoined | {(f.member.key, f.organization.key) for f in facts if isinstance(f, Membership)
                       and f.status == "FullMember" and comes_back(f.evidence.rule)
                       and (f.member.key, f.organization.key) in left
                       and (f.start is None or left[(f.member.key, f.organization.key)] is None
                            or f.start >= left[(f.member.key, f.organization.key)])}
    return [f for f in facts if not (ended(f) and (f.member.key, f.organization.key) not in rejoined)
            and not (isinstance(f, Membership) and f.status == "Former"
                     and (f.member.key, f.organization.key) in back)]


def _dedupe(facts: list[Fact], date: PartialDate | None) -> list[Fact]:
    seen: set = set()
    result: list[Fact] = []
    for f in facts:
        if isinstance(f, Membership):
            # a dated statement is kept beside an undated one of the same membership: the date is news
            key = ("m", f.member.key, f.organization.key, f.status, str(f.start), str(f.end))
        elif isinstance(f, NonMembership):
            key = ("n", f.member.key, f.organization.key)
        elif isinstance(f, Post):
            key = ("p", f.holder.key, f.role, f.post_in.key)
            if f.attested is None and not f.former:
                f = Post(f.holder, f.role, f.post_in, f.evidence, f.former, f.acting, date)
        elif isinstance(f, Neutrality):
            key = ("z", f.state.key)
        elif isinstance(f, Event):
            key = ("e", id(f))
        else:
            key = ("?", id(f))
        if key in seen:
            continue
        seen.add(key)
        result.append(f)
    return result
