"""Structures: the members, the shared entity and the external actors, all editable.

Members and actors are edited in tables (with each member's cash result beside
it); adding, changing an id and removing go through small forms, so that every
reference follows and nothing disappears without a confirmation.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.parts import (
    ACTOR_FIELDS,
    MEMBER_FIELDS,
    part_rows,
    set_shared_entity,
    update_actors,
    update_members,
)
from bm3c.model.parts import ACTOR_KINDS
from bm3c.present.percent_fields import as_fraction, as_percent
from bm3c.texts.format import SYMBOLS, money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.party_forms import (
    actor_kinds,
    add_actor_form,
    add_member_form,
    notice,
    remove_form,
    rename_section,
)
from bm3c.ui.projector import full_title
from bm3c.ui.state import workspace
from bm3c.ui.widgets import editor_key, number_field, show_problems, table_editor, try_edit


def members_section() -> None:
    """The members' table, with each member's cash result, then add and remove."""
    ws = workspace()
    coop, ev, lang = ws.model, ws.evaluation(), current_language()
    symbol = SYMBOLS.get(coop.currency, coop.currency)
    st.subheader(t("structures.members"))
    st.caption(t("structures.members_help"))
    rows = [
        row | {"cash_result": money(ev.member(m.id).cash_result_eur, coop.currency, lang)}
        for row, m in zip(part_rows(coop.members, MEMBER_FIELDS), coop.members, strict=True)
    ]
    table_editor(
        "structures.members",
        rows,
        [
            "name",
            "hourly_cost_eur",
            "capacity_hours",
            "cash_result",
            "volunteer_hour_value_eur",
            "legal_form",
            "id",
            "description",
        ],
        lambda rows: update_members(coop, rows),
        what=t("structures.what_members"),
        dynamic=False,
        disabled=("id", "cash_result"),
        column_config={  # the most useful first; widths that fit a 1366 px screen
            "name": st.column_config.TextColumn(t("structures.name"), required=True, width=130),
            "hourly_cost_eur": st.column_config.NumberColumn(
                t("projector.short.hourly_cost", symbol=symbol),
                help=full_title(
                    "structures.hourly_cost", "structures.hourly_cost_help", symbol=symbol
                ),
                format="localized",
                required=True,
                width=90,
            ),
            "capacity_hours": st.column_config.NumberColumn(
                t("projector.short.capacity"),
                help=full_title("structures.capacity", "structures.capacity_help"),
                format="localized",
                width=105,
            ),
            "cash_result": st.column_config.TextColumn(
                t("common.cash_result"), help=t("common.cash_result_help"), width=130
            ),
            "volunteer_hour_value_eur": st.column_config.NumberColumn(
                t("projector.short.volunteer_value", symbol=symbol),
                help=full_title(
                    "structures.volunteer_value",
                    "structures.volunteer_value_help",
                    symbol=symbol,
                    value=money(coop.volunteer_hour_value_eur, coop.currency, lang),
                ),
                format="localized",
                width=125,
            ),
            "legal_form": st.column_config.TextColumn(t("structures.legal_form"), width=115),
            "id": st.column_config.TextColumn(
                t("structures.id"), help=t("structures.id_help"), width=100
            ),
            "description": st.column_config.TextColumn(t("structures.description"), width=90),
        },
    )
    left, right = st.columns(2)
    with left, st.expander(t("structures.add_member"), icon=":material/person_add:"):
        add_member_form()
    with right, st.expander(t("structures.remove_member"), icon=":material/person_remove:"):
        remove_form("structures.remove_member", {m.id: m.name for m in coop.members})


def shared_entity_section() -> None:
    """Name, legal form, reserve fraction and description of the shared entity."""
    coop = workspace().model
    entity = coop.shared_entity
    where = "structures.shared"
    st.subheader(t("structures.shared_title", name=entity.name))
    st.caption(t("structures.shared_entity_help"))
    with st.form(editor_key(where)):
        left, right = st.columns(2)
        name = left.text_input(
            t("structures.name"), value=entity.name, key=editor_key(f"{where}.name")
        )
        legal_form = right.text_input(
            t("structures.legal_form"),
            value=entity.legal_form or "",
            key=editor_key(f"{where}.legal_form"),
        )
        reserve, reserve_ok = number_field(
            t("structures.reserve"),
            low=0.0,
            high=100.0,
            unit="%",
            place=left,
            value=as_percent(entity.reserve_fraction),
            step=0.5,
            format="%.1f",
            help=t("structures.reserve_help"),
            key=editor_key(f"{where}.reserve"),
        )
        description = right.text_area(
            t("structures.description"),
            value=entity.description or "",
            key=editor_key(f"{where}.description"),
            height=100,
        )
        submitted = st.form_submit_button(t("structures.save"), key=f"{where}.submit")
    fields = {
        "name": name,
        "legal_form": legal_form,
        "reserve_fraction": as_fraction(reserve if reserve is not None else 0.0),
        "description": description,
    }
    if (
        submitted
        and reserve_ok
        and reserve is not None
        and try_edit(where, t("structures.what_shared"), lambda: set_shared_entity(coop, fields))
    ):
        st.rerun()
    show_problems(where)


def _fraction(percent: object) -> float | None:
    """A cap typed as a percentage, as the model keeps it; an emptied cell is no cap."""
    if isinstance(percent, int | float) and not isinstance(percent, bool):
        return as_fraction(percent)
    return None


def actors_section() -> None:
    """The external actors' table (role as a select box), then add and remove."""
    coop = workspace().model
    st.subheader(t("structures.actors"))
    st.caption(t("structures.actors_help"))
    kinds = actor_kinds()
    actor_rows = part_rows(coop.actors, ACTOR_FIELDS)  # a cap as a percentage: 80, not 0.8
    if coop.actors:
        table_editor(
            "structures.actors",
            [row | {"max_rate": as_percent(row["max_rate"])} for row in actor_rows],
            ("name", "kind", "max_rate", "counts_volunteering", "id", "description"),
            lambda rows: update_actors(
                coop, [row | {"max_rate": _fraction(row.get("max_rate"))} for row in rows]
            ),
            what=t("structures.what_actors"),
            dynamic=False,
            disabled=("id",),
            column_config={
                "id": st.column_config.TextColumn(
                    t("structures.id"), help=t("structures.id_help"), width=120
                ),
                "name": st.column_config.TextColumn(t("structures.name"), required=True, width=230),
                "kind": st.column_config.SelectboxColumn(
                    t("structures.kind"),
                    options=list(ACTOR_KINDS),
                    format_func=lambda kind: kinds[str(kind)],
                    required=True,
                    width=150,
                ),
                "max_rate": st.column_config.NumberColumn(
                    t("structures.max_rate"),
                    help=t("structures.max_rate_help"),
                    format="localized",
                    width=100,
                ),
                "counts_volunteering": st.column_config.CheckboxColumn(
                    t("structures.counts_volunteering"),
                    help=t("structures.counts_volunteering_help"),
                    width=150,
                ),
                "description": st.column_config.TextColumn(t("structures.description"), width=110),
            },
        )
    else:
        st.caption(t("structures.no_actors"))
    left, right = st.columns(2)
    with left, st.expander(t("structures.add_actor"), icon=":material/add_business:"):
        add_actor_form()
    with right, st.expander(t("structures.remove_actor"), icon=":material/domain_disabled:"):
        remove_form("structures.remove_actor", {a.id: a.name for a in coop.actors})


st.title(t("nav.structures"))
st.caption(t("structures.intro"))
notice()
members_section()
rename_section()
st.divider()
shared_entity_section()
st.divider()
actors_section()
