"""One year of a plan: the model with every yearly number of that year (DOMAIN Part 3).

A file may give a number as a list, one value per plan year. Every accounting rule
of Parts 1 and 2 reads one year at a time: :func:`year_view` turns a plan into the
model of one year, whose numbers are plain numbers again, and whose investments
become the lines they put in that year's accounts (their depreciation, and the
grant's share taken into the result) on an activity of their carrier. A model
without lists and without investments is its own view.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, TypeVar

from bm3c.model.checks import YEARLY_FIELDS
from bm3c.model.cooperation import Cooperation
from bm3c.model.parts import (
    MARKET,
    Activity,
    Change,
    CostLine,
    Flow,
    Investment,
    Member,
    Part,
    RevenueLine,
    Scenario,
    WorkLine,
    as_years,
)

__all__ = [
    "INVESTMENT_ACTIVITY",
    "YEARLY_FIELDS",
    "at_year",
    "investment_activity_ids",
    "is_plan_model",
    "scenario_in_year",
    "values_by_year",
    "year_label",
    "year_view",
    "year_views",
]

P = TypeVar("P", bound=Part)

INVESTMENT_ACTIVITY = "investissements"
"""Id (before any suffix) of the activity that holds a carrier's investments in a year."""
INVESTMENT_ACTIVITY_NAME = "Investissements"
#: The account of an investment grant's yearly share in a funders' budget (DOMAIN Part 4):
#: « quote-part des subventions d'investissement virée au résultat ».
GRANT_SHARE = "777"


def at_year(value: Any, index: int) -> Any:
    """The value of plan year ``index`` (0 = first) of a number that may be a list."""
    if isinstance(value, tuple | list):
        return value[index] if len(value) > 1 else value[0]
    return value


def values_by_year(value: float | tuple[float, ...] | None, years: int) -> tuple[float, ...]:
    """A yearly number as exactly ``years`` values (a single number repeated)."""
    values = as_years(value)
    return values if len(values) == years else (values[0],) * years


def year_label(coop: Cooperation, index: int) -> str:
    """The calendar year of plan year ``index`` ("2028"), or its number ("2") without a plan."""
    return str(coop.plan.start_year + index) if coop.plan is not None else f"{index + 1}"


@cache
def _yearly_names(kind: type[Part]) -> tuple[str, ...]:
    """The yearly numbers a kind of part has."""
    return tuple(name for name in YEARLY_FIELDS if name in kind.model_fields)


def _has_lists(part: Part) -> bool:
    fields = vars(part)  # a part's field values (faster than getattr)
    return any(type(fields.get(name)) is tuple for name in _yearly_names(type(part)))


def _line_lists(activity: Activity) -> Iterator[Part]:
    yield from activity.revenues
    yield from activity.costs
    yield from activity.work


_PLAIN: dict[int, weakref.ref[Cooperation]] = {}
"""Models known to be plain (views, and models found so), by id while they live."""


def _remember_plain(coop: Cooperation) -> Cooperation:
    key = id(coop)
    _PLAIN[key] = weakref.ref(coop, lambda _: _PLAIN.pop(key, None))
    return coop


def is_plan_model(coop: Cooperation) -> bool:
    """Whether some number varies by year, or there are investments (else: its own view)."""
    known = _PLAIN.get(id(coop))
    if known is not None and known() is coop:
        return False
    plan = bool(
        coop.investments
        or isinstance(coop.replacement_hourly_cost_eur, tuple)
        or any(_has_lists(m) for m in coop.members)
        or any(_has_lists(f) for f in coop.flows)
        or any(_has_lists(p) for a in coop.activities for p in _line_lists(a))
        or any(_list_value(c) for s in coop.scenarios for c in s.changes)
    )
    if not plan:
        _remember_plain(coop)
    return plan


def _list_value(change: Change) -> bool:
    """Whether a ``set`` gives a number per plan year (a list of numbers, not of ids)."""
    value = change.value
    return (
        change.set is not None
        and isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )


def _in_year(part: P, index: int) -> P:
    """The part with its yearly numbers of year ``index`` (the part itself when none vary)."""
    fields = vars(part)  # a part's field values (faster than getattr)
    update = {
        name: at_year(value, index)
        for name in _yearly_names(type(part))
        if type(value := fields.get(name)) is tuple
    }
    return _replaced(part, update) if update else part


