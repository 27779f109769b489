"""The workbook's tables as plain data: what each sheet shows, in the language asked.

No spreadsheet library here (``workbook.py`` writes these to a file). Every
figure comes from the engine unrounded; a number cell's unit is its column's
kind, or its own when wrapped in :class:`Measure` (tables whose rows mix money,
hours and ratios). Members and activities are in id order, as the engine gives
them; lines and flows in the model's own order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bm3c.engine import Comparison, Evaluation, impacts_table, workload_table
from bm3c.engine.game import required_members
from bm3c.engine.tables import BREAKDOWN_KEYS
from bm3c.errors import Problem
from bm3c.model import Cooperation
from bm3c.model.parts import MARKET
from bm3c.present.alone_words import alone_sentences, policy_text
from bm3c.present.charts_scenarios import column_labels
from bm3c.present.problems import localize_problem
from bm3c.rules import rule_name
from bm3c.texts.format import SYMBOLS
from bm3c.texts.i18n import translate

__all__ = ["Column", "Kind", "Measure", "Sheet", "Table", "Value", "cooperation_sheets"]

Kind = Literal["text", "money", "hours", "ratio", "number"]


@dataclass(frozen=True)
class Measure:
    """A number with its own unit, in a column whose rows mix units."""

    value: float | None
    kind: Kind


Value = str | float | Measure | None


@dataclass(frozen=True)
class Column:
    """A column: its title, the unit of its numbers and an optional explanation."""

    title: str
    kind: Kind = "text"
    help: str | None = None


@dataclass(frozen=True)
class Table:
    """A header row and its rows; ``filtered`` tables get the sheet's autofilter."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    filtered: bool = True


@dataclass(frozen=True)
class Sheet:
    """One sheet: tables one under the other, then sentences (notes) under them.

    ``names_first``: the first column holds names, kept in view when scrolling.
    """

    name: str
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
    names_first: bool = False


Translate = Callable[..., str]
Read = Callable[[Any], Value]

#: Catalog key of each figure of the scenario comparison, in the order shown.
FIGURE_KEYS = {
    ("member", "cash_result_eur"): "common.cash_result",
    ("member", "stand_alone_result_eur"): "common.stand_alone",
    ("member", "gain_from_cooperation_eur"): "common.gain",
    ("member", "economic_result_eur"): "common.economic_result",
    ("member", "shared_share_eur"): "common.share",
    ("member", "hours_paid"): "common.paid_hours",
    ("member", "hours_volunteer"): "common.volunteer_hours",
    ("member", "load_ratio"): "common.load",
    ("shared_entity", "result_eur"): "sharing.shared_result",
    ("shared_entity", "reserve_eur"): "sharing.reserve_amount",
    ("shared_entity", "distributed_eur"): "sharing.distributed",
    ("collective", "external_revenue_eur"): "workbook.external_revenue",
    ("collective", "external_cost_eur"): "workbook.external_cost",
    ("collective", "staff_cost_eur"): "workbook.total_staff_cost",
    ("collective", "result_eur"): "overview.collective_result",
}
SCOPES = ("member", "shared_entity", "collective")


def cooperation_sheets(
    ev: Evaluation,
    comparison: Comparison,
    broken: Mapping[str, tuple[Problem, ...]],
    lang: str,
) -> tuple[Sheet, ...]:
    """Every table sheet of the workbook, for the base evaluation ``ev``.

    Args:
        ev: The base case's evaluation.
        comparison: The base and the scenarios that apply (none: a sheet says so).
        broken: Scenarios left out of ``comparison``, with why (named on that sheet).
        lang: ``fr`` or ``en``.

    """

    def tr(key: str, **values: Any) -> str:
        return str(translate(key, lang, **values))

    return (
        _summary(ev, tr, lang),
        _members(ev, tr),
        _activities(ev, tr),
        _lines(ev, tr),
        _work(ev, tr),
        _flows(ev, tr),
        _member_results(ev, tr),
        _alone(ev, tr, lang),
        _shared_entity(ev, tr, lang),
        _scenarios(comparison, broken, tr, lang),
        _impacts(ev, tr, lang),
    )


def _table(columns: Sequence[tuple[Column, Read]], items: Iterable[Any]) -> Table:
    """One row per item, each column reading its value from the item."""
    return Table(
        tuple(c for c, _ in columns), tuple(tuple(read(i) for _, read in columns) for i in items)
    )


