"""The plan's charts, on the small plan of :mod:`tests.present.plan_fixture`."""

from __future__ import annotations

from typing import Any

from bm3c.engine.plan import evaluate_plan
from bm3c.present.colours import MEMBER_COLOURS, SHARED_ENTITY_COLOUR
from bm3c.present.plan_charts import (
    cash_plan_chart,
    cash_plan_frame,
    low_point_frame,
    yearly_results_chart,
    yearly_results_frame,
)
from tests.present.plan_fixture import small_plan


def _marks(spec: dict[str, Any]) -> list[str]:
    return [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in spec["layer"]
    ]


def test_the_cash_frame_holds_every_party_and_month_with_the_part_below_zero() -> None:
    plan = evaluate_plan(small_plan())
    frame = cash_plan_frame(plan, "EUR", "fr")
    assert len(frame) == 3 * 36
    halle = frame[frame["party"] == "La Halle"].set_index("month")
    assert halle.loc["2027-02", "balance_eur"] == -500
    assert halle.loc["2027-02", "below_eur"] == -500
    assert halle.loc["2027-03", "balance_eur"] == 2250
    assert halle.loc["2027-03", "below_eur"] == 0
    assert halle.loc["2027-03", "when"] == "mars 2027"
    assert halle.loc["2027-03", "date"] == "2027-03-01"


def test_each_low_point_is_labelled_with_its_amount_and_month() -> None:
    lows = low_point_frame(evaluate_plan(small_plan()), "EUR", "en").set_index("party")
    assert lows.loc["La Halle", "label"] == "−€500 (February 2027)"
    assert lows.loc["L'Atelier", "month"] == "2027-12"
    assert round(lows.loc["La Boutique", "balance_eur"]) == -3000


def test_the_cash_chart_draws_lines_low_points_the_zero_rule_and_the_shade() -> None:
    coop = small_plan()
    spec = cash_plan_chart(evaluate_plan(coop), coop, "fr").to_dict()
    assert _marks(spec) == ["area", "rule", "line", "point", "text", "text"]
    line = spec["layer"][2]["encoding"]
    assert line["color"]["scale"]["domain"] == ["L'Atelier", "La Boutique", "La Halle"]
    assert line["color"]["scale"]["range"] == [*MEMBER_COLOURS[:2], SHARED_ENTITY_COLOUR]
    assert spec["title"] == "Trésorerie de chaque structure en fin de mois"
    area = spec["layer"][0]["encoding"]
    assert area["y"]["field"] == "below_eur"


def test_the_yearly_results_chart_has_a_bar_per_party_and_year() -> None:
    coop = small_plan()
    plan = evaluate_plan(coop)
    frame = yearly_results_frame(plan, "EUR", "en")
    atelier = frame[frame["party"] == "L'Atelier"]
    assert list(atelier["result_eur"]) == [-2000, 0, 2000]
    assert list(atelier["cumulated_eur"]) == [-2000, -2000, 0]
    spec = yearly_results_chart(plan, coop, "en").to_dict()
    assert _marks(spec) == ["bar", "rule"]
    assert spec["layer"][0]["encoding"]["xOffset"]["field"] == "party"


def test_only_a_low_point_below_zero_is_labelled() -> None:
    coop = small_plan()
    richer = coop.model_copy(update={"opening_cash_eur": {"halle": 500.0, "atelier": 1000.0}})
    lows = low_point_frame(evaluate_plan(richer), "EUR", "fr").set_index("party")
    # La Halle's low (0 € in February 2027) is not labelled; La Boutique's, late, to the left
    assert list(lows["side"]) == ["right", "left", ""]
