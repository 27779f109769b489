"""When money arrives and leaves: payment timing of lines and money flows, opening cash.

Edits of the whole plan (DOMAIN Part 3, "Cash"): a line's ``paid`` is not a yearly
number, it applies to every year of the line. A line or money flow is named by
its path, as in scenario changes: ``activities.<id>.revenues.<label>``,
``activities.<id>.costs.<label>`` or ``flows.<label>``. Each function returns a
new, validated model or raises :class:`~bm3c.errors.InvalidModelError` with
located problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bm3c.edit.cooperation import Data, edit_data
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import Cooperation
from bm3c.model.parts import Payment
from bm3c.model.years import year_view

__all__ = [
    "TimedLine",
    "line_ref",
    "schedule_from",
    "set_opening_cash",
    "set_payment",
    "timed_lines",
]

MAX_MONTH = 24  # the editor's simple form: this year or the next


@dataclass(frozen=True)
class TimedLine:
    """A line or money flow whose money moves between an insider and anyone."""

    ref: str  # its path: activities.<id>.revenues.<label>, ...costs.<label>, flows.<label>
    side: str  # "revenues", "costs" or "flows"
    activity: str | None  # the activity's name (None for a flow)
    label: str
    payer: str  # party id
    payee: str  # party id
    amount_eur: float  # in the year asked for
    paid: tuple[Payment, ...] | None  # None: evenly over the 12 months


def line_ref(side: str, label: str, activity: str | None = None) -> str:
    """The path of a line (``activities.<id>.<side>.<label>``) or flow (``flows.<label>``)."""
    return f"flows.{label}" if side == "flows" else f"activities.{activity}.{side}.{label}"


def timed_lines(plan: Cooperation, view: Cooperation | None = None) -> tuple[TimedLine, ...]:
    """The plan's lines and money flows with money to or from an insider, in file order.

    Amounts are those of ``view``, one plan year's model
    (:func:`~bm3c.model.years.year_view`; default: the first year's). Every
    activity line has its carrier on one side; a money flow counts when a member
    or the shared entity gives or receives it.
    """
    view = year_view(plan, 0) if view is None else view
    insiders = {*plan.member_ids, plan.shared_entity.id}
    planned = {a.id for a in plan.activities}
    found: list[TimedLine] = []
    for a in view.activities:
        if a.id not in planned:  # investments' depreciation: no cash
            continue
        for r in a.revenues:
            ref = line_ref("revenues", r.label, a.id)
            found.append(
                TimedLine(ref, "revenues", a.name, r.label, r.payer, a.carrier, r.total_eur, r.paid)
            )
        for c in a.costs:
            ref = line_ref("costs", c.label, a.id)
            found.append(
                TimedLine(ref, "costs", a.name, c.label, a.carrier, c.payee, c.total_eur, c.paid)
            )
    for f in view.flows:
        if f.kind == "money" and f.amount_eur is not None and {f.source, f.target} & insiders:
            found.append(
                TimedLine(
                    line_ref("flows", f.label),
                    "flows",
                    None,
                    f.label,
                    f.source,
                    f.target,
                    f.amount_eur,
                    f.paid,
                )
            )
    return tuple(found)


def _find(data: Data, ref: str) -> Data:
    """The line or flow named by ``ref`` in the model's data."""
    parts = ref.split(".")
    items: Iterable[Any] = ()
    label = ""
    if len(parts) >= 2 and parts[0] == "flows":
        items, label = data.get("flows", []), ".".join(parts[1:])
    elif len(parts) >= 4 and parts[0] == "activities" and parts[2] in ("revenues", "costs"):
        activity = next((a for a in data.get("activities", []) if a.get("id") == parts[1]), None)
        if activity is not None:
            items, label = activity.get(parts[2], []), ".".join(parts[3:])
    found = next((item for item in items if item.get("label") == label), None)
    if found is None:
        raise InvalidModelError([Problem(ref, "no such line or money flow")])
    line: Data = found  # the dict itself: the edit changes it in place
    return line


def set_payment(
    plan: Cooperation, ref: str, schedule: Sequence[Payment | Mapping[str, Any]] | None
) -> Cooperation:
    """The plan with the line or money flow ``ref`` paid on ``schedule`` (None: evenly).

    ``schedule`` lists ``{month, fraction}``: months from January of the line's
    year (13 and above fall in a later year), fractions summing to 1. It applies to
    every year of the line.

    Raises:
        InvalidModelError: for an unknown line, a month out of range or fractions
            that do not sum to 1 (located at the line's ``paid``).

    """
    payments = (
        None
        if schedule is None
        else [
            {"month": p.month, "fraction": p.fraction} if isinstance(p, Payment) else dict(p)
            for p in schedule
        ]
    )

    def mutate(data: Data) -> None:
        line = _find(data, ref)
        if payments is None:
            line.pop("paid", None)
        else:
            line["paid"] = payments

    return edit_data(plan, mutate)


def schedule_from(
    month: float | None,
    fraction: float | None = None,
    balance_month: float | None = None,
    *,
    where: str = "paid",
) -> tuple[Payment, ...] | None:
    """The simple forms of a schedule: evenly, all in one month, or a part then the balance.

    ``month`` empty: evenly over the year (None). ``fraction`` empty or 1: all in
    ``month``. Else ``fraction`` in ``month`` and the balance in ``balance_month``.
    Months go from 1 to 24 (13-24: the next year).

    Raises:
        InvalidModelError: naming the field (``where.month``, ``where.fraction``,
            ``where.balance_month``) that is out of range or missing.

    """
    if month is None:
        return None
    problems = []
    if not _whole_month(month):
        problems.append(Problem(f"{where}.month", f"a month from 1 to {MAX_MONTH}, not {month:g}"))
    share = 1.0 if fraction is None else float(fraction)
    if not 0 < share <= 1:
        problems.append(
            Problem(f"{where}.fraction", f"a fraction above 0 and up to 1, not {share:g}")
        )
    elif share < 1:
        if balance_month is None:
            problems.append(
                Problem(f"{where}.balance_month", "the month of the balance is missing")
            )
        elif not _whole_month(balance_month):
            problems.append(
                Problem(
                    f"{where}.balance_month",
                    f"a month from 1 to {MAX_MONTH}, not {balance_month:g}",
                )
            )
        elif int(balance_month) == int(month):
            problems.append(
                Problem(
                    f"{where}.balance_month",
                    "the balance falls in another month than the first part",
                )
            )
    if problems:
        raise InvalidModelError(problems)
    if share == 1:
        return (Payment(month=int(month)),)
    assert balance_month is not None
    return (
        Payment(month=int(month), fraction=share),
        Payment(month=int(balance_month), fraction=round(1 - share, 12)),
    )


def _whole_month(value: float) -> bool:
    return float(value).is_integer() and 1 <= value <= MAX_MONTH


def set_opening_cash(plan: Cooperation, amounts: Mapping[str, float | None]) -> Cooperation:
    """The plan with each party's cash at the plan's start (None or 0: none given).

    Raises:
        InvalidModelError: for a negative amount or an unknown party (located at
            ``opening_cash_eur.<party>``).

    """
    given = {party: float(eur) for party, eur in amounts.items() if eur is not None and eur != 0}

    def mutate(data: Data) -> None:
        if given:
            data["opening_cash_eur"] = given
        else:
            data.pop("opening_cash_eur", None)

    return edit_data(plan, mutate)
