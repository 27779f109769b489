"""Work allocation page: hours table, load, what-if sliders; and its pure tables and charts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import NumberInput, Slider

from bm3c.edit.cooperation import set_work
from bm3c.edit.transfer import apply_transfer
from bm3c.engine import evaluate
from bm3c.engine.transfer import Transfer, what_if_transfer
from bm3c.engine.whatif import prepare_what_if, what_if
from bm3c.errors import InvalidModelError
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.charts_work import OVERLOAD_RED, chart_spec, delta_data, load_data
from bm3c.present.work_tables import (
    hours_matrix,
    members_table,
    metric_delta,
    signed_money,
    transfer_table,
    what_if_table,
    with_work_rows,
    work_rows,
)
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import money, number
from tests.conftest import build
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, table_with, workspace_of

ACTIVITY = "coordination"  # Halle: the activity with the most work lines, opened first
WHATIF = "work.whatif."  # the advanced view's sliders
SLIDER = f"{WHATIF}{ACTIVITY}.la-boucle"


def cash_results(at: AppTest, column: str = "Résultat") -> list[str]:
    """The cash results of the members' load table."""
    table = table_with(at, column)
    return list(table[column])


def open_model(tmp_path: Path, coop: Cooperation, lang: str = "fr") -> AppTest:
    path = tmp_path / "model.yaml"
    path.write_text(dump_cooperation(coop), encoding="utf-8")
    return open_app(path, page="work", lang=lang)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_work_page_shows_the_engine_figures(example: Path) -> None:
    at = open_app(example, page="work")
    coop = load_cooperation(example)
    ev = evaluate(coop)
    assert at.title[0].value == "Répartition du travail"
    assert cash_results(at) == [money(m.cash_result_eur, "EUR", "fr") for m in ev.members]
    whatif = table_with(at, "Résultat avant")
    assert list(whatif["Résultat avant"]) == list(whatif["Résultat après"])
    assert list(whatif["Résultat avant"]) == [
        money(m.cash_result_eur, "EUR", "fr") for m in ev.members
    ]
    rows = sum(len(a.work) for a in coop.activities)
    editors = [d for d in at.dataframe if "paid_hours" in d.value.columns]
    assert len(editors[0].value) == rows
    overloaded = [m.name for m in ev.members if m.overloaded]
    if overloaded:
        assert all(name in at.warning[0].value for name in overloaded)
    else:
        assert "Aucune structure ne dépasse sa capacité." in [s.value for s in at.success]
    assert len(at.get("vega_lite_chart")) == 1  # load chart; the delta chart waits for a move


def test_editing_hours_changes_that_members_cash_result() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    rows = work_rows(coop, "fr")
    position = next(
        i for i, r in enumerate(rows) if (r["activity"], r["member"]) == (ACTIVITY, "slow-fest")
    )
    edit_table(at, "work.hours", edited_rows={position: {"paid_hours": 300.0}})
    assert not at.exception
    expected = set_work(coop, ACTIVITY, "slow-fest", 300, 40)
    assert workspace_of(at).model == expected
    before, after = evaluate(coop).member("slow-fest"), evaluate(expected).member("slow-fest")
    assert after.cash_result_eur != before.cash_result_eur
    assert money(after.cash_result_eur, "EUR", "fr") in cash_results(at)
    assert cash_results(at) == [
        money(m.cash_result_eur, "EUR", "fr") for m in evaluate(expected).members
    ]
    assert "Annuler : heures de travail" in [b.label for b in at.sidebar.button]


def test_an_invalid_edit_is_refused_next_to_the_table() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    edit_table(at, "work.hours", edited_rows={0: {"paid_hours": -5.0}})
    assert not at.exception
    assert workspace_of(at).model == coop
    assert any("Modification refusée" in e.value for e in at.error)


def test_zero_hours_remove_the_line_and_a_filter_shows_one_member() -> None:
    at = open_app(HALLE, page="work")
    at.selectbox(key="work.filter_member").set_value("slow-fest").run()
    shown = table_with(at, "paid_hours")
    assert set(shown["member_name"]) == {"Slow Fest"}
    position = list(shown["activity_name"]).index("Coordination et vie coopérative de la SCIC")
    edit_table(
        at,
        "work.hours.slow-fest.None",
        edited_rows={position: {"paid_hours": 0.0, "volunteer_hours": 0.0}},
    )
    assert not at.exception
    activity = next(a for a in workspace_of(at).model.activities if a.id == ACTIVITY)
    assert "slow-fest" not in [w.member for w in activity.work]


