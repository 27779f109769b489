"""The scenario comparison turned round: one row per scenario, for when there are many.

With more than :data:`PIVOT_ABOVE` scenarios, a column per scenario (and one per
difference) runs off the screen; a row per scenario does not, and the newest
scenario sits at the top, right under the base case. Each cell holds the figure
and, in brackets, its difference to the base case; the tint of the cell says
whether that difference is a gain or a loss (:func:`~bm3c.present.charts_scenarios.styled`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from bm3c.engine import Comparison
from bm3c.engine.plan_comparison import Milestone, PlanComparison
from bm3c.present.charts_scenarios import BASE, ComparisonTable
from bm3c.texts.format import MINUS, money

__all__ = [
    "PIVOT_ABOVE",
    "break_even_rows",
    "cash_low_rows",
    "member_rows",
    "newest_first",
    "one_row_per_scenario",
    "shared_rows",
    "with_difference",
]

PIVOT_ABOVE = 3  # up to 3 scenarios: a column each; more: a row each
WHOLE = 0  # decimals in a pivoted cell: whole amounts keep the columns narrow


def one_row_per_scenario(count: int) -> bool:
    """Whether ``count`` compared scenarios are shown one per row."""
    return count > PIVOT_ABOVE


def newest_first(model_order: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """The ``chosen`` scenario ids, the last one added to the model first.

    Scenarios are appended to a model as they are made, so the model's order is
    their age: reversed, a scenario just made comes first.
    """
    wanted = set(chosen)
    return [sid for sid in reversed(model_order) if sid in wanted]


def with_difference(value: float, delta: float, currency: str, lang: str) -> str:
    """``16 400 € (+1 200 €)``: a figure and its difference to the base, in whole units.

    A difference under half a unit reads ``(=)``: the figure did not move.
    """
    shown = money(value, currency, lang, WHOLE)
    if value != value:  # NaN: the figure does not exist in this scenario
        return shown
    if abs(delta) < 0.5:
        return f"{shown} (=)"
    text = money(delta, currency, lang, WHOLE)
    sign = "" if text.startswith(MINUS) else "+"
    return f"{shown} ({sign}{text})"


def _unique(names: Sequence[tuple[str, str]]) -> list[str]:
    """Column titles from (id, name): a name two parties share gets its id in brackets."""
    counts: dict[str, int] = {}
    for _, name in names:
        counts[name] = counts.get(name, 0) + 1
    return [name if counts[name] == 1 else f"{name} ({i})" for i, name in names]


def member_rows(
    comparison: Comparison,
    figure: str,
    labels: Mapping[str, str],
    scenario_header: str,
    lang: str,
) -> ComparisonTable:
    """Base then each scenario (in the comparison's order) × members, for one money figure.

    Args:
        comparison: The comparison, its scenarios in the order of the rows.
        figure: A member figure (``cash_result_eur``, ``gain_from_cooperation_eur``).
        labels: Row titles of the base and each scenario (by id, ``"base"`` for the base).
        scenario_header: Title of the first column.
        lang: Language of the numbers.

    """
    currency = comparison.base.currency
    members = comparison.base.members
    wide = comparison.wide(figure).reindex([m.id for m in members])
    columns = _unique([(m.id, m.name) for m in members])
    text_rows = [[labels[BASE], *(money(v, currency, lang, WHOLE) for v in wide[BASE])]]
    delta_rows = [[float("nan")] * (len(members) + 1)]
    for sid in comparison.scenario_ids:
        values, deltas = list(wide[sid]), list(wide[f"Δ {sid}"])
        text_rows.append(
            [
                labels[sid],
                *(
                    with_difference(float(v), float(d), currency, lang)
                    for v, d in zip(values, deltas, strict=True)
                ),
            ]
        )
        delta_rows.append([float("nan"), *(float(d) for d in deltas)])
    titles = [scenario_header, *columns]
    return ComparisonTable(
        pd.DataFrame(text_rows, columns=titles), pd.DataFrame(delta_rows, columns=titles)
    )


def shared_rows(
    comparison: Comparison,
    labels: Mapping[str, str],
    figures: Mapping[str, str],
    scenario_header: str,
    gains: tuple[str, str, str],
    lang: str,
) -> ComparisonTable:
    """Base then each scenario × the shared entity's figures and "does every member gain".

    Args:
        comparison: The comparison, its scenarios in the order of the rows.
        labels: Row titles of the base and each scenario.
        figures: Shared-entity figures to show (``result_eur``...) and their column titles.
        scenario_header: Title of the first column.
        gains: Title of the "everyone gains" column, the text for yes, and the text
            for no with ``{names}`` (the members who lose).
        lang: Language of the numbers.

    """
    currency = comparison.base.currency
    wides = {f: comparison.wide(f, "shared_entity").iloc[0] for f in figures}
    evaluations = {BASE: comparison.base} | {e.scenario: e for e in comparison.scenarios}
    column, yes, no = gains

    def verdict(sid: str) -> str:
        ev = evaluations[sid]
        names = ", ".join(m.name for m in ev.members if m.id in ev.losing_members)
        return yes if ev.everyone_gains else no.replace("{names}", names)

    titles = [scenario_header, *figures.values(), column]
    text_rows = [
        [
            labels[BASE],
            *(money(wides[f][BASE], currency, lang, WHOLE) for f in figures),
            verdict(BASE),
        ]
    ]
    delta_rows = [[float("nan")] * len(titles)]
    for sid in comparison.scenario_ids:
        deltas = [float(wides[f][f"Δ {sid}"]) for f in figures]
        text_rows.append(
            [
                labels[sid],
                *(
                    with_difference(float(wides[f][sid]), d, currency, lang)
                    for f, d in zip(figures, deltas, strict=True)
                ),
                verdict(sid),
            ]
        )
        delta_rows.append([float("nan"), *deltas, float("nan")])
    return ComparisonTable(
        pd.DataFrame(text_rows, columns=titles), pd.DataFrame(delta_rows, columns=titles)
    )


def _milestone_rows(
    comparison: PlanComparison,
    labels: Mapping[str, str],
    scenario_header: str,
    cell: Callable[[Milestone], str],
    better: Callable[[Milestone], float],
) -> ComparisonTable:
    """Base then each scenario × parties (the shared entity first, then members), one text a cell.

    The shared entity comes first: it is the party a plan most often leaves short of
    cash, and its column stays in view when the members' run off a narrow screen.
    ``better`` gives how much better than the base a scenario's cell is (its tint).
    """
    milestones = comparison.milestones()
    base = comparison.base
    parties = [(p.id, p.name) for p in (base.shared_entity, *base.members)]
    titles = [scenario_header, *_unique(parties)]
    text_rows, delta_rows = [], []
    for run, found in milestones.items():
        by_party = {m.party: m for m in found}
        cells = [by_party.get(pid) for pid, _ in parties]
        text_rows.append([labels[run], *(cell(m) if m else "" for m in cells)])
        delta_rows.append(
            [float("nan"), *(better(m) if m and run != BASE else float("nan") for m in cells)]
        )
    return ComparisonTable(
        pd.DataFrame(text_rows, columns=titles), pd.DataFrame(delta_rows, columns=titles)
    )


def break_even_rows(
    comparison: PlanComparison,
    labels: Mapping[str, str],
    scenario_header: str,
    never: str,
) -> ComparisonTable:
    """Each party's break-even year per scenario: the year, or ``never`` within the plan.

    A scenario breaking even later than the base is a loss (tinted red), earlier a gain.
    """

    def cell(m: Milestone) -> str:
        return never if m.break_even_year is None else str(m.break_even_year)

    def better(m: Milestone) -> float:
        return -(m.break_even_delay or 0.0)

    return _milestone_rows(comparison, labels, scenario_header, cell, better)


def cash_low_rows(
    comparison: PlanComparison,
    labels: Mapping[str, str],
    scenario_header: str,
    at_month: str,
    lang: str,
    month_text: Callable[[str], str] = str,
) -> ComparisonTable:
    """Each party's cash low point per scenario: « −14 850 € en décembre 2028 (−2 500 €) ».

    A lower low point than the base's is a loss (tinted red), a higher one a gain.

    Args:
        comparison: The plan comparison, its scenarios in the order of the rows.
        labels: Row titles of the base and each scenario.
        scenario_header: Title of the first column.
        at_month: Template of a cell, with ``{amount}`` and ``{month}``.
        lang: Language of the numbers.
        month_text: A plan month ("YYYY-MM") in words.

    """
    currency = comparison.base.years[0].currency

    def cell(m: Milestone) -> str:
        amount = money(m.cash_low_eur, currency, lang, WHOLE)
        text = at_month.replace("{amount}", amount).replace("{month}", month_text(m.cash_low_month))
        if m.cash_low_difference_eur is None:
            return text
        # the difference as the other pivoted tables write it: « (+1 200 €) » or « (=) »
        return (
            text
            + with_difference(m.cash_low_eur, m.cash_low_difference_eur, currency, lang)[
                len(amount) :
            ]
        )

    def better(m: Milestone) -> float:
        return m.cash_low_difference_eur or 0.0

    return _milestone_rows(comparison, labels, scenario_header, cell, better)
