"""Scenario edits: saving a model's edits as a scenario, editing and deleting scenarios.

The base is never changed by a scenario: saving edits restores the base values and
records the edits as ``set`` changes, so evaluating the new scenario gives the
numbers of the edited model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from bm3c.edit.cooperation import edit_data, remove_party, set_work
from bm3c.edit.scenarios import (
    RecordableEdits,
    add_scenario,
    add_scenario_changes,
    change_rows,
    changes_from_rows,
    delete_scenario,
    parse_value,
    path_parts,
    ready_made_paths,
    recordable_edits,
    rename_scenarios,
    save_edits_as_scenario,
    scenario_id_for,
    scenario_with,
    set_scenario_changes,
    value_text,
)
from bm3c.engine import apply_changes, compare_scenarios, evaluate
from bm3c.engine.comparison import broken_scenarios, compare_applicable, select_scenarios
from bm3c.errors import InvalidModelError, ScenarioError
from bm3c.io import load_cooperation
from bm3c.model import Change, Cooperation

ROOT = Path(__file__).resolve().parents[2]
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    """La Halle des transitions, with its four scenarios."""
    return load_cooperation(HALLE)


def test_scenario_ids_are_unique_slugs_of_the_name() -> None:
    assert scenario_id_for("Prix +10 % côté café", []) == "prix-10-cote-cafe"
    assert scenario_id_for("Prix +10 %", ["prix-10"]) == "prix-10-2"
    assert scenario_id_for("Prix +10 %", ["prix-10", "prix-10-2"]) == "prix-10-3"
    assert scenario_id_for("%%%", []) == "scenario"
    assert len(scenario_id_for("x" * 200, [])) <= 60


def test_saving_edits_restores_the_base_and_records_them(halle: Cooperation) -> None:
    """Two edits (hours, sharing rule) become two set changes; the new scenario gives
    exactly the numbers of the edited model, and the model goes back to the base."""
    edited = set_work(halle, "cafe-cantine", "la-boucle", 500, 50, True)
    edited = edit_data(edited, lambda d: d["sharing"].update(surplus="equal"))
    edits = recordable_edits(halle, edited)
    assert {c.path for c in edits.changes} == {
        "activities.cafe-cantine.work.la-boucle.paid_hours",
        "sharing.surplus",
    }
    assert edits.not_recorded == ()
    saved, sid = save_edits_as_scenario(halle, edited, edits, "Moins d'heures", "Un essai")
    assert sid == "moins-d-heures"
    assert [s.id for s in saved.scenarios] == [*(s.id for s in halle.scenarios), sid]
    assert saved.scenario(sid).description == "Un essai"
    assert saved.model_copy(update={"scenarios": halle.scenarios}) == halle
    assert evaluate(saved, sid).members == evaluate(edited).members
    assert evaluate(saved, sid).shared_entity == evaluate(edited).shared_entity


def test_scenario_edits_made_since_opening_are_kept_when_saving(halle: Cooperation) -> None:
    fewer = delete_scenario(halle, "prix-plus-dix")
    edited = set_work(fewer, "coworking", "la-boucle", 100, 0, True)
    saved, sid = save_edits_as_scenario(halle, edited, recordable_edits(halle, edited), "Coworking")
    assert [s.id for s in saved.scenarios] == [
        *(s.id for s in fewer.scenarios),
        sid,
    ]


def test_added_and_removed_parts_are_listed_as_not_recorded(halle: Cooperation) -> None:
    """Removing a member cannot be a change; the hours it worked become zero hours
    (a change that applies to the base), its lines and flows are listed."""
    edited = remove_party(halle, "slow-fest")
    edits = recordable_edits(halle, edited)
    assert "members.slow-fest (removed)" in edits.not_recorded
    assert all("slow-fest" in c.path for c in edits.changes if c.path.startswith("activities"))
    saved, sid = save_edits_as_scenario(halle, edited, edits, "Sans Slow Fest")
    assert [m.id for m in saved.members] == [m.id for m in halle.members]
    evaluate(saved, sid)


def test_changes_that_need_an_added_member_are_not_recorded(halle: Cooperation) -> None:
    def add_member(data: dict[str, Any]) -> None:
        data["members"].append({"id": "nouveau", "name": "Nouveau", "hourly_cost_eur": 20.0})
        data["sharing"]["weights"]["nouveau"] = 1

    edited = set_work(edit_data(halle, add_member), "cafe-cantine", "nouveau", 100, 0)
    edited = set_work(edited, "coworking", "la-boucle", 100, 0, True)
    edits = recordable_edits(halle, edited)
    assert [c.path for c in edits.changes] == ["activities.coworking.work.la-boucle.paid_hours"]
    assert "members.nouveau (added)" in edits.not_recorded
    assert "activities.cafe-cantine.work.nouveau.paid_hours (names a part added since)" in (
        edits.not_recorded
    )
    saved, sid = save_edits_as_scenario(halle, edited, edits, "Avec un nouveau")
    evaluate(saved, sid)


def test_no_edit_gives_an_empty_record(halle: Cooperation) -> None:
    edits = recordable_edits(halle, halle)
    assert edits.empty
    assert edits == RecordableEdits((), ())


def test_an_empty_name_is_refused(halle: Cooperation) -> None:
    with pytest.raises(InvalidModelError):
        add_scenario(halle, "")


def test_adding_renaming_and_deleting_scenarios(halle: Cooperation) -> None:
    coop, sid = add_scenario(halle, "Vide")
    assert coop.scenario(sid).changes == ()
    coop = rename_scenarios(coop, [{"id": sid, "name": "Plein", "description": "Décrit"}])
    assert coop.scenario(sid).name == "Plein"
    assert coop.scenario(sid).description == "Décrit"
    coop = rename_scenarios(coop, [{"id": sid, "name": "Plein"}])
    assert coop.scenario(sid).description is None
    with pytest.raises(InvalidModelError) as refused:
        rename_scenarios(coop, [{"id": sid}])
    assert any(sid in p.path for p in refused.value.problems)
    coop = delete_scenario(coop, sid)
    assert coop == halle


def test_changes_round_trip_through_table_rows(halle: Cooperation) -> None:
    for scenario in halle.scenarios:
        rows = change_rows(scenario)
        coop = set_scenario_changes(halle, scenario.id, rows)
        assert coop == halle


def test_setting_changes_from_rows(halle: Cooperation) -> None:
    rows = [
        {"action": "set", "path": "sharing.surplus", "value": "equal"},
        {"action": "scale", "path": "activities.*.revenues.*.unit_price_eur", "value": "1,1"},
        {"path": "activities.cafe-cantine.work.la-boucle.paid_hours", "value": "400"},
    ]
    coop = set_scenario_changes(halle, "subvention-perdue", rows)
    assert coop.scenario("subvention-perdue").changes == (
        Change(set="sharing.surplus", value="equal"),
        Change(scale="activities.*.revenues.*.unit_price_eur", by=1.1),
        Change(set="activities.cafe-cantine.work.la-boucle.paid_hours", value=400),
    )
    assert coop.model_copy(update={"scenarios": halle.scenarios}) == halle


def test_a_path_that_matches_nothing_is_refused_with_its_place(halle: Cooperation) -> None:
    rows = [
        {"action": "set", "path": "activities.cafe-cantin.costs.Énergie.amount_eur", "value": "1"}
    ]
    with pytest.raises(ScenarioError) as refused:
        set_scenario_changes(halle, "subvention-perdue", rows)
    (problem,) = refused.value.problems
    assert problem.path == "scenarios.subvention-perdue.changes[0]"
    assert "cafe-cantine" in problem.message  # the suggestion


def test_a_change_leaving_the_model_invalid_is_refused(halle: Cooperation) -> None:
    rows = [{"action": "set", "path": "shared_entity.reserve_fraction", "value": "2"}]
    with pytest.raises(ScenarioError):
        set_scenario_changes(halle, "subvention-perdue", rows)


def test_incomplete_rows_are_refused_each_with_its_row() -> None:
    with pytest.raises(InvalidModelError) as refused:
        changes_from_rows(
            [
                {"action": "set", "value": "1"},
                {"action": "scale", "path": "a.b", "value": "beaucoup"},
                {"action": "double", "path": "a.b"},
            ],
            "scenarios.x",
        )
    assert [p.path for p in refused.value.problems] == [
        "scenarios.x.changes[0]",
        "scenarios.x.changes[1]",
        "scenarios.x.changes[2]",
    ]


def test_values_typed_in_a_cell() -> None:
    assert parse_value("12") == 12
    assert parse_value("12.5") == 12.5
    assert parse_value("1 234,5") == 1234.5
    assert parse_value("1\u202f234,50") == 1234.5
    assert parse_value("−3") == -3
    assert parse_value("true") is True
    assert parse_value("null") is None
    assert parse_value("equal") == "equal"
    assert parse_value("NaN") == "NaN"
    assert parse_value('["a", "b"]') == ["a", "b"]
    for value in (0, 0.0, 1.1, 400.0, "equal", "2024", "true", None, False, ["la-boucle"]):
        assert parse_value(value_text(value)) == value
    assert value_text(400.0) == "400"


def test_paths_read_with_names(halle: Cooperation) -> None:
    assert path_parts(halle, "activities.cafe-cantine.work.la-boucle.paid_hours") == [
        "activities",
        "Café cantine",
        "work",
        "La Boucle",
        "paid_hours",
    ]
    assert path_parts(halle, "sharing.weights.r3-bordeaux") == ["sharing", "weights", "R3 Bordeaux"]
    assert path_parts(halle, "flows[from=region].amount_eur") == [
        "flows",
        "[from=Région Nouvelle-Aquitaine]",
        "amount_eur",
    ]
    assert path_parts(halle, "activities.*.revenues[kind=subsidy].amount_eur") == [
        "activities",
        "*",
        "revenues",
        "[kind=subsidy]",
        "amount_eur",
    ]


def test_scenarios_broken_by_an_edit_of_the_base_are_found(halle: Cooperation) -> None:
    """Removing the subsidy line breaks the scenario that sets it to zero, only that one."""
    assert broken_scenarios(halle) == {}

    def drop_subsidy(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["revenues"] = [
                r for r in activity.get("revenues", []) if r["label"] != "Subvention tiers-lieu"
            ]

    broken = broken_scenarios(edit_data(halle, drop_subsidy))
    assert list(broken) == ["subvention-perdue"]
    (problem,) = broken["subvention-perdue"]
    assert problem.path == "scenarios.subvention-perdue.changes[0]"


def test_comparing_what_applies_leaves_broken_scenarios_out(halle: Cooperation) -> None:
    full, broken = compare_applicable(halle)
    assert broken == {}
    assert full.scenario_ids == tuple(s.id for s in halle.scenarios)

    def drop_subsidy(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["revenues"] = [
                r for r in activity.get("revenues", []) if r["label"] != "Subvention tiers-lieu"
            ]

    edited = edit_data(halle, drop_subsidy)
    some, broken = compare_applicable(edited)
    assert list(broken) == ["subvention-perdue"]
    assert "subvention-perdue" not in some.scenario_ids
    assert len(some.scenario_ids) == len(halle.scenarios) - 1


def test_selecting_scenarios_of_a_comparison_is_comparing_them(halle: Cooperation) -> None:
    full, _ = compare_applicable(halle)
    chosen = ["prix-plus-dix", "subvention-perdue"]
    picked = select_scenarios(full, chosen)
    direct = compare_scenarios(halle, chosen)
    assert picked.scenario_ids == direct.scenario_ids
    for figure in ("cash_result_eur", "gain_from_cooperation_eur"):
        pd.testing.assert_frame_equal(picked.wide(figure), direct.wide(figure))
    pd.testing.assert_frame_equal(
        picked.wide("result_eur", "shared_entity"), direct.wide("result_eur", "shared_entity")
    )


def test_edits_that_only_apply_together_are_all_recorded() -> None:
    """Rule + weights and amount → quantity × price only validate together."""

    base = load_cooperation(ROOT / "examples" / "passerelles.yaml")

    def mutate(data: dict[str, Any]) -> None:
        data["sharing"]["surplus"] = "by_weights"
        data["sharing"]["weights"] = {m["id"]: 1.0 for m in data["members"]}
        line = data["activities"][0]["revenues"][0]
        line.pop("amount_eur", None)
        line.pop("quantity", None)
        line.pop("unit_price_eur", None)
        line["quantity"], line["unit_price_eur"] = 10.0, 3.0

    current = edit_data(base, mutate)
    edits = recordable_edits(base, current)
    assert not edits.not_recorded
    assert apply_changes(base, list(edits.changes)) == current.model_copy(update={"scenarios": ()})


def test_numbers_are_read_in_the_tables_language() -> None:
    assert parse_value("12,000", "en") == 12000
    assert parse_value("1,234.5", "en") == 1234.5
    assert parse_value("1.234", "en") == 1.234
    assert parse_value("12,5", "fr") == 12.5
    assert parse_value("equal", "en") == "equal"


# --- members who leave ---------------------------------------------------------------------


def test_a_leave_scenario_is_added_and_found(halle: Cooperation) -> None:
    """The scenario "Slow Fest leaves" evaluates as the engine's own leave."""
    bare = halle.model_copy(update={"scenarios": ()})
    coop, sid = add_scenario(bare, "Sans Slow Fest", None, [{"leave": ["slow-fest"]}])
    assert coop.scenario(sid).changes == (Change(leave=("slow-fest",)),)
    assert scenario_with(coop, [Change(leave=("slow-fest",))]) == coop.scenario(sid)
    assert scenario_with(coop, [Change(leave=("r3-bordeaux",))]) is None
    assert not evaluate(coop, sid).member("slow-fest").in_cooperation


