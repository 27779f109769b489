"""The Work page's transfer: one member gives hours on an activity to another, in one gesture.

The control (activity, who gives, who receives, how many hours) sits beside the
table of every result before and after; the figures come from
:func:`bm3c.engine.transfer.what_if_transfer`, the table from
:func:`bm3c.present.work_tables.transfer_table`, and "apply" commits
:func:`bm3c.edit.transfer.apply_transfer` as one undoable edit. The section is a
fragment: moving the hours reruns only it.
"""

from __future__ import annotations

import streamlit as st

from bm3c.edit.transfer import apply_transfer
from bm3c.engine.transfer import (
    HourKind,
    Transfer,
    TransferError,
    can_be_reimbursed,
    default_received,
    default_reimbursed,
    givers,
    hours_available,
    transfer_work,
    what_if_transfer,
)
from bm3c.engine.whatif import WhatIf, default_activity
from bm3c.model import Cooperation
from bm3c.present.work_tables import party_names, transfer_table
from bm3c.texts.format import hours, money
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import workspace
from bm3c.ui.transfer_hours import (
    HOURS,
    SLIDER,
    hours_moved,
    number_typed,
    set_hours,
    slider_moved,
    start_hours,
    widget_key,
)
from bm3c.ui.widgets import keep_valid, number_field, show_problems, try_edit
from bm3c.ui.work_what_if import work_base

__all__ = ["transfer_section"]

TRANSFER = "work.transfer"
KINDS: tuple[HourKind, ...] = ("paid", "volunteer")


def transfer_section() -> None:
    """Move hours from one member to another on an activity; see every result beside it.

    The title and help are drawn once with the page, outside the fragment: a step
    of the hours reruns, and sends to the browser, only what can change.
    """
    st.subheader(t("transfer.title"))
    st.caption(t("transfer.help"))
    transfer_fragment()


@st.fragment
def transfer_fragment() -> None:
    """The transfer's control and its results: what a change of the hours reruns."""
    ws = workspace()
    coop = ws.model
    worked = {a.id: a.name for a in coop.activities if a.work}
    if not worked:
        st.caption(t("transfer.no_work"))
        return
    control, results = st.columns([5, 6], gap="small")
    with control:
        transfer = transfer_control(coop, worked)
    try:
        result = what_if_transfer(work_base(ws), transfer)
    except TransferError:  # the bounds of the widgets keep this from happening
        have = hours_available(coop, transfer.activity_id, transfer.giver_id, transfer.given)
        name = coop.member(transfer.giver_id).name
        results.error(t("transfer.impossible", giver=name, hours=hours(have, current_language())))
        return
    with results.container(key="work.transfer.results"):
        results_table(coop, transfer, result)
    with control:
        apply_buttons(coop, transfer, worked)


def transfer_control(coop: Cooperation, worked: dict[str, str]) -> Transfer:
    """Activity, giver, receiver, kinds and hours; the transfer they make."""
    lang = current_language()
    names = party_names(coop)
    ids = list(worked)
    keep_valid("work.transfer.activity", ids)
    first = default_activity(coop)
    activity = st.selectbox(
        t("common.activity"),
        ids,
        index=ids.index(first) if first in worked else 0,
        format_func=lambda a: worked[a],
        key="work.transfer.activity",
    )
    giving = givers(coop, activity)
    keep_valid("work.transfer.giver", giving)
    left, right = st.columns(2)
    giver = left.selectbox(
        t("transfer.giver"), giving, format_func=lambda m: names[m], key="work.transfer.giver"
    )
    receiving = [m for m in coop.member_ids if m != giver]
    keep_valid("work.transfer.receiver", receiving)
    # texts computed here, not in format_func: AppTest calls it outside the script run
    shown = {m: names[m] for m in giving} | {
        m: t("transfer.new_on_activity", name=names[m]) for m in receiving if m not in giving
    }
    receiver = right.selectbox(
        t("transfer.receiver"),
        receiving,
        format_func=shown.__getitem__,
        key="work.transfer.receiver",
    )
    kind_label = {k: t(f"transfer.kind_{k}") for k in KINDS}.__getitem__
    have = {k: hours_available(coop, activity, giver, k) for k in KINDS}
    kinds = [k for k in KINDS if have[k] > 0]
    keep_valid("work.transfer.given", kinds)
    left, right = st.columns(2)
    given: HourKind = left.radio(
        t("transfer.given"),
        kinds,
        format_func=kind_label,
        horizontal=True,
        key="work.transfer.given",
        help=t(
            "transfer.given_help",
            paid=hours(have["paid"], lang),
            volunteer=hours(have["volunteer"], lang),
        ),
    )
    usual = default_received(coop, activity, receiver, given)
    received: HourKind = right.radio(
        t("transfer.received", name=names[receiver]),
        KINDS,
        index=KINDS.index(usual),
        format_func=kind_label,
        horizontal=True,
        key=f"work.transfer.received.{activity}.{giver}.{receiver}.{given}",
        help=t("transfer.received_help"),
    )
    reimbursed = None
    carrier = next(a.carrier for a in coop.activities if a.id == activity)
    if received == "paid" and can_be_reimbursed(coop, activity, receiver):
        reimbursed = st.checkbox(
            t("transfer.reimbursed", name=names[receiver], carrier=names[carrier]),
            value=default_reimbursed(coop, activity, giver, receiver, given),
            key=f"work.transfer.reimbursed.{activity}.{giver}.{receiver}.{given}",
            help=t("transfer.reimbursed_help"),
        )
    most = have[given]
    start_hours(coop)
    moved = hours_moved()
    slide, exact = st.columns([3, 1], vertical_alignment="bottom")
    slider = f"{widget_key(SLIDER)}.{most:g}"  # a new range (another giver): a new slider
    slide.container(key=SLIDER).slider(
        t("transfer.hours"),
        0.0,
        most,
        # a number typed beyond the range stays as typed (refused in words under the
        # entry); the slider, which cannot leave its range, shows its end
        min(max(moved or 0.0, 0.0), most),
        step=5.0,
        format="%.0f h",
        key=slider,
        on_change=slider_moved,
        args=(slider,),
        help=t("transfer.hours_help", hours=hours(most, lang), name=names[giver]),
    )
    entry = widget_key(HOURS)
    typed, within = number_field(
        t("transfer.hours_exact"),
        low=0.0,
        high=most,
        unit="h",
        place=exact.container(key=HOURS),
        value=moved,
        step=1.0,
        format="%g",
        key=entry,
        on_change=number_typed,
        args=(entry,),
        label_visibility="collapsed",
    )
    moved = typed if typed is not None and within else 0.0
    return Transfer(
        activity, giver, receiver, moved, given, received, reimbursed if moved else None
    )


