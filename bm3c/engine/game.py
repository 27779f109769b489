"""The cooperation as a game: the value v(S) of every group S of members (DOMAIN Part 2).

v(∅) = 0; v({m}) = m's result alone (no shared entity, no other member); for a group
S of two or more, v(S) = Σ_{m∈S} cash result in the world where only S's members
and the shared entity are there: their own activities, the shared activities
whose ``requires`` lies within S (all, when none is given), every line with an
absent party as its ``apart`` policy says, an absent member's hours replaced from
the market or done without; v(N) = Σ cash results.

By the consolidation invariant, Σ cash results = external revenues − external
costs − staff costs − reserve, whatever the sharing rule. Every item (a line, a
work line, a money flow) adds to these sums an amount that depends only on which
of its two sides is there: both (the cooperation's amount), one (its policy's
amount with the market), or neither (nothing). With the shared entity counted as
one more player E, each side is there exactly when a set of players is within S,
so :func:`coalition_values` writes each item into the slots of its sets and adds
up over subsets (a zeta transform): O(n·2**n) for n members. A group of two or
more is S ∪ {E}; a member alone is {m}, without E.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import numpy.typing as npt

from bm3c.engine.apart import Side, policy_amount, side_policy
from bm3c.engine.ledger import compile_ledger
from bm3c.fairness.summary import GameSummary, summarise_game
from bm3c.model import Activity, Cooperation
from bm3c.model.parts import Apart, Flow
from bm3c.rules import RULES

__all__ = [
    "MAX_MEMBERS",
    "NUCLEOLUS_UP_TO",
    "coalition_mask",
    "coalition_values",
    "flow_requires",
    "game_summary",
    "required_members",
]

MAX_MEMBERS = 24
"""Most members :func:`coalition_values` accepts (2**25 slots with the shared entity)."""

NUCLEOLUS_UP_TO: int = RULES["nucleolus"].max_members or MAX_MEMBERS
"""The nucleolus and the least core are computed up to the nucleolus rule's limit."""


def required_members(coop: Cooperation, activity: Activity) -> tuple[str, ...]:
    """The members without whom an activity does not run.

    Its carrier, for a member's own activity; a shared activity's ``requires``
    (none by default: it runs in any group of two or more, the shared entity being
    there, its missing hours replaced).
    """
    if activity.carrier != coop.shared_entity.id:
        return (activity.carrier,)
    return activity.requires or ()


def flow_requires(coop: Cooperation, flow: Flow) -> tuple[str, ...] | None:
    """For a flow between an outside actor and the shared entity: the members it needs.

    Its ``requires``, else every member (the shared entity has that funder because
    all are in it). None for any other flow.
    """
    insiders = {*coop.member_ids, coop.shared_entity.id}
    ends = {flow.source, flow.target}
    if coop.shared_entity.id not in ends or not ends - insiders:
        return None
    return flow.requires or coop.member_ids


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


class _Slots:
    """Amounts written into the slots of sets of players, before the sum over subsets.

    X goes to the members' cash results (summed), R to the shared entity's result.
    """

    def __init__(self) -> None:
        self.masks: list[int] = []
        self.x: list[float] = []
        self.r: list[float] = []

    def add(self, mask: int, x: float, r: float = 0.0) -> None:
        if x or r:
            self.masks.append(mask)
            self.x.append(x)
            self.r.append(r)

    def pair(
        self,
        one: int,
        other: int,
        both: tuple[float, float],
        first: tuple[float, float],
        second: tuple[float, float],
    ) -> None:
        """An item worth ``both`` when both sides are there, ``first`` or ``second`` alone.

        Each is an (X, R) pair; inclusion–exclusion over the two sides' sets.
        """
        self.add(one, *first)
        self.add(other, *second)
        self.add(
            one | other,
            both[0] - first[0] - second[0],
            both[1] - first[1] - second[1],
        )


