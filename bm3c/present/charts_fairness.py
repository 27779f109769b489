"""Tables and Altair charts of the fairness page, from the library's game figures.

Every function is pure: texts come in already translated, money is formatted for
the language given, so everything here is testable without a running app. The
numbers themselves come from :mod:`bm3c.fairness` (coalition values, allocations,
the triangle of a three-player game).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Literal

import altair as alt
import numpy as np
import numpy.typing as npt
import pandas as pd

from bm3c.fairness.game import beyond_alone, coalition_members
from bm3c.fairness.triangle import core_polygon, imputation_triangle, project
from bm3c.present.charts_sharing import money_axis
from bm3c.texts.format import money

__all__ = [
    "ALL_COALITIONS_UP_TO",
    "WORKSHOP_GAME",
    "allocation_chart",
    "allocation_frame",
    "allocation_table",
    "coalition_label",
    "coalition_table",
    "join_names",
    "listed_coalitions",
    "polygon_band",
    "three_player_game",
    "triangle_chart",
]

Array = npt.NDArray[np.float64]

ALL_COALITIONS_UP_TO = 6  # every coalition listed (63 rows at most)
CURRENT_COLOUR = "#455A64"  # not the shared entity's colour (bm3c.present.colours)
METHOD_COLOURS = ("#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#9e9d24")
TRIANGLE_FILL, CORE_FILL, OUTLINE = "#eceff1", "#81c784", "#546e7a"
POINT_COLOURS = ("#1565c0", "#6a1b9a")
WORKSHOP_GAME = {  # the workshop's default game, bitmask -> value: alone, pairs, all three
    1: 20_000.0,
    2: 10_000.0,
    4: 0.0,
    3: 40_000.0,
    5: 35_000.0,
    6: 25_000.0,
    7: 60_000.0,
}


def join_names(names: Sequence[str], and_word: str) -> str:
    """Names in a sentence: ``A``, ``A et B``, ``A, B et C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {and_word} {names[-1]}"


def coalition_label(mask: int, players: Sequence[str]) -> str:
    """A coalition as the page writes it: its members' names joined by `` + ``."""
    return " + ".join(players[i] for i in coalition_members(mask))


def listed_coalitions(n: int) -> list[int]:
    """The coalitions the page lists, by size then file order.

    Every non-empty coalition up to :data:`ALL_COALITIONS_UP_TO` members; beyond,
    the singletons, the n coalitions missing one member, and all together.
    """
    full = (1 << n) - 1
    if n <= ALL_COALITIONS_UP_TO:
        masks = list(range(1, full + 1))
    else:
        singles = [1 << i for i in range(n)]
        masks = singles + [full ^ bit for bit in singles] + [full]
    masks = sorted(set(masks), key=lambda m: (m.bit_count(), [-(m >> i & 1) for i in range(n)]))
    return masks


def coalition_table(
    v: Array,
    players: Sequence[str],
    columns: Mapping[str, str],
    currency: str,
    lang: str,
) -> pd.DataFrame:
    """One row per listed coalition: its members, size, value and gain beyond each alone.

    ``columns`` names the columns ``coalition``, ``size``, ``value`` and ``beyond_alone``.
    """
    gains = beyond_alone(v)
    rows = []
    for mask in listed_coalitions(len(players)):
        members = coalition_members(mask)
        rows.append(
            {
                columns["coalition"]: coalition_label(mask, players),
                columns["size"]: len(members),
                columns["value"]: money(float(v[mask]), currency, lang),
                columns["beyond_alone"]: money(float(gains[mask]), currency, lang),
            }
        )
    return pd.DataFrame(rows, columns=[columns[c] for c in columns])


def allocation_table(
    players: Sequence[str],
    measures: Mapping[str, Array],
    member_title: str,
    currency: str,
    lang: str,
    decimals: int = 2,
) -> pd.DataFrame:
    """One row per member, one column of formatted money per measure (titles as keys)."""
    table: dict[str, list[str]] = {member_title: list(players)}
    for title, amounts in measures.items():
        table[title] = [money(float(a), currency, lang, decimals) for a in amounts]
    return pd.DataFrame(table)


