"""What the workshop report needs beyond the evaluation itself, in the report's language.

The template (``templates/report.html.j2``) reads the evaluation, the scenario
comparison and the model directly; this module prepares what takes more than a
loop: the summary sentences, the app's own tables (activities, load, work lines,
flows), the cooperation game of the fairness section, each scenario against the
base. Money is written as the app writes it (``1 234,50 €``, ``€1,234.50``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from markupsafe import Markup, escape

from bm3c.engine import Comparison, Evaluation
from bm3c.engine.network import FlowNetwork
from bm3c.errors import Problem
from bm3c.model import Cooperation
from bm3c.present.charts_activities import (
    activity_titles,
    own_activities_table,
    shared_activities_table,
)
from bm3c.present.graph import line_text
from bm3c.present.problems import localize_problem
from bm3c.present.work_tables import members_table, work_rows
from bm3c.rules import rule_help, rule_name
from bm3c.texts.format import MINUS, hours, money
from bm3c.texts.grammar import agree
from bm3c.texts.i18n import catalog, translate

__all__ = [
    "MAX_BREAKDOWN_CARDS",
    "MAX_FLOW_ROWS",
    "MAX_WORK_ROWS",
    "Cell",
    "Note",
    "Row",
    "Table",
    "Writer",
    "activity_tables",
    "broken_scenarios",
    "flow_table",
    "frame_table",
    "largest_flows",
    "load_table",
    "scenario",
    "summary",
    "verdict",
    "work_table",
]

Array = npt.NDArray[np.float64]

#: At most this many flows in the flows table (the largest); a sentence counts the rest.
MAX_FLOW_ROWS = 60

#: Beyond this many work lines, the work table has one row per member (see :func:`work_table`).
MAX_WORK_ROWS = 80

#: Up to this many members, each member's path to its cash result is a small table of its
#: own; beyond, one table gives every member's path in net steps (:func:`breakdown_table`).
MAX_BREAKDOWN_CARDS = 12


@dataclass(frozen=True)
class Writer:
    """Texts and numbers in the report's language and currency, as the app writes them."""

    lang: str
    currency: str

    def __call__(self, key: str, **values: Any) -> str:
        """The catalog text for ``key`` with its fields filled (escaped later, by the template)."""
        return str(translate(key, self.lang, **values))

    def rich(self, key: str, **values: Any) -> Markup:
        """The text for ``key`` as HTML: its ``**bold**`` kept, every field escaped.

        Some catalog texts are Markdown for the app (a bold name, a leading ``- ``):
        the text is escaped, only those marks become HTML, then the fields go in escaped.
        """
        raw, words = agree(catalog()[key][self.lang].removeprefix("- "), values, self.lang)
        html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", str(escape(raw)))
        return Markup(html).format(**words)

    def money(self, value: float | None, decimals: int = 2, signed: bool = False) -> str:
        """Money (``1 234,50 €``); ``signed`` writes a ``+`` before a positive difference."""
        text = money(value, self.currency, self.lang, decimals)
        return "+" + text if signed and value is not None and round(value, decimals) > 0 else text

    def columns(self, *keys: str) -> list[tuple[str, bool]]:
        """Column titles from text keys; a key written ``#key`` is a column of numbers."""
        return [(self(key.removeprefix("#")), key.startswith("#")) for key in keys]

    def rule(self, rule: str) -> str:
        """A sharing rule's name as the Sharing page writes it (its id when unnamed)."""
        return rule_name(rule, self.lang)

    def rule_help(self, rule: str) -> str:
        """A sharing rule's one-sentence explanation, as the Sharing page writes it."""
        return rule_help(rule, self.lang)


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, the figure it shows (``data-figure``) and its tone (``loss``)."""

    text: str
    figure: str = ""
    tone: str = ""


@dataclass(frozen=True)
class Row:
    """A table row; ``data`` becomes its ``data-*`` attributes, ``style`` its class."""

    cells: tuple[Cell, ...]
    data: tuple[tuple[str, str], ...] = ()
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A table of texts: ``numeric`` columns hold numbers (aligned right, never wrapped).

    ``widths`` gives each column's share of the page width, in percent: a table
    printed with fixed widths is much faster to lay out than one whose every
    cell the printer must measure.
    """

    id: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class Note:
    """A sentence that stands out: ``tone`` is ``ok``, ``warn`` or ``info``."""

    text: str
    tone: str