def _replaced(part: P, update: dict[str, Any]) -> P:
    """``part.model_copy(update=update)``, a few times faster (views copy many parts)."""
    copied = object.__new__(type(part))
    object.__setattr__(copied, "__dict__", {**vars(part), **update})
    object.__setattr__(copied, "__pydantic_extra__", part.__pydantic_extra__)
    object.__setattr__(
        copied, "__pydantic_fields_set__", part.__pydantic_fields_set__ | set(update)
    )
    object.__setattr__(copied, "__pydantic_private__", part.__pydantic_private__)
    return copied


def _by_year(part: P, years: int, changed: set[int]) -> list[P]:
    """The part in each plan year; years with the same numbers share one object.

    Adds to ``changed`` the years whose part is not the year before's (year 0: not
    the plan's own part).
    """
    fields = vars(part)
    names = [n for n in _yearly_names(type(part)) if type(fields.get(n)) is tuple]
    if not names:
        return [part] * years
    columns = (v if len(v) > 1 else v * years for v in (fields[n] for n in names))
    made: dict[tuple[float, ...], P] = {}
    out = []
    before: tuple[float, ...] | None = None
    for y, key in enumerate(zip(*columns, strict=True)):
        found = made.get(key)
        if found is None:
            found = made[key] = _replaced(part, dict(zip(names, key, strict=True)))
        out.append(found)
        if key != before:
            changed.add(y)
        before = key
    return out


def _activity_by_year(activity: Activity, years: int, changed: set[int]) -> list[Activity]:
    """The activity in each plan year; years whose lines are the same share one object."""
    mine: set[int] = set()
    by_year = [
        _by_year(line, years, mine)
        for line in (*activity.revenues, *activity.costs, *activity.work)
    ]
    if not mine:
        return [activity] * years
    changed |= mine
    r, c = len(activity.revenues), len(activity.costs)
    out: list[Activity] = []
    for y in range(years):
        if y not in mine:
            out.append(out[-1])
            continue
        now = [parts[y] for parts in by_year]
        update = {"revenues": tuple(now[:r]), "costs": tuple(now[r : r + c])}
        work = [w for w in now[r + c :] if isinstance(w, WorkLine)]
        out.append(_replaced(activity, update | {"work": _worked(work)}))
    return out


def _worked(lines: Sequence[WorkLine]) -> tuple[WorkLine, ...]:
    """A year's work lines, as a scenario leaves them.

    A line with no hours that year is not there; one with no paid hours that year is
    not reimbursed that year.
    """
    return tuple(
        _replaced(w, {"reimbursed": False}) if w.reimbursed and not w.paid_hours else w
        for w in lines
        if w.paid_hours or w.volunteer_hours
    )


def _activity_in_year(activity: Activity, index: int) -> Activity:
    revenues = tuple(_in_year(line, index) for line in activity.revenues)
    costs = tuple(_in_year(line, index) for line in activity.costs)
    work = _worked([_in_year(line, index) for line in activity.work])
    before = (*activity.revenues, *activity.costs, *activity.work)
    if len(work) == len(activity.work) and all(
        a is b for a, b in zip((*revenues, *costs, *work), before, strict=True)
    ):
        return activity
    return _replaced(activity, {"revenues": revenues, "costs": costs, "work": work})


def scenario_in_year(scenario: Scenario, index: int, years: int) -> Scenario:
    """The scenario with each ``set`` value given per year as that year's value.

    A list of the wrong length is left as it is: applying it is refused with its path.
    """
    if not any(_list_value(c) for c in scenario.changes):
        return scenario
    changes = tuple(
        c.model_copy(update={"value": list(c.value)[index if len(c.value) > 1 else 0]})
        if _list_value(c) and len(c.value) in (1, years)
        else c
        for c in scenario.changes
    )
    return scenario.model_copy(update={"changes": changes})


def investment_activity_ids(coop: Cooperation) -> dict[str, str]:
    """The id of the activity holding each investing carrier's investments (carrier: id)."""
    taken = {a.id for a in coop.activities} | {*coop.member_ids, coop.shared_entity.id}
    taken |= {a.id for a in coop.actors}
    ids: dict[str, str] = {}
    carriers = [p for p in (*coop.member_ids, coop.shared_entity.id)]
    for carrier in carriers:
        if not any(inv.carrier == carrier for inv in coop.investments):
            continue
        base = f"{INVESTMENT_ACTIVITY}-{carrier}"[:76]
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        ids[carrier] = ident
    return ids


