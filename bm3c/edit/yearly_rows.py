"""The rows of the yearly tables: one row per number, its values year by year.

A revenue or cost line given as an amount is one row (its amount); a line given
as quantity × unit price is two rows (the quantity, the unit price), since those
are the numbers a treasurer plans: the yearly total follows from them. A work
line is two rows (paid hours, volunteer hours), a member two (hourly cost,
capacity). Each row carries the :data:`~bm3c.edit.years.YearlyPath` that
:func:`~bm3c.edit.years.set_yearly` edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from bm3c.edit.years import YearlyPath, line_path, member_path, work_path
from bm3c.model import Activity, Cooperation
from bm3c.model.years import values_by_year

__all__ = ["YearlyRow", "activity_rows", "line_totals", "member_rows"]


@dataclass(frozen=True)
class YearlyRow:
    """One yearly number: whose (``label``), which (``field``), where, its values per year.

    ``values`` holds None every year for an optional number the model leaves out.
    """

    label: str
    field: str
    path: YearlyPath
    values: tuple[float | None, ...]


def _values(value: float | tuple[float, ...] | None, years: int) -> tuple[float | None, ...]:
    return (None,) * years if value is None else values_by_year(value, years)


def _activity(plan: Cooperation, activity_id: str) -> Activity:
    return next(a for a in plan.activities if a.id == activity_id)


def activity_rows(plan: Cooperation, activity_id: str, side: str) -> list[YearlyRow]:
    """The yearly rows of an activity's ``side``: "revenues", "costs" or "work"."""
    activity, years = _activity(plan, activity_id), plan.years
    rows = []
    if side == "work":
        for work in activity.work:
            for field in ("paid_hours", "volunteer_hours"):
                path = work_path(activity_id, work.member, field)
                rows.append(
                    YearlyRow(work.member, field, path, _values(getattr(work, field), years))
                )
        return rows
    lines = activity.revenues if side == "revenues" else activity.costs
    for line in lines:
        fields = ("amount_eur",) if line.amount_eur is not None else ("quantity", "unit_price_eur")
        for field in fields:
            path = line_path(activity_id, side, line.label, field)
            rows.append(YearlyRow(line.label, field, path, _values(getattr(line, field), years)))
    return rows


def line_totals(
    plan: Cooperation, activity_id: str, side: str
) -> list[tuple[str, tuple[float, ...]]]:
    """Each revenue (or cost) line's yearly amount: (label, one total per plan year)."""
    activity = _activity(plan, activity_id)
    lines = activity.revenues if side == "revenues" else activity.costs
    return [(line.label, values_by_year(line.totals_eur, plan.years)) for line in lines]


def member_rows(plan: Cooperation) -> list[YearlyRow]:
    """Each member's hourly cost and capacity (hours it can give), year by year."""
    rows = []
    for member in plan.members:
        for field in ("hourly_cost_eur", "capacity_hours"):
            path = member_path(member.id, field)
            rows.append(
                YearlyRow(member.id, field, path, _values(getattr(member, field), plan.years))
            )
    return rows
