"""Plain-text rendering of evaluations and comparisons for the terminal, in French or English.

Names, not ids: members, activities and carriers by name, impacts by their
declared label with their unit. Money and hours in the app's formats
(:mod:`bm3c.texts.format`), so the terminal and the app show the same figures.
Texts are ``cli.*`` keys of ``bm3c/texts/locales/cli.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from bm3c.engine import Comparison, Evaluation
from bm3c.engine.cash import StillDue
from bm3c.engine.plan import PartyPlan, PlanEvaluation, break_even_year
from bm3c.engine.plan_tables import still_due_by_month
from bm3c.present.charts_impacts import quantity, summary_rows
from bm3c.present.problems import localize_problem
from bm3c.texts.format import hours, money, percent
from bm3c.texts.i18n import catalog, translate

__all__ = [
    "render_cash_low",
    "render_comparison",
    "render_evaluation",
    "render_plan",
    "render_plans_compared",
    "render_table",
    "say",
    "say_count",
]


def say(key: str, lang: str, **values: Any) -> str:
    """The command line's text ``cli.KEY`` in ``lang``."""
    return str(translate(f"cli.{key}", lang, **values))


def say_count(key: str, count: int, lang: str, **values: Any) -> str:
    """``cli.KEY.one`` or ``cli.KEY.other`` by ``count`` (0 and 1 are singular in French)."""
    singular = count <= 1 if lang == "fr" else count == 1
    return say(f"{key}.{'one' if singular else 'other'}", lang, count=count, **values)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], align_left: int = 1) -> str:
    """A fixed-width table; the first ``align_left`` columns left-aligned, others right."""
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < align_left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _rule_name(rule: str, lang: str) -> str:
    key = f"sharing.rule.{rule}"
    return str(translate(key, lang)) if key in catalog() else rule.replace("_", " ")


def _with_unit(value: float, unit: str | None, lang: str) -> str:
    return f"{quantity(value, lang)} {unit}" if unit else quantity(value, lang)


def _title(text: str) -> list[str]:
    return [text, "=" * len(text), ""]


def render_evaluation(ev: Evaluation, lang: str = "en", year: str | None = None) -> str:
    """The evaluation as text: members, shared entity, collective, activities, impacts, checks.

    ``year``: the plan year evaluated ("2028"), named in the title.
    """
    cur = ev.currency

    def cash(value: float) -> str:
        return money(value, cur, lang)

    scenario = say("eval.base", lang) if ev.scenario == "base" else ev.scenario_name
    parts = _title(" — ".join([ev.cooperation, scenario, *([year] if year else [])]))
    member_rows = [
        [
            m.name if m.in_cooperation else say("eval.leaves", lang, name=m.name),
            cash(m.cash_result_eur),
            cash(m.stand_alone_result_eur),
            cash(m.gain_from_cooperation_eur),
            cash(m.economic_result_eur),
            cash(m.shared_share_eur),
            hours(m.paid_hours, lang),
            hours(m.volunteer_hours, lang),
            percent(m.load_ratio, lang) + (" !" if m.overloaded else ""),
        ]
        for m in ev.members
    ]
    header = [
        say(f"eval.{key}", lang)
        for key in (
            "member",
            "cash_result",
            "alone",
            "gain",
            "economic",
            "share",
            "paid_hours",
            "volunteer_hours",
            "load",
        )
    ]
    period = say(f"period.{ev.period}", lang)
    parts += [say("eval.members", lang, period=period), render_table(header, member_rows), ""]
    se = ev.shared_entity
    rule = _rule_name(se.rule_used, lang)
    parts += [
        say("eval.shared_entity", lang, name=se.name),
        render_table(
            [say("eval.figure", lang), say("eval.amount", lang)],
            [
                [say("eval.result", lang), cash(se.result_eur)],
                [say("eval.reserve", lang), cash(se.reserve_eur)],
                [say("eval.distributed", lang, rule=rule), cash(se.distributed_eur)],
            ],
        ),
        "",
    ]
    c = ev.collective
    parts += [
        say("eval.collective", lang),
        render_table(
            [say("eval.figure", lang), say("eval.amount", lang)],
            [
                [say("eval.external_revenue", lang), cash(c.external_revenue_eur)],
                [say("eval.external_costs", lang), cash(c.external_cost_eur)],
                [say("eval.staff_costs", lang), cash(c.staff_cost_eur)],
                [say("eval.result", lang), cash(c.result_eur)],
                [say("eval.volunteer_value", lang), cash(c.volunteer_value_eur)],
            ],
        ),
        "",
    ]
    names = {m.id: m.name for m in ev.members} | {se.id: se.name}
    activity_rows = [
        [
            a.name,
            names.get(a.carrier, a.carrier),
            cash(a.revenue_eur),
            cash(a.cost_eur),
            cash(a.staff_cost_eur),
            cash(a.result_eur),
            hours(a.paid_hours, lang),
            hours(a.volunteer_hours, lang),
        ]
        for a in ev.activities
    ]
    activity_header = [
        say(f"eval.{key}", lang)
        for key in (
            "activity",
            "carrier",
            "revenue",
            "costs",
            "staff",
            "result",
            "paid_hours",
            "volunteer_hours",
        )
    ]
    parts += [
        say("eval.activities", lang),
        render_table(activity_header, activity_rows, align_left=2),
        "",
    ]
    impacts = summary_rows(ev, lang)
    if impacts:
        impact_rows = [
            [
                r.label,
                _with_unit(r.members, r.unit, lang),
                _with_unit(r.shared_entity, r.unit, lang),
                _with_unit(r.territory, r.unit, lang),
            ]
            for r in impacts
        ]
        impact_header = [
            say(f"eval.{key}", lang)
            for key in ("indicator", "members_level", "collective_level", "territory_level")
        ]
        parts += [say("eval.impacts", lang), render_table(impact_header, impact_rows), ""]
    if ev.everyone_gains:
        parts.append(say("eval.everyone_gains", lang))
    else:
        losing = ", ".join(m.name for m in ev.members if m.id in ev.losing_members)
        parts.append(say("eval.some_lose", lang, names=losing))
    parts += [say("warning", lang, message=localize_problem(str(w), lang)) for w in ev.warnings]
    return "\n".join(parts) + "\n"


