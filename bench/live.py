"""A room full of laptops on one served app: idle cost, a save reaching every screen, the what-if.

A workshop is 10 to 30 people, each on a laptop, on one app often served from the
facilitator's 2-core machine. For N open tabs (``--tabs``, default 1, 10, 20, 30), one
``streamlit run app.py`` (this folder's ``.streamlit/config.toml``, as ``make run``),
a fresh SQLite workspace holding the Halle as a workspace model, every tab on its
Structures page (``?src=model:…&who=P01…``), measures:

1. idle server CPU: the server's CPU time (its process and children, from
   ``/proc/<pid>/stat``) over ``--idle-seconds`` once the tabs are settled, as % of
   one core, in total and per tab (the server alone, before any tab, is printed too);
2. a save reaching the others: ``--rounds`` saves written to the workspace (the store
   call the Save button makes) under P01's name; for each of the N-1 other tabs, the
   time from the save to the moment its "someone saved" banner names that revision:
   median and max over all rounds;
3. the what-if: P01's tab closes and one real Chromium tab opens the Work page (a
   participant of its own) while the N-1 others stay connected; from a key press on
   the transfer slider to the results table drawing the new hours (as
   bench/whatif_browser.py measures it): one step, and five steps pressed in a
   row (to the table drawing the last one), medians of ``--whatif-repeat`` tries;
4. tabs that failed to load (or to show the page), and errors: lines naming a
   Traceback or an Exception in the server's log, plus exceptions a page showed.

Two kinds of clients, each row says which:

- ``lightweight``: tabs emulated by bench/streamlit_client.py (Streamlit's protocol
  over its websocket, ticking the ``run_every`` fragments as a browser does), all
  in one process: the server's own cost, measured for every N;
- ``Chromium``: real tabs of Debian's Chromium (``--browser-tabs``, default 1 and
  10); a test browser costs about a fifth of a core per idle tab, so beyond a few
  tabs these figures are the test machine's, not the server's.

The server runs on core 0 (``taskset -c 0``), everything else (this script, the
lightweight clients, Chromium) on the other cores, so that clients never take the
server's CPU; on a machine with one core it says so and shares it. The server's
output is kept in a log file of the temporary folder (its path is printed when it
holds errors). Figures, never asserts; exit 0 even when a target is missed
("over target"); non-zero only when the benchmark itself breaks. About 10 minutes:
``.venv/bin/python bench/live.py [--tabs 1,10,20,30] [--browser-tabs 1,10]
[--rounds 3] [--idle-seconds 15] [--whatif-repeat 6]``.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, served, wait_idle  # bench/browser.py
from live_browser import ARM  # bench/live_browser.py
from streamlit_client import names_revision  # bench/streamlit_client.py
from whatif_browser import GESTURES as WHATIF_GESTURES  # bench/whatif_browser.py
from whatif_browser import measure_in

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.store import Store

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
MODEL = "halle-bench"
PAGE = "structures"
CLIENT = Path(__file__).with_name("streamlit_client.py")
IDLE_TARGET = 1.0  # % of a core per open tab
SAVE_TARGET = (2.0, 3.0)  # s, median and max, with 30 tabs
WHATIF_TARGET = 200.0  # ms
SETTLE_S = 5.0  # after the last tab loaded, before the idle window
ROUND_TIMEOUT_S = 30.0
TICK = os.sysconf("SC_CLK_TCK")
# what-if: the gestures of bench/whatif_browser.py shown here
GESTURES = {"1 step": WHATIF_GESTURES[1], "5 steps": WHATIF_GESTURES[2]}


# --- where things run ---


def cores() -> tuple[list[str], str]:
    """The prefix that runs the server on core 0, and where the rest runs, in words.

    This process (and so the clients and Chromium it starts) moves to the other cores.
    """
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2 or shutil.which("taskset") is None:
        return [], f"server and clients share {len(allowed)} core(s): no core of its own"
    server, others = allowed[0], set(allowed[1:])
    os.sched_setaffinity(0, others)
    rest = ",".join(str(c) for c in sorted(others))
    return (
        ["taskset", "-c", str(server)],
        f"server pinned to core {server}; clients, Chromium and this script on core(s) {rest}",
    )


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and of its living descendants, in seconds."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat.rpartition(")")[2].split()  # after the command's name
            total += (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # gone in between
    return total


def busy_percent(pid: int, seconds: float) -> float:
    """The server's CPU use over the next ``seconds``, in % of one core."""
    began, cpu = time.monotonic(), cpu_seconds(pid)
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - cpu) / (time.monotonic() - began)


