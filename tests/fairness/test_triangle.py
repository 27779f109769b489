"""The triangle of allocations of three-player games, worked by hand."""

from __future__ import annotations

import math

import pytest

from bm3c.fairness.triangle import core_polygon, imputation_triangle, project

# bitmask order: ∅, {1}, {2}, {1,2}, {3}, {1,3}, {2,3}, {1,2,3}


def test_the_imputation_triangle_gives_the_rest_to_one_player_at_each_corner() -> None:
    v = [0, 10, 20, 0, 30, 0, 0, 120]  # alone 10, 20, 30; together 120: 60 to share
    assert imputation_triangle(v) == [(70, 20, 30), (10, 80, 30), (10, 20, 90)]


def test_no_imputation_when_together_they_make_less_than_alone() -> None:
    assert imputation_triangle([0, 50, 50, 0, 50, 0, 0, 100]) == []
    assert core_polygon([0, 50, 50, 0, 50, 0, 0, 100]) == []


def test_pairs_cut_the_triangle_down_to_the_core() -> None:
    # v(i) = 0, every pair 60, all three 120: x_k <= 120 - 60 = 60 for each k, so the
    # core is the hexagon-free triangle (60,60,0), (60,0,60), (0,60,60) of the middle
    v = [0, 0, 0, 60, 0, 60, 60, 120]
    corners = {tuple(round(c, 9) for c in p) for p in core_polygon(v)}
    assert corners == {(60, 60, 0), (60, 0, 60), (0, 60, 60)}
    assert all(math.isclose(sum(p), 120) for p in core_polygon(v))


def test_the_core_is_empty_when_every_pair_asks_too_much() -> None:
    # pairs 90 each: summing x_i + x_j >= 90 over the three pairs needs 2·v(N) >= 270
    assert core_polygon([0, 0, 0, 90, 0, 90, 90, 120]) == []


def test_a_one_point_core() -> None:
    # pairs 80: x_k <= 40 for every k and x1 + x2 + x3 = 120: only (40, 40, 40)
    (point,) = {tuple(round(c, 9) for c in p) for p in core_polygon([0, 0, 0, 80, 0, 80, 80, 120])}
    assert point == (40, 40, 40)


def test_the_projection_keeps_money_distances() -> None:
    for a, b in [((40, 40, 40), (39, 41, 40)), ((40, 40, 40), (40, 39, 41))]:
        (u1, w1), (u2, w2) = project(a), project(b)
        assert math.hypot(u2 - u1, w2 - w1) == pytest.approx(math.dist(a, b))
    assert project((40, 40, 40)) == pytest.approx((0.0, 0.0))
    assert project((120, 0, 0))[1] > 0  # player 1 up


def test_eight_values_are_needed() -> None:
    with pytest.raises(ValueError, match="8 coalition values"):
        core_polygon([0, 1, 2])
