"""What-if on one activity's work: move hours between members and see every result move.

A :class:`WorkBase` compiles the cooperation once; :func:`what_if` then settles
the base hours and the modified ones in one batched call
(:func:`~bm3c.engine.variants.evaluate_work_variants`), fast enough for a slider.
The figures are those :func:`~bm3c.engine.evaluate.evaluate` gives on the model
edited with :func:`bm3c.edit.set_work` for each member (a member given hours on
an activity it had no line on is not reimbursed, as ``set_work`` does).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bm3c.engine.accounts import Settlement
from bm3c.engine.ledger import Ledger, compile_ledger
from bm3c.engine.variants import evaluate_work_variants
from bm3c.model import Cooperation

__all__ = [
    "MemberWhatIf",
    "WhatIf",
    "WorkBase",
    "activity_hours",
    "changed_hours",
    "compare_settled",
    "default_activity",
    "hours_range",
    "members_on",
    "prepare_what_if",
    "what_if",
]

CENT = 0.005

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class WorkBase:
    """A cooperation compiled once, for many what-ifs on its hours."""

    coop: Cooperation
    ledger: Ledger

    def activity_index(self, activity_id: str) -> int:
        """Position of an activity in the ledger (KeyError when unknown)."""
        try:
            return self.ledger.activity_ids.index(activity_id)
        except ValueError:
            raise KeyError(activity_id) from None


def prepare_what_if(coop: Cooperation) -> WorkBase:
    """Compile ``coop`` for what-ifs on its hours."""
    return WorkBase(coop, compile_ledger(coop))


@dataclass(frozen=True)
class MemberWhatIf:
    """One member's figures before and after the what-if (currency per period, hours)."""

    id: str
    name: str
    paid_hours_before: float  # on the activity
    paid_hours_after: float
    volunteer_hours_before: float  # on the activity
    volunteer_hours_after: float
    cash_result_before_eur: float
    cash_result_after_eur: float
    gain_before_eur: float
    gain_after_eur: float
    hours_before: float  # paid + volunteer, every activity
    hours_after: float
    capacity_hours: float | None
    load_ratio_before: float | None  # None without a capacity
    load_ratio_after: float | None

    @property
    def cash_result_delta_eur(self) -> float:
        """Change of the cash result."""
        return self.cash_result_after_eur - self.cash_result_before_eur

    @property
    def gain_delta_eur(self) -> float:
        """Change of the gain from cooperation."""
        return self.gain_after_eur - self.gain_before_eur

    @property
    def overloaded_before(self) -> bool:
        """More hours than its capacity before the what-if."""
        return self.capacity_hours is not None and self.hours_before > self.capacity_hours

    @property
    def overloaded_after(self) -> bool:
        """More hours than its capacity after the what-if."""
        return self.capacity_hours is not None and self.hours_after > self.capacity_hours

    @property
    def activity_hours_before(self) -> float:
        """Its hours, paid and volunteer, on the activity before the what-if."""
        return self.paid_hours_before + self.volunteer_hours_before

    @property
    def activity_hours_after(self) -> float:
        """Its hours, paid and volunteer, on the activity after the what-if."""
        return self.paid_hours_after + self.volunteer_hours_after

    @property
    def hours_changed(self) -> bool:
        """True when the what-if changes its hours on the activity."""
        return (
            self.paid_hours_after != self.paid_hours_before
            or self.volunteer_hours_after != self.volunteer_hours_before
        )


@dataclass(frozen=True)
class WhatIf:
    """Every member's figures before and after new hours on one activity."""

    activity_id: str
    members: tuple[MemberWhatIf, ...]  # sorted by id, like Evaluation.members
    shared_result_before_eur: float
    shared_result_after_eur: float
    collective_result_before_eur: float
    collective_result_after_eur: float
    activity_result_before_eur: float
    activity_result_after_eur: float

    @property
    def activity_hours_before(self) -> float:
        """Every member's hours, paid and volunteer, on the activity before the what-if."""
        return sum(m.activity_hours_before for m in self.members)

    @property
    def activity_hours_after(self) -> float:
        """Every member's hours, paid and volunteer, on the activity after the what-if."""
        return sum(m.activity_hours_after for m in self.members)

    @property
    def changed(self) -> bool:
        """True when some member's hours on the activity differ from the model's."""
        return any(m.hours_changed for m in self.members)

    @property
    def losing_members_after(self) -> tuple[str, ...]:
        """Ids of members whose gain from cooperation is negative after the what-if."""
        return tuple(m.id for m in self.members if m.gain_after_eur < -CENT)

    @property
    def everyone_gains_after(self) -> bool:
        """True when no member loses from the cooperation after the what-if."""
        return not self.losing_members_after

    def member(self, member_id: str) -> MemberWhatIf:
        """One member's figures."""
        return next(m for m in self.members if m.id == member_id)


def members_on(base: WorkBase, activity_id: str) -> list[str]:
    """The members with hours on the activity, and its carrier when a member (model order)."""
    hours = activity_hours(base, activity_id)
    carrier = next(a.carrier for a in base.coop.activities if a.id == activity_id)
    return [m.id for m in base.coop.members if sum(hours[m.id]) > 0 or m.id == carrier]


def activity_hours(base: WorkBase, activity_id: str) -> dict[str, tuple[float, float]]:
    """Each member's (paid, volunteer) hours on the activity, every member included."""
    j = base.activity_index(activity_id)
    ledger = base.ledger
    return {
        m: (float(ledger.paid_hours[i, j]), float(ledger.volunteer_hours[i, j]))
        for i, m in enumerate(ledger.member_ids)
    }