def test_a_model_with_a_leave_scenario_can_still_be_edited(halle: Cooperation) -> None:
    """Adding, renaming and deleting other scenarios keeps the leave as it was."""
    coop, sid = add_scenario(halle, "Sans R3", None, [{"leave": "r3-bordeaux"}])
    coop, other = add_scenario(coop, "Vide")
    coop = rename_scenarios(coop, [{"id": other, "name": "Encore vide"}])
    coop = delete_scenario(coop, other)
    assert coop.scenario(sid).changes == (Change(leave=("r3-bordeaux",)),)


def test_a_leave_as_a_table_row_and_back(halle: Cooperation) -> None:
    coop, sid = add_scenario(
        halle,
        "Deux départs",
        None,
        [{"leave": ["slow-fest", "r3-bordeaux"]}, {"set": "sharing.surplus", "value": "equal"}],
    )
    rows = change_rows(coop.scenario(sid))
    assert rows[0] == {"action": "leave", "path": "members", "value": "slow-fest, r3-bordeaux"}
    assert set_scenario_changes(coop, sid, rows) == coop
    assert changes_from_rows([{"action": "leave", "value": '["ecoagir"]'}]) == [
        {"leave": ["ecoagir"]}
    ]


def test_a_leave_row_needs_members_that_exist(halle: Cooperation) -> None:
    with pytest.raises(InvalidModelError) as empty:
        changes_from_rows([{"action": "leave", "path": "members", "value": " "}], "scenarios.x")
    assert [p.path for p in empty.value.problems] == ["scenarios.x.changes[0]"]
    with pytest.raises(ScenarioError) as unknown:
        set_scenario_changes(halle, "subvention-perdue", [{"action": "leave", "value": "slow-fst"}])
    (problem,) = unknown.value.problems
    assert "slow-fest" in problem.message  # did you mean


