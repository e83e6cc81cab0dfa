"""A content-addressed cache of per-article results, so a rebuild redoes only what changed.

The key hashes the article (stem, text and the metadata that reaches its graph)
together with a version of everything that shapes the result: the extraction and
corpus code, the rule and gazetteer data, the RDF mapping, the shapes. Change any of
them and every key changes; nothing stale is ever served. Entries are pickles
written atomically (temporary file + rename) in a folder of the user's own.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from kg.corpus.article import Article

from .document import DocumentResult, metadata_of

_ROOT = Path(__file__).resolve().parent.parent
#: what a per-article result depends on besides the article itself
_VERSIONED = ["extract", "data", "corpus", "graph", "build/document.py", "build/quads.py", "iri.py", "model.py",
              "gazetteer.py", "gazetteer_data.py", "gazetteer_text.py", "dates.py", "namespaces.py"]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code and data files behind a per-article result (and the shapes)."""
    h = hashlib.sha256()
    files = []
    for name in _VERSIONED:
        p = _ROOT / name
        files += sorted(p.rglob("*")) if p.is_dir() else [p]
    files.append(_ROOT.parent / "ontology" / "shapes.ttl")
    files.append(_ROOT.parent / "ontology" / "akg.ttl")
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(_ROOT.parent)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def article_key(article: Article) -> str:
    h = hashlib.sha256(code_version().encode())
    meta = metadata_of(article)
    for part in (article.stem, article.text, *(str(meta[k]) for k in sorted(meta))):
        data = part.encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> DocumentResult | None:
        try:
            with open(self._path(article_key(article)), "rb") as fh:
                result = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        result.file = str(article.path)  # the same text may now sit in another folder
        return result

    def put(self, article: Article, result: DocumentResult) -> None:
        path = self._path(article_key(article))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            return  # a cache that cannot be written only costs time
