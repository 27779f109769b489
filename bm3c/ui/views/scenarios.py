"""Scenarios: save the current edits as a scenario, compare scenarios, edit or delete them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from bm3c.edit.scenarios import (
    ACTIONS,
    RecordableEdits,
    change_rows,
    delete_scenario,
    path_parts,
    recordable_edits,
    rename_scenarios,
    save_edits_as_scenario,
    set_scenario_changes,
    value_text,
)
from bm3c.engine import Comparison
from bm3c.engine.comparison import compare_applicable, select_scenarios
from bm3c.errors import InvalidModelError
from bm3c.model import Cooperation
from bm3c.present.charts_scenarios import (
    column_labels,
    figure_bars,
    figure_bars_data,
    member_table,
    shared_table,
    styled,
)
from bm3c.present.problems import localize_not_recorded, localize_problem
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import commit, refuse, workspace
from bm3c.ui.widgets import show_problems, table_editor, try_edit

T = TypeVar("T")
CACHE = "scenarios.cache"
COMPARED = "scenarios.compare"
SELECTED = "scenarios.selected"
CONFIRM_SAVE = "scenarios.confirm_save"
CONFIRM_DELETE = "scenarios.confirm_delete"
FLASH = "scenarios.flash"
CLEAR_FORM = "scenarios.clear_form"
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


def path_words(model: Cooperation, path: str) -> str:
    """A change's path in words: names for ids, translated field names."""
    words = {
        "*": t("scenarios.part.all"),
        "members": t("scenarios.part.members"),
        "actors": t("scenarios.part.actors"),
        "activities": t("scenarios.part.activities"),
        "revenues": t("scenarios.part.revenues"),
        "costs": t("scenarios.part.costs"),
        "work": t("scenarios.part.work"),
        "flows": t("scenarios.part.flows"),
        "sharing": t("scenarios.part.sharing"),
        "surplus": t("scenarios.part.surplus"),
        "deficit": t("scenarios.part.deficit"),
        "weights": t("scenarios.part.weights"),
        "shared_entity": t("scenarios.part.shared_entity"),
        "reserve_fraction": t("scenarios.part.reserve_fraction"),
        "amount_eur": t("scenarios.part.amount_eur"),
        "quantity": t("scenarios.part.quantity"),
        "unit_price_eur": t("scenarios.part.unit_price_eur"),
        "paid_hours": t("scenarios.part.paid_hours"),
        "volunteer_hours": t("scenarios.part.volunteer_hours"),
        "reimbursed": t("scenarios.part.reimbursed"),
        "hourly_cost_eur": t("scenarios.part.hourly_cost_eur"),
        "capacity_hours": t("scenarios.part.capacity_hours"),
        "volunteer_hour_value_eur": t("scenarios.part.volunteer_hour_value_eur"),
        "carrier": t("scenarios.part.carrier"),
    }
    return " › ".join(words.get(part, part) for part in path_parts(model, path))


def save_section() -> None:
    """Name the edits made since opening and save them as a new scenario."""
    ws = workspace()
    edits = cached("edits", lambda: recordable_edits(ws.loaded, ws.model))
    if st.session_state.pop(CLEAR_FORM, False):
        for key in ("scenarios.new_name", "scenarios.new_description"):
            st.session_state.pop(key, None)
    with st.expander(t("scenarios.save_title"), expanded=not edits.empty, icon=":material/save:"):
        st.caption(t("scenarios.save_help"))
        if edits.empty:
            st.info(t("scenarios.no_edits"))
        if edits.changes:
            st.markdown(t("scenarios.edits_count", count=len(edits.changes)))
            st.dataframe(
                {
                    t("scenarios.edit_path"): [
                        path_words(ws.loaded, c.path) for c in edits.changes
                    ],
                    t("scenarios.edit_value"): [value_text(c.value) for c in edits.changes],
                },
                hide_index=True,
                width="stretch",
                key="scenarios.edits",
            )
        if edits.not_recorded:
            st.warning(
                t("scenarios.not_recorded")
                + "\n\n"
                + "\n".join(
                    f"- `{localize_not_recorded(p, current_language())}`"
                    for p in edits.not_recorded
                )
            )
        name = st.text_input(
            t("scenarios.name"), key="scenarios.new_name", help=t("scenarios.name_help")
        )
        description = st.text_area(t("scenarios.description"), key="scenarios.new_description")
        show_problems("scenarios.save")
        label = t("scenarios.create_button") if edits.empty else t("scenarios.save_button")
        if st.button(label, key="scenarios.save", type="primary", icon=":material/save:"):
            if not name.strip():
                refuse("scenarios.save", t("scenarios.name_needed"))
                st.rerun()
            if edits.not_recorded:
                st.session_state[CONFIRM_SAVE] = ws.version
                st.rerun()
            save(edits, name, description)
        if st.session_state.get(CONFIRM_SAVE) == ws.version:
            st.warning(t("scenarios.confirm_save"), icon=":material/warning:")
            left, right = st.columns(2)
            if left.button(t("scenarios.save_anyway"), key="scenarios.save_anyway"):
                st.session_state.pop(CONFIRM_SAVE, None)
                save(edits, name, description)
            if right.button(t("scenarios.cancel"), key="scenarios.save_cancel"):
                st.session_state.pop(CONFIRM_SAVE, None)
                st.rerun()


