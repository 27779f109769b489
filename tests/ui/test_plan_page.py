"""The « Plan sur plusieurs années » page under AppTest, and year edits on the Activities page."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from bm3c.edit.investments import set_investments
from bm3c.edit.years import line_path, set_plan, set_yearly
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.years import investment_activity_ids
from tests.ui.apptest import HALLE, edit_table, open_app, workspace_of

MEALS = line_path("cafe-cantine", "revenues", "Repas", "quantity")
FOOD = line_path("cafe-cantine", "costs", "Denrées", "amount_eur")
GREENHOUSE = {
    "label": "Serres",
    "carrier": "halle",
    "amount_eur": 30000.0,
    "year": 2028.0,
    "month": 4.0,
    "lifetime_years": 10.0,
    "grant_eur": 12000.0,
    "from": "region",
}


def three_years() -> Cooperation:
    """The Halle as a plan of 2027–2029; meals ramp up (4 000, 5 000, 6 000)."""
    plan = set_plan(load_cooperation(HALLE), 2027, 3)
    return set_yearly(plan, MEALS, [4000, 5000, 6000])


def on_cafe(model: Cooperation, lang: str = "fr") -> AppTest:
    at = open_app(model, page="plan", lang=lang)
    return at.selectbox(key="plan.activity").set_value("cafe-cantine").run()


def editor(at: AppTest, name: str) -> pd.DataFrame:
    key = at.session_state[f"bm3c.table_key.{name}"]
    frame: pd.DataFrame = next(d for d in at.dataframe if d.key == key).value
    return frame


def texts(at: AppTest) -> str:
    kinds = ("info", "warning", "error", "caption", "markdown")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def test_the_yearly_table_shows_one_column_per_year() -> None:
    at = on_cafe(three_years())
    assert not at.exception
    revenues = editor(at, "plan.cafe-cantine.revenues")
    assert list(revenues.columns) == ["who", "number", "2027", "2028", "2029"]
    # Repas is quantity × unit price: two rows, the quantity varies, the price does not
    assert revenues.iloc[0].tolist() == ["Repas", "quantité", 4000.0, 5000.0, 6000.0]
    assert revenues.iloc[1].tolist() == ["Repas", "prix unitaire", 10.5, 10.5, 10.5]
    work = editor(at, "plan.cafe-cantine.work")
    assert work.iloc[0].tolist() == ["La Boucle", "heures salariées", 700.0, 700.0, 700.0]
    members = editor(at, "plan.members")
    assert list(members.columns)[2:] == ["2027", "2028", "2029"]


def test_a_value_typed_in_a_year_changes_that_year_and_can_be_undone() -> None:
    at = on_cafe(three_years())
    edit_table(at, "plan.cafe-cantine.costs", edited_rows={0: {"2029": 30000.0}})
    assert not at.exception
    food = workspace_of(at).plan.activities
    cafe = next(a for a in food if a.id == "cafe-cantine")
    assert cafe.costs[0].amount_eur == (25000.0, 25000.0, 30000.0)
    assert "Annuler" in at.button(key="sidebar.undo").label
    at.button(key="sidebar.undo").click().run()
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.costs[0].amount_eur == 25000.0


def test_a_shortcut_fills_the_row_with_a_preview() -> None:
    at = on_cafe(three_years())
    name = "plan.cafe-cantine.revenues"
    at.selectbox(key=f"{name}.shortcut.row").set_value(0).run()  # Repas — quantité
    at.radio(key=f"{name}.shortcut.kind").set_value("grow").run()
    value = next(n for n in at.number_input if n.key.startswith(f"{name}.shortcut.value.0@"))
    value.set_value(3000.0).run()
    at.number_input(key=f"{name}.shortcut.percent").set_value(50.0).run()
    assert "Aperçu : 2027 : 3\u202f000 · 2028 : 4\u202f500 · 2029 : 6\u202f750" in texts(at)
    at.button(key=f"{name}.shortcut.apply").click().run()
    assert not at.exception
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.revenues[0].quantity == (3000.0, 4500.0, 6750.0)
    assert editor(at, name).iloc[0].tolist()[2:] == [3000.0, 4500.0, 6750.0]
    at.radio(key=f"{name}.shortcut.kind").set_value("only").run()
    at.selectbox(key=f"{name}.shortcut.year").set_value(1).run()
    at.button(key=f"{name}.shortcut.apply").click().run()
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.revenues[0].quantity == (0.0, 3000.0, 0.0)


def test_a_bad_value_is_refused_with_words_and_nothing_is_lost() -> None:
    model = three_years()
    at = on_cafe(model)
    name = "plan.cafe-cantine.revenues"
    edit_table(at, name, edited_rows={0: {"2028": -5.0}, 1: {"2029": 11.0}})
    assert not at.exception
    assert workspace_of(at).plan == model  # refused whole
    error = at.error[0].value
    assert "Modification refusée" in error
    assert "Café cantine › recettes › ligne 1 › quantité › 2028" in error
    assert "doit valoir au moins 0 (saisi : −5)" in error
    # what was typed stays in the table, as typed, until corrected or dropped
    key = at.session_state[f"bm3c.table_key.{name}"]
    assert at.session_state[key]["edited_rows"] == {0: {"2028": -5.0}, 1: {"2029": 11.0}}
    edit_table(at, name, edited_rows={0: {"2028": 4500.0}, 1: {"2029": 11.0}})
    assert not at.error
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.revenues[0].quantity == (4000.0, 4500.0, 6000.0)
    assert cafe.revenues[0].unit_price_eur == (10.5, 10.5, 11.0)


def test_a_refused_edit_can_be_dropped() -> None:
    at = on_cafe(three_years())
    name = "plan.cafe-cantine.costs"
    edit_table(at, name, edited_rows={0: {"2027": -1.0}})
    assert at.error
    at.button(key=f"{name}.drop").click().run()
    assert not at.error
    assert editor(at, name).iloc[0].tolist()[2:] == [25000.0, 25000.0, 25000.0]


def test_an_investment_added_appears_with_its_depreciation() -> None:
    at = open_app(three_years(), page="plan")
    edit_table(at, "plan.investments", added_rows=[GREENHOUSE])
    assert not at.exception, at.exception
    (greenhouse,) = workspace_of(at).plan.investments
    assert (greenhouse.id, greenhouse.year, greenhouse.grantor) == ("serres", 2, "region")
    schedule = next(d.value for d in at.dataframe if "Investissement" in d.value.columns)
    # 30 000 € over 10 years from 2028; grant 12 000 € over 10 years
    assert schedule.values.tolist() == [
        ["Serres", "Amortissement", "–", "3\u202f000,00\u00a0€", "3\u202f000,00\u00a0€"],
        ["Serres", "Quote-part de subvention", "–", "1\u202f200,00\u00a0€", "1\u202f200,00\u00a0€"],
    ]


def test_a_bad_investment_is_refused_next_to_the_table_and_kept() -> None:
    at = open_app(three_years(), page="plan")
    row = GREENHOUSE | {"year": 2031.0}
    edit_table(at, "plan.investments", added_rows=[row])
    assert not at.exception
    assert workspace_of(at).plan.investments == ()
    error = at.error[0].value
    assert "Investissement 1 (Serres) › Année** : 2031 est en dehors du plan (2027–2029)" in error
    key = at.session_state["bm3c.table_key.plan.investments"]
    assert at.session_state[key]["added_rows"] == [row]


def test_a_one_year_model_becomes_a_plan_and_a_shorter_plan_names_what_goes() -> None:
    at = open_app(HALLE, page="plan")
    assert "une seule année" in texts(at)
    at.number_input(key="plan.length.start_year").set_value(2027).run()
    at.button(key="plan.length.apply").click().run()
    plan = workspace_of(at).plan
    assert (plan.start_year, plan.years) == (2027, 3)
    at.selectbox(key="plan.activity").set_value("cafe-cantine").run()
    edit_table(at, "plan.cafe-cantine.costs", edited_rows={0: {"2029": 30000.0}})
    at.number_input(key="plan.length.years").set_value(2).run()
    warning = at.warning[0].value
    assert "Un plan de 2 ans retire ces valeurs" in warning
    assert "Café cantine › charges › ligne 1 › montant : 30\u202f000,00\u00a0€" in warning
    at.button(key="plan.length.apply").click().run()
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.costs[0].amount_eur == 25000.0
    at.number_input(key="plan.length.years").set_value(12).run()
    assert "10" in at.error[0].value
    assert workspace_of(at).plan.years == 2


def test_the_page_in_english() -> None:
    """A one-year plan: the sidebar's year choice, whose options AppTest cannot read in
    English (their format_func reads the session's language), is not shown."""
    one_year = set_plan(three_years(), 2028, 1)
    at = on_cafe(set_investments(one_year, [GREENHOUSE]), lang="en")
    assert not at.exception
    assert at.title[0].value == "Plan over the years"
    assert editor(at, "plan.cafe-cantine.revenues").iloc[0].tolist()[:2] == ["Repas", "quantity"]
    schedule = next(d.value for d in at.dataframe if "Investment" in d.value.columns)
    assert schedule.iloc[0].tolist() == ["Serres", "Depreciation", "€3,000.00"]


# --- the Activities page on a plan ------------------------------------------------------


def test_editing_a_varying_amount_on_year_2_changes_only_year_2() -> None:
    plan = set_yearly(three_years(), FOOD, [25000, 26000, 27000])
    at = open_app(plan, page="activities")
    at.selectbox(key="sidebar.plan_year").set_value(1).run()
    at.selectbox(key="activities.selected").set_value("cafe-cantine").run()
    assert "Vous modifiez l'année 2028 (année 2 sur 3)" in texts(at)
    edit_table(at, "activities.cafe-cantine.costs", edited_rows={0: {"amount_eur": 26500.0}})
    assert not at.exception
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.costs[0].amount_eur == (25000.0, 26500.0, 27000.0)
    # a number given once changes every year
    edit_table(at, "activities.cafe-cantine.costs", edited_rows={2: {"amount_eur": 4500.0}})
    cafe = next(a for a in workspace_of(at).plan.activities if a.id == "cafe-cantine")
    assert cafe.costs[2].amount_eur == 4500.0


def test_the_investment_activity_is_read_only_on_the_activities_page() -> None:
    plan = set_investments(three_years(), [GREENHOUSE])
    computed = investment_activity_ids(plan)["halle"]
    at = open_app(plan, page="activities")
    at.selectbox(key="sidebar.plan_year").set_value(1).run()
    at.selectbox(key="activities.selected").set_value(computed).run()
    assert not at.exception
    assert "tableau des investissements" in at.info[0].value
    assert f"bm3c.table_key.activities.{computed}.costs" not in at.session_state
    assert not [b for b in at.button if b.key == "activities.delete"]
    # its lines of 2028, to read: 30 000 € over 10 years, 12 000 € of grant over 10 years
    lines = [d.value for d in at.dataframe if "Amortissement : Serres" in d.value.to_string()]
    assert lines and lines[0].values.tolist() == [
        ["Amortissement : Serres", "3\u202f000,00\u00a0€"]
    ]