def coalition_values(
    coop: Cooperation,
    paid: npt.NDArray[np.float64] | None = None,
    volunteer: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.float64]:
    """v(S) for every group S, indexed by bitmask (bit i: i-th member in file order).

    Args:
        coop: The cooperation.
        paid: Paid hours (members × activities, the model's order) instead of the
            model's own, as a work variant or a what-if has them; reimbursement
            flags and replacement prices follow the model's work lines (like
            :func:`~bm3c.engine.variants.evaluate_work_variants`).
        volunteer: Volunteer hours, likewise.

    Raises:
        ValueError: for more than :data:`MAX_MEMBERS` members.

    """
    n = len(coop.members)
    if n > MAX_MEMBERS:
        raise ValueError(f"{n} members: coalition values are computed up to {MAX_MEMBERS}")
    shared = coop.shared_entity.id
    bit = {m: 1 << i for i, m in enumerate(coop.member_ids)} | {shared: 1 << n}

    def needs(members: Collection[str]) -> int:
        return sum(bit[m] for m in members)

    slots = _Slots()
    ledger = compile_ledger(coop)
    paid = ledger.paid_hours if paid is None else paid
    volunteer = ledger.volunteer_hours if volunteer is None else volunteer
    for k, a in enumerate(coop.activities):
        by_shared = a.carrier == shared
        runs = needs(required_members(coop, a)) | (bit[shared] if by_shared else 0)
        r_carrier = 1.0 if by_shared else 0.0
        for line in a.revenues:
            _line(
                slots,
                bit,
                runs,
                r_carrier,
                line.payer,
                line.total_eur,
                line.apart,
                line.kind,
                carrier_pays=False,
                shared=shared,
            )
        for cost in a.costs:
            _line(
                slots,
                bit,
                runs,
                r_carrier,
                cost.payee,
                cost.total_eur,
                cost.apart,
                cost.kind,
                carrier_pays=True,
                shared=shared,
            )
        for i, m in enumerate(coop.member_ids):
            hours = float(paid[i, k] + volunteer[i, k])
            if hours <= 0:
                continue
            staff = paid[i, k] * ledger.hourly_cost[i]
            worked_r = -staff if by_shared and ledger.reimbursed[i, k] else 0.0
            replaced = -hours * ledger.replacement_rate[i, k]
            slots.add(runs, replaced, replaced * r_carrier)
            slots.add(runs | bit[m], -staff - replaced, worked_r - replaced * r_carrier)
    for f in coop.flows:
        if f.kind != "money" or f.amount_eur is None:
            continue
        _flow(coop, slots, bit, f, shared)

    size = 1 << (n + 1)
    index = np.array(slots.masks, dtype=np.int64)
    x = _sum_over_subsets(np.bincount(index, weights=slots.x, minlength=size))
    r = _sum_over_subsets(np.bincount(index, weights=slots.r, minlength=size))
    reserve = np.where(r > 0, r * coop.shared_entity.reserve_fraction, 0.0)
    with_entity = (x - reserve)[1 << n :]  # groups S ∪ {E}
    values: npt.NDArray[np.float64] = with_entity.copy()
    singles = 1 << np.arange(n)
    values[singles] = x[singles]  # a member alone: no shared entity, no reserve
    values[0] = 0.0
    return values


def _line(
    slots: _Slots,
    bit: dict[str, int],
    runs: int,
    r_carrier: float,
    other: str,
    amount: float,
    apart: Apart | None,
    kind: str,
    *,
    carrier_pays: bool,
    shared: str,
) -> None:
    """One revenue (``carrier_pays`` False) or cost line of an activity that needs ``runs``."""
    sign = -1.0 if carrier_pays else 1.0
    if other not in bit:  # an outside actor or the market: there whenever the activity runs
        slots.add(runs, sign * amount, sign * amount * r_carrier)
        return
    r_other = 1.0 if other == shared else 0.0
    carrier_side: Side = "payer" if carrier_pays else "payee"
    other_side: Side = "payee" if carrier_pays else "payer"
    alone_carrier = policy_amount(side_policy(apart, carrier_side, kind), amount)
    alone_other = policy_amount(side_policy(apart, other_side, kind), amount)
    slots.pair(
        runs,
        bit[other],
        (0.0, sign * amount * (r_carrier - r_other)),
        (sign * alone_carrier, sign * alone_carrier * r_carrier),
        (-sign * alone_other, -sign * alone_other * r_other),
    )


def _flow(coop: Cooperation, slots: _Slots, bit: dict[str, int], f: Flow, shared: str) -> None:
    """One money flow, written into the slots of the sets it needs.

    With an outside actor it needs its insider end (and, for the shared entity,
    :func:`flow_requires`); between insiders each side follows its policy.
    """
    amount = f.amount_eur or 0.0
    src_in, dst_in = f.source in bit, f.target in bit
    r_src = 1.0 if f.source == shared else 0.0
    r_dst = 1.0 if f.target == shared else 0.0
    if src_in and dst_in:
        payer = policy_amount(side_policy(f.apart, "payer", None), amount)
        payee = policy_amount(side_policy(f.apart, "payee", None), amount)
        slots.pair(
            bit[f.source],
            bit[f.target],
            (0.0, amount * (r_dst - r_src)),
            (-payer, -payer * r_src),
            (payee, payee * r_dst),
        )
        return
    insider = f.source if src_in else f.target
    sign = -1.0 if src_in else 1.0
    required = flow_requires(coop, f)
    mask = bit[insider] | (sum(bit[m] for m in required) if required else 0)
    slots.add(mask, sign * amount, sign * amount * (r_src + r_dst))


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
