"""The Scenarios page's comparison: each member's figures per scenario, the shared entity, charts.

Scenarios that no longer apply to the model are listed with their problems and
left out. The tables and charts are built once per model version, chosen
scenarios and language (:func:`cached`): a rerun only draws them. A plan over
several years is compared for the year chosen in the sidebar or over the whole
plan, and each scenario's break-even year and cash low point come after.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from bm3c.edit.differences import model_names
from bm3c.engine import Comparison
from bm3c.engine.comparison import broken_scenarios, compare_applicable, select_scenarios
from bm3c.engine.plan_comparison import PlanComparison
from bm3c.present.charts_scenarios import (
    column_labels,
    figure_bars,
    figure_bars_data,
    member_table,
    shared_table,
    styled,
)
from bm3c.present.problems import problem_list
from bm3c.present.scenario_rows import (
    break_even_rows,
    cash_low_rows,
    member_rows,
    newest_first,
    one_row_per_scenario,
    shared_rows,
)
from bm3c.texts.format import month_words
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.process_cache import fingerprint, shared
from bm3c.ui.projector import read_only_table
from bm3c.ui.state import workspace

__all__ = ["COMPARED", "WHOLE_PLAN", "cached", "compare_section"]

T = TypeVar("T")
COMPARED = "scenarios.compare"
KNOWN = "scenarios.known"  # the scenarios offered at the last run: the others are new
WHOLE_PLAN = "scenarios.whole_plan"
MEMBER_FIGURES = ("cash_result_eur", "gain_from_cooperation_eur")


def cached(name: Hashable, make: Callable[[], T]) -> T:
    """``make()``, computed once per process for the working model, year and language.

    Every tab of the server showing the same model (and the same saved revision
    under it) shares the result: a save reaching thirty tabs compares once.
    """
    ws = workspace()
    key = (fingerprint(ws.plan), ws.year, fingerprint(ws.loaded), current_language(), name)
    return shared(("scenarios", key), make)


def compare_section() -> None:
    """Every member's cash result and gain per scenario, the shared entity, two charts."""
    ws = workspace()
    st.header(t("scenarios.compare_title"))
    over_time = ws.plan.years > 1
    if over_time:  # the plan's evaluations are cached by the workspace, whatever the year
        broken = cached("broken", lambda: broken_scenarios(ws.plan))
    else:
        everything, broken = cached("comparison", lambda: compare_applicable(ws.plan, ws.year))
    if broken:
        lang = current_language()
        names = model_names(ws.loaded, ws.plan, lang=lang)
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
        # a scenario made since the last run joins the comparison (at the top, the newest)
        known = st.session_state.get(KNOWN, set(names))
        kept = [i for i in st.session_state[COMPARED] if i in names]
        st.session_state[COMPARED] = kept + [i for i in names if i not in known]
    st.session_state[KNOWN] = set(names)
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
    ordered = newest_first([s.id for s in usable], chosen)  # a new scenario comes first
    if over_time:
        compare_over_time(ordered, lang)
        return
    view = cached(
        ("view", tuple(ordered), lang),
        lambda: comparison_view(select_scenarios(everything, ordered), lang),
    )
    show_comparison(view)


def plan_comparison(scenario_ids: list[str]) -> PlanComparison:
    """The base plan and each scenario's, evaluated year by year and month by month (cached)."""
    ws = workspace()
    return PlanComparison(
        ws.plan_evaluation(), tuple(ws.plan_evaluation(sid) for sid in scenario_ids)
    )


def compare_over_time(ordered: list[str], lang: str) -> None:
    """A plan's comparison: the chosen year or the whole plan, then break-even and low points."""
    ws = workspace()
    years = plan_comparison(ordered).calendar_years
    first, last = years[0], years[-1]
    whole = st.toggle(
        t("scenarios_plan.whole_plan", first=first, last=last),
        key=WHOLE_PLAN,
        help=t("scenarios_plan.whole_plan_help"),
    )
    scope = "plan" if whole else ws.year
    if whole:
        st.caption(t("scenarios_plan.compared_plan", first=first, last=last))
    else:
        st.caption(t("scenarios_plan.compared_year", year=years[ws.year]))

    def view() -> dict[str, Any]:
        plans = plan_comparison(ordered)
        comparison = plans.over_plan() if whole else plans.in_year(ws.year)
        return comparison_view(comparison, lang)

    show_comparison(cached(("view", tuple(ordered), lang, scope), view))
    show_milestones(cached(("milestones", tuple(ordered), lang), lambda: milestones_view(ordered)))


