"""What the browser benchmarks share: a real ``streamlit run`` server and Chromium's flags."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # several tabs in one browser: none may be throttled as a background tab
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(
    model: Path,
    database_url: str,
    *options: str,
    log: Path | None = None,
    prefix: Sequence[str] = (),
    started: list[int] | None = None,
) -> Iterator[str]:
    """``streamlit run app.py`` on ``model`` (as ``make run``, plus ``options``); its URL.

    Started from the project folder, so ``.streamlit/config.toml`` applies; stopped on exit.
    Its output goes to ``log`` (both streams, appended) when given, else nowhere;
    ``prefix`` runs it under another command that then executes it (``taskset -c 0``);
    its process id is appended to ``started``.
    """
    port = free_port()
    env = dict(os.environ, BM3C_MODEL=str(model), BM3C_DATABASE_URL=database_url)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("BM3C_WORKSPACE", None)
    output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            *prefix,
            *(sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")),
            *("--server.headless", "true", "--server.port", str(port)),
            *("--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"),
            *("--server.fileWatcherType", "none"),
            *options,
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT if log is not None else subprocess.DEVNULL,
    )
    if started is not None:
        started.append(process.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the Streamlit server did not start")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if not isinstance(output, int):  # the log file, not DEVNULL
            output.close()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return bool(r.read() == b"ok")
    except OSError:
        return False


def wait_idle(page: Any, timeout_ms: int = 120_000, pause_ms: int = 300) -> None:
    """Until the page's script has finished running, twice (a rerun may follow a run)."""
    for _ in range(2):
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        page.wait_for_timeout(pause_ms)