def test_the_add_form_gives_a_member_hours_on_an_activity() -> None:
    at = open_app(HALLE, page="work")
    at.selectbox(key="work.add_member").set_value("r3-bordeaux")
    at.selectbox(key="work.add_activity").set_value("festival")
    at.number_input(key="work.add_paid").set_value(60.0)
    at.button(key="work.add_submit").click().run()
    assert not at.exception
    expected = set_work(load_cooperation(HALLE), "festival", "r3-bordeaux", 60, 0, False)
    assert workspace_of(at).model == expected


def test_a_what_if_slider_changes_results_and_shows_the_difference() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    assert at.slider(key=SLIDER).value == 400
    at.slider(key=SLIDER).set_value(250.0).run()
    assert not at.exception
    assert workspace_of(at).model == coop  # a draft: the model does not move
    after = evaluate(set_work(coop, ACTIVITY, "la-boucle", 250, 50))
    before = evaluate(coop)
    whatif = table_with(at, "Résultat avant")
    assert list(whatif["Résultat après"]) == [
        money(m.cash_result_eur, "EUR", "fr") for m in after.members
    ]
    row = list(whatif["Structure"]).index("La Boucle")
    delta = after.member("la-boucle").cash_result_eur - before.member("la-boucle").cash_result_eur
    assert whatif["Écart de résultat"][row] == signed_money(delta, "EUR", "fr")
    assert whatif["Heures sur l'activité"][row] == "450\u00a0h → 300\u00a0h"
    shared = at.metric[0]
    assert shared.value == money(after.shared_entity.result_eur, "EUR", "fr")
    assert shared.delta == metric_delta(
        after.shared_entity.result_eur - before.shared_entity.result_eur, "EUR", "fr"
    )
    assert len(at.get("vega_lite_chart")) == 2  # the delta chart appears


def test_applying_the_what_if_commits_it_and_undo_restores() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    at.slider(key=SLIDER).set_value(250.0).run()
    at.slider(key=f"work.whatif.{ACTIVITY}.ecoagir").set_value(190.0).run()
    at.button(key="work.whatif_apply").click().run()
    assert not at.exception
    expected = set_work(
        set_work(coop, ACTIVITY, "la-boucle", 250, 50), ACTIVITY, "ecoagir", 190, 40
    )
    assert workspace_of(at).model == expected
    assert at.slider(key=SLIDER).value == 250
    assert at.button(key="work.whatif_apply").disabled  # nothing left to apply
    assert cash_results(at) == [
        money(m.cash_result_eur, "EUR", "fr") for m in evaluate(expected).members
    ]
    at.sidebar.button(key="sidebar.undo").click().run()
    assert not at.exception
    assert workspace_of(at).model == coop
    assert at.slider(key=SLIDER).value == 400  # the draft starts again from the model


def test_reset_puts_the_sliders_back_on_the_model() -> None:
    at = open_app(HALLE, page="work")
    at.slider(key=SLIDER).set_value(100.0).run()
    assert not at.button(key="work.whatif_reset").disabled
    at.button(key="work.whatif_reset").click().run()
    assert not at.exception
    assert at.slider(key=SLIDER).value == 400
    assert "Bougez un curseur" in at.info[0].value


def test_volunteer_sliders_and_members_brought_onto_the_activity() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    at.toggle(key="work.whatif_volunteer").set_value(True).run()
    at.slider(key=f"{SLIDER}.volunteer").set_value(150.0).run()
    assert not at.exception
    base = prepare_what_if(coop)
    result = what_if(base, ACTIVITY, {}, {"la-boucle": 150})
    whatif = table_with(at, "Résultat avant")
    assert list(whatif["Résultat après"]) == [
        money(m.cash_result_after_eur, "EUR", "fr") for m in result.members
    ]
    at.selectbox(key="work.whatif_activity").set_value("festival").run()
    assert [
        s.key for s in at.slider if s.key.startswith(WHATIF) and not s.key.endswith(".volunteer")
    ] == ["work.whatif.festival.slow-fest"]
    at.multiselect(key="work.whatif_more.festival").set_value(["r3-bordeaux"]).run()
    at.slider(key="work.whatif.festival.r3-bordeaux").set_value(80.0).run()
    assert not at.exception
    expected = set_work(coop, "festival", "r3-bordeaux", 80, 0)
    whatif = table_with(at, "Résultat avant")
    assert list(whatif["Résultat après"]) == [
        money(m.cash_result_eur, "EUR", "fr") for m in evaluate(expected).members
    ]
    at.button(key="work.whatif_apply").click().run()
    assert not at.exception
    assert workspace_of(at).model == expected
    assert at.slider(key="work.whatif.festival.r3-bordeaux").value == 80
    assert at.multiselect(key="work.whatif_more.festival").value == []


