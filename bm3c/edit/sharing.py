"""Edits of the sharing page as pure functions: each returns a new, validated model.

Each raises :class:`~bm3c.errors.InvalidModelError` (through
:func:`bm3c.model.validation.edit_data`) rather than return an invalid model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bm3c.model import Cooperation
from bm3c.model.validation import edit_data
from bm3c.rules import RULE_IDS, RULES

__all__ = [
    "DEFAULT_WEIGHT",
    "OFFERED_RULES",
    "with_reserve_fraction",
    "with_rules",
    "with_weights",
]

OFFERED_RULES = RULE_IDS
"""The rules the page offers, in this order: every rule of the registry (:mod:`bm3c.rules`)."""

DEFAULT_WEIGHT = 1.0
"""Weight given to a member that has none when a rule reading weights is chosen (equal weights)."""


def with_rules(coop: Cooperation, surplus: str, deficit: str) -> Cooperation:
    """The model with these surplus and deficit rules.

    Choosing ``by_weights`` gives every member without a weight the weight
    :data:`DEFAULT_WEIGHT`, so the model stays valid and the weights can then be
    edited; weights are kept when no rule uses them any more (undo stays cheap,
    and the engine warns they are unused).
    """

    def mutate(data: dict[str, Any]) -> None:
        sharing = data.setdefault("sharing", {})
        sharing["surplus"] = surplus
        sharing["deficit"] = deficit
        if RULES[surplus].needs_weights or RULES[deficit].needs_weights:
            weights = dict(sharing.get("weights") or {})
            for m in coop.member_ids:
                weights.setdefault(m, DEFAULT_WEIGHT)
            sharing["weights"] = weights

    return edit_data(coop, mutate)


def with_reserve_fraction(coop: Cooperation, fraction: float) -> Cooperation:
    """The model whose shared entity keeps ``fraction`` (0..1) of a surplus as reserve."""

    def mutate(data: dict[str, Any]) -> None:
        data["shared_entity"]["reserve_fraction"] = float(fraction)

    return edit_data(coop, mutate)


def with_weights(coop: Cooperation, rows: Sequence[Mapping[str, Any]]) -> Cooperation:
    """The model with the weights of a table of ``{"member": id, "weight": w}`` rows.

    A row without a weight leaves that member without one, which validation
    refuses when ``by_weights`` is in use ("give every member a weight").
    """

    def mutate(data: dict[str, Any]) -> None:
        weights: dict[str, Any] = {}
        for row in rows:
            weight = row.get("weight")
            if weight is None:
                continue
            weights[str(row["member"])] = float(weight) if _number(weight) else weight
        data.setdefault("sharing", {})["weights"] = weights

    return edit_data(coop, mutate)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