def _cell(text: str, figure: str = "") -> Cell:
    return Cell(text, figure, "loss" if text.startswith(MINUS) else "")


def _table(
    table_id: str,
    columns: Sequence[tuple[str, bool]],
    widths: Sequence[float],
    rows: Iterable[Row],
    grouped: bool = False,
) -> Table:
    """A table from (title, numeric) columns; ``grouped`` writes a repeated first cell once."""
    made, previous = [], None
    for r in rows:
        first = r.cells[0].text
        if grouped and first == previous:
            r = Row((Cell(""), *r.cells[1:]), r.data, r.style)
        elif grouped:
            r = Row(r.cells, r.data, f"{r.style} group-start".strip())
        made.append(r)
        previous = first
    titles, numeric = tuple(c for c, _ in columns), tuple(n for _, n in columns)
    return Table(table_id, titles, numeric, tuple(made), tuple(widths))


def frame_table(
    table_id: str,
    frame: pd.DataFrame,
    text_columns: int,
    widths: Sequence[float],
    data: Sequence[dict[str, str]],
    grouped: bool = False,
) -> Table:
    """One of the app's tables of texts, each row given its ``data-*`` ids."""
    rows = (
        Row(tuple(_cell(str(v)) for v in values), tuple(ids.items()))
        for values, ids in zip(frame.itertuples(index=False), data, strict=True)
    )
    columns = [(str(c), k >= text_columns) for k, c in enumerate(frame.columns)]
    return _table(table_id, columns, widths, rows, grouped)


def verdict(ev: Evaluation, w: Writer) -> Note:
    """Whether every member gains from cooperating, else who loses and how much."""
    if ev.everyone_gains:
        return Note(w("common.everyone_gains"), "ok")
    losing = [m for m in ev.members if m.id in ev.losing_members]
    names = [f"{m.name} ({w.money(m.gain_from_cooperation_eur)})" for m in losing]
    return Note(w("report.some_lose", names=names), "warn")


def summary(ev: Evaluation, w: Writer) -> list[Note]:
    """The cooperation in plain words: the collective, the shared entity, who gains."""
    se, collective = ev.shared_entity, ev.collective
    shared = {"name": se.name, "result": w.money(abs(se.result_eur))}
    if se.result_eur > 0:
        reserve, distributed = w.money(se.reserve_eur), w.money(se.distributed_eur)
        text = w("report.summary_surplus", **shared, reserve=reserve, distributed=distributed)
    else:
        text = w("report.summary_deficit" if se.result_eur < 0 else "report.summary_even", **shared)
    amount = w.money(collective.result_eur)
    notes = [
        Note(w("report.summary_collective", count=len(ev.members), amount=amount), ""),
        Note(text, ""),
        verdict(ev, w),
    ]
    volunteer = sum(m.volunteer_hours for m in ev.members)
    if volunteer > 0:
        value = w.money(collective.volunteer_value_eur)
        notes.append(
            Note(w("report.summary_volunteer", hours=hours(volunteer, w.lang), amount=value), "")
        )
    return notes


