"""The main charts of a cooperation, as the app draws them, for files taken home.

The same builders as the app's pages, with their texts in the language asked:
the workbook and the report show exactly what the workshop saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from altair.utils.schemapi import debug_mode

from bm3c.engine import Comparison, Evaluation
from bm3c.engine.network import flow_network
from bm3c.ui.charts_activities import results_chart
from bm3c.ui.charts_scenarios import column_labels, figure_bars, figure_bars_data
from bm3c.ui.charts_sharing import alone_and_within_chart
from bm3c.ui.charts_work import chart_spec, load_data, load_labels
from bm3c.ui.graph import value_flow_chart
from bm3c.ui.i18n import translate

__all__ = ["ReportChart", "report_charts"]


@dataclass(frozen=True)
class ReportChart:
    """One chart: a file name (``value-flows``), its title and its complete Vega-Lite spec."""

    name: str
    title: str
    spec: dict[str, Any]


def report_charts(
    ev: Evaluation, lang: str, comparison: Comparison | None = None
) -> tuple[ReportChart, ...]:
    """The value-flow graph, members alone vs within, activities, work load, scenarios.

    ``comparison`` adds the members' cash result per scenario when it has scenarios.
    """

    def tr(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    coop = ev.model
    cur = ev.currency
    charts: list[ReportChart] = []
    with debug_mode(False):  # the builders' own tests validate their specs
        network = flow_network(coop, market_name=tr("flows.market"))
        charts.append(
            ReportChart(
                "value-flows",
                tr("flows.overview_title"),
                value_flow_chart(network, lang, compact=False).to_dict(validate=False),
            )
        )
        members = alone_and_within_chart(ev, lang)
        charts.append(
            ReportChart("members-alone-and-within", tr("sharing.cooperation_chart"), _spec(members))
        )
        if ev.activities:
            labels = {
                "title": tr("activities.chart_title"),
                "activity": tr("common.activity"),
                "result": tr("activities.result"),
                "carrier": tr("common.carrier"),
            }
            charts.append(
                ReportChart("activities", labels["title"], _spec(results_chart(ev, lang, labels)))
            )
        work_labels = load_labels(lang)
        work = chart_spec("load", cur, lang, work_labels, len(ev.members))
        work["data"] = {"values": _records(load_data(ev, lang, work_labels))}
        work["width"] = 720
        charts.append(ReportChart("work-load", work_labels["title"], work))
        if comparison is not None and comparison.scenarios:
            names = column_labels(
                tr("common.base"), [(e.scenario, e.scenario_name) for e in comparison.scenarios]
            )
            bars = figure_bars(
                figure_bars_data(comparison, "cash_result_eur", names, lang),
                title=tr("scenarios.chart_cash"),
                value_title=tr("common.cash_result"),
                member_title=tr("common.member"),
                scenario_title=tr("scenarios.scenario"),
                lang=lang,
                currency=cur,
            )
            charts.append(ReportChart("scenarios", tr("scenarios.chart_cash"), _spec(bars)))
    return tuple(charts)


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict(validate=False)
    if "width" not in spec and "layer" not in spec:
        spec["width"] = 720
    return spec


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]