def allocation_frame(
    players: Sequence[str], measures: Mapping[str, Array], currency: str, lang: str
) -> pd.DataFrame:
    """Tidy rows (member, measure, amount_eur, amount) for the grouped bar chart."""
    rows = [
        {
            "member": player,
            "measure": title,
            "amount_eur": float(amounts[i]),
            "amount": money(float(amounts[i]), currency, lang),
        }
        for title, amounts in measures.items()
        for i, player in enumerate(players)
    ]
    return pd.DataFrame(rows, columns=["member", "measure", "amount_eur", "amount"])


def allocation_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    member_title: str,
    measure_title: str,
    currency: str,
    lang: str,
) -> alt.Chart:
    """Horizontal grouped bars: per member, the current sharing then each method."""
    members = list(dict.fromkeys(frame["member"]))
    measures = list(dict.fromkeys(frame["measure"]))
    colours = [CURRENT_COLOUR, *METHOD_COLOURS][: len(measures)]
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("member:N", sort=members, title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("amount_eur:Q", axis=money_axis(axis_title, currency, lang)),
            color=alt.Color(
                "measure:N",
                sort=measures,
                scale=alt.Scale(domain=measures, range=colours),
                legend=alt.Legend(title=None, orient="top", columns=3, labelLimit=240),
            ),
            tooltip=[
                alt.Tooltip("member:N", title=member_title),
                alt.Tooltip("measure:N", title=measure_title),
                alt.Tooltip("amount:N", title=axis_title),
            ],
        )
        .properties(title=title, height=alt.Step(9))
    )
    return chart


def three_player_game(alone: Sequence[float], pairs: Sequence[float], total: float) -> Array:
    """The 8 coalition values (bitmask order) of a three-player game.

    ``alone`` = v({1}), v({2}), v({3}); ``pairs`` = v({1,2}), v({1,3}), v({2,3}).
    """
    a1, a2, a3 = (float(a) for a in alone)
    p12, p13, p23 = (float(p) for p in pairs)
    return np.array([0.0, a1, a2, p12, a3, p13, p23, float(total)])


def polygon_band(points: Sequence[tuple[float, float]]) -> pd.DataFrame:
    """A convex polygon as an area between two lines: rows (x, y_low, y_high) by x.

    Vega-Lite areas fill between ``y`` and ``y2`` along ``x``; cutting a convex
    polygon at each corner's x gives an area whose outline is the polygon exactly.
    """
    if not points:
        return pd.DataFrame(columns=["x", "y_low", "y_high"])
    xs = sorted({round(x, 9) for x, _ in points})
    rows = []
    ring = [*points, points[0]]
    for x in xs:
        ys = []
        for (x0, y0), (x1, y1) in pairwise(ring):
            if abs(x1 - x0) < 1e-9:
                if abs(x - x0) < 1e-6:
                    ys += [y0, y1]
            elif min(x0, x1) - 1e-6 <= x <= max(x0, x1) + 1e-6:
                ys.append(y0 + (x - x0) * (y1 - y0) / (x1 - x0))
        if ys:
            rows.append({"x": x, "y_low": min(ys), "y_high": max(ys)})
    return pd.DataFrame(rows, columns=["x", "y_low", "y_high"])


def _split_text(
    x: Sequence[float] | Array, players: Sequence[str], fmt: Callable[[float], str]
) -> str:
    return ", ".join(f"{p} {fmt(float(a))}" for p, a in zip(players, x, strict=True))