def _figures(rows: Sequence[tuple[str, Value]], tr: Translate) -> Table:
    """An item | value table (a figure per row), leaving out what the model does not give."""
    columns = (Column(tr("workbook.item")), Column(tr("workbook.value")))
    return Table(columns, tuple(r for r in rows if r[1] is not None), filtered=False)


def _yes_no(value: bool, tr: Translate) -> str:
    return tr("workbook.yes") if value else tr("workbook.no")


def _gains(ev: Evaluation, tr: Translate) -> str:
    losing = [ev.member(m).name for m in ev.losing_members]
    return tr("common.some_lose", names=losing) if losing else tr("workbook.yes")


def _names(coop: Cooperation, tr: Translate) -> dict[str, str]:
    """Display name of every party and activity, the market included."""
    names = {MARKET: tr("flows.market")} | {a.id: a.name for a in coop.actors}
    names |= {m.id: m.name for m in coop.members} | {a.id: a.name for a in coop.activities}
    names[coop.shared_entity.id] = coop.shared_entity.name
    return names


def _money(ev: Evaluation, tr: Translate, key: str, **values: str) -> Column:
    """A money column whose title names the currency symbol."""
    symbol = SYMBOLS.get(ev.currency, ev.currency)
    return Column(tr(key, symbol=symbol, currency=symbol, **values), "money")


def _summary(ev: Evaluation, tr: Translate, lang: str) -> Sheet:
    coop, c, se = ev.model, ev.collective, ev.shared_entity
    figures = _figures(
        [
            (tr("workbook.cooperation"), coop.name),
            (tr("structures.description"), coop.description),
            (tr("workbook.currency"), coop.currency),
            (tr("workbook.period"), tr(f"workbook.period.{coop.period}")),
            (tr("workbook.external_revenue"), Measure(c.external_revenue_eur, "money")),
            (tr("workbook.external_cost"), Measure(c.external_cost_eur, "money")),
            (tr("workbook.total_staff_cost"), Measure(c.staff_cost_eur, "money")),
            (tr("overview.collective_result"), Measure(c.result_eur, "money")),
            (tr("overview.volunteer_value"), Measure(c.volunteer_value_eur, "money")),
            (tr("sharing.shared_result"), Measure(se.result_eur, "money")),
            (tr("overview.reserve"), Measure(se.reserve_eur, "money")),
            (tr("workbook.everyone_gains"), _gains(ev, tr)),
        ],
        tr,
    )
    if not ev.warnings:
        return Sheet(tr("workbook.sheet.summary"), (figures,))
    warnings = tuple((localize_problem(str(w), lang),) for w in ev.warnings)
    listed = Table((Column(tr("common.warnings")),), warnings, filtered=False)
    return Sheet(tr("workbook.sheet.summary"), (figures, listed))


def _members(ev: Evaluation, tr: Translate) -> Sheet:
    coop = ev.model
    columns: list[tuple[Column, Read]] = [
        (Column(tr("structures.name")), lambda m: m.name),
        (Column(tr("structures.id")), lambda m: m.id),
        (Column(tr("structures.legal_form")), lambda m: m.legal_form),
        (_money(ev, tr, "structures.hourly_cost"), lambda m: m.hourly_cost_eur),
        (Column(tr("workbook.capacity_hours"), "hours"), lambda m: m.capacity_hours),
        (_money(ev, tr, "structures.volunteer_value"), coop.volunteer_hour_value),
        (Column(tr("structures.description")), lambda m: m.description),
    ]
    table = _table(columns, sorted(coop.members, key=lambda m: m.id))
    return Sheet(tr("workbook.sheet.members"), (table,), names_first=True)


def _activities(ev: Evaluation, tr: Translate) -> Sheet:
    coop, names = ev.model, _names(ev.model, tr)
    model = {a.id: a for a in coop.activities}
    columns: list[tuple[Column, Read]] = [
        (Column(tr("structures.name")), lambda a: a.name),
        (Column(tr("structures.id")), lambda a: a.id),
        (Column(tr("common.carrier")), lambda a: names[a.carrier]),
        (Column(tr("workbook.shared_activity")), lambda a: _yes_no(a.shared, tr)),
        (
            Column(tr("workbook.requires")),
            lambda a: ", ".join(names[m] for m in required_members(coop, model[a.id])),
        ),
        (Column(tr("activities.revenue"), "money"), lambda a: a.revenue_eur),
        (Column(tr("activities.costs"), "money"), lambda a: a.cost_eur),
        (Column(tr("activities.staff_cost"), "money"), lambda a: a.staff_cost_eur),
        (Column(tr("activities.result"), "money"), lambda a: a.result_eur),
        (Column(tr("common.paid_hours"), "hours"), lambda a: a.paid_hours),
        (Column(tr("common.volunteer_hours"), "hours"), lambda a: a.volunteer_hours),
        (Column(tr("overview.volunteer_value"), "money"), lambda a: a.volunteer_value_eur),
        (Column(tr("structures.description")), lambda a: model[a.id].description),
    ]
    table = _table(columns, ev.activities)
    return Sheet(tr("workbook.sheet.activities"), (table,), names_first=True)


