"""The investments table: its rows, and the plan with the rows edited (DOMAIN Part 3).

A row gives an investment's file keys, but its ``year`` as a calendar year (2028)
when the plan has a start year, as people say it, and ``grant_paid`` as one month
(counted from January of the investment's year; empty: with the purchase). A grant
paid in several parts keeps its schedule while the row's month stays its first
payment's month. A new row without an id gets one made from its label.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from bm3c.edit.parts import slugify, taken_ids
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.validation import model_data, validate_cooperation

__all__ = ["INVESTMENT_FIELDS", "investment_rows", "set_investments"]

INVESTMENT_FIELDS = (
    "id",
    "carrier",
    "label",
    "amount_eur",
    "year",
    "month",
    "lifetime_years",
    "grant_eur",
    "from",
    "grant_paid",
)
WHOLE = ("year", "month", "lifetime_years", "grant_paid")
"""Columns holding whole numbers (a table editor may give 2028.0)."""


def investment_rows(plan: Cooperation) -> list[dict[str, Any]]:
    """The plan's investments as table rows (calendar year, grant's month; NaN when none)."""
    offset = plan.plan.start_year - 1 if plan.plan is not None else 0
    rows = []
    for inv in plan.investments:
        row = inv.model_dump(mode="json", by_alias=True, exclude_none=True)
        row["year"] = inv.year + offset
        row["grant_paid"] = inv.grant_paid[0].month if inv.grant_paid else math.nan
        rows.append(row)
    return rows


def _blank(value: Any) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return isinstance(value, float) and math.isnan(value)


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _free(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def set_investments(plan: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The plan with its investments replaced by ``rows`` (added, changed or removed).

    A row without an id gets one made from its label.

    Raises:
        InvalidModelError: every problem, located (``investments[2].year``): a year
            outside the plan (said in calendar years), a missing price or lifetime, an
            unknown carrier or grantor, a duplicate id...

    """
    start = plan.plan.start_year if plan.plan is not None else 1
    last = start + plan.years - 1
    before = {inv.id: inv for inv in plan.investments}
    problems: list[Problem] = []
    items = []
    taken = taken_ids(plan) | {str(r["id"]) for r in rows if not _blank(r.get("id"))}
    for i, row in enumerate(rows):
        item = {k: _whole(v) for k, v in row.items() if not _blank(v)}
        if "id" not in item and isinstance(item.get("label"), str):
            item["id"] = _free(slugify(item["label"]) or "investment", taken)
        year = item.get("year")
        if isinstance(year, int) and not isinstance(year, bool):
            if not start <= year <= last:
                outside = f"{year} is outside the plan ({start}–{last})"
                problems.append(Problem(f"investments[{i}].year", outside))
            else:
                item["year"] = year - start + 1
        month = item.pop("grant_paid", None)
        earlier = before.get(item.get("id", ""))
        if earlier is not None and earlier.grant_paid and earlier.grant_paid[0].month == month:
            item["grant_paid"] = [p.model_dump(mode="json") for p in earlier.grant_paid]
        elif month is not None:
            item["grant_paid"] = {"month": month}
        items.append(item)
    data = model_data(plan)
    data["investments"] = items
    if not items:
        data.pop("investments")
    try:
        model = validate_cooperation(data)
    except InvalidModelError as error:
        said = {p.path for p in problems}
        raise InvalidModelError(
            [*problems, *(p for p in error.problems if p.path not in said)]
        ) from None
    if problems:
        raise InvalidModelError(problems)
    return model