def results_table(coop: Cooperation, transfer: Transfer, result: WhatIf) -> None:
    """What each side does with the hours, in words, then every result before and after."""
    lang = current_language()
    st.caption(t("transfer.total", total=hours(result.activity_hours_after, lang)))
    labels = {
        "member": t("transfer.col_member"),
        "hours": t("transfer.col_hours"),
        "before": t("transfer.col_before"),
        "after": t("transfer.col_after"),
        "delta": t("transfer.col_delta"),
    }
    st.markdown(f"**{t('transfer.table_title')}**")
    table = transfer_table(
        result,
        (transfer.giver_id, transfer.receiver_id),
        coop.shared_entity.name,
        coop.currency,
        lang,
        labels,
    )
    # 146 + 92 + 3 × 80 px: the half of a 1366 px screen the table has beside the control
    money_column = st.column_config.TextColumn(width=80)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            labels["member"]: st.column_config.TextColumn(width=146),
            labels["hours"]: st.column_config.TextColumn(
                width=92, help=t("transfer.col_hours_help")
            ),
            labels["before"]: money_column,
            labels["after"]: money_column,
            labels["delta"]: money_column,
        },
        height=min(35 * (len(table) + 1) + 3, 35 * 9 + 3),
        key="work.transfer.table",
    )
    st.caption(what_it_means(coop, transfer, result))


def what_it_means(coop: Cooperation, transfer: Transfer, result: WhatIf) -> str:
    """How the receiver does the hours (paid at which cost, reimbursed or not; volunteer)."""
    if not transfer.hours:
        return t("transfer.choose_hours")
    lang = current_language()
    names = party_names(coop)
    activity = next(a for a in coop.activities if a.id == transfer.activity_id)
    giver, receiver = transfer.giver_id, transfer.receiver_id
    member = coop.member(receiver)
    parts = []
    if receiver not in {w.member for w in activity.work}:
        parts.append(t("transfer.new_line", name=names[receiver]))
    if transfer.received == "paid":
        cost = member.hourly_cost_eur
        text = t(
            "transfer.as_paid",
            name=names[receiver],
            cost=money(cost, coop.currency, lang),
            total=money(cost * transfer.hours, coop.currency, lang),
        )
        _, line = transfer_work(coop, transfer)
        if not can_be_reimbursed(coop, activity.id, receiver):
            text += t("transfer.as_paid_own")
        elif line.reimbursed:
            text += t("transfer.as_paid_reimbursed", carrier=names[activity.carrier])
        else:
            text += t("transfer.as_paid_not_reimbursed", name=names[receiver])
        parts.append(text)
    else:
        value = member.volunteer_hour_value_eur or coop.volunteer_hour_value_eur
        parts.append(
            t("transfer.as_volunteer", name=names[receiver], value=money(value, coop.currency))
        )
    g = result.member(giver)
    if g.activity_hours_after == 0:
        parts.append(t("transfer.giver_line_goes", name=names[giver]))
    else:
        parts.append(
            t(
                "transfer.giver_after",
                name=names[giver],
                before=hours(g.activity_hours_before, lang),
                after=hours(g.activity_hours_after, lang),
            )
        )
    return " ".join(parts)


def apply_buttons(coop: Cooperation, transfer: Transfer, worked: dict[str, str]) -> None:
    """Apply the transfer to the model (one undoable edit), or put the hours back to 0."""
    names = party_names(coop)
    apply, reset = st.columns(2)
    if apply.button(
        t("transfer.apply"),
        type="primary",
        disabled=not transfer.hours,
        help=t("transfer.apply_help"),
        key="work.transfer.apply",
        icon=":material/check:",
    ):
        what = t(
            "transfer.what",
            hours=hours(transfer.hours, current_language()),
            giver=names[transfer.giver_id],
            receiver=names[transfer.receiver_id],
            activity=worked[transfer.activity_id],
        )
        if try_edit(TRANSFER, what, lambda: apply_transfer(coop, transfer)):
            st.rerun()
    reset.button(
        t("transfer.reset"),
        disabled=not transfer.hours,
        on_click=set_hours,
        args=(0.0,),
        key="work.transfer.reset",
        icon=":material/restart_alt:",
    )
    show_problems(TRANSFER)
