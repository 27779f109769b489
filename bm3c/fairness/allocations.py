"""Allocations of a TU game: Shapley value, nucleolus, SCRB and two simple keys.

A game on n players is an array ``v`` of length 2**n indexed by coalition bitmask
(bit i set = player i in the coalition), with v[0] = v(∅) = 0. An allocation ``x``
gives player i the amount x_i, and every rule here is efficient: Σ_i x_i = v(N).
The excess of a coalition S at x is e(S, x) = v(S) − x(S): what S would gain by
working alone rather than accepting x.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from math import comb

import numpy as np
import numpy.typing as npt

from bm3c.fairness.game import MAX_EXACT_PLAYERS, n_players, popcounts
from bm3c.fairness.stability import minimise_excesses

__all__ = [
    "ALLOCATION_RULES",
    "ShapleyEstimate",
    "allocate",
    "equal_surplus",
    "nucleolus",
    "proportional",
    "scrb",
    "shapley",
    "shapley_sampled",
]

Array = npt.NDArray[np.float64]

Z_95 = 1.959963984540054  # two-sided 95 % quantile of the standard normal


@lru_cache(maxsize=4)
def _shapley_weights(n: int) -> tuple[Array, Array]:
    """Per-coalition weights ``(d, b)`` with φ_i = Σ_{S∋i} d(S) v(S) − Σ_S b(S) v(S).

    With w(s) = s!(n−1−s)!/n! the weight of a coalition of size s not containing i,
    φ_i = Σ_{S∋i} w(|S|−1) v(S) − Σ_{S∌i} w(|S|) v(S); adding Σ_{S∋i} w(|S|) v(S) to
    both sums gives d(S) = w(|S|−1) + w(|S|) and b(S) = w(|S|), with w(−1) = w(n) = 0.
    """
    w = np.zeros(n + 2)  # w[s + 1] = w(s), for s = −1 … n
    w[1 : n + 1] = [1.0 / (n * comb(n - 1, s)) for s in range(n)]
    sizes = popcounts(n)
    d, b = w[sizes] + w[sizes + 1], w[sizes + 1]
    d.setflags(write=False)
    b.setflags(write=False)
    return d, b


def _sums_with_each_player(a: Array, n: int) -> Array:
    """s_i = Σ_{S ∋ i} a(S) for every player, in about 3·2**n additions.

    Halving on the highest bit: the upper half holds the coalitions with player
    k = n−1, and folding both halves together leaves the same problem on n−1 players.
    """
    sums = np.empty(n)
    for k in range(n - 1, -1, -1):
        half = a.size // 2
        sums[k] = a[half:].sum()
        a = a[:half] + a[half:]
    return sums


def shapley(v: Array) -> Array:
    """The exact Shapley value, for up to :data:`MAX_EXACT_PLAYERS` players.

    φ_i = Σ_{S ⊆ N∖{i}} |S|! (n−|S|−1)! / n! · (v(S ∪ {i}) − v(S)),
    the average marginal contribution of i over every order of arrival.
    Computed with precomputed per-coalition weights and one fold per player bit
    (about 5·2**n float operations).

    Raises:
        ValueError: if the game has more than :data:`MAX_EXACT_PLAYERS` players
            (use :func:`shapley_sampled`).

    """
    n = n_players(v)
    if n > MAX_EXACT_PLAYERS:
        raise ValueError(f"exact Shapley handles up to {MAX_EXACT_PLAYERS} players, not {n}")
    if n == 0:
        return np.zeros(0)
    d, b = _shapley_weights(n)
    return _sums_with_each_player(v * d, n) - float(v @ b)


@dataclass(frozen=True, eq=False)
class ShapleyEstimate:
    """A sampled Shapley value with its 95 % confidence half-width per player.

    Attributes:
        value: The estimate φ̂_i (efficient: Σ φ̂_i = v(N) for every sample).
        half_width: 1.96 × the standard error of φ̂_i; the true φ_i lies in
            φ̂_i ± half_width with about 95 % confidence (normal approximation).
        permutations: The number of orders of arrival used (pairs × 2).
        antithetic: True: each random order is used with its reverse, and the
            standard error comes from the variance of the pair means.

    """

    value: Array
    half_width: Array
    permutations: int
    antithetic: bool = True


def shapley_sampled(
    v: Array | Callable[[npt.NDArray[np.int64]], Array],
    *,
    n: int | None = None,
    pairs: int = 1000,
    seed: int = 0,
) -> ShapleyEstimate:
    """Estimate the Shapley value by antithetic permutation sampling.

    Draws ``pairs`` uniform random orders of arrival with ``numpy.random.default_rng(seed)``
    and uses each with its reverse (antithetic pairs): the sample unit is the mean of the
    two marginal contributions of a player, which is unbiased and usually less variable.
    half_width_i = 1.96 × sd(pair means_i) / √pairs.

    Args:
        v: The coalition values (length 2**n), or a function mapping an array of
            coalition bitmasks to their values (for games too large to list).
        n: The number of players; required when ``v`` is a function.
        pairs: The number of antithetic pairs (at least 2).
        seed: The seed of the random generator: the same seed gives the same estimate.

    """
    if callable(v):
        if n is None:
            raise ValueError("give n, the number of players, with a value function")
        value_of = v
    else:
        n = n_players(v)
        table = v

        def value_of(masks: npt.NDArray[np.int64]) -> Array:
            return table[masks]

    if pairs < 2:
        raise ValueError("at least 2 antithetic pairs are needed for an interval")
    if n > 62:
        raise ValueError("coalition bitmasks hold at most 62 players")
    if n == 0:
        return ShapleyEstimate(np.zeros(0), np.zeros(0), 2 * pairs)
    rng = np.random.default_rng(seed)
    orders = rng.permuted(np.tile(np.arange(n), (pairs, 1)), axis=1)
    orders = np.concatenate([orders, orders[:, ::-1]])
    prefixes = np.cumsum(np.left_shift(np.int64(1), orders), axis=1)
    values = np.asarray(value_of(prefixes.ravel()), dtype=float).reshape(prefixes.shape)
    marginal = np.diff(values, axis=1, prepend=0.0)
    by_player = np.empty_like(marginal)
    np.put_along_axis(by_player, orders, marginal, axis=1)
    pair_means = (by_player[:pairs] + by_player[pairs:]) / 2
    sd = pair_means.std(axis=0, ddof=1)
    return ShapleyEstimate(pair_means.mean(axis=0), Z_95 * sd / np.sqrt(pairs), 2 * pairs)


def nucleolus(v: Array, *, constraint_generation: bool = True) -> Array:
    """The nucleolus: the allocation whose excesses, sorted from largest, are smallest.

    Schmeidler (1969): among imputations (x(N) = v(N), x_i ≥ v({i})) it minimises
    lexicographically the vector of excesses e(S, x) = v(S) − x(S) sorted in
    decreasing order. It lies in the core whenever the core is non-empty. When the
    imputation set is empty (Σ v({i}) > v(N)), the prenucleolus is returned (same
    definition without x_i ≥ v({i})).

    Solved as a sequence of linear programs with HiGHS: maximise the smallest slack
    t of the free coalitions, then fix the coalitions tight in every optimum (positive
    dual); repeat until the fixed coalitions determine x. With ``constraint_generation``
    each LP starts from a few coalitions and adds the most violated ones found by
    scanning all 2**n excesses, so up to about 20 players stay tractable.
    """
    n = n_players(v)
    if n > MAX_EXACT_PLAYERS:
        raise ValueError(f"the nucleolus handles up to {MAX_EXACT_PLAYERS} players, not {n}")
    if n <= 1:
        return v[1:].copy()
    stand_alone = v[1 << np.arange(n)]
    lower = stand_alone if stand_alone.sum() <= v[-1] else None
    return minimise_excesses(v, lower=lower, constraint_generation=constraint_generation).allocation


def _separable(v: Array, n: int) -> tuple[Array, Array]:
    full = v.size - 1
    bits = 1 << np.arange(n)
    return v[full] - v[full ^ bits], v[bits]


def scrb(v: Array) -> Array:
    """Separable costs, remaining benefits, written for a value (surplus) game.

    For a cost game c (Young 1985, *Cost Allocation*, ch. 1; Straffin & Heaney 1981):
    separable cost SC_i = c(N) − c(N∖{i}); non-separable cost NSC = c(N) − Σ_j SC_j;
    remaining benefit r_i = c({i}) − SC_i; y_i = SC_i + NSC · r_i / Σ_j r_j.

    For a value game v (the savings game v(S) = Σ_{i∈S} c({i}) − c(S) turns the cost
    shares into x_i = c({i}) − y_i exactly): separable contribution
    m_i = v(N) − v(N∖{i}), remaining weight w_i = m_i − v({i}) (= r_i), and
    x_i = m_i + (v(N) − Σ_j m_j) · w_i / Σ_j w_j.

    Fallback: a negative weight (a player whose separable contribution is below its
    stand-alone value) counts as 0; if every weight is then 0, the remainder
    v(N) − Σ_j m_j is split equally.
    """
    n = n_players(v)
    if n == 0:
        return np.zeros(0)
    m, alone = _separable(v, n)
    weights = np.maximum(m - alone, 0.0)
    total = weights.sum()
    share = weights / total if total > 0 else np.full(n, 1.0 / n)
    x: Array = m + (v[-1] - m.sum()) * share
    return x


def equal_surplus(v: Array) -> Array:
    """Stand-alone value plus an equal part of the surplus.

    x_i = v({i}) + (v(N) − Σ_j v({j})) / n. A negative surplus is shared equally too.
    """
    n = n_players(v)
    if n == 0:
        return np.zeros(0)
    alone: Array = v[1 << np.arange(n)]
    return alone + float(v[-1] - alone.sum()) / n


def proportional(v: Array) -> Array:
    """Shares of v(N) in proportion to stand-alone values.

    x_i = v(N) · v({i}) / Σ_j v({j}); when Σ_j v({j}) ≤ 0 the key is meaningless and
    v(N) is split equally. A negative v({i}) in a positive sum gives a share of the
    opposite sign to v(N).
    """
    n = n_players(v)
    if n == 0:
        return np.zeros(0)
    alone: Array = v[1 << np.arange(n)]
    total = float(alone.sum())
    if total <= 0:
        return np.full(n, v[-1] / n)
    return alone * (float(v[-1]) / total)


ALLOCATION_RULES: dict[str, Callable[[Array], Array]] = {
    "shapley": shapley,
    "nucleolus": nucleolus,
    "scrb": scrb,
    "equal_surplus": equal_surplus,
    "proportional": proportional,
}


def allocate(v: Array, rule: str) -> Array:
    """The allocation of ``v`` under one of :data:`ALLOCATION_RULES`."""
    try:
        return ALLOCATION_RULES[rule](v)
    except KeyError:
        known = ", ".join(ALLOCATION_RULES)
        raise ValueError(f"unknown allocation rule '{rule}' (known: {known})") from None
