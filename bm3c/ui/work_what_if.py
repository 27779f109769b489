"""The Work page's what-if: move one activity's hours between members, see every result move.

The "advanced" view, under the transfer (:mod:`bm3c.ui.work_transfer`), which
does a move between two members in one gesture.

Sliders per member (paid, and volunteer when asked), kept as a draft until the
facilitator applies them to the model; the figures come from
:func:`bm3c.engine.whatif.what_if` and the tables from :mod:`bm3c.present.work_tables`.
"""

from __future__ import annotations

from functools import reduce

import streamlit as st

from bm3c.edit.cooperation import set_work
from bm3c.engine.whatif import (
    WhatIf,
    WorkBase,
    activity_hours,
    changed_hours,
    default_activity,
    hours_range,
    members_on,
    prepare_what_if,
    what_if,
)
from bm3c.present.charts_work import chart_spec, delta_data
from bm3c.present.work_tables import (
    metric_delta,
    what_if_table,
)
from bm3c.texts.format import hours, money, number
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import Workspace, workspace
from bm3c.ui.widgets import keep_valid, show_problems, try_edit

__all__ = ["what_if_section", "work_base"]

WHATIF = "work.whatif"  # slider keys: work.whatif.<activity>.<member>[.volunteer]
MORE = "work.whatif_more"  # members brought onto an activity: work.whatif_more.<activity>


def work_base(ws: Workspace) -> WorkBase:
    """The current model compiled for what-ifs, kept until the model changes."""
    base = st.session_state.get("bm3c.work.base")
    if not isinstance(base, WorkBase) or base.coop is not ws.model:
        base = prepare_what_if(ws.model)
        st.session_state["bm3c.work.base"] = base
    return base


def discard_stale_draft(ws: Workspace) -> None:
    """The draft restarts from the model whenever the model changes (edit, undo, apply)."""
    if st.session_state.get("bm3c.work.draft_of") is not ws.model:
        reset_draft("")
        st.session_state["bm3c.work.draft_of"] = ws.model


def reset_draft(activity: str) -> None:
    """Put the draft of ``activity`` (of every activity when empty) back on the model.

    Its sliders return to the model's hours and the members brought onto it leave.
    """

    def drafted(key: str) -> bool:
        if not activity:
            return key.startswith((f"{WHATIF}.", f"{MORE}."))
        return key.startswith(f"{WHATIF}.{activity}.") or key == f"{MORE}.{activity}"

    for key in [k for k in st.session_state if drafted(str(k))]:
        del st.session_state[key]


def sliders(
    base: WorkBase, activity: str, volunteer_too: bool
) -> tuple[dict[str, float], dict[str, float]]:
    """One slider per member for its paid (and volunteer) hours on the activity.

    The members working on it (and its carrier) have one; others can be added.
    """
    lang = current_language()
    current = activity_hours(base, activity)
    working = members_on(base, activity)
    on = [m for m in base.coop.members if m.id in working]
    others = {m.id: m.name for m in base.coop.members if m not in on}
    grid = st.container()
    if others:
        more = st.multiselect(
            t("work.whatif_add_members"),
            list(others),
            format_func=lambda m: others[m],
            placeholder=t("streamlit.choose"),
            key=f"{MORE}.{activity}",
            help=t("work.whatif_add_members_help"),
        )
        on += [m for m in base.coop.members if m.id in more]
    paid: dict[str, float] = {}
    volunteer: dict[str, float] = {}
    columns = grid.columns(3)
    for k, m in enumerate(on):
        p, v = current[m.id]
        with columns[k % 3]:
            paid[m.id] = st.slider(
                m.name,
                0.0,
                max(hours_range(base, activity, m.id), p),
                p,
                step=1.0,
                format="%.0f h",
                key=f"{WHATIF}.{activity}.{m.id}",
                help=t("work.whatif_slider_help", hours=hours(p, lang)),
            )
            if volunteer_too:
                volunteer[m.id] = st.slider(
                    t("work.whatif_volunteer_label", name=m.name),
                    0.0,
                    max(hours_range(base, activity, m.id, volunteer=True), v),
                    v,
                    step=1.0,
                    format="%.0f h",
                    key=f"{WHATIF}.{activity}.{m.id}.volunteer",
                    help=t("work.whatif_volunteer_slider_help", hours=hours(v, lang)),
                )
    return paid, volunteer


def what_if_section() -> None:
    """Move one activity's hours between members with sliders; see every result change.

    The title and help are drawn with the page, outside the fragment (a slider's
    step reruns, and sends, only what can change).
    """
    st.subheader(t("work.whatif_title"))
    st.caption(t("work.whatif_help") + " " + t("work.whatif_reset_note"))
    what_if_fragment()


