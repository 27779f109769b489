"""Break-even years and cash low points per scenario, as the Scenarios page shows them.

The plan is :func:`tests.engine.test_plan_comparison.two_year_plan`, worked by hand
there: base low point −500 € in February 2027; the subsidy lost from year 2:
−3 000 € in December 2028, never breaking even; the subsidy refused in year 1:
−3 500 € in February 2028, breaking even in 2028.
"""

from __future__ import annotations

import math

from bm3c.engine.plan_comparison import compare_plans
from bm3c.present.charts_scenarios import GAIN_STYLE, LOSS_STYLE, column_labels, styled
from bm3c.present.scenario_rows import break_even_rows, cash_low_rows
from tests.engine.test_plan_comparison import two_year_plan

NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"


def labels() -> dict[str, str]:
    return column_labels("Base", [("perdue-an-2", "Perdue"), ("refusee-an-1", "Refusée")])


def test_break_even_years_the_shared_entity_first() -> None:
    table = break_even_rows(compare_plans(two_year_plan()), labels(), "Scénario", "jamais")
    assert list(table.text.columns) == ["Scénario", "Atelier", "A", "B"]
    assert table.text.values.tolist() == [
        ["Base", "2027", "2027", "2027"],
        ["Perdue", "jamais", "jamais", "jamais"],
        ["Refusée", "2028", "2028", "2028"],
    ]
    assert table.delta.iloc[1, 1] == -math.inf  # never: a loss
    assert table.delta.iloc[2, 1] == -1.0  # a year later
    assert math.isnan(table.delta.iloc[0, 1])  # the base is not tinted
    tints = styled(table).to_html()
    assert "#cf222e" in tints and "#1a7f37" not in tints  # red only: every change is a loss
    assert "#cf222e" in LOSS_STYLE and "#1a7f37" in GAIN_STYLE


def test_cash_low_points_with_their_month_and_difference() -> None:
    table = cash_low_rows(
        compare_plans(two_year_plan()), labels(), "Scénario", "{amount} en {month}", "fr"
    )
    base, lost, late = (row[1] for row in table.text.values.tolist())
    assert base == f"{MINUS}500{NBSP}€ en 2027-02"
    assert lost == f"{MINUS}3{NNBSP}000{NBSP}€ en 2028-12 ({MINUS}2{NNBSP}500{NBSP}€)"
    assert late == f"{MINUS}3{NNBSP}500{NBSP}€ en 2028-02 ({MINUS}3{NNBSP}000{NBSP}€)"
    # the members' cash does not move within the plan: « (=) »
    assert table.text.iloc[1, 2] == f"0{NBSP}€ en 2027-01 (=)"
    assert table.delta.iloc[1, 1] == -2500.0