# --- filters ready made --------------------------------------------------------------------


def test_the_ready_made_filters_keep_the_paths_that_touch_something(halle: Cooperation) -> None:
    """The Halle's subsidies all give an amount; the Region pays lines, no money flow;
    ATIS only a money flow; the State both."""
    assert ready_made_paths(halle, "subsidies") == (
        "activities.*.revenues[kind=subsidy].amount_eur",
    )
    assert ready_made_paths(halle, "actor", "region") == (
        "activities.*.revenues[from=region].amount_eur",
    )
    assert ready_made_paths(halle, "actor", "atis") == ("flows[from=atis].amount_eur",)
    assert ready_made_paths(halle, "actor", "etat") == (
        "activities.*.revenues[from=etat].amount_eur",
        "flows[from=etat].amount_eur",
    )
    assert ready_made_paths(halle, "actor", "mesolia") == (
        "activities.*.revenues[from=mesolia].quantity",
    )
    assert ready_made_paths(halle, "actor", "proprietaire") == ()


def test_scaling_every_line_of_an_actor_scales_what_it_pays(halle: Cooperation) -> None:
    """Halving the State's lines and flow halves the 25 000 of lines and the 15 000 flow."""
    paths = ready_made_paths(halle, "actor", "etat")
    coop = add_scenario_changes(
        halle, "subvention-perdue", [{"scale": p, "by": 0.5} for p in paths]
    )
    changes = coop.scenario("subvention-perdue").changes
    assert changes[0] == halle.scenario("subvention-perdue").changes[0]
    assert [c.scale for c in changes[1:]] == list(paths)
    base = evaluate(halle, "subvention-perdue").member("ecoagir").cash_result_eur
    halved = evaluate(coop, "subvention-perdue").member("ecoagir").cash_result_eur
    assert halved == pytest.approx(base - 0.5 * (8000 + 17000 + 15000))


def test_an_added_change_that_matches_nothing_is_refused(halle: Cooperation) -> None:
    with pytest.raises(ScenarioError) as refused:
        add_scenario_changes(
            halle, "subvention-perdue", [{"scale": "flows[from=region].amount_eur", "by": 0}]
        )
    (problem,) = refused.value.problems
    assert problem.path == "scenarios.subvention-perdue.changes[1]"