def test_an_overloaded_member_is_flagged(tmp_path: Path) -> None:
    coop = set_work(load_cooperation(HALLE), "festival", "slow-fest", 2500, 1000)
    ev = evaluate(coop)
    assert ev.member("slow-fest").overloaded
    at = open_model(tmp_path, coop)
    assert not at.exception
    assert "Slow Fest" in at.warning[0].value  # to watch, not an error
    table = table_with(at, "Charge")
    load = dict(zip(table["Structure"], table["Charge"], strict=True))
    assert load["Slow Fest"].endswith("⚠ surcharge")
    assert not load["La Boucle"].endswith("⚠ surcharge")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert OVERLOAD_RED in spec["layer"][0]["encoding"]["color"]["scale"]["range"]


def test_the_page_in_english() -> None:
    at = open_app(HALLE, page="work", lang="en")
    ev = evaluate(load_cooperation(HALLE))
    assert at.title[0].value == "Work allocation"
    assert cash_results(at, "Result") == [money(m.cash_result_eur, "EUR", "en") for m in ev.members]
    assert [m.label for m in at.metric] == [
        "Shared entity's result",
        "Collective result",
        "Activity's result",
    ]
    assert "What if… we moved hours?" in [s.value for s in at.subheader]
    assert at.button(key="work.whatif_apply").label == "Apply to the model"
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["title"] == "Hours given and capacity"
    at.slider(key=SLIDER).set_value(300.0).run()
    whatif = table_with(at, "Result before")
    assert "Change in result" in whatif.columns


def test_the_synthetic_cooperation() -> None:
    coop = validate_cooperation(synthetic_cooperation(30, 200, 300))
    at = open_app(coop, page="work")
    slider = next(s for s in at.slider if s.key.startswith(WHATIF))
    slider.set_value(slider.value + 10).run()
    assert not at.exception
    assert cash_results(at) == [
        money(m.cash_result_eur, "EUR", "fr") for m in evaluate(coop).members
    ]


# --- pure tables and charts -------------------------------------------------


