"""Structures: the members, the shared entity and the external actors, all editable.

Members and actors are edited in tables (with each member's cash result beside
it); adding, changing an id and removing go through small forms, so that every
reference follows and nothing disappears without a confirmation.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.cooperation import remove_party, rename_id
from bm3c.edit.parts import (
    ACTOR_FIELDS,
    MEMBER_FIELDS,
    add_actor,
    add_member,
    part_rows,
    references_by_kind,
    set_shared_entity,
    update_actors,
    update_members,
)
from bm3c.model.parts import ACTOR_KINDS
from bm3c.texts.format import SYMBOLS, money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace
from bm3c.ui.widgets import editor_key, show_problems, table_editor, try_edit

NOTICE = "structures.notice"
REFERENCE_KINDS = ("carries", "lines", "work", "requires", "flows", "weight", "scenarios")


def notice() -> None:
    """What the last form did (shown once, after the page reran)."""
    for message in st.session_state.pop(NOTICE, []):
        st.info(message, icon=":material/info:")


def done(*messages: str) -> None:
    """Keep messages for the next run, then rerun so every table shows the new model."""
    st.session_state[NOTICE] = list(messages)
    st.rerun()


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
        [*MEMBER_FIELDS[:-1], "cash_result", "description"],
        lambda rows: update_members(coop, rows),
        what=t("structures.what_members"),
        dynamic=False,
        disabled=("id", "cash_result"),
        column_config={
            "id": st.column_config.TextColumn(t("structures.id"), help=t("structures.id_help")),
            "name": st.column_config.TextColumn(t("structures.name"), required=True),
            "legal_form": st.column_config.TextColumn(t("structures.legal_form")),
            "hourly_cost_eur": st.column_config.NumberColumn(
                t("structures.hourly_cost", symbol=symbol),
                help=t("structures.hourly_cost_help"),
                min_value=0.0,
                format="localized",
                required=True,
            ),
            "capacity_hours": st.column_config.NumberColumn(
                t("structures.capacity"),
                help=t("structures.capacity_help"),
                min_value=0.0,
                format="localized",
            ),
            "volunteer_hour_value_eur": st.column_config.NumberColumn(
                t("structures.volunteer_value", symbol=symbol),
                help=t(
                    "structures.volunteer_value_help",
                    value=money(coop.volunteer_hour_value_eur, coop.currency, lang),
                ),
                min_value=0.0,
                format="localized",
            ),
            "description": st.column_config.TextColumn(t("structures.description")),
            "cash_result": st.column_config.TextColumn(
                t("common.cash_result"), help=t("common.cash_result_help")
            ),
        },
    )
    left, right = st.columns(2)
    with left, st.expander(t("structures.add_member"), icon=":material/person_add:"):
        add_member_form()
    with right, st.expander(t("structures.remove_member"), icon=":material/person_remove:"):
        remove_form("structures.remove_member", {m.id: m.name for m in coop.members})


def add_member_form() -> None:
    """Id (optional), name, legal form, hourly cost and capacity of a new member."""
    coop = workspace().model
    where = "structures.add_member"
    clear_after_success(where, ("id", "name", "legal_form", "hourly_cost_eur", "capacity_hours"))
    with st.form(where, border=False):
        name = st.text_input(t("structures.name"), key=f"{where}.name")
        ident = st.text_input(
            t("structures.id"), key=f"{where}.id", help=t("structures.new_id_help")
        )
        legal_form = st.text_input(t("structures.legal_form"), key=f"{where}.legal_form")
        hourly_cost = st.number_input(
            t("structures.hourly_cost", symbol=SYMBOLS.get(coop.currency, coop.currency)),
            min_value=0.0,
            value=25.0,
            step=1.0,
            help=t("structures.hourly_cost_help"),
            key=f"{where}.hourly_cost_eur",
        )
        capacity = st.number_input(
            t("structures.capacity"),
            min_value=0.0,
            value=None,
            step=100.0,
            help=t("structures.capacity_help"),
            key=f"{where}.capacity_hours",
        )
        submitted = st.form_submit_button(t("structures.add_button"), key=f"{where}.submit")
    fields = {
        "id": ident,
        "name": name,
        "legal_form": legal_form,
        "hourly_cost_eur": hourly_cost,
        "capacity_hours": capacity,
    }
    if submitted and try_edit(
        where, t("structures.what_add", name=name), lambda: add_member(coop, fields)
    ):
        messages = [t("structures.added", name=name)]
        if coop.sharing.weights is not None and "by_weights" in (
            coop.sharing.surplus,
            coop.sharing.deficit,
        ):
            messages.append(t("structures.weight_zero", name=name))
        st.session_state[f"{where}.clear"] = True
        done(*messages)
    show_problems(where)


def clear_after_success(where: str, fields: tuple[str, ...]) -> None:
    """Empty a form's fields once its last submission was accepted."""
    if st.session_state.pop(f"{where}.clear", False):
        for name in fields:
            st.session_state.pop(f"{where}.{name}", None)