@st.fragment
def what_if_fragment() -> None:
    """The sliders and every result: what a slider's step reruns."""
    ws = workspace()
    coop = ws.model
    first = default_activity(coop)
    if first is None:
        st.info(t("work.no_activity"))
        return
    base = work_base(ws)
    discard_stale_draft(ws)
    names = {a.id: a.name for a in coop.activities}
    ids: list[str] = list(names)
    keep_valid("work.whatif_activity", ids)
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    activity = (
        left.selectbox(
            t("common.activity"),
            ids,
            index=ids.index(first),
            format_func=lambda a: names[a],
            key="work.whatif_activity",
        )
        or first
    )
    volunteer_too = right.toggle(t("work.whatif_volunteer"), key="work.whatif_volunteer")
    paid, volunteer = sliders(base, activity, volunteer_too)
    result = what_if(base, activity, paid, volunteer)
    apply, reset, _ = st.columns([2, 2, 3])
    if apply.button(
        t("work.whatif_apply"),
        type="primary",
        disabled=not result.changed,
        help=t("work.whatif_apply_help"),
        key="work.whatif_apply",
        icon=":material/check:",
    ):
        changes = changed_hours(base, activity, paid, volunteer)
        if try_edit(
            WHATIF,
            t("work.whatif_what", activity=names[activity]),
            lambda: reduce(lambda c, ch: set_work(c, activity, *ch), changes, coop),
        ):
            st.rerun()
    reset.button(
        t("work.whatif_reset"),
        disabled=not result.changed,
        on_click=reset_draft,
        args=(activity,),
        key="work.whatif_reset",
        icon=":material/restart_alt:",
    )
    show_problems(WHATIF)
    what_if_results(result, coop.currency)


def what_if_results(result: WhatIf, currency: str) -> None:
    """Totals moved, key results with their change, then every member before / after / Δ."""
    lang = current_language()
    before, after = result.activity_hours_before, result.activity_hours_after
    if round(after - before, 6) == 0:
        st.caption(t("work.whatif_total", before=hours(before, lang), after=hours(after, lang)))
    else:
        sign = "+" if after > before else ""
        st.caption(
            t(
                "work.whatif_total_changed",
                before=hours(before, lang),
                after=hours(after, lang),
                delta=f"{sign}{number(after - before, lang)}\u00a0h",
            )
        )
    if not result.changed:
        st.info(t("work.whatif_unchanged"), icon=":material/tune:")
    elif result.everyone_gains_after:
        st.success(t("work.after_everyone_gains"), icon=":material/check_circle:")
    else:
        losing = [result.member(m).name for m in result.losing_members_after]
        st.warning(t("work.after_some_lose", names=losing), icon=":material/warning:")
    figures = (
        (
            t("work.shared_result"),
            t("work.shared_result_help"),
            result.shared_result_before_eur,
            result.shared_result_after_eur,
        ),
        (
            t("work.collective_result"),
            t("work.collective_result_help"),
            result.collective_result_before_eur,
            result.collective_result_after_eur,
        ),
        (
            t("work.activity_result"),
            t("work.activity_result_help"),
            result.activity_result_before_eur,
            result.activity_result_after_eur,
        ),
    )
    for column, (label, help_text, before_eur, after_eur) in zip(
        st.columns(3), figures, strict=True
    ):
        column.metric(
            label,
            money(after_eur, currency, lang),
            metric_delta(after_eur - before_eur, currency, lang),
            help=help_text,
        )
    labels = {
        "member": t("common.member"),
        "hours": t("work.col_hours_on"),
        "cash_before": t("work.col_cash_before"),
        "cash_after": t("work.col_cash_after"),
        "cash_delta": t("work.col_cash_delta"),
        "gain_after": t("work.col_gain_after"),
        "gain_delta": t("work.col_gain_delta"),
        "load": t("common.load"),
    }
    st.dataframe(
        what_if_table(result, currency, lang, labels, t("work.overload_flag")),
        hide_index=True,
        width="stretch",
        key="work.whatif_table",
    )
    if result.changed:
        chart_labels = {
            "title": t("work.delta_title"),
            "delta": t("work.delta_axis"),
            "member": t("common.member"),
            "up": t("work.up"),
            "down": t("work.down"),
        }
        vega_lite_chart(
            chart_spec("delta", currency, lang, chart_labels, len(result.members)),
            data=delta_data(result, currency, lang, chart_labels),
            key="work.delta_chart",
            title=chart_labels["title"],
        )