def small() -> Cooperation:
    return build(
        members=[
            {"id": "a", "name": "A", "hourly_cost_eur": 20.0, "capacity_hours": 100},
            {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        ],
        activities=[
            {
                "id": "x",
                "name": "X",
                "carrier": "commun",
                "revenues": [{"label": "Ventes", "amount_eur": 10000}],
                "work": [
                    {"member": "a", "paid_hours": 120, "reimbursed": True},
                    {"member": "b", "paid_hours": 10, "volunteer_hours": 5},
                ],
            },
            {"id": "y", "name": "Y", "carrier": "b", "work": [{"member": "b", "paid_hours": 50}]},
        ],
    )


def test_work_rows_and_back() -> None:
    coop = small()
    rows = work_rows(coop, "fr")
    assert [(r["activity"], r["member"]) for r in rows] == [("x", "a"), ("x", "b"), ("y", "b")]
    assert rows[0]["carrier_name"] == "Commun"
    assert rows[0]["staff_cost"] == money(2400, "EUR", "fr")
    assert [r["member"] for r in work_rows(coop, "fr", member="b")] == ["b", "b"]
    assert [r["activity"] for r in work_rows(coop, "fr", activity="y")] == ["y"]
    assert with_work_rows(coop, rows) == coop
    edited = [dict(rows[0], paid_hours=0.0, volunteer_hours=8.0), dict(rows[1])]
    del edited[1]["volunteer_hours"]  # an emptied cell
    new = with_work_rows(coop, edited)
    x = new.activities[0]
    assert (x.work[0].paid_hours, x.work[0].volunteer_hours, x.work[0].reimbursed) == (0, 8, False)
    assert x.work[1].volunteer_hours == 0
    gone = with_work_rows(coop, [dict(rows[2], paid_hours=0.0, volunteer_hours=0.0)])
    assert gone.activities[1].work == ()
    with pytest.raises(InvalidModelError):
        with_work_rows(coop, [dict(rows[0], paid_hours=-1.0)])


def test_members_table_flags_overloads() -> None:
    ev = evaluate(small())
    labels = {k: k for k in ("member", "paid_hours", "volunteer_hours", "capacity", "load")}
    labels |= {"cash_result": "cash", "gain": "gain"}
    table = members_table(ev, "fr", labels, "⚠")
    assert list(table["load"]) == ["120\u00a0% ⚠", "–"]
    assert list(table["capacity"]) == ["100\u00a0h", "–"]
    assert list(table["cash"]) == [money(m.cash_result_eur, "EUR", "fr") for m in ev.members]


def test_what_if_table_and_deltas() -> None:
    result = what_if(prepare_what_if(small()), "x", {"a": 60, "b": 70})
    labels = {
        k: k
        for k in (
            "member",
            "hours",
            "cash_before",
            "cash_after",
            "cash_delta",
            "gain_after",
            "gain_delta",
            "load",
        )
    }
    table = what_if_table(result, "EUR", "en", labels, "!")
    assert list(table["hours"]) == ["120\u00a0h → 60\u00a0h", "15\u00a0h → 75\u00a0h"]
    assert table["load"][0] == "120% → 60%"
    a = result.member("a")
    assert table["cash_delta"][0] == signed_money(a.cash_result_delta_eur, "EUR", "en")
    assert signed_money(1234.5, "EUR", "fr") == "+1\u202f234,50\u00a0€"
    assert signed_money(-80, "EUR", "en") == "−€80.00"
    assert signed_money(0.001, "EUR", "en") == "€0.00"
    assert metric_delta(-80, "EUR", "fr") == "-80,00\u00a0€"
    assert metric_delta(0.001, "EUR", "fr") is None
    frame = delta_data(result, "EUR", "fr", {"up": "Hausse", "down": "Baisse"})
    assert list(frame["direction"]) == [
        "Baisse" if m.cash_result_delta_eur < 0 else "Hausse" for m in result.members
    ]


def test_chart_specs_carry_their_texts_and_no_data() -> None:
    labels = {
        "title": "Heures données",
        "hours": "Heures",
        "member": "Structure",
        "kind": "Type",
        "status": "État",
        "capacity": "Capacité",
        "load": "Charge",
        "paid": "Salariées",
        "volunteer": "Bénévoles",
        "within": "OK",
        "overloaded": "Surchargée",
    }
    spec = chart_spec("load", "EUR", "fr", labels, 4)
    assert spec["title"] == "Heures données"
    assert "data" not in spec and "datasets" not in spec
    assert all("data" not in layer for layer in spec["layer"])
    spec["title"] = "changed"
    assert chart_spec("load", "EUR", "fr", labels, 4)["title"] == "Heures données"
    data = load_data(evaluate(small()), "fr", labels)
    assert list(data["status"]) == ["Surchargée", "Surchargée", "OK", "OK"]
    assert list(data["kind"]) == ["Salariées", "Bénévoles", "Salariées", "Bénévoles"]
    delta = chart_spec(
        "delta",
        "EUR",
        "en",
        {"title": "T", "delta": "D", "member": "M", "up": "U", "down": "Dn"},
        2,
    )
    assert delta["encoding"]["x"]["title"] == "D"
    assert "€" in delta["encoding"]["x"]["axis"]["labelExpr"]


def test_the_matrix_view_shows_each_members_hours_per_activity() -> None:
    at = open_app(HALLE, page="work")
    coop = workspace_of(at).model
    matrix = table_with(at, "Café cantine")
    line = next(w for a in coop.activities if a.id == "cafe-cantine" for w in a.work)
    member = coop.member(line.member)
    assert matrix.loc[member.name, "Café cantine"] == number(line.hours, "fr")
    at.segmented_control(key="work.matrix_which").set_value("paid").run()
    matrix = table_with(at, "Café cantine")
    assert matrix.loc[member.name, "Café cantine"] == number(line.paid_hours, "fr")


def test_the_matrix_keeps_members_and_activities_apart_when_names_repeat() -> None:
    coop = build(
        members=[
            {"id": "a", "name": "Même nom", "hourly_cost_eur": 20.0},
            {"id": "b", "name": "Même nom", "hourly_cost_eur": 30.0},
        ],
        activities=[
            {
                "id": "x",
                "name": "Communication",
                "carrier": "a",
                "work": [{"member": "a", "paid_hours": 10}, {"member": "b", "paid_hours": 5}],
            },
            {
                "id": "y",
                "name": "Communication",
                "carrier": "b",
                "work": [{"member": "b", "volunteer_hours": 7}],
            },
        ],
    )
    matrix = hours_matrix(coop, "fr")
    assert list(matrix.index) == ["Même nom (a)", "Même nom (b)"]
    assert list(matrix.columns) == ["Communication (x)", "Communication (y)"]
    assert matrix.loc["Même nom (a)", "Communication (x)"] == "10"
    assert matrix.loc["Même nom (b)", "Communication (x)"] == "5"
    assert matrix.loc["Même nom (b)", "Communication (y)"] == "7"
    assert matrix.loc["Même nom (a)", "Communication (y)"] == ""


# --- the transfer of hours -----------------------------------------------------------

TRANSFER_TABLE_COLUMN = "Avant"


def hours_slider(at: AppTest) -> Slider[float]:
    """The transfer's slider, whatever its version (it is redrawn when a number is typed)."""
    return next(s for s in at.slider if str(s.key).startswith("work.transfer.hours_slider."))


def hours_entry(at: AppTest) -> NumberInput[float]:
    """The transfer's exact number, whatever its version (redrawn when the slider moves)."""
    return next(n for n in at.number_input if str(n.key).startswith("work.transfer.hours."))


def transfer_cells(at: AppTest) -> dict[str, tuple[str, str, str]]:
    """The transfer table: name → (hours, before, after)."""
    table = table_with(at, TRANSFER_TABLE_COLUMN)
    return {
        row["Structure"]: (row["Heures"], row["Avant"], row["Après"])
        for row in table.to_dict("records")
    }


def test_a_transfer_shows_every_result_and_leaves_the_model_alone() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    assert at.selectbox(key="work.transfer.activity").value == ACTIVITY
    assert at.selectbox(key="work.transfer.giver").value == "la-boucle"
    assert at.selectbox(key="work.transfer.receiver").value == "slow-fest"
    assert hours_slider(at).max == 400  # La Boucle's paid hours
    assert at.button(key="work.transfer.apply").disabled
    hours_entry(at).set_value(450.0).run()  # more than it has
    assert [e.value for e in at.error] == [
        "Nombre exact d'heures : 450\u00a0h n'est pas accepté, "
        "la valeur va de 0\u00a0h à 400\u00a0h. Rien n'a été modifié."
    ]
    assert at.button(key="work.transfer.apply").disabled
    assert hours_entry(at).value == 450  # kept as typed
    hours_entry(at).set_value(200.0).run()
    assert not at.exception
    assert workspace_of(at).model == coop  # a draft
    assert hours_slider(at).value == 200
    transfer = Transfer(ACTIVITY, "la-boucle", "slow-fest", 200, "paid", "paid")
    after = evaluate(apply_transfer(coop, transfer))
    cells = transfer_cells(at)
    for m in after.members:
        assert cells[m.name][2] == money(m.cash_result_eur, "EUR", "fr", 0)
    shared = cells[coop.shared_entity.name]
    assert shared[2] == money(after.shared_entity.result_eur, "EUR", "fr", 0)
    assert cells["La Boucle"][0] == "450\u00a0h → 250\u00a0h"
    assert cells["Slow Fest"][0] == "80\u00a0h → 280\u00a0h"
    assert list(table_with(at, TRANSFER_TABLE_COLUMN)["Structure"])[:3] == [
        "La Boucle",
        "Slow Fest",
        coop.shared_entity.name,
    ]
    captions = [c.value for c in at.caption]
    assert "Heures sur l'activité : 690\u00a0h, inchangées." in captions
    assert any(
        c.startswith("Slow Fest les fait en heures salariées, à son coût horaire de 30,00")
        and "non refacturées : Slow Fest en porte le coût" in c
        for c in captions
    )


def test_applying_a_transfer_is_one_undoable_edit() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    hours_slider(at).set_value(150.0).run()
    assert hours_entry(at).value == 150
    at.button(key="work.transfer.apply").click().run()
    assert not at.exception
    expected = apply_transfer(coop, Transfer(ACTIVITY, "la-boucle", "slow-fest", 150))
    assert workspace_of(at).model == expected
    assert hours_entry(at).value == 0  # the next transfer from 0
    undo = "Annuler : transfert de 150\u00a0h de La Boucle à Slow Fest sur Coordination"
    assert any(b.label.startswith(undo) for b in at.sidebar.button)
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).model == coop


