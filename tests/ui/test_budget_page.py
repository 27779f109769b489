"""The page « Budget pour les financeurs » under AppTest.

On the small model of :mod:`tests.present.budget_fixture` (its budgets worked out
by hand in its docstring: the Métropole above its 50 % cap in La Halle's budget,
not in the action's; the Région at its cap once volunteering is counted) and on
the examples.
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from bm3c.engine.budget import cooperation_budgets
from bm3c.io import load_cooperation
from bm3c.present.budget_tables import balance_words
from bm3c.texts.format import money
from tests.present.budget_fixture import capped
from tests.ui.apptest import HALLE, ROOT, open_app, with_broken_scenario

NNBSP, NBSP = "\u202f", "\u00a0"
PASSERELLES = ROOT / "examples" / "passerelles.yaml"


def _said(at: AppTest) -> str:
    """Every markdown, expander label, caption and message of the page, unescaped."""
    texts = [m.value for m in at.markdown] + [e.label for e in at.expander]
    texts += [c.value for c in at.caption] + [i.value for i in at.info]
    texts += [w.value for w in at.warning]
    return "\n".join(texts).replace("\\", "")


def _funders(at: AppTest) -> pd.DataFrame:
    """The funders' table (a page table: its long headers wrap)."""
    table: pd.DataFrame = at.table[0].value
    return table


def _total(at: AppTest, title: str) -> str:
    """The amount of the total row ``title`` (« Total des charges »)."""
    row = next(m.value for m in at.markdown if m.value.startswith(f"**{title}**"))
    return row.removeprefix(f"**{title}** **").removesuffix("**")


def test_the_action_is_shown_first_with_the_engines_totals() -> None:
    at = open_app(HALLE, "budget")
    assert at.selectbox(key="budget.party.fr").value == "action"
    assert [h.value for h in at.header] == ["Budget 2027 – L'action (la coopération entière)"]
    action = cooperation_budgets(load_cooperation(HALLE)).action
    # the Halle's action, by hand: produits 379 000 (70) + 94 000 (74) + 5 000 (75)
    assert action.produits_total_eur == 478_000
    assert _total(at, "Total des charges et de l'excédent") == f"478{NNBSP}000,00{NBSP}€"
    assert _total(at, "Total des produits et du déficit") == f"478{NNBSP}000,00{NBSP}€"
    assert at.info[0].value.replace("\\", "") == balance_words(action, "EUR", "fr")
    said = _said(at)
    assert f"Excédent prévisionnel** **50{NNBSP}990,00{NBSP}€" in said
    assert "ce qu'elles se paient entre elles" in said
    # class 74 is the sum of its funders' rows, each of which opens on its lines
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert f"Bordeaux Métropole *29{NNBSP}000,00{NBSP}€*" in labels
    assert f"63 – Impôts et taxes *0,00{NBSP}€*" not in labels  # empty: no opener
    assert f"63 – Impôts et taxes *0,00{NBSP}€*" in said
    funders = _funders(at)
    assert funders["Financeur"].tolist()[0] == "État (DDETS) – aides au poste de l'IAE"
    assert funders["Montant"].tolist()[0] == f"40{NNBSP}000,00{NBSP}€"


def test_the_lines_behind_an_amount_are_in_its_opener() -> None:
    at = open_app(HALLE, "budget")
    purchases = next(e for e in at.expander if e.label.startswith("60 – Achats"))
    table = purchases.markdown[0].value.replace("\\", "")
    assert f"| 60 | Denrées (Café cantine) | 25{NNBSP}000,00{NBSP}€ |" in table
    staff = next(e for e in at.expander if e.label.startswith("64 – Charges de personnel"))
    assert "Heures salariées de La Boucle : Café cantine (700" in staff.markdown[0].value.replace(
        "\\", ""
    )


def test_choosing_a_structure_changes_the_figures() -> None:
    at = open_app(HALLE, "budget")
    action_total = _total(at, "Total des charges et de l'excédent")
    at.selectbox(key="budget.party.fr").set_value("la-boucle").run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["Budget 2027 – La Boucle"]
    boucle = cooperation_budgets(load_cooperation(HALLE)).of("la-boucle")
    shown = _total(at, "Total des charges et de l'excédent")
    assert shown == money(max(boucle.charges_total_eur, boucle.produits_total_eur))
    assert shown != action_total
    assert at.info[0].value.replace("\\", "") == balance_words(boucle, "EUR", "fr")
    assert "Le budget de cette seule structure" in _said(at)


