"""Activities page under AppTest, and its tables and chart as pure functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bm3c.edit.parts import update_activity
from bm3c.engine import evaluate
from bm3c.engine.tables import side_totals
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model import Cooperation
from bm3c.model.parts import COST_KINDS, REVENUE_KINDS
from bm3c.model.validation import validate_cooperation
from bm3c.present.charts_activities import (
    activity_names,
    own_activities_table,
    results_chart,
    shared_activities_table,
)
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import hours, money
from bm3c.texts.i18n import catalog
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, workspace_of

TITLES = {
    "member": "Member",
    "activity": "Activity",
    "carrier": "Carrier",
    "result": "Result",
    "revenue": "Revenues",
    "costs": "Costs",
    "staff_cost": "Staff cost",
    "hours": "Hours",
    "title": "Result by activity",
}


def editor(at: AppTest, name: str) -> pd.DataFrame:
    """The table shown by the table editor ``name``."""
    key = at.session_state[f"bm3c.table_key.{name}"]
    frame: pd.DataFrame = next(d for d in at.dataframe if d.key == key).value
    return frame


def side_table(at: AppTest, side: str) -> pd.DataFrame:
    """The shared side's table (first on the page) or the own side's one (second).

    The bridge to the shared entity's result (its « Étape » column) sits between them.
    """
    frame: pd.DataFrame = activity_tables(at)[{"shared": 0, "own": 1}[side]].value
    return frame


def activity_tables(at: AppTest) -> list[Any]:
    """The page's activity tables, without the bridge's (its « Étape » column)."""
    return [d for d in at.dataframe if not {"Étape", "Step"} & set(d.value.columns)]


def all_figures(at: AppTest, side: str) -> pd.DataFrame:
    """One side's activities with every figure (the expander under both sides)."""
    frame: pd.DataFrame = activity_tables(at)[{"shared": 2, "own": 3}[side]].value
    return frame


def texts(at: AppTest) -> str:
    """Every message, caption and markdown text on the page."""
    kinds = ("info", "warning", "error", "caption", "markdown")
    return "\n".join(str(e.value) for kind in kinds for e in at.get(kind))


def select(at: AppTest, activity_id: str) -> AppTest:
    return at.selectbox(key="activities.selected").set_value(activity_id).run()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_activities_side_by_side_show_the_engine_results(example: Path) -> None:
    at = open_app(example, page="activities")
    coop = load_cooperation(example)
    ev = evaluate(coop)
    shared = [a for a in coop.activities if a.carrier == coop.shared_entity.id]
    own = [a for m in coop.members for a in coop.activities if a.carrier == m.id]
    left = side_table(at, "shared")
    assert list(left["Activité"]) == [a.name for a in shared]
    assert list(left["Résultat"]) == [
        money(ev.activity(a.id).result_eur, "EUR", "fr") for a in shared
    ]
    right = side_table(at, "own")
    assert list(right["Activité"]) == [a.name for a in own]
    # half a laptop screen each: who, what, its result and hours; the rest below
    assert list(right.columns) == ["Structure", "Activité", "Résultat", "Heures"]
    everything = all_figures(at, "own")
    assert list(everything["Activité"]) == [a.name for a in own]
    assert list(everything["Coût salarial"]) == [
        money(ev.activity(a.id).staff_cost_eur, "EUR", "fr") for a in own
    ]
    assert list(all_figures(at, "shared")["Recettes"]) == [
        money(ev.activity(a.id).revenue_eur, "EUR", "fr") for a in shared
    ]
    total = sum(ev.activity(a.id).result_eur for a in shared)
    assert f"résultat des activités : {money(total, 'EUR', 'fr')}" in texts(at)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"] == "Résultat par activité"
    # the editor opens on the first activity, with its revenue lines
    first = coop.activities[0]
    lines = editor(at, f"activities.{first.id}.revenues")
    assert list(lines["label"]) == [r.label for r in first.revenues]
    assert list(lines["total_eur"]) == [money(r.total_eur, "EUR", "fr") for r in first.revenues]


def add_activity(at: AppTest, name: str, carrier: str) -> AppTest:
    at.text_input(key="activities.add.name").input(name)
    at.selectbox(key="activities.add.carrier").set_value(carrier)
    return at.button(key="activities.add.submit").click().run()


