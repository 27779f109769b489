"""Pure model edits (bm3c.edit, bm3c.edit_parts.replace_flows): new valid models, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from bm3c.edit.cooperation import (
    apply_table_edits,
    changes_between,
    edit_data,
    references_to,
    remove_party,
    rename_id,
    set_work,
)
from bm3c.edit.parts import replace_flows
from bm3c.engine import apply_changes, check_scenarios, evaluate
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


@pytest.fixture
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def test_table_edits_apply_edited_added_and_deleted_rows() -> None:
    rows = [{"id": "a", "x": 1}, {"id": "b", "x": 2}, {"id": "c", "x": 3}]
    edits = {
        "edited_rows": {"0": {"x": 10}, 2: {"x": None}},
        "added_rows": [{"id": "d", "x": 4, "note": "  "}],
        "deleted_rows": [1],
    }
    assert apply_table_edits(rows, edits) == [
        {"id": "a", "x": 10},
        {"id": "c"},
        {"id": "d", "x": 4},
    ]
    assert rows[0] == {"id": "a", "x": 1}  # the input is left alone


def test_set_work_adds_changes_and_removes_a_line(halle: Cooperation) -> None:
    added = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 20)
    line = next(
        w
        for a in added.activities
        if a.id == "cafe-cantine"
        for w in a.work
        if w.member == "r3-bordeaux"
    )
    assert (line.paid_hours, line.volunteer_hours, line.reimbursed) == (100, 20, False)
    removed = set_work(added, "cafe-cantine", "r3-bordeaux", 0, 0)
    assert removed == halle
    with pytest.raises(InvalidModelError):
        set_work(halle, "cafe-cantine", "la-boucle", -5, 0)


def test_rename_id_follows_every_reference_including_scenario_values(halle: Cooperation) -> None:
    def with_carrier_scenario(data: dict) -> None:  # type: ignore[type-arg]
        data["scenarios"].append(
            {
                "id": "porteur",
                "name": "Porteur",
                "changes": [{"set": "activities.recyclerie.carrier", "value": "la-boucle"}],
            }
        )

    coop = edit_data(halle, with_carrier_scenario)
    renamed = rename_id(coop, "la-boucle", "boucle")
    assert "la-boucle" not in {m.id for m in renamed.members}
    assert check_scenarios(renamed) == []
    assert renamed.scenario("porteur").changes[0].value == "boucle"
    before, after = evaluate(coop), evaluate(renamed)
    assert after.member("boucle").cash_result_eur == before.member("la-boucle").cash_result_eur


def test_references_and_removal_see_scenario_values(halle: Cooperation) -> None:
    def with_value_scenario(data: dict) -> None:  # type: ignore[type-arg]
        data["scenarios"].append(
            {
                "id": "payeur",
                "name": "Payeur",
                "changes": [
                    {
                        "set": "activities.recyclerie.revenues.Soutien à la tonne réemployée.from",
                        "value": "slow-fest",
                    }
                ],
            }
        )

    coop = edit_data(halle, with_value_scenario)
    assert "scenarios.payeur" in references_to(coop, "slow-fest")
    removed = remove_party(coop, "slow-fest")
    assert removed.scenario("payeur").changes == ()
    assert check_scenarios(removed) == []


def test_a_leave_change_follows_a_member_renamed_or_removed(halle: Cooperation) -> None:
    def with_two_leaving(data: dict) -> None:  # type: ignore[type-arg]
        data["scenarios"].append(
            {"id": "deux", "name": "Deux", "changes": [{"leave": ["slow-fest", "ecoagir"]}]}
        )

    coop = edit_data(halle, with_two_leaving)
    assert "scenarios.deux" in references_to(coop, "slow-fest")
    renamed = rename_id(coop, "slow-fest", "slowfest")
    assert renamed.scenario("deux").changes[0].leave == ("slowfest", "ecoagir")
    assert check_scenarios(renamed) == []
    removed = remove_party(coop, "slow-fest")
    assert removed.scenario("deux").changes[0].leave == ("ecoagir",)
    alone = [s.id for s in coop.scenarios if any(c.leave == ("slow-fest",) for c in s.changes)]
    assert all(removed.scenario(sid).changes == () for sid in alone)
    assert check_scenarios(removed) == []


def test_a_relabelled_flow_keeps_its_scenario_changes(halle: Cooperation) -> None:
    def with_flow_scenario(data: dict) -> None:  # type: ignore[type-arg]
        label = data["flows"][0]["label"]
        data["scenarios"].append(
            {
                "id": "dotation",
                "name": "Dotation",
                "changes": [{"scale": f"flows.{label}.amount_eur", "by": 2}],
            }
        )

    coop = edit_data(halle, with_flow_scenario)
    rows = [f.model_dump(mode="json", by_alias=True, exclude_none=True) for f in coop.flows]
    rows[0]["label"] = "Nouveau libellé"
    relabelled = replace_flows(coop, rows)
    assert relabelled.scenario("dotation").changes[0].path == "flows.Nouveau libellé.amount_eur"
    assert check_scenarios(relabelled) == []
    with pytest.raises(InvalidModelError, match="dotation"):
        replace_flows(coop, rows[1:])  # deleting the flow would break the scenario


def test_changes_between_rebuild_the_edited_model(halle: Cooperation) -> None:
    edited = set_work(halle, "cafe-cantine", "r3-bordeaux", 100, 20)
    edited = edit_data(edited, lambda d: d["members"][0].update(hourly_cost_eur=33.0))
    changes, lost = changes_between(halle, edited)
    assert lost == []
    assert apply_changes(halle, changes) == edited.model_copy(update={"scenarios": ()})
