"""A transfer of hours: one member gives some of its hours on an activity to another.

The activity's total hours stay the same. :func:`transfer_work` says which work
lines change and how (a pure function of the model); :func:`what_if_transfer`
gives every member's figures before and after, the same numbers
:func:`~bm3c.engine.evaluate.evaluate` gives on the model with those work lines.

What the receiver does with the hours (DOMAIN.md, work allocation rules):

- it does them as paid or volunteer hours (``received``), at its own hourly cost
  when paid: the giver's staff cost goes, the receiver's comes;
- a line that gets paid hours it had none of takes the reimbursement flag of the
  line the hours come from when those were paid hours (reimbursed hours stay
  reimbursed: the carrier pays the receiver back instead), else it is not
  reimbursed; a line that had paid hours keeps its own flag; a member's own
  activity is never reimbursed;
- a line left with no hours goes; a line left with no paid hours is no longer
  reimbursed (the model allows no flag without paid hours).

A negative number of hours moves them back: the receiver gives, the giver gets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bm3c.engine.ledger import compile_ledger
from bm3c.engine.variants import evaluate_work_variants
from bm3c.engine.whatif import WhatIf, WorkBase, compare_settled, what_if
from bm3c.errors import Bm3cError
from bm3c.model import Activity, Cooperation, WorkLine

__all__ = [
    "HourKind",
    "Transfer",
    "TransferError",
    "WorkChange",
    "can_be_reimbursed",
    "default_received",
    "default_reimbursed",
    "givers",
    "hours_available",
    "transfer_work",
    "what_if_transfer",
    "with_work_changes",
]

HourKind = Literal["paid", "volunteer"]
TOLERANCE = 1e-9  # hours: what float sums may miss by


class TransferError(Bm3cError, ValueError):
    """A transfer that cannot be made (unknown activity or member, too many hours)."""


@dataclass(frozen=True)
class Transfer:
    """``hours`` of ``giver_id``'s ``given`` hours on an activity, done by ``receiver_id``.

    ``received`` says whether the receiver does them as paid or volunteer hours;
    ``reimbursed``, when given, sets the flag of the receiver's line (when it has
    paid hours and the activity is not its own) instead of the rules.
    """

    activity_id: str
    giver_id: str
    receiver_id: str
    hours: float
    given: HourKind = "paid"
    received: HourKind = "paid"
    reimbursed: bool | None = None  # the receiver's flag, when told (else the rules)

    def reversed(self) -> Transfer:
        """The transfer that moves the same hours back."""
        return Transfer(
            self.activity_id,
            self.giver_id,
            self.receiver_id,
            -self.hours,
            self.given,
            self.received,
            self.reimbursed,
        )


@dataclass(frozen=True)
class WorkChange:
    """A member's work line on the activity after a transfer (no hours: the line goes)."""

    member_id: str
    paid_hours: float
    volunteer_hours: float
    reimbursed: bool
    had_line: bool  # the member had a work line on the activity before

    @property
    def removes_line(self) -> bool:
        """True when the member is left with no hours on the activity."""
        return self.paid_hours == 0 and self.volunteer_hours == 0


def _activity(coop: Cooperation, activity_id: str) -> Activity:
    activity = next((a for a in coop.activities if a.id == activity_id), None)
    if activity is None:
        raise TransferError(f"unknown activity {activity_id!r}")
    return activity


def _line(activity: Activity, member_id: str) -> WorkLine | None:
    return next((w for w in activity.work if w.member == member_id), None)


def givers(coop: Cooperation, activity_id: str) -> list[str]:
    """The members who can give hours on the activity: those with a work line (model order)."""
    working = {w.member for w in _activity(coop, activity_id).work}
    return [m for m in coop.member_ids if m in working]


def hours_available(coop: Cooperation, activity_id: str, member_id: str, kind: HourKind) -> float:
    """A member's hours of one kind on the activity (0 without a work line)."""
    line = _line(_activity(coop, activity_id), member_id)
    if line is None:
        return 0.0
    return line.paid_hours if kind == "paid" else line.volunteer_hours


def default_received(
    coop: Cooperation, activity_id: str, receiver_id: str, given: HourKind
) -> HourKind:
    """How the receiver would do the hours, unless told: as it already works on the activity.

    Only paid hours on its line: paid; only volunteer hours: volunteer; both, or
    no line yet: the kind the giver gives.
    """
    line = _line(_activity(coop, activity_id), receiver_id)
    if line is not None and line.paid_hours > 0 and line.volunteer_hours == 0:
        return "paid"
    if line is not None and line.volunteer_hours > 0 and line.paid_hours == 0:
        return "volunteer"
    return given


def transfer_work(coop: Cooperation, transfer: Transfer) -> tuple[WorkChange, WorkChange]:
    """The giver's and the receiver's work lines on the activity after the transfer.

    The giver's ``given`` hours go down by ``hours`` and the receiver's ``received``
    hours go up by as many; the activity's total hours stay the same. Reimbursement
    flags follow the rules of the module docstring.

    Raises:
        TransferError: for an unknown activity or member, a member giving to itself,
            hours that are not a finite number, or more hours than a side has.

    """
    t = transfer
    activity = _activity(coop, t.activity_id)
    for member in (t.giver_id, t.receiver_id):
        if member not in coop.member_ids:
            raise TransferError(f"unknown member {member!r}")
    if t.giver_id == t.receiver_id:
        raise TransferError("a member cannot give hours to itself")
    if not math.isfinite(t.hours):
        raise TransferError(f"hours must be a number, not {t.hours!r}")
    giver = _after(activity, t.giver_id, t.given, -t.hours)
    receiver = _after(activity, t.receiver_id, t.received, t.hours)
    if t.hours > 0:
        receiver = _with_flag(activity, receiver, t.given, _line(activity, t.giver_id))
    elif t.hours < 0:
        giver = _with_flag(activity, giver, t.received, _line(activity, t.receiver_id))
    if t.reimbursed is not None and receiver.paid_hours > 0 and activity.carrier != t.receiver_id:
        receiver = WorkChange(
            receiver.member_id,
            receiver.paid_hours,
            receiver.volunteer_hours,
            t.reimbursed,
            receiver.had_line,
        )
    return giver, receiver


