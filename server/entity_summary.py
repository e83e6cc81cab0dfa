"""What an entity page says first: one row per fact (who, status or role, period) with every source behind it.

Fact nodes are per document and per sentence; here the same fact read in several
documents (or twice in one) becomes one row, its sentences de-duplicated and each
document listed once, as a Wikidata statement shows its references.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from markupsafe import Markup

from server.linked_data import AKG, Fact, Page

#: headings for the kinds of fact, instead of class names
HEADINGS = {
    "Membership": "Memberships", "NonMembership": "Stated non-memberships", "Post": "Posts",
    "NeutralityStatement": "Statements of neutrality", "MilitaryExercise": "Military exercises",
    "Meeting": "Meetings", "Talks": "Talks", "Agreement": "Signings", "Election": "Elections",
    "Forum": "Forums", "Event": "Events", "Contradiction": "Contradictions",
}
#: a type that says more than these wins when a node has several
GENERIC = {"Fact", "Event"}
EVENT_KINDS = {"MilitaryExercise", "Meeting", "Talks", "Agreement", "Election", "Forum", "Event"}
#: statuses in the order a table lists them
STATUS_ORDER = ["FullMember", "Observer", "Partner", "Suspended", "Former", "NonMember"]
STATUS_WORDS = {"FullMember": "member", "Observer": "observer", "Partner": "partner", "Suspended": "suspended",
                "Former": "former member", "NonMember": "not a member"}


def class_name(name: str) -> str:
    """A class name for reading: MilitaryExercise -> Military exercise."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


def humanize(name: str) -> str:
    """A heading for a class without one: NeutralityStatement -> Neutrality statements."""
    if name in HEADINGS:
        return HEADINGS[name]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:] + "s"


@dataclass
class Source:
    document: str
    title: str
    date: str
    publisher: str
    sentences: list[str] = field(default_factory=list)


@dataclass
class Row:
    """One fact with everything that states it."""

    kind: str
    props: dict[str, list[ox.NamedNode | ox.Literal]]
    facts: list[str]
    sources: list[Source]
    flags: list[str] = field(default_factory=list)
    #: numbers of the page's references (Summary.references) that state this row
    refs: list[int] = field(default_factory=list)

    def get(self, name: str) -> ox.NamedNode | ox.Literal | None:
        values = self.props.get(AKG + name)
        return values[0] if values else None

    def values(self, name: str) -> list:
        return self.props.get(AKG + name, [])

    @property
    def start(self) -> str:
        term = self.get("startDate")
        return term.value if term is not None else ""

    @property
    def end(self) -> str:
        term = self.get("endDate")
        return term.value if term is not None else ""

    @property
    def status(self) -> str:
        if self.kind == "NonMembership":
            return "NonMember"
        term = self.get("status")
        return term.value.removeprefix(AKG) if term is not None else ""

    @property
    def status_word(self) -> str:
        return STATUS_WORDS.get(self.status, self.status)

    @property
    def source_dates(self) -> list[str]:
        return sorted(s.date for s in self.sources if s.date)


@dataclass
class Summary:
    memberships: list[Row]
    posts: list[Row]
    events: list[Row]
    others: dict[str, list[Row]]
    mentions: list[Source]
    timeline: Timeline | None
    documents: int
    counts: list[tuple[str, int]]
    #: every document cited on the page once, with every sentence it gives, numbered from 1
    references: list[Source] = field(default_factory=list)


def kind_of(fact: Fact) -> str:
    names = sorted(t.removeprefix(AKG) for t in fact.types if t.startswith(AKG))
    specific = [n for n in names if n not in GENERIC]
    return (specific or names or ["Fact"])[0]


def _source(doc: str, page: Page) -> Source:
    info = page.documents.get(doc, {})
    return Source(doc, info.get("title") or page.names.get(doc, doc), info.get("date", ""), info.get("publisher", ""))


def group_facts(page: Page) -> list[Row]:
    """Facts with the same kind and the same statements (apart from evidence) as one row."""
    rows: dict[tuple, Row] = {}
    sources: dict[tuple, dict[str, Source]] = defaultdict(dict)
    for facts in page.facts.values():
        for fact in facts:
            kind = kind_of(fact)
            props: dict[str, list] = defaultdict(list)
            for p, o in fact.props:
                if o not in props[p]:
                    props[p].append(o)
            key = (kind, tuple(sorted((p, tuple(sorted(str(v) for v in vs))) for p, vs in props.items())))
            row = rows.setdefault(key, Row(kind, dict(props), [], []))
            row.facts.append(fact.iri)
            doc = fact.document or fact.graph
            src = sources[key].setdefault(doc, _source(doc, page))
            if fact.evidence and fact.evidence not in src.sentences:
                src.sentences.append(fact.evidence)
    for key, row in rows.items():
        row.sources = sorted(sources[key].values(), key=lambda s: (s.date, s.title))
    return _merge_undated(list(rows.values()))


