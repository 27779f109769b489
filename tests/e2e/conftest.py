"""A real ``streamlit run`` server and Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; its absence fails the run (``make test`` installs it)."""
    path = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if path is None:
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The workspace database of the test server (a fresh SQLite file)."""
    return f"sqlite:///{tmp_path_factory.mktemp('workspace') / 'workspace.db'}"


@pytest.fixture(scope="session")
def app_url(database_url: str) -> Iterator[str]:
    """URL of the app served by a real Streamlit server on a free loopback port."""
    port = _free_port()
    env = dict(
        os.environ,
        BM3C_MODEL=str(ROOT / "examples" / "halle-des-transitions.yaml"),
        BM3C_DATABASE_URL=database_url,
    )
    env.pop("BM3C_WORKSPACE", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            # a test's screenshot shows an error's traceback (.streamlit/config.toml shows
            # participants its kind only; this server's output is not kept)
            "--client.showErrorDetails",
            "full",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("the Streamlit server did not start")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture()
def browser(chromium_path: str):  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def open_tab(browser, url: str):  # type: ignore[no-untyped-def]
    """A new tab (its own session) at ``url``, once the app's first run is over."""
    tab = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR").new_page()
    tab.goto(url)
    wait_for_app(tab)
    return tab


@pytest.fixture()
def page(browser, app_url: str):  # type: ignore[no-untyped-def]
    """A fresh Chromium page at the app, arrived under a name of its own (given in the link).

    A name of its own: another test's unsaved edits, kept as a draft under its
    name, must not come back in this one. The link names the served example: the
    bare address leads to the workspace's models once another test saved one.
    """
    who = f"Testeur-{uuid.uuid4().hex[:6]}"
    return open_tab(browser, f"{app_url}/?src=example:halle-des-transitions.yaml&who={who}")


def wait_for_app(tab) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run triggered by the last interaction has finished."""
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    # a run may start a moment after the click that triggers it: wait until idle twice
    for _ in range(2):
        tab.wait_for_selector(idle, timeout=30_000)
        tab.wait_for_timeout(700)