def largest_flows(network: FlowNetwork, w: Writer) -> tuple[FlowNetwork, str]:
    """The network with its :data:`MAX_FLOW_ROWS` largest flows only, every party kept.

    Returns the network to draw and list, and a sentence saying how many flows
    are left out and their total ("" when none is): a graph of hundreds of
    arrows reads as nothing on paper, and takes long to print.
    """
    edges = network.edges
    if len(edges) <= MAX_FLOW_ROWS:
        return network, ""
    ranked = sorted(range(len(edges)), key=lambda k: -(edges[k].amount_eur or 0.0))
    kept = set(ranked[:MAX_FLOW_ROWS])
    shown = tuple(e for k, e in enumerate(edges) if k in kept)
    total = w.money(sum(e.amount_eur or 0.0 for k, e in enumerate(edges) if k not in kept))
    left_out = w(
        "report.flows_left_out", shown=len(shown), count=len(edges) - len(shown), total=total
    )
    return FlowNetwork(network.nodes, shown, network.currency), left_out


def flow_table(network: FlowNetwork, w: Writer) -> Table:
    """The flows between parties, one row per pair and kind, with their lines."""
    names = {n.id: n.name for n in network.nodes}
    edges = network.edges
    separator = " ; " if w.lang == "fr" else "; "
    rows = (
        Row(
            (
                Cell(names[e.source]),
                Cell(names[e.target]),
                Cell(w(f"flows.kind.{e.kind}")),
                Cell(w.money(e.amount_eur), "amount"),
                Cell(hours(e.hours, w.lang) if e.hours is not None else ""),
                Cell(
                    separator.join(
                        [line_text(line, w.lang) for line in e.lines[:3]]
                        + ([w("flows.more", count=len(e.lines) - 3)] if len(e.lines) > 3 else [])
                    )
                ),
            ),
            (("source", e.source), ("target", e.target), ("kind", e.kind)),
        )
        for e in edges
    )
    columns = w.columns(
        "flows.from", "flows.to", "flows.kind", "#flows.amount", "#flows.hours", "flows.details"
    )
    return _table("flows", columns, (17, 17, 11, 13, 8, 34), rows, grouped=True)


def activity_tables(ev: Evaluation, w: Writer) -> tuple[Table, Table]:
    """The shared entity's activities, and each member's own, as the Activities page has them."""
    labels = activity_titles(w.lang)
    coop = ev.model
    shared_ids = [{"activity": a.id} for a in coop.activities if a.carrier == coop.shared_entity.id]
    own_ids = [
        {"activity": a.id} for m in coop.members for a in coop.activities if a.carrier == m.id
    ]
    shared = shared_activities_table(ev, w.lang, labels)
    own = own_activities_table(ev, w.lang, labels)
    return (
        frame_table("shared-activities", shared, 1, (30, 14, 14, 14, 15, 13), shared_ids),
        frame_table("own-activities", own, 2, (15, 25, 12, 12, 12, 13, 11), own_ids, True),
    )


def load_table(ev: Evaluation, w: Writer) -> Table:
    """Each member's hours, capacity, load and results, as the Work page has them."""
    columns = {
        "member": w("common.member"),
        "paid_hours": w("common.paid_hours"),
        "volunteer_hours": w("common.volunteer_hours"),
        "capacity": w("work.capacity"),
        "load": w("common.load"),
        "cash_result": w("common.cash_result"),
        "gain": w("common.gain"),
    }
    frame = members_table(ev, w.lang, columns, w("work.overload_flag"))
    widths = (20, 11, 11, 11, 17, 15, 15)
    load = frame_table("load", frame, 1, widths, [{"member": m.id} for m in ev.members])
    rows = tuple(
        Row(r.cells, r.data, "flagged" if m.overloaded else "")
        for r, m in zip(load.rows, ev.members, strict=True)
    )
    return Table(load.id, load.headers, load.numeric, rows, load.widths)


