"""`kg build`: extract, reason and write the knowledge graph."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import click

from kg.errors import CorpusError, KGError

#: Articles above this size are refused with a reason: reading and extraction are linear, about 7-13 s per MB
#: here (make bench-size), so 4 MB keeps one article within a minute.
DEFAULT_MAX_BYTES = 4_000_000


class BuildInterrupted(KGError):
    """SIGTERM or SIGINT during a build: the staging folder is removed, the previous build stays."""

    #: the per-article and global stages re-raise it instead of blaming (and skipping) an article
    stops_build = True


@click.command()
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder of .txt articles (and optional metadata.csv).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Where kg.trig, kg.ttl and report.json are written.")
@click.option("--no-reason", is_flag=True, help="Skip reasoning (no inferred graph).")
@click.option("--engine", type=click.Choice(["default", "reasonable", "owlrl"]), default="default",
              show_default=True, help="OWL 2 RL engine.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse (and report) articles larger than this many bytes.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes for the per-article stages [default: all cores].")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run the per-article stages on a Dask scheduler (e.g. tcp://host:8786).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of cached per-article results [default: OUT/.cache].")
@click.option("--no-cache", is_flag=True, help="Process every article again.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print each stage on stderr as it starts.")
def build(corpus_dir: Path, out_dir: Path, no_reason: bool, engine: str, max_bytes: int, jobs: int | None,
          dask_address: str | None, cache_dir: Path | None, no_cache: bool, quiet: bool, verbose: bool) -> None:
    """Build the knowledge graph from a corpus folder.

    A broken article is reported and left out; the others build. The outputs are
    switched to as one set: a killed or failed build leaves the previous one whole.

    Example: kg build --corpus corpus --out build
    """
    from kg.build.output import write_outputs
    from kg.pipeline import build as run_build

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    started = time.perf_counter()

    def trace(message: str) -> None:
        if verbose:
            click.echo(f"[{time.perf_counter() - started:7.2f}s] {message}", err=True)

    from kg.build.cache import Cache
    from kg.build.parallel import Mapper, default_jobs
    from kg.build.progress import Progress

    progress = Progress(sys.stderr, enabled=sys.stderr.isatty() and not quiet)

    cache = None if no_cache else Cache(cache_dir or out_dir / ".cache")
    mapper = Mapper(jobs or default_jobs(), dask_address, cache)
    with _interruptible(out_dir):
        trace("reading and extracting")
        result = run_build(corpus_dir, reason=not no_reason, engine=engine, progress=progress,
                           max_bytes=max_bytes, mapper=mapper)
        result.timings["cache_hits"] = mapper.hits
        trace(f"built the graph ({mapper.hits} articles from the cache)")
        writing = time.perf_counter()
        paths = write_outputs(result, out_dir, trace)
        wrote = time.perf_counter() - writing
        progress.stage("writing", wrote)
    progress.finish(result.report["documents"], {**result.timings, "writing": wrote}, mapper.hits)
    if not quiet:
        click.echo(_printable(summary(result.report, paths)))


class _interruptible:
    """SIGTERM/SIGINT become BuildInterrupted, so the output stage removes its staging folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.saved: dict = {}

    def _raise(self, signum, _frame):
        name = signal.Signals(signum).name
        raise BuildInterrupted(f"build interrupted by {name}; {self.out_dir} keeps the previous build")

    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            self.saved[sig] = signal.signal(sig, self._raise)
        return self

    def __exit__(self, *exc):
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        return False


def _printable(text: str) -> str:
    """File names may hold bytes that are not UTF-8 (surrogate escapes): show them escaped, never crash."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def summary(report: dict, paths: dict[str, Path]) -> str:
    """The short human summary of a build report."""
    lines = [f"Built {report['documents']} documents, {report['triples']} triples → {paths['trig']}"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report["facts_per_kind"].items()))
    lines.append(f"  facts: {kinds or 'none'}")
    statements = report.get("statements", {})
    if statements.get("per_kind"):
        several = sum(statements.get("with_several_sources", {}).values())
        per = ", ".join(f"{n} {k.removesuffix('Statement')}" for k, n in statements["per_kind"].items())
        lines.append(f"  statements (distinct facts): {per}; {several} stated by more than one document")
    for graph, n in sorted(report["triples_per_graph"].items()):
        lines.append(f"  {n:>6}  {graph}")
    if report.get("guessed_dates"):
        lines.append(f"  dates read from the text (no metadata): {', '.join(report['guessed_dates'])}")
    if report.get("undated"):
        lines.append(f"  no publication date: {', '.join(report['undated'])}")
    stripped = report.get("boilerplate_stripped", {})
    if stripped:
        n = sum(len(v) for v in stripped.values())
        lines.append(f"  boilerplate stripped: {n} spans in {len(stripped)} documents (see report.json)")
    for s in report.get("skipped", []):
        lines.append(f"  skipped {s['file']}: {s['reason']}")
    for w in report.get("warnings", []):
        lines.append(f"  warning: {w}")
    for stem, problems in report.get("shape_violations", {}).items():
        for p in problems:
            lines.append(f"  shape violation in {stem}: {p}")
    contradictions = report.get("contradictions", [])
    lines.append(f"  contradictions: {len(contradictions)}")
    for c in contradictions:
        lines.append(f"    {c['kind']}: {c['message']}")
    lines.append(f"  report: {paths['report']}")
    return "\n".join(lines)
