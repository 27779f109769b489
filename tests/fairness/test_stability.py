"""Stability diagnostics on hand-built 3-player games: core, least core, blocking coalitions.

Player order is A, B, C (bits 0, 1, 2); ``game`` lists v(A), v(B), v(AB), v(C), v(AC),
v(BC), v(ABC), the bitmask order.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bm3c.fairness.allocations import nucleolus, shapley
from bm3c.fairness.stability import (
    BlockingCoalition,
    Sentence,
    blocking_coalitions,
    blocking_sentence,
    check_stability,
    excesses,
    is_in_core,
    is_individually_rational,
    least_core,
)

NAMES = ("Ludosens", "Terre d'Osmose", "Tiers-Lieu")


def game(values: list[float]) -> np.ndarray:
    return np.array([0.0, *values])


# AB 90, AC 80, BC 70, ABC 105: the pairs ask for (90 + 80 + 70) / 2 = 120 > 105.
EMPTY_CORE = game([0, 0, 90, 0, 80, 70, 105])
# same pairs, ABC 150 ≥ 120: the core is non-empty.
NON_EMPTY_CORE = game([0, 0, 90, 0, 80, 70, 150])


def test_empty_core_has_the_hand_computed_least_core() -> None:
    """Adding the three pair constraints v(S) − x(S) ≤ ε: 240 − 2·105 ≤ 3ε, so ε ≥ 10.

    At ε = 10: xA + xB = 80, xA + xC = 70, xB + xC = 60 → x = (45, 35, 25), and every
    singleton excess −x_i ≤ 10: ε = 10 exactly, reached only at that x.
    """
    core = least_core(EMPTY_CORE)
    assert core.epsilon == pytest.approx(10)
    assert core.core_is_empty
    np.testing.assert_allclose(core.allocation, [45, 35, 25])
    np.testing.assert_allclose(nucleolus(EMPTY_CORE), [45, 35, 25])
    assert not is_in_core(EMPTY_CORE, nucleolus(EMPTY_CORE))


def test_non_empty_core_has_a_negative_least_core() -> None:
    """Same pairs, v(N) = 150: 240 − 300 ≤ 3ε gives ε ≥ −20; at ε = −20 the pairs get
    xA + xB = 110, xA + xC = 100, xB + xC = 90, so x = (60, 50, 40), whose singleton
    excesses −60, −50, −40 are ≤ −20: ε = −20, and the nucleolus is that x."""
    core = least_core(NON_EMPTY_CORE)
    assert core.epsilon == pytest.approx(-20)
    assert not core.core_is_empty
    x = nucleolus(NON_EMPTY_CORE)
    np.testing.assert_allclose(x, [60, 50, 40])
    assert is_in_core(NON_EMPTY_CORE, x)
    assert is_in_core(NON_EMPTY_CORE, shapley(NON_EMPTY_CORE))


def test_blocking_coalitions_are_ranked_by_gain() -> None:
    """Empty-core game at x = (50, 40, 15): AB gains 90 − 90 = 0 (not blocking),
    AC 80 − 65 = 15, BC 70 − 55 = 15 (tie: AC first, smaller bitmask 5 < 6), and no
    singleton gains."""
    x = np.array([50.0, 40.0, 15.0])
    assert blocking_coalitions(EMPTY_CORE, x) == (
        BlockingCoalition(0b101, (0, 2), 15.0),
        BlockingCoalition(0b110, (1, 2), 15.0),
    )
    # Shapley (40, 35, 30): AB gains 15, AC 10, BC 5; top 2 keeps the two largest
    ranked = blocking_coalitions(EMPTY_CORE, shapley(EMPTY_CORE), k=2)
    assert [(b.members, round(b.gain, 9)) for b in ranked] == [((0, 1), 15), ((0, 2), 10)]


def test_individual_rationality() -> None:
    v = game([10, 20, 50, 0, 10, 20, 60])
    assert is_individually_rational(v, np.array([10, 20, 30.0]))
    assert not is_individually_rational(v, np.array([9, 21, 30.0]))
    report = check_stability(v, np.array([9, 21, 30.0]))
    assert not report.individually_rational
    assert report.below_stand_alone == (0,)
    assert report.blocking[0] == BlockingCoalition(0b011, (0, 1), 20.0)
    assert report.max_excess == pytest.approx(20)
    assert not report.in_core


def test_an_allocation_not_summing_to_v_n_is_not_in_the_core() -> None:
    assert not is_in_core(NON_EMPTY_CORE, np.array([100.0, 100.0, 100.0]))


def test_sentences_name_the_players_and_keep_their_data() -> None:
    two = blocking_sentence(BlockingCoalition(0b011, (0, 1), 1200.0), NAMES)
    assert two == Sentence("together_would_gain", ("Ludosens", "Terre d'Osmose"), 1200.0)
    assert two.english() == (
        "Ludosens and Terre d'Osmose would together gain 1 200 by working without the others"
    )
    three = blocking_sentence(BlockingCoalition(0b111, (0, 1, 2), 15.5), NAMES)
    assert three.english().startswith("Ludosens, Terre d'Osmose and Tiers-Lieu would together")
    assert "15.50" in three.english()
    alone = blocking_sentence(BlockingCoalition(0b100, (2,), 9.999999999), NAMES)
    assert alone.english() == "Tiers-Lieu would gain 10 by working alone"


@settings(max_examples=50, deadline=None)
@given(
    st.integers(2, 8).flatmap(
        lambda n: st.lists(st.integers(-30, 60), min_size=2**n - 1, max_size=2**n - 1)
    )
)
def test_least_core_is_the_smallest_max_excess(values: list[int]) -> None:
    """No efficient allocation does better than ε, and ε ≤ 0 exactly when the core
    contains the least-core allocation."""
    v = game([float(x) for x in values])
    core = least_core(v)
    e = excesses(v, core.allocation)[1:-1]
    assert e.max() == pytest.approx(core.epsilon, abs=1e-7)
    assert core.allocation.sum() == pytest.approx(v[-1], abs=1e-7)
    assert is_in_core(v, core.allocation, tol=1e-7) == (core.epsilon <= 1e-7)
    x = shapley(v)
    assert excesses(v, x)[1:-1].max() >= core.epsilon - 1e-7
    assert least_core(v, constraint_generation=False).epsilon == pytest.approx(
        core.epsilon, abs=1e-7
    )
