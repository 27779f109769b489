"""A group's value from its definition: the reference for the game's fast computation."""

from __future__ import annotations

from collections.abc import Collection

from bm3c.engine.apart import alone_result
from bm3c.engine.evaluate import evaluate
from bm3c.engine.game import coalition_mask
from bm3c.engine.worlds import reduce_cooperation
from bm3c.model import Cooperation

__all__ = ["coalition_value_brute"]


def coalition_value_brute(coop: Cooperation, members: Collection[str]) -> float:
    """v(S) from its definition: 0, a member's alone result, or Σ cash of the group's model.

    One validation and one evaluation per group of two or more; see
    :func:`~bm3c.engine.game.coalition_values` for every group at once.
    """
    group = set(members)
    coalition_mask(coop, group)
    if not group:
        return 0.0
    if len(group) == 1:
        return alone_result(coop, next(iter(group)))
    evaluation = evaluate(reduce_cooperation(coop, group, for_game=True))
    return sum(m.cash_result_eur for m in evaluation.members)