FIGURES = (
    ("compare.cash_result", "cash_result_eur", "member", "money"),
    ("compare.gain", "gain_from_cooperation_eur", "member", "money"),
    ("compare.share", "shared_share_eur", "member", "money"),
    ("compare.hours_paid", "hours_paid", "member", "hours"),
    ("compare.shared_result", "result_eur", "shared_entity", "money"),
    ("compare.shared_reserve", "reserve_eur", "shared_entity", "money"),
    ("compare.collective_result", "result_eur", "collective", "money"),
)


def render_comparison(cmp: Comparison, lang: str = "en", year: str | None = None) -> str:
    """Base against each scenario, figure by figure, with differences.

    Columns are headed by scenario id (short); each id's name is listed under the title.
    ``year``: the plan year compared ("2028"), named in the title.
    """
    base = cmp.base
    names = {m.id: m.name for m in base.members} | {base.shared_entity.id: base.shared_entity.name}
    scenario_names = {e.scenario: e.scenario_name for e in cmp.scenarios}
    headers = ["", say("compare.base", lang)]
    for sid in cmp.scenario_ids:
        headers += [sid, f"Δ {sid}"]
    title = say("compare.title", lang, name=base.cooperation)
    parts = _title(f"{title} — {year}" if year else title)
    parts += [
        say("pair", lang, name=sid, value=scenario_names.get(sid, sid)) for sid in cmp.scenario_ids
    ] + [""]
    for key, figure, scope, unit in FIGURES:
        wide = cmp.wide(figure, scope)
        rows = []
        for entity, values in wide.iterrows():
            cells = [names.get(str(entity), say(f"compare.{scope}", lang))]
            for column in wide.columns:
                value = values[column]
                amount = None if value != value else float(value)
                text = (
                    money(amount, base.currency, lang) if unit == "money" else _hours(amount, lang)
                )
                positive = amount is not None and round(amount, 2) > 0
                cells.append(("+" + text) if column.startswith("Δ") and positive else text)
            rows.append(cells)
        parts += [say(key, lang), render_table(headers, rows), ""]
    verdicts = [(say("compare.base", lang), base.everyone_gains)]
    verdicts += [(e.scenario, e.everyone_gains) for e in cmp.scenarios]
    gains = [say("pair", lang, name=k, value=say("yes" if v else "no", lang)) for k, v in verdicts]
    parts.append(say("compare.everyone_gains", lang, list=", ".join(gains)))
    return "\n".join(parts) + "\n"


def _hours(value: float | None, lang: str) -> str:
    return "–" if value is None else hours(value, lang)


def _party_name(party: PartyPlan, lang: str) -> str:
    return say("plan.shared_name", lang, name=party.name) if party.shared_entity else party.name


def _break_even(year: int | None, lang: str) -> str:
    return say("plan.never", lang) if year is None else str(year)


