"""The report's plan over time (DOMAIN Part 3): the plan table, the cash plan chart, words.

Shown when the model is a plan of more than one year, or says something about
cash (investments, payment timing, opening cash). The figures are those of
:func:`~bm3c.engine.plan.evaluate_plan`; the table, charts and sentences are the
app's own (:mod:`bm3c.present.plan_words`, :mod:`bm3c.present.plan_charts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from altair.utils.schemapi import debug_mode

from bm3c.engine.plan import evaluate_plan
from bm3c.export.report_sections import Table, Writer, frame_table
from bm3c.model import Cooperation
from bm3c.present.plan_charts import cash_plan_chart, yearly_results_chart
from bm3c.present.plan_words import plan_sentences, plan_table, still_due_sentences

__all__ = ["PLAN_SECTION", "PlanSection", "plan_section", "shows_plan"]

#: The plan's section of the report: after the sharing of the result.
PLAN_SECTION = ("plan", "report.section.plan")


@dataclass(frozen=True)
class PlanSection:
    """What the report shows of the plan: a table, two charts and sentences."""

    title: str
    table: Table
    charts: dict[str, dict[str, Any]]  # name: Vega-Lite spec ("plan-results", "cash-plan")
    chart_titles: dict[str, str]
    sentences: list[str]  # per party, most urgent first: break-even, need, months below zero
    still_due: list[tuple[str, list[str]]]  # (party name, what it still receives or pays)


def shows_plan(coop: Cooperation) -> bool:
    """Whether the model is a plan over years or says when its cash moves."""
    timed = any(
        line.paid is not None for a in coop.activities for line in (*a.revenues, *a.costs)
    ) or any(f.paid is not None for f in coop.flows)
    return coop.years > 1 or bool(coop.investments) or bool(coop.opening_cash_eur) or timed


def plan_section(coop: Cooperation, w: Writer) -> PlanSection | None:
    """The plan's section of the report of ``coop`` (a plan model), or None when not shown."""
    if not shows_plan(coop):
        return None
    plan = evaluate_plan(coop)
    frame = plan_table(plan, w.currency, w.lang)
    years = len(plan.years)
    data = [{"party": p.id} for p in plan.parties]
    if years == 1:  # its result and low point (see plan_table)
        widths: tuple[float, ...] = (40.0, 25.0, 35.0)
    else:
        share = 46.0 / (years + 1)
        widths = (20.0, *([share] * (years + 1)), 12.0, 22.0)
        data.append({"party": "everyone-gains"})
    table = frame_table("plan-table", frame, 1, widths, data)
    with debug_mode(False):
        charts = {
            "plan-results": yearly_results_chart(plan, coop, w.lang).to_dict(validate=False),
            "cash-plan": cash_plan_chart(plan, coop, w.lang).to_dict(validate=False),
        }
    sentences = [
        " ".join(filter(None, (s.break_even, s.need, s.below_zero)))
        for s in plan_sentences(plan, w.currency, w.lang)
    ]
    names = {p.id: p.name for p in plan.parties}
    due = still_due_sentences(plan, coop, w.lang)
    title = w("cash.plan_title", years=years) if years > 1 else w("cash.plan_title_one")
    return PlanSection(
        title=title,
        table=table,
        charts=charts,
        chart_titles={
            "plan-results": w("cash.chart.results_title"),
            "cash-plan": w("cash.chart.title"),
        },
        sentences=sentences,
        still_due=[(names[party], said) for party, said in due.items()],
    )
