"""Charts of the logbook: the radar of everyone's answers, and each axis over time.

Altair has no radar: the spokes, the rings of the 1–5 scale and each respondent's
polygon are drawn in plain x/y from their angle (first spoke at the top,
clockwise), so the chart is a fixed drawing, the same on screen and on paper.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

__all__ = ["course_chart", "radar_chart", "radar_frame", "spoke_position", "wrap"]

SCALE_MAX = 5
LABEL_RADIUS = 5.9
LINE_HEIGHT = 0.45  # a line of a 12 px label, in units of the scale
HEIGHT = 460
WIDTH = 760  # wider than high: room for the labels of the side spokes
PALETTE = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#7F3C8D",
    "#3B7D23",
    "#A6761D",
    "#666666",
]


def spoke_position(index: int, spokes: int, radius: float) -> tuple[float, float]:
    """(x, y) of a point at ``radius`` on spoke ``index`` of ``spokes`` (0 at the top)."""
    angle = math.pi / 2 - 2 * math.pi * index / spokes
    return round(radius * math.cos(angle), 9), round(radius * math.sin(angle), 9)


def radar_frame(scores: pd.DataFrame) -> pd.DataFrame:
    """Tidy rows of each respondent's closed polygon: respondent, spoke, order, score, x, y.

    ``scores`` has one row per respondent (its index) and one column per spoke
    (its title), values 1–5 or NaN. A spoke left unanswered has no point: the
    polygon joins the answered spokes around it (it is never drawn as a 0).
    """
    spokes = list(scores.columns)
    rows = []
    for respondent, values in scores.iterrows():
        answered = [i for i in range(len(spokes)) if not pd.isna(values.iloc[i])]
        for order, index in enumerate([*answered, *answered[:1]]):  # closed polygon
            value = float(values.iloc[index])
            x, y = spoke_position(index, len(spokes), value)
            rows.append(
                {
                    "respondent": str(respondent),
                    "spoke": str(spokes[index]),
                    "order": order,
                    "score": round(value, 2),
                    "x": x,
                    "y": y,
                    "closing": order == len(answered),
                }
            )
    columns = ["respondent", "spoke", "order", "score", "x", "y", "closing"]
    return pd.DataFrame(rows, columns=columns)


def wrap(text: str, width: int = 26) -> str:
    """``text`` on lines of about ``width`` characters, for a chart label (Vega breaks lines)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _frame_rows(spokes: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rings = pd.DataFrame(
        [
            {"ring": level, "order": order, **dict(zip(("x", "y"), p, strict=True))}
            for level in range(1, SCALE_MAX + 1)
            for order in range(len(spokes) + 1)
            for p in [spoke_position(order % len(spokes), len(spokes), level)]
        ]
    )
    lines = pd.DataFrame(
        [
            {"x": 0.0, "y": 0.0, "x2": x, "y2": y}
            for i in range(len(spokes))
            for x, y in [spoke_position(i, len(spokes), SCALE_MAX)]
        ]
    )
    labels = []
    for i, spoke in enumerate(spokes):
        x, y = spoke_position(i, len(spokes), SCALE_MAX + 0.35)
        align = "center" if abs(x) < 0.5 else ("left" if x > 0 else "right")
        if align != "center":  # beside the ring, vertically centred on the spoke
            x, y = spoke_position(i, len(spokes), LABEL_RADIUS)
        baseline = "middle" if align != "center" else ("bottom" if y > 0 else "top")
        label = wrap(spoke)
        if baseline == "bottom":  # Vega writes the lines downwards: lift them above the ring
            y += LINE_HEIGHT * label.count("\n")
        labels.append({"x": x, "y": y, "label": label, "align": align, "baseline": baseline})
    return rings, lines, pd.DataFrame(labels)


def radar_chart(
    scores: pd.DataFrame,
    *,
    title: str,
    texts: Mapping[str, str],
    colours: Mapping[str, str] | None = None,
) -> alt.LayerChart:
    """The radar: rings 1 to 5, a spoke per column of ``scores``, a polygon per respondent.

    ``texts`` gives ``respondent``, ``spoke`` and ``score`` (legend and tooltip titles).
    ``colours`` fixes a colour per respondent (the same in every radar of a page).
    """
    spokes = [str(c) for c in scores.columns]
    rings, lines, labels = _frame_rows(spokes)
    reach = LABEL_RADIUS + 1.0
    wide = reach * WIDTH / HEIGHT  # the same unit length across and up: round rings

    def x(field: str = "x") -> alt.X:
        return alt.X(f"{field}:Q", axis=None, scale=alt.Scale(domain=[-wide, wide]))

    def y(field: str = "y") -> alt.Y:
        return alt.Y(f"{field}:Q", axis=None, scale=alt.Scale(domain=[-reach, reach]))

    respondents = [str(r) for r in scores.index]
    palette = colours or {}
    colour = alt.Color(
        "respondent:N",
        title=texts["respondent"],
        scale=alt.Scale(
            domain=respondents,
            range=[palette.get(r, PALETTE[i % len(PALETTE)]) for i, r in enumerate(respondents)],
        ),
        legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
    )
    grid = (
        alt.Chart(rings)
        .mark_line(color="#c8c8c8", strokeWidth=1)
        .encode(x=x(), y=y(), detail="ring:N", order="order:Q")
    )
    spoke_lines = (
        alt.Chart(lines)
        .mark_rule(color="#c8c8c8", strokeWidth=1)
        .encode(x=x(), y=y(), x2="x2:Q", y2="y2:Q")
    )
    ring_numbers = (
        alt.Chart(pd.DataFrame({"y": list(range(1, SCALE_MAX + 1)), "x": 0.0}))
        .mark_text(dx=7, dy=-6, color="#8a8a8a", fontSize=10)
        .encode(x=x(), y=y(), text="y:Q")
    )
    names = [
        alt.Chart(labels[(labels["align"] == side) & (labels["baseline"] == baseline)])
        .mark_text(fontSize=12, fontWeight="bold", align=side, baseline=baseline, lineBreak="\n")
        .encode(x=x(), y=y(), text="label:N")
        for side in ("left", "center", "right")
        for baseline in ("top", "middle", "bottom")
        if ((labels["align"] == side) & (labels["baseline"] == baseline)).any()
    ]
    frame = radar_frame(scores)
    tooltip = [
        alt.Tooltip("respondent:N", title=texts["respondent"]),
        alt.Tooltip("spoke:N", title=texts["spoke"]),
        alt.Tooltip("score:Q", title=texts["score"]),
    ]
    polygons = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2.5, opacity=0.85)
        .encode(x=x(), y=y(), color=colour, detail="respondent:N", order="order:Q")
    )
    points = (
        alt.Chart(frame[~frame["closing"]])
        .mark_point(filled=True, size=60)
        .encode(x=x(), y=y(), color=colour, tooltip=tooltip)
    )
    chart = alt.LayerChart(
        layer=[grid, spoke_lines, ring_numbers, *names, polygons, points],
        title=title,
        width=WIDTH,
        height=HEIGHT,
        # drawn as SVG in the browser: its texts are in the page, for readers and screen readers
        usermeta={"embedOptions": {"renderer": "svg"}},
    )
    configured: alt.LayerChart = chart.configure_view(stroke=None)
    return configured


