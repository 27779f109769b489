"""Sharing keys: how the shared entity's distributable result is split among members."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import numpy.typing as npt

from bm3c.engine.game import coalition_values
from bm3c.engine.ledger import Ledger
from bm3c.fairness.allocations import allocate
from bm3c.model import Cooperation
from bm3c.rules import GAME_RULES, RULES

__all__ = [
    "KEY_FUNCTIONS",
    "game_allocation",
    "share_result",
    "sharing_key",
    "sharing_weights",
    "weight_fractions",
]

Array = npt.NDArray[np.float64]


def game_allocation(
    coop: Cooperation,
) -> Callable[[str, Array, Array], Array] | None:
    """For a model under a cooperative-game rule: its allocation for given hours.

    None when neither sharing rule is a game rule. The game is the cooperation's
    (:func:`bm3c.engine.game.coalition_values`) at the hours at hand.
    """
    if coop.sharing.surplus not in GAME_RULES and coop.sharing.deficit not in GAME_RULES:
        return None

    def allocation(rule: str, paid: Array, volunteer: Array) -> Array:
        method = RULES[rule].allocation
        assert method is not None, f"{rule} is not a game rule"
        return allocate(coalition_values(coop, paid, volunteer), method)

    return allocation


KeyFunction = Callable[[Ledger, Array, Array, Array | None], Array]


def _equal(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    return np.ones((*paid.shape[:-2], ledger.n_members))


def _by_hours(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    hours: Array = ((paid + volunteer) * ledger.shared_activity).sum(axis=-1)
    return hours


def _by_paid_hours(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    hours: Array = (paid * ledger.shared_activity).sum(axis=-1)
    return hours


def _by_contribution(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    valued = paid * ledger.hourly_cost[:, None] + volunteer * ledger.volunteer_value[:, None]
    given: Array = (valued * ledger.shared_activity).sum(axis=-1) + ledger.flows_to_shared
    return given


def _by_usage(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    return np.broadcast_to(ledger.usage, (*paid.shape[:-2], ledger.n_members)).copy()


def _by_weights(ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None) -> Array:
    if weights is None:
        raise ValueError("cannot compute the 'by_weights' key without sharing.weights")
    return np.broadcast_to(weights, (*paid.shape[:-2], ledger.n_members)).copy()


#: The key of each key rule of :data:`bm3c.rules.SHARING_RULES` (the game rules have none).
KEY_FUNCTIONS: dict[str, KeyFunction] = {
    "equal": _equal,
    "by_hours": _by_hours,
    "by_paid_hours": _by_paid_hours,
    "by_contribution": _by_contribution,
    "by_usage": _by_usage,
    "by_weights": _by_weights,
}


def sharing_key(
    rule: str, ledger: Ledger, paid: Array, volunteer: Array, weights: Array | None
) -> Array:
    """Each member's (unnormalised) key under ``rule``.

    Args:
        rule: A key rule of :data:`bm3c.rules.SHARING_RULES` (see :data:`KEY_FUNCTIONS`).
        ledger: The compiled cooperation.
        paid: Paid hours, shape ``(..., members, activities)``.
        volunteer: Volunteer hours, same shape.
        weights: Per-member weights, for rules that read ``sharing.weights``.

    Returns:
        Keys of shape ``(..., members)``, all >= 0.

    Raises:
        ValueError: for a game rule, or weights missing where the rule reads them.

    """
    key_function = KEY_FUNCTIONS.get(rule)
    if key_function is None:
        raise ValueError(f"cannot compute the '{rule}' key here")
    return key_function(ledger, paid, volunteer, weights)


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


def weight_fractions(weights: Mapping[str, float]) -> dict[str, float]:
    """Each member's part of the result under agreed weights: its weight over their sum.

    Empty when the weights sum to zero (the model refuses that for a rule reading them).
    """
    total = sum(weights.values())
    return {member: weight / total for member, weight in weights.items()} if total > 0 else {}


def sharing_weights(coop: Cooperation) -> Array | None:
    """Per-member weights of ``sharing.weights`` in member order, or None."""
    w = coop.sharing.weights
    if w is None:
        return None
    return np.array([w.get(m, 0.0) for m in coop.member_ids])