def work_table(coop: Cooperation, w: Writer) -> Table:
    """Every work line, member by member (model order), activities in model order.

    Beyond :data:`MAX_WORK_ROWS` lines, one row per member with its lines written
    out (activity, carrier, hours): as readable on paper, and much faster to print.
    """
    order = {m: k for k, m in enumerate(coop.member_ids)}
    lines = sorted(work_rows(coop, w.lang), key=lambda r: order[r["member"]])
    if len(lines) > MAX_WORK_ROWS:
        return _work_by_member(coop, lines, w)
    rows = (
        Row(
            (
                Cell(r["member_name"]),
                Cell(r["activity_name"]),
                Cell(r["carrier_name"]),
                Cell(hours(r["paid_hours"], w.lang), "paid_hours"),
                Cell(hours(r["volunteer_hours"], w.lang), "volunteer_hours"),
                Cell(w("scenarios.yes") if r["reimbursed"] else ""),
                Cell(r["staff_cost"], "staff_cost"),
            ),
            (("member", r["member"]), ("activity", r["activity"])),
        )
        for r in lines
    )
    columns = w.columns(
        "common.member",
        "common.activity",
        "common.carrier",
        "#common.paid_hours",
        "#common.volunteer_hours",
        "work.reimbursed",
        "#work.staff_cost",
    )
    return _table("work-lines", columns, (16, 24, 17, 10, 10, 10, 13), rows, grouped=True)


def _work_by_member(coop: Cooperation, lines: Sequence[dict[str, Any]], w: Writer) -> Table:
    """One row per member: ``Activity (carrier): 120 h paid, 40 h volunteer · ...``."""
    carriers = {a.id: a.carrier for a in coop.activities}
    given: dict[str, list[str]] = {m: [] for m in coop.member_ids}
    for r in lines:
        paid = "report.work_paid_reimbursed" if r["reimbursed"] else "report.work_paid"
        amounts = [w(paid, hours=hours(r["paid_hours"], w.lang))] if r["paid_hours"] else []
        if r["volunteer_hours"]:
            amounts.append(w("report.work_volunteer", hours=hours(r["volunteer_hours"], w.lang)))
        own = carriers[r["activity"]] == r["member"]
        given[r["member"]].append(
            w(
                "report.work_entry",
                activity=r["activity_name"],
                carrier=w("report.work_own") if own else r["carrier_name"],
                hours=", ".join(amounts),
            )
        )
    rows = (
        Row((Cell(m.name), Cell(" · ".join(given[m.id]))), (("member", m.id),))
        for m in coop.members
        if given[m.id]
    )
    return _table("work-lines", w.columns("common.member", "report.work_given"), (16, 84), rows)


def scenario(comparison: Comparison, sid: str, w: Writer) -> dict[str, Any]:
    """Scenario ``sid`` against the base, for the template's tables.

    ``cash`` and ``gain`` map each member id to its figure in the ``base``, in
    the scenario (key ``sid``) and their difference (key ``Δ sid``); ``shared``
    maps each shared entity figure (``result_eur``...) to the same three values.
    """
    ev = next(e for e in comparison.scenarios if e.scenario == sid)
    entity = comparison.base.shared_entity.id
    return {
        "id": sid,
        "name": ev.scenario_name,
        "description": comparison.base.model.scenario(sid).description or "",
        "verdict": verdict(ev, w),
        "cash": comparison.wide("cash_result_eur").to_dict(orient="index"),
        "gain": comparison.wide("gain_from_cooperation_eur").to_dict(orient="index"),
        "shared": {
            figure: comparison.wide(figure, "shared_entity").to_dict(orient="index")[entity]
            for figure in ("result_eur", "reserve_eur", "distributed_eur")
        },
    }


def broken_scenarios(
    coop: Cooperation, broken: Mapping[str, Sequence[Problem]], w: Writer
) -> list[str]:
    """Each problem of the scenarios that no longer apply, after the scenario's name."""
    colon = " : " if w.lang == "fr" else ": "
    return [
        f"{coop.scenario(sid).name}{colon}{localize_problem(str(p), w.lang)}"
        for sid, problems in broken.items()
        for p in problems
    ]
