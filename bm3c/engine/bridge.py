"""From the shared activities' result to the shared entity's result (DOMAIN rules 1-5).

The activities the shared entity carries are the members' pooled activities (the
*mutualisation*); their result (revenues − costs − the staff cost of every paid
hour on them, rule 1) is not the shared entity's result (rule 5): the members'
staff are paid by their employers (rule 2) unless the hours are reimbursed
(rule 3), lines of the members' activities pay the shared entity or are paid by
it (rule 4), and money flows come in (members' fees, outside grants) or go out.
:func:`shared_result_bridge` lists those steps; they add up to the result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bm3c.model import Cooperation

__all__ = ["BRIDGE_STEPS", "BridgeStep", "shared_result_bridge"]

#: The steps in the order they read, each a key of the texts ``overview.bridge.<step>``.
BRIDGE_STEPS = (
    "shared_activities",
    "members_staff",
    "reimbursements",
    "lines_received",
    "lines_paid",
    "money_from_members",
    "money_from_outside",
    "money_to_members",
    "money_to_outside",
)


@dataclass(frozen=True)
class BridgeStep:
    """One step of the bridge: a signed amount in the cooperation's currency.

    ``step`` is one of :data:`BRIDGE_STEPS`, or ``shared_result`` for the total.
    """

    step: str
    amount_eur: float
    total: bool = False


def shared_result_bridge(coop: Cooperation) -> tuple[BridgeStep, ...]:
    """The steps from the shared activities' result to the shared entity's result R.

    With S the activities the shared entity carries, h·c the paid hours of a
    member on one at its hourly cost::

        Σ_S (revenues − costs − Σ h·c)            shared activities' result (rule 1)
        + Σ_S Σ h·c                                 the members' employers pay them (rule 2)
        − Σ_S Σ_reimbursed h·c                      hours reimbursed to the members (rule 3)
        + cost lines of members' activities to it   (rule 4)
        − revenue lines of members' activities from it
        + money flows from members + from outside actors
        − money flows to members − to outside actors
        = R (rule 5, before the reserve)

    Returns:
        The nine steps of :data:`BRIDGE_STEPS` (zero ones included), then the
        total ``shared_result``; the steps sum to it (float rounding only) and
        it equals ``evaluate(coop).shared_entity.result_eur``.

    """
    shared = coop.shared_entity.id
    members = {m.id: m for m in coop.members}
    amounts = dict.fromkeys(BRIDGE_STEPS, 0.0)
    activities_result: list[float] = []
    staff: list[float] = []
    reimbursed: list[float] = []
    received: list[float] = []
    paid: list[float] = []
    for a in coop.activities:
        if a.carrier == shared:
            hours_cost = [w.paid_hours * members[w.member].hourly_cost_eur for w in a.work]
            activities_result += [line.total_eur for line in a.revenues]
            activities_result += [-line.total_eur for line in a.costs]
            activities_result += [-cost for cost in hours_cost]
            staff += hours_cost
            reimbursed += [cost for w, cost in zip(a.work, hours_cost, strict=True) if w.reimbursed]
        else:
            received += [line.total_eur for line in a.costs if line.payee == shared]
            paid += [line.total_eur for line in a.revenues if line.payer == shared]
    amounts["shared_activities"] = math.fsum(activities_result)
    amounts["members_staff"] = math.fsum(staff)
    amounts["reimbursements"] = -math.fsum(reimbursed)
    amounts["lines_received"] = math.fsum(received)
    amounts["lines_paid"] = -math.fsum(paid)
    for f in coop.flows:
        if f.kind != "money" or f.amount_eur is None:
            continue  # in kind and intangible flows move no cash (rule 4)
        if f.target == shared:
            step = "money_from_members" if f.source in members else "money_from_outside"
            amounts[step] += f.amount_eur
        elif f.source == shared:
            step = "money_to_members" if f.target in members else "money_to_outside"
            amounts[step] -= f.amount_eur
    steps = [BridgeStep(step, amounts[step] + 0.0) for step in BRIDGE_STEPS]  # no "-0"
    total = math.fsum(s.amount_eur for s in steps)
    return (*steps, BridgeStep("shared_result", total, total=True))