def test_a_cap_exceeded_is_a_warning_in_words() -> None:
    at = open_app(capped(), "budget")
    assert not at.warning  # the action: 6 000 / 12 000 = 50 %, not above the cap
    at.selectbox(key="budget.party.fr").set_value("halle").run()
    assert not at.exception, at.exception
    assert [w.value.replace("\\", "") for w in at.warning] == [
        f"Plafond de 50{NBSP}% dépassé pour Métropole : 60{NBSP}% des charges."
    ]
    said = _said(at)
    assert (
        f"Total des charges et de l'excédent** **12{NNBSP}500,00{NBSP}€" in said
    )  # 10 000 + surplus 2 500
    assert f"Excédent prévisionnel** **2{NNBSP}500,00{NBSP}€" in said
    assert f"Total des emplois en nature (86)** **1{NNBSP}000,00{NBSP}€" in said
    table = _funders(at)
    assert table.to_dict("records") == [
        {
            "Financeur": "Métropole",
            "Montant": f"6{NNBSP}000,00{NBSP}€",
            "Part des charges": f"60,0{NBSP}%",
            "Part avec le bénévolat valorisé": f"54,5{NBSP}%",
            "Compte le bénévolat": "Non",
            "Plafond": f"50{NBSP}%",
            "Plafond dépassé": "Oui",
        },
        {
            "Financeur": "Région",
            "Montant": f"5{NNBSP}500,00{NBSP}€",
            "Part des charges": f"55,0{NBSP}%",
            "Part avec le bénévolat valorisé": f"50,0{NBSP}%",
            "Compte le bénévolat": "Oui",
            "Plafond": f"50{NBSP}%",
            "Plafond dépassé": "Non",
        },
    ]
    assert "Région finance 50 % du budget de La Halle (55 % sans le bénévolat valorisé)." in (
        said.replace(NBSP, " ")
    )


def test_the_page_reads_in_english() -> None:
    at = open_app(capped(), "budget")
    at.selectbox(key="budget.party.fr").set_value("halle").run()
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Budget for funders"]
    assert [h.value for h in at.header] == ["Yearly budget – La Halle"]  # the choice is kept
    box = at.selectbox(key="budget.party.en")
    assert (box.value, box.format_func(box.value)) == ("halle", "La Halle")
    assert box.options[0] == "The action (the whole cooperation)"
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Métropole's cap of 50% is exceeded: 60% of the charges."
    ]
    said = _said(at)
    assert "**Total charges and surplus** **€12,500.00**" in said
    assert "Voluntary contributions in kind" in [s.value for s in at.subheader]
    table = _funders(at)
    assert table["Cap exceeded"].tolist() == ["Yes", "No"]


def test_the_sidebars_plan_year_changes_the_budget() -> None:
    at = open_app(PASSERELLES, "budget")
    plan = load_cooperation(PASSERELLES)
    first = cooperation_budgets(plan, None, 0).action
    second = cooperation_budgets(plan, None, 1).action
    assert first.charges_total_eur != second.charges_total_eur
    assert [h.value for h in at.header] == ["Budget 2027 – L'action (la coopération entière)"]
    assert at.info[0].value.replace("\\", "") == balance_words(first, "EUR", "fr")
    at.selectbox(key="sidebar.plan_year").set_value(1).run()
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["Budget 2028 – L'action (la coopération entière)"]
    assert at.info[0].value.replace("\\", "") == balance_words(second, "EUR", "fr")
    assert any("2028 (année 2 sur 3)" in c.value for c in at.caption)


def test_a_scenario_shows_its_budget_and_a_broken_one_says_why() -> None:
    coop = load_cooperation(HALLE)
    at = open_app(coop, "budget")
    at.selectbox(key="budget.scenario.fr").set_value("subvention-perdue").run()
    assert not at.exception, at.exception
    lost = cooperation_budgets(coop, "subvention-perdue").action
    assert at.info[0].value.replace("\\", "") == balance_words(lost, "EUR", "fr")
    assert lost.produits_total_eur != cooperation_budgets(coop).action.produits_total_eur
    at.selectbox(key="budget.party.fr").set_value("slow-fest").run()
    at.selectbox(key="budget.scenario.fr").set_value("sans-slow-fest").run()
    assert not at.exception, at.exception
    assert "slow-fest" not in at.selectbox(key="budget.party.fr").options  # it leaves
    assert [h.value for h in at.header] == ["Budget 2027 – L'action (la coopération entière)"]
    assert "Dans ce scénario, Slow Fest quitte la coopération : son budget n'est pas proposé." in (
        _said(at)
    )

    broken = with_broken_scenario(capped(), "activities.cafe.revenues.Absente.amount_eur")
    at = open_app(broken, "budget")
    at.selectbox(key="budget.scenario.fr").set_value("casse").run()
    assert not at.exception, at.exception
    assert len(at.error) == 1
    said = at.error[0].value.replace("\\", "")
    assert said.startswith("Ce scénario ne peut pas être appliqué")
    assert "recettes › Absente › montant : aucun élément" in said
    from tests.ui.test_every_word_french import leaks

    assert leaks(at) == []
