"""Edits over the plan years (DOMAIN Part 3).

Three kinds of edit. A page that shows one plan year edits that year's model (its
view, :func:`bm3c.model.years.year_view`); :func:`edit_in_year` brings the edit
back into the plan: a number given once for every year changes for every year, a
number that varies by year changes in the chosen year only, and everything else
(labels, kinds, added or removed lines) as edited. The yearly table edits a
number's values in every year at once (:func:`set_yearly`), with the shortcuts
people use in a spreadsheet: the same every year, grow by x % a year, only in
year n (:func:`set_shortcut`). :func:`set_plan` makes a one-year model a plan of
several years, or changes its length.

A yearly number is addressed by a path of ids and labels, as people name it:
:func:`line_path` (an activity's revenue or cost line, by its label),
:func:`work_path` (a work line, by its member), :func:`member_path`,
:func:`flow_path` (by its label).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.parts import MAX_PLAN_YEARS
from bm3c.model.validation import model_data, validate_cooperation
from bm3c.model.years import (
    YEARLY_FIELDS,
    at_year,
    investment_activity_ids,
    is_plan_model,
    year_label,
)

__all__ = [
    "SHORTCUTS",
    "YearlyPath",
    "edit_in_year",
    "flow_path",
    "grow_by",
    "line_path",
    "member_path",
    "only_in_year",
    "same_every_year",
    "set_plan",
    "set_shortcut",
    "set_yearly",
    "shortcut_values",
    "values_lost",
    "work_path",
    "yearly_or_single",
]

YearlyPath = tuple[str, ...]
"""Where a yearly number is: see :func:`line_path`, :func:`work_path`, :func:`member_path`."""

Shortcut = Literal["same", "grow", "only"]
SHORTCUTS: tuple[Shortcut, ...] = ("same", "grow", "only")
"""Spreadsheet shortcuts: the same every year, grow by x % a year, only in year n."""

OPTIONAL = frozenset({"capacity_hours", "replacement_hourly_cost_eur"})
"""Yearly numbers a model may leave out (every year empty: the number is removed)."""

ITEM_KEYS = ("id", "label", "member")
CHANGE_KEYS = ("set", "scale", "leave")  # a scenario change is known by what it changes


def _key(item: Any) -> tuple[str, str] | None:
    if isinstance(item, dict):
        for key in ITEM_KEYS:
            if key in item:
                return (key, str(item[key]))
        for key in CHANGE_KEYS:
            if item.get(key) is not None:
                return (key, str(item[key]))
    return None


def _keys(items: list[Any]) -> list[tuple[tuple[str, str], int] | None]:
    """Each item's key, numbered when several items share one (two changes of one path)."""
    seen: dict[tuple[str, str], int] = {}
    keys: list[tuple[tuple[str, str], int] | None] = []
    for item in items:
        key = _key(item)
        if key is None:
            keys.append(None)
            continue
        seen[key] = seen.get(key, 0) + 1
        keys.append((key, seen[key]))
    return keys


