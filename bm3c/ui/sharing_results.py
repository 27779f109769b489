"""The Sharing page's results: what each member brings and receives, and its path to its result.

Contributions against shares, one member's waterfall from its own activities to
its cash result, and each member alone against within the cooperation (with the
assumptions behind each alone figure, :mod:`bm3c.ui.alone_assumptions`); the
figures come from :mod:`bm3c.engine.waterfall`, the charts from
:mod:`bm3c.present.charts_sharing`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bm3c.engine import Evaluation
from bm3c.engine.waterfall import (
    WATERFALL_STEPS,
    contribution_and_benefit,
    member_waterfall,
)
from bm3c.present.charts_sharing import (
    alone_and_within_chart,
    contribution_chart,
    contribution_frame,
    waterfall_chart,
    waterfall_frame,
)
from bm3c.texts.format import money, percent
from bm3c.ui.alone_assumptions import alone_meaning, alone_section
from bm3c.ui.chart_files import altair_chart, drawn_from
from bm3c.ui.i18n import current_language, t

__all__ = ["contribution_section", "cooperation_section", "waterfall_section"]


def contribution_section(ev: Evaluation) -> None:
    """What each member brings the shared entity against what it receives of its result."""
    st.subheader(t("sharing.contribution_title"), help=t("sharing.contribution_help"))
    lang, cur = current_language(), ev.currency
    rows = contribution_and_benefit(ev)
    table = pd.DataFrame(
        {
            t("common.member"): [r.name for r in rows],
            t("sharing.contribution"): [money(r.contribution_eur, cur, lang) for r in rows],
            t("sharing.contribution_share"): [percent(r.contribution_share, lang, 1) for r in rows],
            t("common.share"): [money(r.benefit_eur, cur, lang) for r in rows],
            t("sharing.benefit_share"): [percent(r.benefit_share, lang, 1) for r in rows],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="sharing.shares",
        column_config={
            t("sharing.contribution"): st.column_config.TextColumn(
                help=t("sharing.contribution_col_help")
            ),
            t("common.share"): st.column_config.TextColumn(help=t("common.share_help")),
            t("sharing.benefit_share"): st.column_config.TextColumn(
                help=t("sharing.benefit_share_help")
            ),
        },
    )
    if all(r.benefit_share is None for r in rows):
        st.caption(t("sharing.nothing_distributed"))
    measures = (t("sharing.contribution_share"), t("sharing.benefit_share"))
    altair_chart(
        lambda: contribution_chart(
            contribution_frame(rows, measures, lang),
            title=t("sharing.contribution_chart"),
            axis_title=t("sharing.share_axis"),
            member_title=t("common.member"),
            measures=measures,
            lang=lang,
        ),
        key="sharing.contribution_chart",
        title=t("sharing.contribution_chart"),
        content=drawn_from(ev, lang),
    )


def waterfall_section(ev: Evaluation) -> None:
    """One member's path from its own activities to its cash result."""
    st.subheader(t("sharing.waterfall_title"), help=t("sharing.waterfall_help"))
    lang, cur = current_language(), ev.currency
    names = {m.id: m.name for m in ev.members}
    chosen = st.selectbox(
        t("common.member"), list(names), format_func=names.__getitem__, key="sharing.member"
    )
    member = ev.member(str(chosen))
    labels = {step: t(f"sharing.step.{step}") for step, _, _ in WATERFALL_STEPS} | {
        "cash_result": t("common.cash_result"),
        "increase": t("sharing.increase"),
        "decrease": t("sharing.decrease"),
        "total": t("sharing.total"),
    }
    frame = waterfall_frame(member_waterfall(member), labels, cur, lang)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        altair_chart(
            lambda: waterfall_chart(
                frame,
                title=t("sharing.waterfall_chart", member=member.name),
                axis_title=t("sharing.amount_axis", currency=cur),
                texts=labels
                | {
                    "step": t("sharing.step"),
                    "amount": t("sharing.amount"),
                    "running": t("sharing.running"),
                },
                currency=cur,
                lang=lang,
            ),
            key="sharing.waterfall_chart",
            title=t("sharing.waterfall_chart", member=member.name),
            content=drawn_from(ev, lang, member.id),
        )
    with table_col:
        st.dataframe(
            pd.DataFrame({t("sharing.step"): frame["label"], t("sharing.amount"): frame["amount"]}),
            hide_index=True,
            width="stretch",
            key="sharing.waterfall_table",
        )
        st.caption(t("sharing.waterfall_caption"))


def cooperation_section(ev: Evaluation) -> None:
    """Every member alone against within the cooperation, and the verdict."""
    st.subheader(t("sharing.cooperation_title"), help=t("sharing.cooperation_help"))
    lang, cur = current_language(), ev.currency
    if ev.everyone_gains:
        st.success(t("common.everyone_gains"), icon=":material/check_circle:")
    else:
        names = [m.name for m in ev.members if m.id in ev.losing_members]
        st.warning(t("common.some_lose", names=names), icon=":material/warning:")
    altair_chart(
        lambda: alone_and_within_chart(ev, lang),
        key="sharing.cooperation_chart",
        title=t("sharing.cooperation_chart"),
        content=drawn_from(ev, lang),
    )
    table = pd.DataFrame(
        {
            t("common.member"): [m.name for m in ev.members],
            t("common.stand_alone"): [
                money(m.stand_alone_result_eur, cur, lang) for m in ev.members
            ],
            t("sharing.in_cooperation"): [money(m.cash_result_eur, cur, lang) for m in ev.members],
            t("common.gain"): [money(m.gain_from_cooperation_eur, cur, lang) for m in ev.members],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="sharing.gains",
        column_config={
            t("common.stand_alone"): st.column_config.TextColumn(help=t("common.stand_alone_help")),
            t("sharing.in_cooperation"): st.column_config.TextColumn(
                help=t("common.cash_result_help")
            ),
            t("common.gain"): st.column_config.TextColumn(help=t("common.gain_help")),
        },
    )
    alone_meaning()
    alone_section(ev, "sharing")
