"""Value flows: who gives what to whom, as a graph to explore, and the flows table to edit."""

from __future__ import annotations

from typing import Any

import streamlit as st

from bm3c.edit.cooperation import model_data
from bm3c.edit.parts import replace_flows
from bm3c.engine import Evaluation
from bm3c.engine.network import EDGE_KINDS, FlowNetwork, filter_network
from bm3c.errors import InvalidModelError, Problem
from bm3c.model import MARKET, Cooperation
from bm3c.model.parts import FLOW_KINDS
from bm3c.present.graph import SELECTION, balance_table, chosen_node, clicked_node, flows_table
from bm3c.texts.format import SYMBOLS, money
from bm3c.ui.chart_files import vega_lite_chart
from bm3c.ui.i18n import current_language, t
from bm3c.ui.projector import graph_scale
from bm3c.ui.remembered import flow_chart_spec, session_network
from bm3c.ui.state import workspace
from bm3c.ui.widgets import table_editor

COLUMNS = ("from", "to", "kind", "label", "amount_eur", "description")


def filters(network: FlowNetwork) -> tuple[list[str], str | None]:
    """The flow kinds to show and, optionally, the one party to focus on."""
    names = {n.id: n.name for n in network.nodes}
    left, right = st.columns([3, 2])
    options: list[str] = list(EDGE_KINDS)
    kinds = left.multiselect(
        t("flows.filter_kinds"),
        options,
        default=options,
        format_func=lambda k: t(f"flows.kind.{k}"),
        help=t("flows.filter_kinds_help"),
        placeholder=t("streamlit.choose"),
        key="flows.kinds",
    )
    node = right.selectbox(
        t("flows.filter_node"),
        ["", *network.node_ids],
        format_func=lambda n: names.get(n, t("flows.all_nodes")),
        help=t("flows.filter_node_help"),
        key="flows.node",
    )
    return kinds, node or None


def kind_help() -> None:
    """One sentence per kind of flow, for those who never heard of them."""
    for column, kind in zip(st.columns(len(EDGE_KINDS)), EDGE_KINDS, strict=True):
        column.caption(f"**{t(f'flows.kind.{kind}')}** — {t(f'flows.kind_help.{kind}')}")


def graph(network: FlowNetwork, kinds: list[str], node: str | None) -> str | None:
    """The network drawn as chosen; returns the node clicked on the chart, if any."""
    ws = workspace()
    shown = filter_network(network, kinds, node)
    if not shown.edges:
        st.info(t("flows.no_edges"))
    event = vega_lite_chart(
        flow_chart_spec(ws.model, current_language(), kinds, node, text_scale=graph_scale()),
        # drawn for 1200 px, stretched to the page: wider on a projector, never cut
        width="stretch",
        on_select="rerun",
        selection_mode=SELECTION,
        key="flows.graph",
        title=t("flows.overview_title"),
    )
    st.caption(t("flows.chart_help"))
    return clicked_node(event, shown.node_ids)


def node_details(network: FlowNetwork, node: str, kinds: list[str], ev: Evaluation) -> None:
    """What one party receives and gives: totals per kind, then every line both ways."""
    lang = current_language()
    cur = network.currency
    st.subheader(t("flows.node_title", name=network.node(node).name))
    st.dataframe(
        balance_table(network, node, lang), hide_index=True, width="stretch", key="flows.balances"
    )
    if node == ev.shared_entity.id:
        st.caption(
            t("flows.shared_money_is_result", result=money(ev.shared_entity.result_eur, cur, lang))
        )
    elif node in ev.model.member_ids:
        m = ev.member(node)
        st.caption(
            t(
                "flows.member_cash",
                net=money(m.money_balance_eur, cur, lang),
                staff=money(m.staff_cost_eur, cur, lang),
                share=money(m.shared_share_eur, cur, lang),
                cash=money(m.cash_result_eur, cur, lang),
            )
        )
    inflows = [line for line in network.inflows(node) if line.kind in kinds]
    outflows = [line for line in network.outflows(node) if line.kind in kinds]
    left, right = st.columns(2)
    for column, title, lines, incoming in (
        (left, "flows.inflows", inflows, True),
        (right, "flows.outflows", outflows, False),
    ):
        with column:
            st.markdown(f"**{t(title)}**")
            if lines:
                st.dataframe(
                    flows_table(network, lines, lang, incoming=incoming),
                    hide_index=True,
                    width="stretch",
                    key=f"{title}.table",
                )
            else:
                st.caption(t("flows.nothing"))


def flows_model(coop: Cooperation, rows: list[dict[str, Any]]) -> Cooperation:
    """The model with ``rows`` as its flows; money and in-kind flows need an amount."""
    missing = [
        Problem(
            f"flows[{i}].amount_eur",
            t(
                "flows.amount_needed",
                label=row.get("label", "?"),
                kind=t(f"flows.kind.{row['kind']}").lower(),
            ),
        )
        for i, row in enumerate(rows)
        if row.get("kind") in ("money", "in_kind") and row.get("amount_eur") is None
    ]
    if missing:
        raise InvalidModelError(missing)
    return replace_flows(coop, rows)


def flows_editor(coop: Cooperation) -> None:
    """The model's ``flows:`` list, one row per flow, with select boxes for parties and kinds."""
    st.subheader(t("flows.edit_title"))
    st.caption(t("flows.edit_help"))
    names = {coop.shared_entity.id: coop.shared_entity.name}
    names |= {m.id: m.name for m in coop.members} | {a.id: a.name for a in coop.actors}
    names[MARKET] = t("flows.market")

    def party(label: str) -> Any:
        return st.column_config.SelectboxColumn(
            t(f"flows.col_{label}"),
            options=list(names),
            format_func=lambda i: names.get(str(i), str(i)),
            required=True,
            help=t(f"flows.col_{label}_help"),
        )

    table_editor(
        "flows.flows",
        model_data(coop).get("flows", []),
        COLUMNS,
        lambda rows: flows_model(workspace().model, rows),
        what=t("flows.edit_what"),
        column_config={
            "from": party("from"),
            "to": party("to"),
            "kind": st.column_config.SelectboxColumn(
                t("flows.col_kind"),
                options=list(FLOW_KINDS),
                format_func=lambda k: t(f"flows.kind.{k}"),
                required=True,
                help=t("flows.col_kind_help"),
            ),
            "label": st.column_config.TextColumn(
                t("flows.col_label"), required=True, help=t("flows.col_label_help")
            ),
            "amount_eur": st.column_config.NumberColumn(
                t("flows.col_amount", currency=SYMBOLS.get(coop.currency, coop.currency)),
                format="localized",
                help=t("flows.col_amount_help"),
            ),
            "description": st.column_config.TextColumn(t("flows.col_description")),
        },
    )


ws = workspace()
network = session_network(ws.model, current_language())
st.title(t("nav.flows"))
st.caption(t("flows.intro"))
kinds, focus = filters(network)
kind_help()
clicked = graph(network, kinds, focus)
chosen = chosen_node(clicked, focus, st.session_state.get("flows.chosen"))
st.session_state["flows.chosen"] = (clicked, focus, chosen)
if chosen in network.node_ids:
    node_details(network, chosen, kinds, ws.evaluation())
flows_editor(ws.model)