def _numbers(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Merge:
    """An edit of plan year ``index``'s view (``before`` → ``after``) merged into ``full``."""

    def __init__(self, index: int, years: int) -> None:
        self.index, self.years = index, years

    def value(self, full: Any, before: Any, after: Any) -> Any:
        """``after`` with what the view ``before`` did not change taken from ``full``."""
        if after == before:
            return full
        if _numbers(full) and _is_number(after) and _is_number(before):
            values = full if len(full) > 1 else full * self.years
            return [*values[: self.index], after, *values[self.index + 1 :]]  # this year only
        if isinstance(after, dict) and isinstance(before, dict) and isinstance(full, dict):
            return {
                key: self.value(full[key], before[key], value)
                if key in before and key in full
                else value
                for key, value in after.items()
            }
        if isinstance(after, list) and isinstance(before, list) and isinstance(full, list):
            return self.items(full, before, after)
        return after

    def projected(self, item: Any) -> Any:
        """A plan's item as the year's view shows it (its numbers of that year)."""
        if not isinstance(item, dict):
            return item
        shown = {k: at_year(v, self.index) if _numbers(v) else v for k, v in item.items()}
        if shown.get("reimbursed") and not shown.get("paid_hours"):
            shown["reimbursed"] = False
        return shown

    def items(self, full: list[Any], before: list[Any], after: list[Any]) -> list[Any]:
        """List items matched by id, label, member or what a change changes.

        An item the view did not show (a work line with no hours that year) stays; one
        typed again in the view is that item; a single renamed item keeps its place.
        """
        keys_full, keys_before, keys_after = _keys(full), _keys(before), _keys(after)
        if None in (*keys_full, *keys_before, *keys_after):  # plain values: by position
            if len(before) != len(full):
                return after
            merged = [self.value(f, b, a) for f, b, a in zip(full, before, after, strict=False)]
            return merged + after[len(before) :]
        in_full = {k: i for i, k in enumerate(keys_full)}
        in_before = {k: i for i, k in enumerate(keys_before)}
        used: set[int] = set()
        merged = []
        for i, (item, key) in enumerate(zip(after, keys_after, strict=True)):
            j = in_full.get(key)
            if j is not None and key in in_before:
                merged.append(self.value(full[j], before[in_before[key]], item))
            elif j is not None:  # not in the view that year, typed again
                merged.append(self.value(full[j], self.projected(full[j]), item))
            else:
                was = keys_before[i] if i < len(before) else None
                k = in_full.get(was) if was is not None and was not in keys_after else None
                if k is not None and k not in used:  # renamed in place
                    j = k
                    merged.append(self.value(full[j], before[i], item))
                else:
                    merged.append(item)
            if j is not None:
                used.add(j)
        hidden = [
            f
            for j, (f, k) in enumerate(zip(full, keys_full, strict=True))
            if k not in in_before and j not in used
        ]
        return merged + hidden


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
    merged = _Merge(index, plan.years).value(full, was, now)
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


def line_path(activity_id: str, side: str, label: str, field: str) -> YearlyPath:
    """A revenue (``side`` "revenues") or cost ("costs") line's number, by the line's label."""
    return ("activities", activity_id, side, label, field)


def work_path(activity_id: str, member: str, field: str) -> YearlyPath:
    """A work line's ``paid_hours`` or ``volunteer_hours``, by its member."""
    return ("activities", activity_id, "work", member, field)


def member_path(member_id: str, field: str) -> YearlyPath:
    """A member's ``hourly_cost_eur`` or ``capacity_hours``."""
    return ("members", member_id, field)


def flow_path(label: str, field: str = "amount_eur") -> YearlyPath:
    """A flow's amount, by its label."""
    return ("flows", label, field)


def _unknown(path: YearlyPath) -> InvalidModelError:
    return InvalidModelError([Problem(".".join(path[:-1]), "not found in the model")])


def _find(items: Any, key: str, value: str, where: str, path: YearlyPath) -> tuple[Any, str]:
    """The item of ``items`` whose ``key`` is ``value`` and its file path."""
    for i, item in enumerate(items or []):
        if item.get(key) == value:
            return item, f"{where}.{value}" if key == "id" else f"{where}[{i}]"
    raise _unknown(path)


def _locate(data: dict[str, Any], path: YearlyPath) -> tuple[dict[str, Any], str, str]:
    """The mapping holding the number at ``path``, the number's key and its file path."""
    field = path[-1]
    if field not in YEARLY_FIELDS:
        raise _unknown(path)
    if len(path) == 1:
        return data, field, field
    if path[0] == "members" and len(path) == 3:
        node, where = _find(data.get("members"), "id", path[1], "members", path)
    elif path[0] == "flows" and len(path) == 3:
        node, where = _find(data.get("flows"), "label", path[1], "flows", path)
    elif path[0] == "activities" and len(path) == 5 and path[2] in ("revenues", "costs", "work"):
        activity, where = _find(data.get("activities"), "id", path[1], "activities", path)
        key = "member" if path[2] == "work" else "label"
        node, where = _find(activity.get(path[2]), key, path[3], f"{where}.{path[2]}", path)
    else:
        raise _unknown(path)
    return node, field, f"{where}.{field}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _checked(
    plan: Cooperation, where: str, field: str, values: Sequence[float | None]
) -> list[float] | None:
    """The values as numbers, or None for an optional number left empty every year.

    Raises:
        InvalidModelError: a value missing, not a number or below 0, located by its
            year (``….amount_eur.2028``).

    """
    if len(values) != plan.years:
        problem = f"{len(values)} values for a {plan.years}-year plan: give one per year"
        raise InvalidModelError([Problem(where, problem)])
    if all(_blank(v) for v in values) and field in OPTIONAL:
        return None
    problems = []
    for i, value in enumerate(values):
        at = f"{where}.{year_label(plan, i)}"
        if _blank(value):
            problems.append(Problem(at, "required field is missing"))
        elif isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem(at, f"expected a number, got {value!r}"))
        elif not math.isfinite(value):
            problems.append(Problem(at, "must be a finite number"))
        elif value < 0:
            problems.append(Problem(at, f"must be at least 0, got {value:g}"))
    if problems:
        raise InvalidModelError(problems)
    return [float(v) for v in values if v is not None]


