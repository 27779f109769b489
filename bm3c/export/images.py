"""Charts as image files: PNG and SVG drawn offline from their Vega-Lite spec.

vl-convert draws the SVG with its own copy of Vega: no browser, no network.
CairoSVG turns that SVG into PNG, ten times faster than vl-convert's own PNG
on a chart of a few hundred marks (the value-flow network of 30 members).
A chart is given as an Altair chart or as a spec (a plain dict), with its rows
apart when the app draws it that way (``st.vega_lite_chart(data, spec)``).
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt
import pandas as pd

__all__ = ["chart_png", "chart_svg", "full_spec"]

Chartish = alt.TopLevelMixin | dict[str, Any]

#: The font of every text of an image (installed with the system libraries: ``make``).
FONT = "DejaVu Sans"

#: Pixels per CSS pixel of a PNG: sharp on a projector and on paper.
PNG_SCALE = 2.0


def full_spec(chart: Chartish, data: pd.DataFrame | None = None) -> dict[str, Any]:
    """The chart's complete Vega-Lite spec, its rows inlined (``data`` when given apart).

    A chart drawn to fit its container (``autosize: fit-x``, no width) gets a
    fixed width here: an image has no container.
    """
    if isinstance(chart, alt.TopLevelMixin):
        spec: dict[str, Any] = chart.to_dict(validate=False)
    else:
        spec = copy.deepcopy(chart)
    if data is not None:
        spec["data"] = {"values": data.to_dict(orient="records")}
    autosize = spec.get("autosize")
    if isinstance(autosize, dict) and str(autosize.get("type", "")).startswith("fit"):
        spec.setdefault("width", 720)
    elif "width" not in spec and not _has_fixed_width(spec):
        spec["width"] = 720
    spec.setdefault("background", "white")
    # Vega measures the texts with the font CairoSVG then draws them with: labels fit.
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT)
    return spec


def _has_fixed_width(spec: dict[str, Any]) -> bool:
    """True when the chart (or one of its layers) sets its own width."""
    return any("width" in part for part in spec.get("layer", [])) or any(
        key in spec for key in ("hconcat", "vconcat", "concat", "facet", "repeat")
    )


def chart_png(chart: Chartish, data: pd.DataFrame | None = None, scale: float = PNG_SCALE) -> bytes:
    """The chart as a PNG image."""
    import cairosvg  # needs the Cairo library: only the images need it, not the app

    png: bytes = cairosvg.svg2png(bytestring=chart_svg(chart, data).encode(), scale=scale)
    return png


def chart_svg(chart: Chartish, data: pd.DataFrame | None = None) -> str:
    """The chart as an SVG document (text), fonts named, not embedded."""
    import vl_convert  # loaded when an image is asked for: the served app's heap stays small

    svg: str = vl_convert.vegalite_to_svg(full_spec(chart, data))
    return svg
