"""Fairness: the cooperation as a game, fair shares, stability, and a three-player workshop.

From top to bottom: what every group of members would make on its own (the game's
values); the current sharing beside five fair-division methods; whether the
current sharing gives some group a reason to leave; and a small three-player
game the facilitator types in, drawn as the triangle of splits. Nothing here
edits the model; the numbers come from :mod:`bm3c.fairness`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import streamlit as st

from bm3c.engine.game import MAX_MEMBERS, coalition_values
from bm3c.fairness import (
    LeastCore,
    blocking_sentence,
    check_stability,
    is_in_core,
    is_individually_rational,
    least_core,
    nucleolus,
    shapley,
)
from bm3c.fairness.game import MAX_EXACT_PLAYERS
from bm3c.fairness.stability import tolerance
from bm3c.fairness.triangle import core_polygon, imputation_triangle
from bm3c.present.charts_fairness import (
    ALL_COALITIONS_UP_TO,
    METHODS,
    NUCLEOLUS_UP_TO,
    SAMPLED_PAIRS,
    WORKSHOP_GAME,
    Allocations,
    allocation_chart,
    allocation_frame,
    allocation_table,
    coalition_table,
    compare_allocations,
    join_names,
    three_player_game,
    triangle_chart,
)
from bm3c.texts.format import money
from bm3c.texts.i18n import catalog
from bm3c.ui.chart_files import altair_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.state import Workspace, workspace

Array = npt.NDArray[np.float64]

CACHE = "fairness.figures"


def md(text: str) -> str:
    """Text for ``st.markdown``: a dollar sign is money, not the start of a formula."""
    return text.replace("$", "\\$")


@dataclass(frozen=True, eq=False)
class Figures:
    """The game of the open model and what the page computes from it."""

    players: tuple[str, ...]
    values: Array
    current: Array  # each member's cash result under the current sharing
    allocations: Allocations
    least_core: LeastCore | None  # None beyond NUCLEOLUS_UP_TO members


def figures(ws: Workspace) -> Figures:
    """The figures of the open model, computed once per model version."""
    cached = st.session_state.get(CACHE)
    if cached is not None and cached[0] == ws.version:
        result: Figures = cached[1]
        return result
    model, ev = ws.model, ws.evaluation()
    n = len(model.members)
    v = coalition_values(model)
    result = Figures(
        players=tuple(m.name for m in model.members),
        values=v,
        current=np.array([ev.member(m).cash_result_eur for m in model.member_ids]),
        allocations=compare_allocations(v, n),
        least_core=least_core(v) if n <= NUCLEOLUS_UP_TO else None,
    )
    st.session_state[CACHE] = (ws.version, result)
    return result


def rule_name(rule: str) -> str:
    """A sharing rule's name as the sharing page writes it (its id when unnamed)."""
    key = f"sharing.rule.{rule}"
    return t(key) if key in catalog() else rule


