"""The scenario comparison with a row per scenario: order, cells, tints."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bm3c.engine.comparison import compare_scenarios, select_scenarios
from bm3c.io import load_cooperation
from bm3c.present.charts_scenarios import GAIN_STYLE, LOSS_STYLE, column_labels, styled
from bm3c.present.scenario_rows import (
    member_rows,
    newest_first,
    one_row_per_scenario,
    shared_rows,
    with_difference,
)
from tests.ui.apptest import HALLE

NBSP, NNBSP = "\u00a0", "\u202f"


def test_more_than_three_scenarios_are_a_row_each() -> None:
    assert [one_row_per_scenario(n) for n in range(6)] == [False] * 4 + [True] * 2


def test_the_newest_scenario_comes_first() -> None:
    model_order = ["a", "b", "c", "d"]  # made in this order
    assert newest_first(model_order, ["a", "c", "d"]) == ["d", "c", "a"]
    assert newest_first(model_order, ["c", "a"]) == ["c", "a"]  # the choice order does not count
    assert newest_first(model_order, []) == []


@given(st.lists(st.sampled_from("abcdefgh"), unique=True))
def test_newest_first_keeps_every_chosen_scenario_once(chosen: list[str]) -> None:
    ordered = newest_first(list("abcdefgh"), chosen)
    assert sorted(ordered) == sorted(chosen)
    assert ordered == sorted(chosen, reverse=True)


def test_a_cell_holds_the_figure_and_its_difference_in_whole_euros() -> None:
    # 16 400.40 € against a base of 15 200 €: +1 200.40 €, written in whole euros
    assert with_difference(16_400.4, 1_200.4, "EUR", "fr") == (
        f"16{NNBSP}400{NBSP}€ (+1{NNBSP}200{NBSP}€)"
    )
    assert with_difference(-3_955.0, -16_720.0, "EUR", "fr") == (
        f"−3{NNBSP}955{NBSP}€ (−16{NNBSP}720{NBSP}€)"
    )
    assert with_difference(9_295.0, 0.3, "EUR", "fr") == f"9{NNBSP}295{NBSP}€ (=)"
    assert with_difference(1_250.0, 50.0, "EUR", "en") == "€1,250 (+€50)"
    assert with_difference(math.nan, math.nan, "EUR", "fr") == "–"


def test_halle_rows_base_first_then_newest_with_tinted_differences() -> None:
    coop = load_cooperation(HALLE)
    order = newest_first([s.id for s in coop.scenarios], [s.id for s in coop.scenarios])
    comparison = select_scenarios(compare_scenarios(coop), order)
    labels = column_labels("Base", [(e.scenario, e.scenario_name) for e in comparison.scenarios])
    table = member_rows(comparison, "cash_result_eur", labels, "Scénario", "fr")
    names = {s.id: s.name for s in coop.scenarios}
    assert list(table.text["Scénario"]) == ["Base", *(names[i] for i in order)]
    assert list(table.text.columns) == ["Scénario", *(m.name for m in comparison.base.members)]
    assert table.text.shape == table.delta.shape
    assert table.delta.iloc[0].isna().all()  # the base row is the reference: no tint
    first = comparison.base.members[0]
    newest = comparison.scenarios[0]
    delta = newest.members[0].cash_result_eur - first.cash_result_eur
    assert table.delta.iloc[1, 1] == pytest.approx(delta)
    assert table.text.iloc[1, 1] == with_difference(
        newest.members[0].cash_result_eur, delta, "EUR", "fr"
    )
    html = styled(table).to_html()
    assert GAIN_STYLE.split(";")[0] in html and LOSS_STYLE.split(";")[0] in html
    shared = shared_rows(
        comparison,
        labels,
        {"result_eur": "Résultat", "reserve_eur": "Réserve", "distributed_eur": "Réparti"},
        "Scénario",
        ("Chacun gagne ?", "Oui", "Non : {names}"),
        "fr",
    )
    assert list(shared.text.columns) == [
        "Scénario",
        "Résultat",
        "Réserve",
        "Réparti",
        "Chacun gagne ?",
    ]
    assert len(shared.text) == len(coop.scenarios) + 1
    assert shared.delta["Chacun gagne ?"].isna().all()
