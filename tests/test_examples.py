"""Every example command of README.md and of `kg COMMAND --help` runs as written (as datasette and Oxigraph test
their docs): `kg ...` in a scratch copy of the project built from the corpus, `curl ...` against a `kg serve`
started on 127.0.0.1, `make ...` where it is quick and local. A `$ ` example's printed output must match.

"As written" allows two substitutions: the `kg` on PATH is this interpreter's, and a server's port 8000 becomes a
free port. Examples not run are listed in NOT_RUN with the reason; the list may not go stale.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_support import CORPUS, seeds_only
from test_server_support import free_port, request, stop_process_group

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
VENV = ROOT / ".venv"
#: what a reader copies next to the project to run the examples (never written to: they are symlinks)
PROJECT_PARTS = ("corpus", "examples", "tests", "ontology", "kg", "server", "Makefile", "pyproject.toml")
PROGRAMS = ("kg", ".venv/bin/kg", "make", "curl")

#: example → why it is not run here
NOT_RUN = {
    "make serve": "serves until stopped, and vendors the query editor with npm; `kg serve --kg build` is what it runs",
    "make test": "runs this suite",
    "make vendor": "fetches the query editor with npm",
    "make serve HOST=0.0.0.0 PORT=8080": "listens on every interface; servers in tests use 127.0.0.1 only",
    "make bench-build": "a measurement of minutes, not a test",
    "make bench-constructions": "a measurement, and needs ../shared",
    "make bench-constructions2": "a measurement, and needs ../shared (tests/test_constructions_second.py pins it)",
    "make bench-extract": "a measurement, not a test",
    "make bench-functional": "a measurement of minutes, not a test",
    "make bench-questions": "builds 6,000 synthetic articles: a measurement of half an hour, not a test",
    "make bench-server": "installs the bench extra and measures for minutes",
    "make bench-size": "a measurement of minutes (20 MB articles), not a test",
    "kg add news/2024-03-07-sweden-nato.txt --corpus corpus --out build":
        "changes the corpus the other examples read; tests/test_cli_add.py runs kg add on a copy",
    "kg push --graph-store http://127.0.0.1:7878/store --kg build":
        "needs a store listening there; tests/test_push.py runs it against Oxigraph's server",
}
#: inline `make` mentions that are run: quick, local, and writing only into the scratch project
MAKE_RUN = {"make build", "make lint"}


@dataclass(frozen=True)
class Example:
    source: str  # "README.md" or "kg query --help"
    command: str
    expected: str | None = None  # the output printed under a `$ ` command

    @property
    def argv(self) -> list[str]:
        return shlex.split(self.command.replace("\\\n", " "), comments=True)  # a backslash-newline joins lines

    @property
    def key(self) -> str:
        """The command without its comment, as NOT_RUN and MAKE_RUN name it."""
        return " ".join(self.argv)

    @property
    def serves(self) -> bool:
        argv = self.argv
        return argv[0] in ("kg", ".venv/bin/kg") and argv[1] == "serve"


def _commands(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Shell commands of a block, each with the lines printed after it; a quoted string may span lines."""
    found: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for line in lines:
        text = line[2:] if line.startswith("$ ") else line
        if pending or line.startswith("$ ") or text.split(" ", 1)[0] in PROGRAMS:
            pending.append(text)
            try:
                shlex.split("\n".join(pending), comments=True)
            except ValueError:  # an open quote: the command goes on
                continue
            found.append(("\n".join(pending), []))
            pending = []
        elif found and line.strip():
            found[-1][1].append(line)
    return found


def readme_examples(text: str) -> list[Example]:
    examples = []
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M):
        lines = body.rstrip("\n").split("\n")
        if lang not in ("", "sh") or not lines[0].startswith(("$ ", *(p + " " for p in PROGRAMS))):
            continue  # a file's contents (front matter), not commands
        prompt = lines[0].startswith("$ ")
        for command, output in _commands(lines):
            examples.append(Example("README.md", command, "\n".join(output) + "\n" if prompt else None))
    for span in re.findall(r"`((?:kg|make) [^`]+)`", text):
        words = span.split()
        placeholder = any(w.startswith("[") or "…" in w or re.fullmatch(r"[A-Z_]{2,}[\w.]*", w.split("=")[-1])
                          for w in words)  # `GOLD.json`, `CORPUS=DIR`
        if placeholder or (words[0] == "kg" and len(words) < 3):
            continue  # a synopsis (`kg eval GOLD.json [--kg DIR]`) or a verb named in prose (`kg build`)
        examples.append(Example("README.md", span))
    return list(dict.fromkeys(examples))


def help_examples(verb: str, text: str) -> list[Example]:
    """The commands of the `Example:` paragraph(s) of a --help text."""
    examples = []
    inside = False
    for line in text.splitlines():
        head = re.match(r"\s*Examples?:\s*(.*)", line)
        if head:
            inside, line = True, head.group(1)
        elif re.match(r"\S", line):  # "Options:" or another paragraph at the margin
            inside = False
        line = line.strip()
        if inside and line.split(" ", 1)[0] in PROGRAMS:
            examples.append(Example(f"kg {verb} --help", line))
    return examples