def test_a_member_new_on_the_activity_and_volunteer_hours() -> None:
    at = open_app(HALLE, page="work")
    coop = load_cooperation(HALLE)
    at.selectbox(key="work.transfer.activity").set_value("recyclerie").run()
    receiver = at.selectbox(key="work.transfer.receiver")
    assert receiver.options == [
        "Slow Fest (nouvelle sur l'activité)",
        "R3 Bordeaux (nouvelle sur l'activité)",
        "Ecoagir / Réagir33",
    ]
    receiver.set_value("slow-fest").run()
    hours_entry(at).set_value(100.0).run()
    key = "work.transfer.reimbursed.recyclerie.la-boucle.slow-fest.paid"
    assert at.checkbox(key=key).value  # La Boucle's hours there are reimbursed
    captions = " ".join(c.value for c in at.caption)
    assert "Slow Fest n'a pas encore d'heures sur cette activité" in captions
    assert "refacturées à SCIC La Halle des transitions." in captions
    at.checkbox(key=key).uncheck().run()
    told = Transfer("recyclerie", "la-boucle", "slow-fest", 100, reimbursed=False)
    after = evaluate(apply_transfer(coop, told))
    assert transfer_cells(at)["Slow Fest"][2] == money(
        after.member("slow-fest").cash_result_eur, "EUR", "fr", 0
    )
    at.radio(key="work.transfer.received.recyclerie.la-boucle.slow-fest.paid").set_value(
        "volunteer"
    ).run()
    assert not at.exception
    volunteer = Transfer("recyclerie", "la-boucle", "slow-fest", 100, "paid", "volunteer")
    after = evaluate(apply_transfer(coop, volunteer))
    assert transfer_cells(at)["Slow Fest"][2] == money(
        after.member("slow-fest").cash_result_eur, "EUR", "fr", 0
    )
    assert "Slow Fest les fait en heures bénévoles" in " ".join(c.value for c in at.caption)
    at.radio(key="work.transfer.given").set_value("volunteer").run()
    assert hours_slider(at).max == 200  # La Boucle's volunteer hours
    assert hours_entry(at).value == 100


