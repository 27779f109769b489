"""What the proxy of ``bm3c serve --processes N`` costs: a request's extra time, its CPU per tab.

Starts ``bm3c serve --processes 2`` (the Halle model, a fresh SQLite workspace),
then prints:

- the time of one small request (``/_stcore/host-config``, each on a new
  connection) straight to a process and through the proxy: median over 300;
- with N tabs open in one headless Chromium (the tabs alternate between the two
  processes) and left alone for ``--seconds``: the CPU the proxy and the processes
  used, in % of one core, in all and per tab (read from /proc, Linux only).

Figures, never asserts: ``.venv/bin/python bench/processes.py [--tabs 10] [--seconds 20]``.
The browser runs on the same cores as the server: with many tabs, its own load
slows the app's processes; the proxy's share is what this measures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, free_port, wait_idle  # bench/browser.py

from bm3c.io import load_cooperation
from bm3c.store import Store

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
MODEL = "halle-bench"
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid: int) -> dict[int, int]:
    """The app processes of the proxy ``pid``: their pid -> their loopback port."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != pid:
                continue
            words = (stat.parent / "cmdline").read_bytes().decode().split("\0")
        except (OSError, ValueError):
            continue
        found[int(stat.parent.name)] = int(words[words.index("--server.port") + 1])
    return found


def median_request_ms(port: int, rounds: int = 300) -> float:
    """Median time of GET /_stcore/host-config on a new connection to ``port`` each time.

    A new connection each time: on a kept-alive one, the process's answer in two writes
    waits for the client's delayed acknowledgement (Nagle), 40 ms that are not the proxy's.
    """
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/_stcore/host-config", headers={"Connection": "close"})
        connection.getresponse().read()
        connection.close()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=10, help="open tabs (default 10)")
    parser.add_argument("--seconds", type=float, default=20, help="idle time measured")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = tempfile.mkdtemp(prefix="bm3c-processes-bench-")
    database_url = f"sqlite:///{folder}/workspace.db"
    Store(database_url).save(
        MODEL, load_cooperation(HALLE), author="Setup", message="", parent=None
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        *(sys.executable, "-m", "bm3c.cli.main", "serve", str(HALLE), "--processes", "2"),
        *("--headless", "--address", "127.0.0.1", "--port", str(port)),
        *("--database-url", database_url, "--lang", "en"),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while len(children(server.pid)) < 2 or not all(
            _ok(f"http://127.0.0.1:{p}") for p in children(server.pid).values()
        ):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("bm3c serve --processes 2 did not start")
            time.sleep(0.3)
        apps = children(server.pid)
        direct = median_request_ms(next(iter(apps.values())))
        proxied = median_request_ms(port)
        print(
            f"one request: {direct:.2f} ms straight to a process, {proxied:.2f} ms through "
            f"the proxy (+{proxied - direct:.2f} ms), median of 300"
        )
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for k in range(args.tabs):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                tab = context.new_page()
                tab.goto(f"{url}/structures?src=model:{MODEL}&who=P{k + 1:02d}")
                wait_idle(tab, 120_000)
            time.sleep(5)  # every tab's first checks are over
            pids = [server.pid, *apps]
            before = {pid: cpu_seconds(pid) for pid in pids}
            start = time.monotonic()
            time.sleep(args.seconds)
            elapsed = time.monotonic() - start
            used = {pid: (cpu_seconds(pid) - before[pid]) / elapsed * 100 for pid in pids}
            browser.close()
        proxy = used[server.pid]
        app = sum(used[pid] for pid in apps)
        print(
            f"{args.tabs} idle tabs over {args.seconds:.0f} s: proxy {proxy:.1f} % of a core "
            f"({proxy / args.tabs:.2f} % per tab), the 2 processes {app:.1f} % "
            f"({app / args.tabs:.2f} % per tab); browsers on the same cores"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return bool(answer.read() == b"ok")
    except OSError:
        return False


if __name__ == "__main__":
    main()
