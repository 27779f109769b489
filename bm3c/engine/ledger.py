"""Compile a cooperation into arrays: who pays whom, and the hours matrix.

The ledger holds every figure that does not depend on the hours worked, summed
per party (members first, the shared entity last), and the work lines as
member × activity matrices. Settling it (``bm3c.engine.accounts``) is then a few
array operations, fast enough to evaluate thousands of workload variants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bm3c.engine.apart import alone_lines, work_replacement
from bm3c.model import Cooperation

__all__ = ["Ledger", "compile_ledger"]

Vector = npt.NDArray[np.float64]
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Ledger:
    """Arrays of one cooperation. Parties are indexed members first, shared entity last.

    Money vectors are per party (length n + 1) unless said per member (length n).
    """

    member_ids: tuple[str, ...]
    shared_entity_id: str
    activity_ids: tuple[str, ...]
    carrier: npt.NDArray[np.intp]  # party index carrying each activity
    hourly_cost: Vector  # per member, currency per paid hour
    volunteer_value: Vector  # per member, currency per volunteer hour
    capacity: Vector  # per member, hours; NaN when not given
    paid_hours: Matrix  # member × activity
    volunteer_hours: Matrix  # member × activity
    reimbursed: npt.NDArray[np.bool_]  # member × activity
    replacement_rate: Matrix  # member × activity: price of an hour replacing it, 0 if dropped
    reserve_fraction: float
    own_revenue: Vector  # lines of the party's own activities, internal ones included
    own_cost: Vector
    internal_received: Vector  # cost lines of others' activities paid to the party
    internal_paid: Vector  # revenue lines of others' activities paid by the party
    money_in: Vector
    money_out: Vector
    in_kind_in: Vector
    in_kind_out: Vector
    alone_lines: Vector  # per member: its alone result but for the hours (DOMAIN Part 2)
    usage: Vector  # per member: what it pays the shared entity through internal lines
    flows_to_shared: Vector  # per member: money and in-kind flows it gives the shared entity
    activity_revenue: Vector  # per activity
    activity_cost: Vector  # per activity
    external_revenue: float
    external_cost: float

    @property
    def n_members(self) -> int:
        """Number of members."""
        return len(self.member_ids)

    @property
    def owns(self) -> npt.NDArray[np.bool_]:
        """Member × activity: True where the member carries the activity."""
        owns: npt.NDArray[np.bool_] = self.carrier[None, :] == np.arange(self.n_members)[:, None]
        return owns

    @property
    def shared_activity(self) -> npt.NDArray[np.bool_]:
        """Per activity: True when the shared entity carries it."""
        shared: npt.NDArray[np.bool_] = self.carrier == self.n_members
        return shared


def compile_ledger(coop: Cooperation) -> Ledger:
    """Sum a cooperation's lines and flows per party and lay its work out as matrices."""
    members = coop.member_ids
    n = len(members)
    shared = coop.shared_entity.id
    party = {m: i for i, m in enumerate(members)} | {shared: n}
    activities = coop.activities
    a_index = {a.id: j for j, a in enumerate(activities)}

    def vec(size: int = n + 1) -> Vector:
        return np.zeros(size)

    own_revenue, own_cost, internal_received, internal_paid = vec(), vec(), vec(), vec()
    money_in, money_out, in_kind_in, in_kind_out = vec(), vec(), vec(), vec()
    usage, flows_to_shared = vec(n), vec(n)
    activity_revenue, activity_cost = vec(len(activities)), vec(len(activities))
    external_revenue = external_cost = 0.0
    paid = np.zeros((n, len(activities)))
    volunteer = np.zeros((n, len(activities)))
    reimbursed = np.zeros((n, len(activities)), dtype=bool)
    default_rate = [
        coop.replacement_hourly_cost_eur
        if coop.replacement_hourly_cost_eur is not None
        else m.hourly_cost_eur
        for m in coop.members
    ]
    replacement_rate = np.tile(np.array(default_rate)[:, None], (1, len(activities)))
    carrier = np.array([party[a.carrier] for a in activities], dtype=np.intp)

    for j, a in enumerate(activities):
        c = party[a.carrier]
        for line in a.revenues:
            amount = line.total_eur
            activity_revenue[j] += amount
            own_revenue[c] += amount
            payer = party.get(line.payer)
            if payer is None:
                external_revenue += amount
            else:
                internal_paid[payer] += amount
                if c == n and payer < n:
                    usage[payer] += amount
        for cost in a.costs:
            amount = cost.total_eur
            activity_cost[j] += amount
            own_cost[c] += amount
            payee = party.get(cost.payee)
            if payee is None:
                external_cost += amount
            else:
                internal_received[payee] += amount
                if payee == n and c < n:
                    usage[c] += amount
        for w in a.work:
            i = party[w.member]
            paid[i, a_index[a.id]] = w.paid_hours
            volunteer[i, a_index[a.id]] = w.volunteer_hours
            reimbursed[i, a_index[a.id]] = w.reimbursed
            replacement_rate[i, a_index[a.id]] = work_replacement(coop, w)

    for f in coop.flows:
        if f.amount_eur is None or f.kind == "intangible":
            continue
        src, dst = party.get(f.source), party.get(f.target)
        inflow, outflow = (money_in, money_out) if f.kind == "money" else (in_kind_in, in_kind_out)
        if dst is not None:
            inflow[dst] += f.amount_eur
        if src is not None:
            outflow[src] += f.amount_eur
        if f.kind == "money":
            if src is None:
                external_revenue += f.amount_eur
            elif dst is None:
                external_cost += f.amount_eur
        if dst == n and src is not None and src < n:
            flows_to_shared[src] += f.amount_eur

    return Ledger(
        member_ids=members,
        shared_entity_id=shared,
        activity_ids=tuple(a.id for a in activities),
        carrier=carrier,
        hourly_cost=np.array([m.hourly_cost_eur for m in coop.members]),
        volunteer_value=np.array([coop.volunteer_hour_value(m) for m in coop.members]),
        capacity=np.array(
            [np.nan if m.capacity_hours is None else m.capacity_hours for m in coop.members]
        ),
        paid_hours=paid,
        volunteer_hours=volunteer,
        reimbursed=reimbursed,
        replacement_rate=replacement_rate,
        reserve_fraction=coop.shared_entity.reserve_fraction,
        own_revenue=own_revenue,
        own_cost=own_cost,
        internal_received=internal_received,
        internal_paid=internal_paid,
        money_in=money_in,
        money_out=money_out,
        in_kind_in=in_kind_in,
        in_kind_out=in_kind_out,
        alone_lines=np.array(list(alone_lines(coop).values())),
        usage=usage,
        flows_to_shared=flows_to_shared,
        activity_revenue=activity_revenue,
        activity_cost=activity_cost,
        external_revenue=external_revenue,
        external_cost=external_cost,
    )
