"""Reading a corpus folder into `Article`s: decoding, front matter, metadata, boilerplate, dates.

Precedence for title, date, publisher and source: `DIR/metadata.csv` (a curator's
word) over front matter over what the text says (dateline, headline, top stamp).

Decisions:
- The stored text is the file decoded as UTF-8 with a leading BOM removed; line
  endings are kept, nothing is normalised, and every offset indexes that string.
- A file that cannot be used (not UTF-8, empty or whitespace only, NUL bytes,
  unreadable, a directory named x.txt, an unclosed front matter block) is a
  `Problem`; the other files are still read. A bad date in front matter keeps the
  article (warning) and the date is then read from the text.
- Only `*.txt` directly in the folder are articles; hidden files are ignored, and
  so are other files (metadata.csv, README).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.corpus.article import Article, Corpus, Problem, Span
from kg.corpus.boilerplate import find_boilerplate
from kg.corpus.dateline import find_datelines, stamp_is_contradicted
from kg.corpus.frontmatter import parse_front_matter
from kg.corpus.lines import Line, lines
from kg.corpus.metadata import read_metadata
from kg.corpus.title import guess_title
from kg.dates import PartialDate
from kg.errors import CorpusError
from kg.extract.dates import find_dates
from kg.iri import external

METADATA_FILE = "metadata.csv"
PMap = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]
_BOM = b"\xef\xbb\xbf"


def decode(path: Path) -> str:
    """The file's text, or CorpusError saying plainly why it cannot be used."""
    if path.is_dir():
        raise CorpusError("is a directory, not a text file")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise CorpusError("cannot read: permission denied") from None
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError("not UTF-8: the file is UTF-16 (byte order mark FF FE / FE FF); save it as UTF-8")
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise CorpusError(f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                          f"(line {line})") from None
    if "\x00" in text:
        raise CorpusError("contains NUL bytes: not a text file")
    if not text.strip():
        raise CorpusError("empty file" if not text else "only whitespace, no text")
    return text


def read_article(path: Path, metadata: dict[str, dict] | None = None) -> Article:
    """One article; `metadata` is the corpus's metadata.csv rows by stem (this file's row is used)."""
    path = Path(path)
    stem = path.name[:-4] if path.name.endswith(".txt") else path.stem
    text = decode(path)
    front = parse_front_matter(text)
    body_start = front.end if front else 0
    if not text[body_start:].strip():
        raise CorpusError("front matter but no article text")
    article = Article(stem=stem, path=path, text=text, body_start=body_start)
    if front:
        article.warnings += front.warnings
        article.extra = dict(front.extra)
    article.boilerplate = find_boilerplate(text, body_start)
    _apply_text(article)
    if front:
        _apply(article, front.fields, "front-matter")
        article.title_span = front.spans.get("title")
    row = (metadata or {}).get(stem)
    if row:
        _apply(article, row, "metadata")
    if article.title_span is not None and article.title != text[slice(*article.title_span)]:
        article.title_span = None  # metadata.csv gave another title: it is not in the text
    return article


def _apply(article: Article, fields: dict, source: str) -> None:
    """Overwrite what `fields` gives (a metadata row or front matter) on top of what was read."""
    if fields.get("date"):
        value = fields["date"]
        try:
            date = value if isinstance(value, PartialDate) else PartialDate.parse(str(value))
        except ValueError:
            article.warnings.append(f"{source} date {value!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD); "
                                    f"ignored")
        else:
            article.date, article.date_source = date, source
    if fields.get("title"):
        article.title, article.title_source = str(fields["title"]), source
    for key in ("publisher", "language"):
        if fields.get(key):
            setattr(article, key, str(fields[key]))
    if fields.get("source"):
        iri = external(str(fields["source"]))
        if iri is None:
            article.warnings.append(f"{source} source {str(fields['source'])[:80]!r} is not an absolute IRI "
                                    f"(scheme:...); dropped, the article is kept")
        else:
            article.source = str(iri)


def _apply_text(article: Article) -> None:
    """Title and date from the text itself: headline, dateline, and as a last resort a top stamp."""
    head = outside(lines(article.text, article.body_start), [(s.start, s.end) for s in article.boilerplate])
    datelines = find_datelines(head)
    article.datelines = [d.span for d in datelines]
    title = guess_title(head, [(d.span.start, d.span.end) for d in datelines])
    if title:
        article.title, article.title_source = title, "text"
    if datelines:
        article.date, article.date_source = datelines[0].date, "dateline"
        return
    stamp = _top_stamp(article)
    if stamp and not stamp_is_contradicted(stamp, article.text, article.content_spans()):
        article.date, article.date_source = stamp, "text"


