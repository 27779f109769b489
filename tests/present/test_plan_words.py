"""The plan in words, on the small plan of :mod:`tests.present.plan_fixture` (worked out there)."""

from __future__ import annotations

import pytest

from bm3c.engine.plan import evaluate_plan
from bm3c.io import parse_cooperation
from bm3c.present.plan_words import (
    below_zero_ranges,
    everyone_gains_cells,
    month_range_words,
    plan_sentences,
    plan_table,
    still_due_sentences,
)
from bm3c.texts.format import month_name, month_words
from tests.present.plan_fixture import PLAN_YAML, small_plan

NNBSP, NBSP = "\u202f", "\u00a0"


def test_month_words_in_both_languages() -> None:
    assert month_name(8, "fr") == "août"
    assert month_words("2027-05", "fr") == "mai 2027"
    assert month_words("2027-05", "en") == "May 2027"
    assert month_words("2027-05", "en", with_year=False) == "May"
    assert month_words("M05", "fr") == "mai, année 1"
    assert month_words("M17", "en") == "May, year 2"
    assert month_range_words("M03", "M07", "fr") == "de mars à juillet, année 1"


def test_runs_of_months_and_their_words() -> None:
    months = [f"2027-{m:02d}" for m in range(1, 13)] + [f"2028-{m:02d}" for m in range(1, 13)]
    below = ["2027-03", "2027-04", "2027-07", "2027-11", "2027-12", "2028-01", "2028-02"]
    runs = below_zero_ranges(below, months)
    assert runs == [("2027-03", "2027-04"), ("2027-07", "2027-07"), ("2027-11", "2028-02")]
    assert month_range_words("2027-03", "2027-07", "fr") == "de mars à juillet 2027"
    assert month_range_words("2027-04", "2027-07", "fr") == "d'avril à juillet 2027"
    assert month_range_words("2027-11", "2028-02", "fr") == "de novembre 2027 à février 2028"
    assert month_range_words("2027-07", "2027-07", "fr") == "en juillet 2027"
    assert month_range_words("2027-03", "2027-07", "en") == "from March to July 2027"


def test_each_party_need_break_even_and_months_below_zero_most_urgent_first() -> None:
    plan = evaluate_plan(small_plan())
    said = plan_sentences(plan, "EUR", "fr")
    # low points: La Halle in February 2027, L'Atelier in December 2027, La Boutique in 2029
    assert [s.party for s in said] == ["halle", "atelier", "boutique"]
    halle, atelier, boutique = said
    assert halle.need == f"La Halle a besoin de 500{NBSP}€ d'avance en février 2027."
    assert halle.break_even == "La Halle est à l'équilibre dès la première année."
    assert halle.below_zero == (
        "La Halle est sous zéro de janvier à février 2027 et de janvier à février 2028."
    )
    assert atelier.need == f"L'Atelier a besoin de 1{NNBSP}000{NBSP}€ d'avance en décembre 2027."
    assert atelier.break_even == "L'Atelier est à l'équilibre à partir de 2028."
    assert atelier.below_zero == "L'Atelier est sous zéro de juillet 2027 à mai 2029."
    assert boutique.need == f"La Boutique a besoin de 3{NNBSP}000{NBSP}€ d'avance en décembre 2029."
    assert boutique.break_even == "La Boutique n'est jamais à l'équilibre sur le plan."
    english = plan_sentences(plan, "EUR", "en")
    assert english[0].need == "La Halle needs €500 in advance in February 2027."
    assert english[2].break_even == "La Boutique never breaks even over the plan."


def test_a_party_that_never_goes_below_zero_says_so() -> None:
    coop = small_plan()
    richer = coop.model_copy(update={"opening_cash_eur": {"halle": 500.0, "atelier": 1000.0}})
    halle = next(
        s for s in plan_sentences(evaluate_plan(richer), "EUR", "fr") if s.party == "halle"
    )
    assert (
        halle.need
        == f"La Halle ne descend jamais sous zéro (au plus bas : 0{NBSP}€ en février 2027)."
    )
    assert halle.below_zero is None


