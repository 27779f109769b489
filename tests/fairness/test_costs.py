"""Cost games through their savings game: the identities the command line relies on.

For a cost game c and its savings game v(S) = Σ_{i∈S} c(i) − c(S), a split x of the
savings is the cost split y = c(i) − x: y(N) = c(N), the excesses agree
(v(S) − x(S) = y(S) − c(S)), so x is in v's core exactly when y(S) ≤ c(S) for
every S, and the Shapley value of c is c(i) − Shapley(v).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bm3c.fairness.allocations import shapley
from bm3c.fairness.costs import cost_allocations, cost_shares, savings_game, stand_alone_costs
from bm3c.fairness.game import coalition_sums, parse_game
from bm3c.fairness.stability import excesses, is_in_core, least_core
from bm3c.fairness.summary import METHODS


@st.composite
def cost_games(draw: st.DrawFn, max_players: int = 6) -> np.ndarray:
    n = draw(st.integers(1, max_players))
    values = draw(st.lists(st.integers(0, 200), min_size=2**n - 1, max_size=2**n - 1))
    return np.array([0.0, *values])


def in_cost_core(c: np.ndarray, y: np.ndarray, tol: float = 1e-7) -> bool:
    """y(S) ≤ c(S) for every coalition and y(N) = c(N), checked on the cost game itself."""
    sums = coalition_sums(y)
    return bool(np.all(sums <= c + tol) and abs(sums[-1] - c[-1]) <= tol)


@settings(deadline=None, max_examples=60)
@given(cost_games())
def test_every_method_splits_the_whole_cost_and_savings(c: np.ndarray) -> None:
    shares, saved = cost_allocations(c, nucleolus_up_to=20)
    assert list(shares) == list(METHODS) == list(saved)
    v = savings_game(c)
    for method in METHODS:
        assert shares[method].sum() == pytest.approx(c[-1], abs=1e-6), method
        assert saved[method].sum() == pytest.approx(v[-1], abs=1e-6), method
        np.testing.assert_allclose(shares[method] + saved[method], stand_alone_costs(c))


@settings(deadline=None, max_examples=60)
@given(cost_games(), st.data())
def test_the_savings_core_is_the_cost_core(c: np.ndarray, data: st.DataObject) -> None:
    n = int(c.size).bit_length() - 1
    v = savings_game(c)
    x = np.array(data.draw(st.lists(st.integers(-50, 150), min_size=n, max_size=n)), float)
    x[-1] += v[-1] - x.sum()  # a split of the savings
    y = cost_shares(c, x)
    np.testing.assert_allclose(excesses(v, x), coalition_sums(y) - c, atol=1e-9)
    assert is_in_core(v, x, tol=1e-7) == in_cost_core(c, y)


@settings(deadline=None, max_examples=60)
@given(cost_games())
def test_shapley_through_the_savings_is_the_shapley_value_of_the_costs(c: np.ndarray) -> None:
    shares, _ = cost_allocations(c, nucleolus_up_to=20)
    np.testing.assert_allclose(shares["shapley"], shapley(c), atol=1e-9)


@settings(deadline=None, max_examples=40)
@given(cost_games())
def test_the_nucleolus_is_in_the_cost_core_when_it_is_not_empty(c: np.ndarray) -> None:
    shares, _ = cost_allocations(c, nucleolus_up_to=20)
    if not least_core(savings_game(c)).core_is_empty:
        assert in_cost_core(c, shares["nucleolus"], tol=1e-6)


def test_proportional_splits_the_cost_by_the_costs_alone() -> None:
    """c(A) = 60, c(B) = 40, c(AB) = 80: shares 80·60/100 = 48 and 32 (savings 12, 8)."""
    c = np.array([0.0, 60.0, 40.0, 80.0])
    shares, saved = cost_allocations(c, nucleolus_up_to=20)
    np.testing.assert_allclose(shares["proportional"], [48, 32])
    np.testing.assert_allclose(saved["proportional"], [12, 8])
    np.testing.assert_allclose(shares["shapley"], [50, 30])  # each saves 20 / 2 = 10


def test_a_game_file_says_its_kind() -> None:
    assert parse_game({"players": ["A"], "values": {"A": 1}}).kind == "value"
    game = parse_game({"kind": "cost", "players": ["A"], "values": {"A": 1}})
    assert game.kind == "cost"
