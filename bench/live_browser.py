"""Live benchmark: how long a save takes to reach 10 other open tabs, measured in the browser.

One ``streamlit run app.py`` server (this folder's ``.streamlit/config.toml``, as
``make run``), one headless Chromium with 11 browser contexts (11 participants) on
the Structures page of the same workspace model. At each round one participant's
save is written to the workspace (the same store call the Save button makes) and
each of the 10 others records, in its page, the moment the "someone saved" banner
names that revision (a MutationObserver, the page's own clock); the figure is that
moment minus the moment of the save. The tabs keep the banner between rounds (the
next save changes its revision number), as participants who have not reloaded yet.
Prints each round and the median and maximum over all rounds. Target: <= 2 s.
Figures, never asserts: ``.venv/bin/python bench/live_browser.py [--rounds N] [--tabs N]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time

from browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, served, wait_idle  # bench/browser.py

from bm3c.edit.cooperation import set_work
from bm3c.io import load_cooperation
from bm3c.store import Store

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
MODEL = "halle-bench"
TARGET_S = 2.0
BANNER = ".st-key-live-banner [data-testid='stAlert']"
ARM = """(want) => {
    window.__want = want;
    window.__seen = null;
    const check = () => {
        const banner = document.querySelector(SELECTOR);
        if (window.__seen === null && banner && banner.textContent.includes(window.__want)) {
            window.__seen = Date.now();
        }
    };
    if (!window.__watch) {
        window.__watch = new MutationObserver(check);
        const all = {childList: true, subtree: true, characterData: true};
        window.__watch.observe(document.body, all);
    }
    check();
}""".replace("SELECTOR", json.dumps(BANNER))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="saves measured (default 5)")
    parser.add_argument("--tabs", type=int, default=11, help="open tabs, saver included")
    parser.add_argument(
        "--gc",
        action="store_true",
        help="with Streamlit's full garbage collection after every rerun (the default setting)",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = tempfile.mkdtemp(prefix="bm3c-live-bench-")
    database_url = f"sqlite:///{folder}/workspace.db"
    store = Store(database_url)
    coop = load_cooperation(HALLE)
    store.save(MODEL, coop, author="Setup", message="import", parent=None)
    gc = ("--runner.postScriptGC", "true" if args.gc else "false")  # off in config.toml
    delays: list[float] = []
    try:
        with served(HALLE, database_url, *gc) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            tabs = []
            for k in range(args.tabs):
                context = browser.new_context(
                    viewport={"width": 1366, "height": 768}, locale="fr-FR"
                )
                tab = context.new_page()
                tab.goto(f"{url}/structures?src=model:{MODEL}&who=P{k + 1:02d}")
                wait_idle(tab, 60_000)
                tab.get_by_role("heading", name="Structures", exact=True).wait_for()
                tabs.append(tab)
            watchers = tabs[1:]  # tabs[0] is the one whose participant saves
            print(f"{len(tabs)} tabs open on '{MODEL}' (one saves, {len(watchers)} watch)")
            for number in range(1, args.rounds + 1):
                head = store.head(MODEL)
                for tab in watchers:
                    tab.evaluate(ARM, f"révision {head + 1}")
                hours = 100 + 10 * number
                edited = set_work(coop, "cafe-cantine", "r3-bordeaux", hours, 0)
                saved_at = time.time() * 1000  # the moment the revision is committed, below
                store.save(MODEL, edited, author="P01", message=f"{hours} h", parent=head)
                saved_at = (saved_at + time.time() * 1000) / 2
                seen: list[float] = []
                deadline = time.monotonic() + 30
                while len(seen) < len(watchers) and time.monotonic() < deadline:
                    time.sleep(0.2)
                    seen = [
                        float(v) for v in (tab.evaluate("window.__seen") for tab in watchers) if v
                    ]
                round_delays = [(v - saved_at) / 1000 for v in seen]
                if not round_delays:
                    shown = watchers[0].locator(BANNER)
                    print("no tab saw it; first tab shows:", shown.all_inner_texts())
                    continue
                missing = len(watchers) - len(round_delays)
                delays += round_delays
                print(
                    f"save {number}: banner in {len(round_delays)} tabs, median "
                    f"{statistics.median(round_delays):.2f} s, max {max(round_delays):.2f} s"
                    + (f", {missing} tab(s) did not show it within 30 s" if missing else "")
                )
                time.sleep(1)  # a pause between saves, as in a workshop
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if delays:
        print(
            f"a save reaches {args.tabs - 1} other open tabs: median "
            f"{statistics.median(delays):.2f} s, max {max(delays):.2f} s over "
            f"{len(delays)} banners ({args.rounds} saves"
            + (", runner.postScriptGC on" if args.gc else "")
            + f"); target <= {TARGET_S:.0f} s"
        )


if __name__ == "__main__":
    main()
