"""Chart data of the sharing page: how each member gets to its cash result, and who gains.

Two pure views of one :class:`~bm3c.engine.Evaluation`:

- :func:`member_waterfall`: the steps from a member's own activities to its cash
  result (DOMAIN rule 6), each step a signed amount; they add up to the cash result.
- :func:`contribution_and_benefit`: what each member gives the shared entity (the
  ``by_contribution`` key) against what it receives of the distributed result.

Whether the sharing key summed to zero (equal shares used instead) is
``Evaluation.key_fell_back``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bm3c.engine.evaluate import Evaluation, MemberResult
from bm3c.engine.ledger import Ledger, compile_ledger
from bm3c.engine.sharing import sharing_key

__all__ = [
    "WATERFALL_STEPS",
    "ContributionBenefit",
    "WaterfallStep",
    "contribution_and_benefit",
    "member_waterfall",
]

WATERFALL_STEPS: tuple[tuple[str, str, int], ...] = (
    # (step, MemberResult field, sign): rule 6 of DOMAIN.md, in the order it reads
    ("own_activities", "own_activities_eur", 1),
    ("staff_cost", "staff_cost_eur", -1),
    ("reimbursements_received", "reimbursements_received_eur", 1),
    ("reimbursements_paid", "reimbursements_paid_eur", -1),
    ("internal_received", "internal_received_eur", 1),
    ("internal_paid", "internal_paid_eur", -1),
    ("money_flows_in", "money_flows_in_eur", 1),
    ("money_flows_out", "money_flows_out_eur", -1),
    ("shared_share", "shared_share_eur", 1),
)


@dataclass(frozen=True)
class WaterfallStep:
    """One bar of a member's waterfall, in the cooperation's currency.

    ``amount_eur`` is signed (a cost is negative); the bar runs from ``start_eur``
    (the running total before the step) to ``end_eur`` (after it). The last step,
    ``cash_result``, is a total bar from 0 to the cash result.
    """

    step: str
    amount_eur: float
    start_eur: float
    end_eur: float
    total: bool = False


def member_waterfall(member: MemberResult) -> tuple[WaterfallStep, ...]:
    """The steps from a member's own activities to its cash result (DOMAIN rule 6).

    own activities (revenues − costs of their lines) − staff cost + reimbursements
    received − reimbursements paid + internal lines received − internal lines paid +
    money flows in − money flows out + share of the shared result = cash result.

    Returns:
        The nine signed steps of :data:`WATERFALL_STEPS` (zero ones included, so
        every member's chart has the same bars), then a ``cash_result`` total.
        The signed amounts of the nine steps sum to ``member.cash_result_eur``
        (to float rounding, far below a cent).

    """
    steps: list[WaterfallStep] = []
    running = 0.0
    for step, field, sign in WATERFALL_STEPS:
        amount = sign * float(getattr(member, field))
        if amount == 0:
            amount = 0.0  # no "-0" in the data
        steps.append(WaterfallStep(step, amount, running, running + amount))
        running += amount
    cash = member.cash_result_eur
    steps.append(WaterfallStep("cash_result", cash, 0.0, cash, total=True))
    return tuple(steps)


@dataclass(frozen=True)
class ContributionBenefit:
    """What one member gives the shared entity against what it gets of its result.

    ``contribution_eur`` is the member's ``by_contribution`` key: its paid hours on
    shared-entity activities at its hourly cost (reimbursed or not), its volunteer
    hours there at their value, and the money and in-kind flows it gives the shared
    entity. ``benefit_eur`` is its share of the distributed result (negative when
    members cover a deficit). Each ``*_share`` is the member's fraction of the
    members' total, or None when that total is zero.
    """

    member: str
    name: str
    contribution_eur: float
    contribution_share: float | None
    benefit_eur: float
    benefit_share: float | None


def contribution_and_benefit(
    ev: Evaluation, ledger: Ledger | None = None
) -> tuple[ContributionBenefit, ...]:
    """Contribution share against benefit share, per member (sorted by id, as ``ev.members``).

    contribution share_m = key_m / Σ key, key = the ``by_contribution`` key of
    the evaluated model; benefit share_m = share_m / D, D the distributed result
    (so in a deficit it is the fraction of the deficit the member covers).

    Args:
        ev: An evaluation; its ``model`` is the evaluated (scenario) model.
        ledger: The compiled ``ev.model``, when the caller has it already.

    """
    ledger = ledger if ledger is not None else compile_ledger(ev.model)
    key = sharing_key(
        "by_contribution", ledger, ledger.paid_hours, ledger.volunteer_hours, weights=None
    )
    contribution = {m: float(key[i]) for i, m in enumerate(ledger.member_ids)}
    total_contribution = sum(contribution.values())
    distributed = ev.shared_entity.distributed_eur
    return tuple(
        ContributionBenefit(
            member=m.id,
            name=m.name,
            contribution_eur=contribution[m.id],
            contribution_share=(
                contribution[m.id] / total_contribution if total_contribution > 0 else None
            ),
            benefit_eur=m.shared_share_eur,
            benefit_share=m.shared_share_eur / distributed if abs(distributed) > 1e-9 else None,
        )
        for m in ev.members
    )
