"""Every IRI minted from a file name or from metadata passes through here and comes out valid.

A file may be called `a b.txt`, `<x>.txt` or carry bytes that are not UTF-8; a
front matter `source:` may be `not a url`. One such article used to stop the
reasoner (`InvalidIriCodePoint`) and with it the whole build. RFC 3987 says which
code points an IRI may hold; anything else is percent-encoded as UTF-8 bytes
(`%` itself too, so `a%20b` and `a b` stay two names).
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode
from rdflib import URIRef

#: ASCII allowed in a path segment (RFC 3987 iunreserved, sub-delims, ":" and "@"), "%" excluded.
_SEGMENT_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@")
#: ASCII allowed anywhere in an absolute IRI beyond a segment's: "/", "?", "#", and "%" of a valid escape.
_IRI_ASCII = _SEGMENT_ASCII | frozenset("/?#[]")
#: RFC 3987 ucschar: the non-ASCII code points an IRI may hold unescaped.
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF),
    *((plane + 0x0000, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)),
    (0xE1000, 0xEFFFD),
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _ucschar(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in _UCSCHAR)


def _encode(ch: str) -> str:
    # surrogateescape: a file name's undecodable bytes come back as the bytes they were
    data = ch.encode("utf-8", "surrogateescape" if 0xDC80 <= ord(ch) <= 0xDCFF else "surrogatepass")
    return "".join(f"%{b:02X}" for b in data)


def segment(text: str, safe: str = "") -> str:
    """`text` as one IRI path segment: every code point not allowed there (nor in `safe`) percent-encoded."""
    return "".join(ch if ch in _SEGMENT_ASCII or ch in safe or (ord(ch) > 0x7F and _ucschar(ord(ch)))
                   else _encode(ch) for ch in str(text))


def mint(base: str, *parts: object) -> URIRef:
    """`base` (a namespace IRI of this project) followed by `parts` as encoded segments joined by "/"."""
    return URIRef(base + "/".join(segment(str(p)) for p in parts))


def mint_path(base: str, path: str) -> URIRef:
    """Like `mint`, for an extractor key that may itself hold "/" between its segments."""
    return URIRef(base + segment(path, safe="/"))


def external(value: str) -> URIRef | None:
    """A user-given IRI (a `source:` URL) made valid, or None when it is not an absolute IRI at all.

    Characters an IRI cannot hold (spaces, `<>"{}|\\^``, controls) are percent-encoded,
    and so is a `%` not followed by two hex digits; a value without a scheme, or with
    whitespace inside the scheme part, is refused rather than guessed at.
    """
    value = str(value).strip()
    m = _SCHEME.match(value)
    if not m or len(value) == m.end():
        return None
    rest = value[m.end():]
    out = []
    for i, ch in enumerate(rest):
        if ch == "%" and _ESCAPE.match(rest, i):
            out.append(ch)
        elif ch in _IRI_ASCII or (ord(ch) > 0x7F and _ucschar(ord(ch))):
            out.append(ch)
        else:
            out.append(_encode(ch))
    iri = m.group(0) + "".join(out)
    try:
        NamedNode(iri)  # Oxigraph's parser is the same strict one the reasoner and the store use
    except ValueError:
        return None
    return URIRef(iri)
