"""``bm3c serve --processes 2``: two app processes behind the sticky proxy, for real.

A participant on one process saves; a participant on the other process sees the
"someone saved" banner naming that revision within 2 s (the store is what the
processes share). The proxy's own life: a process killed is started again, and
SIGTERM stops the proxy and every process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bm3c.cli.proxy import PROCESS_HEADER, cookie_name
from bm3c.edit.cooperation import set_work
from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.present.work_tables import work_rows
from bm3c.store import Store
from bm3c.texts.format import money
from tests.e2e.actions import open_work_page, type_first_paid_hours, wait_for_cell
from tests.e2e.conftest import ARTIFACTS, ROOT, _free_port, wait_for_app
from tests.e2e.test_documents import go_to

pytestmark = pytest.mark.browser

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
MODEL = "halle-processes"
BANNER = ".st-key-live-banner [data-testid='stAlert']"
#: Records in the page (its own clock, Date.now()) when the banner first names the revision.
ARM = """(want) => {
    window.__seen = null;
    const check = () => {
        const banner = document.querySelector(SELECTOR);
        if (window.__seen === null && banner && banner.textContent.includes(want)) {
            window.__seen = Date.now();
        }
    };
    new MutationObserver(check).observe(
        document.body, {childList: true, subtree: true, characterData: true}
    );
    check();
}""".replace("SELECTOR", json.dumps(BANNER))


def _health(url: str, process: int) -> bytes:
    request = urllib.request.Request(f"{url}/_stcore/health")
    request.add_header("Cookie", f"{cookie_name(int(url.rsplit(':', 1)[1]))}={process}")
    try:
        with urllib.request.urlopen(request, timeout=2) as answer:
            return bytes(answer.read())
    except OSError:
        return b""


def _wait_ready(url: str, server: subprocess.Popen[bytes], processes: tuple[int, ...]) -> None:
    deadline = time.monotonic() + 180
    while not all(_health(url, n) == b"ok" for n in processes):
        assert server.poll() is None, "bm3c serve --processes 2 stopped"
        assert time.monotonic() < deadline, "bm3c serve --processes 2 did not start"
        time.sleep(0.3)


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@contextmanager
def serving(database_url: str, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``bm3c serve --processes 2`` on a free loopback port, its output in ``log``; its URL."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("BM3C_WORKSPACE", None)
    command = [
        *(sys.executable, "-m", "bm3c.cli.main", "serve", str(HALLE), "--processes", "2"),
        *("--headless", "--address", "127.0.0.1", "--port", str(port)),
        *("--database-url", database_url, "--lang", "en"),
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(url, server, (1, 2))
            yield url, server
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)


@pytest.fixture()
def workspace_url(tmp_path: Path) -> str:
    """A fresh workspace database holding the Halle model, saved as a participant would."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    Store(url).save(MODEL, load_cooperation(HALLE), author="Setup", message="import", parent=None)
    return url


def test_a_save_on_one_process_shows_on_the_other_within_two_seconds(
    browser, workspace_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    coop = load_cooperation(HALLE)
    first = work_rows(coop, "fr")[0]
    new_paid = first["paid_hours"] + 100
    edited = set_work(coop, first["activity"], first["member"], new_paid, first["volunteer_hours"])
    after = money(evaluate(edited).member(first["member"]).cash_result_eur, "EUR", "fr")
    log = tmp_path / "serve.log"
    with serving(workspace_url, log) as (url, _server):
        tabs, processes = [], []
        for who, page in (("Anne", ""), ("Bruno", "structures")):
            context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR")
            tab = context.new_page()
            answer = tab.goto(f"{url}/{page}?src=model:{MODEL}&who={who}")
            assert answer is not None
            wait_for_app(tab)
            [cookie] = [c for c in context.cookies() if c["name"].startswith("bm3c_process_")]
            assert answer.headers[PROCESS_HEADER.lower()] == cookie["value"]
            tabs.append(tab)
            processes.append(cookie["value"])
        anne, bruno = tabs
        assert processes[0] != processes[1], "both browsers were put on the same process"
        bruno.get_by_role("heading", name="Structures", exact=True).wait_for()
        bruno.get_by_text("aussi connectés : Anne").wait_for(timeout=15_000)  # across processes

        open_work_page(anne)
        type_first_paid_hours(anne, new_paid)
        wait_for_cell(anne, after)
        bruno.evaluate(ARM, "révision 2")
        anne.get_by_role("button", name="Enregistrer", exact=True).click()
        anne.get_by_label("Ce qui a changé (facultatif)").fill("100 h de plus")
        store = Store(workspace_url)
        anne.get_by_role("button", name="Enregistrer une nouvelle révision").click()
        deadline = time.monotonic() + 30
        while store.head(MODEL) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        saved_ms = time.time() * 1000  # the revision is in the database (within 10 ms)
        assert store.head(MODEL) == 2
        bruno.locator(BANNER, has_text="révision 2").wait_for(timeout=30_000)
        seen_ms = bruno.evaluate("window.__seen")
        delay_s = (seen_ms - saved_ms) / 1000
        print(f"process {processes[1]} showed process {processes[0]}'s save {delay_s:.2f} s after")
        bruno.screenshot(path=str(ARTIFACTS / "processes-other-process-banner.png"))
        assert delay_s <= 2.0
        assert "Anne" in bruno.locator(BANNER).inner_text()
        wait_for_app(anne)
        # an upload reaches the process that holds the tab's session, with Streamlit's XSRF
        # cookie, which its health answer sets: the proxy must let that answer through
        go_to(bruno, "workspace")
        bruno.locator('input[type="file"]').first.set_input_files(str(HALLE))
        wait_for_app(bruno)
        uploader = bruno.locator('[data-testid="stFileUploader"]').first
        uploader.get_by_text("itions.yaml").wait_for(timeout=10_000)
        bruno.wait_for_timeout(1000)
        assert "Error" not in uploader.inner_text()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "bm3c: 2 processes ready, the app is at http://127.0.0.1:" in text
    assert "Traceback" not in text
    assert "Exception" not in text


def test_a_killed_process_starts_again_and_sigterm_stops_every_process(
    workspace_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    with serving(workspace_url, log) as (url, server):
        first = _children(server.pid)
        assert len(first) == 2
        killed = min(first)
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 120
        while "started again" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        _wait_ready(url, server, (1, 2))
        now = _children(server.pid)
        assert len(now) == 2
        assert killed not in now
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in now) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in now), "a process was left behind"
    text = log.read_text(encoding="utf-8")
    assert "stopped (exit code -9); its tabs reconnect once it has started again" in text
    assert "bm3c: stopping the 2 processes" in text
    assert "Traceback" not in text
