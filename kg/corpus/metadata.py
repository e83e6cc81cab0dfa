"""`DIR/metadata.csv`: a curator's title, date, publisher and source per article stem.

It wins over front matter and text. Every row is checked and every problem is
reported together, each with its line number; a bad row is ignored as a whole.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from kg.dates import PartialDate
from kg.errors import CorpusError

COLUMNS = ("stem", "title", "date", "publisher", "source")
OPTIONAL_COLUMNS = ("language",)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")


def read_metadata(path: Path) -> tuple[dict[str, dict], list[str]]:
    """Rows by stem (values: str, or PartialDate for "date"; empty cells left out) and error messages."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [f"cannot read: {exc.strerror or exc}"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return {}, [f"not UTF-8: invalid byte 0x{raw[exc.start]:02x} at byte offset {exc.start}"]
    return parse_metadata(text)


def parse_metadata(text: str) -> tuple[dict[str, dict], list[str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="__extra__")
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "stem" not in header:
        hint = "; cells must be separated by commas" if any(";" in h or "\t" in h for h in header) else ""
        return {}, [f"line 1: the header must name a 'stem' column (columns: {', '.join(COLUMNS)}){hint}"]
    errors = []
    unknown = [h for h in header if h not in COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        errors.append(f"line 1: unknown column(s) ignored: {', '.join(unknown)}")
    reader.fieldnames = header
    rows: dict[str, dict] = {}
    for row in reader:
        line = reader.line_num
        if row.get("__extra__") is not None:
            errors.append(f"line {line}: more cells than columns")
            continue
        if all(v is None or not v.strip() for v in row.values()):
            continue
        row_errors, entry = _check_row(row, line)
        stem = entry.get("stem")
        if stem and stem in rows:
            row_errors.append(f"line {line}: stem {stem!r} listed twice; the first row counts")
        if row_errors:
            errors += row_errors
            continue
        rows[entry.pop("stem")] = entry
    return rows, errors


def _check_row(row: dict, line: int) -> tuple[list[str], dict]:
    errors, entry = [], {}
    for key, value in row.items():
        if key not in COLUMNS + OPTIONAL_COLUMNS:
            continue
        value = (value or "").strip()
        if value:
            entry[key] = value
    stem = entry.get("stem", "")
    if stem.endswith(".txt"):
        entry["stem"] = stem = stem[:-4]
    if not stem:
        errors.append(f"line {line}: empty stem")
    elif "/" in stem or "\\" in stem:
        errors.append(f"line {line}: stem {stem!r} must be a file name without folder")
    if "date" in entry:
        try:
            entry["date"] = PartialDate.parse(entry["date"])
        except ValueError:
            errors.append(f"line {line}: date {entry['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if "source" in entry and not _URL.fullmatch(entry["source"]):
        errors.append(f"line {line}: source {entry['source']!r} is not a URL")
    return errors, entry


def load_metadata(path: Path) -> dict[str, dict]:
    """Like read_metadata, but any bad row is an error: one CorpusError lists them all."""
    rows, errors = read_metadata(path)
    if errors:
        raise CorpusError(f"{path}: " + "; ".join(errors))
    return rows