def triangle_chart(
    v: Array,
    players: Sequence[str],
    points: Mapping[str, Array],
    *,
    texts: Mapping[str, str],
    currency: str,
    lang: str,
    size: int = 480,
) -> alt.LayerChart:
    """The triangle of splits of a three-player game, drawn to scale.

    Layers: the imputation triangle (each player at least its own value), the core
    shaded (absent when empty), a label at each corner naming the player who gets
    the whole surplus there, and the ``points`` (name -> allocation, e.g. Shapley
    and nucleolus) with their names. One unit of money is the same length in every
    direction (square domain, ``size`` pixels wide and high).

    ``texts`` gives ``title``, ``imputations``, ``core``, ``point`` and ``all_to``
    (with a ``{name}`` field).
    """

    def fmt(amount: float) -> str:
        return money(amount, currency, lang, decimals=0)

    triangle = imputation_triangle(v)
    core = core_polygon(v)
    flat = [project(c) for c in triangle]
    marks = {name: project([float(a) for a in x]) for name, x in points.items()}
    everything = flat + list(marks.values())
    xs = [p[0] for p in everything] or [0.0]
    ys = [p[1] for p in everything] or [0.0]
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) * 0.6
    x_scale = alt.Scale(domain=[centre[0] - half, centre[0] + half], nice=False, zero=False)
    y_scale = alt.Scale(domain=[centre[1] - half, centre[1] + half], nice=False, zero=False)
    x_enc = alt.X("x:Q", scale=x_scale, axis=None)
    layers: list[alt.Chart] = []

    def area(polygon: Sequence[tuple[float, float]], fill: str, name: str) -> alt.Chart:
        band = polygon_band(polygon).assign(region=name)
        layer: alt.Chart = (
            alt.Chart(band)
            .mark_area(color=fill, opacity=0.9, stroke=OUTLINE, strokeWidth=0.5)
            .encode(
                x=x_enc,
                y=alt.Y("y_low:Q", scale=y_scale, axis=None),
                y2="y_high:Q",
                tooltip=[alt.Tooltip("region:N", title=" ")],
            )
        )
        return layer

    if flat:
        layers.append(area(flat, TRIANGLE_FILL, texts["imputations"]))
        outline = pd.DataFrame(
            [{"x": x, "y": y, "order": k} for k, (x, y) in enumerate([*flat, flat[0]])]
        )
        layers.append(
            alt.Chart(outline)
            .mark_line(color=OUTLINE, strokeWidth=1.5)
            .encode(x=x_enc, y=alt.Y("y:Q", scale=y_scale, axis=None), order="order:Q")
        )
    if core:
        layers.append(area([project(c) for c in core], CORE_FILL, texts["core"]))
    if flat:
        cx = sum(p[0] for p in flat) / 3
        for k, (x, y) in enumerate(flat):
            # the label stays inside the drawing: above the top corner, under the
            # bottom ones and running towards the middle
            above = y > sum(p[1] for p in flat) / 3
            align: Literal["left", "center", "right"] = (
                "center" if above else ("right" if x > cx else "left")
            )
            corner = pd.DataFrame(
                [
                    {
                        "x": x,
                        "y": y,
                        "label": texts["all_to"].format(name=players[k]),
                        "split": _split_text(triangle[k], players, fmt),
                    }
                ]
            )
            layers.append(
                alt.Chart(corner)
                .mark_text(
                    fontWeight="bold",
                    fontSize=12,
                    color=OUTLINE,
                    align=align,
                    dy=-12 if above else 14,
                )
                .encode(
                    x=x_enc,
                    y=alt.Y("y:Q", scale=y_scale, axis=None),
                    text="label:N",
                    tooltip=[alt.Tooltip("split:N", title=texts["point"])],
                )
            )
    if marks:
        dots = pd.DataFrame(
            [
                {
                    "x": xy[0],
                    "y": xy[1],
                    "name": name,
                    "split": _split_text(points[name], players, fmt),
                }
                for name, xy in marks.items()
            ]
        )
        names = list(marks)
        colour = alt.Color(
            "name:N",
            scale=alt.Scale(domain=names, range=list(POINT_COLOURS[: len(names)])),
            legend=alt.Legend(title=None, orient="bottom"),
        )
        base = alt.Chart(dots).encode(
            x=x_enc,
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            tooltip=[
                alt.Tooltip("name:N", title=" "),
                alt.Tooltip("split:N", title=texts["point"]),
            ],
        )
        layers.append(base.mark_point(filled=True, size=110, opacity=1).encode(color=colour))
        for k, name in enumerate(names):  # alternate sides: the points often coincide
            layers.append(
                base.transform_filter(alt.datum.name == name)
                .mark_text(
                    align="left" if k % 2 == 0 else "right",
                    dx=9 - 18 * (k % 2),
                    dy=-9 + 18 * (k % 2),
                    fontSize=12,
                )
                .encode(text="name:N", color=colour)
            )
    chart: alt.LayerChart = (
        alt.layer(*layers)
        .properties(title=texts["title"], width=size, height=size)
        .configure_view(stroke=None)
    )
    return chart
