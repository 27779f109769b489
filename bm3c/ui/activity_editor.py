"""Editing one activity on the Activities page: choose it, its details, its lines, add, delete.

The activity chosen is kept in the session (the one just added is chosen on the next
run); its name, carrier and description go through a form, its revenue and cost lines
through table editors, and a deletion names the scenario changes that go with it.
In a plan of several years, the page edits the year chosen in the sidebar; an
activity computed from the investments is shown, not edited.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bm3c.edit.parts import (
    LINE_FIELDS,
    Side,
    add_activity,
    free_id,
    line_rows,
    remove_activity,
    replace_lines,
    scenario_changes_naming,
    update_activity,
)
from bm3c.model import MARKET
from bm3c.model.parts import COST_KINDS, REVENUE_KINDS
from bm3c.model.years import investment_activity_ids
from bm3c.texts.format import SYMBOLS, money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_year import year_words
from bm3c.ui.projector import read_only_table
from bm3c.ui.state import workspace
from bm3c.ui.widgets import clear_after_success, editor_key, show_problems, table_editor, try_edit

__all__ = [
    "NOTICE",
    "activity_form",
    "add_form",
    "choose_activity",
    "computed_activity",
    "delete_activity",
    "is_computed",
    "lines_editor",
    "year_caption",
]

SELECTED = "activities.selected"
NEXT = "activities.select_next"
NOTICE = "activities.notice"


def choose_activity() -> str | None:
    """The activity being edited (the one just added, after an add)."""
    coop = workspace().model
    ids = [a.id for a in coop.activities]
    if NEXT in st.session_state:
        st.session_state[SELECTED] = st.session_state.pop(NEXT)
    if st.session_state.get(SELECTED) not in ids:
        st.session_state.pop(SELECTED, None)  # deleted or renamed
    if not ids:
        st.info(t("activities.no_activity"))
        return None
    names = party_names()
    options = {
        a.id: t("activities.option", name=a.name, carrier=names[a.carrier]) for a in coop.activities
    }
    chosen: str | None = st.selectbox(
        t("activities.select"), ids, format_func=options.__getitem__, key=SELECTED
    )
    return chosen


def party_names() -> dict[str, str]:
    """The market, the shared entity, each member and actor, named for people, by id.

    A plain dict (not a function reading the session) so that it is a safe ``format_func``.
    """
    coop = workspace().model
    entity = coop.shared_entity
    return (
        {MARKET: t("activities.market")}
        | {entity.id: t("activities.party_shared", name=entity.name)}
        | {m.id: t("activities.party_member", name=m.name) for m in coop.members}
        | {a.id: t("activities.party_actor", name=a.name) for a in coop.actors}
    )


def kind_names() -> dict[str, str]:
    """Every revenue and cost kind in the session's language."""
    return {kind: t(f"activities.kind.{kind}") for kind in (*REVENUE_KINDS, *COST_KINDS)}


def is_computed(activity_id: str) -> bool:
    """Whether the activity holds a carrier's investments (computed, not edited here)."""
    return activity_id in investment_activity_ids(workspace().plan).values()


def computed_activity(activity_id: str) -> None:
    """An investments activity: where it is edited, and its lines of the chosen year to read."""
    ws = workspace()
    coop, lang = ws.model, current_language()
    activity = next(a for a in coop.activities if a.id == activity_id)
    st.info(t("plan_editor.computed_activity"), icon=":material/lock:")
    for side, lines in (("revenues", activity.revenues), ("costs", activity.costs)):
        if lines:
            st.markdown(f"**{t(f'activities.{side}')}**")
            frame = pd.DataFrame(
                {
                    t("activities.label"): [line.label for line in lines],
                    t("activities.line_total"): [
                        money(line.total_eur, coop.currency, lang) for line in lines
                    ],
                }
            )
            read_only_table(frame, key=f"activities.{activity_id}.{side}.computed")


def year_caption() -> None:
    """In a plan of several years: which year is edited, and what an edit changes."""
    if workspace().plan.years > 1:
        st.caption(t("plan_editor.year_edited", year=year_words()) + " " + t("plan.year_help"))


def activity_form(activity_id: str) -> None:
    """Name, carrier and description of the activity, and its figures."""
    ws = workspace()
    coop, ev, lang = ws.model, ws.evaluation(), current_language()
    activity = next(a for a in coop.activities if a.id == activity_id)
    result = ev.activity(activity_id)
    st.caption(
        t(
            "activities.figures",
            result=money(result.result_eur, ev.currency, lang),
            revenue=money(result.revenue_eur, ev.currency, lang),
            costs=money(result.cost_eur, ev.currency, lang),
            staff=money(result.staff_cost_eur, ev.currency, lang),
        )
    )
    carriers = [coop.shared_entity.id, *(m.id for m in coop.members)]
    where = f"activities.{activity_id}.details"
    with st.form(editor_key(where)):
        left, right = st.columns(2)
        name = left.text_input(
            t("activities.name"), value=activity.name, key=editor_key(f"{where}.name")
        )
        carrier = right.selectbox(
            t("common.carrier"),
            carriers,
            index=carriers.index(activity.carrier),
            format_func=party_names().__getitem__,
            help=t("activities.carrier_help"),
            key=editor_key(f"{where}.carrier"),
        )
        description = st.text_area(
            t("activities.description"),
            value=activity.description or "",
            height=80,
            key=editor_key(f"{where}.description"),
        )
        submitted = st.form_submit_button(t("activities.save"), key=f"{where}.submit")
    if submitted and try_edit(
        where,
        t("activities.what_activity", name=name),
        lambda: update_activity(coop, activity_id, name, str(carrier), description),
    ):
        st.rerun()
    show_problems(where)


