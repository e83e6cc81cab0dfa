"""The query page in real headless Chromium: load it, run a competency question, see the rows.

Chromium (Debian package `chromium`) is driven over the DevTools protocol with
websocket-client. Skips with the reason when chromium or the vendored editor is absent
(`make chromium vendor`, which .ci/run does).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from test_server_support import FIXTURE, ROOT, free_port, running_server, stop_process_group

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VENDOR = ROOT / "server" / "static" / "vendor" / "yasgui.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class DevTools:
    """The smallest DevTools client: send a command, wait (bounded) for its answer."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg.get("result", {})
        raise TimeoutError(method)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, limit: float = 30):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.2)
        raise TimeoutError(expression)


@contextlib.contextmanager
def chromium(url: str):
    port = free_port()
    profile = tempfile.mkdtemp(prefix="akg-chromium-")
    proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
                             "--remote-allow-origins=*", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as resp:
                    pages = [t for t in json.load(resp) if t.get("type") == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.2)
        tools = DevTools(pages[0]["webSocketDebuggerUrl"])
        try:
            yield tools
        finally:
            tools.ws.close()
    finally:
        stop_process_group(proc, grace=10)
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make chromium; CI installs it)")
@pytest.mark.skipif(not VENDOR.is_file(), reason="the query editor is not vendored (make vendor)")
def test_browser_query_page_runs_an_example_and_shows_rows():
    with running_server(FIXTURE, "--workers", "1") as base, chromium(base + "/") as page:
        page.wait_for("document.readyState === 'complete' && !!window.akgYasgui")
        assert page.evaluate("document.querySelectorAll('.CodeMirror').length") >= 1  # the highlighting editor
        page.evaluate("window.akgRunExample('cq01-csto-full-members')")
        cells = page.wait_for(
            "Array.from(document.querySelectorAll('.yasr table tbody td')).map(td => td.textContent).join('|')"
        )
        assert "Armenia" in cells and "Russia" in cells


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make chromium; CI installs it)")
@pytest.mark.skipif(not VENDOR.is_file(), reason="the query editor is not vendored (make vendor)")
def test_browser_result_rows_show_labels_and_click_through_to_the_local_entity_page():
    with running_server(FIXTURE, "--workers", "1") as base, chromium(base + "/") as page:
        page.wait_for("document.readyState === 'complete' && !!window.akgYasgui")
        page.evaluate("window.akgRunExample('cq01-csto-full-members')")
        links = page.wait_for("Array.from(document.querySelectorAll('.akg-results td a'))"
                              ".map(a => a.textContent + '=' + a.getAttribute('href')).join('|')")
        assert "Armenia=/id/state/Armenia" in links and "Russia=/id/state/Russia" in links
        page.evaluate("Array.from(document.querySelectorAll('.akg-results td a'))"
                      ".find(a => a.textContent === 'Armenia').click()")
        page.wait_for("location.pathname === '/id/state/Armenia' && document.readyState === 'complete'")
        assert page.evaluate("document.querySelector('h1').textContent") == "Armenia"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make chromium; CI installs it)")
@pytest.mark.skipif(not VENDOR.is_file(), reason="the query editor is not vendored (make vendor)")
def test_browser_query_error_reads_as_a_message_not_json():
    with running_server(FIXTURE, "--workers", "1") as base, chromium(base + "/") as page:
        page.wait_for("document.readyState === 'complete' && !!window.akgYasgui")
        page.evaluate("(() => { const t = window.akgYasgui.getTab(); "
                      "t.setQuery('SELECT ?x WHERE { ?x foo:bar ?y }'); t.query(); })()")
        text = page.wait_for("(document.querySelector('.query-error') || {}).textContent")
        assert "unknown prefix foo:" in text and "400 Bad Request" in text
        assert '{"error"' not in text and "^" in text