def render_plan(plan: PlanEvaluation, lang: str = "en") -> str:
    """Each party's result per plan year, cumulated, and its break-even year; then the collective.

    The shared entity's result is before its reserve; a break-even year is the
    first from which the result stays ≥ 0 to the plan's end.
    """
    cur = plan.years[0].currency
    years = plan.calendar_years
    head = [say("plan.party", lang), *(str(y) for y in years)]
    head += [say("plan.cumulated", lang), say("plan.break_even", lang)]
    rows = [
        [
            _party_name(p, lang),
            *(money(r, cur, lang) for r in p.results),
            money(p.cumulated[-1], cur, lang),
            _break_even(p.break_even_year, lang),
        ]
        for p in plan.parties
    ]
    collective = plan.collective_results
    rows.append(
        [
            say("plan.collective", lang),
            *(money(r, cur, lang) for r in collective),
            money(list(accumulate(collective))[-1], cur, lang),
            _break_even(break_even_year(collective, years[0]), lang),
        ]
    )
    gains = [say("plan.everyone_gains", lang), *(say(_yes(g), lang) for g in plan.everyone_gains)]
    rows.append([*gains, "", ""])
    title = say("plan.title", lang, first=years[0], last=years[-1])
    return "\n".join([title, render_table(head, rows), say("plan.note", lang)]) + "\n"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _still_due_what(due: StillDue, lang: str) -> str:
    return say(f"plan.due.{due.kind}", lang, label=due.label)


def render_cash_low(plan: PlanEvaluation, lang: str = "en") -> str:
    """Each party's cash low point: when, how much cash it needs; then what falls after the plan.

    Balances are at each month's end, from the opening cash; the cash needed is
    minus the low point (0 when the balance never goes below zero).
    """
    cur = plan.years[0].currency
    opening = dict(zip(plan.cash.parties, plan.cash.opening, strict=True))
    head = [
        say(f"plan.{key}", lang)
        for key in ("party", "opening", "low", "low_month", "needed", "below_zero", "due_after")
    ]
    rows = [
        [
            _party_name(p, lang),
            money(float(opening[p.id]), cur, lang),
            money(p.cash_low.eur, cur, lang),
            p.cash_low.month,
            money(p.cash_needed_eur, cur, lang),
            str(len(p.months_below_zero)),
            _signed(p.due_after_eur, cur, lang),
        ]
        for p in plan.parties
    ]
    parts = [say("plan.cash_title", lang), render_table(head, rows)]
    if plan.cash.still_due:
        names = {p.id: _party_name(p, lang) for p in plan.parties}
        due_head = [say(f"plan.{key}", lang) for key in ("party", "due_what", "month", "amount")]
        due_rows = [
            [
                names.get(d.party, d.party),
                _still_due_what(d, lang),
                d.month,
                _signed(d.eur, cur, lang),
            ]
            for d in still_due_by_month(plan.cash)
        ]
        due_table = render_table(due_head, due_rows, align_left=3)
        parts += ["", say("plan.due_title", lang), due_table]
    return "\n".join(parts) + "\n"


def render_plans_compared(plans: Sequence[PlanEvaluation], lang: str = "en") -> str:
    """Over the whole plan, base and each scenario: each party's break-even year and cash low point.

    ``plans[0]`` is the base's, the others the scenarios' (columns headed by their id).
    """
    first = plans[0]
    cur = first.years[0].currency
    headers = [say("plan.party", lang), say("compare.base", lang)]
    headers += [plan.years[0].scenario for plan in plans[1:]]
    even_rows, low_rows = [], []
    for party in first.parties:
        found = [next((p for p in plan.parties if p.id == party.id), None) for plan in plans]
        name = _party_name(party, lang)
        even_rows.append(
            [name, *("–" if p is None else _break_even(p.break_even_year, lang) for p in found)]
        )
        lows = [
            "–" if p is None else f"{money(p.cash_low.eur, cur, lang)} ({p.cash_low.month})"
            for p in found
        ]
        low_rows.append([name, *lows])
    years = first.calendar_years
    return (
        "\n".join(
            [
                say("plan.compare_break_even", lang, first=years[0], last=years[-1]),
                render_table(headers, even_rows),
                "",
                say("plan.compare_cash_low", lang),
                render_table(headers, low_rows),
            ]
        )
        + "\n"
    )


def _signed(value: float, currency: str, lang: str) -> str:
    """An amount still due, + when received, − when paid."""
    text = money(value, currency, lang)
    return "+" + text if round(value, 2) > 0 else text