_DATES = (AKG + "startDate", AKG + "endDate")


def _merge_undated(rows: list[Row]) -> list[Row]:
    """A fact without dates joins the one dated row that otherwise says the same ("member" + "member since 2002")."""
    def core(r: Row) -> tuple:
        return (r.kind, tuple(sorted((p, tuple(sorted(map(str, vs)))) for p, vs in r.props.items() if p not in _DATES)))

    dated: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if r.start or r.end:
            dated[core(r)].append(r)
    out = []
    for r in rows:
        targets = dated.get(core(r), [])
        if not (r.start or r.end) and len(targets) == 1:
            target = targets[0]
            target.facts += r.facts
            for src in r.sources:
                mine = next((s for s in target.sources if s.document == src.document), None)
                if mine is None:
                    target.sources.append(src)
                else:
                    mine.sentences += [x for x in src.sentences if x not in mine.sentences]
            target.sources.sort(key=lambda s: (s.date, s.title))
        else:
            out.append(r)
    return out


def mentions(page: Page) -> list[Source]:
    """Where the entity itself is a fact node (an event read in several articles): each article and sentence."""
    by_doc: dict[str, Source] = {}
    evidence: dict[str, list[str]] = defaultdict(list)
    derived: dict[str, str] = {}
    for p, o, g in page.statements:
        if p == AKG + "evidence":
            evidence[g].append(o.value)
        elif p == "http://www.w3.org/ns/prov#wasDerivedFrom":
            derived[g] = o.value
    for g, sentences in evidence.items():
        doc = derived.get(g, g)
        src = by_doc.setdefault(doc, _source(doc, page))
        for s in sentences:
            if s not in src.sentences:
                src.sentences.append(s)
    return sorted(by_doc.values(), key=lambda s: (s.date, s.title))


def summarize(page: Page) -> Summary:
    rows = group_facts(page)
    memberships = [r for r in rows if r.kind in ("Membership", "NonMembership")]
    posts = [r for r in rows if r.kind == "Post"]
    events = [r for r in rows if r.kind in EVENT_KINDS]
    others: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r not in memberships and r not in posts and r not in events:
            others[r.kind].append(r)

    def other_side(r: Row) -> str:
        member, org = r.get("member"), r.get("organization")
        side = org if member is not None and member.value == page.iri else member
        return page.names.get(side.value, side.value) if side is not None else ""

    memberships.sort(key=lambda r: (other_side(r).lower(), _status_rank(r.status), r.start))
    _flag_changes(memberships, page.iri)
    posts.sort(key=lambda r: (r.end != "" or _is_true(r.get("former")), r.start))
    events.sort(key=lambda r: (r.get("date").value if r.get("date") is not None else ""))
    docs = {s.document for r in rows for s in r.sources} | {s.document for s in mentions(page)}
    counts: dict[str, int] = defaultdict(int)
    for r in memberships:
        counts[r.status_word] += 1
    summary = Summary(memberships, posts, events, dict(sorted(others.items())), mentions(page),
                      Timeline.of(memberships, page, other_side), len(docs),
                      sorted(counts.items(), key=lambda kv: _status_rank_word(kv[0])))
    summary.references = cite([*memberships, *posts, *events, *(r for rs in others.values() for r in rs)])
    return summary


def cite(rows: list[Row]) -> list[Source]:
    """Number the documents behind the rows once for the page; each row gets the numbers of its sources.

    Ten members read from one sentence of two articles cite [1] [2], instead of
    repeating both sentences ten times.
    """
    refs: dict[str, Source] = {}
    for row in rows:
        for src in row.sources:
            ref = refs.setdefault(src.document, Source(src.document, src.title, src.date, src.publisher))
            ref.sentences.extend(x for x in src.sentences if x not in ref.sentences)
    numbers = {doc: i for i, doc in enumerate(refs, start=1)}
    for row in rows:
        row.refs = [numbers[s.document] for s in row.sources]
    return list(refs.values())


