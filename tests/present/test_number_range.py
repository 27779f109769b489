"""A number typed out of range: the field, the value and the range in words."""

from __future__ import annotations

from bm3c.present.number_range import range_problem

NB = "\u00a0"


def test_a_value_in_range_is_accepted() -> None:
    assert range_problem("Part mise en réserve", 57.5, "fr", low=0, high=100, unit="%") is None
    assert range_problem("Heures", 0, "fr", low=0) is None


def test_a_reserve_of_150_percent_says_the_range() -> None:
    said = range_problem("Part mise en réserve (%)", 150, "fr", low=0, high=100, unit="%")
    assert said == (
        f"Part mise en réserve (%) : 150{NB}% n'est pas accepté, la valeur va de 0{NB}% "
        f"à 100{NB}%. Rien n'a été modifié."
    )
    english = range_problem("Reserve (%)", 150, "en", low=0, high=100, unit="%")
    assert english == (
        "Reserve (%): 150% is not accepted, the value goes from 0% to 100%. Nothing was changed."
    )


def test_a_negative_number_of_hours_is_refused_in_words() -> None:
    said = range_problem("Heures salariées", -30, "fr", low=0, unit="h")
    assert said == (
        f"Heures salariées : \u221230{NB}h n'est pas accepté, la valeur ne peut pas être "
        "négative. Rien n'a été modifié."
    )
    assert range_problem("Factor", 0.5, "en", low=1) == (
        "Factor: 0.50 is not accepted, the value is at least 1. Nothing was changed."
    )
