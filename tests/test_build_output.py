"""The build's outputs as one set (kg/build/output.py): kills, signals, file modes, identical bytes.

Builds run as real subprocesses (`python -m kg.cli`) so kill -9 and SIGTERM hit a real
build; every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_support import CORPUS

from kg.build.output import FILES, clean_stale, publish

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(CORPUS.glob("*.txt"))


def _corpus(folder: Path, seeds: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for p in seeds:
        shutil.copy(p, folder)
    return folder


def _cmd(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import main; main()", "build", "--corpus", str(corpus),
            "--out", str(out), "-v"]


def _build(corpus: Path, out: Path) -> None:
    subprocess.run(_cmd(corpus, out), check=True, capture_output=True, timeout=120)


#: timings.json differs between any two builds by design; the other files must not
SAME = ("kg.trig", "kg.ttl", "report.json")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in SAME}


def _leftovers(out: Path) -> list[str]:
    current = os.readlink(out / "current")
    return sorted(p.name for p in out.iterdir()
                  if p.name.endswith(".tmp") or (p.name.startswith(".build-") and p.name != current))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Reference outputs of two different corpora (A: two seeds, B: all five)."""
    tmp = tmp_path_factory.mktemp("outputs")
    corpora = {"A": _corpus(tmp / "A", SEEDS[:2]), "B": _corpus(tmp / "B", SEEDS)}
    refs = {}
    for name, corpus in corpora.items():
        _build(corpus, tmp / f"ref{name}")
        refs[name] = _snapshot(tmp / f"ref{name}")
    return tmp, corpora, refs


def test_two_builds_of_the_same_corpus_are_byte_identical(two_builds, tmp_path):
    _, corpora, refs = two_builds
    _build(corpora["B"], tmp_path / "again")
    again = _snapshot(tmp_path / "again")
    for name in SAME:
        assert again[name] == refs["B"][name], name
    assert b'"seconds"' not in again["report.json"]


def test_outputs_have_ordinary_modes(two_builds):
    tmp, _, _ = two_builds
    old = os.umask(0o022)
    os.umask(old)
    for name in FILES:
        mode = stat.S_IMODE((tmp / "refB" / name).stat().st_mode)
        assert mode == 0o666 & ~old, (name, oct(mode))
    assert stat.S_IMODE((tmp / "refB" / "current").resolve().stat().st_mode) == 0o777 & ~old


@pytest.mark.parametrize("marker", ["built the graph", "writing kg.trig", "writing kg.ttl", "writing report.json",
                                    "switching to the new build", "switched"])
def test_kill_9_leaves_the_old_or_the_new_set(two_builds, tmp_path, marker):
    """kill -9 right after the build prints `marker`: every file is from build A, or every file from B."""
    _, corpora, refs = two_builds
    out = tmp_path / "out"
    _build(corpora["A"], out)
    proc = subprocess.Popen(_cmd(corpora["B"], out), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        for line in proc.stderr:
            if marker in line or time.monotonic() > deadline:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    state = _snapshot(out)
    assert state in (refs["A"], refs["B"]), {n: (state[n] == refs["A"][n], state[n] == refs["B"][n]) for n in SAME}
    _build(corpora["B"], out)  # the next build cleans what the killed one left
    assert _snapshot(out) == refs["B"]
    assert _leftovers(out) == []


def test_sigterm_removes_the_staging_folder_and_keeps_the_old_set(two_builds, tmp_path):
    _, corpora, refs = two_builds
    out = tmp_path / "out"
    _build(corpora["A"], out)
    proc = subprocess.Popen(_cmd(corpora["B"], out), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stderr:
            if "writing kg.trig" in line:
                proc.send_signal(signal.SIGTERM)
                break
        err = proc.stderr.read()
    finally:
        code = proc.wait(timeout=30)
        proc.stderr.close()
    state = _snapshot(out)
    if code == 0:  # the signal came after the switch: then the new set is complete
        assert state == refs["B"]
    else:
        assert code == 2 and "Error: build interrupted by SIGTERM" in err and "Traceback" not in err
        assert state == refs["A"]
    assert _leftovers(out) == []


def test_clean_stale_removes_staging_folders_but_not_the_current_one(tmp_path):
    publish(tmp_path, {"kg.trig": lambda fh: fh.write(b"x")})
    current = os.readlink(tmp_path / "current")
    (tmp_path / ".build-dead").mkdir()
    (tmp_path / ".build-dead" / "kg.trig").write_bytes(b"half")
    (tmp_path / ".current.1234.tmp").symlink_to(".build-dead")
    removed = {p.name for p in clean_stale(tmp_path)}
    assert removed == {".build-dead", ".current.1234.tmp"}
    assert (tmp_path / current).is_dir() and (tmp_path / "kg.trig").read_bytes() == b"x"


def test_publish_replaces_an_old_layout_of_plain_files(tmp_path):
    (tmp_path / "kg.trig").write_bytes(b"old")
    publish(tmp_path, {"kg.trig": lambda fh: fh.write(b"new")})
    assert (tmp_path / "kg.trig").is_symlink() and (tmp_path / "kg.trig").read_bytes() == b"new"


def test_a_failing_writer_keeps_the_previous_set(tmp_path):
    publish(tmp_path, {"kg.trig": lambda fh: fh.write(b"one"), "report.json": lambda fh: fh.write(b"{}")})

    def boom(fh):
        fh.write(b"partial")
        raise OSError("disk full")

    with pytest.raises(OSError):
        publish(tmp_path, {"kg.trig": lambda fh: fh.write(b"two"), "report.json": boom})
    assert (tmp_path / "kg.trig").read_bytes() == b"one"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-") and p.name !=
                os.readlink(tmp_path / "current")]
