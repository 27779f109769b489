"""Cost games: who pays what of a shared cost, through the game of the savings.

A cost game gives c(S), what the coalition S would pay to serve its own needs
(a dam, a network, a shared workshop), with c(∅) = 0. The savings game
v(S) = Σ_{i∈S} c({i}) − c(S) is what S saves by working together; it is a value
game like any other, and a split x of the savings v(N) is a split of the cost
c(N) into cost shares y_i = c({i}) − x_i. The excesses agree:
v(S) − x(S) = y(S) − c(S), so x is in the savings game's core exactly when
y(S) ≤ c(S) for every S and y(N) = c(N), the least-core ε is the same, and the
nucleolus of the savings game gives the nucleolus cost shares (Straffin & Heaney
1981; Young 1985, *Cost Allocation*, ch. 1).

Shapley, the nucleolus, SCRB and the equal split are computed on the savings
game and turned back into cost shares (for Shapley, the same as on the cost game
itself: it is linear and gives each player c({i}) in the additive game). The
proportional rule is the cost game's own: c(N) in proportion to the stand-alone
costs (on the savings game, whose stand-alone values are all 0, it would mean an
equal split).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from bm3c.fairness.allocations import proportional
from bm3c.fairness.game import coalition_sums, n_players
from bm3c.fairness.summary import Allocations, compare_allocations

__all__ = ["cost_allocations", "cost_shares", "savings_game", "stand_alone_costs"]

Array = npt.NDArray[np.float64]


def stand_alone_costs(c: Array) -> Array:
    """c({i}) for each player."""
    alone: Array = c[1 << np.arange(n_players(c))]
    return alone


def savings_game(c: Array) -> Array:
    """v(S) = Σ_{i∈S} c({i}) − c(S) for every coalition S: what S saves together."""
    v: Array = coalition_sums(stand_alone_costs(c)) - c
    return v


def cost_shares(c: Array, savings: Array) -> Array:
    """The cost shares y_i = c({i}) − x_i of a split ``savings`` of the savings v(N)."""
    y: Array = stand_alone_costs(c) - savings
    return y


def cost_allocations(c: Array, *, nucleolus_up_to: int) -> tuple[Allocations, Allocations]:
    """Every method's split of a cost game: (cost shares, savings), both by method.

    The savings are each player's c({i}) − y_i; see the module for how each method
    is computed. Beyond ``nucleolus_up_to`` players there is no nucleolus, beyond
    :data:`~bm3c.fairness.game.MAX_EXACT_PLAYERS` the Shapley shares are estimated.
    """
    saved = compare_allocations(savings_game(c), nucleolus_up_to=nucleolus_up_to)
    if "proportional" in saved:
        saved["proportional"] = stand_alone_costs(c) - proportional(c)
    shares = Allocations({method: cost_shares(c, x) for method, x in saved.items()})
    shares.shapley_margin = saved.shapley_margin
    return shares, saved
