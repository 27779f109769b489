"""App benchmark: server-side time of a full rerun of every page, on the synthetic cooperation.

Drives the app with Streamlit's AppTest (no browser, no network) on the
30-member / 200-activity / 300-flow synthetic cooperation and prints medians:
a full rerun of each page of ``bm3c.ui.main.PAGES`` (sidebar included), and a
what-if slider move on the work page. Targets: <= 300 ms a page rerun, <= 150 ms
a slider move. In a browser a slider move reruns only the what-if fragment, so
the AppTest figure (a whole-page rerun) is an upper bound. Figures, never asserts:
``.venv/bin/python bench/app.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit import config
from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest
from timing import median_ms  # bench/timing.py

from bm3c.engine.whatif import activity_hours, default_activity, prepare_what_if, what_if
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.synthetic import synthetic_cooperation
from bm3c.ui.main import PAGES, VIEWS
from bm3c.ui.state import KEY, Workspace

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGE_TARGET_MS = 300
SLIDER_TARGET_MS = 150


def open_page(coop: Cooperation, page: str) -> AppTest:
    """The app on ``page`` with ``coop`` open, as tests/ui/apptest.py does."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[KEY] = Workspace(plan=coop, source="synthetic", loaded=coop)
    at.session_state["lang"] = "fr"
    at.session_state["bm3c.participant"] = "Bench"
    at.run()
    if page != "overview":
        at.switch_page(f"bm3c/ui/views/{page}.py").run()
    return at


def problem(at: AppTest) -> str | None:
    """The first exception the page raised, in one line, or None."""
    if not at.exception:
        return None
    message = str(at.exception[0].message).strip().splitlines()
    return message[0][:90] if message else "exception"


def bench_pages(coop: Cooperation, repeat: int) -> None:
    print(f"{'page':<22}{'median':>10}   target")
    for name, _icon in PAGES:
        if not (VIEWS / f"{name}.py").exists():
            print(f"{name:<22}{'missing':>10}")
            continue
        at = open_page(coop, name)
        failed = problem(at)
        if failed:
            print(f"{name:<22}{'error':>10}   {failed}")
            continue
        ms = median_ms(at.run, repeat)
        print(f"{name:<22}{ms:>7.0f} ms   <= {PAGE_TARGET_MS} ms")


def bench_slider(coop: Cooperation, repeat: int) -> None:
    at = open_page(coop, "work")
    failed = problem(at)
    sliders = [s for s in at.slider if str(s.key).startswith("work.whatif.")]
    if failed or not sliders:
        print(f"{'what-if slider move':<22}{'error':>10}   {failed or 'no what-if slider'}")
        return
    key = str(sliders[0].key)
    start = float(sliders[0].value)
    values = [start + 10 * (k + 1) for k in range(repeat)]
    times = []
    for value in values:
        slider = at.slider(key=key)
        began = time.perf_counter()
        slider.set_value(value).run()
        times.append(time.perf_counter() - began)
    failed = problem(at)
    if failed:
        print(f"{'what-if slider move':<22}{'error':>10}   {failed}")
        return
    ms = statistics.median(times) * 1000
    print(f"{'what-if slider move':<22}{ms:>7.0f} ms   <= {SLIDER_TARGET_MS} ms (whole-page rerun)")
    base = prepare_what_if(coop)
    activity = default_activity(coop) or coop.activities[0].id
    member, (paid, _) = next(iter(activity_hours(base, activity).items()))
    engine = median_ms(lambda: what_if(base, activity, {member: paid + 10}), 51)
    print(f"{'  of which engine':<22}{engine:>7.1f} ms   (what_if, before and after)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="reruns timed per figure")
    repeat = parser.parse_args().repeat
    workspace = tempfile.mkdtemp(prefix="bm3c-bench-app-")  # never the user's models/
    os.environ["BM3C_DATABASE_URL"] = f"sqlite:///{workspace}/workspace.db"
    config.set_option("logger.level", "error")  # AppTest's "missing ScriptRunContext" chatter
    set_log_level("error")
    coop = validate_cooperation(synthetic_cooperation(30, 200, 300))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"app, synthetic cooperation: {len(coop.members)} members, {len(coop.activities)} "
        f"activities, {len(coop.flows)} flows; {repeat} reruns each; load average {load}"
    )
    bench_pages(coop, repeat)
    bench_slider(coop, repeat)


if __name__ == "__main__":
    main()
