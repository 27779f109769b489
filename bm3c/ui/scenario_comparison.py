"""The Scenarios page's comparison: each member's figures per scenario, the shared entity, charts.

Scenarios that no longer apply to the model are listed with their problems and
left out. The tables and charts are built once per model version, chosen
scenarios and language (:func:`cached`): a rerun only draws them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.engine import Comparison
from bm3c.engine.comparison import compare_applicable, select_scenarios
from bm3c.present.charts_scenarios import (
    column_labels,
    figure_bars,
    figure_bars_data,
    member_table,
    shared_table,
    styled,
)
from bm3c.present.problems import problem_list
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace

__all__ = ["COMPARED", "cached", "compare_section"]

T = TypeVar("T")
CACHE = "scenarios.cache"
COMPARED = "scenarios.compare"
MEMBER_FIGURES = ("cash_result_eur", "gain_from_cooperation_eur")


def cached(name: Hashable, make: Callable[[], T]) -> T:
    """``make()``, computed once per version of the working model."""
    ws = workspace()
    stamp = (ws.version, id(ws.model), id(ws.loaded))
    store: dict[Hashable, Any] = st.session_state.get(CACHE, {})
    if store.get("stamp") != stamp:
        store = {"stamp": stamp}
        st.session_state[CACHE] = store
    if name not in store:
        store[name] = make()
    value: T = store[name]
    return value


def compare_section() -> None:
    """Every member's cash result and gain per scenario, the shared entity, two charts."""
    ws = workspace()
    st.header(t("scenarios.compare_title"))
    everything, broken = cached("comparison", lambda: compare_applicable(ws.model))
    if broken:
        lang = current_language()
        names = model_names(ws.loaded, ws.model, lang=lang)
        st.warning(
            t("scenarios.broken")
            + "\n\n"
            + "\n".join(
                f"- **{ws.model.scenario(sid).name}** : "
                + problem_list([str(p)], lang, names).removeprefix("- ")
                for sid, problems in broken.items()
                for p in problems
            )
        )
    usable = [s for s in ws.model.scenarios if s.id not in broken]
    if not usable:
        if not broken:
            st.info(t("scenarios.none"))
        return
    names = {s.id: s.name for s in usable}
    if COMPARED in st.session_state:
        st.session_state[COMPARED] = [i for i in st.session_state[COMPARED] if i in names]
    chosen = st.multiselect(
        t("scenarios.choose"),
        list(names),
        default=None if COMPARED in st.session_state else list(names),
        format_func=names.__getitem__,
        placeholder=t("streamlit.choose"),
        key=COMPARED,
    )
    if not chosen:
        st.info(t("scenarios.choose_none"))
        return
    lang = current_language()
    view = cached(
        ("view", tuple(chosen), lang),
        lambda: comparison_view(select_scenarios(everything, chosen), lang),
    )
    show_comparison(view)


def comparison_view(comparison: Comparison, lang: str) -> dict[str, Any]:
    """The tables and charts of a comparison, in ``lang`` (built once per model version)."""
    labels = column_labels(
        t("common.base"), [(e.scenario, e.scenario_name) for e in comparison.scenarios]
    )
    delta = t("scenarios.delta", name="{name}")
    view: dict[str, Any] = {
        figure: member_table(comparison, figure, labels, t("common.member"), delta, lang)
        for figure in MEMBER_FIGURES
    }
    view["shared"] = shared_table(
        comparison,
        labels,
        {
            "result_eur": t("scenarios.shared_result"),
            "reserve_eur": t("scenarios.reserve"),
            "distributed_eur": t("scenarios.distributed"),
        },
        t("scenarios.shared_header"),
        delta,
        (t("scenarios.everyone_gains_row"), t("scenarios.yes"), t("scenarios.no", names="{names}")),
        lang,
    )
    for figure, title, value_title in zip(
        MEMBER_FIGURES,
        (t("scenarios.chart_cash"), t("scenarios.chart_gain")),
        (t("common.cash_result"), t("common.gain")),
        strict=True,
    ):
        # serialised once: Altair validates the whole spec on every to_dict()
        view[f"chart.{figure}"] = figure_bars(
            figure_bars_data(comparison, figure, labels, lang),
            title=title,
            value_title=value_title,
            member_title=t("common.member"),
            scenario_title=t("scenarios.scenario"),
            lang=lang,
            currency=comparison.base.currency,
        ).to_dict()
    return view


def show_comparison(view: dict[str, Any]) -> None:
    """The comparison tables and charts of the chosen scenarios."""
    st.caption(t("scenarios.compare_help"))
    for figure, title, help_text in zip(
        MEMBER_FIGURES,
        (t("common.cash_result"), t("common.gain")),
        (t("common.cash_result_help"), t("common.gain_help")),
        strict=True,
    ):
        st.subheader(title, help=help_text)
        st.dataframe(
            styled(view[figure]), hide_index=True, width="stretch", key=f"scenarios.{figure}"
        )
    st.subheader(t("scenarios.shared_title"), help=t("scenarios.shared_help"))
    st.dataframe(styled(view["shared"]), hide_index=True, width="stretch", key="scenarios.shared")
    for figure in MEMBER_FIGURES:
        spec = view[f"chart.{figure}"]
        vega_lite_chart(spec, key=f"scenarios.chart.{figure}", title=spec["title"])
