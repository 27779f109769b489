"""The Fairness page's workshop: a three-player game the facilitator types in.

Its Shapley value and nucleolus, and the triangle of splits with the core drawn
in it (:mod:`bm3c.fairness`, :mod:`bm3c.present.charts_fairness`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import streamlit as st

from bm3c.fairness import nucleolus, shapley
from bm3c.fairness.triangle import core_polygon, imputation_triangle
from bm3c.present.charts_fairness import (
    WORKSHOP_GAME,
    allocation_table,
    three_player_game,
    triangle_chart,
)
from bm3c.texts.format import money
from bm3c.ui.chart_files import altair_chart
from bm3c.ui.i18n import t

__all__ = ["md", "teaching_section"]

Array = npt.NDArray[np.float64]


def md(text: str) -> str:
    """Text for ``st.markdown``: a dollar sign is money, not the start of a formula."""
    return text.replace("$", "\\$")


def teaching_inputs(currency: str) -> tuple[tuple[str, str, str], Array] | None:
    """The facilitator's three names and seven values; None when the names do not do."""
    st.markdown(f"**{t('fairness.teach_names')}**")
    name_cols = st.columns(3)
    names = tuple(
        str(
            col.text_input(
                t("fairness.teach_player", k=k + 1),
                value=t(f"fairness.teach_default_{k + 1}"),
                key=f"fairness.teach.name.{k}",
            )
        ).strip()
        for k, col in enumerate(name_cols)
    )
    if any(not name for name in names) or len(set(names)) < 3:
        st.warning(t("fairness.teach_same_names"), icon=":material/edit:")
        return None
    a, b, c = names
    st.markdown(f"**{t('fairness.teach_values', currency=currency)}**")
    labels = {
        1: t("fairness.teach_alone", name=a),
        2: t("fairness.teach_alone", name=b),
        4: t("fairness.teach_alone", name=c),
        3: f"{a} + {b}",
        5: f"{a} + {c}",
        6: f"{b} + {c}",
        7: t("fairness.teach_all"),
    }
    values: dict[int, float] = {}
    rows = ((1, 2, 4), (3, 5, 6), (7,))
    for row in rows:
        cols = st.columns(3)
        for col, mask in zip(cols, row, strict=False):
            values[mask] = float(
                col.number_input(
                    labels[mask],
                    value=WORKSHOP_GAME[mask],
                    step=1000.0,
                    format="%.0f",
                    key=f"fairness.teach.v.{mask}",
                )
            )
    v = three_player_game(
        (values[1], values[2], values[4]), (values[3], values[5], values[6]), values[7]
    )
    return (a, b, c), v


def teaching_section(currency: str, lang: str) -> None:
    """A three-player game typed in: its Shapley value, nucleolus and triangle of splits."""
    st.subheader(t("fairness.teach_title"))
    st.markdown(t("fairness.teach_intro"))
    typed = teaching_inputs(currency)
    if typed is None:
        return
    players, v = typed
    points = {
        t("fairness.method.shapley"): shapley(v),
        t("fairness.method.nucleolus"): nucleolus(v),
    }
    texts = {
        "title": t("fairness.triangle_title"),
        "imputations": t("fairness.imputations"),
        "core": t("fairness.core"),
        "point": t("fairness.point"),
        "all_to": t("fairness.all_to", name="{name}"),
    }
    chart_col, text_col = st.columns([1, 1])
    with text_col:
        st.markdown(f"**{t('fairness.teach_result')}**")
        st.dataframe(
            allocation_table(
                players,
                {t("fairness.teach_alone_column"): v[[1, 2, 4]]} | points,
                t("common.member"),
                currency,
                lang,
                decimals=0,
            ),
            hide_index=True,
            width="stretch",
            key="fairness.teach.table",
        )
        has_triangle = bool(imputation_triangle(v))
        if not has_triangle:
            st.warning(t("fairness.teach_triangle_empty"), icon=":material/warning:")
        elif not core_polygon(v):
            st.warning(t("fairness.teach_core_empty"), icon=":material/warning:")
        else:
            st.success(t("fairness.teach_core"), icon=":material/check_circle:")
        if has_triangle:
            total = money(float(v[7]), currency, lang, 0)
            st.caption(md(t("fairness.teach_reading", total=total)))
    with chart_col:
        altair_chart(
            triangle_chart(v, players, points, texts=texts, currency=currency, lang=lang),
            width="content",
            key="fairness.triangle",
            title=t("fairness.teach_title"),
        )
