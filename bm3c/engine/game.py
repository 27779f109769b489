"""The cooperation as a game: the value v(S) of every coalition S of members.

DOMAIN ("The cooperation as a game"): the cooperation *reduced to S* keeps S's
members and their own activities, the shared activities whose ``requires`` is a
subset of S, and only the lines, work and flows between S, the shared entity and
outside actors. v(S) = Σ_{m∈S} cash result of m in it (reserve rule applied),
v(∅) = 0. The shared entity's own flows with outside actors (a grant to it, say)
are read as needing the whole cooperation, like a shared activity without
``requires``: otherwise each member alone would keep the whole grant.

By the consolidation invariant, Σ_m cash result_m = external revenues − external
costs − staff costs − reserve, whatever the sharing rule (the shares always sum
to D). Every term is a sum over items (lines, work lines, money flows) that the
reduced cooperation keeps exactly when a set of members is in S, so
:func:`coalition_values` sums each item into the slot of its required members
and adds up over subsets (a zeta transform): O(n·2**n) for n members.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import numpy.typing as npt

from bm3c.engine.ledger import compile_ledger
from bm3c.fairness.summary import GameSummary, summarise_game
from bm3c.model import Activity, Cooperation
from bm3c.model.parts import Flow
from bm3c.rules import RULES

__all__ = [
    "MAX_MEMBERS",
    "NUCLEOLUS_UP_TO",
    "coalition_mask",
    "coalition_values",
    "game_summary",
    "required_members",
    "shared_outside_flow",
]

MAX_MEMBERS = 24
"""Most members :func:`coalition_values` accepts (2**24 coalitions, ~0.4 GB of arrays)."""

NUCLEOLUS_UP_TO: int = RULES["nucleolus"].max_members or MAX_MEMBERS
"""The nucleolus and the least core are computed up to the nucleolus rule's limit."""