# --- a workspace, a server ---


@dataclass
class Served:
    """A running server on a fresh workspace holding the Halle."""

    url: str
    pid: int
    store: Store
    coop: Cooperation
    log: Path


@contextmanager
def server(prefix: list[str]) -> Iterator[Served]:
    """A fresh workspace with the Halle as a model, and ``streamlit run`` on it."""
    folder = Path(tempfile.mkdtemp(prefix="bm3c-bench-live-"))
    database_url = f"sqlite:///{folder}/workspace.db"
    store = Store(database_url)
    coop = load_cooperation(HALLE)
    store.save(MODEL, coop, author="Setup", message="import", parent=None)
    log = folder / "server.log"
    pids: list[int] = []
    try:
        with served(HALLE, database_url, log=log, prefix=prefix, started=pids) as url:
            yield Served(url, pids[0], store, coop, log)
    finally:
        kept = log.read_text(errors="replace") if log.exists() else ""
        if log_errors(kept):  # keep the log to read; the rest goes
            saved = Path(tempfile.gettempdir()) / f"bm3c-bench-live-{os.getpid()}-{pids[0]}.log"
            saved.write_text(kept)
            print(f"  server log with errors kept in {saved}")
        shutil.rmtree(folder, ignore_errors=True)


def log_errors(text: str) -> int:
    """Lines of a server log naming a Traceback or an Exception."""
    return sum(1 for line in text.splitlines() if "Traceback" in line or "Exception" in line)


def link(k: int) -> str:
    """The query string of participant ``k``'s tab on the workspace model."""
    return f"src=model:{MODEL}&who=P{k:02d}"


# --- the clients ---


