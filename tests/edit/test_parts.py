"""Pure edits of members, actors, the shared entity, activities and lines (bm3c.edit_parts)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from bm3c.edit.parts import (
    ACTOR_FIELDS,
    MEMBER_FIELDS,
    add_activity,
    add_actor,
    add_member,
    free_id,
    line_rows,
    part_rows,
    references_by_kind,
    remove_activity,
    replace_lines,
    scenario_changes_naming,
    set_shared_entity,
    slugify,
    update_activity,
    update_actors,
    update_members,
)
from bm3c.engine import check_scenarios, evaluate
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.parts import Payment
from bm3c.model.validation import edit_data
from tests.conftest import ROOT, build


def small(**overrides: object) -> Cooperation:
    """Members a (20 €/h) and b (30 €/h), shared entity "commun", a funder, two activities.

    "cafe" (shared): 10 000 € from the funder, 2 000 € of food, 100 paid hours of a.
    "atelier" (b's own): 50 × 40 € = 2 000 €, rent 500 € paid to a.
    """
    data: dict[str, object] = {
        "actors": [{"id": "region", "name": "Région", "kind": "funder"}],
        "activities": [
            {
                "id": "cafe",
                "name": "Café",
                "carrier": "commun",
                "revenues": [
                    {"label": "Subvention", "amount_eur": 10000.0, "from": "region"},
                ],
                "costs": [{"label": "Denrées", "amount_eur": 2000.0}],
                "work": [{"member": "a", "paid_hours": 100.0}],
            },
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "b",
                "revenues": [{"label": "Ventes", "quantity": 50.0, "unit_price_eur": 40.0}],
                "costs": [{"label": "Loyer", "amount_eur": 500.0, "to": "a"}],
            },
        ],
        "scenarios": [
            {
                "id": "sans-subvention",
                "name": "Sans subvention",
                "changes": [{"set": "activities.cafe.revenues.Subvention.amount_eur", "value": 0}],
            }
        ],
    }
    data.update(overrides)
    return build(**data)


def test_slugify_and_free_ids() -> None:
    assert slugify("Café Cantine !") == "cafe-cantine"
    assert slugify("  ") == ""
    coop = small()
    assert free_id(coop, "Café") == "cafe-2"
    assert free_id(coop, "Market") == "market-2"
    assert free_id(coop, "Nouvelle structure") == "nouvelle-structure"
    assert free_id(coop, "!!", "member") == "member"


def test_add_member_makes_its_id_from_the_name() -> None:
    coop = add_member(small(), {"id": "", "name": "La Boucle", "hourly_cost_eur": 28})
    member = coop.member("la-boucle")
    assert member.hourly_cost_eur == 28.0
    assert coop.sharing.weights is None


def test_a_new_member_gets_weight_zero_when_the_sharing_uses_weights() -> None:
    coop = small(sharing={"surplus": "by_weights", "weights": {"a": 1.0, "b": 2.0}})
    added = add_member(coop, {"id": "c", "name": "C", "hourly_cost_eur": 25.0})
    assert added.sharing.weights == {"a": 1.0, "b": 2.0, "c": 0.0}
    assert evaluate(added).member("c").shared_share_eur == 0


def test_adding_a_member_with_a_taken_id_is_refused() -> None:
    with pytest.raises(InvalidModelError, match="cafe"):
        add_member(small(), {"id": "cafe", "name": "X", "hourly_cost_eur": 20.0})


def test_update_members_changes_fields_but_never_ids_or_rows() -> None:
    coop = small()
    rows = part_rows(coop.members, MEMBER_FIELDS)
    assert math.isnan(rows[0]["capacity_hours"]) and rows[0]["legal_form"] is None
    assert update_members(coop, rows) == coop
    rows[0] |= {"hourly_cost_eur": 25, "capacity_hours": 800, "cash_result": "ignored"}
    rows[1] |= {"legal_form": "SCOP", "description": float("nan")}
    updated = update_members(coop, rows)
    assert updated.member("a").hourly_cost_eur == 25.0
    assert updated.member("a").capacity_hours == 800.0
    assert updated.member("b").legal_form == "SCOP"
    with pytest.raises(InvalidModelError, match="change-id"):
        update_members(coop, [rows[0] | {"id": "z"}, rows[1]])
    with pytest.raises(InvalidModelError):
        update_members(coop, rows[:1])
    with pytest.raises(InvalidModelError, match="hourly_cost_eur"):
        update_members(coop, [rows[0] | {"hourly_cost_eur": -1}, rows[1]])


def test_actors_are_added_and_edited() -> None:
    coop = add_actor(small(), {"name": "Bailleur social", "kind": "customer"})
    assert coop.actors[-1].id == "bailleur-social"
    rows = part_rows(coop.actors, ACTOR_FIELDS)
    rows[0]["kind"] = "public"
    assert update_actors(coop, rows).actors[0].kind == "public"
    with pytest.raises(InvalidModelError, match="kind"):
        update_actors(coop, [rows[0] | {"kind": "friend"}, rows[1]])


def test_shared_entity_fields() -> None:
    coop = set_shared_entity(
        small(), {"name": "SCIC", "legal_form": "SCIC SAS", "reserve_fraction": 0.575}
    )
    assert coop.shared_entity.reserve_fraction == 0.575
    assert coop.shared_entity.legal_form == "SCIC SAS"
    assert set_shared_entity(coop, {"legal_form": " "}).shared_entity.legal_form is None
    with pytest.raises(InvalidModelError, match="reserve_fraction"):
        set_shared_entity(coop, {"reserve_fraction": 1.5})
    with pytest.raises(InvalidModelError, match="name"):
        set_shared_entity(coop, {"name": ""})


def test_activities_are_added_edited_and_removed() -> None:
    coop = add_activity(small(), "", "Jardin partagé", "a")
    assert coop.activities[-1].id == "jardin-partage"
    assert evaluate(coop).activity("jardin-partage").result_eur == 0
    coop = update_activity(coop, "jardin-partage", "Jardin", "commun", "Un jardin")
    assert (coop.activities[-1].name, coop.activities[-1].carrier) == ("Jardin", "commun")
    assert coop.activities[-1].description == "Un jardin"
    with pytest.raises(InvalidModelError):
        update_activity(coop, "jardin-partage", " ", "commun", None)
    with pytest.raises(InvalidModelError, match="carrier"):
        add_activity(coop, "x", "X", "nobody")
    # the rent of atelier is paid to a: a cannot carry it
    with pytest.raises(InvalidModelError, match="own carrier"):
        update_activity(coop, "atelier", "Atelier", "a", None)


def test_removing_an_activity_drops_the_scenario_changes_that_name_it() -> None:
    coop = small()
    assert scenario_changes_naming(coop, "cafe") == [
        "sans-subvention: activities.cafe.revenues.Subvention.amount_eur"
    ]
    removed = remove_activity(coop, "cafe")
    assert [a.id for a in removed.activities] == ["atelier"]
    assert removed.scenarios[0].changes == ()
    assert check_scenarios(removed) == []


def test_lines_amount_or_quantity_times_price_never_both() -> None:
    coop = small()
    rows = line_rows(coop, "atelier", "revenues")
    assert len(rows) == 1
    assert math.isnan(rows[0].pop("amount_eur"))
    assert rows == [
        {
            "label": "Ventes",
            "quantity": 50.0,
            "unit_price_eur": 40.0,
            "kind": "other",
            "account": None,
            "from": "market",
            "description": None,
            "total_eur": 2000.0,
        }
    ]
    assert replace_lines(coop, "atelier", "revenues", rows) == coop
    with pytest.raises(InvalidModelError, match="not both"):
        replace_lines(coop, "atelier", "revenues", [rows[0] | {"amount_eur": 100}])
    with pytest.raises(InvalidModelError, match="amount_eur"):
        replace_lines(coop, "atelier", "costs", [{"label": "Loyer", "amount_eur": -5}])
    with pytest.raises(InvalidModelError, match="Ventes"):
        replace_lines(coop, "atelier", "revenues", [rows[0], rows[0]])
    more = replace_lines(
        coop, "atelier", "revenues", [rows[0], {"label": "Dons", "amount_eur": 300}]
    )
    assert evaluate(more).activity("atelier").revenue_eur == 2300


def test_a_relabelled_line_keeps_its_scenario_changes_and_a_deleted_one_is_refused() -> None:
    coop = small()
    relabelled = replace_lines(
        coop,
        "cafe",
        "revenues",
        [{"label": "Aide régionale", "amount_eur": 10000, "from": "region"}],
    )
    assert relabelled.scenarios[0].changes[0].path == (
        "activities.cafe.revenues.Aide régionale.amount_eur"
    )
    assert evaluate(relabelled, "sans-subvention").activity("cafe").revenue_eur == 0
    with pytest.raises(InvalidModelError, match="sans-subvention"):
        replace_lines(coop, "cafe", "revenues", [])


def test_references_by_kind_names_things_for_people() -> None:
    coop = small()
    assert references_by_kind(coop, "a") == {"lines": ["Atelier — Loyer"], "work": ["Café"]}
    assert references_by_kind(coop, "b") == {"carries": ["Atelier"]}
    assert references_by_kind(coop, "region") == {"lines": ["Café — Subvention"]}
    weighted = small(sharing={"surplus": "by_weights", "weights": {"a": 1.0, "b": 2.0}})
    assert references_by_kind(weighted, "b") == {"carries": ["Atelier"], "weight": ["B"]}


def test_editing_a_side_keeps_what_the_table_does_not_show() -> None:
    """The kitchen's re-letting price and the food's payment month survive an edit of the side."""

    def timed(data: dict[str, Any]) -> None:
        cafe = next(a for a in data["activities"] if a["id"] == "cafe-cantine")
        cafe["costs"][0]["paid"] = {"month": 6}

    coop = edit_data(load_cooperation(ROOT / "examples" / "halle-des-transitions.yaml"), timed)
    rows = line_rows(coop, "cafe-cantine", "costs")
    rows[0]["amount_eur"] = 26000.0
    rows[1]["label"] = "Cuisine équipée"  # one line relabelled: it keeps its policy too
    edited = replace_lines(coop, "cafe-cantine", "costs", rows)
    costs = next(a for a in edited.activities if a.id == "cafe-cantine").costs
    assert costs[0].amount_eur == 26000.0 and costs[0].paid == (Payment(month=6),)
    assert costs[1].label == "Cuisine équipée" and costs[1].apart is not None
    assert costs[1].apart.payee == 4000.0


def test_a_line_account_and_a_funder_cap_are_edited_in_their_tables_and_kept() -> None:
    coop = small()
    rows = line_rows(coop, "atelier", "revenues")
    with_account = replace_lines(coop, "atelier", "revenues", [rows[0] | {"account": "7088"}])
    atelier = next(a for a in with_account.activities if a.id == "atelier")
    assert atelier.revenues[0].account == "7088"
    with pytest.raises(InvalidModelError, match="produit account"):
        replace_lines(coop, "atelier", "revenues", [rows[0] | {"account": "6132"}])
    funder = add_actor(coop, {"name": "Région", "kind": "funder"})
    actor_rows = part_rows(funder.actors, ACTOR_FIELDS)
    actor_rows[-1] |= {"max_rate": 0.8, "counts_volunteering": True}
    capped = update_actors(funder, actor_rows)
    assert (capped.actors[-1].max_rate, capped.actors[-1].counts_volunteering) == (0.8, True)
    again = update_actors(capped, part_rows(capped.actors, ACTOR_FIELDS))
    assert again == capped  # a table edit of another field keeps the cap
    rows = part_rows(capped.actors, ACTOR_FIELDS)
    rows[-1]["kind"] = "customer"  # no longer a funder: its funder's terms go with it
    customer = update_actors(capped, rows).actors[-1]
    assert (customer.kind, customer.max_rate, customer.counts_volunteering) == (
        "customer",
        None,
        False,
    )
