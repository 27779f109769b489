"""Classic games from the literature, with their published (or hand-derived) answers.

Each test says where its numbers come from. Where we could not retrieve a paper's
own table, the answer is derived by hand in the docstring, and said so.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bm3c.fairness.allocations import nucleolus, scrb, shapley
from bm3c.fairness.game import coalition_sums
from bm3c.fairness.stability import is_in_core, least_core


def lexicographic_game(n: int, values: list[float]) -> np.ndarray:
    """A game listed in the order {1}, {2}, …, {1,2}, {1,3}, …, N (R's CoopGame, TUGLab)."""
    v = np.zeros(2**n)
    listed = iter(values)
    for size in range(1, n + 1):
        for coalition in itertools.combinations(range(n), size):
            v[sum(1 << i for i in coalition)] = next(listed)
    return v


def bankruptcy_game(estate: float, claims: list[float]) -> np.ndarray:
    """v(S) = max(0, E − Σ_{j∉S} d_j): what S gets once the others are paid in full."""
    d = np.array(claims)
    return np.maximum(0.0, estate - (d.sum() - coalition_sums(d)))


def airport_cost_game(costs: list[int]) -> np.ndarray:
    """c(S) = max_{i∈S} c_i: a runway long enough for the largest plane of S."""
    n = len(costs)
    masks = np.arange(2**n)
    members = (masks[:, None] >> np.arange(n)) & 1
    return np.max(members * np.array(costs, dtype=float), axis=1, initial=0.0)


def test_ibn_ezra_inheritance_shapley() -> None:
    """Aumann, R.J. (2010), "Some non-superadditive games, and their Shapley values, in
    the Talmud", Int. J. Game Theory 39(1), 3–10: an estate of 120 with claims 120, 60,
    40, 30, v(S) = the largest claim in S. Ibn Ezra's division, which Aumann shows is the
    Shapley value, is (80 5/6, 20 5/6, 10 5/6, 7 1/2) (also the CoopGame R package's
    documented output for this game).
    """
    v = lexicographic_game(4, [120, 60, 40, 30, 120, 120, 120, 60, 60, 40, 120, 120, 120, 60, 120])
    np.testing.assert_allclose(shapley(v), [80 + 5 / 6, 20 + 5 / 6, 10 + 5 / 6, 7.5])


@pytest.mark.parametrize(
    ("estate", "division"),
    [(100, [100 / 3, 100 / 3, 100 / 3]), (200, [50, 75, 75]), (300, [50, 100, 150])],
)
def test_talmud_estates_are_the_nucleolus_of_the_bankruptcy_game(
    estate: float, division: list[float]
) -> None:
    """Aumann, R.J. & Maschler, M. (1985), "Game theoretic analysis of a bankruptcy
    problem from the Talmud", J. Economic Theory 36, 195–213: three creditors with claims
    100, 200, 300; the Mishna divides an estate of 100, 200, 300 as (33⅓, 33⅓, 33⅓),
    (50, 75, 75), (50, 100, 150), and the paper proves each is the nucleolus of the
    bankruptcy game.
    """
    v = bankruptcy_game(estate, [100, 200, 300])
    np.testing.assert_allclose(nucleolus(v), division, atol=1e-9)


def test_lemaire_investors_game() -> None:
    """The three-investor game of Lemaire, J. (1991), "Cooperative game theory and its
    insurance applications", ASTIN Bulletin 21(1), 17–40, as reproduced in the examples of
    the R package GameTheory: v(1) 46 125, v(2) 17 437.5, v(3) 5 812.5, v(12) 69 187.5,
    v(13) 53 812.5, v(23) 30 750, v(123) 90 000. We could not retrieve the paper's table,
    so every answer is derived by hand here.

    Shapley: φ1 = 46 125/3 + (69 187.5 − 17 437.5)/6 + (53 812.5 − 5 812.5)/6
    + (90 000 − 30 750)/3 = 15 375 + 8 625 + 8 000 + 19 750 = 51 750; likewise
    φ2 = 5 812.5 + 3 843.75 + 4 156.25 + 12 062.5 = 25 875 and φ3 = 90 000 − φ1 − φ2 = 12 375.

    Nucleolus: with x(N) = 90 000 the pair excesses are e(12) = x3 − 20 812.5,
    e(13) = x2 − 36 187.5, e(23) = x1 − 59 250. Minimising the largest excess, e(1) =
    46 125 − x1 and e(23) meet at x1 = 52 687.5 (both −6 562.5; least core ε = −6 562.5),
    while x2 and x3 can still move. Next, e(2) = e(3): 17 437.5 − x2 = 5 812.5 − x3 with
    x2 + x3 = 37 312.5 gives x = (52 687.5, 24 468.75, 12 843.75), all other excesses lower.

    SCRB: m = (59 250, 36 187.5, 20 812.5), Σ m − v(N) = 26 250, weights m − v(i) =
    (13 125, 18 750, 15 000) / 46 875, so x = m − 26 250 × weights
    = (51 900, 25 687.5, 12 412.5).
    """
    v = lexicographic_game(3, [46125, 17437.5, 5812.5, 69187.5, 53812.5, 30750, 90000])
    np.testing.assert_allclose(shapley(v), [51750, 25875, 12375])
    np.testing.assert_allclose(nucleolus(v), [52687.5, 24468.75, 12843.75])
    np.testing.assert_allclose(scrb(v), [51900, 25687.5, 12412.5])
    assert least_core(v).epsilon == pytest.approx(-6562.5)


def test_four_player_game_of_the_coopgame_documentation() -> None:
    """The nucleolus example of the R package CoopGame (Staudacher et al., function
    ``nucleolus``): v(12) 5, v(13) 5, v(14) 8, v(23) 9, v(24) 10, v(34) 8, v(123) 13,
    v(124) 15, v(134) 16, v(234) 17, v(N) 21, singletons 0; documented output
    (3.5, 4.5, 5.5, 7.5).
    """
    v = lexicographic_game(4, [0, 0, 0, 0, 5, 5, 8, 9, 10, 8, 13, 15, 16, 17, 21])
    np.testing.assert_allclose(nucleolus(v), [3.5, 4.5, 5.5, 7.5], atol=1e-9)


def test_three_player_game_with_pair_values_48_60_72() -> None:
    """The example game of CoopGame's ``proportionalNucleolus`` page (which cites Young,
    Okada & Hashimoto 1982): v(12) 48, v(13) 60, v(23) 72, v(N) 140, singletons 0.
    Derived by hand. Shapley: φ1 = 48/6 + 60/6 + (140 − 72)/3 = 40 2/3, φ2 = 8 + 12 +
    80/3 = 46 2/3, φ3 = 10 + 12 + 92/3 = 52 2/3. Nucleolus: the pair excesses
    e(12) = x3 − 92, e(13) = x2 − 80, e(23) = x1 − 68 sum to 3t = 140 − 240, so
    t = −33⅓ each and x = (34 2/3, 46 2/3, 58 2/3); the singletons −x_i are lower.
    """
    v = lexicographic_game(3, [0, 0, 0, 48, 60, 72, 140])
    np.testing.assert_allclose(shapley(v), [40 + 2 / 3, 46 + 2 / 3, 52 + 2 / 3])
    np.testing.assert_allclose(nucleolus(v), [34 + 2 / 3, 46 + 2 / 3, 58 + 2 / 3])


@given(st.lists(st.integers(1, 1000), min_size=1, max_size=8))
def test_airport_game_shapley_is_littlechild_and_owens_closed_form(costs: list[int]) -> None:
    """Littlechild, S.C. & Owen, G. (1973), "A simple expression for the Shapley value in
    a special case", Management Science 20(3), 370–372: with costs sorted increasingly
    c_1 ≤ … ≤ c_n and c_0 = 0, φ_i = Σ_{k ≤ i} (c_k − c_{k−1}) / (n − k + 1): each
    segment of runway is shared equally by the planes that need it.
    """
    n = len(costs)
    c = airport_cost_game(costs)
    order = np.argsort(costs, kind="stable")
    ranked = np.concatenate([[0], np.array(costs, float)[order]])
    segments = np.diff(ranked) / (n - np.arange(n))
    expected = np.empty(n)
    expected[order] = np.cumsum(segments)
    np.testing.assert_allclose(shapley(c), expected, rtol=1e-12, atol=1e-9)
    # the savings game of an airport is convex: its Shapley value and nucleolus are in the core
    savings = coalition_sums(np.array(costs, float)) - c
    assert is_in_core(savings, np.array(costs) - expected, tol=1e-7)
    assert is_in_core(savings, nucleolus(savings), tol=1e-7)


def test_the_tennessee_valley_authority_game() -> None:
    """Ransmeier (1942), as a game in Straffin & Heaney (1981), "Game theory and the
    Tennessee Valley Authority", Int. J. Game Theory 10(1), reproduced in Young (1985),
    "Cost Allocation: Methods, Principles, Applications".

    Costs (thousands of dollars) of the dam for navigation (1), flood control (2) and
    power (3): c(1) 163 520, c(2) 140 826, c(3) 250 096, c(12) 301 607, c(13) 378 821,
    c(23) 367 370, c(123) 412 584. Published cost shares: Shapley 117 829 / 100 756 /
    193 998 (halves rounded down), SCRB 117 476 / 99 157 / 195 951.

    Nucleolus, by hand, on the savings game v(S) = Σ c(i) − c(S): v(i) = 0, v(12) =
    2 739, v(13) = 34 795, v(23) = 23 552, v(N) = 141 858. A player's satisfaction is
    x_i, its complement pair's is v(N) − x_i − v(jk): 118 306 − x1, 107 063 − x2,
    139 119 − x3. Maximising the smallest: 3t ≤ 141 858 binds first (t = 47 286, while
    the pairs would allow 74 210), so the savings split equally: 47 286 each, costs
    116 234 / 93 540 / 202 810.
    """
    costs = {1: 163520, 2: 140826, 4: 250096, 3: 301607, 5: 378821, 6: 367370, 7: 412584}
    alone = np.array([costs[1], costs[2], costs[4]], dtype=float)
    savings = np.zeros(8)
    for mask, cost in costs.items():
        savings[mask] = sum(alone[i] for i in range(3) if mask >> i & 1) - cost
    assert np.floor(alone - shapley(savings)).tolist() == [117829, 100756, 193998]
    assert np.round(alone - scrb(savings)).tolist() == [117476, 99157, 195951]
    np.testing.assert_allclose(alone - nucleolus(savings), [116234, 93540, 202810], atol=1e-6)
