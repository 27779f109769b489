"""Classic games from the literature, with their published (or hand-derived) answers.

Each test says where its numbers come from. Where we could not retrieve a paper's
own table, the answer is derived by hand in the docstring, and said so.

Cost-allocation games with a published nucleolus: the games that Guajardo, M. &
Jörnsten, K. (2015), "Common mistakes in computing the nucleolus", European Journal of
Operational Research 241(3), 931–935, collect from the cost-allocation literature
as mistaken examples, each with its correct nucleolus, as listed
in the test suite of Nucleolus.jl (A. Churkin), which takes its cases from that paper:
Lemaire (1991), Oh & Shin (2012), Sakawa et al. (2001), SatyaRamesh & Radhakrishna
(2009). The Shapley values of those games are worked out by hand (three players) and
checked against an average over every order of arrival, computed here on its own.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bm3c.fairness.allocations import nucleolus, scrb, shapley
from bm3c.fairness.game import coalition_sums
from bm3c.fairness.stability import blocking_coalitions, is_in_core, least_core


def labelled_game(n: int, values: dict[str, float]) -> np.ndarray:
    """A game written as {"1": v(1), "12": v(12), "123": v(123), …} (players 1 to n)."""
    v = np.zeros(2**n)
    for label, value in values.items():
        v[sum(1 << (int(c) - 1) for c in label)] = value
    assert np.count_nonzero(v[1:] == 0) <= n, "a coalition is missing"
    return v


def shapley_over_every_order(v: np.ndarray) -> np.ndarray:
    """The Shapley value by its definition: each player's marginal contribution,
    averaged over the n! orders in which the players can arrive."""
    n = int(v.size).bit_length() - 1
    total = np.zeros(n)
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        mask = 0
        for player in order:
            total[player] += v[mask | 1 << player] - v[mask]
            mask |= 1 << player
    return total / len(orders)


def savings_game(costs: np.ndarray) -> np.ndarray:
    """v(S) = Σ_{i∈S} c(i) − c(S): what S saves by working together."""
    n = int(costs.size).bit_length() - 1
    return coalition_sums(costs[1 << np.arange(n)]) - costs


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
    v(13) 53 812.5, v(23) 30 750, v(123) 90 000. Guajardo & Jörnsten (2015) list its
    nucleolus as (52 687.5, 24 468.75, 12 843.75); we could not retrieve Lemaire's own
    tables, so every answer is also derived by hand here.

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
    np.testing.assert_allclose(shapley_over_every_order(v), [51750, 25875, 12375])
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
    costs = labelled_game(
        3,
        {
            "1": 163520,
            "2": 140826,
            "3": 250096,
            "12": 301607,
            "13": 378821,
            "23": 367370,
            "123": 412584,
        },
    )
    alone = costs[[1, 2, 4]]
    savings = savings_game(costs)
    assert np.floor(alone - shapley(savings)).tolist() == [117829, 100756, 193998]
    assert np.round(alone - scrb(savings)).tolist() == [117476, 99157, 195951]
    np.testing.assert_allclose(alone - nucleolus(savings), [116234, 93540, 202810], atol=1e-6)


def test_oh_and_shin_manufacturing_cost_game() -> None:
    """Oh & Shin (2012), a three-firm manufacturing cost game, with the nucleolus that
    Guajardo & Jörnsten (2015) give: costs c(1) 375 144,
    c(2) 245 280, c(3) 211 239, c(12) 568 232, c(13) 551 055, c(23) 452 411,
    c(123) 772 500; nucleolus cost shares (331 695.25, 233 051.25, 207 753.5).

    By hand, on the savings game: v(12) = 52 192, v(13) = 35 328, v(23) = 4 108,
    v(N) = 59 163. Nucleolus: the first level pairs e(3) = −x3 with e(12) = x3 − 6 971,
    so x3 = 3 485.5; then e(13) = x2 − 23 835 and e(23) = x1 − 55 055 meet with
    x1 + x2 = 55 677.5 at x1 = 43 448.75, x2 = 12 228.75 (costs 375 144 − 43 448.75 =
    331 695.25, …). Shapley: φ1 = 52 192/6 + 35 328/6 + (59 163 − 4 108)/3 = 32 938⅓,
    φ2 = 52 192/6 + 4 108/6 + 23 835/3 = 17 328⅓, φ3 = 35 328/6 + 4 108/6 + 6 971/3 =
    8 896⅓: cost shares 342 205⅔, 227 951⅔, 202 342⅔.
    """
    costs = labelled_game(
        3,
        {
            "1": 375144,
            "2": 245280,
            "3": 211239,
            "12": 568232,
            "13": 551055,
            "23": 452411,
            "123": 772500,
        },
    )
    alone = costs[[1, 2, 4]]
    v = savings_game(costs)
    np.testing.assert_allclose(alone - nucleolus(v), [331695.25, 233051.25, 207753.5])
    shapley_costs = [342205 + 2 / 3, 227951 + 2 / 3, 202342 + 2 / 3]
    np.testing.assert_allclose(alone - shapley(v), shapley_costs)
    np.testing.assert_allclose(alone - shapley_over_every_order(v), shapley_costs)
    # the nucleolus is in the core; the Shapley value is not: firms 1 and 2 save 52 192
    # together but get 32 938⅓ + 17 328⅓ = 50 266⅔
    assert is_in_core(v, nucleolus(v))
    assert not is_in_core(v, shapley(v))
    assert blocking_coalitions(v, shapley(v))[0].members == (0, 1)


def test_sakawa_production_and_transportation_game() -> None:
    """Sakawa, M., Nishizaki, I. & Uemura, Y. (2001), "Fuzzy programming and profit and
    cost allocation for a production and transportation problem", European Journal of
    Operational Research 131(1), 1–15: five players, normalised savings v(N) = 1. Its
    nucleolus, corrected by Guajardo & Jörnsten (2015), is (0.165, 0.3205, 0.0845,
    0.3745, 0.0555): five players and several levels of tight coalitions, where a
    sequence of LPs that fixes the wrong coalitions goes astray. The Shapley value is
    checked against the average over the 120 orders of arrival.
    """
    v = labelled_game(
        5,
        {
            "1": 0.060,
            "12": 0.378,
            "123": 0.536,
            "1234": 0.906,
            "12345": 1.0,
            "1235": 0.573,
            "124": 0.747,
            "1245": 0.874,
            "125": 0.485,
            "13": 0.144,
            "134": 0.546,
            "1345": 0.634,
            "135": 0.255,
            "14": 0.408,
            "145": 0.561,
            "15": 0.182,
            "2": 0.168,
            "23": 0.337,
            "234": 0.706,
            "2345": 0.801,
            "235": 0.379,
            "24": 0.538,
            "245": 0.668,
            "25": 0.279,
            "3": 0.03,
            "34": 0.383,
            "345": 0.473,
            "35": 0.083,
            "4": 0.249,
            "45": 0.386,
            "5": 0.0,
        },
    )
    x = nucleolus(v)
    np.testing.assert_allclose(x, [0.165, 0.3205, 0.0845, 0.3745, 0.0555], atol=1e-9)
    assert is_in_core(v, x)
    np.testing.assert_allclose(shapley(v), shapley_over_every_order(v), atol=1e-12)


def test_satyaramesh_radhakrishna_electricity_game() -> None:
    """SatyaRamesh & Radhakrishna (2009), a three-player electricity-market game, with
    the nucleolus listed by Guajardo & Jörnsten (2015): v(1) 1.275, v(2) 3.471,
    v(3) 1.466, v(12) 7.005, v(13) 4.081, v(23) 5.672, v(123) 11.210; nucleolus
    (3.0893, 5.2853, 2.8355), rounded to four decimals.

    By hand, with x(N) = 11.210: e(3) = 1.466 − x3 and e(12) = x3 − 4.205 sum to
    −2.739 whatever x, so the largest excess is at least −1.3695, reached only at
    x3 = 2.8355 (first level). Then e(1) = 1.275 − x1 and e(2) = 3.471 − x2 sum to
    4.746 − 8.3745: both −1.81425 at x1 = 3.08925, x2 = 5.28525, while e(13) =
    x2 − 7.129 = −1.84375 and e(23) = x1 − 5.538 = −2.44875 stay below.
    """
    v = lexicographic_game(3, [1.275, 3.471, 1.466, 7.005, 4.081, 5.672, 11.210])
    np.testing.assert_allclose(nucleolus(v), [3.0893, 5.2853, 2.8355], atol=5e-5)
    np.testing.assert_allclose(nucleolus(v), [3.08925, 5.28525, 2.8355], atol=1e-9)
    np.testing.assert_allclose(shapley(v), shapley_over_every_order(v), atol=1e-12)
