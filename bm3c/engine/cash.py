"""The monthly cash plan (DOMAIN Part 3, "Cash").

Each year's cash movement of a party is its result of that year, less what the
result holds but does not move in that year: the share of the shared entity's
result (paid in ``sharing.paid_month`` of the following year), depreciation
(no cash) and the investment grant's yearly share (no cash: the grant is
received once). That yearly amount moves evenly over the 12 months, except the
lines and money flows whose ``paid`` says when, which move in their months
instead (a month above 12 falls in a later year). Investments are paid in their
month and their grant (from an outside actor) received with them unless
``grant_paid`` says otherwise. What falls after the plan's last month is listed as
still to be received or paid.

Over the whole plan the cash therefore adds up, per party: Σ monthly movements +
what is still due after the plan = Σ yearly results + depreciation − grant shares
− investments + grants, where a member's result is its cash result (its share of
the shared result included) and the shared entity's is what it keeps of its result
R: R − the shares = its reserve.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from bm3c.engine.evaluate import Evaluation
from bm3c.model import MARKET, Cooperation
from bm3c.model.parts import Investment, Payment
from bm3c.model.years import investment_activity_ids

__all__ = ["CashPlan", "LowPoint", "StillDue", "cash_plan", "month_label"]

Array = npt.NDArray[np.float64]
EVENLY = tuple(Payment(month=m, fraction=1 / 12) for m in range(1, 13))
CENT = 0.005  # balances equal to the cent are tied, -0.004 € is not below zero


def month_label(start_year: int | None, index: int) -> str:
    """The month ``index`` of the plan (0 = its first January) as "YYYY-MM" (or "M01")."""
    if start_year is None:
        return f"M{index + 1:02d}"
    return f"{start_year + index // 12}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class LowPoint:
    """A party's lowest month-end balance and the first month it is reached."""

    eur: float
    month: str  # "YYYY-MM"
    index: int  # month of the plan, 0 = the first


@dataclass(frozen=True)
class StillDue:
    """A movement that falls after the plan's last month (late balance, last shares)."""

    party: str
    kind: str  # "line" (a line or money flow), "share" (a share of a year's result), "grant"
    label: str  # the line's or investment's label; for a share, the result's year
    month: str  # when it falls, "YYYY-MM"
    eur: float  # + received by the party, - paid by it


@dataclass(frozen=True)
class CashPlan:
    """Month-end balances of each party (members in file order, the shared entity last)."""

    parties: tuple[str, ...]
    months: tuple[str, ...]  # "YYYY-MM" of each month of the plan
    opening: Array  # per party
    movements: Array  # party × month: net cash in (+) or out (-)
    still_due: tuple[StillDue, ...]

    @cached_property
    def balances(self) -> Array:
        """Party × month: the balance at each month's end."""
        balances: Array = self.opening[:, None] + np.cumsum(self.movements, axis=1)
        return balances

    def low_point(self, party: str) -> LowPoint:
        """The party's lowest month-end balance and its first month (ties to the cent)."""
        row = self.balances[self.parties.index(party)]
        index = int(np.argmax(row <= row.min() + CENT))
        return LowPoint(float(row[index]), self.months[index], index)

    def yearly_flow(self, party: str) -> tuple[float, ...]:
        """The party's net cash movement in each plan year."""
        row = self.movements[self.parties.index(party)]
        return tuple(float(v) for v in row.reshape(-1, 12).sum(axis=1))

    def year_end(self, party: str) -> tuple[float, ...]:
        """The party's balance at the end of each plan year."""
        row = self.balances[self.parties.index(party)]
        return tuple(float(v) for v in row[11::12])

    def months_below_zero(self, party: str) -> tuple[str, ...]:
        """The months whose end balance is below zero (to the cent)."""
        row = self.balances[self.parties.index(party)]
        return tuple(m for m, v in zip(self.months, row, strict=True) if v < -CENT)

    def due_after(self, party: str) -> float:
        """What the party still receives (+) or pays (-) after the plan."""
        return float(sum(d.eur for d in self.still_due if d.party == party))


