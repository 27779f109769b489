"""Every chart of the app downloadable as PNG and SVG.

Two small buttons under a chart; the image is drawn only when one is clicked
(:mod:`bm3c.export.images`), so showing a page costs nothing more.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from bm3c.export.images import Chartish, chart_png, chart_svg
from bm3c.logbook.grid import slugify
from bm3c.present.chart_fonts import scaled_config, scaled_spec
from bm3c.ui.i18n import t
from bm3c.ui.process_cache import chart_spec, content_key
from bm3c.ui.projector import chart_scale

__all__ = [
    "altair_chart",
    "chart_downloads",
    "chart_file",
    "drawn_from",
    "file_stem",
    "scaled_chart",
    "vega_lite_chart",
]


def file_stem(*parts: str) -> str:
    """A file name of plain letters, digits and dashes: ``halle-des-transitions-flux``."""
    return slugify("-".join(p for p in parts if p))[:80] or "chart"


def chart_downloads(
    chart: Chartish, name: str, *, key: str, data: pd.DataFrame | None = None
) -> None:
    """PNG and SVG buttons for ``chart`` (with its rows apart in ``data`` when drawn so).

    ``name`` is the file's stem, without extension (see :func:`file_stem`).
    """
    png_col, svg_col, _ = st.columns([1, 1, 3])
    # a download changes nothing on the page: no rerun (a click right after is not lost)
    common: dict[str, Any] = {
        "type": "tertiary",
        "icon": ":material/download:",
        "on_click": "ignore",
    }
    png_col.download_button(
        t("charts.png"),
        data=lambda: chart_png(chart, data),
        file_name=f"{name}.png",
        mime="image/png",
        help=t("charts.png_help"),
        key=f"{key}.png",
        **common,
    )
    svg_col.download_button(
        t("charts.svg"),
        data=lambda: chart_svg(chart, data),
        file_name=f"{name}.svg",
        mime="image/svg+xml",
        help=t("charts.svg_help"),
        key=f"{key}.svg",
        **common,
    )


def chart_file(title: str) -> str:
    """The file stem of a chart of the open model: its name, then the chart's title."""
    from bm3c.ui.state import workspace  # the state imports widgets that import this module

    return file_stem(workspace().model.name, title)


_ALTAIR = threading.Lock()
AltairChart = alt.Chart | alt.LayerChart | alt.HConcatChart | alt.VConcatChart | alt.FacetChart


def altair_chart(
    chart: AltairChart | Callable[[], AltairChart],
    *,
    key: str,
    title: str,
    content: Hashable | None = None,
    **options: Any,
) -> Any:
    """An Altair chart with its PNG and SVG buttons below it.

    ``content`` names what the chart is drawn from (a :func:`~bm3c.ui.process_cache.
    content_key` and the choices that shape it): given with ``chart`` as a function
    that builds it, the chart is built and converted once per server process, for
    every tab that shows the same thing. In projector mode the chart is drawn with
    larger text; the files keep the normal sizes.
    """

    def spec() -> dict[str, Any]:
        made = chart() if not isinstance(chart, alt.TopLevelMixin) else chart
        # As st.altair_chart converts it (no theme of Altair's own: Streamlit's applies;
        # no limit on rows), but without validating the chart against Vega-Lite's schema
        # at every rerun, a third of a page's time: the charts' own tests validate what
        # present/ builds. Altair's settings are the process's: one conversion at a time.
        with (
            _ALTAIR,
            alt.theme.enable("none"),
            alt.data_transformers.disable_max_rows(),
            debug_mode(False),
        ):
            built: dict[str, Any] = made.to_dict(validate=False)
        return built

    drawn = spec() if content is None else chart_spec((key, title, content), spec)
    return vega_lite_chart(drawn, key=key, title=title, **options)


def drawn_from(source: object, *choices: Hashable) -> Hashable | None:
    """The ``content`` of a chart drawn from ``source`` (an evaluation) and ``choices``.

    None (the chart is built at each run) when the process does not know what
    ``source`` was computed from.
    """
    known = content_key(source)
    return None if known is None else (known, *choices)


def scaled_chart(chart: AltairChart) -> AltairChart:
    """The chart with its axes, legends and titles at the screen's text size."""
    scale = chart_scale()
    if scale == 1:
        return chart
    copy = chart.copy(deep=False)
    given = {} if copy.config is alt.Undefined else copy.config.to_dict(validate=False)
    copy.config = alt.Config.from_dict(scaled_config(given, scale), validate=False)
    return copy


def vega_lite_chart(
    spec: dict[str, Any],
    *,
    key: str,
    title: str,
    data: pd.DataFrame | None = None,
    **options: Any,
) -> Any:
    """``st.vega_lite_chart`` with the chart's PNG and SVG buttons below it."""
    # Streamlit draws from a copy of the spec: the one given is the one to download
    event = st.vega_lite_chart(data, scaled_spec(spec, chart_scale()), key=key, **options)
    chart_downloads(spec, chart_file(title), key=key, data=data)
    return event
