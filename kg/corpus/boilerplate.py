"""Finding web-page boilerplate in a saved article: buttons, prompts, captions, related links, tags.

Pages saved as text keep the chrome around an article. Extractors must not read
"Serbia Will Never Join NATO ..." from a related-headlines list as a fact of this
article, nor a photo caption twice. Line patterns come from kg/data/boilerplate.json;
structural rules (header timestamps, related-headline runs at the end, tag lines,
repeated captions, truncated teasers) use the thresholds given there. Only whole
lines are marked, so the text that remains is always exact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kg.corpus.article import Span
from kg.corpus.lines import Line, lines
from kg.errors import DataFileError
from kg.extract.dates import find_dates


@dataclass(frozen=True)
class _Rules:
    phrases: tuple[tuple[str, str, str], ...]  # (lowercased phrase, kind, id), longest first
    lines: tuple[tuple[re.Pattern[str], str, str], ...]  # (regex, kind, id)
    structure: dict


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Load and check the boilerplate patterns; one error lists every bad pattern."""
    data = json.loads(files("kg.data").joinpath("boilerplate.json").read_text(encoding="utf-8"))
    errors, phrases, line_rules, ids = [], [], [], set()
    for n, group in enumerate(data.get("phrases", [])):
        if not group.get("id") or not group.get("kind") or not group.get("phrases"):
            errors.append(f"phrases[{n}]: needs id, kind and phrases")
            continue
        if group["id"] in ids:
            errors.append(f"phrases[{n}]: duplicate id {group['id']!r}")
        ids.add(group["id"])
        phrases += [(p.lower(), group["kind"], group["id"]) for p in group["phrases"]]
    for n, rule in enumerate(data.get("lines", [])):
        if not rule.get("id") or not rule.get("kind") or not rule.get("regex"):
            errors.append(f"lines[{n}]: needs id, kind and regex")
            continue
        if rule["id"] in ids:
            errors.append(f"lines[{n}]: duplicate id {rule['id']!r}")
        ids.add(rule["id"])
        try:
            line_rules.append((re.compile(rule["regex"], re.IGNORECASE), rule["kind"], rule["id"]))
        except re.error as exc:
            errors.append(f"lines[{n}] ({rule['id']}): bad regex: {exc}")
    if errors:
        raise DataFileError("kg/data/boilerplate.json: " + "; ".join(errors))
    phrases.sort(key=lambda p: -len(p[0]))
    return _Rules(tuple(phrases), tuple(line_rules), data.get("structure", {}))


def find_boilerplate(text: str, start: int = 0) -> list[Span]:
    """Boilerplate spans (whole trimmed lines) in text[start:], sorted by offset."""
    r = rules()
    body = lines(text, start)
    found: dict[int, Span] = {}

    def mark(i: int, kind: str, rule: str) -> None:
        if i not in found:
            found[i] = Span(body[i].start, body[i].end, kind, rule)

    for i, line in enumerate(body):
        hit = _phrase_line(line.text, r) or _pattern_line(line.text, r)
        if hit:
            mark(i, *hit)
    _header_stamps(body, found, mark, r.structure)
    _repeats(body, found, mark, r.structure)
    _tail(body, found, mark, r.structure)
    return sorted(found.values(), key=lambda s: s.start)


def _phrase_line(s: str, r: _Rules) -> tuple[str, str] | None:
    """A line made of UI phrases only ("Community standardsDiscussion", "Share | Tweet")."""
    low, i, first = s.lower(), 0, None
    while i < len(low):
        if low[i] in " \t|•·/,:-–—\u00a0":
            i += 1
            continue
        for phrase, kind, rule in r.phrases:
            if low.startswith(phrase, i):
                first = first or (kind, rule)
                i += len(phrase)
                break
        else:
            return None
    return first


def _pattern_line(s: str, r: _Rules) -> tuple[str, str] | None:
    for regex, kind, rule in r.lines:
        if regex.fullmatch(s):
            return kind, rule
    return None


