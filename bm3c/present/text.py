"""Plain-text rendering of evaluations and comparisons for the terminal."""

from __future__ import annotations

import math
from collections.abc import Sequence

from bm3c.engine import Comparison, Evaluation

__all__ = ["format_money", "render_comparison", "render_evaluation", "render_table"]


def format_money(value: float | None, decimals: int = 0) -> str:
    """``12,345`` style, with a true minus sign kept readable; ``-`` for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    text = f"{value:,.{decimals}f}"
    return "0" if text in ("-0", "-0.00") else text


def _hours(value: float) -> str:
    return f"{value:,.0f}"


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


def render_evaluation(ev: Evaluation) -> str:
    """The evaluation as text: members, shared entity, collective, activities, checks."""
    cur = ev.currency
    title = f"{ev.cooperation} — {'base' if ev.scenario == 'base' else ev.scenario_name}"
    parts = [title, "=" * len(title), ""]
    member_rows = [
        [
            m.name if m.in_cooperation else f"{m.name} (leaves: alone)",
            format_money(m.cash_result_eur),
            format_money(m.stand_alone_result_eur),
            format_money(m.gain_from_cooperation_eur),
            format_money(m.economic_result_eur),
            format_money(m.shared_share_eur),
            _hours(m.paid_hours),
            _hours(m.volunteer_hours),
            "-" if m.load_ratio is None else f"{m.load_ratio:.0%}" + (" !" if m.overloaded else ""),
        ]
        for m in ev.members
    ]
    parts += [
        f"Members ({cur} per {ev.period})",
        render_table(
            [
                "Member",
                "Cash result",
                "Alone",
                "Gain",
                "Economic",
                "Share",
                "Paid h",
                "Volunteer h",
                "Load",
            ],
            member_rows,
        ),
        "",
    ]
    se = ev.shared_entity
    rule = se.rule_used.replace("_", " ")
    parts += [
        f"Shared entity: {se.name}",
        render_table(
            ["Figure", cur],
            [
                ["Result", format_money(se.result_eur)],
                ["Reserve", format_money(se.reserve_eur)],
                [f"Distributed ({rule})", format_money(se.distributed_eur)],
            ],
        ),
        "",
    ]
    c = ev.collective
    parts += [
        "Collective (consolidated)",
        render_table(
            ["Figure", cur],
            [
                ["External revenue", format_money(c.external_revenue_eur)],
                ["External costs", format_money(c.external_cost_eur)],
                ["Staff costs", format_money(c.staff_cost_eur)],
                ["Result", format_money(c.result_eur)],
                ["Volunteer time (valued, not in results)", format_money(c.volunteer_value_eur)],
            ],
        ),
        "",
    ]
    activity_rows = [
        [
            a.name,
            a.carrier + (" (shared)" if a.shared else ""),
            format_money(a.revenue_eur),
            format_money(a.cost_eur),
            format_money(a.staff_cost_eur),
            format_money(a.result_eur),
            _hours(a.paid_hours),
            _hours(a.volunteer_hours),
        ]
        for a in ev.activities
    ]
    parts += [
        "Activities",
        render_table(
            ["Activity", "Carrier", "Revenue", "Costs", "Staff", "Result", "Paid h", "Volunteer h"],
            activity_rows,
            align_left=2,
        ),
        "",
    ]
    if ev.impacts.collective:
        impact_rows = [
            [key, format_money(total, 2), format_money(ev.impacts.shared_entity(key), 2)]
            for key, total in ev.impacts.collective.items()
        ]
        parts += [
            "Impacts",
            render_table(["Indicator", "Collective", "Shared entity"], impact_rows),
            "",
        ]
    losing = ", ".join(m.name for m in ev.members if m.id in ev.losing_members)
    verdict = "yes" if ev.everyone_gains else f"no — losing: {losing}"
    parts.append(f"Everyone gains from the cooperation: {verdict}")
    parts += [f"warning: {w}" for w in ev.warnings]
    return "\n".join(parts) + "\n"


def render_comparison(cmp: Comparison) -> str:
    """Base against each scenario, figure by figure, with differences."""
    names = {m.id: m.name for m in cmp.base.members}
    headers = ["", "base"]
    for sid in cmp.scenario_ids:
        headers += [sid, f"Δ {sid}"]
    title = f"{cmp.base.cooperation} — scenarios compared ({cmp.base.currency})"
    parts = [title, "=" * len(title), ""]
    for label, figure, scope in (
        ("Cash result", "cash_result_eur", "member"),
        ("Gain from cooperation", "gain_from_cooperation_eur", "member"),
        ("Share of the shared entity's result", "shared_share_eur", "member"),
        ("Hours (paid)", "hours_paid", "member"),
        ("Shared entity result", "result_eur", "shared_entity"),
        ("Shared entity reserve", "reserve_eur", "shared_entity"),
        ("Collective result", "result_eur", "collective"),
    ):
        wide = cmp.wide(figure, scope)
        rows = []
        for entity, values in wide.iterrows():
            cells = [names.get(str(entity), str(entity))]
            for column in wide.columns:
                value = values[column]
                text = format_money(None if value != value else float(value))
                cells.append(("+" + text) if column.startswith("Δ") and value > 0.5 else text)
            rows.append(cells)
        parts += [label, render_table(headers, rows), ""]
    gains = ["base: " + ("yes" if cmp.base.everyone_gains else "no")]
    gains += [f"{e.scenario}: {'yes' if e.everyone_gains else 'no'}" for e in cmp.scenarios]
    parts.append("Everyone gains — " + ", ".join(gains))
    return "\n".join(parts) + "\n"