class _Book:
    """Movements per party and month, with what falls after the plan.

    Kept in plain lists while they are written (many small additions), an array at
    the end: what moves evenly per party and year, what moves in given months.
    """

    def __init__(self, parties: Sequence[str], years: int, start_year: int | None) -> None:
        self.index = {p: i for i, p in enumerate(parties)}
        self.months = 12 * years
        self.start_year = start_year
        self.even = [[0.0] * years for _ in parties]
        self.timed = [[0.0] * self.months for _ in parties]
        self.late: list[StillDue] = []

    def move(
        self, party: str, what: tuple[str, str], year: int, schedule: Iterable[Payment], eur: float
    ) -> None:
        """``eur`` in (+) or out (-) for ``party``, in year ``year``'s months of ``schedule``."""
        row = self.index.get(party)
        if row is None or eur == 0:
            return
        for payment in schedule:
            month = 12 * year + payment.month - 1
            amount = eur * payment.fraction
            if month < self.months:
                self.timed[row][month] += amount
            else:
                kind, label = what
                late = StillDue(party, kind, label, month_label(self.start_year, month), amount)
                self.late.append(late)

    def evenly(self, party: str, year: int, eur: float) -> None:
        """``eur`` spread evenly over the 12 months of ``year``."""
        row = self.index.get(party)
        if row is not None:
            self.even[row][year] += eur

    @property
    def movements(self) -> Array:
        """Party × month: the net movement of each month."""
        even: Array = np.repeat(np.array(self.even, dtype=float) / 12, 12, axis=1)
        timed: Array = np.array(self.timed, dtype=float)
        return even.reshape(timed.shape) + timed


def _timed_lines(
    model: Cooperation, skip: set[str]
) -> Iterator[tuple[str, str, str, float, tuple[Payment, ...]]]:
    """(payer, payee, label, amount, schedule) of each line or money flow with a ``paid``."""
    for a in model.activities:
        if a.id in skip:
            continue
        for r in a.revenues:
            if r.paid is not None:
                yield r.payer, a.carrier, r.label, r.total_eur, r.paid
        for c in a.costs:
            if c.paid is not None:
                yield a.carrier, c.payee, c.label, c.total_eur, c.paid
    for f in model.flows:
        if f.kind == "money" and f.paid is not None and f.amount_eur is not None:
            yield f.source, f.target, f.label, f.amount_eur, f.paid


def _investment_schedule(inv: Investment) -> tuple[Payment, ...]:
    return (Payment(month=inv.month),)


def cash_plan(plan: Cooperation, years: Sequence[Evaluation]) -> CashPlan:
    """The monthly cash plan of ``plan`` from the evaluation of each of its years.

    ``years[y]`` is the evaluation of plan year y (a scenario's, when the plan is of a
    scenario): the month in which its shares are paid and the opening cash are read
    from its model, so that a scenario may change them. Members who leave in a
    scenario move their result alone evenly.
    """
    se = plan.shared_entity.id
    parties = (*plan.member_ids, se)
    book = _Book(parties, len(years), plan.start_year)
    investing = set(investment_activity_ids(plan).values())
    for y, ev in enumerate(years):
        held = _held_back(plan, y)
        # a share's label: the result's year, "2029" (or its first month "M13" without one)
        share_what = ("share", month_label(plan.start_year, 12 * y)[:4])
        share_paid = (Payment(month=ev.model.sharing.paid_month),)
        for m in ev.members:
            yearly = m.cash_result_eur - m.shared_share_eur + held.get(m.id, 0.0)
            book.evenly(m.id, y, yearly)
            if m.shared_share_eur:
                book.move(m.id, share_what, y + 1, share_paid, m.shared_share_eur)
                book.move(se, share_what, y + 1, share_paid, -m.shared_share_eur)
        book.evenly(se, y, ev.shared_entity.result_eur + held.get(se, 0.0))
        for payer, payee, label, amount, schedule in _timed_lines(ev.model, investing):
            for party, sign in ((payer, -1.0), (payee, 1.0)):
                if party == MARKET or party not in book.index:
                    continue
                book.evenly(party, y, -sign * amount)  # out of the even spread...
                book.move(party, ("line", label), y, schedule, sign * amount)  # ...its months
    for inv in plan.investments:
        what = ("grant", inv.label)
        bought = _investment_schedule(inv)
        book.move(inv.carrier, what, inv.year - 1, bought, -inv.amount_eur)
        book.move(inv.carrier, what, inv.year - 1, inv.grant_paid or bought, inv.grant_eur)
    # the scenario's opening cash; a member who left keeps the plan's
    opening_cash = plan.opening_cash_eur | (years[0].model.opening_cash_eur if years else {})
    opening = np.array([opening_cash.get(p, 0.0) for p in parties])
    months = tuple(month_label(plan.start_year, i) for i in range(book.months))
    return CashPlan(parties, months, opening, book.movements, tuple(book.late))


def _held_back(plan: Cooperation, y: int) -> dict[str, float]:
    """Per carrier, what its year-``y`` result holds that moves no cash that year.

    Depreciation is added back, the grant's yearly share taken off.
    """
    held: dict[str, float] = {}
    for inv in plan.investments:
        if inv.depreciates_in(y + 1):
            held[inv.carrier] = held.get(inv.carrier, 0.0) + inv.depreciation_eur
            held[inv.carrier] -= inv.grant_share_eur
    return held
