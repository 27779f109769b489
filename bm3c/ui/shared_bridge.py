"""The bridge from the pooled activities' result to the shared entity's result, on a page."""

from __future__ import annotations

import streamlit as st

from bm3c.present.shared_bridge import bridge_frame
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace

__all__ = ["bridge_section"]


def bridge_section(key: str, *, title: bool = True) -> None:
    """Its title, what it says, and the steps as a small table (``key`` names the table).

    ``title`` False leaves the heading out (in an expander that says it already).
    """
    ws = workspace()
    lang = current_language()
    if title:
        st.subheader(t("bridge.title"), anchor=False)
    st.caption(t("bridge.help", name=ws.model.shared_entity.name))
    frame = bridge_frame(ws.model, lang)
    amount = t("bridge.col_amount")
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={amount: st.column_config.TextColumn(amount, alignment="right")},
    )
    st.caption(t("bridge.zero_steps"))
