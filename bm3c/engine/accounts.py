"""Settle a ledger for given hours: every party's cash, the reserve and the shares.

All functions accept hours with leading batch dimensions, so one call can
settle thousands of workload variants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bm3c.engine.ledger import Ledger
from bm3c.engine.sharing import share_result, sharing_key
from bm3c.rules import GAME_RULES

__all__ = ["GameAllocation", "Settlement", "settle"]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Settlement:
    """Settled accounts; member arrays end with a member axis, activity ones with activities.

    Money is in the cooperation's currency per period (DOMAIN rules 1-9).
    """

    staff_cost: Array  # per member: Σ_a h(m,a)·c_m, borne by the employer (rule 2)
    reimbursements_received: Array  # per member (rule 3)
    reimbursements_paid: Array  # per party (members, then shared entity)
    own_result: Array  # per party: everything but the share of D
    shared_result: Array  # R, per batch item (rule 5)
    reserve: Array
    distributable: Array  # D
    shares: Array  # per member
    rule_used: npt.NDArray[np.str_]  # per batch item: the rule that made the shares
    key_fell_back: npt.NDArray[np.bool_]  # per batch item: key summed to zero, equal used
    cash_result: Array  # per member (rule 6)
    stand_alone_result: Array  # per member (rule 7)
    economic_result: Array  # per member (rule 8)
    shared_economic_result: Array  # R + in-kind received + unreimbursed hours given to it
    paid_hours: Array  # per member
    volunteer_hours: Array  # per member
    volunteer_value: Array  # per member
    load_ratio: Array  # per member; NaN when no capacity or capacity 0
    activity_staff_cost: Array  # per activity
    activity_result: Array  # per activity (rule 1)
    activity_volunteer_value: Array  # per activity
    collective_result: Array  # external revenue - external cost - all staff costs

    @property
    def gain_from_cooperation(self) -> Array:
        """Cash result minus stand-alone result, per member (rule 7)."""
        return self.cash_result - self.stand_alone_result


GameAllocation = Callable[[str, Array, Array], Array]
"""(rule, paid, volunteer) -> each member's allocation of v for one hour matrix."""