def game_section(fig: Figures, currency: str, lang: str) -> None:
    """What all make together, each alone, the surplus, and the value of the groups."""
    st.subheader(t("fairness.game_title"))
    st.markdown(t("fairness.game_explained"))
    v, n = fig.values, len(fig.players)
    alone = float(v[1 << np.arange(n)].sum())
    together = float(v[-1])
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("fairness.all_together"),
        money(together, currency, lang),
        help=t("fairness.all_together_help"),
    )
    c2.metric(
        t("fairness.each_alone"), money(alone, currency, lang), help=t("fairness.each_alone_help")
    )
    c3.metric(
        t("fairness.surplus"),
        money(together - alone, currency, lang),
        help=t("fairness.surplus_help"),
    )
    if together < alone:
        st.caption(t("fairness.negative_surplus"))
    count = (1 << n) - 1
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
        coalition_table(v, fig.players, columns, currency, lang),
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
            surplus=rule_name(sharing.surplus),
            deficit=rule_name(sharing.deficit),
        )
    )
    n = len(fig.players)
    v = fig.values
    compared = compared_allocations(fig)
    table = allocation_table(
        fig.players,
        {t("fairness.alone"): v[1 << np.arange(n)]} | compared,
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
            for m in fig.allocations
        },
    )
    if fig.allocations.shapley_margin is not None:
        st.caption(
            t(
                "fairness.shapley_estimated",
                n=n,
                limit=MAX_EXACT_PLAYERS,
                orders=2 * SAMPLED_PAIRS,
                margin=money(float(fig.allocations.shapley_margin.max()), currency, lang, 0),
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
    v = fig.values
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
        method_title(m): x for m, x in fig.allocations.items()
    }


def stability_section(fig: Figures, currency: str, lang: str) -> None:
    """Does each member get at least its alone value, which groups would leave, the core."""
    st.subheader(t("fairness.stability_title"))
    st.markdown(t("fairness.stability_intro"))
    v, x = fig.values, fig.current
    report = check_stability(v, x, k=5)
    if report.individually_rational:
        st.success(t("fairness.rational_yes"), icon=":material/check_circle:")
    else:
        lines = [
            t(
                "fairness.below_alone",
                name=fig.players[i],
                received=money(float(x[i]), currency, lang, 0),
                alone=money(float(v[1 << i]), currency, lang, 0),
                short=money(float(v[1 << i] - x[i]), currency, lang, 0),
            )
            for i in report.below_stand_alone
        ]
        st.warning(md("\n".join([t("fairness.rational_no"), *lines])), icon=":material/warning:")
    if report.in_core:
        st.success(t("fairness.core_yes"), icon=":material/verified:")
    else:
        and_word = t("fairness.and")
        lines = []
        for coalition in report.blocking:
            sentence = blocking_sentence(coalition, fig.players)
            lines.append(
                t(
                    f"fairness.sentence.{sentence.key}",
                    names=join_names(sentence.names, and_word),
                    amount=money(sentence.amount, currency, lang, 0),
                )
            )
        st.warning(md("\n".join([t("fairness.core_no"), *lines])), icon=":material/group_remove:")
    lc = fig.least_core
    if lc is None:
        st.caption(t("fairness.core_unknown", limit=NUCLEOLUS_UP_TO))
    elif lc.core_is_empty:
        amount = money(lc.epsilon, currency, lang, 0)
        st.error(md(t("fairness.core_empty", amount=amount)), icon=":material/balance:")
    elif -lc.epsilon > tolerance(v):
        amount = money(-lc.epsilon, currency, lang, 0)
        st.info(md(t("fairness.core_not_empty", amount=amount)), icon=":material/balance:")
    else:
        st.info(t("fairness.core_touching"), icon=":material/balance:")
    methods_stability(fig)


def teaching_inputs(currency: str) -> tuple[tuple[str, str, str], Array] | None:
    """The facilitator's three names and seven values; None when the names do not do."""
    st.markdown(f"**{t('fairness.teach_names')}**")
    name_cols = st.columns(3)
    names = tuple(
        str(
            col.text_input(
                t("fairness.teach_player", k=k + 1),
                value=t(f"fairness.teach_default_{k + 1}"),
                key=f"fairness.teach.name.{k}",
            )
        ).strip()
        for k, col in enumerate(name_cols)
    )
    if any(not name for name in names) or len(set(names)) < 3:
        st.warning(t("fairness.teach_same_names"), icon=":material/edit:")
        return None
    a, b, c = names
    st.markdown(f"**{t('fairness.teach_values', currency=currency)}**")
    labels = {
        1: t("fairness.teach_alone", name=a),
        2: t("fairness.teach_alone", name=b),
        4: t("fairness.teach_alone", name=c),
        3: f"{a} + {b}",
        5: f"{a} + {c}",
        6: f"{b} + {c}",
        7: t("fairness.teach_all"),
    }
    values: dict[int, float] = {}
    rows = ((1, 2, 4), (3, 5, 6), (7,))
    for row in rows:
        cols = st.columns(3)
        for col, mask in zip(cols, row, strict=False):
            values[mask] = float(
                col.number_input(
                    labels[mask],
                    value=WORKSHOP_GAME[mask],
                    step=1000.0,
                    format="%.0f",
                    key=f"fairness.teach.v.{mask}",
                )
            )
    v = three_player_game(
        (values[1], values[2], values[4]), (values[3], values[5], values[6]), values[7]
    )
    return (a, b, c), v


def teaching_section(currency: str, lang: str) -> None:
    """A three-player game typed in: its Shapley value, nucleolus and triangle of splits."""
    st.subheader(t("fairness.teach_title"))
    st.markdown(t("fairness.teach_intro"))
    typed = teaching_inputs(currency)
    if typed is None:
        return
    players, v = typed
    points = {
        t("fairness.method.shapley"): shapley(v),
        t("fairness.method.nucleolus"): nucleolus(v),
    }
    texts = {
        "title": t("fairness.triangle_title"),
        "imputations": t("fairness.imputations"),
        "core": t("fairness.core"),
        "point": t("fairness.point"),
        "all_to": t("fairness.all_to", name="{name}"),
    }
    chart_col, text_col = st.columns([1, 1])
    with text_col:
        st.markdown(f"**{t('fairness.teach_result')}**")
        st.dataframe(
            allocation_table(
                players,
                {t("fairness.teach_alone_column"): v[[1, 2, 4]]} | points,
                t("common.member"),
                currency,
                lang,
                decimals=0,
            ),
            hide_index=True,
            width="stretch",
            key="fairness.teach.table",
        )
        has_triangle = bool(imputation_triangle(v))
        if not has_triangle:
            st.warning(t("fairness.teach_triangle_empty"), icon=":material/warning:")
        elif not core_polygon(v):
            st.warning(t("fairness.teach_core_empty"), icon=":material/warning:")
        else:
            st.success(t("fairness.teach_core"), icon=":material/check_circle:")
        if has_triangle:
            total = money(float(v[7]), currency, lang, 0)
            st.caption(md(t("fairness.teach_reading", total=total)))
    with chart_col:
        altair_chart(
            triangle_chart(v, players, points, texts=texts, currency=currency, lang=lang),
            width="content",
            key="fairness.triangle",
            title=t("fairness.teach_title"),
        )


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
    stability_section(fair, currency, lang)
st.divider()
teaching_section(currency, lang)
