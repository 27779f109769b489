"""Scenarios page under AppTest: the comparison shows the engine's numbers; saving,
editing and deleting scenarios go through the model (undoable)."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from bm3c.edit.cooperation import edit_data, remove_party, set_work
from bm3c.edit.scenarios import add_scenario
from bm3c.engine import Evaluation, evaluate
from bm3c.engine.scenarios import change_targets
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.model import Change, Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.present.charts_impacts import quantity
from bm3c.present.charts_scenarios import (
    GAIN_STYLE,
    LOSS_STYLE,
    ComparisonTable,
    column_labels,
    signed_money,
    styled,
)
from bm3c.present.scenario_rows import with_difference
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import money
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, table_with, workspace_of

CASH, GAIN, SHARED = 0, 1, 2  # positions of the comparison tables when no edit is pending


def edit_model(at: AppTest, model: Cooperation, what: str = "heures") -> AppTest:
    """Make ``model`` the working model as another page's edit would, and rerun."""
    workspace_of(at).replace(model, what)
    return at.run()


def column(at: AppTest, table: int, title: str) -> list[str]:
    """The texts of one column of one of the page's tables."""
    frame: pd.DataFrame = at.dataframe[table].value
    return [str(v) for v in frame[title]]


def chart_data(at: AppTest, index: int) -> pd.DataFrame:
    """The data behind one of the page's charts."""
    dataset = at.get("vega_lite_chart")[index].proto.datasets[0]
    return dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)


def expected(ev: Evaluation, figure: str, lang: str = "fr") -> list[str]:
    """A member figure of an evaluation as the page formats it."""
    return [money(getattr(m, figure), ev.currency, lang) for m in ev.members]


def scenario_row(at: AppTest, table: int, name: str) -> list[str]:
    """The cells of one scenario's row (one row per scenario: more than three compared)."""
    frame: pd.DataFrame = at.dataframe[table].value
    row = frame[frame["Scénario"] == name]
    assert len(row) == 1, f"{name} is not a row of table {table}"
    return [str(v) for v in row.iloc[0, 1:]]


def pivoted(ev: Evaluation, base: Evaluation, figure: str) -> list[str]:
    """A scenario's row of a member figure as the page writes it."""
    return [
        whole_with_difference(getattr(m, figure), getattr(b, figure))
        for m, b in zip(ev.members, base.members, strict=True)
    ]


def whole_with_difference(value: float, base: float, lang: str = "fr") -> str:
    """A pivoted cell as the page writes it: the whole amount, its difference in brackets."""
    return with_difference(value, value - base, "EUR", lang)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_comparison_shows_the_engine_numbers(example: Path) -> None:
    """Every example has more than three scenarios: one row each, the newest first."""
    at = open_app(example, page="scenarios")
    coop = load_cooperation(example)
    assert len(coop.scenarios) > 3
    base = evaluate(coop)
    assert at.title[0].value == "Scénarios"
    rows = ["Situation de base", *(s.name for s in reversed(coop.scenarios))]
    for table in (CASH, GAIN, SHARED):
        assert column(at, table, "Scénario") == rows
    cash: pd.DataFrame = at.dataframe[CASH].value
    gain: pd.DataFrame = at.dataframe[GAIN].value
    shared: pd.DataFrame = at.dataframe[SHARED].value
    assert list(cash.columns) == ["Scénario", *(m.name for m in base.members)]
    for m in base.members:
        assert cash[m.name][0] == money(m.cash_result_eur, "EUR", "fr", 0)
    for row, s in enumerate(reversed(coop.scenarios), start=1):
        ev = evaluate(coop, s.id)
        for m, b in zip(ev.members, base.members, strict=True):
            assert cash[m.name][row] == whole_with_difference(m.cash_result_eur, b.cash_result_eur)
            assert gain[m.name][row] == whole_with_difference(
                m.gain_from_cooperation_eur, b.gain_from_cooperation_eur
            )
        entity, entity_base = ev.shared_entity, base.shared_entity
        assert list(shared.iloc[row, 1:4]) == [
            whole_with_difference(entity.result_eur, entity_base.result_eur),
            whole_with_difference(entity.reserve_eur, entity_base.reserve_eur),
            whole_with_difference(entity.distributed_eur, entity_base.distributed_eur),
        ]
        verdict = shared.iloc[row, 4]
        assert verdict == "Oui" if ev.everyone_gains else verdict.startswith("Non : ")
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [c["title"] for c in charts] == [
        "Résultat par structure et par scénario",
        "Gain de la coopération par structure et par scénario",
    ]
    assert not at.exception


