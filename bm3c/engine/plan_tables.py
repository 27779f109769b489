"""The plan over time as JSON data and tidy tables (DOMAIN Part 3, "JSON").

:func:`plan_to_json` is the document ``bm3c evaluate --format json`` prints for a
model with a ``plan``: the one-year document of :func:`~bm3c.engine.tables.evaluation_to_json`
for the year chosen (the first by default), plus the plan, every year's figures,
each party's break-even year and cash low point, the month-end balances and what
falls after the plan. A model without ``plan`` keeps the one-year document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from bm3c.engine.cash import CashPlan, StillDue
from bm3c.engine.plan import PartyPlan, PlanEvaluation
from bm3c.engine.tables import evaluation_to_json
from bm3c.model import Cooperation

__all__ = [
    "cash_months_json",
    "cash_months_table",
    "plan_table",
    "plan_to_json",
    "plan_year_index",
    "plans_compared_json",
    "still_due_by_month",
]


def plan_year_index(coop: Cooperation, year: int) -> int | None:
    """The plan year (0 = first) that ``year`` names, or None when it names none.

    ``year`` is a calendar year of the plan (2028) or its number in the plan (1 to
    N); a plan starts in 1900 or later, so the two never overlap. A model without
    ``plan`` has one year, number 1.
    """
    start = coop.start_year
    if start is not None and start <= year < start + coop.years:
        return year - start
    if 1 <= year <= coop.years:
        return year - 1
    return None


def _low(party: PartyPlan) -> dict[str, Any]:
    return {"eur": party.cash_low.eur, "month": party.cash_low.month}


def _over_plan(party: PartyPlan) -> dict[str, Any]:
    """A party's figures over the whole plan, added to its entry of the chosen year."""
    return {
        "break_even_year": party.break_even_year,
        "cash_low": _low(party),
        "cash_needed_eur": party.cash_needed_eur,
        "months_below_zero": list(party.months_below_zero),
        "due_after_eur": float(party.due_after_eur),
    }


def cash_months_json(cash: CashPlan) -> list[dict[str, Any]]:
    """Each month of the plan with each party's balance at its end.

    ``[{"month": "2027-01", "balances": {"<party id>": eur, ...}}, ...]``, months in
    order, parties sorted by id (the members and the shared entity).
    """
    order = sorted(range(len(cash.parties)), key=lambda i: cash.parties[i])
    balances = cash.balances
    return [
        {
            "month": month,
            "balances": {cash.parties[i]: float(balances[i, m]) for i in order},
        }
        for m, month in enumerate(cash.months)
    ]


def _year_json(plan: PlanEvaluation, index: int, calendar_year: int) -> dict[str, Any]:
    ev = plan.years[index]
    members = {}
    for party in sorted(plan.members, key=lambda p: p.id):
        members[party.id] = {
            "result_eur": party.results[index],
            "cash_flow_eur": party.cash_flows[index],
            "cash_end_eur": party.cash_ends[index],
        }
    se, entity = ev.shared_entity, plan.shared_entity
    return {
        "year": calendar_year,
        "members": members,
        "shared_entity": {
            "result_eur": se.result_eur,
            "reserve_eur": se.reserve_eur,
            "distributed_eur": se.distributed_eur,
            "cash_flow_eur": entity.cash_flows[index],
            "cash_end_eur": entity.cash_ends[index],
        },
        "collective": {"result_eur": ev.collective.result_eur},
        "everyone_gains": ev.everyone_gains,
    }