def course_chart(course: pd.DataFrame, *, title: str, texts: Mapping[str, str]) -> alt.LayerChart:
    """Each axis over the sessions: its mean as a line, the range of answers as a band.

    ``course`` has rows (session, held_on, axis, mean, min, max, answered), ``axis``
    being the axis's title, ``session`` the session's label; sessions in date order.
    ``texts`` gives ``session``, ``axis``, ``mean``, ``lowest`` and ``highest``.
    """
    order = list(dict.fromkeys(course.sort_values("held_on", kind="stable")["session"]))
    base = alt.Chart(course).encode(
        x=alt.X("session:O", sort=order, title=texts["session"], axis=alt.Axis(labelAngle=0)),
        color=alt.Color("axis:N", title=texts["axis"], legend=alt.Legend(orient="bottom")),
    )
    band = base.mark_area(opacity=0.10).encode(
        y=alt.Y("min:Q", title=texts["mean"], scale=alt.Scale(domain=[1, SCALE_MAX]), stack=None),
        y2="max:Q",
    )
    line = base.mark_line(point=True, strokeWidth=2.5).encode(
        y=alt.Y("mean:Q", stack=None),
        tooltip=[
            alt.Tooltip("session:N", title=texts["session"]),
            alt.Tooltip("axis:N", title=texts["axis"]),
            alt.Tooltip("mean:Q", title=texts["mean"], format=".1f"),
            alt.Tooltip("min:Q", title=texts["lowest"]),
            alt.Tooltip("max:Q", title=texts["highest"]),
        ],
    )
    return alt.LayerChart(layer=[band, line], title=title, height=320)
