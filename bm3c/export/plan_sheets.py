"""The workbook's sheets of the plan over time (DOMAIN Part 3), as plain data.

For a model with ``plan``: the plan sheet (each party's result per year,
cumulated, its break-even year; each party's cash low point and the cash it
needs; what falls after the plan), the cash-plan sheet (a row per party, a
column per month: month-end balances) and, for a plan of several years, one
results sheet per year (« Résultats 2028 »). Every figure is the engine's
(:func:`~bm3c.engine.plan.evaluate_plan`), unrounded.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from typing import Any

from bm3c.engine import Evaluation
from bm3c.engine.cash import StillDue
from bm3c.engine.plan import PartyPlan, PlanEvaluation, break_even_year
from bm3c.engine.plan_tables import still_due_by_month
from bm3c.export.sheets import Column, Kind, Measure, Sheet, Table, Value
from bm3c.texts.format import SYMBOLS
from bm3c.texts.i18n import translate

__all__ = ["SHEET_NAME_MAX", "plan_sheets"]

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""

Translate = Callable[..., str]


def plan_sheets(plan: PlanEvaluation, lang: str) -> tuple[Sheet, ...]:
    """The plan sheet, the cash-plan sheet, then a results sheet per year (several years only)."""

    def tr(key: str, **values: Any) -> str:
        return str(translate(key, lang, **values))

    sheets = [_plan(plan, tr), _cash(plan, tr)]
    if len(plan.years) > 1:
        sheets += [_year(plan, i, year, tr) for i, year in enumerate(plan.calendar_years)]
    return tuple(sheets)


def _name(party: PartyPlan, tr: Translate) -> str:
    return tr("workbook.plan.shared_name", name=party.name) if party.shared_entity else party.name


def _money(plan: PlanEvaluation, tr: Translate, key: str, **values: Any) -> Column:
    symbol = SYMBOLS.get(plan.years[0].currency, plan.years[0].currency)
    return Column(tr(key, symbol=symbol, **values), "money")


def _break_even(year: int | None, tr: Translate) -> Value:
    return tr("workbook.plan.never") if year is None else float(year)


def _plan(plan: PlanEvaluation, tr: Translate) -> Sheet:
    """Results per year with their break-even; the cash low points; what falls after the plan."""
    years = plan.calendar_years
    columns = [Column(tr("common.member")), Column(tr("structures.id"))]
    columns += [Column(str(y), "money") for y in years]
    columns += [
        Column(tr("workbook.plan.cumulated"), "money"),
        Column(tr("workbook.plan.break_even"), help=tr("workbook.plan.break_even_help")),
    ]
    rows: list[tuple[Value, ...]] = [
        (
            _name(p, tr),
            p.id,
            *p.results,
            p.cumulated[-1],
            _break_even(p.break_even_year, tr),
        )
        for p in plan.parties
    ]
    collective = plan.collective_results
    rows.append(
        (
            tr("workbook.level.collective"),
            None,
            *collective,
            list(accumulate(collective))[-1],
            _break_even(break_even_year(collective, years[0]), tr),
        )
    )
    gains = (_yes_no(g, tr) for g in plan.everyone_gains)
    rows.append((tr("workbook.everyone_gains"), None, *gains, None, None))
    results = Table(tuple(columns), tuple(rows), filtered=False)
    opening = dict(zip(plan.cash.parties, plan.cash.opening, strict=True))
    cash_columns = (
        Column(tr("common.member")),
        Column(tr("structures.id")),
        _money(plan, tr, "workbook.plan.opening"),
        _money(plan, tr, "workbook.plan.low"),
        Column(tr("workbook.plan.low_month")),
        Column(tr("workbook.plan.needed"), "money", tr("workbook.plan.needed_help")),
        Column(tr("workbook.plan.below_zero"), "hours"),
        Column(tr("workbook.plan.due_after"), "money", tr("workbook.plan.due_after_help")),
    )
    cash_rows = tuple(
        (
            _name(p, tr),
            p.id,
            float(opening[p.id]),
            p.cash_low.eur,
            p.cash_low.month,
            p.cash_needed_eur,
            float(len(p.months_below_zero)),
            float(p.due_after_eur),
        )
        for p in plan.parties
    )
    tables = [results, Table(cash_columns, cash_rows, filtered=False)]
    if plan.cash.still_due:
        tables.append(_still_due(plan, tr))
    notes = (tr("workbook.plan.note"),)
    name = tr("workbook.plan.sheet.plan", first=years[0], last=years[-1])
    return Sheet(name, tuple(tables), notes, names_first=True)


def _still_due(plan: PlanEvaluation, tr: Translate) -> Table:
    names = {p.id: _name(p, tr) for p in plan.parties}

    def what(due: StillDue) -> str:
        return tr(f"workbook.plan.due.{due.kind}", label=due.label)

    columns = (
        Column(tr("common.member")),
        Column(tr("workbook.plan.due_what")),
        Column(tr("workbook.plan.month")),
        Column(tr("workbook.plan.due_amount"), "money"),
    )
    dues = still_due_by_month(plan.cash)
    rows = tuple((names.get(d.party, d.party), what(d), d.month, d.eur) for d in dues)
    return Table(columns, rows, filtered=False)


def _cash(plan: PlanEvaluation, tr: Translate) -> Sheet:
    """A row per party, its opening cash, then a column per month: the month-end balance."""
    cash = plan.cash
    columns = (
        Column(tr("common.member")),
        Column(tr("structures.id")),
        _money(plan, tr, "workbook.plan.opening"),
        *(Column(month, "money") for month in cash.months),
    )
    parties = {p.id: p for p in plan.parties}
    balances = cash.balances
    rows: tuple[tuple[Value, ...], ...] = tuple(
        (
            _name(parties[party], tr),
            party,
            float(cash.opening[i]),
            *(float(v) for v in balances[i]),
        )
        for i, party in enumerate(cash.parties)
    )
    table = Table(columns, rows, filtered=False)
    notes = (tr("workbook.plan.cash_note"),)
    return Sheet(tr("workbook.plan.sheet.cash"), (table,), notes, names_first=True)


def _yes_no(value: bool, tr: Translate) -> str:
    return tr("workbook.yes") if value else tr("workbook.no")


def _year(plan: PlanEvaluation, index: int, year: int, tr: Translate) -> Sheet:
    """One plan year: each member's figures and cash, the whole's figures, the activities."""
    ev = plan.years[index]
    parties = {p.id: p for p in plan.parties}

    def cash(member: str, figures: str) -> float | None:
        party = parties.get(member)
        return None if party is None else getattr(party, figures)[index]

    figures: list[tuple[str, str, Kind]] = [
        ("cash_result_eur", "common.cash_result", "money"),
        ("stand_alone_result_eur", "common.stand_alone", "money"),
        ("gain_from_cooperation_eur", "common.gain", "money"),
        ("shared_share_eur", "common.share", "money"),
        ("paid_hours", "common.paid_hours", "hours"),
        ("volunteer_hours", "common.volunteer_hours", "hours"),
        ("load_ratio", "common.load", "ratio"),
    ]
    columns = [Column(tr("common.member")), Column(tr("structures.id"))]
    columns += [Column(tr(key), kind) for _, key, kind in figures]
    columns += [
        Column(tr("workbook.plan.cash_flow"), "money"),
        Column(tr("workbook.plan.cash_end"), "money"),
    ]
    member_rows = tuple(
        (
            m.name,
            m.id,
            *(getattr(m, field) for field, _, _ in figures),
            cash(m.id, "cash_flows"),
            cash(m.id, "cash_ends"),
        )
        for m in ev.members
    )
    members = Table(tuple(columns), member_rows)
    whole = _whole(ev, plan.shared_entity, index, tr)
    return Sheet(
        tr("workbook.plan.sheet.year", year=year)[:SHEET_NAME_MAX],
        (members, whole, _activities(ev, tr)),
        names_first=True,
    )


def _whole(ev: Evaluation, entity: PartyPlan, index: int, tr: Translate) -> Table:
    """The shared entity's and the collective's figures of the year, item by item."""
    se, c = ev.shared_entity, ev.collective
    items: list[tuple[str, Value]] = [
        (tr("sharing.shared_result"), Measure(se.result_eur, "money")),
        (tr("sharing.reserve_amount"), Measure(se.reserve_eur, "money")),
        (tr("sharing.distributed"), Measure(se.distributed_eur, "money")),
        (tr("workbook.plan.shared_cash_flow"), Measure(entity.cash_flows[index], "money")),
        (tr("workbook.plan.shared_cash_end"), Measure(entity.cash_ends[index], "money")),
        (tr("workbook.external_revenue"), Measure(c.external_revenue_eur, "money")),
        (tr("workbook.external_cost"), Measure(c.external_cost_eur, "money")),
        (tr("workbook.total_staff_cost"), Measure(c.staff_cost_eur, "money")),
        (tr("overview.collective_result"), Measure(c.result_eur, "money")),
        (tr("overview.volunteer_value"), Measure(c.volunteer_value_eur, "money")),
        (tr("workbook.everyone_gains"), _gains(ev, tr)),
    ]
    columns = (Column(tr("workbook.item")), Column(tr("workbook.value")))
    return Table(columns, tuple(items), filtered=False)


def _gains(ev: Evaluation, tr: Translate) -> str:
    losing = [ev.member(m).name for m in ev.losing_members]
    return tr("common.some_lose", names=losing) if losing else tr("workbook.yes")


def _activities(ev: Evaluation, tr: Translate) -> Table:
    names = {m.id: m.name for m in ev.members} | {ev.shared_entity.id: ev.shared_entity.name}
    columns = (
        Column(tr("common.activity")),
        Column(tr("common.carrier")),
        Column(tr("activities.revenue"), "money"),
        Column(tr("activities.costs"), "money"),
        Column(tr("activities.staff_cost"), "money"),
        Column(tr("activities.result"), "money"),
        Column(tr("common.paid_hours"), "hours"),
        Column(tr("common.volunteer_hours"), "hours"),
    )
    rows = tuple(
        (
            a.name,
            names.get(a.carrier, a.carrier),
            a.revenue_eur,
            a.cost_eur,
            a.staff_cost_eur,
            a.result_eur,
            a.paid_hours,
            a.volunteer_hours,
        )
        for a in ev.activities
    )
    return Table(columns, rows, filtered=False)
