"""Projector mode: larger type and charts for a room, tables that fit the screen.

A switch in the sidebar (off by default) kept for the browser tab. Other code
asks :func:`projector_on` and :func:`chart_scale`; :func:`screen_style` adds the
page's style sheet once per run: in both modes, buttons wrap their label instead
of cutting it; in projector mode, the type grows (the root size: every widget
grows with it, in proportion) and the page margins shrink. The canvas tables
(data editors) size their type in ``rem`` too, so they grow with it; tables only to
read become page tables in projector mode (:func:`read_only_table`), which wrap long
texts instead of cutting them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from bm3c.ui.i18n import t

__all__ = [
    "CHART_SCALE",
    "GRAPH_SCALE",
    "PROJECTOR",
    "TYPE_SCALE",
    "chart_scale",
    "full_title",
    "graph_scale",
    "projector_on",
    "projector_toggle",
    "read_only_table",
    "screen_style",
]

PROJECTOR = "bm3c.projector"  # the tab's choice, kept apart from the widget's own state
TOGGLE = "sidebar.projector"
TYPE_SCALE = 1.25  # root type size in projector mode: 20 px instead of 16 px
CHART_SCALE = 1.4  # chart text in projector mode (axes 11 px -> 15.5 px)
# the value-flow graph is drawn for a projector already (names 16 px, amounts 14 px):
# a little larger still, so its labels keep room between them
GRAPH_SCALE = 1.2

# in both modes: a button's label wraps rather than ending in "…" (Streamlit cuts
# the labels of buttons placed in columns)
BASE_STYLE = """
[data-testid="stMain"] .stButton button p,
[data-testid="stMain"] .stFormSubmitButton button p,
[data-testid="stMain"] .stDownloadButton button p,
[data-testid="stSidebar"] .stButton button p,
[data-testid="stPopover"] button p {
  white-space: normal; overflow-wrap: anywhere; text-overflow: clip;
}
[data-testid="stMain"] .stButton button,
[data-testid="stMain"] .stFormSubmitButton button,
[data-testid="stSidebar"] .stButton button {
  height: auto; min-height: 2.5rem;
}
"""

PROJECTOR_STYLE = f"""
html {{ font-size: {16 * TYPE_SCALE:g}px; }}
[data-testid="stMainBlockContainer"] {{
  padding-left: 2rem; padding-right: 2rem; padding-top: 3rem; max-width: 100%;
}}
[data-testid="stMain"] [data-testid="stCaptionContainer"] {{ font-size: 0.95rem; }}
[data-testid="stMain"] [data-testid="stTable"] table {{ font-size: 1rem; width: 100%; }}
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] td {{
  white-space: normal; overflow-wrap: anywhere;
}}
"""


def projector_on() -> bool:
    """Whether the tab is in projector mode (off until switched on in the sidebar)."""
    return bool(st.session_state.get(PROJECTOR, False))


def graph_scale() -> float:
    """How much larger the value-flow graph's own texts are drawn (projector mode)."""
    return GRAPH_SCALE if projector_on() else 1.0


def chart_scale() -> float:
    """How much larger chart text should be drawn: :data:`CHART_SCALE` in projector mode, else 1.

    Builders that draw their own text take it as ``font_scale`` and multiply their
    sizes by it (:func:`bm3c.present.chart_fonts.font_size`); axes, legends and
    titles are scaled for every chart by :mod:`bm3c.ui.chart_files`.
    """
    return CHART_SCALE if projector_on() else 1.0


def full_title(title_key: str, help_key: str, **values: Any) -> str:
    """A shortened column's help: its full title, then what it means."""
    return t("projector.full_title", title=t(title_key, **values), help=t(help_key, **values))


def _remember() -> None:
    st.session_state[PROJECTOR] = bool(st.session_state.get(TOGGLE, False))


def projector_toggle() -> None:
    """The sidebar switch (its value outlives pages where the sidebar is not drawn)."""
    st.session_state[TOGGLE] = projector_on()
    st.toggle(
        t("projector.toggle"),
        key=TOGGLE,
        on_change=_remember,
        help=t("projector.toggle_help"),
    )


def screen_style() -> None:
    """The page's style sheet for this run (it takes no room on the page)."""
    css = BASE_STYLE + (PROJECTOR_STYLE if projector_on() else "")
    st.html(f"<style>{css}</style>")


def read_only_table(
    table: pd.DataFrame | Styler,
    *,
    key: str,
    column_config: Mapping[str, Any] | None = None,
) -> None:
    """A table to read: on a canvas normally, as a page table in projector mode.

    A canvas table keeps Streamlit's small type whatever the page's size; a page
    table takes the projector's type and wraps long texts instead of scrolling.
    """
    if projector_on():
        shown = (
            table.hide(axis="index")
            if isinstance(table, Styler)
            else table.style.hide(axis="index")
        )
        st.table(shown)
        return
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key=key,
        column_config=dict(column_config or {}),
    )
