"""What a member would have alone, and the assumptions that make it (DOMAIN Part 2).

*Alone*, member m keeps its own activities, with no shared entity and no other
member. Each line or money flow it has with another insider (a member or the
shared entity) follows that line's ``apart`` policy for m's side: ``keep`` (same
amount, with the market), ``drop``, or a market amount. Another member's hours on
m's own activities are bought from the market (``apart: replace``, the default,
at :meth:`~bm3c.model.Cooperation.replacement_hourly_cost`) or done without
(``drop``). m's hours on activities it does not carry are not worked.

:func:`alone_lines` is the part that does not depend on the hours (so the engine
can settle thousands of workload variants with it); :func:`alone_assumptions`
lists, for one member, every line and hour whose policy decided its alone result.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from bm3c.model import Cooperation
from bm3c.model.parts import BOUGHT_KINDS, Apart, CostLine, Policy, RevenueLine, WorkLine

__all__ = [
    "Assumption",
    "Side",
    "alone_assumptions",
    "alone_lines",
    "alone_result",
    "policy_amount",
    "policy_name",
    "side_policy",
    "work_replacement",
]

Side = Literal["payer", "payee"]


def side_policy(apart: Apart | None, side: Side, kind: str | None) -> Policy:
    """The policy of one side of a line (``kind``: its kind; None for a money flow).

    Written in the file, else the default: the payee drops the line (that customer
    was the cooperation), the payer keeps what it buys (:data:`BOUGHT_KINDS`) and
    drops what it gives (fees, donations, subsidies, other kinds, money flows).
    """
    chosen: Policy | None = None
    if apart is not None:
        chosen = apart.payer if side == "payer" else apart.payee
    if chosen is not None:
        return chosen
    if side == "payer" and kind in BOUGHT_KINDS:
        return "keep"
    return "drop"


def policy_amount(policy: Policy, amount: float) -> float:
    """What the line comes to with the market: the same amount, nothing, or the price given."""
    if policy == "keep":
        return amount
    if policy == "drop":
        return 0.0
    return float(policy)


def policy_name(policy: Policy) -> str:
    """``keep``, ``drop`` or ``market`` (a price given in the file)."""
    return policy if isinstance(policy, str) else "market"


def work_replacement(coop: Cooperation, line: WorkLine) -> float:
    """Price of one replacement hour for the work line; 0 when it is done without."""
    return 0.0 if line.apart == "drop" else coop.replacement_hourly_cost(line)


@dataclass(frozen=True)
class Assumption:
    """One line or work line whose ``apart`` decided a member's alone result.

    Attributes:
        path: Where it stands in the file (``activities.salle.costs.Loyer``,
            ``activities.cafe.work.slow-fest``, ``flows.Cotisation``).
        policy: ``keep``, ``drop``, ``market`` (a price given) or, for hours,
            ``replace``.
        amount_eur: What it comes to alone: the market amount (a cost or a revenue
            of the member), or the hours' replacement cost; 0 when dropped.
        usual_eur: The amount in the cooperation (for hours: 0, they cost the
            member nothing there).
        side: ``payer``, ``payee`` (the member's side of a line) or ``hours``.
        label: The line's or flow's label; for hours, the activity's name.
        other: The absent party: the line's other party, or the member whose
            hours are replaced.
        hours: Hours replaced or done without (0 for lines).
        hourly_eur: The replacement price of one hour (0 for lines).

    """

    path: str
    policy: str
    amount_eur: float
    usual_eur: float
    side: str
    label: str
    other: str
    hours: float = 0.0
    hourly_eur: float = 0.0

    @property
    def signed_eur(self) -> float:
        """Its effect on the member's alone result: a revenue adds, a cost takes away."""
        return self.amount_eur if self.side == "payee" else -self.amount_eur


def _line_assumptions(coop: Cooperation) -> Iterator[tuple[str, Assumption]]:
    """(member, assumption) for each line and money flow a member has with another insider.

    Seen from that member alone; one pass over the model, in file order.
    """
    members = set(coop.member_ids)
    insiders = members | {coop.shared_entity.id}
    for a in coop.activities:
        own = a.carrier in members
        lines: list[tuple[str, RevenueLine | CostLine, str, Side]] = [
            *(("revenues", line, line.payer, "payee") for line in a.revenues),
            *(("costs", cost, cost.payee, "payer") for cost in a.costs),
        ]
        for key, line, other, carrier_side in lines:
            if other not in insiders:
                continue
            other_side: Side = "payer" if carrier_side == "payee" else "payee"
            sides: list[tuple[str, Side, str]] = []
            if own:
                sides.append((a.carrier, carrier_side, other))
            if other in members:
                sides.append((other, other_side, a.carrier))
            for member, side, party in sides:
                policy = side_policy(line.apart, side, line.kind)
                yield (
                    member,
                    Assumption(
                        f"activities.{a.id}.{key}.{line.label}",
                        policy_name(policy),
                        policy_amount(policy, line.total_eur),
                        line.total_eur,
                        side,
                        line.label,
                        party,
                    ),
                )
    for f in coop.flows:
        if f.kind != "money" or f.amount_eur is None:
            continue
        if f.source not in insiders or f.target not in insiders:
            continue
        for member, side, other in (
            (f.source, "payer", f.target),
            (f.target, "payee", f.source),
        ):
            if member not in members:
                continue
            policy = side_policy(f.apart, side, None)
            yield (
                member,
                Assumption(
                    f"flows.{f.label}",
                    policy_name(policy),
                    policy_amount(policy, f.amount_eur),
                    f.amount_eur,
                    side,
                    f.label,
                    other,
                ),
            )


def alone_lines(coop: Cooperation) -> dict[str, float]:
    """Each member's alone result but for the hours worked, by id (one pass).

    Its own activities' lines with outside actors and the market, its money flows
    with outside actors, and every line and flow with another insider as its
    policy says (:func:`alone_assumptions`).
    """
    insiders = {*coop.member_ids, coop.shared_entity.id}
    total = dict.fromkeys(coop.member_ids, 0.0)
    for a in coop.activities:
        if a.carrier not in total:
            continue
        total[a.carrier] += sum(r.total_eur for r in a.revenues if r.payer not in insiders)
        total[a.carrier] -= sum(c.total_eur for c in a.costs if c.payee not in insiders)
    for f in coop.flows:
        if f.kind != "money" or f.amount_eur is None:
            continue
        if f.target in total and f.source not in insiders:
            total[f.target] += f.amount_eur
        elif f.source in total and f.target not in insiders:
            total[f.source] -= f.amount_eur
    for member, assumption in _line_assumptions(coop):
        total[member] += assumption.signed_eur
    return total


def alone_assumptions(coop: Cooperation) -> dict[str, tuple[Assumption, ...]]:
    """Every line and hour whose ``apart`` decided each member's alone result, by id.

    Per member, in file order: its lines and money flows with another insider
    (its policy), then the other members' hours on its own activities (replaced at
    a price, or done without).
    """
    found: dict[str, list[Assumption]] = {m: [] for m in coop.member_ids}
    for member, assumption in _line_assumptions(coop):
        found[member].append(assumption)
    for a in coop.activities:
        if a.carrier not in found:
            continue
        for w in a.work:
            if w.member == a.carrier:
                continue
            price = work_replacement(coop, w)
            found[a.carrier].append(
                Assumption(
                    f"activities.{a.id}.work.{w.member}",
                    "drop" if w.apart == "drop" else "replace",
                    w.hours * price,
                    0.0,
                    "hours",
                    a.name,
                    w.member,
                    w.hours,
                    price,
                )
            )
    return {m: tuple(items) for m, items in found.items()}


def alone_result(coop: Cooperation, member: str) -> float:
    """``member``'s result alone, at the model's hours (DOMAIN Part 2).

    :func:`alone_lines`, minus its own paid hours on its own activities at its
    hourly cost, minus the other members' hours there bought from the market.
    """
    hourly = coop.member(member).hourly_cost_eur
    own_staff = sum(
        w.paid_hours * hourly
        for a in coop.activities
        if a.carrier == member
        for w in a.work
        if w.member == member
    )
    replaced = sum(a.amount_eur for a in alone_assumptions(coop)[member] if a.side == "hours")
    return alone_lines(coop)[member] - own_staff - replaced