def test_the_transfer_in_english() -> None:
    at = open_app(HALLE, page="work", lang="en")
    assert "Move hours from one member to another" in [s.value for s in at.subheader]
    hours_entry(at).set_value(40.0).run()
    assert not at.exception
    table = table_with(at, "Before")
    assert list(table.columns) == ["Member", "Hours", "Before", "After", "Change"]
    assert at.button(key="work.transfer.apply").label == "Apply the transfer"


def test_transfer_table_puts_the_two_sides_and_the_shared_entity_first() -> None:
    coop = small()
    result = what_if_transfer(prepare_what_if(coop), Transfer("x", "a", "b", 20))
    labels = {k: k for k in ("member", "hours", "before", "after", "delta")}
    table = transfer_table(result, ("b", "a"), "Commun", "EUR", "fr", labels)
    assert list(table["member"]) == ["B", "A", "Commun"]
    assert list(table["hours"]) == ["15\u00a0h → 35\u00a0h", "120\u00a0h → 100\u00a0h", "–"]
    a = result.member("a")
    assert table["after"][1] == money(a.cash_result_after_eur, "EUR", "fr", 0)
    assert table["delta"][2] == signed_money(
        result.shared_result_after_eur - result.shared_result_before_eur, "EUR", "fr", 0
    )
