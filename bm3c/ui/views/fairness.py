"""Fairness: the cooperation as a game, fair shares, stability, and a three-player workshop.

From top to bottom: what every group of members would make on its own (the game's
values); the current sharing beside five fair-division methods; whether the
current sharing gives some group a reason to leave, and why (its accounts); a
three-player game the facilitator types in, drawn as the triangle of splits.
Nothing here edits the model; the numbers come from :func:`~bm3c.engine.game.game_summary`,
the sentences from :mod:`bm3c.present.stability_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import streamlit as st

from bm3c.engine.game import MAX_MEMBERS, NUCLEOLUS_UP_TO, game_summary
from bm3c.fairness import is_in_core, is_individually_rational
from bm3c.fairness.game import MAX_EXACT_PLAYERS
from bm3c.fairness.stability import tolerance
from bm3c.fairness.summary import METHODS, SAMPLED_PAIRS, GameSummary
from bm3c.present.charts_fairness import (
    ALL_COALITIONS_UP_TO,
    allocation_chart,
    allocation_frame,
    allocation_table,
    coalition_table,
    join_names,
)
from bm3c.present.stability_words import stability_findings
from bm3c.rules import rule_name
from bm3c.texts.format import money
from bm3c.ui.chart_files import altair_chart
from bm3c.ui.fairness_groups import why_sections
from bm3c.ui.fairness_workshop import md, teaching_section
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import Workspace, workspace

Array = npt.NDArray[np.float64]

CACHE = "fairness.figures"
# one meaning per colour, as on every page: green what holds, yellow what to watch,
# blue what to know; red is kept for an error (an edit refused), and no finding is one:
# an empty core is a property of the cooperation's figures, to discuss, not a fault
TONES = {"ok": st.success, "warn": st.warning, "alarm": st.warning, "info": st.info}
ICONS = {  # topic and tone: the alert's icon
    ("rational", "ok"): ":material/check_circle:",
    ("rational", "warn"): ":material/warning:",
    ("core", "ok"): ":material/verified:",
    ("core", "warn"): ":material/group_remove:",
    ("least_core", "alarm"): ":material/report:",
}


@dataclass(frozen=True, eq=False)
class Figures:
    """The game of the open model: its summary and the current sharing's results."""

    players: tuple[str, ...]
    game: GameSummary
    current: Array  # each member's cash result under the current sharing


def figures(ws: Workspace) -> Figures:
    """The figures of the open model, computed once per model version."""
    cached = st.session_state.get(CACHE)
    if cached is not None and cached[0] == ws.version:
        result: Figures = cached[1]
        return result
    model, ev = ws.model, ws.evaluation()
    result = Figures(
        players=tuple(m.name for m in model.members),
        game=game_summary(model),
        current=np.array([ev.member(m).cash_result_eur for m in model.member_ids]),
    )
    st.session_state[CACHE] = (ws.version, result)
    return result


def game_section(fig: Figures, currency: str, lang: str) -> None:
    """What all make together, each alone, the surplus, and the value of the groups."""
    st.subheader(t("fairness.game_title"))
    st.markdown(t("fairness.game_explained"))
    game, n = fig.game, len(fig.players)
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("fairness.all_together"),
        money(game.together, currency, lang),
        help=t("fairness.all_together_help"),
    )
    c2.metric(
        t("fairness.each_alone"),
        money(game.alone_total, currency, lang),
        help=t("fairness.each_alone_help"),
    )
    c3.metric(
        t("fairness.surplus"),
        money(game.surplus, currency, lang),
        help=t("fairness.surplus_help"),
    )
    if game.surplus < 0:
        st.caption(t("fairness.negative_surplus"))
    count = game.coalition_count
    if n <= ALL_COALITIONS_UP_TO:
        st.markdown(t("fairness.all_coalitions", count=count))
    else:
        st.markdown(t("fairness.some_coalitions", n=n, count=f"{count:,}".replace(",", " ")))
    columns = {
        "coalition": t("fairness.coalition"),
        "size": t("fairness.size"),
        "value": t("fairness.value"),
        "beyond_alone": t("fairness.beyond_alone"),
    }
    st.dataframe(
        coalition_table(game.values, fig.players, columns, currency, lang),
        hide_index=True,
        width="stretch",
        key="fairness.coalitions",
        column_config={
            columns["value"]: st.column_config.TextColumn(help=t("fairness.value_help")),
            columns["beyond_alone"]: st.column_config.TextColumn(
                help=t("fairness.beyond_alone_help")
            ),
        },
    )


def method_title(method: str) -> str:
    """A method's name in the app's language."""
    return t(f"fairness.method.{method}")


