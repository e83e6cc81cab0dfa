"""A corpus of the seeds plus one article, added as the README says, passes the tests that read the corpus.

Regression: adding an article made `make test` fail (two tests assumed exactly five seed articles). The added
article opens with the README's own front matter example. This runs the test modules that read the corpus
(those importing corpus_support) in a child pytest with AKG_CORPUS set, as `make test CORPUS=DIR` does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_support import ROOT

HERE = Path(__file__).resolve().parent
SIXTH = HERE / "data" / "sixth" / "005_finland_joins_nato.txt"


def _readme_front_matter() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Adding articles"):]
    return re.search(r"```\n(---\n.*?---\n)```", section, flags=re.S).group(1)


def test_sixth_article_opens_with_the_readme_front_matter():
    assert SIXTH.read_text(encoding="utf-8").startswith(_readme_front_matter())


def _corpus_tests() -> list[str]:
    return sorted(p.name for p in HERE.glob("test_*.py")
                  if p.name != Path(__file__).name and "from corpus_support import" in p.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("AKG_CORPUS")), reason="already running on a chosen corpus")
def test_seeds_plus_one_article_pass_the_corpus_tests(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(SIXTH, corpus)
    modules = _corpus_tests()
    assert len(modules) >= 8, modules
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow", "-p", "no:cacheprovider",
                           "-p", "no:warnings",
                           *modules], cwd=HERE, env={**os.environ, "AKG_CORPUS": str(corpus)},
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:]