def test_a_new_scenario_appears_at_the_top() -> None:
    """Four scenarios or more: a row each, and the one just made is right under the base."""
    at = open_app(HALLE, page="scenarios")
    coop = workspace_of(at).plan
    newest, _ = add_scenario(
        coop,
        "Nouveau tarif",
        changes=[{"set": "members.la-boucle.hourly_cost_eur", "value": 40}],
    )
    at = edit_model(at, newest, "scénario")
    assert not at.exception
    assert column(at, CASH, "Scénario")[:2] == ["Situation de base", "Nouveau tarif"]
    assert column(at, SHARED, "Scénario")[1] == "Nouveau tarif"


def test_three_scenarios_or_fewer_are_a_column_each_newest_first() -> None:
    at = open_app(HALLE, page="scenarios")
    coop = load_cooperation(HALLE)
    names = {s.id: s.name for s in coop.scenarios}
    chosen = ["subvention-perdue", "ecoagir-en-cuisine", "prix-plus-dix"]
    at.multiselect(key="scenarios.compare").set_value(chosen).run()
    frame: pd.DataFrame = at.dataframe[CASH].value
    titles = [c for c in frame.columns if c in names.values()]
    assert titles == [
        names["prix-plus-dix"],
        names["ecoagir-en-cuisine"],
        names["subvention-perdue"],
    ]
    assert "Scénario" not in frame.columns
    at.multiselect(key="scenarios.compare").set_value([*chosen, "r3-refacture"]).run()
    assert column(at, CASH, "Scénario")[1:] == [
        names[i]
        for i in ("r3-refacture", "prix-plus-dix", "ecoagir-en-cuisine", "subvention-perdue")
    ]


def test_saving_the_edits_as_a_scenario() -> None:
    """Hours moved on the café become a scenario whose numbers are those of the edited
    model; the working model goes back to the base values; undo brings the edits back."""
    at = open_app(HALLE, page="scenarios")
    opened = workspace_of(at).plan
    edited = set_work(opened, "cafe-cantine", "la-boucle", 300, 50, True)
    edit_model(at, edited)
    assert "1 modification sera enregistrée dans le scénario :" in [m.value for m in at.markdown]
    at.text_input(key="scenarios.new_name").set_value("Moins de cuisine")
    at.button(key="scenarios.save").click().run()
    assert not at.exception
    ws = workspace_of(at)
    assert ws.plan.scenarios[-1].id == "moins-de-cuisine"
    assert ws.plan.model_copy(update={"scenarios": opened.scenarios}) == opened
    assert evaluate(ws.plan, "moins-de-cuisine").members == evaluate(edited).members
    assert any("Moins de cuisine" in s.value for s in at.success)
    mine = evaluate(ws.plan, "moins-de-cuisine")
    base = evaluate(ws.plan)
    assert column(at, CASH, "Scénario")[1] == "Moins de cuisine"  # the newest, at the top
    assert scenario_row(at, CASH, "Moins de cuisine") == pivoted(mine, base, "cash_result_eur")
    assert scenario_row(at, GAIN, "Moins de cuisine") == pivoted(
        mine, base, "gain_from_cooperation_eur"
    )
    assert at.text_input(key="scenarios.new_name").value == ""
    assert at.selectbox(key="scenarios.selected").value == "moins-de-cuisine"
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).plan == edited