def set_yearly(plan: Cooperation, path: YearlyPath, values: Sequence[float | None]) -> Cooperation:
    """The plan with the number at ``path`` given year by year.

    ``values`` holds one value per plan year; equal values become one number
    (:func:`yearly_or_single`). An optional number (a member's capacity, a
    replacement cost) left empty every year is removed.

    Raises:
        InvalidModelError: a value missing, negative or not a number (located by its
            year), an unknown line, or a model the new values make invalid.

    """
    data = model_data(plan)
    node, field, where = _locate(data, path)
    numbers = _checked(plan, where, field, values)
    if numbers is None:
        node.pop(field, None)
    else:
        node[field] = yearly_or_single(numbers)
    return validate_cooperation(data)


def shortcut_values(
    shortcut: Shortcut, value: float, years: int, *, percent: float = 0.0, year: int = 1
) -> list[float]:
    """The yearly values a shortcut gives: ``value`` every year, growing, or in one year."""
    if shortcut == "grow":
        return grow_by(value, percent, years)
    if shortcut == "only":
        return only_in_year(value, year, years)
    return same_every_year(value, years)


def set_shortcut(
    plan: Cooperation,
    path: YearlyPath,
    shortcut: Shortcut,
    value: float,
    *,
    percent: float = 0.0,
    year: int = 1,
) -> Cooperation:
    """The plan with the number at ``path`` filled by a shortcut (:func:`shortcut_values`).

    Raises:
        InvalidModelError: as :func:`set_yearly`; ``year`` outside the plan.

    """
    if not 1 <= year <= plan.years:
        where = ".".join(path)
        message = f"must be at most {plan.years}, got {year}" if year > 1 else "must be at least 1"
        raise InvalidModelError([Problem(where, message)])
    values = shortcut_values(shortcut, value, plan.years, percent=percent, year=year)
    return set_yearly(plan, path, values)


def _yearly_numbers(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """(mapping, key, file path) of every yearly number, scenario values per year included."""
    for field in YEARLY_FIELDS:
        if field in data:
            yield data, field, field
    for member in data.get("members", []):
        for field in YEARLY_FIELDS:
            if field in member:
                yield member, field, f"members.{member.get('id')}.{field}"
    for i, flow in enumerate(data.get("flows", [])):
        if "amount_eur" in flow:
            yield flow, "amount_eur", f"flows[{i}].amount_eur"
    for activity in data.get("activities", []):
        for side in ("revenues", "costs", "work"):
            for i, line in enumerate(activity.get(side, [])):
                for field in YEARLY_FIELDS:
                    if field in line:
                        yield line, field, f"activities.{activity.get('id')}.{side}[{i}].{field}"
    for scenario in data.get("scenarios", []):
        for i, change in enumerate(scenario.get("changes", [])):
            if "set" in change and _numbers(change.get("value")):
                yield change, "value", f"scenarios.{scenario.get('id')}.changes[{i}].value"


def values_lost(plan: Cooperation, years: int) -> list[tuple[str, tuple[float, ...]]]:
    """The values a plan of ``years`` years would drop: (file path, values of the years cut).

    Only a number given year by year loses values when the plan gets shorter.
    """
    lost = []
    for node, field, where in _yearly_numbers(model_data(plan)):
        value = node[field]
        if isinstance(value, list) and len(value) > max(years, 1):
            lost.append((where, tuple(value[max(years, 1) :])))
    return lost


def _resized(value: Any, years: int) -> Any:
    """A list of yearly values cut to ``years`` or extended by repeating its last value."""
    if not isinstance(value, list) or not value:
        return value
    values = value[:years] + [value[-1]] * (years - len(value))
    first = values[0]
    return first if all(v == first for v in values) else values


def set_plan(plan: Cooperation, start_year: int, years: int) -> Cooperation:
    """The model as a plan of ``years`` years from ``start_year``.

    A number given year by year is cut to the new length, or extended by repeating
    its last year's value (so is a scenario value given per year); a number given
    once stays the same every year. :func:`values_lost` says which values a shorter
    plan drops.

    Raises:
        InvalidModelError: a start year or length out of range (1 to 10 years), or an
            investment bought after the new plan's last year.

    """
    data = model_data(plan)
    data["plan"] = {"start_year": start_year, "years": years}
    if isinstance(years, int) and 1 <= years <= MAX_PLAN_YEARS:
        for node, field, _ in list(_yearly_numbers(data)):
            node[field] = _resized(node[field], years)
    return validate_cooperation(data)
