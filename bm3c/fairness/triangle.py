"""The triangle of allocations of a three-player game, for teaching.

Every efficient allocation x (x1 + x2 + x3 = v(N)) is a point of a plane; the
imputations (each player gets at least what it gets alone) form a triangle in it,
and the core (no pair does better on its own either) a polygon inside that
triangle, possibly empty. Points are drawn in two dimensions by an orthogonal
projection of that plane, so distances on the drawing are money.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["core_polygon", "imputation_triangle", "project"]

Point = tuple[float, float, float]
Array = npt.NDArray[np.float64]
TOLERANCE = 1e-9


def _three(v: Sequence[float] | Array) -> Array:
    values = np.asarray(v, dtype=float)
    if values.shape != (8,):
        raise ValueError("a three-player game has 8 coalition values (bitmask order)")
    return values


def imputation_triangle(v: Sequence[float] | Array) -> list[Point]:
    """The corners of the imputation set, each where two players get only their own value.

    Empty when the players together make less than the sum of what they make alone.
    """
    values = _three(v)
    alone = [values[1], values[2], values[4]]
    rest = values[7] - sum(alone)
    if rest < -TOLERANCE:
        return []
    corners = []
    for i in range(3):
        x = list(alone)
        x[i] += rest
        corners.append((float(x[0]), float(x[1]), float(x[2])))
    return corners


def core_polygon(v: Sequence[float] | Array) -> list[Point]:
    """The corners of the core, in order around it (empty list: the core is empty).

    The imputation triangle cut by each pair's condition x_i + x_j ≥ v({i, j}),
    that is x_k ≤ v(N) − v({i, j}) for the third player k.
    """
    values = _three(v)
    polygon = imputation_triangle(values)
    for k in range(3):
        pair = 7 & ~(1 << k)
        polygon = _clip(polygon, k, float(values[7] - values[pair]))
    return polygon


def _clip(polygon: list[Point], k: int, bound: float) -> list[Point]:
    """Keep the part of a convex polygon where x_k ≤ bound (Sutherland–Hodgman)."""
    kept: list[Point] = []
    for i, current in enumerate(polygon):
        previous = polygon[i - 1]
        inside, was_inside = current[k] <= bound + TOLERANCE, previous[k] <= bound + TOLERANCE
        if inside != was_inside:
            t = (bound - previous[k]) / (current[k] - previous[k])
            crossing = tuple(p + t * (c - p) for p, c in zip(previous, current, strict=True))
            kept.append((crossing[0], crossing[1], crossing[2]))
        if inside:
            kept.append(current)
    return kept


def project(x: Sequence[float]) -> tuple[float, float]:
    """Two-dimensional coordinates of an allocation on the plane x1 + x2 + x3 = constant.

    Player 1 points up, players 2 and 3 to the lower right and left; one unit of
    money moved between two players is the same length anywhere on the drawing.
    """
    x1, x2, x3 = (float(value) for value in x)
    return ((x2 - x3) * math.sqrt(3) / 2 / math.sqrt(1.5), (x1 - (x2 + x3) / 2) / math.sqrt(1.5))
