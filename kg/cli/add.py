"""`kg add ARTICLE...`: put articles into the corpus and bring the build up to date without redoing the rest."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from kg.errors import CorpusError


@click.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("corpus"), show_default=True,
              help="The corpus folder the articles join.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="The build to update.")
@click.option("--no-reason", is_flag=True, help="Skip reasoning (no inferred graph).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes for the new articles [default: all cores].")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of cached per-article results [default: OUT/.cache, where kg build keeps them].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def add(ctx: click.Context, articles: tuple[Path, ...], corpus_dir: Path, out_dir: Path, no_reason: bool,
        jobs: int | None, cache_dir: Path | None, quiet: bool) -> None:
    """Copy ARTICLE files (.txt) into the corpus, then rebuild from the per-article cache.

    Only the new or changed articles are read and extracted again; the global stages
    (entities, statements, reasoning) and the store are redone over all of them, so the
    graph is the one a full `kg build` of the corpus gives. An article with the name of
    one already there replaces it.

    Example: kg add news/2024-03-07-sweden-nato.txt --corpus corpus --out build
    """
    from kg.cli.build import build

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    for a in articles:
        if not a.is_file():
            raise CorpusError(f"{a}: no such file")
        if a.suffix != ".txt":
            raise CorpusError(f"{a}: an article is a .txt file")
    for a in articles:
        target = corpus_dir / a.name
        if target.exists() and target.resolve() == a.resolve():
            continue
        fd, tmp = tempfile.mkstemp(dir=corpus_dir, prefix=".", suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(a, tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    ctx.invoke(build, corpus_dir=corpus_dir, out_dir=out_dir, no_reason=no_reason, jobs=jobs, cache_dir=cache_dir,
               quiet=quiet)