def test_edits_that_cannot_be_recorded_ask_for_confirmation() -> None:
    at = open_app(HALLE, page="scenarios")
    opened = workspace_of(at).plan
    edit_model(at, remove_party(opened, "slow-fest"))
    assert any("- Slow Fest (retiré)" in w.value for w in at.warning)
    at.text_input(key="scenarios.new_name").set_value("Slow Fest retirée")
    edited = workspace_of(at).plan
    at.button(key="scenarios.save").click().run()
    assert workspace_of(at).plan == edited  # not yet: the user must confirm
    assert any("Enregistrer quand même" in w.value for w in at.warning)
    at.button(key="scenarios.save_anyway").click().run()
    assert not at.exception
    model = workspace_of(at).plan
    assert [s.id for s in model.scenarios][-1] == "slow-fest-retiree"
    assert [m.id for m in model.members] == [m.id for m in opened.members]


def test_a_scenario_needs_a_name() -> None:
    at = open_app(HALLE, page="scenarios")
    before = workspace_of(at).plan
    at.button(key="scenarios.save").click().run()
    assert workspace_of(at).plan == before
    assert any("Donnez un nom au scénario." in e.value for e in at.error)


def test_comparing_two_scenarios() -> None:
    at = open_app(HALLE, page="scenarios")
    coop = load_cooperation(HALLE)
    at.multiselect(key="scenarios.compare").set_value(["prix-plus-dix", "subvention-perdue"]).run()
    assert not at.exception
    frame: pd.DataFrame = at.dataframe[CASH].value
    names = {s.id: s.name for s in coop.scenarios}
    assert list(frame.columns) == [
        "Structure",
        "Situation de base",
        names["prix-plus-dix"],
        f"Δ {names['prix-plus-dix']}",
        names["subvention-perdue"],
        f"Δ {names['subvention-perdue']}",
    ]
    for sid in ("prix-plus-dix", "subvention-perdue"):
        ev = evaluate(coop, sid)
        assert column(at, CASH, names[sid]) == expected(ev, "cash_result_eur")
        assert column(at, GAIN, names[sid]) == expected(ev, "gain_from_cooperation_eur")
    bars = chart_data(at, 0)
    assert set(bars["scenario"]) == {
        "Situation de base",
        names["prix-plus-dix"],
        names["subvention-perdue"],
    }
    ev = evaluate(coop, "prix-plus-dix")
    mine = bars[bars["scenario"] == names["prix-plus-dix"]]
    assert list(mine["value"]) == pytest.approx([m.cash_result_eur for m in ev.members])


def test_deleting_a_scenario_after_confirmation() -> None:
    at = open_app(HALLE, page="scenarios")
    at.selectbox(key="scenarios.selected").set_value("prix-plus-dix").run()
    at.button(key="scenarios.delete").click().run()
    assert "prix-plus-dix" in [s.id for s in workspace_of(at).plan.scenarios]
    at.button(key="scenarios.delete_confirm").click().run()
    assert not at.exception
    assert "prix-plus-dix" not in [s.id for s in workspace_of(at).plan.scenarios]
    assert "Prix +10 % et ristourne selon les heures" not in at.dataframe[CASH].value.columns
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).plan == load_cooperation(HALLE)


def test_cancelling_a_deletion_keeps_the_scenario() -> None:
    at = open_app(HALLE, page="scenarios")
    at.button(key="scenarios.delete").click().run()
    at.button(key="scenarios.delete_cancel").click().run()
    assert workspace_of(at).plan == load_cooperation(HALLE)


def test_a_change_with_a_bad_path_is_refused_with_a_message() -> None:
    at = open_app(HALLE, page="scenarios")
    before = workspace_of(at).plan
    bad = "activities.cafe-cantin.costs.Énergie.amount_eur"
    edit_table(at, "scenarios.changes.subvention-perdue", edited_rows={0: {"path": bad}})
    assert not at.exception
    assert workspace_of(at).plan == before
    (message,) = [e.value for e in at.error]
    assert "Perte de la subvention tiers-lieu › changements › ligne 1" in message
    assert "cafe-cantine" in message  # did you mean


