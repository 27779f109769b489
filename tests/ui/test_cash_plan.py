"""The cash plan page and the Overview's plan view, under AppTest, on a small plan.

The plan and its figures are worked out in :mod:`tests.present.plan_fixture`.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from bm3c.engine.plan import evaluate_plan
from bm3c.model.parts import Payment
from bm3c.model.validation import edit_data
from bm3c.present.plan_words import plan_sentences
from tests.present.plan_fixture import small_plan
from tests.ui.apptest import ROOT, edit_table, open_app, with_broken_scenario, workspace_of

NNBSP, NBSP = "\u202f", "\u00a0"


def _said(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes


def test_the_page_shows_each_partys_need_most_urgent_first() -> None:
    at = open_app(small_plan(), "cash_plan")
    said = _said(at)
    halle = said.index(f"La Halle a besoin de 500{NBSP}€ d'avance en février 2027.")
    atelier = said.index(f"L'Atelier a besoin de 1{NNBSP}000{NBSP}€ d'avance en décembre 2027.")
    assert halle < atelier
    assert "La Halle est sous zéro de janvier à février 2027 et de janvier à février 2028." in said
    assert f"3{NNBSP}000{NBSP}€ de Métropole restent à recevoir en mars 2030 (Subvention)." in said
    balances = next(d.value for d in at.dataframe if "La Halle" in d.value.columns)
    assert len(balances) == 36
    assert balances.iloc[1].tolist()[0] == "février 2027"
    assert balances.iloc[1]["La Halle"] == f"−500{NBSP}€"
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"] == "Trésorerie de chaque structure en fin de mois"


def test_moving_the_subsidy_to_december_moves_the_low_point() -> None:
    at = open_app(small_plan(), "cash_plan")
    # the subsidy (row 1): all of it in December instead of half in March, half a year later
    edit_table(at, "cash.timing", edited_rows={1: {"month": 12, "share": 100}})
    assert not at.exception, at.exception
    plan = workspace_of(at).plan
    assert plan.activities[0].revenues[1].paid == (Payment(month=12),)
    said = _said(at)
    assert f"La Halle a besoin de 2{NNBSP}750{NBSP}€ d'avance en novembre 2027." in said
    assert "La Halle a besoin de 500" not in said
    assert evaluate_plan(plan).party("halle").cash_low.month == "2027-11"


def test_a_balance_without_its_month_is_refused_in_words() -> None:
    at = open_app(small_plan(), "cash_plan")
    edit_table(at, "cash.timing", edited_rows={1: {"month": 4, "share": 60, "balance": None}})
    assert not at.exception, at.exception
    assert workspace_of(at).plan == small_plan()  # nothing changed
    assert any("indiquez le mois du solde" in e.value for e in at.error)


def test_opening_cash_is_edited_per_party() -> None:
    at = open_app(small_plan(), "cash_plan")
    edit_table(at, "cash.opening", edited_rows={2: {"opening": 500}})
    assert not at.exception, at.exception
    assert workspace_of(at).plan.opening_cash_eur == {"atelier": 1000.0, "halle": 500.0}
    assert f"La Halle ne descend jamais sous zéro (au plus bas : 0{NBSP}€ en février 2027)." in (
        _said(at)
    )


def test_the_overview_plan_view_lists_each_year() -> None:
    at = open_app(small_plan())
    table = next(d.value for d in at.dataframe if "Cumul sur le plan" in d.value.columns)
    assert list(table.columns[1:4]) == ["2027", "2028", "2029"]
    assert list(table["Structure"]) == [
        "L'Atelier",
        "La Boutique",
        "La Halle",
        "Tout le monde y gagne",
    ]
    assert table.iloc[1]["À l'équilibre dès"] == "Jamais"
    assert "Le plan sur 3 ans" in [h.value for h in at.subheader]
    assert any("2027 (année 1 sur 3)" in c.value for c in at.caption)
    assert "L'Atelier est à l'équilibre à partir de 2028." in _said(at)


def test_a_model_without_a_plan_has_no_plan_view_but_a_cash_plan() -> None:
    at = open_app(ROOT / "examples" / "jardins-de-la-faiencerie.yaml")  # no `plan` in it
    assert not any("Cumul sur le plan" in d.value.columns for d in at.dataframe)
    at.switch_page("bm3c/ui/views/cash_plan.py").run()
    assert not at.exception, at.exception
    assert "Ce qu'il faut d'avance, et quand" in [h.value for h in at.subheader]


def test_the_plan_pages_read_in_french() -> None:
    from tests.ui.test_every_word_french import leaks

    for page in (None, "cash_plan"):
        at = open_app(small_plan(), page)
        assert not leaks(at), leaks(at)


def test_a_scenario_shows_its_own_cash_plan_and_english_reads() -> None:
    coop = edit_data(
        small_plan(),
        lambda data: data.update(
            scenarios=[
                {
                    "id": "sans-subvention",
                    "name": "Sans subvention",
                    "changes": [
                        {"set": "activities.cafe.revenues.Subvention.amount_eur", "value": 0}
                    ],
                }
            ]
        ),
    )
    at = open_app(coop, "cash_plan")
    at.selectbox(key="cash.scenario.fr").set_value("sans-subvention").run()
    assert not at.exception, at.exception
    expected = plan_sentences(evaluate_plan(coop, "sans-subvention"), "EUR", "fr")
    assert expected[0].need in _said(at)
    assert expected[0].need != plan_sentences(evaluate_plan(coop), "EUR", "fr")[0].need
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception, at.exception
    assert "What each party needs in advance, and when" in [h.value for h in at.subheader]


def test_emptying_the_month_spreads_the_line_and_a_share_without_month_is_refused() -> None:
    at = open_app(small_plan(), "cash_plan")
    edit_table(at, "cash.timing", edited_rows={1: {"month": None}})
    assert not at.exception, at.exception
    assert workspace_of(at).plan.activities[0].revenues[1].paid is None
    # row 0 (sales) is spread over the year: a share alone is refused, not dropped
    edit_table(at, "cash.timing", edited_rows={0: {"share": 40}})
    assert not at.exception, at.exception
    assert workspace_of(at).plan.activities[0].revenues[0].paid is None
    assert any("donnez d'abord le mois du paiement" in e.value for e in at.error)


def test_a_scenario_that_no_longer_applies_says_why_in_french() -> None:
    broken = with_broken_scenario(small_plan(), "members.absent.hourly_cost_eur")
    at = open_app(broken, "cash_plan")
    at.selectbox(key="cash.scenario.fr").set_value("casse").run()
    assert not at.exception, at.exception
    said = at.error[0].value.replace("\\", "")
    assert said.startswith("Ce scénario ne s'applique plus au modèle")
    assert "problem(s)" not in said and "aucun élément" in said
