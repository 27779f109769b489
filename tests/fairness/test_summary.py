"""What a workshop reads of a game: together, each alone, the surplus and every allocation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bm3c.fairness.allocations import ALLOCATION_RULES
from bm3c.fairness.game import beyond_alone
from bm3c.fairness.summary import METHODS, compare_allocations, summarise_game

Array = np.ndarray


def three_partners() -> Array:
    """A (bit 0), B (bit 1), C (bit 2).

    v(A) = 10, v(B) = 20, v(C) = 0; v(AB) = 40, v(AC) = 35, v(BC) = 25; v(ABC) = 60.
    """
    return np.array([0.0, 10, 20, 40, 0, 35, 25, 60])


def test_beyond_alone_by_hand() -> None:
    """v(S) − Σ_{i∈S} v({i}).

    Singles: 0. AB: 40 − (10 + 20) = 10. AC: 35 − (10 + 0) = 25. BC: 25 − (20 + 0) = 5.
    ABC: 60 − 30 = 30.
    """
    assert beyond_alone(three_partners()).tolist() == [0, 0, 0, 10, 0, 25, 5, 30]


def test_a_game_is_summarised_as_worked_out_by_hand() -> None:
    """Together 60; each alone 10 + 20 + 0 = 30; the surplus 60 − 30 = 30.

    - equal surplus: alone + 30 / 3 = (20, 30, 10);
    - proportional: 60 × (10, 20, 0) / 30 = (20, 40, 0);
    - Shapley, over the 6 orders: A adds 10 (first, twice), 20 (after B), 35 (after C)
      and 35 (last, twice): 145 / 6; B adds 20, 20, 30 (after A), 25 (after C), 25, 25:
      145 / 6; C adds 0, 0, 25 (after A), 5 (after B), 20, 20: 70 / 6;
    - SCRB: separable m = 60 − v(N∖i) = (60 − 25, 60 − 35, 60 − 40) = (35, 25, 20),
      weights m − alone = (25, 5, 20) (sum 50), remainder 60 − 80 = −20:
      x = (35 − 10, 25 − 2, 20 − 8) = (25, 23, 12);
    - least core: each member's two excesses bound it: A: 10 − x_A and x_A − 35
      (= e(BC)), B: 20 − x_B and x_B − 25, C: −x_C and x_C − 20. B's pair cannot both
      be below −2.5, so ε = −2.5 with x_B = 22.5;
    - nucleolus: then x_A + x_C = 37.5, and A's and C's worst excesses x_A − 35 and
      x_C − 20 are equal at −8.75: x = (26.25, 22.5, 11.25).
    """
    v = three_partners()
    summary = summarise_game(v, nucleolus_up_to=3)
    assert summary.values is v
    assert summary.alone.tolist() == [10, 20, 0]
    assert (summary.together, summary.alone_total, summary.surplus) == (60, 30, 30)
    allocations = summary.allocations
    assert list(allocations) == list(METHODS) == list(ALLOCATION_RULES)
    assert allocations["equal_surplus"] == pytest.approx([20, 30, 10])
    assert allocations["proportional"] == pytest.approx([20, 40, 0])
    assert allocations["shapley"] == pytest.approx([145 / 6, 145 / 6, 70 / 6])
    assert allocations["scrb"] == pytest.approx([25, 23, 12])
    assert allocations["nucleolus"] == pytest.approx([26.25, 22.5, 11.25], abs=1e-6)
    assert allocations.shapley_margin is None
    assert summary.least_core is not None
    assert summary.least_core.epsilon == pytest.approx(-2.5, abs=1e-6)
    assert not summary.least_core.core_is_empty
    assert summary.least_core.allocation[1] == pytest.approx(22.5, abs=1e-6)


def test_past_the_nucleolus_limit_the_nucleolus_and_least_core_are_left_out() -> None:
    summary = summarise_game(three_partners(), nucleolus_up_to=2)
    assert summary.least_core is None
    assert list(summary.allocations) == [m for m in METHODS if m != "nucleolus"]
    assert summary.allocations["scrb"] == pytest.approx([25, 23, 12])
    assert summary.surplus == 30


def test_a_loss_making_cooperation_has_a_negative_surplus() -> None:
    """v(A) = 50, v(B) = 30, v(AB) = 60: cooperating costs 80 − 60 = 20.

    Equal surplus: (50 − 10, 30 − 10) = (40, 20); proportional: 60 × (5, 3) / 8 = (37.5, 22.5).
    Least core: 50 − x_A ≤ ε and 30 − x_B ≤ ε with x_A + x_B = 60 need 80 − 2ε ≤ 60: ε = 10
    (the core is empty).
    """
    summary = summarise_game(np.array([0.0, 50, 30, 60]), nucleolus_up_to=2)
    assert summary.surplus == -20
    assert summary.allocations["equal_surplus"] == pytest.approx([40, 20])
    assert summary.allocations["proportional"] == pytest.approx([37.5, 22.5])
    assert summary.least_core is not None and summary.least_core.core_is_empty
    assert summary.least_core.epsilon == pytest.approx(10, abs=1e-6)


def test_only_the_methods_asked_for_are_computed() -> None:
    allocations = compare_allocations(
        three_partners(), nucleolus_up_to=3, methods=("proportional", "equal_surplus")
    )
    assert list(allocations) == ["proportional", "equal_surplus"]


@st.composite
def games(draw: st.DrawFn, max_players: int = 4) -> Array:
    n = draw(st.integers(1, max_players))
    values = draw(st.lists(st.integers(-50, 100), min_size=2**n - 1, max_size=2**n - 1))
    return np.array([0.0, *values])


@settings(max_examples=60, deadline=None)
@given(games())
def test_the_summary_adds_up(v: Array) -> None:
    n = v.size.bit_length() - 1
    summary = summarise_game(v, nucleolus_up_to=n)
    gains = beyond_alone(v)
    assert gains[0] == 0
    for i in range(n):
        assert gains[1 << i] == 0
    assert gains[-1] == pytest.approx(summary.surplus)
    assert summary.surplus == summary.together - summary.alone_total
    assert summary.together == v[-1]
    assert summary.alone_total == pytest.approx(sum(v[1 << i] for i in range(n)))
    assert list(summary.allocations) == list(METHODS)
    for method, x in summary.allocations.items():
        assert x.shape == (n,), method
        assert x.sum() == pytest.approx(v[-1], abs=1e-6), method
    assert summary.least_core is not None
    assert summary.least_core.allocation.sum() == pytest.approx(v[-1], abs=1e-6)
