"""The cooperation's game as the Fairness page and the report show it (engine.game.game_summary)."""

from __future__ import annotations

import numpy as np
import pytest

from bm3c.engine.game import MAX_MEMBERS, NUCLEOLUS_UP_TO, coalition_values, game_summary
from bm3c.fairness.summary import METHODS
from bm3c.model.validation import validate_cooperation
from bm3c.rules import RULES
from bm3c.synthetic import synthetic_cooperation
from tests.engine.test_game import THREE_MEMBER_VALUES, three_members


def test_the_nucleolus_limit_is_the_nucleolus_rule_s() -> None:
    assert RULES["nucleolus"].max_members == NUCLEOLUS_UP_TO
    assert NUCLEOLUS_UP_TO <= MAX_MEMBERS


def test_the_summary_of_the_three_member_game() -> None:
    """The values of tests/engine/test_game.py: alone a 3400, b 1000, c 3000 (7400 in all),
    together 9550, so cooperating adds 9550 − 7400 = 2150.

    Equal surplus: alone + 2150 / 3; proportional: 9550 × (3400, 1000, 3000) / 7400.
    """
    coop = three_members()
    summary = game_summary(coop)
    expected = np.array([THREE_MEMBER_VALUES[mask] for mask in range(8)])
    np.testing.assert_allclose(summary.values, expected, atol=1e-9)
    assert summary.alone.tolist() == pytest.approx([3400, 1000, 3000])
    assert summary.together == pytest.approx(9550)
    assert summary.alone_total == pytest.approx(7400)
    assert summary.surplus == pytest.approx(2150)
    assert list(summary.allocations) == list(METHODS)
    assert summary.allocations["equal_surplus"] == pytest.approx(
        [3400 + 2150 / 3, 1000 + 2150 / 3, 3000 + 2150 / 3]
    )
    assert summary.allocations["proportional"] == pytest.approx(
        [9550 * 3400 / 7400, 9550 * 1000 / 7400, 9550 * 3000 / 7400]
    )
    assert summary.least_core is not None


def test_past_the_nucleolus_limit_the_summary_leaves_it_out() -> None:
    data = synthetic_cooperation(members=NUCLEOLUS_UP_TO + 1, activities=20, flows=10)
    coop = validate_cooperation(data)
    summary = game_summary(coop)
    assert summary.least_core is None
    assert "nucleolus" not in summary.allocations
    assert set(summary.allocations) == set(METHODS) - {"nucleolus"}
    assert summary.together == pytest.approx(float(coalition_values(coop)[-1]))