def test_adding_an_activity_and_a_revenue_line_changes_the_results() -> None:
    at = open_app(HALLE, page="activities")
    before = evaluate(workspace_of(at).model)
    add_activity(at, "Fête de quartier", "slow-fest")
    assert not at.exception
    coop = workspace_of(at).model
    assert coop.activities[-1].id == "fete-de-quartier"
    assert at.selectbox(key="activities.selected").value == "fete-de-quartier"
    assert "Fête de quartier" in list(side_table(at, "own")["Activité"])

    edit_table(
        at,
        "activities.fete-de-quartier.revenues",
        added_rows=[
            {"label": "Billetterie", "quantity": 300, "unit_price_eur": 8, "kind": "sales"}
        ],
    )
    assert not at.exception
    after = evaluate(workspace_of(at).model)
    assert after.activity("fete-de-quartier").revenue_eur == 2400
    assert after.member("slow-fest").cash_result_eur == pytest.approx(
        before.member("slow-fest").cash_result_eur + 2400
    )
    own = side_table(at, "own")
    row = own[own["Activité"] == "Fête de quartier"].iloc[0]
    assert row["Résultat"] == money(2400, "EUR", "fr")
    assert list(editor(at, "activities.fete-de-quartier.revenues")["label"]) == ["Billetterie"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"label": "Repas", "amount_eur": 100, "quantity": 2, "unit_price_eur": 3}, "pas les deux"),
        (
            {"label": "Dons", "amount_eur": -100},
            "montant** : doit valoir au moins 0 (saisi : −100)",
        ),
        ({"label": "Repas", "amount_eur": 100}, "Repas"),  # the café already has "Repas"
        ({"label": "Vide"}, "montant manquant"),
    ],
    ids=["amount-and-quantity", "negative", "duplicate-label", "no-amount"],
)
def test_an_invalid_line_is_refused_with_a_message_and_the_model_unchanged(
    line: dict[str, object], message: str
) -> None:
    at = open_app(HALLE, page="activities")
    select(at, "cafe-cantine")
    before = workspace_of(at).model
    edit_table(at, "activities.cafe-cantine.revenues", added_rows=[line])
    assert not at.exception
    assert workspace_of(at).model == before
    assert "Modification refusée" in at.error[0].value
    assert message in at.error[0].value
    cafe = next(a for a in before.activities if a.id == "cafe-cantine")
    shown = editor(at, "activities.cafe-cantine.revenues")
    assert list(shown["label"]) == [r.label for r in cafe.revenues]


def test_cost_lines_are_edited_with_their_payee() -> None:
    at = open_app(HALLE, page="activities")
    select(at, "cafe-cantine")
    coop = workspace_of(at).model
    cafe = next(a for a in coop.activities if a.id == "cafe-cantine")
    edit_table(
        at,
        "activities.cafe-cantine.costs",
        added_rows=[{"label": "Réparations", "amount_eur": 1000, "to": "la-boucle"}],
    )
    assert not at.exception
    after = evaluate(workspace_of(at).model)
    assert after.activity("cafe-cantine").cost_eur == pytest.approx(
        evaluate(coop).activity("cafe-cantine").cost_eur + 1000
    )
    assert after.member("la-boucle").internal_received_eur == pytest.approx(
        evaluate(coop).member("la-boucle").internal_received_eur + 1000
    )
    assert len(editor(at, "activities.cafe-cantine.costs")) == len(cafe.costs) + 1


def test_the_activity_form_changes_name_and_carrier() -> None:
    at = open_app(HALLE, page="activities")
    add_activity(at, "Fête de quartier", "slow-fest")
    version = workspace_of(at).version
    where = "activities.fete-de-quartier.details"
    at.text_input(key=f"{where}.name@{version}").input("Grande fête")
    at.selectbox(key=f"{where}.carrier@{version}").set_value("halle")
    at.button(key=f"{where}.submit").click().run()
    assert not at.exception
    activity = workspace_of(at).model.activities[-1]
    assert (activity.name, activity.carrier) == ("Grande fête", "halle")
    assert "Grande fête" in list(side_table(at, "shared")["Activité"])


def test_deleting_an_activity_needs_a_confirmation() -> None:
    at = open_app(HALLE, page="activities")
    select(at, "cafe-cantine")
    before = workspace_of(at).model
    at.button(key="activities.delete").click().run()
    assert "Supprimer Café cantine efface" in at.warning[0].value
    assert "ecoagir-en-cuisine: activities.cafe-cantine.work.la-boucle.paid_hours" in (
        at.warning[0].value
    )
    assert workspace_of(at).model == before
    at.button(key="activities.delete.cancel").click().run()
    assert workspace_of(at).model == before
    at.button(key="activities.delete").click().run()
    at.button(key="activities.delete.confirm").click().run()
    assert not at.exception
    coop = workspace_of(at).model
    assert "cafe-cantine" not in [a.id for a in coop.activities]
    assert "Café cantine a été supprimée." in texts(at)
    kept = next(sc for sc in coop.scenarios if sc.id == "ecoagir-en-cuisine").changes
    assert [c.path for c in kept] == ["activities.coordination.work.la-boucle.paid_hours"]
    assert at.selectbox(key="activities.selected").value == coop.activities[0].id