def test_editing_a_change_updates_the_comparison() -> None:
    at = open_app(HALLE, page="scenarios")
    edit_table(
        at,
        "scenarios.changes.subvention-perdue",
        edited_rows={0: {"value": "10 000"}},
        added_rows=[{"action": "set", "path": "sharing.deficit", "value": "equal"}],
    )
    assert not at.exception
    model = workspace_of(at).plan
    changes = model.scenario("subvention-perdue").changes
    assert [(c.path, c.value) for c in changes] == [
        ("activities.coordination.revenues.Subvention tiers-lieu.amount_eur", 10000),
        ("sharing.deficit", "equal"),
    ]
    ev = evaluate(model, "subvention-perdue")
    assert scenario_row(at, CASH, "Perte de la subvention tiers-lieu") == pivoted(
        ev, evaluate(model), "cash_result_eur"
    )


def test_renaming_a_scenario_in_the_list() -> None:
    at = open_app(HALLE, page="scenarios")
    edit_table(at, "scenarios.list", edited_rows={1: {"name": "Cuisine partagée"}})
    assert not at.exception
    assert workspace_of(at).plan.scenarios[1].name == "Cuisine partagée"
    assert "Cuisine partagée" in column(at, CASH, "Scénario")


def test_a_scenario_broken_by_an_edit_of_the_base_is_set_apart() -> None:
    at = open_app(HALLE, page="scenarios")

    def drop_subsidy(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["revenues"] = [
                r for r in activity.get("revenues", []) if r["label"] != "Subvention tiers-lieu"
            ]

    edit_model(at, edit_data(workspace_of(at).plan, drop_subsidy), "ligne")
    assert not at.exception
    assert any("Perte de la subvention tiers-lieu" in w.value for w in at.warning)
    rows = column(at, CASH, "Scénario")
    assert "Perte de la subvention tiers-lieu" not in rows
    assert "Ecoagir reprend la cuisine" in rows


def test_the_page_in_english() -> None:
    at = open_app(HALLE, page="scenarios", lang="en")
    coop = load_cooperation(HALLE)
    assert at.title[0].value == "Scenarios"
    assert at.header[0].value == "Compare scenarios"
    assert "Result" in [s.value for s in at.subheader]
    assert at.button(key="scenarios.save").label == "Create an empty scenario"
    base = evaluate(coop)
    ev = evaluate(coop, "subvention-perdue")
    assert column(at, CASH, "Scenario")[0] == "Base case"
    assert column(at, CASH, "Scenario")[-1] == ev.scenario_name  # the oldest, last
    first = base.members[0]
    assert column(at, CASH, first.name)[-1] == with_difference(
        ev.members[0].cash_result_eur,
        ev.members[0].cash_result_eur - first.cash_result_eur,
        "EUR",
        "en",
    )
    assert list(at.dataframe[SHARED].value.columns)[-1] == "Everyone gains?"
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert charts[1]["title"] == "Gain from cooperation per member and scenario"
    assert charts[1]["config"]["locale"]["number"]["currency"] == ["€", ""]


def test_the_large_synthetic_model(tmp_path: Path) -> None:
    """30 members, 200 activities, 3 scenarios: the page works; its rerun time is printed."""
    path = tmp_path / "synthetic.yaml"
    coop = validate_cooperation(synthetic_cooperation())
    path.write_text(dump_cooperation(coop), encoding="utf-8")
    at = open_app(path, page="scenarios")
    assert not at.exception
    ev = evaluate(coop, coop.scenarios[0].id)
    assert column(at, CASH, ev.scenario_name) == expected(ev, "cash_result_eur")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    print(f"scenarios page rerun on the synthetic model: median {statistics.median(times):.3f} s")


def test_column_titles_are_unique() -> None:
    labels = column_labels("Base", [("a", "Prix"), ("b", "Prix"), ("c", "Base"), ("d", "Seul")])
    assert labels == {
        "base": "Base",
        "a": "Prix (a)",
        "b": "Prix (b)",
        "c": "Base (c)",
        "d": "Seul",
    }


def test_differences_are_signed_and_tinted() -> None:
    assert signed_money(1234.5, "EUR", "fr") == "+1\u202f234,50\u00a0€"
    assert signed_money(-12, "EUR", "en") == "−€12.00"
    assert signed_money(0.001, "EUR", "fr") == "0,00\u00a0€"
    table = ComparisonTable(
        text=pd.DataFrame({"x": ["a", "b", "c"], "Δ": ["+1", "−1", "0"]}),
        delta=pd.DataFrame({"x": [float("nan")] * 3, "Δ": [1.0, -1.0, 0.0]}),
    )
    html = styled(table).to_html()
    assert GAIN_STYLE.split(";")[0] in html
    assert LOSS_STYLE.split(";")[0] in html


SUBSIDIES = "activities.*.revenues[kind=subsidy].amount_eur"


def test_a_filter_shows_what_it_touches_before_it_is_added() -> None:
    """Every subsidy line, with its current amount; adding halves them all (undoable)."""
    at = open_app(HALLE, page="scenarios")
    coop = load_cooperation(HALLE)
    at.selectbox(key="scenarios.selected").set_value("prix-plus-dix").run()
    assert at.radio(key="scenarios.add.what").value == "subsidies"
    targets = change_targets(coop, SUBSIDIES)
    preview = table_with(at, "Valeur touchée")
    assert "Chemin" not in preview.columns  # the file's paths only on demand
    assert list(preview["Valeur actuelle"]) == [quantity(float(str(v)), "fr") for _, v in targets]
    names = {a.id: a.name for a in coop.activities}
    first = targets[0][0].split(".")
    assert preview["Valeur touchée"][0] == f"{names[first[1]]} › recettes › {first[3]} › montant"
    at.toggle(key="scenarios.show_paths").set_value(True).run()
    preview = table_with(at, "Valeur touchée")
    assert list(preview["Chemin"]) == [path for path, _ in targets]
    assert (
        f"Ce changement touchera {len(targets)} {'valeur' if len(targets) < 2 else 'valeurs'} :"
        in [m.value for m in at.markdown]
    )
    at.button(key="scenarios.add.button").click().run()
    assert not at.exception
    changes = workspace_of(at).plan.scenario("prix-plus-dix").changes
    assert changes[:-1] == coop.scenario("prix-plus-dix").changes
    assert (changes[-1].scale, changes[-1].by) == (SUBSIDIES, 0.5)
    at.sidebar.button(key="sidebar.undo").click().run()
    assert workspace_of(at).plan == coop


def test_every_line_from_an_actor() -> None:
    """The State pays two revenue lines and one money flow: three values are listed."""
    at = open_app(HALLE, page="scenarios")
    at.radio(key="scenarios.add.what").set_value("actor").run()
    at.selectbox(key="scenarios.add.actor").set_value("etat").run()
    assert not at.exception
    coop = load_cooperation(HALLE)
    expected_paths = [
        path
        for pattern in (
            "activities.*.revenues[from=etat].amount_eur",
            "flows[from=etat].amount_eur",
        )
        for path, _ in change_targets(coop, pattern)
    ]
    at.toggle(key="scenarios.show_paths").set_value(True).run()
    assert list(table_with(at, "Valeur touchée")["Chemin"]) == expected_paths


def test_a_written_filter_that_matches_nothing_says_so() -> None:
    at = open_app(HALLE, page="scenarios")
    at.radio(key="scenarios.add.what").set_value("path").run()
    at.text_input(key="scenarios.add.path").set_value("flows[from=region].amount_eur").run()
    at.text_input(key="scenarios.add.value").set_value("0").run()
    assert not at.exception
    assert any("Ne touche rien" in w.value for w in at.warning)
    assert at.button(key="scenarios.add.button").disabled


def test_a_leave_reads_in_words_in_the_list_of_changes() -> None:
    bare = load_cooperation(HALLE)
    coop, sid = add_scenario(bare, "Départs", None, [{"leave": ["slow-fest", "r3-bordeaux"]}])
    at = open_app(coop, page="scenarios")
    at.selectbox(key="scenarios.selected").set_value(sid).run()
    assert not at.exception
    rows = table_with(at, "meaning")
    assert list(rows["action"]) == ["leave"]
    assert list(rows["meaning"]) == ["Slow Fest et R3 Bordeaux partent"]
    edit_table(at, f"scenarios.changes.{sid}", edited_rows={0: {"value": "slow-fest"}})
    assert not at.exception
    assert workspace_of(at).plan.scenario(sid).changes == (Change(leave=("slow-fest",)),)
    assert list(table_with(at, "meaning")["meaning"]) == ["Slow Fest part"]