class LightClients:
    """N lightweight clients in their own process (bench/streamlit_client.py)."""

    def __init__(self, url: str, tabs: int, load_timeout: float = 120.0) -> None:
        queries = [q for k in range(1, tabs + 1) for q in ("--query", link(k))]
        self.process = subprocess.Popen(
            [sys.executable, str(CLIENT), url, "--page", PAGE, *queries],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        self.records: queue.Queue[dict[str, Any]] = queue.Queue()
        self.alerts: list[tuple[int, float, str]] = []
        self.lock = threading.Lock()
        self.loaded = 0
        self.failed: list[str] = []
        self.timeout = load_timeout * tabs
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            record = json.loads(line)
            if "alert" in record:
                with self.lock:
                    self.alerts.append((record["alert"], record["t"], record["text"]))
            else:
                self.records.put(record)
        self.records.put({"ended": True})

    def _next(self, key: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                record = self.records.get(timeout=1)
            except queue.Empty:
                continue
            if "ended" in record:
                raise SystemExit("the lightweight clients' process ended")
            if "loaded" in record:
                self.loaded += 1
            if "failed" in record:
                self.failed.append(str(record["why"]))
            if key in record:
                return record
        raise SystemExit(f"the lightweight clients sent no {key!r}")

    def wait_loaded(self) -> None:
        """Until every client has loaded its page or failed."""
        self._next("all_loaded")

    def send(self, command: str) -> None:
        """A command to the clients' process."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def report(self) -> dict[str, Any]:
        """Failures, exceptions shown, runs, as the clients saw them."""
        self.send("report")
        return dict(self._next("report")["report"])

    def seen(self, watchers: set[int], number: int) -> dict[int, float]:
        """For each watcher, when it first showed a banner naming revision ``number``."""
        found: dict[int, float] = {}
        with self.lock:
            for index, at, text in self.alerts:
                if index in watchers and names_revision(text, number):
                    found.setdefault(index, at)
        return found

    def stop(self) -> None:
        """Close every client and end their process."""
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


# --- the measures ---


def save_rounds(
    target: Served,
    rounds: int,
    seen: Callable[[int], dict[int, float]],
    others: int,
    arm: Callable[[int], None] | None = None,
) -> tuple[list[float], int]:
    """Seconds from each save to each other tab's banner naming it; banners never shown.

    ``seen(number)`` says, for each tab that shows revision ``number``'s banner, when
    it first showed it (seconds since the epoch); ``others`` is how many tabs should;
    ``arm(number)``, when given, is called just before the save of revision ``number``.
    """
    delays: list[float] = []
    missed = 0
    for number in range(1, rounds + 1):
        head = target.store.head(MODEL)
        if arm is not None:
            arm(head + 1)
        hours_of_work = 100 + 10 * number
        edited = set_work(target.coop, "cafe-cantine", "r3-bordeaux", hours_of_work, 0)
        before = time.time()
        target.store.save(MODEL, edited, author="P01", message=f"{hours_of_work} h", parent=head)
        saved_at = (before + time.time()) / 2  # the moment the revision is committed
        found: dict[int, float] = {}
        deadline = time.monotonic() + ROUND_TIMEOUT_S
        while len(found) < others and time.monotonic() < deadline:
            time.sleep(0.2)
            found = seen(head + 1)
        round_delays = [at - saved_at for at in found.values()]
        delays += round_delays
        missing = others - len(round_delays)
        missed += missing
        shown = (
            f"median {statistics.median(round_delays):.2f} s, max {max(round_delays):.2f} s"
            if round_delays
            else "no tab showed it"
        )
        print(
            f"  save {number}: banner in {len(round_delays)}/{others} tabs, {shown}"
            + (f"; {missing} did not show it within {ROUND_TIMEOUT_S:.0f} s" if missing else "")
        )
        time.sleep(1)  # a pause between saves, as in a workshop
    return delays, missed


def whatif(
    browser: Any, target: Served, repeat: int, label: str
) -> tuple[dict[str, list[float]], int]:
    """Milliseconds from key presses on the transfer slider to the table drawing the result.

    bench/whatif_browser.py's measure, in a tab of ``browser`` on the served app, on the
    model's latest revision: one slider step, and five steps pressed in a row (to the
    table drawing the last one). Also returns the tries whose last value the table
    never showed (key presses lost).
    """
    coop = target.store.revision(MODEL).cooperation()
    link = f"/work?src=model:{MODEL}"
    figures = measure_in(browser, target.url, coop, repeat, f"WhatIf-{label}", link)
    times = {gesture: figures[name]["drawn"] for gesture, name in GESTURES.items()}
    missed = sum(len(figures[name]["never"]) for name in GESTURES.values())
    return times, missed


# --- one row of the table ---


@dataclass
class Row:
    """What one configuration measured."""

    tabs: int
    clients: str
    alone: float = 0.0  # % of a core, the server with no tab
    idle: float | None = None  # % of a core, the server with the tabs open
    delays: list[float] = field(default_factory=list)
    missed: int = 0  # banners a tab never showed within the round's time
    whatif: dict[str, list[float]] = field(default_factory=dict)
    whatif_missed: int = 0  # tries whose last value the table never showed
    failed: int = 0
    errors: int = 0


def settle_and_idle(
    row: Row, target: Served, idle_seconds: float, clients: LightClients | None = None
) -> None:
    """Wait for the tabs to settle, then measure the server's idle CPU.

    With lightweight clients, also the runs they had answered in that window against
    the runs their fragments' timers ask for: a client process short of CPU would
    tick less often and make the server look cheaper than it is.
    """
    time.sleep(SETTLE_S)
    before = clients.report() if clients is not None else {}
    row.idle = busy_percent(target.pid, idle_seconds)
    print(
        f"  idle server CPU over {idle_seconds:.0f} s: {row.idle:.1f} % of a core, "
        f"{row.idle / row.tabs:.2f} % per tab (server alone: {row.alone:.1f} %)"
    )
    if clients is not None:
        after = clients.report()
        runs = (after["runs"] - before["runs"]) / idle_seconds
        print(
            f"  the clients' runs answered: {runs:.1f}/s; their run_every timers ask for "
            f"{after['asked']:.1f}/s (as many as browsers' tabs would)"
        )


def lightweight_row(tabs: int, prefix: list[str], args: argparse.Namespace) -> Row:
    """N lightweight clients; the what-if in one Chromium tab among N-1 of them."""
    from playwright.sync_api import sync_playwright

    row = Row(tabs, "lightweight")
    print(f"{tabs} lightweight client(s) on the {PAGE} page")
    with server(prefix) as target:
        row.alone = busy_percent(target.pid, 5)
        clients = LightClients(target.url, tabs)
        try:
            began = time.monotonic()
            clients.wait_loaded()
            print(
                f"  {clients.loaded} loaded, {len(clients.failed)} failed, "
                f"in {time.monotonic() - began:.1f} s"
            )
            settle_and_idle(row, target, args.idle_seconds, clients)
            watchers = set(range(1, tabs))  # 0 is P01, whose saves these are
            if watchers:
                row.delays, row.missed = save_rounds(
                    target,
                    args.rounds,
                    lambda number: clients.seen(watchers, number),
                    len(watchers),
                )
            clients.send("close 0")  # P01's tab makes way for the what-if's
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                try:
                    row.whatif, row.whatif_missed = whatif(
                        browser, target, args.whatif_repeat, f"{tabs}-{row.clients}"
                    )
                finally:
                    browser.close()
            report = clients.report()
        finally:
            clients.stop()
        row.failed = len(report["failed"])
        row.errors = len(report["exceptions"])
        for why in report["failed"][:3]:
            print(f"  failed: {why}")
        for shown in report["exceptions"][:3]:
            print(f"  a page showed: {shown}")
    row.errors += log_errors(target.log.read_text(errors="replace")) if target.log.exists() else 0
    return row


def browser_row(tabs: int, prefix: list[str], args: argparse.Namespace) -> Row:
    """N Chromium tabs, one participant each; the what-if in one of them."""
    from playwright.sync_api import Error, sync_playwright

    row = Row(tabs, "Chromium")
    print(f"{tabs} Chromium tab(s) on the {PAGE} page")
    with server(prefix) as target, sync_playwright() as pw:
        row.alone = busy_percent(target.pid, 5)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            pages = []
            began = time.monotonic()
            for k in range(1, tabs + 1):
                context = browser.new_context(
                    viewport={"width": 1366, "height": 768}, locale="fr-FR"
                )
                page = context.new_page()
                try:
                    page.goto(f"{target.url}/{PAGE}?{link(k)}")
                    wait_idle(page, 120_000)
                    page.get_by_role("heading", name="Structures", exact=True).wait_for()
                    pages.append(page)
                except Error as error:
                    row.failed += 1
                    print(f"  tab P{k:02d} failed to load: {str(error).splitlines()[0]}")
            print(f"  {len(pages)} loaded in {time.monotonic() - began:.1f} s")
            settle_and_idle(row, target, args.idle_seconds)
            watchers = pages[1:]

            def arm(number: int) -> None:  # each tab notes when its banner names it
                for tab in watchers:
                    tab.evaluate(ARM, f"révision {number}")

            def seen(number: int) -> dict[int, float]:
                moments = (tab.evaluate("window.__seen") for tab in watchers)
                return {k: float(at) / 1000 for k, at in enumerate(moments) if at}

            if watchers:
                row.delays, row.missed = save_rounds(target, args.rounds, seen, len(watchers), arm)
            if pages:
                pages[0].context.close()  # P01's tab makes way for the what-if's
            row.whatif, row.whatif_missed = whatif(
                browser, target, args.whatif_repeat, f"{tabs}-{row.clients}"
            )
        finally:
            browser.close()
    row.errors = log_errors(target.log.read_text(errors="replace")) if target.log.exists() else 0
    return row


# --- the table ---


def flag(over: bool) -> str:
    """The mark of a figure over its target."""
    return " over target" if over else ""


def print_table(rows: list[Row], placement: str) -> None:
    """Every row, its figures against the targets."""
    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Live workshop on the Halle ({placement}; load average at the end {load})")
    print(
        f"{'tabs':>4} | {'clients':<11} | {'idle server CPU (% of a core)':<32} | "
        f"{'save reaches others (median/max)':<34} | {'what-if median (1 / 5 steps)':<38} | "
        f"{'failed tabs':<11} | server errors"
    )
    for row in rows:
        idle = "—"
        if row.idle is not None:
            per_tab = row.idle / row.tabs
            idle = f"{row.idle:.1f} total, {per_tab:.2f}/tab{flag(per_tab > IDLE_TARGET)}"
        save = "— (no other tab)"
        if row.delays:
            median, worst = statistics.median(row.delays), max(row.delays)
            late = row.tabs >= 30 and (median > SAVE_TARGET[0] or worst > SAVE_TARGET[1])
            save = f"{median:.2f} s / {worst:.2f} s{flag(late)}"
        if row.missed:
            save += f", {row.missed} never shown"
        medians = [
            statistics.median(row.whatif[g]) if row.whatif.get(g) else None for g in GESTURES
        ]
        whatif = " / ".join("—" if m is None else f"{m:.0f}" for m in medians) + " ms"
        whatif += flag(any(m is not None and m > WHATIF_TARGET for m in medians))
        if row.whatif_missed:
            whatif += f", {row.whatif_missed} missed"
        print(
            f"{row.tabs:>4} | {row.clients:<11} | {idle:<32} | {save:<34} | {whatif:<38} | "
            f"{str(row.failed) + flag(row.failed > 0):<11} | {row.errors}{flag(row.errors > 0)}"
        )
    print(
        f"targets: idle <= {IDLE_TARGET:.0f} % of a core per tab; with 30 tabs a save on every "
        f"screen <= {SAVE_TARGET[0]:.0f} s median, <= {SAVE_TARGET[1]:.0f} s max; what-if "
        f"<= {WHATIF_TARGET:.0f} ms; no failed tab; no server error"
    )
    print(
        "lightweight: emulated tabs (bench/streamlit_client.py), the server's own cost; "
        "Chromium: real tabs, limited by the test browsers beyond a few tabs. The what-if "
        "is always one real Chromium tab, among the N-1 other clients of its row. "
        "Server errors: Traceback/Exception lines in its log, plus exceptions pages showed."
    )


def numbers(text: str) -> list[int]:
    """``"1,10,20"`` → ``[1, 10, 20]`` (none for an empty text)."""
    try:
        found = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if any(n < 1 for n in found):
        raise argparse.ArgumentTypeError(f"a number of tabs is at least 1: {text!r}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--tabs", type=numbers, default=[1, 10, 20, 30], help="lightweight clients, e.g. 1,10"
    )
    parser.add_argument(
        "--browser-tabs", type=numbers, default=[1, 10], help="Chromium tabs ('' for none)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="saves measured per row")
    parser.add_argument("--idle-seconds", type=float, default=15.0, help="idle window")
    parser.add_argument("--whatif-repeat", type=int, default=6, help="tries per what-if gesture")
    args = parser.parse_args()
    prefix, placement = cores()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{placement}; load average {load}")
    rows = [lightweight_row(n, prefix, args) for n in args.tabs]
    rows += [browser_row(n, prefix, args) for n in args.browser_tabs]
    print_table(rows, placement)


if __name__ == "__main__":
    main()