def test_activities_in_english() -> None:
    at = open_app(HALLE, page="activities", lang="en")
    assert [s.value for s in at.subheader][:2] == [
        "Pooled activities",
        "The members' own activities",
    ]
    assert "The view the Business Model Canvas lacks" in texts(at)
    coop = load_cooperation(HALLE)
    ev = evaluate(coop)
    left = side_table(at, "shared")
    shared = [a for a in coop.activities if a.carrier == coop.shared_entity.id]
    assert list(left["Result"]) == [
        money(ev.activity(a.id).result_eur, "EUR", "en") for a in shared
    ]
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"] == "Result by activity"
    select(at, "cafe-cantine")
    edit_table(at, "activities.cafe-cantine.revenues", added_rows=[{"label": "X"}])
    assert "Edit refused, the model is unchanged" in at.error[0].value


def synthetic_model(tmp_path: Path) -> Path:
    path = tmp_path / "synthetic.yaml"
    path.write_text(dump_cooperation(validate_cooperation(synthetic_cooperation())))
    return path


def test_the_page_works_on_the_large_synthetic_model(tmp_path: Path) -> None:
    at = open_app(synthetic_model(tmp_path), page="activities")
    coop = workspace_of(at).model
    assert len(side_table(at, "shared")) + len(side_table(at, "own")) == len(coop.activities)
    edit_table(
        at,
        f"activities.{coop.activities[0].id}.revenues",
        added_rows=[{"label": "Z", "amount_eur": 10}],
    )
    assert not at.exception
    assert workspace_of(at).model.activities[0].revenues[-1].label == "Z"


# --- the pure tables and chart ---------------------------------------------------------


def halle() -> Cooperation:
    return load_cooperation(HALLE)


def test_tables_split_shared_and_own_activities_in_model_order() -> None:
    ev = evaluate(halle())
    coop = ev.model
    shared = shared_activities_table(ev, "en", TITLES)
    own = own_activities_table(ev, "en", TITLES)
    assert list(shared.columns) == [
        "Activity",
        "Result",
        "Revenues",
        "Costs",
        "Staff cost",
        "Hours",
    ]
    assert list(own.columns)[:2] == ["Member", "Activity"]
    assert len(shared) + len(own) == len(coop.activities)
    member_order = [m.name for m in coop.members]
    assert [member_order.index(n) for n in own["Member"]] == sorted(
        member_order.index(n) for n in own["Member"]
    )
    cafe = ev.activity("cafe-cantine")
    row = shared[shared["Activity"] == cafe.name].iloc[0]
    assert row["Hours"] == hours(cafe.paid_hours + cafe.volunteer_hours, "en")
    assert row["Revenues"] == money(cafe.revenue_eur, "EUR", "en")
    totals = side_totals(ev)
    assert totals["shared"][0] == len(shared) and totals["own"][0] == len(own)
    assert totals["shared"][1] + totals["own"][1] == pytest.approx(
        sum(a.result_eur for a in ev.activities)
    )


def test_the_chart_colours_results_by_carrier() -> None:
    ev = evaluate(halle())
    spec = results_chart(ev, "fr", TITLES).to_dict()
    assert spec["title"] == "Result by activity"
    assert spec["encoding"]["color"]["scale"]["domain"][0] == ev.model.shared_entity.name
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == len(ev.activities)
    assert {r["carrier"] for r in rows} <= {ev.model.shared_entity.name} | {
        m.name for m in ev.model.members
    }
    assert "€" in spec["encoding"]["x"]["axis"]["labelExpr"]


def test_repeated_activity_names_stay_apart() -> None:
    coop = halle()
    twin = update_activity(
        coop, coop.activities[1].id, coop.activities[0].name, coop.activities[1].carrier, None
    )
    names = activity_names(evaluate(twin))
    assert len(set(names.values())) == len(twin.activities)


def test_texts_built_from_names_exist_in_both_languages() -> None:
    keys = [f"activities.kind.{kind}" for kind in (*REVENUE_KINDS, *COST_KINDS)]
    keys += [
        f"activities.{side}{suffix}" for side in ("revenues", "costs") for suffix in ("", "_help")
    ]
    keys += [f"activities.what_{side}" for side in ("revenues", "costs")]
    keys += ["activities.from", "activities.to"]
    for key in keys:
        assert set(catalog()[key]) == {"fr", "en"}, key