def all_examples() -> list[Example]:
    found = readme_examples(README.read_text(encoding="utf-8"))
    for verb in sorted(cli.commands):
        found += help_examples(verb, CliRunner().invoke(cli, [verb, "--help"], terminal_width=200).output)
    return found


EXAMPLES = all_examples()
RUN = [e for e in EXAMPLES if e.key not in NOT_RUN]
SERVERS = [e for e in RUN if e.serves]
CURLS = [e for e in RUN if e.argv[0] == "curl"]
COMMANDS = [e for e in RUN if e not in SERVERS and e not in CURLS]


def _id(e: Example) -> str:
    return f"{e.source}: {' '.join(e.command.split())[:70]}"


def _kg() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.is_file() else [sys.executable, "-c", "from kg.cli import main; main()"]


def _argv(e: Example, port: int | None = None) -> list[str]:
    argv = e.argv
    if argv[0] in ("kg", ".venv/bin/kg"):
        argv = _kg() + argv[1:]
    if port is not None:
        argv = [a.replace("8000", str(port)) for a in argv]
        if e.serves and "--port" not in argv:
            argv += ["--port", str(port)]
    return argv


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A scratch project: the checkout's files linked in, and build/ made by the `kg build --help` example."""
    home = tmp_path_factory.mktemp("project")
    for part in PROJECT_PARTS:
        (home / part).symlink_to(CORPUS if part == "corpus" else ROOT / part)
    if VENV.is_dir():
        (home / ".venv").symlink_to(VENV)
    (build,) = [e for e in COMMANDS if e.source == "kg build --help"]
    done = subprocess.run(_argv(build), cwd=home, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return home


def test_examples_are_found():
    """The extraction itself: a README or help text rewritten so that no example is found must fail here."""
    commands = {e.key for e in EXAMPLES}
    assert ".venv/bin/kg query examples/memberships.rq" in commands
    assert any(e.command.startswith("curl ") and e.source == "README.md" for e in EXAMPLES)
    assert all(any(e.source == f"kg {verb} --help" for e in EXAMPLES) for verb in cli.commands), \
        "every command's --help has an example"
    assert sum(e.expected is not None for e in EXAMPLES) >= 2
    assert set(NOT_RUN) <= commands, f"NOT_RUN names examples the docs no longer give: {set(NOT_RUN) - commands}"


@pytest.mark.parametrize("example", COMMANDS, ids=_id)
def test_example_runs_as_written(example: Example, project: Path):
    argv = _argv(example)
    if argv[0] == "make":
        if example.key not in MAKE_RUN:
            pytest.fail(f"{example.command!r}: add it to MAKE_RUN (quick, local) or to NOT_RUN with a reason")
        if not (project / ".venv" / ".installed").is_file() or subprocess.run(
                ["make", "-q", ".venv/.installed"], cwd=project, capture_output=True).returncode != 0:
            pytest.skip("the .venv is missing or older than pyproject.toml (run `make venv`): make would install")
    done = subprocess.run(argv, cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, f"{example.command}\nexit {done.returncode}\n{done.stderr[-2000:]}"
    assert "Error:" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    if example.expected is not None and seeds_only():  # the README shows the seeds' answers
        got = "\n".join(line.rstrip() for line in done.stdout.splitlines()) + "\n"
        assert got == example.expected, f"{example.command}: the README shows other output"
    if argv[0] != "make" and example.argv[1] == "query":
        assert done.stdout.strip() and not done.stdout.rstrip().endswith("(0 rows)"), \
            f"{example.command}: an example that answers nothing"


@pytest.mark.parametrize("example", SERVERS, ids=_id)
def test_serve_example_answers_and_curl_examples_run(example: Example, project: Path):
    """Each `kg serve` example starts and answers; against the first, every `curl` example runs (HTTP 200)."""
    port = free_port()
    proc = subprocess.Popen(_argv(example, port), cwd=project, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_healthy(proc, port)
        if example == SERVERS[0]:
            assert CURLS and shutil.which("curl"), "curl examples, and curl to run them"
            for curl in CURLS:
                argv = _argv(curl, port) + ["--write-out", "\n%{http_code}", "--max-time", "30"]
                done = subprocess.run(argv, cwd=project, capture_output=True, text=True, timeout=60)
                body, _, status = done.stdout.rpartition("\n")
                assert done.returncode == 0 and status == "200", f"{curl.command}\n{status}\n{body[:500]}"
                assert body.strip(), f"{curl.command}: empty answer"
    finally:
        stop_process_group(proc, grace=15)


def _wait_healthy(proc: subprocess.Popen, port: int, startup: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + startup
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if request("GET", f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not answer /healthz in time")

