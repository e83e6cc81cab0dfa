"""Length-preserving text folding and word tokens, shared by the gazetteer's loader and matcher.

Folding maps one character to one character, so offsets found in folded text are offsets into
the original: names match with or without diacritics, curly quotes or typographic dashes.
"""

import re
import unicodedata

TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if len(base) == 1 and base != ch:
            table[cp] = base
    extra = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ʻ": "'", "ʼ": "'",
             "‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
             "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00a0": " "}
    table.update({ord(k): v for k, v in extra.items()})
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Drop diacritics and normalise quotes and dashes, one character for one, so offsets survive."""
    return text.translate(_FOLD)


def slugify(label: str) -> str:
    """The IRI slug of a label: folded, spaces as ``_``, only letters, digits, ``_`` and ``-`` kept."""
    folded = unicodedata.normalize("NFKD", fold(label))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9_\-]", "", re.sub(r"\s+", "_", ascii_only.strip()))



def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for every word and every punctuation character."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def token_keys(name: str) -> tuple[str, ...]:
    """Trie keys of a name: each token, prefixed by a space when whitespace precedes it."""
    folded = fold(name)
    keys: list[str] = []
    prev_end = None
    for start, end, tok in tokens(folded):
        keys.append(tok if prev_end is None or prev_end == start else " " + tok)
        prev_end = end
    return tuple(keys)


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)

