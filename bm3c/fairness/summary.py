"""What a workshop reads of a game: together, each alone, the surplus, every allocation.

The Fairness page and the report show the same :class:`GameSummary`, computed
here once: the fair-division methods that can be afforded for the number of
players (the nucleolus and the least core up to a limit the caller gives, Shapley
estimated beyond :data:`~bm3c.fairness.game.MAX_EXACT_PLAYERS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bm3c.fairness.allocations import ALLOCATION_RULES, allocate, shapley_sampled
from bm3c.fairness.game import MAX_EXACT_PLAYERS, n_players
from bm3c.fairness.stability import LeastCore, least_core

__all__ = [
    "METHODS",
    "SAMPLED_PAIRS",
    "Allocations",
    "GameSummary",
    "compare_allocations",
    "summarise_game",
]

Array = npt.NDArray[np.float64]

#: The fair-division methods compared, in the order they are shown.
METHODS: tuple[str, ...] = tuple(ALLOCATION_RULES)
#: Antithetic pairs of orders of the Shapley estimate beyond MAX_EXACT_PLAYERS.
SAMPLED_PAIRS = 1000


class Allocations(dict[str, Array]):
    """The allocations computed, by method, in :data:`METHODS` order.

    Attributes:
        shapley_margin: The 95 % half-width of each estimated Shapley share, or
            None when Shapley is exact.

    """

    shapley_margin: Array | None = None


def compare_allocations(
    v: Array, *, nucleolus_up_to: int, methods: Sequence[str] = METHODS, seed: int = 0
) -> Allocations:
    """Every method's allocation of ``v`` that can be afforded for its players.

    The nucleolus only up to ``nucleolus_up_to`` players; Shapley exact up to
    :data:`~bm3c.fairness.game.MAX_EXACT_PLAYERS`, estimated beyond (seeded, so a
    page shows the same figures at every rerun).
    """
    n = n_players(v)
    out = Allocations()
    for method in methods:
        if method == "nucleolus" and n > nucleolus_up_to:
            continue
        if method == "shapley" and n > MAX_EXACT_PLAYERS:
            estimate = shapley_sampled(v, pairs=SAMPLED_PAIRS, seed=seed)
            out[method] = estimate.value
            out.shapley_margin = estimate.half_width
            continue
        out[method] = allocate(v, method)
    return out


@dataclass(frozen=True, eq=False)
class GameSummary:
    """A game as a workshop reads it.

    Attributes:
        values: v(S) for every coalition bitmask S.
        alone: v({i}) for each player: what it makes alone.
        together: v(N): what all make together.
        alone_total: Σ v({i}): what they make, each alone.
        surplus: together − alone_total: what cooperating adds (negative: it costs).
        allocations: Each affordable method's allocation.
        least_core: The least core, None beyond ``nucleolus_up_to`` players.

    """

    values: Array
    alone: Array
    together: float
    alone_total: float
    surplus: float
    allocations: Allocations
    least_core: LeastCore | None

    @property
    def coalition_count(self) -> int:
        """How many non-empty groups of players there are: 2**n − 1."""
        return self.values.size - 1


def summarise_game(v: Array, *, nucleolus_up_to: int) -> GameSummary:
    """Together, each alone, the surplus, the allocations and the least core of ``v``."""
    n = n_players(v)
    alone: Array = v[1 << np.arange(n)]
    together, alone_total = float(v[-1]), float(alone.sum())
    return GameSummary(
        values=v,
        alone=alone,
        together=together,
        alone_total=alone_total,
        surplus=together - alone_total,
        allocations=compare_allocations(v, nucleolus_up_to=nucleolus_up_to),
        least_core=least_core(v) if n <= nucleolus_up_to else None,
    )
