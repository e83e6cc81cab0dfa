"""Example queries for the query page: the competency questions, shipped as .rq files."""

from __future__ import annotations

from pathlib import Path

EXAMPLES_DIR = Path(__file__).parent / "examples"


def load_examples(folder: Path = EXAMPLES_DIR) -> list[dict[str, str]]:
    """[{name, title, query}] with the title taken from each file's first comment line."""
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        out.append({"name": path.stem, "title": title, "query": text})
    return out