def _after(activity: Activity, member_id: str, kind: HourKind, delta: float) -> WorkChange:
    """A member's line with ``delta`` hours of ``kind`` more (its flag as it was)."""
    line = _line(activity, member_id)
    paid = line.paid_hours if line else 0.0
    volunteer = line.volunteer_hours if line else 0.0
    have = paid if kind == "paid" else volunteer
    if have + delta < -TOLERANCE:
        what = "paid" if kind == "paid" else "volunteer"
        raise TransferError(
            f"{member_id} has {have:g} {what} hours on {activity.id}, it cannot give {-delta:g}"
        )
    new = max(have + delta, 0.0)
    if kind == "paid":
        paid = new
    else:
        volunteer = new
    reimbursed = bool(line and line.reimbursed) and paid > 0
    return WorkChange(member_id, paid, volunteer, reimbursed, line is not None)


def _with_flag(
    activity: Activity, change: WorkChange, source_kind: HourKind, source: WorkLine | None
) -> WorkChange:
    """A line that got hours, with the flag :func:`_gained_flag` gives it."""
    reimbursed = change.paid_hours > 0 and _gained_flag(
        activity, change.member_id, source_kind, source
    )
    return WorkChange(
        change.member_id, change.paid_hours, change.volunteer_hours, reimbursed, change.had_line
    )


def _gained_flag(
    activity: Activity, member_id: str, source_kind: HourKind, source: WorkLine | None
) -> bool:
    """The flag of a line that gets hours: its own if it had paid hours, else the source's."""
    line = _line(activity, member_id)
    if line is not None and line.paid_hours > 0:
        return line.reimbursed
    if activity.carrier == member_id:
        return False
    return source_kind == "paid" and source is not None and source.reimbursed


def default_reimbursed(
    coop: Cooperation, activity_id: str, giver_id: str, receiver_id: str, given: HourKind
) -> bool:
    """Whether the receiver's paid hours would be reimbursed after a transfer, unless told."""
    activity = _activity(coop, activity_id)
    return _gained_flag(activity, receiver_id, given, _line(activity, giver_id))


def can_be_reimbursed(coop: Cooperation, activity_id: str, member_id: str) -> bool:
    """True when a member's paid hours on the activity can be paid back: not its own activity."""
    return _activity(coop, activity_id).carrier != member_id


def what_if_transfer(base: WorkBase, transfer: Transfer) -> WhatIf:
    """Every member's figures with the transfer made, next to the model's.

    When no reimbursement flag changes, the hours are settled in one batched call
    (:func:`~bm3c.engine.whatif.what_if`); otherwise the model with the new work
    lines is compiled and settled, so that flags and sharing games follow it.

    Raises:
        TransferError: as :func:`transfer_work`.

    """
    coop = base.coop
    changes = transfer_work(coop, transfer)
    ledger = base.ledger
    j = base.activity_index(transfer.activity_id)
    index = {m: i for i, m in enumerate(ledger.member_ids)}
    if all(bool(ledger.reimbursed[index[c.member_id], j]) == c.reimbursed for c in changes):
        paid = {c.member_id: c.paid_hours for c in changes}
        volunteer = {c.member_id: c.volunteer_hours for c in changes}
        return what_if(base, transfer.activity_id, paid, volunteer)
    edited = with_work_changes(coop, transfer.activity_id, changes)
    edited_ledger = compile_ledger(edited)
    paid_hours = np.stack([ledger.paid_hours, edited_ledger.paid_hours])
    volunteer_hours = np.stack([ledger.volunteer_hours, edited_ledger.volunteer_hours])
    before = evaluate_work_variants(coop, paid_hours[:1], volunteer_hours[:1], ledger)
    after = evaluate_work_variants(edited, paid_hours[1:], volunteer_hours[1:], edited_ledger)
    return compare_settled(
        base,
        transfer.activity_id,
        paid_hours,
        volunteer_hours,
        (before.settlement, 0),
        (after.settlement, 0),
    )


def with_work_changes(
    coop: Cooperation, activity_id: str, changes: tuple[WorkChange, ...]
) -> Cooperation:
    """The cooperation with these work lines on the activity (for evaluating a what-if).

    A line that stays keeps its other fields (``apart``, replacement price); a new
    line is appended with the defaults; a line with no hours goes.
    """
    activity = _activity(coop, activity_id)
    by_member = {c.member_id: c for c in changes}
    lines: list[WorkLine] = []
    for line in activity.work:
        change = by_member.pop(line.member, None)
        if change is None:
            lines.append(line)
        elif not change.removes_line:
            lines.append(_line_of(change, line))
    lines += [_line_of(c, None) for c in by_member.values() if not c.removes_line]
    new = activity.model_copy(update={"work": tuple(lines)})
    activities = tuple(new if a.id == activity_id else a for a in coop.activities)
    return coop.model_copy(update={"activities": activities})


def _line_of(change: WorkChange, line: WorkLine | None) -> WorkLine:
    fields = {
        "paid_hours": change.paid_hours,
        "volunteer_hours": change.volunteer_hours,
        "reimbursed": change.reimbursed,
    }
    if line is not None:
        return line.model_copy(update=fields)
    return WorkLine.model_validate({"member": change.member_id, **fields})
