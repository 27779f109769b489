"""Edits over the plan years (DOMAIN Part 3).

Two kinds of edit. A page that shows one plan year edits that year's model (its
view, :func:`bm3c.model.years.year_view`); :func:`edit_in_year` brings the edit
back into the plan: a number given once for every year changes for every year, a
number that varies by year changes in the chosen year only, and everything else
(labels, kinds, added or removed lines) as edited. The yearly table edits a
number's values in every year at once (:func:`set_yearly`), with the shortcuts
people use in a spreadsheet: the same every year, grow by x % a year, only in
year n.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bm3c.model import Cooperation
from bm3c.model.validation import model_data, validate_cooperation
from bm3c.model.years import investment_activity_ids, is_plan_model

__all__ = [
    "edit_in_year",
    "grow_by",
    "only_in_year",
    "same_every_year",
    "yearly_or_single",
]

ITEM_KEYS = ("id", "label", "member")


def _key(item: Any) -> Any:
    if isinstance(item, dict):
        for key in ITEM_KEYS:
            if key in item:
                return (key, item[key])
    return None


def _numbers(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


def _merge(full: Any, before: Any, after: Any, index: int) -> Any:
    """``after`` with what the year view ``before`` did not change taken from ``full``."""
    if after == before:
        return full
    number = isinstance(after, int | float) and not isinstance(after, bool)
    if _numbers(full) and number and isinstance(before, int | float):
        return [*full[:index], after, *full[index + 1 :]]  # a number that varies: this year
    if isinstance(after, dict) and isinstance(before, dict) and isinstance(full, dict):
        merged = {}
        for key, value in after.items():
            if key in before and key in full:
                merged[key] = _merge(full[key], before[key], value, index)
            else:
                merged[key] = value
        return merged
    if isinstance(after, list) and isinstance(before, list) and isinstance(full, list):
        if len(before) != len(full):
            return after
        return _merge_items(full, before, after, index)
    return after


def _merge_items(full: list[Any], before: list[Any], after: list[Any], index: int) -> list[Any]:
    """List items matched by id, label or member (by position where one was renamed)."""
    where = {_key(item): i for i, item in enumerate(before) if _key(item) is not None}
    matched: list[int | None] = [where.get(_key(item)) for item in after]
    taken = {i for i in matched if i is not None}
    keys = {_key(a) for a in after}
    for i, item in enumerate(after):  # a renamed item keeps its place
        renamed = _key(item) is None or _key(before[i] if i < len(before) else None) not in keys
        if matched[i] is None and i < len(before) and i not in taken and renamed:
            matched[i] = i
            taken.add(i)
    return [
        item if j is None else _merge(full[j], before[j], item, index)
        for item, j in zip(after, matched, strict=True)
    ]


def edit_in_year(
    plan: Cooperation, index: int, before: Cooperation, after: Cooperation
) -> Cooperation:
    """The plan with the edit ``before`` → ``after`` of plan year ``index``'s view.

    Raises:
        InvalidModelError: when the result is not a valid model.

    """
    if before is plan or not is_plan_model(plan):
        return after
    computed = set(investment_activity_ids(plan).values())
    full, was, now = (model_data(m) for m in (plan, before, after))
    for data in (was, now):
        data["activities"] = [a for a in data.get("activities", []) if a.get("id") not in computed]
        data.pop("investments", None)
    merged = _merge(full, was, now, index)
    if "investments" in full:
        merged["investments"] = full["investments"]
    return validate_cooperation(merged)


def yearly_or_single(values: Sequence[float]) -> float | list[float]:
    """One number when every year has the same value, else the list."""
    first = values[0]
    return first if all(v == first for v in values) else list(values)


def same_every_year(value: float, years: int) -> list[float]:
    """``value`` in every year."""
    return [value] * years


def grow_by(first: float, percent: float, years: int) -> list[float]:
    """``first`` in year 1, then ``percent`` % more each year (rounded to the cent)."""
    return [round(first * (1 + percent / 100) ** i, 2) for i in range(years)]


def only_in_year(value: float, year: int, years: int) -> list[float]:
    """``value`` in plan year ``year`` (1 = first), 0 in the others."""
    return [value if i == year - 1 else 0.0 for i in range(years)]