def outside(items: list[Line], spans: list[tuple[int, int]]) -> list[Line]:
    """The lines not wholly inside any one span, in linear time (after sorting).

    A line [a, b) lies inside some span iff, among the spans starting at or before a,
    the furthest end reaches b: one pass over both lists sorted by start, not lines × spans.
    """
    spans = sorted(spans)
    out, i, reach = [], 0, -1
    for ln in sorted(items, key=lambda x: x.start):
        while i < len(spans) and spans[i][0] <= ln.start:
            reach = max(reach, spans[i][1])
            i += 1
        if reach < ln.end:
            out.append(ln)
    return out


def _top_stamp(article: Article) -> PartialDate | None:
    for span in article.boilerplate:
        if span.kind == "timestamp":
            found = [m for m in find_dates(article.text[span.start:span.end], None) if not m.end_value]
            if found:
                return found[0].value
    return None


def read_corpus(directory: Path, max_bytes: int | None = None, pmap: PMap | None = None) -> Corpus:
    """Every readable article of a folder; unusable files become `Problem`s, never exceptions.

    `max_bytes`: a file larger than this is refused (a Problem saying so) before it is read.
    `pmap(function, items)`: an ordered map to read the files with (e.g. over a process pool;
    each file is read on its own, so the corpus is the same whichever map reads it).

    Raises CorpusError only when the folder itself is missing or unreadable.
    """
    directory = Path(directory)
    if not directory.exists():
        raise CorpusError(f"corpus folder not found: {directory}")
    if not directory.is_dir():
        raise CorpusError(f"not a folder: {directory}")
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise CorpusError(f"cannot list corpus folder {directory}: {exc.strerror or exc}") from None

    corpus = Corpus(articles=[])
    metadata: dict[str, dict] = {}
    meta_path = directory / METADATA_FILE
    if meta_path.exists():
        metadata, errors = read_metadata(meta_path)
        corpus.problems += [Problem(meta_path, e) for e in errors]

    paths = [p for p in entries if p.name.endswith(".txt") and not p.name.startswith(".")]
    stems = {path.name[:-4] for path in paths}
    jobs = [(path, max_bytes, metadata.get(path.name[:-4])) for path in paths]
    for path, (article, problem) in zip(paths, (pmap or map)(read_one, jobs), strict=True):
        if article is not None:
            corpus.articles.append(article)
        else:
            corpus.problems.append(Problem(path, problem))

    for stem in sorted(set(metadata) - stems):
        corpus.warnings.append(f"{METADATA_FILE}: row for {stem!r} but no file {stem}.txt")
    for a in corpus.articles:
        corpus.warnings += [f"{a.stem}: {w}" for w in a.warnings]
    corpus.guessed_dates = [a.stem for a in corpus.articles if a.date_source in ("dateline", "text")]
    corpus.guessed_titles = [a.stem for a in corpus.articles if a.title_source == "text"]
    corpus.undated = [a.stem for a in corpus.articles if a.date is None]
    return corpus


def read_one(job: tuple[Path, int | None, dict | None]) -> tuple[Article | None, str]:
    """(the article, "") or (None, why it cannot be used) for one (path, max_bytes, metadata row)."""
    path, max_bytes, row = job
    try:
        _check_size(path, max_bytes)
        return read_article(path, {path.name[:-4]: row} if row else None), ""
    except CorpusError as exc:
        return None, str(exc)


def _check_size(path: Path, max_bytes: int | None) -> None:
    if max_bytes is None:
        return
    try:
        size = path.stat().st_size
    except OSError:
        return  # decode() says why it cannot be read
    if size > max_bytes and path.is_file():
        raise CorpusError(f"{size:,} bytes is over the size limit of {max_bytes:,} bytes (--max-bytes); "
                          f"raise the limit to build it")


def stripped(article: Article) -> list[tuple[Span, str]]:
    """The boilerplate spans with their text, for a build report."""
    return [(s, article.text[s.start:s.end]) for s in article.boilerplate]