def _key(rule: str, ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    """The sharing key of ``rule``; a game rule has none (its shares come from the game)."""
    if rule in GAME_RULES:
        return np.ones((*paid.shape[:-2], ledger.n_members))
    return sharing_key(rule, ledger, paid, volunteer, weights)


def alone_results(ledger: Ledger, paid: Array, volunteer: Array, staff_by_line: Array) -> Array:
    """Each member's result alone (DOMAIN Part 2), for hours of shape ``(..., n, A)``.

    Its lines and flows as their policies say (``ledger.alone_lines``), minus its
    own paid hours on its own activities, minus the other members' hours on its own
    activities bought from the market (0 where they are done without). Its hours
    on activities it does not carry are not worked.
    """
    owns = ledger.owns
    own_staff = (staff_by_line * owns).sum(axis=-1)
    replaced = ((paid + volunteer) * ledger.replacement_rate * ~owns).sum(axis=-2)  # (..., A)
    # summed row by row (not a matrix product) so a batch gives the very figures of one
    bought = (replaced[..., None, :] * owns).sum(axis=-1)
    alone: Array = ledger.alone_lines - own_staff - bought
    return alone


def settle(
    ledger: Ledger,
    paid: Array,
    volunteer: Array,
    surplus_rule: str,
    deficit_rule: str,
    weights: Array | None = None,
    game: GameAllocation | None = None,
) -> Settlement:
    """Apply DOMAIN rules 1-9 to hours of shape ``(..., members, activities)``.

    Under a cooperative-game rule (``shapley``...), ``game`` gives each member's
    allocation x of the cooperation's value for the hours at hand, and the share
    is what brings the member's cash result to x (Σ x = v(N), so the shares
    still sum to the distributable result).
    """
    n = ledger.n_members
    cost = ledger.hourly_cost[:, None]
    owns = ledger.owns
    carrier_onehot = np.zeros((len(ledger.activity_ids), n + 1))
    carrier_onehot[np.arange(len(ledger.activity_ids)), ledger.carrier] = 1.0

    staff_by_line = paid * cost  # (..., n, A)
    staff_cost = staff_by_line.sum(axis=-1)
    reimbursed = staff_by_line * (ledger.reimbursed & ~owns)
    reimbursements_received = reimbursed.sum(axis=-1)
    reimbursements_paid = reimbursed.sum(axis=-2) @ carrier_onehot  # (..., n + 1)

    own_result = (
        ledger.own_revenue
        - ledger.own_cost
        + ledger.internal_received
        - ledger.internal_paid
        + ledger.money_in
        - ledger.money_out
        - reimbursements_paid
    )
    own_result = own_result + np.concatenate(
        [reimbursements_received - staff_cost, np.zeros((*staff_cost.shape[:-1], 1))], axis=-1
    )

    shared_result = own_result[..., n]
    reserve = np.where(shared_result > 0, shared_result * ledger.reserve_fraction, 0.0)
    distributable = shared_result - reserve

    surplus_key = _key(surplus_rule, ledger, paid, volunteer, weights)
    deficit_key = _key(deficit_rule, ledger, paid, volunteer, weights)
    in_surplus = shared_result > 0
    key = np.where(in_surplus[..., None], surplus_key, deficit_key)
    shares, fell_back = share_result(distributable, key)
    rule_used = np.where(in_surplus, surplus_rule, deficit_rule)
    if surplus_rule in GAME_RULES or deficit_rule in GAME_RULES:
        if game is None:
            raise ValueError("a cooperative-game rule needs the game's allocations")
        shares, fell_back = np.array(shares, dtype=float), np.array(fell_back)
        for at in np.ndindex(rule_used.shape):
            rule = str(rule_used[at])
            if rule in GAME_RULES:
                shares[at] = game(rule, paid[at], volunteer[at]) - own_result[at][:n]
                fell_back[at] = False
    cash_result = own_result[..., :n] + shares

    stand_alone = alone_results(ledger, paid, volunteer, staff_by_line)
    given = staff_by_line * (~ledger.reimbursed & ~owns)  # unreimbursed hours on others' work
    received_in_kind_work = given.sum(axis=-2) @ carrier_onehot  # (..., n + 1)
    in_kind_balance = ledger.in_kind_in - ledger.in_kind_out
    economic = cash_result + in_kind_balance[:n] + received_in_kind_work[..., :n]
    shared_economic = shared_result + ledger.in_kind_in[n] + received_in_kind_work[..., n]

    paid_hours = paid.sum(axis=-1)
    volunteer_hours = volunteer.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        load = np.where(
            ledger.capacity > 0, (paid_hours + volunteer_hours) / ledger.capacity, np.nan
        )
    activity_staff = staff_by_line.sum(axis=-2)
    return Settlement(
        staff_cost=staff_cost,
        reimbursements_received=reimbursements_received,
        reimbursements_paid=reimbursements_paid,
        own_result=own_result,
        shared_result=shared_result,
        reserve=reserve,
        distributable=distributable,
        shares=shares,
        rule_used=rule_used,
        key_fell_back=fell_back,
        cash_result=cash_result,
        stand_alone_result=stand_alone,
        economic_result=economic,
        shared_economic_result=shared_economic,
        paid_hours=paid_hours,
        volunteer_hours=volunteer_hours,
        volunteer_value=volunteer.sum(axis=-1) * ledger.volunteer_value,
        load_ratio=load,
        activity_staff_cost=activity_staff,
        activity_result=ledger.activity_revenue - ledger.activity_cost - activity_staff,
        activity_volunteer_value=(volunteer * ledger.volunteer_value[:, None]).sum(axis=-2),
        collective_result=ledger.external_revenue - ledger.external_cost - staff_cost.sum(axis=-1),
    )
