"""Sharing keys: how the shared entity's distributable result is split among members."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from bm3c.engine.ledger import Ledger
from bm3c.model import Cooperation
from bm3c.model.parts import GAME_RULES

__all__ = [
    "RULE_DESCRIPTIONS",
    "game_allocation",
    "share_result",
    "sharing_key",
    "sharing_weights",
]

Array = npt.NDArray[np.float64]

RULE_DESCRIPTIONS: dict[str, str] = {
    "equal": "every member gets the same share",
    "by_hours": "in proportion to its hours (paid + volunteer) on shared-entity activities",
    "by_paid_hours": "in proportion to its paid hours on shared-entity activities",
    "by_contribution": "in proportion to the value it gives the shared entity: paid hours at "
    "its hourly cost, volunteer hours at their value, money and in-kind flows",
    "by_usage": "in proportion to what it pays the shared entity through activity lines",
    "by_weights": "in proportion to the weights agreed in sharing.weights",
    "shapley": "so that each member ends with its Shapley value of the cooperation game",
    "nucleolus": "so that each member ends with its nucleolus allocation of the game",
    "scrb": "so that each member ends with its SCRB allocation of the game",
}


def game_allocation(
    coop: Cooperation,
) -> Callable[[str, Array, Array], Array] | None:
    """For a model under a cooperative-game rule: its allocation for given hours.

    None when neither sharing rule is a game rule. The game is the cooperation's
    (:func:`bm3c.fairness.coalitions.coalition_values`) at the hours at hand.
    """
    if coop.sharing.surplus not in GAME_RULES and coop.sharing.deficit not in GAME_RULES:
        return None
    from bm3c.engine.game import coalition_values
    from bm3c.fairness.allocations import allocate  # the fairness package builds on the engine

    def allocation(rule: str, paid: Array, volunteer: Array) -> Array:
        return allocate(coalition_values(coop, paid, volunteer), rule)

    return allocation


def sharing_key(
    rule: str, ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None
) -> Array:
    """Each member's (unnormalised) key under ``rule``.

    Args:
        rule: One of :data:`RULE_DESCRIPTIONS`.
        ledger: The compiled cooperation.
        paid: Paid hours, shape ``(..., members, activities)``.
        volunteer: Volunteer hours, same shape.
        weights: Per-member weights, for ``by_weights``.

    Returns:
        Keys of shape ``(..., members)``, all >= 0.

    """
    shared = ledger.shared_activity
    batch = paid.shape[:-2]
    key: Array
    if rule == "equal":
        key = np.ones((*batch, ledger.n_members))
    elif rule == "by_hours":
        key = ((paid + volunteer) * shared).sum(axis=-1)
    elif rule == "by_paid_hours":
        key = (paid * shared).sum(axis=-1)
    elif rule == "by_contribution":
        valued = paid * ledger.hourly_cost[:, None] + volunteer * ledger.volunteer_value[:, None]
        key = (valued * shared).sum(axis=-1) + ledger.flows_to_shared
    elif rule == "by_usage":
        key = np.broadcast_to(ledger.usage, (*batch, ledger.n_members)).copy()
    elif rule == "by_weights" and weights is not None:
        key = np.broadcast_to(weights, (*batch, ledger.n_members)).copy()
    else:
        raise ValueError(f"cannot compute the '{rule}' key here")
    return key


def share_result(distributable: Array, key: Array) -> tuple[Array, npt.NDArray[np.bool_]]:
    """Split ``distributable`` (shape ``(...)``) by ``key`` (shape ``(..., members)``).

    share_m = D × key_m / Σ key. A key summing to zero falls back to equal shares.

    Returns:
        The shares, shape ``(..., members)``, and per batch item whether the
        fallback to equal shares was used.

    """
    total = key.sum(axis=-1, keepdims=True)
    fell_back = total[..., 0] <= 0
    n = key.shape[-1]
    fractions = np.where(total > 0, key / np.where(total > 0, total, 1.0), 1.0 / n)
    return distributable[..., None] * fractions, fell_back


def sharing_weights(coop: Cooperation) -> Array | None:
    """Per-member weights of ``sharing.weights`` in member order, or None."""
    w = coop.sharing.weights
    if w is None:
        return None
    return np.array([w.get(m, 0.0) for m in coop.member_ids])
