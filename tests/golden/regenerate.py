"""Regenerate the golden results of the bundled examples (never edit them by hand).

Run ``make golden`` after a deliberate change to the accounting rules or to an
example, then review the diff of ``tests/golden/*.json`` like any other change.
An example with a ``plan`` also gets ``<name>.plan.json``: each party's results,
cash, low point and break-even year over the plan (DOMAIN Part 3).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bm3c.engine import evaluate, evaluation_to_json  # noqa: E402
from bm3c.engine.plan import PlanEvaluation, evaluate_plan  # noqa: E402
from bm3c.io import load_cooperation  # noqa: E402

GOLDEN = Path(__file__).resolve().parent


def golden_results(example: Path) -> dict[str, Any]:
    """The evaluation of the base and of every scenario of one example, as JSON data."""
    coop = load_cooperation(example)
    runs = [None, *(s.id for s in coop.scenarios)]
    return {str(run or "base"): evaluation_to_json(evaluate(coop, run)) for run in runs}


def plan_to_json(plan: PlanEvaluation) -> dict[str, Any]:
    """The figures of a plan over time: per year, per party, and its cash plan's summary."""
    return {
        "years": list(plan.calendar_years),
        "everyone_gains": list(plan.everyone_gains),
        "collective_results_eur": list(plan.collective_results),
        "parties": {
            p.id: {
                "results_eur": list(p.results),
                "cash_flows_eur": list(p.cash_flows),
                "cash_ends_eur": list(p.cash_ends),
                "break_even_year": p.break_even_year,
                "cash_low": {"eur": p.cash_low.eur, "month": p.cash_low.month},
                "months_below_zero": list(p.months_below_zero),
                "due_after_eur": p.due_after_eur,
            }
            for p in plan.parties
        },
    }


def golden_plan(example: Path) -> dict[str, Any] | None:
    """The plan over time of the base and of every scenario (None: a model without a plan)."""
    coop = load_cooperation(example)
    if coop.plan is None:
        return None
    runs = [None, *(s.id for s in coop.scenarios)]
    return {str(run or "base"): plan_to_json(evaluate_plan(coop, run)) for run in runs}


def _write(target: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    """Write one golden file per example, and one more for the plan of a multi-year one."""
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        _write(GOLDEN / f"{example.stem}.json", golden_results(example))
        plan = golden_plan(example)
        if plan is not None:
            _write(GOLDEN / f"{example.stem}.plan.json", plan)


if __name__ == "__main__":
    main()
