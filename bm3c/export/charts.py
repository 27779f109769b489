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
from bm3c.present.charts_activities import activity_titles, results_chart
from bm3c.present.charts_scenarios import column_labels, figure_bars, figure_bars_data
from bm3c.present.charts_sharing import alone_and_within_chart
from bm3c.present.charts_work import chart_spec, load_data, load_labels
from bm3c.present.colours import party_colours
from bm3c.present.graph import value_flow_chart
from bm3c.texts.i18n import translate

__all__ = ["MAX_BARS", "ReportChart", "best_and_worst", "report_charts"]


#: A chart of one bar per row with more bars than this shows only its best and worst half.
MAX_BARS = 50


@dataclass(frozen=True)
class ReportChart:
    """One chart: a file name (``value-flows``), its title and its complete Vega-Lite spec.

    ``whole`` is the number of bars before a long chart was cut to its best and
    worst (:func:`best_and_worst`); 0 when it shows everything.
    """

    name: str
    title: str
    spec: dict[str, Any]
    whole: int = 0


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
                value_flow_chart(network, lang, colours=party_colours(coop)).to_dict(
                    validate=False
                ),
            )
        )
        members = alone_and_within_chart(ev, lang)
        charts.append(
            ReportChart("members-alone-and-within", tr("sharing.cooperation_chart"), _spec(members))
        )
        if ev.activities:
            labels = activity_titles(lang)
            spec, whole = best_and_worst(_spec(results_chart(ev, lang, labels)))
            charts.append(ReportChart("activities", labels["title"], spec, whole))
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


def best_and_worst(spec: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A chart of many bars cut to its :data:`MAX_BARS` ``// 2`` best and worst bars.

    Only a single-layer chart of one bar per row (``height: {step}``, no
    ``yOffset``) with more than :data:`MAX_BARS` rows is cut: hundreds of bars
    fill pages and say less than the best and the worst, while the tables list
    every row. Returns the chart and its number of bars before the cut (0 when
    it is whole).
    """
    rows = _inline_rows(spec)
    encoding = spec.get("encoding", {})
    field = encoding.get("x", {}).get("field")
    if (
        not isinstance(spec.get("height"), dict)
        or "yOffset" in encoding
        or field is None
        or rows is None
        or len(rows) <= MAX_BARS
    ):
        return spec, 0
    ranked = sorted(rows, key=lambda r: -float(r[field]))
    cut = {key: value for key, value in spec.items() if key != "datasets"}
    cut["data"] = {"values": ranked[: MAX_BARS // 2] + ranked[-(MAX_BARS // 2) :]}
    return cut, len(rows)


def _inline_rows(spec: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The chart's rows when they are inline (``data.values`` or a named dataset)."""
    data = spec.get("data")
    if not isinstance(data, dict):
        return None
    rows = data.get("values", spec.get("datasets", {}).get(data.get("name")))
    return rows if isinstance(rows, list) else None