def lines_editor(activity_id: str, side: Side) -> None:
    """The activity's revenue (or cost) lines; a refused edit is explained above the table."""
    ws = workspace()
    coop, lang = ws.model, current_language()
    activity = next(a for a in coop.activities if a.id == activity_id)
    symbol = SYMBOLS.get(coop.currency, coop.currency)
    party = "from" if side == "revenues" else "to"
    names, kinds = party_names(), kind_names()
    st.markdown(f"**{t(f'activities.{side}')}**")
    st.caption(t(f"activities.{side}_help"))
    rows = [
        row | {"total_eur": money(row["total_eur"], coop.currency, lang)}
        for row in line_rows(coop, activity_id, side)
    ]
    table_editor(
        f"activities.{activity_id}.{side}",
        rows,
        [*LINE_FIELDS[side][:4], "total_eur", *LINE_FIELDS[side][4:]],
        lambda new_rows: replace_lines(coop, activity_id, side, new_rows),
        what=t(f"activities.what_{side}", name=activity.name),
        disabled=("total_eur",),
        column_config={  # widths that add up to the narrowest screen (1366 px)
            "label": st.column_config.TextColumn(t("activities.label"), required=True, width=140),
            "amount_eur": st.column_config.NumberColumn(
                t("activities.amount", symbol=symbol),
                help=t("activities.amount_help"),
                format="localized",
                width=95,
            ),
            "quantity": st.column_config.NumberColumn(
                t("projector.short.quantity"),
                help=t("activities.quantity"),
                format="localized",
                width=60,
            ),
            "unit_price_eur": st.column_config.NumberColumn(
                t("projector.short.unit_price", symbol=symbol),
                help=t("activities.unit_price", symbol=symbol),
                format="localized",
                width=85,
            ),
            "total_eur": st.column_config.TextColumn(t("activities.line_total"), width=95),
            "kind": st.column_config.SelectboxColumn(
                t("activities.kind"),
                options=list(REVENUE_KINDS if side == "revenues" else COST_KINDS),
                format_func=lambda kind: kinds[str(kind)],
                default="other",
                width=115,
            ),
            "account": st.column_config.TextColumn(
                t("activities.account"), help=t("activities.account_help"), width=75
            ),
            party: st.column_config.SelectboxColumn(
                t(f"activities.{party}"),
                options=[p for p in names if p != activity.carrier],
                format_func=lambda ident: names[str(ident)],
                default=MARKET,
                width=135,
            ),
            "description": st.column_config.TextColumn(t("activities.description"), width=65),
        },
    )


def delete_activity(activity_id: str) -> None:
    """Delete the activity, after a confirmation naming what goes with it."""
    coop = workspace().model
    name = next(a.name for a in coop.activities if a.id == activity_id)
    pending = "activities.delete.pending"
    if st.button(t("activities.delete"), key="activities.delete", icon=":material/delete:"):
        st.session_state[pending] = activity_id
    show_problems("activities.delete")
    if st.session_state.get(pending) != activity_id:
        return
    message = t("activities.delete_warning", name=name)
    changes = scenario_changes_naming(coop, activity_id)
    if changes:
        message += "\n\n" + t("activities.delete_scenarios", changes="; ".join(changes))
    st.warning(message)
    yes, no = st.columns(2)
    if yes.button(
        t("activities.delete_confirm", name=name), key="activities.delete.confirm", type="primary"
    ):
        del st.session_state[pending]
        if try_edit(
            "activities.delete",
            t("activities.what_delete", name=name),
            lambda: remove_activity(coop, activity_id),
        ):
            st.session_state[NOTICE] = t("activities.deleted", name=name)
        st.rerun()
    if no.button(t("activities.cancel"), key="activities.delete.cancel"):
        del st.session_state[pending]
        st.rerun()


def add_form() -> None:
    """Name, id (optional) and carrier of a new activity; it is then selected for editing."""
    coop = workspace().model
    where = "activities.add"
    clear_after_success(where, ("name", "id"))
    carriers = [coop.shared_entity.id, *(m.id for m in coop.members)]
    with st.expander(t("activities.add"), icon=":material/add:"), st.form(where, border=False):
        name = st.text_input(t("activities.name"), key=f"{where}.name")
        ident = st.text_input(
            t("activities.new_id"), key=f"{where}.id", help=t("activities.new_id_help")
        )
        carrier = st.selectbox(
            t("common.carrier"),
            carriers,
            format_func=party_names().__getitem__,
            help=t("activities.carrier_help"),
            key=f"{where}.carrier",
        )
        submitted = st.form_submit_button(t("activities.add_button"), key=f"{where}.submit")
    if submitted:
        new_id = ident.strip() or free_id(coop, name, "activity")
        if try_edit(
            where,
            t("activities.what_add", name=name),
            lambda: add_activity(coop, new_id, name, str(carrier)),
        ):
            st.session_state[NEXT] = new_id
            st.session_state[f"{where}.clear"] = True
            st.rerun()
    show_problems(where)