def plan_to_json(plan: PlanEvaluation, year: int = 0) -> dict[str, Any]:
    """The plan as plain JSON data: the figures of plan year ``year`` (0 = first) and the plan's.

    Top level: the one-year document of that year, with ``"year"`` (its calendar
    year) and ``"plan": {"start_year", "years"}``. Each member's entry and the
    shared entity's also hold, over the whole plan: ``break_even_year`` (the shared
    entity's of its result before the reserve; null: never), ``cash_low``
    (``{"eur", "month"}``: the lowest month-end balance, its first month),
    ``cash_needed_eur`` (minus the low point, or 0), ``months_below_zero`` and
    ``due_after_eur`` (still to receive (+) or pay (-) after the plan). Then
    ``years`` (one entry per plan year), ``cash_opening_eur`` (each party's),
    ``cash_months`` (:func:`cash_months_json`) and ``still_due`` (each movement
    after the plan: ``party``, ``kind`` "line", "share" or "grant", ``label``,
    ``month``, ``eur``).
    """
    calendar = plan.calendar_years
    document = evaluation_to_json(plan.years[year])
    by_id = {p.id: p for p in plan.parties}
    for member in document["members"]:
        party = by_id.get(member["id"])
        if party is not None:
            member |= _over_plan(party)
    document["shared_entity"] |= _over_plan(plan.shared_entity)
    cash = plan.cash
    opening = {p: float(v) for p, v in sorted(zip(cash.parties, cash.opening, strict=True))}
    return (
        {
            "cooperation": document.pop("cooperation"),
            "scenario": document.pop("scenario"),
            "year": calendar[year],
            "plan": {"start_year": plan.start_year, "years": len(plan.years)},
        }
        | document
        | {
            "years": [_year_json(plan, i, y) for i, y in enumerate(calendar)],
            "cash_opening_eur": opening,
            "cash_months": cash_months_json(cash),
            "still_due": [
                {"party": d.party, "kind": d.kind, "label": d.label, "month": d.month, "eur": d.eur}
                for d in cash.still_due
            ],
        }
    )


def cash_months_table(cash: CashPlan) -> pd.DataFrame:
    """One row per month (index ``month``, "YYYY-MM"), one column per party id: end balances.

    Columns in the cash plan's order: the members in file order, the shared entity last.
    """
    frame = pd.DataFrame(cash.balances.T, index=pd.Index(cash.months, name="month"))
    frame.columns = pd.Index(cash.parties)
    return frame


def plans_compared_json(plans: Sequence[PlanEvaluation], year: int = 0) -> dict[str, Any]:
    """The plan of the base and of each scenario, side by side, as plain JSON data.

    ``{"year", "plan": {"start_year", "years"}, "plans": [{"scenario" ("base" or the
    scenario's), "parties": {"<id>": {"results_eur": [per year], "break_even_year",
    "cash_low": {"eur", "month"}, "cash_needed_eur"}}}]}``; ``year`` (0 = first) is
    the plan year of the one-year comparison it goes with.
    """
    first = plans[0]
    return {
        "year": first.calendar_years[year],
        "plan": {"start_year": first.start_year, "years": len(first.years)},
        "plans": [
            {
                "scenario": plan.years[0].scenario,
                "parties": {
                    p.id: {
                        "results_eur": list(p.results),
                        "break_even_year": p.break_even_year,
                        "cash_low": _low(p),
                        "cash_needed_eur": p.cash_needed_eur,
                    }
                    for p in sorted(plan.parties, key=lambda p: p.id)
                },
            }
            for plan in plans
        ],
    }


def still_due_by_month(cash: CashPlan) -> tuple[StillDue, ...]:
    """What falls after the plan, one entry per party, kind, label and month (amounts summed).

    The shared entity pays each member's share of a year's result: those become one
    entry. In month order, then by party in the cash plan's order.
    """
    summed: dict[tuple[str, str, str, str], float] = {}
    for due in cash.still_due:
        key = (due.party, due.kind, due.label, due.month)
        summed[key] = summed.get(key, 0.0) + due.eur
    order = {party: i for i, party in enumerate(cash.parties)}
    entries = [StillDue(*key, eur) for key, eur in summed.items()]
    return tuple(sorted(entries, key=lambda d: (d.month, order.get(d.party, len(order)))))


def plan_table(plan: PlanEvaluation) -> pd.DataFrame:
    """One row per party (index ``id``: the members in file order, the shared entity last).

    Columns: ``name``, ``shared_entity``, the result of each plan year (headed by its
    calendar year), ``cumulated_eur``, ``break_even_year`` (empty: never),
    ``cash_low_eur``, ``cash_low_month``, ``cash_needed_eur`` and ``due_after_eur``.
    """
    years = [str(y) for y in plan.calendar_years]
    rows = [
        {"id": p.id, "name": p.name, "shared_entity": p.shared_entity}
        | dict(zip(years, p.results, strict=True))
        | {
            "cumulated_eur": p.cumulated[-1],
            "break_even_year": p.break_even_year,
            "cash_low_eur": p.cash_low.eur,
            "cash_low_month": p.cash_low.month,
            "cash_needed_eur": p.cash_needed_eur,
            "due_after_eur": float(p.due_after_eur),
        }
        for p in plan.parties
    ]
    frame = pd.DataFrame(rows).set_index("id")
    frame["break_even_year"] = frame["break_even_year"].astype("Int64")
    return frame