def milestones_view(ordered: list[str]) -> dict[str, Any]:
    """Each scenario's break-even years and cash low points, as tables to show."""
    plans = plan_comparison(ordered)
    lang = current_language()
    labels = column_labels(
        t("common.base"),
        [(p.years[0].scenario, p.years[0].scenario_name) for p in plans.scenarios],
    )
    header = t("projector.scenario")

    def month_text(label: str) -> str:
        return month_words(label, lang)

    return {
        "break_even": break_even_rows(plans, labels, header, t("scenarios_plan.never")),
        "cash_low": cash_low_rows(
            plans, labels, header, t("scenarios_plan.at_month"), lang, month_text
        ),
    }


def show_milestones(view: dict[str, Any]) -> None:
    """The break-even and cash low point tables of the chosen scenarios."""
    st.header(t("scenarios_plan.milestones_title"), help=t("scenarios_plan.milestones_help"))
    # narrower than the comparison's first column: a low point with its month and
    # difference is long, and four parties or more must fit a 1366 px screen
    first = st.column_config.TextColumn(pinned=True, width=200)
    config = {t("projector.scenario"): first}
    st.subheader(t("scenarios_plan.break_even"), help=t("scenarios_plan.break_even_help"))
    read_only_table(styled(view["break_even"]), key="scenarios.break_even", column_config=config)
    st.subheader(t("scenarios_plan.cash_low"), help=t("scenarios_plan.cash_low_help"))
    read_only_table(styled(view["cash_low"]), key="scenarios.cash_low", column_config=config)


def comparison_view(comparison: Comparison, lang: str) -> dict[str, Any]:
    """The tables and charts of a comparison, in ``lang`` (built once per model version).

    More than three scenarios are shown one per row (their columns would run off
    the screen), in the comparison's order: the newest first.
    """
    labels = column_labels(
        t("common.base"), [(e.scenario, e.scenario_name) for e in comparison.scenarios]
    )
    delta = t("scenarios.delta", name="{name}")
    pivoted = one_row_per_scenario(len(comparison.scenarios))
    # a row per scenario: the figures are column titles, short (the full ones are in the help)
    short = "projector.short." if pivoted else "scenarios."
    shared_figures = {
        "result_eur": t(f"{short}shared_result"),
        "reserve_eur": t("scenarios.reserve"),
        "distributed_eur": t(f"{short}distributed"),
    }
    gains = (
        t("projector.short.everyone_gains" if pivoted else "scenarios.everyone_gains_row"),
        t("scenarios.yes"),
        t("scenarios.no", names="{names}"),
    )
    view: dict[str, Any] = {"pivoted": pivoted}
    if pivoted:
        header = t("projector.scenario")
        for figure in MEMBER_FIGURES:
            view[figure] = member_rows(comparison, figure, labels, header, lang)
        view["shared"] = shared_rows(comparison, labels, shared_figures, header, gains, lang)
    else:
        for figure in MEMBER_FIGURES:
            view[figure] = member_table(comparison, figure, labels, t("common.member"), delta, lang)
        view["shared"] = shared_table(
            comparison,
            labels,
            shared_figures,
            t("scenarios.shared_header"),
            delta,
            gains,
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
    pivoted = bool(view.get("pivoted"))
    st.caption(t("projector.pivot_help" if pivoted else "scenarios.compare_help"))
    # a scenario's name is long: room for it (members' names are short)
    first = st.column_config.TextColumn(pinned=True, width=270 if pivoted else "medium")
    config = {t("projector.scenario" if pivoted else "common.member"): first}
    for figure, title, help_text in zip(
        MEMBER_FIGURES,
        (t("common.cash_result"), t("common.gain")),
        (t("common.cash_result_help"), t("common.gain_help")),
        strict=True,
    ):
        st.subheader(title, help=help_text)
        read_only_table(styled(view[figure]), key=f"scenarios.{figure}", column_config=config)
    st.subheader(t("scenarios.shared_title"), help=t("scenarios.shared_help"))
    shared_first = t("projector.scenario" if pivoted else "scenarios.shared_header")
    shared_config = {shared_first: first}
    if pivoted:  # widths that add up to a 1366 px screen; the full titles as help
        shared_config |= {
            t("projector.short.shared_result"): st.column_config.TextColumn(
                width=170, help=t("scenarios.shared_result")
            ),
            t("scenarios.reserve"): st.column_config.TextColumn(width=130),
            t("projector.short.distributed"): st.column_config.TextColumn(
                width=150, help=t("scenarios.distributed")
            ),
            t("projector.short.everyone_gains"): st.column_config.TextColumn(
                width=170, help=t("scenarios.everyone_gains_row")
            ),
        }
    read_only_table(styled(view["shared"]), key="scenarios.shared", column_config=shared_config)
    for figure in MEMBER_FIGURES:
        spec = view[f"chart.{figure}"]
        vega_lite_chart(spec, key=f"scenarios.chart.{figure}", title=spec["title"])