def save(edits: RecordableEdits, name: str, description: str) -> None:
    """Commit the base values plus a new scenario holding ``edits``, then rerun."""
    ws = workspace()
    try:
        model, sid = save_edits_as_scenario(ws.loaded, ws.model, edits, name, description)
    except InvalidModelError as error:
        refuse("scenarios.save", error)
        st.rerun()
    commit(model, t("scenarios.what_saved", name=name.strip()))
    compared = st.session_state.get(COMPARED)
    if isinstance(compared, list):
        st.session_state[COMPARED] = [*compared, sid]
    st.session_state[SELECTED] = sid
    st.session_state[FLASH] = t("scenarios.saved", name=name.strip())
    st.session_state[CLEAR_FORM] = True
    st.rerun()


def compare_section() -> None:
    """Every member's cash result and gain per scenario, the shared entity, two charts."""
    ws = workspace()
    st.header(t("scenarios.compare_title"))
    everything, broken = cached("comparison", lambda: compare_applicable(ws.model))
    if broken:
        st.warning(
            t("scenarios.broken")
            + "\n\n"
            + "\n".join(
                f"- **{ws.model.scenario(sid).name}** : "
                f"{localize_problem(str(p), current_language())}"
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


def manage_section() -> None:
    """Names and descriptions, the changes of one scenario, and its deletion."""
    ws = workspace()
    model = ws.model
    st.header(t("scenarios.manage_title"))
    if not model.scenarios:
        st.info(t("scenarios.none"))
        return
    st.caption(t("scenarios.list_help"))
    table_editor(
        "scenarios.list",
        [
            {"id": s.id, "name": s.name, "description": s.description, "changes": len(s.changes)}
            for s in model.scenarios
        ],
        ["id", "name", "description", "changes"],
        lambda rows: rename_scenarios(model, rows),
        what=t("scenarios.what_renamed"),
        column_config={
            "id": st.column_config.TextColumn(t("scenarios.col_id")),
            "name": st.column_config.TextColumn(t("scenarios.col_name"), required=True),
            "description": st.column_config.TextColumn(t("scenarios.col_description")),
            "changes": st.column_config.NumberColumn(t("scenarios.col_changes")),
        },
        dynamic=False,
        disabled=("id", "changes"),
    )
    names = {s.id: s.name for s in model.scenarios}
    if st.session_state.get(SELECTED) not in names:
        st.session_state.pop(SELECTED, None)
    sid = st.selectbox(
        t("scenarios.selected"), list(names), format_func=names.__getitem__, key=SELECTED
    )
    if sid is None:
        return
    scenario = model.scenario(sid)
    st.subheader(t("scenarios.changes_title", name=scenario.name))
    st.caption(t("scenarios.changes_help"))
    if not scenario.changes:
        st.info(t("scenarios.no_changes"))
    actions = {"set": t("scenarios.action_set"), "scale": t("scenarios.action_scale")}
    table_editor(
        f"scenarios.changes.{sid}",
        [row | {"meaning": path_words(model, row["path"])} for row in change_rows(scenario)],
        ["action", "path", "value", "meaning"],
        lambda rows: set_scenario_changes(model, sid, rows, current_language()),
        what=t("scenarios.what_changes", name=scenario.name),
        column_config={
            "action": st.column_config.SelectboxColumn(
                t("scenarios.col_action"),
                options=ACTIONS,
                format_func=lambda action: actions.get(str(action), str(action)),
                default="set",
                required=True,
            ),
            "path": st.column_config.TextColumn(t("scenarios.col_path"), width="large"),
            "value": st.column_config.TextColumn(t("scenarios.col_value")),
            "meaning": st.column_config.TextColumn(t("scenarios.col_meaning"), width="large"),
        },
        disabled=("meaning",),
    )
    delete_button(sid, scenario.name)


def delete_button(sid: str, name: str) -> None:
    """Delete the scenario, after a confirmation."""
    ws = workspace()
    if st.button(t("scenarios.delete"), key="scenarios.delete", icon=":material/delete:"):
        st.session_state[CONFIRM_DELETE] = (ws.version, sid)
        st.rerun()
    show_problems("scenarios.delete")
    if st.session_state.get(CONFIRM_DELETE) != (ws.version, sid):
        return
    st.warning(t("scenarios.confirm_delete", name=name), icon=":material/warning:")
    left, right = st.columns(2)
    if left.button(t("scenarios.delete_confirm"), key="scenarios.delete_confirm", type="primary"):
        st.session_state.pop(CONFIRM_DELETE, None)
        if try_edit(
            "scenarios.delete",
            t("scenarios.what_deleted", name=name),
            lambda: delete_scenario(ws.model, sid),
        ):
            st.session_state[FLASH] = t("scenarios.deleted", name=name)
        st.rerun()
    if right.button(t("scenarios.cancel"), key="scenarios.delete_cancel"):
        st.session_state.pop(CONFIRM_DELETE, None)
        st.rerun()


st.title(t("nav.scenarios"))
st.caption(t("scenarios.intro"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
save_section()
compare_section()
manage_section()