def _lines(ev: Evaluation, tr: Translate) -> Sheet:
    """Every revenue and cost line (``side``, ``line``, ``party``, ``activity``), by activity."""
    names = _names(ev.model, tr)
    columns: list[tuple[Column, Read]] = [
        (Column(tr("common.activity")), lambda r: r[3].name),
        (Column(tr("common.carrier")), lambda r: names[r[3].carrier]),
        (Column(tr("workbook.side")), lambda r: tr(f"workbook.side.{r[0]}")),
        (Column(tr("activities.label")), lambda r: r[1].label),
        (Column(tr("activities.kind")), lambda r: tr(f"activities.kind.{r[1].kind}")),
        (Column(tr("workbook.counterparty")), lambda r: names[r[2]]),
        (Column(tr("activities.quantity"), "number"), lambda r: r[1].quantity),
        (_money(ev, tr, "activities.unit_price"), lambda r: r[1].unit_price_eur),
        (_money(ev, tr, "activities.amount"), lambda r: r[1].total_eur),
        (Column(tr("structures.description")), lambda r: r[1].description),
    ]
    lines = [
        item
        for a in sorted(ev.model.activities, key=lambda a: a.id)
        for item in (
            *(("revenue", line, line.payer, a) for line in a.revenues),
            *(("cost", line, line.payee, a) for line in a.costs),
        )
    ]
    return Sheet(tr("workbook.sheet.lines"), (_table(columns, lines),), names_first=True)


def _work(ev: Evaluation, tr: Translate) -> Sheet:
    names = _names(ev.model, tr)
    columns: list[tuple[Column, Read]] = [
        (Column(tr("common.member")), lambda w: names[w["member"]]),
        (Column(tr("common.activity")), lambda w: names[w["activity"]]),
        (Column(tr("common.carrier")), lambda w: names[w["carrier"]]),
        (Column(tr("common.paid_hours"), "hours"), lambda w: float(w["paid_hours"])),
        (Column(tr("common.volunteer_hours"), "hours"), lambda w: float(w["volunteer_hours"])),
        (Column(tr("work.reimbursed")), lambda w: _yes_no(bool(w["reimbursed"]), tr)),
        (Column(tr("work.staff_cost"), "money"), lambda w: float(w["staff_cost_eur"])),
        (
            Column(tr("overview.volunteer_value"), "money"),
            lambda w: float(w["volunteer_value_eur"]),
        ),
    ]
    table = _table(columns, workload_table(ev).to_dict(orient="records"))
    return Sheet(tr("workbook.sheet.work"), (table,), names_first=True)


def _flows(ev: Evaluation, tr: Translate) -> Sheet:
    names = _names(ev.model, tr)
    columns: list[tuple[Column, Read]] = [
        (Column(tr("flows.col_from")), lambda f: names[f.source]),
        (Column(tr("flows.col_to")), lambda f: names[f.target]),
        (Column(tr("flows.col_kind")), lambda f: tr(f"flows.kind.{f.kind}")),
        (Column(tr("flows.col_label")), lambda f: f.label),
        (_money(ev, tr, "flows.col_amount"), lambda f: f.amount_eur),
        (Column(tr("flows.col_description")), lambda f: f.description),
    ]
    table = _table(columns, ev.model.flows)
    return Sheet(tr("workbook.sheet.flows"), (table,), names_first=True)