def test_the_late_subsidy_balance_is_still_to_be_received() -> None:
    coop = small_plan()
    plan = evaluate_plan(coop)
    assert still_due_sentences(plan, coop, "fr") == {
        "halle": [f"3{NNBSP}000{NBSP}€ de Métropole restent à recevoir en mars 2030 (Subvention)."]
    }
    assert still_due_sentences(plan, coop, "en") == {
        "halle": ["€3,000 from Métropole still to be received in March 2030 (Subvention)."]
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_plan_table_has_a_row_per_party_and_the_everyone_gains_row(lang: str) -> None:
    table = plan_table(evaluate_plan(small_plan()), "EUR", lang)
    assert list(table.columns[1:4]) == ["2027", "2028", "2029"]
    assert len(table) == 4
    atelier = table.iloc[0]
    if lang == "fr":
        assert list(atelier[["2027", "2028", "2029"]]) == [
            f"−2{NNBSP}000{NBSP}€",
            f"0{NBSP}€",
            f"2{NNBSP}000{NBSP}€",
        ]
        assert atelier["Cumul sur le plan"] == f"0{NBSP}€"
        assert atelier["À l'équilibre dès"] == "2028"
        assert atelier["Trésorerie au plus bas"] == f"−1{NNBSP}000{NBSP}€ (décembre 2027)"
        assert table.iloc[1]["À l'équilibre dès"] == "Jamais"
        assert table.iloc[3]["Structure"] == "Tout le monde y gagne"
    else:
        assert table.iloc[2]["Cumulated over the plan"] == "€9,000"
        assert table.iloc[2]["Cash low point"] == "−€500 (February 2027)"
    assert list(table.iloc[3][["2027", "2028", "2029"]]) == ["✓", "✓", "✓"]


def test_the_last_years_shares_are_paid_in_june_after_the_plan() -> None:
    """Keeping nothing as reserve, La Halle shares its 3 000 € equally each year: 1 500 €
    to each member in June of the next year; the shares of 2029 fall in June 2030."""
    coop = small_plan()
    sharing = coop.shared_entity.model_copy(update={"reserve_fraction": 0.0})
    shared = coop.model_copy(update={"shared_entity": sharing})
    said = still_due_sentences(evaluate_plan(shared), shared, "fr")
    assert said["atelier"] == [
        f"1{NNBSP}500{NBSP}€ restent à recevoir de La Halle en juin 2030 "
        "(sa part du résultat 2029)."
    ]
    assert said["halle"] == [
        f"3{NNBSP}000{NBSP}€ de Métropole restent à recevoir en mars 2030 (Subvention).",
        f"3{NNBSP}000{NBSP}€ restent à verser aux membres en juin 2030 "
        "(leurs parts du résultat 2029).",
    ]


def test_a_year_where_a_member_loses_names_it() -> None:
    """L'Atelier pays La Halle a 500 € fee in 2029 only; alone it would not pay it, and La
    Halle keeps its whole result: L'Atelier loses from cooperating that year."""
    fee = "      - {label: Cotisation, amount_eur: [0, 0, 500], to: halle, kind: fee}\n"
    cost = "      - {label: Matériel, amount_eur: 12000}\n"
    text = PLAN_YAML.replace(cost, cost + fee)
    plan = evaluate_plan(parse_cooperation(text.encode()))
    assert everyone_gains_cells(plan, "fr") == ["✓", "✓", "✗ L'Atelier"]
    assert list(plan_table(plan, "EUR", "en").iloc[-1][["2027", "2029"]]) == ["✓", "✗ L'Atelier"]


def test_a_model_without_a_plan_counts_its_years() -> None:
    """A one-year model has no calendar year: its shares fall in June of year 2."""
    from bm3c.io import load_cooperation
    from tests.conftest import ROOT

    halle = load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml")
    coop = halle.model_copy(update={"plan": None})
    said = still_due_sentences(evaluate_plan(coop), coop, "fr")
    assert said["halle"][-1].endswith(
        "restent à verser aux membres en juin, année 2 (leurs parts du résultat de l'année 1)."
    )