def _status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def _status_rank_word(word: str) -> int:
    inverse = {v: k for k, v in STATUS_WORDS.items()}
    return _status_rank(inverse.get(word, word))


def _is_true(term) -> bool:
    return term is not None and term.value in ("true", "1")


def _flag_changes(rows: list[Row], iri: str) -> None:
    """Mark a pair (member, organization) that sources give different statuses."""
    by_pair: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        member, org = r.get("member"), r.get("organization")
        if member is not None and org is not None:
            by_pair[(member.value, org.value)].append(r)
    for group in by_pair.values():
        statuses = {r.status for r in group}
        if len(statuses) > 1:
            conflict = "NonMember" in statuses and "FullMember" in statuses
            note = "sources disagree" if conflict else "status changed"
            for r in group:
                r.flags.append(f"{note}: " + ", ".join(STATUS_WORDS.get(s, s) for s in sorted(
                    statuses, key=_status_rank)))


# ---------------------------------------------------------------- timeline


@dataclass
class Bar:
    y: int
    x: float
    width: float
    status: str
    label: str
    title: str
    dots: list[float]


@dataclass
class Timeline:
    """Statuses per organization (or member) over the years: bars from start to end, dots for sources."""

    width: int
    height: int
    label_width: int
    years: list[tuple[int, float]]
    bars: list[Bar]

    LEFT = 190
    PLOT = 520
    ROW = 22

    @classmethod
    def of(cls, rows: list[Row], page: Page, side) -> Timeline | None:
        points = [y for r in rows for y in [_year(r.start), _year(r.end), *map(_year, r.source_dates)]
                  if y is not None]
        if not rows or not points:
            return None
        lo, hi = int(min(points)), int(max(points)) + 1
        if hi - lo < 4:
            lo, hi = lo - (4 - (hi - lo)) // 2 - 1, hi + 1
        span = hi - lo

        def x(year: float) -> float:
            return round(cls.LEFT + (year - lo) / span * cls.PLOT, 1)

        bars = []
        for i, r in enumerate(rows):
            seen = [y for y in map(_year, r.source_dates) if y is not None]
            start = _year(r.start) or (min(seen) if seen else None)
            end = _year(r.end) or (max(seen) if seen else start)
            if start is None:
                continue
            end = max(end or start, start)
            period = f"{r.start or 'reported ' + (r.source_dates[0] if r.source_dates else '?')}"
            period += f" – {r.end}" if r.end else ""
            title = f"{side(r)}: {r.status_word}, {period}; {len(r.sources)} source(s)"
            bars.append(Bar(20 + i * cls.ROW, x(start), max(round(x(end) - x(start), 1), 6.0), r.status or "x",
                            side(r)[:28], title, [x(y) for y in seen]))
        step = 1 if span <= 12 else 5 if span <= 60 else 10
        years = [(y, x(y)) for y in range(lo, hi + 1) if y % step == 0]
        height = 30 + len(rows) * cls.ROW
        return cls(cls.LEFT + cls.PLOT + 20, height, cls.LEFT, years, bars)


def _year(value: str | None) -> float | None:
    """2017-10-04 -> 2017.75 (month precision is enough for a bar)."""
    if not value:
        return None
    m = re.match(r"^(-?\d{4})(?:-(\d{2}))?", value)
    if not m:
        return None
    return int(m.group(1)) + ((int(m.group(2)) - 1) / 12 if m.group(2) else 0.0)


def period(row: Row) -> str:
    """since 2018 / 2008 – 2012 / until 2012 / as of 2017-10-04 (the latest source, when the text gives no date)."""
    if row.start and row.end:
        return f"{row.start} – {row.end}"
    if row.start:
        return f"since {row.start}"
    if row.end:
        return f"until {row.end}"
    dates = row.source_dates
    return f"as of {dates[-1]}" if dates else ""


def highlight(sentence: str, names: list[str]) -> Markup:
    """The sentence with the names in it marked (<mark>), everything else escaped."""
    names = sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True)
    if not names:
        return Markup.escape(sentence)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    out, last = [], 0
    for m in pattern.finditer(sentence):
        out.append(Markup.escape(sentence[last:m.start()]))
        out.append(Markup("<mark>") + Markup.escape(m.group()) + Markup("</mark>"))
        last = m.end()
    out.append(Markup.escape(sentence[last:]))
    return Markup("").join(out)