def remove_form(where: str, parties: dict[str, str]) -> None:
    """Choose a member or actor, see what refers to it, confirm, remove it."""
    coop = workspace().model
    if not parties:
        return
    if st.session_state.get(f"{where}.choice") not in parties:
        st.session_state.pop(f"{where}.choice", None)  # it was just removed or renamed
    choice = st.selectbox(
        t("structures.remove_choice"),
        list(parties),
        format_func=lambda ident: f"{parties[ident]} ({ident})",
        key=f"{where}.choice",
    )
    pending_key = f"{where}.pending"
    if st.button(t("structures.remove_button"), key=f"{where}.ask", icon=":material/delete:"):
        st.session_state[pending_key] = choice
    show_problems(where)
    if choice is None or st.session_state.get(pending_key) != choice:
        return
    name = parties[choice]
    references = references_by_kind(coop, choice)
    if references:
        lines = [
            t(
                "structures.ref_line",
                what=t(f"structures.ref.{kind}"),
                items=", ".join(references[kind]),
            )
            for kind in REFERENCE_KINDS
            if kind in references
        ]
        st.warning(t("structures.remove_warning", name=name) + "\n\n" + "\n".join(lines))
    else:
        st.info(t("structures.remove_nothing", name=name))
    yes, no = st.columns(2)
    if yes.button(
        t("structures.remove_confirm", name=name), key=f"{where}.confirm", type="primary"
    ):
        del st.session_state[pending_key]
        if try_edit(
            where, t("structures.what_remove", name=name), lambda: remove_party(coop, choice)
        ):
            done(t("structures.removed", name=name))
        st.rerun()
    if no.button(t("structures.cancel"), key=f"{where}.cancel"):
        del st.session_state[pending_key]
        st.rerun()


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
        reserve = left.number_input(
            t("structures.reserve"),
            min_value=0.0,
            max_value=100.0,
            value=round(entity.reserve_fraction * 100, 4),
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
        "reserve_fraction": reserve / 100,
        "description": description,
    }
    if submitted and try_edit(
        where, t("structures.what_shared"), lambda: set_shared_entity(coop, fields)
    ):
        st.rerun()
    show_problems(where)


def actors_section() -> None:
    """The external actors' table (role as a select box), then add and remove."""
    coop = workspace().model
    st.subheader(t("structures.actors"))
    st.caption(t("structures.actors_help"))
    kinds = actor_kinds()
    if coop.actors:
        table_editor(
            "structures.actors",
            part_rows(coop.actors, ACTOR_FIELDS),
            ACTOR_FIELDS,
            lambda rows: update_actors(coop, rows),
            what=t("structures.what_actors"),
            dynamic=False,
            disabled=("id",),
            column_config={
                "id": st.column_config.TextColumn(t("structures.id"), help=t("structures.id_help")),
                "name": st.column_config.TextColumn(t("structures.name"), required=True),
                "kind": st.column_config.SelectboxColumn(
                    t("structures.kind"),
                    options=list(ACTOR_KINDS),
                    format_func=lambda kind: kinds[str(kind)],
                    required=True,
                ),
                "description": st.column_config.TextColumn(t("structures.description")),
            },
        )
    else:
        st.caption(t("structures.no_actors"))
    left, right = st.columns(2)
    with left, st.expander(t("structures.add_actor"), icon=":material/add_business:"):
        add_actor_form()
    with right, st.expander(t("structures.remove_actor"), icon=":material/domain_disabled:"):
        remove_form("structures.remove_actor", {a.id: a.name for a in coop.actors})


def actor_kinds() -> dict[str, str]:
    """Each actor role in the session's language (a plain dict, safe as a ``format_func``)."""
    return {kind: t(f"structures.actor_kind.{kind}") for kind in ACTOR_KINDS}


def add_actor_form() -> None:
    """Id (optional), name, role and description of a new external actor."""
    coop = workspace().model
    where = "structures.add_actor"
    clear_after_success(where, ("id", "name", "kind", "description"))
    with st.form(where, border=False):
        name = st.text_input(t("structures.name"), key=f"{where}.name")
        ident = st.text_input(
            t("structures.id"), key=f"{where}.id", help=t("structures.new_id_help")
        )
        kind = st.selectbox(
            t("structures.kind"),
            ACTOR_KINDS,
            format_func=actor_kinds().__getitem__,
            key=f"{where}.kind",
        )
        description = st.text_input(t("structures.description"), key=f"{where}.description")
        submitted = st.form_submit_button(t("structures.add_button"), key=f"{where}.submit")
    fields = {"id": ident, "name": name, "kind": kind, "description": description}
    if submitted and try_edit(
        where, t("structures.what_add", name=name), lambda: add_actor(coop, fields)
    ):
        st.session_state[f"{where}.clear"] = True
        done(t("structures.added", name=name))
    show_problems(where)


def rename_section() -> None:
    """Give a member, the shared entity or an actor a new id; every reference follows."""
    coop = workspace().model
    where = "structures.rename"
    parties: dict[str, str] = {
        m.id: t("structures.party_member", name=m.name, id=m.id) for m in coop.members
    }
    parties[coop.shared_entity.id] = t(
        "structures.party_shared", name=coop.shared_entity.name, id=coop.shared_entity.id
    )
    parties |= {a.id: t("structures.party_actor", name=a.name, id=a.id) for a in coop.actors}
    clear_after_success(where, ("choice", "new_id"))
    with st.expander(t("structures.rename"), icon=":material/edit:"):
        st.caption(t("structures.rename_help"))
        with st.form(where, border=False):
            old = st.selectbox(
                t("structures.rename_choice"),
                list(parties),
                format_func=parties.__getitem__,
                key=f"{where}.choice",
            )
            new = st.text_input(t("structures.new_id"), key=f"{where}.new_id").strip()
            submitted = st.form_submit_button(t("structures.rename_button"), key=f"{where}.submit")
        if (
            submitted
            and old is not None
            and try_edit(
                where,
                t("structures.what_rename", old=old, new=new),
                lambda: rename_id(coop, old, new),
            )
        ):
            st.session_state[f"{where}.clear"] = True
            done(t("structures.renamed", old=old, new=new))
        show_problems(where)


st.title(t("nav.structures"))
st.caption(t("structures.intro"))
notice()
members_section()
rename_section()
st.divider()
shared_entity_section()
st.divider()
actors_section()