def is_timestamp(s: str, structure: dict) -> bool:
    """A line of only a time, a date and time-zone or "updated" words: "16:40 GMT24 November 2020"."""
    time = re.compile(structure.get("time_regex", r"\d{1,2}:\d{2}"))
    if not time.search(s) or not find_dates(s, None):
        return False
    rest = s
    for m in sorted(find_dates(s, None), key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = time.sub(" ", rest)
    words = sorted(structure.get("stamp_words", []), key=len, reverse=True)
    if words:
        rest = re.sub("|".join(re.escape(w) for w in words), " ", rest, flags=re.IGNORECASE)
    return not re.sub(r"[\s,.:;|/()\-–—]+", "", rest)


def _header_stamps(body: list[Line], found: dict, mark, structure: dict) -> None:
    """Time stamps at the very top of a page (before any content line) are page chrome."""
    for i, line in enumerate(body[: structure.get("header_lines", 3)]):
        if i in found:
            continue
        if not is_timestamp(line.text, structure):
            return
        mark(i, "timestamp", "header-timestamp")


def _normal(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def _repeats(body: list[Line], found: dict, mark, structure: dict) -> None:
    """Captions printed twice around a photo, and truncated teasers (at the top) of a later paragraph."""
    min_words = structure.get("duplicate_min_words", 4)
    teaser_words = structure.get("teaser_min_words", 8)
    norms = [_normal(line.text) for line in body]
    seen: dict[str, list[int]] = {}
    for i, n in enumerate(norms):
        if len(n.split()) >= min_words:
            seen.setdefault(n, []).append(i)
    for idxs in seen.values():
        if len(idxs) < 2:
            continue
        near_photo = any(
            found.get(j) and found[j].kind in ("caption", "credit") for i in idxs for j in (i - 1, i, i + 1))
        for k, i in enumerate(idxs):
            if near_photo:
                mark(i, "caption", "repeated-caption")
            elif k > 0:
                mark(i, "duplicate", "repeated-line")
    for i, n in enumerate(norms[: structure.get("teaser_lines", 10)]):
        if i in found or len(n.split()) < teaser_words:
            continue
        for j in range(i + 1, len(norms)):
            if len(norms[j]) > len(n) and f" {n} " in f" {norms[j]} " and j not in found:
                mark(i, "duplicate", "teaser")
                break


_TAG_ITEM = r"[\w'’.&-]+(?:[ \u00a0][\w'’.&-]+){0,%d}"


def _is_tag_line(s: str, structure: dict) -> bool:
    """"partnership, agreements, cooperation, NATO": a comma-separated keyword list, no sentence."""
    item = _TAG_ITEM % (structure.get("tag_max_item_words", 3) - 1)
    parts = [p.strip() for p in s.split(",")]
    return (len(parts) >= structure.get("tag_min_items", 3)
            and all(re.fullmatch(item, p) for p in parts) and not s.rstrip().endswith("."))


_BULLET = re.compile(r"[-•*·–—]\s+")


def is_headline_like(s: str, max_words: int) -> bool:
    """Short, starts with a capital or quote, no final full stop: the shape of a headline (or list item)."""
    s = _BULLET.sub("", s, count=1) if _BULLET.match(s) else s
    words = s.split()
    return (1 <= len(words) <= max_words and not s.endswith(".") and bool(re.match(r"[\"“‘'«(]?[A-Z0-9]", s))
            and any(c.isalpha() for c in s))


#: "Member states: A, B, C", "Working languages: ...": a sentence-cased label of two or three words
_FACT_LINE = re.compile(r"[A-Z][a-z]+(?: [a-z]+){1,2}: \S")


#: a line announcing a list of states by their status ("Member states of the OSCE:", "Observers:")
_LIST_HEADING = re.compile(r"(?i)\b(?:members?|observers?|partners?|founders?|founding members?)\b[^:]*:\s*$")


def _title_cased(s: str) -> bool:
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s) if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) / len(long) >= 0.6


def _tail(body: list[Line], found: dict, mark, structure: dict) -> None:
    """Tag lines and a run of related headlines at the end of the page.

    An unlabelled run must be mostly title-cased ("Serbia's New Missile Will Keep
    NATO at Bay"); a bulleted run counts only under a label such as "Related:" or
    "Read more", since a bulleted list closing an article is often content (a
    timeline, key facts).
    """
    max_words = structure.get("headline_max_words", 15)
    run: list[int] = []
    stopper: Span | None = None
    for i in range(len(body) - 1, -1, -1):
        if i in found:
            if run:
                stopper = found[i]
                break
            continue
        s = body[i].text
        if not run and _is_tag_line(s, structure):
            mark(i, "tags", "tag-line")
            continue
        if is_headline_like(s, max_words):
            run.append(i)
            continue
        break
    labelled = stopper is not None and stopper.kind in ("navigation", "related")
    if any(_FACT_LINE.match(body[i].text) or _LIST_HEADING.search(body[i].text) for i in run):
        ok = False  # "Member states: A, B, C" closes a fact box, "Member states of the OSCE:" heads a list
    elif any(_BULLET.match(body[i].text) for i in run):
        ok = labelled and len(run) >= 1
    else:
        titled = sum(_title_cased(body[i].text) for i in run)
        ok = len(run) >= structure.get("related_min_lines", 2) and (
            labelled or titled >= structure.get("related_title_case_share", 0.5) * len(run))
    if ok:
        for i in run:
            mark(i, "related", "related-headlines")