def required_members(
    coop: Cooperation, activity: Activity, workers: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The members an activity requires: its ``requires``, or DOMAIN's default.

    The default is the members with work on it (``workers``, by default its work
    lines'), plus its carrier when a member; a shared activity with neither
    ``requires`` nor work requires every member.
    """
    if activity.requires is not None:
        return activity.requires
    if workers is None:
        workers = tuple(w.member for w in activity.work)
    if activity.carrier != coop.shared_entity.id:
        return tuple(dict.fromkeys([activity.carrier, *workers]))
    return tuple(workers) if workers else coop.member_ids


def coalition_mask(coop: Cooperation, members: Collection[str]) -> int:
    """The bitmask of a coalition: bit i set when the i-th member (file order) is in it.

    Raises:
        ValueError: for an id that is not a member.

    """
    if isinstance(members, str):
        raise TypeError("give a collection of member ids, not one string")
    bit = {m: 1 << i for i, m in enumerate(coop.member_ids)}
    unknown = sorted(set(members) - bit.keys())
    if unknown:
        raise ValueError(f"not members of the cooperation: {', '.join(unknown)}")
    return sum(bit[m] for m in set(members))


def shared_outside_flow(coop: Cooperation, flow: Flow) -> bool:
    """A flow between the shared entity and an outside actor (a grant to it, say).

    It needs the whole cooperation, like a shared activity with no ``requires``:
    the shared entity has those relations because every member is in it, and a
    group of members alone would have to build its own. Counting it in every
    coalition instead would hand each member alone the whole grant.
    """
    shared, members = coop.shared_entity.id, set(coop.member_ids)
    ends = {flow.source, flow.target}
    return shared in ends and not (ends - {shared}) & members


def coalition_values(
    coop: Cooperation,
    paid: npt.NDArray[np.float64] | None = None,
    volunteer: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.float64]:
    """v(S) for every coalition S, indexed by bitmask (bit i: i-th member in file order).

    v(S) = X(S) − reserve_fraction · max(R(S), 0), where X(S) is the reduced
    cooperation's external revenues − external costs − staff costs and R(S) its
    shared entity's result (rule 5). Each line, work line and money flow adds its
    amount to X and R in every coalition holding its required members: the
    activity's carrier (own activity) or required members (shared activity),
    plus the member it is paid by or to, or whose hours it holds; a flow needs
    its member ends. Internal lines and reimbursements move money between kept
    parties only, so they cancel in X and count in R alone.

    v(N) = Σ_m cash result_m of ``evaluate(coop)``. v({m}) differs from m's
    stand-alone result (rule 7) by what the reduced cooperation adds: m's money
    flows with outside actors, the shared activities requiring m alone (their
    lines, m's hours on them) and minus the reserve; both count m's own
    activities' external lines and m's own paid hours on them, and neither counts
    others' hours there.

    Args:
        coop: The cooperation.
        paid: Paid hours (members × activities, the model's order) instead of the
            model's own, as a work variant or a what-if has them; reimbursement
            flags follow the model's work lines (like
            :func:`~bm3c.engine.variants.evaluate_work_variants`).
        volunteer: Volunteer hours, same shape (they decide who works on a shared
            activity without ``requires``).

    Returns:
        An array of length 2**n, in the cooperation's currency per period;
        ``v[0] = 0``.

    Raises:
        ValueError: for more than :data:`MAX_MEMBERS` members.

    """
    n = len(coop.members)
    if n > MAX_MEMBERS:
        raise ValueError(f"{n} members: coalition values are computed up to {MAX_MEMBERS}")
    bit = {m: 1 << i for i, m in enumerate(coop.member_ids)}
    shared = coop.shared_entity.id
    hourly_cost = {m.id: m.hourly_cost_eur for m in coop.members}
    masks: list[int] = []
    external: list[float] = []  # into X: external revenues - external costs - staff costs
    shared_result: list[float] = []  # into R

    def add(mask: int, to_external: float, to_shared: float) -> None:
        masks.append(mask)
        external.append(to_external)
        shared_result.append(to_shared)

    ledger = compile_ledger(coop)
    paid = ledger.paid_hours if paid is None else paid
    volunteer = ledger.volunteer_hours if volunteer is None else volunteer
    for k, a in enumerate(coop.activities):
        by_shared = a.carrier == shared
        on = (paid[:, k] > 0) | (volunteer[:, k] > 0)
        workers = tuple(m for i, m in enumerate(coop.member_ids) if on[i])
        required = required_members(coop, a, workers)
        base = sum(bit[m] for m in required) if by_shared else bit[a.carrier]
        for line in a.revenues:
            amount, payer = line.total_eur, line.payer
            outside = payer not in bit and payer != shared
            add(
                base | bit.get(payer, 0),
                amount if outside else 0.0,
                (amount if by_shared else 0.0) - (amount if payer == shared else 0.0),
            )
        for cost in a.costs:
            amount, payee = cost.total_eur, cost.payee
            outside = payee not in bit and payee != shared
            add(
                base | bit.get(payee, 0),
                -amount if outside else 0.0,
                (amount if payee == shared else 0.0) - (amount if by_shared else 0.0),
            )
        for i, m in enumerate(coop.member_ids):
            if paid[i, k] > 0:
                staff = paid[i, k] * hourly_cost[m]
                reimbursed = staff if by_shared and ledger.reimbursed[i, k] else 0.0
                add(base | bit[m], -staff, -reimbursed)

    everyone = (1 << n) - 1
    for f in coop.flows:
        if f.kind != "money" or f.amount_eur is None:
            continue
        amount, source, target = f.amount_eur, f.source, f.target
        add(
            everyone if shared_outside_flow(coop, f) else bit.get(source, 0) | bit.get(target, 0),
            (amount if source not in bit and source != shared else 0.0)
            - (amount if target not in bit and target != shared else 0.0),
            (amount if target == shared else 0.0) - (amount if source == shared else 0.0),
        )

    size = 1 << n
    index = np.array(masks, dtype=np.int64)
    x = _sum_over_subsets(np.bincount(index, weights=external, minlength=size))
    r = _sum_over_subsets(np.bincount(index, weights=shared_result, minlength=size))
    reserve = np.where(r > 0, r * coop.shared_entity.reserve_fraction, 0.0)
    values: npt.NDArray[np.float64] = x - reserve
    values[0] = 0.0
    return values


def _sum_over_subsets(by_mask: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """out[S] = Σ_{T⊆S} by_mask[T] (zeta transform), one member bit at a time."""
    out = by_mask.astype(np.float64, copy=True)
    step = 1
    while step < out.size:
        view = out.reshape(-1, 2, step)
        view[:, 1, :] += view[:, 0, :]
        step *= 2
    return out


def game_summary(coop: Cooperation) -> GameSummary:
    """The cooperation's game as the Fairness page and the report show it.

    Together, each alone, the surplus, every fair-division method that can be
    afforded (the nucleolus and the least core up to :data:`NUCLEOLUS_UP_TO`
    members) and the least core.

    Raises:
        ValueError: for more than :data:`MAX_MEMBERS` members.

    """
    return summarise_game(coalition_values(coop), nucleolus_up_to=NUCLEOLUS_UP_TO)
