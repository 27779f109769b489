"""What-if transfer in the browser: from changing the hours to the updated results table.

A real ``streamlit run`` server and Debian's Chromium (Playwright), at 1366×768.
On the Work page the transfer control opens on its default activity, giver and
receiver; each try sets a new number of hours and times, from the key press to
the moment the table shows the giver's new hours, the round trip through the
server (the transfer fragment's rerun). Two gestures: the exact number typed
(Enter) and the slider moved by one step from the keyboard. Medians of
``--repeat`` tries (default 15) on the Halle and on the 30-member synthetic
cooperation (200 activities, 300 flows, as bench/app.py builds it).
Targets: <= 150 ms on the Halle, <= 300 ms on 30 members. Figures, never asserts:
``.venv/bin/python bench/whatif_browser.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, served, wait_idle  # bench/browser.py

from bm3c.engine.transfer import givers, hours_available
from bm3c.engine.whatif import default_activity
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import hours

TARGETS_MS = {"Halle": 150, "30 members": 300}


def tries(coop: Cooperation) -> tuple[float, float, float]:
    """The giver's hours on the activity, and two numbers of hours to move in turn.

    The control opens on the default activity and its first giver; each try moves
    between the two numbers, so that every try changes the table.
    """
    activity = default_activity(coop)
    assert activity is not None
    giver = givers(coop, activity)[0]
    paid = hours_available(coop, activity, giver, "paid")
    volunteer = hours_available(coop, activity, giver, "volunteer")
    most = int(paid or volunteer)
    if most < 10:
        raise RuntimeError(f"{giver} has only {most} h to give on {activity}")
    return paid + volunteer, float(most // 3), float(2 * most // 3)


def measure(url: str, coop: Cooperation, repeat: int, who: str) -> dict[str, list[float]]:
    """Milliseconds per try, by gesture."""
    from playwright.sync_api import sync_playwright

    total, low, high = tries(coop)

    def shown(moved: float) -> str:
        return f"{hours(total, 'fr')} → {hours(total - moved, 'fr')}"

    times: dict[str, list[float]] = {"number typed": [], "slider step (keyboard)": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_context(
                viewport={"width": 1366, "height": 768}, locale="fr-FR"
            ).new_page()
            page.goto(f"{url}/?who={who}")  # a name of its own: no draft from another run
            wait_idle(page, 300_000, 500)
            page.get_by_role("link", name="Répartition du travail").first.click()
            wait_idle(page, 300_000, 500)
            exact = page.locator(".st-key-work-transfer-hours input")
            exact.wait_for(timeout=300_000)
            table = page.locator(".st-key-work-transfer-results")

            def timed(gesture: str, act: Callable[[], None], moved: float) -> None:
                cell = table.locator('[role="gridcell"]', has_text=shown(moved)).first
                began = time.perf_counter()
                act()
                cell.wait_for(state="attached", timeout=60_000)
                times[gesture].append((time.perf_counter() - began) * 1000)
                wait_idle(page, 300_000, 500)

            for k in range(repeat):
                value = high if k % 2 == 0 else low
                exact.fill(str(int(value)))
                timed("number typed", lambda: exact.press("Enter"), value)
            exact.fill("5")
            exact.press("Enter")
            wait_idle(page, 300_000, 500)
            thumb = page.locator('.st-key-work-transfer-hours_slider input[type="range"]')
            for k in range(repeat):  # 5 h -> 10 h -> 5 h ...: one step each time
                key, value = ("ArrowRight", 10.0) if k % 2 == 0 else ("ArrowLeft", 5.0)
                thumb.focus()
                timed("slider step (keyboard)", lambda key=key: page.keyboard.press(key), value)
        finally:
            browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="tries per gesture (>= 10)")
    repeat = max(10, parser.parse_args().repeat)
    workspace = tempfile.mkdtemp(prefix="bm3c-bench-whatif-")  # never the user's models/
    synthetic = validate_cooperation(synthetic_cooperation(30, 200, 300))
    synthetic_file = Path(workspace) / "synthetic-30.yaml"
    synthetic_file.write_text(dump_cooperation(synthetic), encoding="utf-8")
    halle = ROOT / "examples" / "halle-des-transitions.yaml"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"what-if transfer in Chromium, 1366×768; {repeat} tries each; load average {load}")
    print(f"{'model':<12}{'gesture':<26}{'median':>9}{'min':>8}{'max':>8}   target")
    for name, path in (("Halle", halle), ("30 members", synthetic_file)):
        coop = load_cooperation(path)
        database = tempfile.mkdtemp(prefix="db-", dir=workspace)  # one workspace per model
        with served(path, f"sqlite:///{database}/workspace.db") as url:
            for gesture, ms in measure(url, coop, repeat, f"Bench-{len(coop.members)}").items():
                target = TARGETS_MS[name]
                print(
                    f"{name:<12}{gesture:<26}{statistics.median(ms):>6.0f} ms"
                    f"{min(ms):>5.0f} ms{max(ms):>5.0f} ms   <= {target} ms"
                )


if __name__ == "__main__":
    main()