def _investment_lines(
    investments: list[Investment], year: int
) -> tuple[tuple[RevenueLine, ...], tuple[CostLine, ...]]:
    costs = tuple(
        CostLine(label=f"Amortissement : {inv.label}", amount_eur=inv.depreciation_eur).model_copy(
            update={"kind": "depreciation", "payee": MARKET}
        )
        for inv in investments
        if inv.depreciates_in(year)
    )
    revenues = tuple(
        RevenueLine(
            label=f"Quote-part de subvention : {inv.label}", amount_eur=inv.grant_share_eur
        ).model_copy(update={"kind": "subsidy", "payer": inv.grantor, "account": GRANT_SHARE})
        for inv in investments
        if inv.depreciates_in(year) and inv.grant_eur > 0
    )
    return revenues, costs


def _investment_activities(coop: Cooperation, index: int) -> tuple[Activity, ...]:
    """Each investing carrier's depreciation and grant shares of plan year ``index``."""
    year = index + 1
    activities = []
    for carrier, ident in investment_activity_ids(coop).items():
        own = [inv for inv in coop.investments if inv.carrier == carrier]
        revenues, costs = _investment_lines(own, year)
        if not revenues and not costs:
            continue
        activities.append(
            Activity.model_construct(
                id=ident,
                name=INVESTMENT_ACTIVITY_NAME,
                carrier=carrier,
                description="Amortissements et quote-parts de subvention des investissements "
                "(calculés à partir des investissements)",
                revenues=revenues,
                costs=costs,
                work=(),
                impacts={},
                requires=None,
            )
        )
    return tuple(activities)


def year_view(coop: Cooperation, index: int = 0) -> Cooperation:
    """The model of plan year ``index`` (0 = first): plain numbers, investments as lines.

    The view keeps the plan, the payment timings and the opening cash (the cash plan
    reads them) but has no investments of its own: they are its investment
    activities. A view is its own view.
    """
    if not 0 <= index < coop.years:
        raise IndexError(f"plan year {index + 1} is outside the plan (1 to {coop.years})")
    if not is_plan_model(coop):
        return coop
    return _view(
        coop,
        index,
        [_in_year(m, index) for m in coop.members],
        [_in_year(f, index) for f in coop.flows],
        [_activity_in_year(a, index) for a in coop.activities],
    )


def _view(
    coop: Cooperation,
    y: int,
    members: list[Member],
    flows: list[Flow],
    activities: list[Activity],
) -> Cooperation:
    """The model of plan year ``y`` from its members, flows and activities of that year."""
    update: dict[str, Any] = {
        "members": tuple(members),
        "flows": tuple(flows),
        "activities": (*activities, *_investment_activities(coop, y)),
        "scenarios": tuple(scenario_in_year(s, y, coop.years) for s in coop.scenarios),
        "investments": (),
        "replacement_hourly_cost_eur": at_year(coop.replacement_hourly_cost_eur, y),
    }
    return _remember_plain(_replaced(coop, update))


def year_views(coop: Cooperation) -> tuple[Cooperation, ...]:
    """The view of every plan year (:func:`year_view`), built in one pass.

    A year whose numbers and investment lines are those of the year before is the
    same object as that year's view (its evaluation may be reused).
    """
    years = coop.years
    if not is_plan_model(coop):
        return (coop,) * years
    changed: set[int] = set()  # years whose members, flows or activities differ
    members = [_by_year(m, years, changed) for m in coop.members]
    flows = [_by_year(f, years, changed) for f in coop.flows]
    activities = [_activity_by_year(a, years, changed) for a in coop.activities]
    views: list[Cooperation] = []
    for y in range(years):
        depreciating = [inv for inv in coop.investments if inv.depreciates_in(y + 1)]
        same = y > 0 and (
            y not in changed
            and depreciating == [inv for inv in coop.investments if inv.depreciates_in(y)]
            and at_year(coop.replacement_hourly_cost_eur, y)
            == at_year(coop.replacement_hourly_cost_eur, y - 1)
            and all(
                scenario_in_year(s, y, years) == scenario_in_year(s, y - 1, years)
                for s in coop.scenarios
            )
        )
        if same:
            views.append(views[-1])
            continue
        views.append(
            _view(
                coop,
                y,
                [parts[y] for parts in members],
                [parts[y] for parts in flows],
                [parts[y] for parts in activities],
            )
        )
    return tuple(views)