def _member_results(ev: Evaluation, tr: Translate) -> Sheet:
    """Every figure of :class:`~bm3c.engine.MemberResult`, the breakdown of the cash result too."""
    figures: list[tuple[str, str, Kind]] = [
        ("cash_result_eur", "common.cash_result", "money"),
        ("stand_alone_result_eur", "common.stand_alone", "money"),
        ("gain_from_cooperation_eur", "common.gain", "money"),
        ("economic_result_eur", "common.economic_result", "money"),
        *((key, f"sharing.step.{key.removesuffix('_eur')}", "money") for key in BREAKDOWN_KEYS),
        ("paid_hours", "common.paid_hours", "hours"),
        ("volunteer_hours", "common.volunteer_hours", "hours"),
        ("volunteer_value_eur", "overview.volunteer_value", "money"),
        ("capacity_hours", "workbook.capacity_hours", "hours"),
        ("load_ratio", "common.load", "ratio"),
    ]
    explained = {"common.cash_result", "common.stand_alone", "common.gain", "common.load"}
    explained |= {"common.economic_result", "overview.volunteer_value"}

    def figure(field: str, key: str, kind: Kind) -> tuple[Column, Read]:
        help_text = tr(f"{key}_help") if key in explained else None
        return Column(tr(key), kind, help_text), lambda m: getattr(m, field)

    columns: list[tuple[Column, Read]] = [
        (Column(tr("common.member")), lambda m: m.name),
        (Column(tr("structures.id")), lambda m: m.id),
        *(figure(*f) for f in figures),
        (Column(tr("workbook.overloaded")), lambda m: _yes_no(m.overloaded, tr)),
    ]
    table = _table(columns, ev.members)
    return Sheet(tr("workbook.sheet.member_results"), (table,), names_first=True)


def _alone(ev: Evaluation, tr: Translate, lang: str) -> Sheet:
    """Each member's alone assumptions: the line or hours, its policy, amounts and sentence.

    The amount alone is what the line or hours come to for the member alone (0 when
    done without); the amount within the cooperation is the line's today (0 for
    hours, which cost the member nothing there).
    """
    name = tr("workbook.sheet.alone")
    sentences = alone_sentences(ev, lang)
    rows = [
        (m, a, sentence)
        for m in ev.members
        for a, sentence in zip(m.alone_assumptions, sentences[m.id], strict=True)
    ]
    if not rows:
        return Sheet(name, (), (tr("alone.sheet_none"),))
    columns: list[tuple[Column, Read]] = [
        (Column(tr("common.member")), lambda r: r[0].name),
        (Column(tr("alone.sheet_path")), lambda r: r[1].path),
        (Column(tr("alone.sheet_policy")), lambda r: policy_text(r[1].policy, lang)),
        (_money(ev, tr, "alone.sheet_amount"), lambda r: r[1].amount_eur),
        (_money(ev, tr, "alone.sheet_usual"), lambda r: r[1].usual_eur),
        (Column(tr("alone.sheet_sentence")), lambda r: r[2]),
    ]
    return Sheet(name, (_table(columns, rows),), (tr("alone.meaning"),), names_first=True)


def _shared_entity(ev: Evaluation, tr: Translate, lang: str) -> Sheet:
    se, entity = ev.shared_entity, ev.model.shared_entity
    figures = _figures(
        [
            (tr("structures.name"), se.name),
            (tr("structures.id"), se.id),
            (tr("structures.legal_form"), entity.legal_form),
            (tr("sharing.shared_result"), Measure(se.result_eur, "money")),
            (tr("sharing.reserve"), Measure(entity.reserve_fraction, "ratio")),
            (tr("sharing.reserve_amount"), Measure(se.reserve_eur, "money")),
            (tr("sharing.distributed"), Measure(se.distributed_eur, "money")),
            (tr("common.economic_result"), Measure(se.economic_result_eur, "money")),
            (tr("sharing.surplus"), rule_name(se.surplus_rule, lang)),
            (tr("sharing.deficit"), rule_name(se.deficit_rule, lang)),
            (tr("workbook.rule_used"), rule_name(se.rule_used, lang)),
        ],
        tr,
    )
    shared = se.distributed_eur
    columns: list[tuple[Column, Read]] = [
        (Column(tr("common.member")), lambda m: m.name),
        (Column(tr("structures.id")), lambda m: m.id),
        (
            Column(tr("common.share"), "money", tr("common.share_help")),
            lambda m: m.shared_share_eur,
        ),
        (
            Column(tr("workbook.share_of_distributed"), "ratio"),
            lambda m: m.shared_share_eur / shared if shared else None,
        ),
    ]
    shares = _table(columns, ev.members)
    return Sheet(tr("workbook.sheet.shared_entity"), (figures, shares))


