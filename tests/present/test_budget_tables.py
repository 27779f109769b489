"""The budget page's choices, tables and words, on the hand-worked model of ``budget_fixture``."""

from __future__ import annotations

from bm3c.engine.budget import cooperation_budgets
from bm3c.io import load_cooperation
from bm3c.present.budget_tables import (
    balance_words,
    funders_table,
    line_rows,
    party_choices,
    year_title,
)
from tests.present.budget_fixture import capped
from tests.ui.apptest import ROOT

NNBSP, NBSP = "\u202f", "\u00a0"


def test_the_action_comes_first_then_members_then_the_shared_entity() -> None:
    coop = capped()
    budgets = cooperation_budgets(coop)
    assert party_choices(budgets, coop, "fr") == {
        "action": "L'action (la coopération entière)",
        "atelier": "L'Atelier",
        "boutique": "La Boutique",
        "halle": "La Halle",
    }
    assert party_choices(budgets, coop, "en")["action"] == "The action (the whole cooperation)"


def test_the_year_in_the_title() -> None:
    assert year_title(cooperation_budgets(capped()), "fr") == "Budget annuel"
    plan = load_cooperation(ROOT / "examples" / "passerelles.yaml")
    assert year_title(cooperation_budgets(plan, None, 1), "fr") == "Budget 2028"
    assert year_title(cooperation_budgets(plan, None, 2), "en") == "Budget 2029"


def test_each_funders_rates_and_cap() -> None:
    coop = capped()
    halle = cooperation_budgets(coop).of("halle")
    table = funders_table(halle, coop, "en")
    assert table.to_dict("records") == [
        {  # 6 000 / 10 000 = 60 % counted, above the 50 % cap; 6 000 / 11 000 = 54.5 %
            "Funder": "Métropole",
            "Amount": "€6,000.00",
            "Share of charges": "60.0%",
            "Share with valued volunteering": "54.5%",
            "Counts volunteering": "No",
            "Cap": "50%",
            "Cap exceeded": "Yes",
        },
        {  # 5 500 / 11 000 = 50 % counted (volunteering counted): at the cap, not above
            "Funder": "Région",
            "Amount": "€5,500.00",
            "Share of charges": "55.0%",
            "Share with valued volunteering": "50.0%",
            "Counts volunteering": "Yes",
            "Cap": "50%",
            "Cap exceeded": "No",
        },
    ]
    action = cooperation_budgets(coop).action  # 6 000 / 12 000: at the cap
    assert funders_table(action, coop, "fr")["Plafond dépassé"].tolist() == ["Non", "Non"]
    atelier = cooperation_budgets(coop).of("atelier")  # no funder: an empty table
    assert funders_table(atelier, coop, "fr").empty


def test_the_balance_in_words() -> None:
    coop = capped()
    halle = cooperation_budgets(coop).of("halle")
    assert balance_words(halle, "EUR", "fr") == (
        f"Charges + résultat = produits : 10{NNBSP}000,00{NBSP}€ + 2{NNBSP}500,00{NBSP}€ = "
        f"12{NNBSP}500,00{NBSP}€. Emplois en nature (86) = contributions en nature (87) = "
        f"1{NNBSP}000,00{NBSP}€."
    )


def test_the_lines_behind_an_amount_largest_first() -> None:
    coop = capped()
    halle = cooperation_budgets(coop).of("halle")
    rows = line_rows(halle.lines_of("produits", ""), coop, "fr")
    assert [(r.account, r.amount) for r in rows] == [
        ("74", f"6{NNBSP}000,00{NBSP}€"),
        ("74", f"5{NNBSP}500,00{NBSP}€"),
        ("707", f"1{NNBSP}000,00{NBSP}€"),
    ]
    assert rows[0].words == "Subvention Métropole (Café)"
    volunteers = line_rows(halle.uses_in_kind, coop, "fr")
    assert [(r.account, r.words) for r in volunteers] == [
        ("864", f"Bénévoles de L'Atelier : Café (100{NBSP}h)")
    ]
