"""The Structures page's forms: add a member or an actor, remove one, give one a new id.

Removing names every reference that goes with the party and waits for a
confirmation; a new id is followed by every reference. What a form did is kept
for the next run (:func:`done`) and shown once at the top of the page (:func:`notice`).
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.cooperation import remove_party, rename_id
from bm3c.edit.parts import add_actor, add_member, references_by_kind
from bm3c.model.parts import ACTOR_KINDS
from bm3c.texts.format import SYMBOLS
from bm3c.ui.i18n import t
from bm3c.ui.state import workspace
from bm3c.ui.widgets import clear_after_success, number_field, show_problems, try_edit

__all__ = [
    "actor_kinds",
    "add_actor_form",
    "add_member_form",
    "notice",
    "remove_form",
    "rename_section",
]

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
        hourly_cost, cost_ok = number_field(
            t("structures.hourly_cost", symbol=SYMBOLS.get(coop.currency, coop.currency)),
            low=0.0,
            unit=SYMBOLS.get(coop.currency, coop.currency),
            value=25.0,
            step=1.0,
            help=t("structures.hourly_cost_help"),
            key=f"{where}.hourly_cost_eur",
        )
        capacity, capacity_ok = number_field(
            t("structures.capacity"),
            low=0.0,
            unit="h",
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
    if (
        submitted
        and cost_ok
        and capacity_ok
        and try_edit(where, t("structures.what_add", name=name), lambda: add_member(coop, fields))
    ):
        messages = [t("structures.added", name=name)]
        if coop.sharing.weights is not None and coop.sharing.uses_weights:
            messages.append(t("structures.weight_zero", name=name))
        st.session_state[f"{where}.clear"] = True
        done(*messages)
    show_problems(where)


def remove_form(where: str, parties: dict[str, str]) -> None:
    """Choose a member or actor, see what refers to it, confirm, remove it (every year)."""
    coop = workspace().plan
    if not parties:
        return
    if st.session_state.get(f"{where}.choice") not in parties:
        st.session_state.pop(f"{where}.choice", None)  # it was just removed or renamed
    choice = st.selectbox(
        t("structures.remove_choice"),
        list(parties),
        # a name, with its id only where two parties share that name
        format_func=lambda ident: (
            f"{parties[ident]} ({ident})"
            if list(parties.values()).count(parties[ident]) > 1
            else parties[ident]
        ),
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
            where,
            t("structures.what_remove", name=name),
            lambda: remove_party(coop, choice),
            whole_plan=True,
        ):
            done(t("structures.removed", name=name))
        st.rerun()
    if no.button(t("structures.cancel"), key=f"{where}.cancel"):
        del st.session_state[pending_key]
        st.rerun()


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
    coop = workspace().plan  # the id changes in every year
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
                whole_plan=True,
            )
        ):
            st.session_state[f"{where}.clear"] = True
            done(t("structures.renamed", old=old, new=new))
        show_problems(where)
