"""Plan benchmark: a 5-year plan of the 30-member / 200-activity synthetic cooperation.

The plan (``bm3c.synthetic.synthetic_plan``) has sales ramping up, subsidies that
change, rising hourly costs, payment timings, 20 investments and opening cash; every
year differs from the others. Prints median times; targets on a 2-core machine:
the yearly figures of the 5 years <= 50 ms, with the monthly cash plan <= 100 ms.
The funders' budgets (DOMAIN Part 4) of one year and of every year are timed, and
the cash plan and budget pages' reruns with AppTest when the app has those pages.
Medians, with the fastest run beside the two targeted figures (the machine is
shared: the fastest run is what a quiet machine gives). Figures, not asserts:
``.venv/bin/python bench/plan.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from timing import median_ms  # bench/timing.py

from bm3c.engine import evaluate
from bm3c.engine.budget import budgets_of, plan_budgets
from bm3c.engine.cash import cash_plan
from bm3c.engine.plan import evaluate_plan, evaluate_years
from bm3c.io import load_cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_views
from bm3c.synthetic import synthetic_cooperation, synthetic_plan

YEARS = 5
YEARLY_TARGET_MS = 50
WITH_CASH_TARGET_MS = 100
PAGE_TARGET_MS = 300


def page_rerun(page: str, repeat: int) -> float | str | None:
    """Median rerun of one of the app's pages on the plan (None: no such page; the
    page's error in words if it fails)."""
    from bm3c.ui.main import PAGES

    if page not in (name for name, _icon in PAGES):
        return None
    from streamlit import config
    from streamlit.logger import set_log_level

    from app import open_page, problem  # bench/app.py: the app on a page, as the tests do

    workspace = tempfile.mkdtemp(prefix="bm3c-bench-plan-")  # never the user's models/
    os.environ["BM3C_DATABASE_URL"] = f"sqlite:///{workspace}/workspace.db"
    config.set_option("logger.level", "error")  # AppTest's "missing ScriptRunContext" chatter
    set_log_level("error")
    try:
        coop = validate_cooperation(synthetic_plan(seed=1, years=YEARS))
        at = open_page(coop, page)
        failed = problem(at)
        return failed if failed else median_ms(at.run, repeat)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def fastest_ms(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs: the figure of a machine nobody else uses."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21, help="runs per figure (median)")
    args = parser.parse_args()
    data = synthetic_plan(members=30, activities=200, flows=300, seed=1, years=YEARS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        size_kb = path.stat().st_size / 1024
        load = median_ms(lambda: load_cooperation(path), 5)
        coop = load_cooperation(path)
    one_year = validate_cooperation(synthetic_cooperation(seed=1))
    repeat = args.repeat
    single = median_ms(lambda: evaluate(one_year), repeat)
    views = median_ms(lambda: year_views(coop), repeat)
    yearly = median_ms(lambda: evaluate_years(coop), repeat)
    years = evaluate_years(coop)
    cash = median_ms(lambda: cash_plan(coop, years), repeat)
    whole = median_ms(lambda: evaluate_plan(coop), repeat)
    scenario = median_ms(lambda: evaluate_plan(coop, coop.scenarios[0].id), max(5, repeat // 3))
    plan = evaluate_plan(coop)
    print(
        f"synthetic plan: 30 members, 200 activities, 300 flows, {YEARS} years, "
        f"{len(coop.investments)} investments ({size_kb:.0f} kB YAML)"
    )
    print(f"load + validate (incl. scenarios)         {load:8.1f} ms")
    print(f"evaluate one year of the plain model      {single:8.1f} ms   (reference)")
    print(f"the {YEARS} years' models (year_views)        {views:8.1f} ms")
    best = fastest_ms(lambda: evaluate_years(coop), repeat)
    print(
        f"yearly figures, {YEARS} years                 {yearly:8.1f} ms"
        f"   target <= {YEARLY_TARGET_MS} ms   (fastest run {best:.1f} ms)"
    )
    print(f"monthly cash plan from them               {cash:8.1f} ms")
    best = fastest_ms(lambda: evaluate_plan(coop), repeat)
    print(
        f"yearly figures + monthly cash plan        {whole:8.1f} ms"
        f"   target <= {WITH_CASH_TARGET_MS} ms   (fastest run {best:.1f} ms)"
    )
    print(f"the same for one scenario                 {scenario:8.1f} ms")
    low = plan.shared_entity.cash_low
    print(
        f"({len(plan.cash.months)} months, {len(plan.cash.still_due)} movements after the plan;"
        f" the shared entity's low point {low.eur:,.0f} € in {low.month})"
    )
    one = median_ms(lambda: budgets_of(years[0], coop.start_year), repeat)
    every = median_ms(lambda: plan_budgets(coop), max(5, repeat // 3))
    parties = len(budgets_of(years[0]).all)
    print(
        f"funders' budgets of one year ({parties} budgets)  {one:8.1f} ms   (from its evaluation)"
    )
    print(
        f"funders' budgets of the {YEARS} years            {every:8.1f} ms   (evaluations included)"
    )
    for name, title in (("cash_plan", "cash plan page"), ("budget", "budget page")):
        page = page_rerun(name, max(5, repeat // 3))
        if page is None:
            print(f"{title + ' rerun':<42}-      (no {name} page)")
        elif isinstance(page, str):
            print(f"{title + ' rerun (AppTest)':<42}error      {page}")
        else:
            target = f"target <= {PAGE_TARGET_MS} ms"
            print(f"{title + ' rerun (AppTest)':<42}{page:8.1f} ms   {target}")
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
