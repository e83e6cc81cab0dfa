"""What the corpus stage hands on: articles with their metadata and the spans to skip."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.dates import PartialDate
from kg.namespaces import doc_iri


@dataclass(frozen=True)
class Span:
    """A stretch of the article text [start, end) that is not article content, and why."""

    start: int
    end: int
    kind: str  # share, prompt, navigation, caption, credit, related, tags, timestamp, duplicate, dateline ...
    rule: str = ""  # the id of the pattern or structural rule that found it


@dataclass
class Article:
    stem: str
    path: Path
    text: str  # the decoded file (a UTF-8 BOM removed); every offset indexes this string
    body_start: int  # first offset after the front matter block (0 without one)
    title: str | None = None
    date: PartialDate | None = None  # publication date
    date_source: str | None = None  # "metadata" | "front-matter" | "dateline" | "text" | None
    publisher: str | None = None
    source: str | None = None  # URL
    language: str | None = None
    boilerplate: list[Span] = field(default_factory=list)
    datelines: list[Span] = field(default_factory=list)  # "Belgrade, 05 April 2016 –": not content either
    title_source: str | None = None  # "metadata" | "front-matter" | "text" | None
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # front matter keys beyond the known five
    title_span: tuple[int, int] | None = None  # the front matter's title value, when it is the article's title

    @property
    def iri(self) -> URIRef:
        return doc_iri(self.stem)

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    def content_spans(self) -> list[tuple[int, int]]:
        """The body minus boilerplate and datelines, as trimmed (start, end) spans: what extractors read."""
        skip = sorted((s.start, s.end) for s in [*self.boilerplate, *self.datelines])
        spans, cursor = [], self.body_start
        for start, end in skip:
            if start > cursor:
                spans.append((cursor, start))
            cursor = max(cursor, end)
        spans.append((cursor, len(self.text)))
        out = []
        for start, end in spans:
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append((start, end))
        return out

    def headline_span(self) -> tuple[int, int] | None:
        """The front matter's title, for extractors to read before the body ("ECOWAS suspends Guinea" may be
        said nowhere else); None without one, or when the body opens with it."""
        if self.title_span is None:
            return None
        spans = self.content_spans()
        start, end = self.title_span
        headline = " ".join(self.text[start:end].split()).lower()
        first = " ".join(self.text[spans[0][0]:spans[0][1]].split()).lower() if spans else ""
        return None if not headline or first.startswith(headline) else (start, end)

    def content_text(self) -> str:
        """The content spans joined by blank lines: for reading and debugging, never for offsets."""
        return "\n\n".join(self.text[s:e] for s, e in self.content_spans())


@dataclass(frozen=True)
class Problem:
    """A file (or metadata row) that was skipped, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


@dataclass
class Corpus:
    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)
    guessed_dates: list[str] = field(default_factory=list)  # stems whose date was read from the text
    guessed_titles: list[str] = field(default_factory=list)  # stems whose title was read from the text
    undated: list[str] = field(default_factory=list)  # stems with no publication date at all
    warnings: list[str] = field(default_factory=list)