def shares_section(fig: Figures, ws: Workspace, currency: str, lang: str) -> None:
    """Per member: alone, the current sharing and each method; the chart; the methods."""
    st.subheader(t("fairness.shares_title"))
    st.markdown(t("fairness.shares_intro"))
    sharing = ws.model.sharing
    st.caption(
        t(
            "fairness.current_rules",
            surplus=rule_name(sharing.surplus, current_language()),
            deficit=rule_name(sharing.deficit, current_language()),
        )
    )
    n, allocations = len(fig.players), fig.game.allocations
    compared = compared_allocations(fig)
    table = allocation_table(
        fig.players,
        {t("fairness.alone"): fig.game.alone} | compared,
        t("common.member"),
        currency,
        lang,
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="fairness.allocations",
        column_config={
            t("fairness.alone"): st.column_config.TextColumn(help=t("fairness.alone_help")),
            t("fairness.current"): st.column_config.TextColumn(help=t("fairness.current_help")),
        }
        | {
            method_title(m): st.column_config.TextColumn(help=t(f"fairness.method_help.{m}"))
            for m in allocations
        },
    )
    if allocations.shapley_margin is not None:
        st.caption(
            t(
                "fairness.shapley_estimated",
                n=n,
                limit=MAX_EXACT_PLAYERS,
                orders=2 * SAMPLED_PAIRS,
                margin=money(float(allocations.shapley_margin.max()), currency, lang, 0),
            )
        )
    if n > NUCLEOLUS_UP_TO:
        st.info(t("fairness.no_nucleolus", n=n, limit=NUCLEOLUS_UP_TO), icon=":material/info:")
    altair_chart(
        allocation_chart(
            allocation_frame(fig.players, compared, currency, lang),
            title=t("fairness.chart_title"),
            axis_title=t("fairness.amount_axis", currency=currency),
            member_title=t("common.member"),
            measure_title=t("fairness.method"),
            currency=currency,
            lang=lang,
        ),
        key="fairness.allocation_chart",
        title=t("fairness.chart_title"),
    )
    st.markdown(f"**{t('fairness.methods_title')}**")
    st.markdown(
        "\n".join(
            t("fairness.method_line", name=method_title(m), help=t(f"fairness.method_help.{m}"))
            for m in METHODS
        )
    )


def methods_stability(fig: Figures) -> None:
    """Per allocation: does each member get its alone value, and does no group leave."""
    v = fig.game.values
    tol = tolerance(v)
    yes, no = t("fairness.yes"), t("fairness.no")
    compared = compared_allocations(fig)
    st.markdown(f"**{t('fairness.which_stable')}**")
    st.dataframe(
        {
            t("fairness.method"): list(compared),
            t("fairness.rational"): [
                yes if is_individually_rational(v, x, tol) else no for x in compared.values()
            ],
            t("fairness.in_core"): [
                yes if is_in_core(v, x, tol) else no for x in compared.values()
            ],
        },
        hide_index=True,
        key="fairness.stable_methods",
        column_config={
            t("fairness.rational"): st.column_config.TextColumn(help=t("fairness.rational_help")),
            t("fairness.in_core"): st.column_config.TextColumn(help=t("fairness.in_core_help")),
        },
    )


def compared_allocations(fig: Figures) -> dict[str, Array]:
    """The current sharing then each method's allocation, by translated title."""
    return {t("fairness.current"): fig.current} | {
        method_title(m): x for m, x in fig.game.allocations.items()
    }


def stability_section(fig: Figures, ws: Workspace, currency: str, lang: str) -> None:
    """Does each member get at least its alone value, which groups would leave and why."""
    st.subheader(t("fairness.stability_title"))
    st.markdown(t("fairness.stability_intro"))
    game = fig.game

    def say(sentence_key: str, **fields: str) -> str:
        return t(sentence_key, **fields)

    def amount(value: float) -> str:
        return money(value, currency, lang, 0)

    def join(names: Sequence[str]) -> str:
        return join_names(names, t("fairness.and"))

    for finding in stability_findings(
        game.values, fig.current, fig.players, game.least_core, NUCLEOLUS_UP_TO
    ):
        text = finding.sentence.say(say, amount, join)
        lines = [bullet.say(say, amount, join) for bullet in finding.bullets]
        if finding.topic == "least_core" and finding.sentence.key == "fairness.core_unknown":
            st.caption(text)
            continue
        icon = ICONS.get((finding.topic, finding.tone), ":material/balance:")
        TONES[finding.tone](md("\n".join([text, *lines])), icon=icon)
        why_sections(ws, finding.groups)
    methods_stability(fig)


ws = workspace()
lang = current_language()
currency = ws.model.currency
st.title(t("fairness.title"))
st.caption(t("fairness.intro"))
size = len(ws.model.members)
if size < 2:
    st.info(t("fairness.one_member"), icon=":material/info:")
elif size > MAX_MEMBERS:
    st.warning(t("fairness.too_many", n=size, limit=MAX_MEMBERS), icon=":material/warning:")
else:
    fair = figures(ws)
    game_section(fair, currency, lang)
    shares_section(fair, ws, currency, lang)
    stability_section(fair, ws, currency, lang)
st.divider()
teaching_section(currency, lang)