def _scenarios(
    comparison: Comparison, broken: Mapping[str, tuple[Problem, ...]], tr: Translate, lang: str
) -> Sheet:
    """Each figure of each member, the shared entity and the whole: base, scenarios, Δ."""
    name, base = tr("workbook.sheet.scenarios"), comparison.base
    notes = tuple(
        tr(
            "workbook.broken_scenario",
            name=base.model.scenario(sid).name,
            problem=localize_problem(str(problem), lang),
        )
        for sid, problems in broken.items()
        for problem in problems
    )
    if not comparison.scenarios:
        return Sheet(name, (), notes or (tr("workbook.no_scenarios"),))
    evaluations = (base, *comparison.scenarios)
    labels = column_labels(
        tr("common.base"), [(e.scenario, e.scenario_name) for e in comparison.scenarios]
    )
    columns = [Column(tr(k)) for k in ("workbook.level", "structures.name", "structures.id")]
    columns += [Column(tr("workbook.figure")), Column(labels["base"])]
    for e in comparison.scenarios:
        label = labels[e.scenario]
        columns += [Column(label), Column(tr("scenarios.delta", name=label))]
    names = {m.id: m.name for e in evaluations for m in e.members}
    names |= {base.shared_entity.id: base.shared_entity.name}
    names["collective"] = tr("workbook.level.collective")
    cells: dict[tuple[str, str, str, str], Any] = {
        (str(r.scope), str(r.entity), str(r.figure), str(r.scenario)): r
        for r in comparison.table.itertuples()
    }
    order = {key: i for i, key in enumerate(FIGURE_KEYS)}
    keys = sorted(
        {(scope, entity, figure) for scope, entity, figure, _ in cells},
        key=lambda k: (SCOPES.index(k[0]), k[1], order[(k[0], k[2])]),
    )
    rows: list[tuple[Value, ...]] = []
    for scope, entity, figure in keys:
        kind: Kind = "money" if figure.endswith("_eur") else "hours"
        kind = "ratio" if figure.endswith("_ratio") else kind
        found = [cells.get((scope, entity, figure, e.scenario)) for e in comparison.scenarios]
        row: list[Value] = [
            tr(f"workbook.level.{scope}"),
            names[entity],
            entity if scope != "collective" else None,
            tr(FIGURE_KEYS[(scope, figure)]),
            Measure(_number(next(r.base for r in found if r is not None)), kind),
        ]
        for r in found:
            row += [
                Measure(_number(r and r.value), kind),
                Measure(_number(r and r.difference), kind),
            ]
        rows.append(tuple(row))
    gains = [_gains(e, tr) for e in evaluations]
    everyone = [tr("workbook.level.collective"), names["collective"], None]
    everyone += [tr("workbook.everyone_gains"), gains[0]]
    for gain in gains[1:]:
        everyone += [gain, None]
    rows.append(tuple(everyone))
    return Sheet(name, (Table(tuple(columns), tuple(rows)),), notes)


def _number(value: Any) -> float | None:
    """A figure of the comparison table, None where a scenario has none (NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _impacts(ev: Evaluation, tr: Translate, lang: str) -> Sheet:
    """Impact totals per carrier (structure or shared entity) and for the whole cooperation."""
    coop, names = ev.model, _names(ev.model, tr)
    totals = impacts_table(ev).to_dict(orient="records")
    if not totals:
        return Sheet(tr("workbook.sheet.impacts"), (), (tr("workbook.no_impacts"),))
    declared = {i.id: i for i in coop.indicators}

    def label(key: str) -> str:
        indicator = declared.get(key)
        if indicator is None:
            return key
        return indicator.label_fr if lang == "fr" else indicator.label_en

    def level(row: dict[Any, Any]) -> str:
        if row["level"] == "collective":
            return tr("impacts.territory_level")
        if row["carrier"] == coop.shared_entity.id:
            return tr("impacts.collective_level")
        return tr("workbook.impact_level.structure")

    def unit(key: str) -> str | None:
        indicator = declared.get(key)
        return indicator.unit if indicator else None

    columns: list[tuple[Column, Read]] = [
        (Column(tr("impacts.indicator")), lambda r: label(r["indicator"])),
        (Column(tr("workbook.indicator_key")), lambda r: r["indicator"]),
        (Column(tr("impacts.unit")), lambda r: unit(r["indicator"])),
        (Column(tr("impacts.level")), level),
        (Column(tr("common.carrier")), lambda r: names.get(r["carrier"] or "")),
        (Column(tr("impacts.value"), "number"), lambda r: float(r["value"])),
    ]
    return Sheet(tr("workbook.sheet.impacts"), (_table(columns, totals),))