def changed_hours(
    base: WorkBase,
    activity_id: str,
    paid: Mapping[str, float],
    volunteer: Mapping[str, float] | None = None,
) -> list[tuple[str, float, float]]:
    """(member, paid, volunteer) of the members whose hours on the activity change.

    Members missing from ``paid`` (or ``volunteer``) keep their hours. In model order.
    """
    current = activity_hours(base, activity_id)
    volunteer = volunteer or {}
    out = []
    for member, (p, v) in current.items():
        new_p, new_v = float(paid.get(member, p)), float(volunteer.get(member, v))
        if (new_p, new_v) != (p, v):
            out.append((member, new_p, new_v))
    return out


def what_if(
    base: WorkBase,
    activity_id: str,
    paid: Mapping[str, float],
    volunteer: Mapping[str, float] | None = None,
) -> WhatIf:
    """Every member's figures with new hours on one activity, next to the model's.

    Args:
        base: The compiled cooperation.
        activity_id: The activity whose hours change.
        paid: New paid hours per member id; members left out keep theirs.
        volunteer: New volunteer hours per member id; members left out keep theirs.

    Raises:
        KeyError: for an unknown activity or member.
        ValueError: for negative hours.

    """
    ledger = base.ledger
    j = base.activity_index(activity_id)
    volunteer = volunteer or {}
    index = {m: i for i, m in enumerate(ledger.member_ids)}
    for member in (*paid, *volunteer):
        if member not in index:
            raise KeyError(member)
    paid_hours = np.stack([ledger.paid_hours, ledger.paid_hours])
    volunteer_hours = np.stack([ledger.volunteer_hours, ledger.volunteer_hours])
    for member, value in paid.items():
        paid_hours[1, index[member], j] = value
    for member, value in volunteer.items():
        volunteer_hours[1, index[member], j] = value
    if (paid_hours < 0).any() or (volunteer_hours < 0).any():
        raise ValueError("hours must be >= 0")
    s = evaluate_work_variants(base.coop, paid_hours, volunteer_hours, ledger).settlement
    return compare_settled(base, activity_id, paid_hours, volunteer_hours, (s, 0), (s, 1))


def compare_settled(
    base: WorkBase,
    activity_id: str,
    paid_hours: Array,
    volunteer_hours: Array,
    before: tuple[Settlement, int],
    after: tuple[Settlement, int],
) -> WhatIf:
    """A :class:`WhatIf` from settled accounts before and after (a settlement and its index).

    ``paid_hours`` and ``volunteer_hours`` have shape ``(2, members, activities)``:
    before, then after. The two settlements may come from different models of the
    same members and activities (a work line added, a reimbursement flag changed).
    """
    j = base.activity_index(activity_id)
    (sb, b), (sa, a) = before, after
    hours_b = sb.paid_hours[b] + sb.volunteer_hours[b]
    hours_a = sa.paid_hours[a] + sa.volunteer_hours[a]
    members = [
        MemberWhatIf(
            id=m.id,
            name=m.name,
            paid_hours_before=float(paid_hours[0, i, j]),
            paid_hours_after=float(paid_hours[1, i, j]),
            volunteer_hours_before=float(volunteer_hours[0, i, j]),
            volunteer_hours_after=float(volunteer_hours[1, i, j]),
            cash_result_before_eur=float(sb.cash_result[b, i]),
            cash_result_after_eur=float(sa.cash_result[a, i]),
            gain_before_eur=float(sb.gain_from_cooperation[b, i]),
            gain_after_eur=float(sa.gain_from_cooperation[a, i]),
            hours_before=float(hours_b[i]),
            hours_after=float(hours_a[i]),
            capacity_hours=m.capacity_hours,
            load_ratio_before=_optional(float(sb.load_ratio[b, i])),
            load_ratio_after=_optional(float(sa.load_ratio[a, i])),
        )
        for i, m in enumerate(base.coop.members)
    ]
    return WhatIf(
        activity_id=activity_id,
        members=tuple(sorted(members, key=operator.attrgetter("id"))),
        shared_result_before_eur=float(sb.shared_result[b]),
        shared_result_after_eur=float(sa.shared_result[a]),
        collective_result_before_eur=float(sb.collective_result[b]),
        collective_result_after_eur=float(sa.collective_result[a]),
        activity_result_before_eur=float(sb.activity_result[b, j]),
        activity_result_after_eur=float(sa.activity_result[a, j]),
    )


def hours_range(base: WorkBase, activity_id: str, member_id: str, volunteer: bool = False) -> float:
    """Upper end of a slider for a member's hours on an activity.

    Large enough to take over every hour of the activity, or to double its own:
    max(activity total, 2 × its hours, 100), rounded up to ten hours.
    """
    j = base.activity_index(activity_id)
    hours = base.ledger.volunteer_hours if volunteer else base.ledger.paid_hours
    i = base.ledger.member_ids.index(member_id)
    top = max(float(hours[:, j].sum()), 2 * float(hours[i, j]), 100.0)
    return float(math.ceil(top / 10) * 10)


def default_activity(coop: Cooperation) -> str | None:
    """The activity to open the what-if on: the one with the most work lines (first if tied)."""
    if not coop.activities:
        return None
    return max(coop.activities, key=lambda a: len(a.work)).id


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else value
