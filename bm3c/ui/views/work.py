"""Work allocation: who gives how many hours to what, each member's load, what-ifs moving hours."""

from __future__ import annotations

import streamlit as st

from bm3c.edit.cooperation import set_work
from bm3c.engine import Evaluation
from bm3c.model import Cooperation
from bm3c.present.charts_work import chart_spec, load_data, load_labels
from bm3c.present.work_tables import (
    WORK_COLUMNS,
    hours_matrix,
    members_table,
    party_names,
    with_work_rows,
    work_rows,
)
from bm3c.texts.format import percent
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.projector import full_title, projector_on, read_only_table
from bm3c.ui.state import workspace
from bm3c.ui.widgets import keep_valid, number_field, show_problems, table_editor, try_edit
from bm3c.ui.work_transfer import transfer_section
from bm3c.ui.work_what_if import what_if_section


def hours_section(coop: Cooperation, lang: str) -> None:
    """The work lines as an editable table, filtered by member or activity, and an add form."""
    st.subheader(t("work.hours_title"))
    for key in ("work.paid_help", "work.volunteer_help", "work.reimbursed_help"):
        st.caption(t(key))
    names = party_names(coop)
    activity_names = {a.id: a.name for a in coop.activities}
    member_options = [None, *coop.member_ids]
    activity_options = [None, *activity_names]
    keep_valid("work.filter_member", member_options)
    keep_valid("work.filter_activity", activity_options)
    left, right = st.columns(2)
    member = left.selectbox(
        t("work.filter_member"),
        member_options,
        format_func=lambda m: t("work.all_members") if m is None else names[m],
        key="work.filter_member",
    )
    activity = right.selectbox(
        t("work.filter_activity"),
        activity_options,
        format_func=lambda a: t("work.all_activities") if a is None else activity_names[a],
        key="work.filter_activity",
    )
    rows = work_rows(coop, lang, member=member, activity=activity)
    if rows:
        table_editor(
            "work.hours"
            if member is None and activity is None
            else f"work.hours.{member}.{activity}",
            rows,
            WORK_COLUMNS,
            lambda edited: with_work_rows(coop, edited),
            what=t("work.hours_what"),
            column_config={  # widths that add up to the narrowest screen (1366 px)
                "member_name": st.column_config.TextColumn(t("common.member"), width=130),
                "activity_name": st.column_config.TextColumn(t("common.activity"), width=275),
                "carrier_name": st.column_config.TextColumn(t("common.carrier"), width=105),
                "paid_hours": st.column_config.NumberColumn(
                    t("projector.short.paid"),
                    width=95,
                    help=full_title("common.paid_hours", "work.paid_help"),
                ),
                "volunteer_hours": st.column_config.NumberColumn(
                    t("projector.short.volunteer"),
                    width=95,
                    help=full_title("common.volunteer_hours", "work.volunteer_help"),
                ),
                "reimbursed": st.column_config.CheckboxColumn(
                    t("work.reimbursed"), width=90, help=t("work.reimbursed_help")
                ),
                "staff_cost": st.column_config.TextColumn(
                    t("work.staff_cost"), width=100, help=t("work.staff_cost_help")
                ),
            },
            dynamic=False,
            disabled=("member_name", "activity_name", "carrier_name", "staff_cost"),
        )
        st.caption(t("work.edit_help"))
    else:
        st.info(t("work.no_lines"))
    add_form(coop)
    matrix_view(coop, lang)


def matrix_view(coop: Cooperation, lang: str) -> None:
    """The same hours as a members × activities matrix, to see the split at a glance."""
    with st.expander(t("work.matrix_title")):
        labels = {
            "total": t("work.matrix_total"),
            "paid": t("common.paid_hours"),
            "volunteer": t("common.volunteer_hours"),
        }
        which = st.segmented_control(
            t("work.matrix_which"),
            list(labels),
            default="total",
            format_func=lambda k: labels[k],
            key="work.matrix_which",
        )
        matrix = hours_matrix(coop, lang, which or "total")
        if projector_on():
            st.table(matrix)
        else:
            st.dataframe(matrix, width="stretch", key="work.matrix")


def add_form(coop: Cooperation) -> None:
    """Give a member hours on an activity, whether or not it already works on it."""
    names = party_names(coop)
    activity_names = {a.id: a.name for a in coop.activities}
    with st.expander(t("work.add_title")), st.form("work.add", border=False):
        c1, c2, c3, c4, c5 = st.columns([3, 3, 2, 2, 2], vertical_alignment="bottom")
        member_ids: list[str] = list(coop.member_ids)
        activity_ids: list[str] = list(activity_names)
        member = c1.selectbox(
            t("common.member"),
            member_ids,
            format_func=lambda m: names[m],
            key="work.add_member",
        )
        activity = c2.selectbox(
            t("common.activity"),
            activity_ids,
            format_func=lambda a: activity_names[a],
            key="work.add_activity",
        )
        paid, paid_ok = number_field(
            t("common.paid_hours"), low=0, unit="h", place=c3, key="work.add_paid", value=0.0
        )
        volunteer, volunteer_ok = number_field(
            t("common.volunteer_hours"),
            low=0,
            unit="h",
            place=c4,
            key="work.add_volunteer",
            value=0.0,
        )
        reimbursed = c5.checkbox(
            t("work.reimbursed"), help=t("work.reimbursed_help"), key="work.add_reimbursed"
        )
        submitted = st.form_submit_button(t("work.add_button"), key="work.add_submit")
    if submitted and member and activity and paid_ok and volunteer_ok:
        what = t("work.add_what", member=names[member], activity=activity_names[activity])
        if paid == 0 and volunteer == 0:
            st.error(t("work.add_no_hours"))
        elif try_edit(
            "work.add",
            what,
            lambda: set_work(coop, activity, member, paid or 0.0, volunteer or 0.0, reimbursed),
        ):
            st.rerun()
    show_problems("work.add")


def load_section(ev: Evaluation, lang: str) -> None:
    """Each member's hours against its capacity: overloads flagged, chart and table."""
    st.subheader(t("work.load_title"))
    st.caption(t("common.load_help"))
    over = [m for m in ev.members if m.overloaded]
    if over:
        names = [f"{m.name} ({percent(m.load_ratio, lang)})" for m in over]
        st.warning(t("work.overloaded", names=names), icon=":material/warning:")
    else:
        st.success(t("work.no_overload"), icon=":material/check_circle:")
    labels = load_labels(lang)
    vega_lite_chart(
        chart_spec("load", ev.currency, lang, labels, len(ev.members)),
        data=load_data(ev, lang, labels),
        key="work.load_chart",
        title=labels["title"],
    )
    st.caption(t("work.load_chart_help"))
    columns = {
        "member": t("common.member"),
        "paid_hours": t("common.paid_hours"),
        "volunteer_hours": t("common.volunteer_hours"),
        "capacity": t("work.capacity"),
        "load": t("common.load"),
        "cash_result": t("common.cash_result"),
        "gain": t("common.gain"),
    }
    read_only_table(members_table(ev, lang, columns, t("work.overload_flag")), key="work.members")


ws = workspace()
lang = current_language()
st.title(t("work.title"))
st.caption(t("work.intro"))
transfer_section()
with st.expander(t("transfer.advanced"), icon=":material/tune:"):
    what_if_section()
hours_section(ws.model, lang)
load_section(ws.evaluation(), lang)
