"""Scenarios: paths in ``changes``, their errors, and the comparison of scenarios.

DOMAIN.md: paths are dot-separated; list items are addressed by ``id``, ``label``
or ``member``; ``*`` matches every item; ``set`` replaces a value, ``scale``
multiplies a number; a path that matches nothing is an error, not a no-op.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bm3c.engine.comparison import compare_scenarios
from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.engine.scenarios import (
    apply_changes,
    apply_scenario,
    change_targets,
    check_scenarios,
)
from bm3c.engine.tables import FIGURE_ATTRIBUTES
from bm3c.errors import Bm3cError, ScenarioError, UnknownScenarioError
from bm3c.io import load_cooperation
from bm3c.model import Change, Cooperation, Scenario
from bm3c.model.validation import validate_cooperation
from tests.strategies import cooperations, synthetic_cooperations

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))

BASE: dict[str, Any] = {
    "bm3c": 1,
    "name": "Coopération de test",
    "volunteer_hour_value_eur": 12.0,
    "shared_entity": {"id": "commun", "name": "Commun", "reserve_fraction": 0.5},
    "members": [
        {"id": "a", "name": "A", "hourly_cost_eur": 20.0},
        {"id": "b", "name": "B", "hourly_cost_eur": 30.0},
        {"id": "c", "name": "C", "hourly_cost_eur": 25.0, "capacity_hours": 1000.0},
    ],
    "actors": [{"id": "metropole", "name": "Métropole", "kind": "funder"}],
    "activities": [
        {
            "id": "cafe",
            "name": "Café",
            "carrier": "commun",
            "revenues": [
                {"label": "Repas", "quantity": 1000.0, "unit_price_eur": 10.0},
                {"label": "Subv. Métropole", "amount_eur": 5000.0, "from": "metropole"},
                {"label": "Adhésions", "amount_eur": 600.0, "from": "a"},
            ],
            "costs": [
                {"label": "Denrées", "amount_eur": 4000.0},
                {"label": "Loyer", "amount_eur": 1200.0, "to": "b"},
            ],
            "work": [
                {"member": "a", "paid_hours": 100.0, "reimbursed": True},
                {"member": "b", "volunteer_hours": 50.0},
            ],
            "impacts": {"repas": 1000.0, "visitors": 200.0},
        },
        {
            "id": "atelier",
            "name": "Atelier",
            "carrier": "a",
            "revenues": [{"label": "Ventes", "quantity": 200.0, "unit_price_eur": 15.0}],
            "costs": [{"label": "Usage du commun", "amount_eur": 500.0, "to": "commun"}],
            "work": [
                {"member": "a", "paid_hours": 50.0},
                {"member": "c", "paid_hours": 20.0, "volunteer_hours": 10.0},
            ],
        },
    ],
    "flows": [
        {
            "from": "b",
            "to": "commun",
            "kind": "in_kind",
            "label": "Prêt de matériel",
            "amount_eur": 300.0,
        },
        {"from": "metropole", "to": "c", "kind": "money", "label": "Aide", "amount_eur": 1000.0},
    ],
    "sharing": {"surplus": "by_weights", "deficit": "equal", "weights": {"a": 1, "b": 1, "c": 2}},
    "scenarios": [
        {
            "id": "sans-subvention",
            "name": "Sans subvention",
            "changes": [{"set": "activities.cafe.revenues.Subv. Métropole.amount_eur", "value": 0}],
        },
        {
            "id": "prix-plus-10",
            "name": "Prix +10 %",
            "changes": [{"scale": "activities.*.revenues.*.unit_price_eur", "by": 1.1}],
        },
        {
            "id": "partage-egal",
            "name": "Partage égal",
            "changes": [{"set": "sharing.surplus", "value": "equal"}],
        },
        {
            "id": "b-au-cafe",
            "name": "B salarié au café",
            "changes": [
                {"set": "activities.cafe.work.b.paid_hours", "value": 80},
                {"set": "activities.cafe.work.c.volunteer_hours", "value": 40},
            ],
        },
    ],
}


@pytest.fixture
def coop() -> Cooperation:
    return validate_cooperation(copy.deepcopy(BASE))


def apply(coop: Cooperation, *changes: dict[str, Any]) -> Cooperation:
    return apply_changes(coop, [Change.model_validate(c) for c in changes])


def dump(coop: Cooperation) -> dict[str, Any]:
    return coop.model_dump(mode="json", by_alias=True, exclude_none=True)


def activity(coop: Cooperation, ident: str) -> Any:
    return next(a for a in coop.activities if a.id == ident)


def line(coop: Cooperation, ident: str, side: str, label: str) -> Any:
    return next(x for x in getattr(activity(coop, ident), side) if x.label == label)


def work(coop: Cooperation, ident: str) -> dict[str, Any]:
    return {w.member: w for w in activity(coop, ident).work}


def errors_of(coop: Cooperation, scenario: Scenario) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as caught:
        apply_scenario(coop, scenario)
    return [(p.path, p.message) for p in caught.value.problems]


def scenario(ident: str, *changes: dict[str, Any]) -> Scenario:
    return Scenario.model_validate({"id": ident, "name": ident, "changes": list(changes)})


# --- set and scale on each kind of address -----------------------------------------------


def test_set_on_an_id_addressed_path(coop: Cooperation) -> None:
    after = apply(coop, {"set": "members.b.hourly_cost_eur", "value": 35})
    assert after.member("b").hourly_cost_eur == 35
    assert after.member("a").hourly_cost_eur == 20
    assert after.member("c").hourly_cost_eur == 25


def test_scale_on_an_id_addressed_path(coop: Cooperation) -> None:
    after = apply(coop, {"scale": "members.c.capacity_hours", "by": 1.5})
    assert after.member("c").capacity_hours == pytest.approx(1500)
    assert after.member("a").capacity_hours is None


def test_set_on_an_actor_and_the_shared_entity(coop: Cooperation) -> None:
    after = apply(
        coop,
        {"set": "actors.metropole.kind", "value": "public"},
        {"set": "shared_entity.reserve_fraction", "value": 1.0},
    )
    assert after.actors[0].kind == "public"
    assert after.shared_entity.reserve_fraction == 1.0


def test_set_and_scale_on_label_addressed_paths(coop: Cooperation) -> None:
    after = apply(
        coop,
        {"set": "activities.cafe.costs.Denrées.amount_eur", "value": 4500},
        {"scale": "activities.atelier.revenues.Ventes.quantity", "by": 0.5},
    )
    assert line(after, "cafe", "costs", "Denrées").amount_eur == 4500
    assert line(after, "cafe", "costs", "Loyer").amount_eur == 1200
    assert line(after, "atelier", "revenues", "Ventes").quantity == pytest.approx(100)
    assert line(after, "atelier", "revenues", "Ventes").unit_price_eur == 15


def test_set_on_a_flow_addressed_by_label(coop: Cooperation) -> None:
    after = apply(coop, {"scale": "flows.Aide.amount_eur", "by": 2})
    assert next(f for f in after.flows if f.label == "Aide").amount_eur == pytest.approx(2000)
    assert next(f for f in after.flows if f.label == "Prêt de matériel").amount_eur == 300


def test_a_label_containing_a_dot(coop: Cooperation) -> None:
    after = apply(coop, {"scale": "activities.cafe.revenues.Subv. Métropole.amount_eur", "by": 0.5})
    assert line(after, "cafe", "revenues", "Subv. Métropole").amount_eur == pytest.approx(2500)
    base = evaluate(coop).shared_entity.result_eur
    assert evaluate(after).shared_entity.result_eur == pytest.approx(base - 2500)


def test_a_label_with_dots_next_to_a_label_that_is_its_prefix(coop: Cooperation) -> None:
    data = dump(coop)
    data["activities"][1]["revenues"] += [
        {"label": "Dons", "amount_eur": 10.0},
        {"label": "Dons.Entreprises", "amount_eur": 20.0},
    ]
    two = validate_cooperation(data)
    after = apply(
        two,
        {"set": "activities.atelier.revenues.Dons.Entreprises.amount_eur", "value": 25},
        {"set": "activities.atelier.revenues.Dons.amount_eur", "value": 15},
    )
    assert line(after, "atelier", "revenues", "Dons.Entreprises").amount_eur == 25
    assert line(after, "atelier", "revenues", "Dons").amount_eur == 15


def test_set_and_scale_on_member_addressed_work_lines(coop: Cooperation) -> None:
    after = apply(
        coop,
        {"set": "activities.cafe.work.a.paid_hours", "value": 120},
        {"scale": "activities.atelier.work.c.volunteer_hours", "by": 3},
        {"set": "activities.cafe.work.a.reimbursed", "value": False},
    )
    assert work(after, "cafe")["a"].paid_hours == 120
    assert work(after, "cafe")["a"].reimbursed is False
    assert work(after, "atelier")["c"].volunteer_hours == pytest.approx(30)
    assert work(after, "atelier")["c"].paid_hours == 20
    assert work(after, "cafe")["b"].volunteer_hours == 50


def test_set_creates_a_work_line_for_a_member_who_had_none(coop: Cooperation) -> None:
    assert "c" not in work(coop, "cafe")
    after = apply(coop, {"set": "activities.cafe.work.c.paid_hours", "value": 40})
    line_c = work(after, "cafe")["c"]
    assert (line_c.paid_hours, line_c.volunteer_hours, line_c.reimbursed) == (40, 0, False)
    assert len(activity(after, "cafe").work) == 3
    ev = evaluate(after)
    assert ev.member("c").paid_hours == pytest.approx(20 + 40)
    assert ev.member("c").staff_cost_eur == pytest.approx(60 * 25)


def test_set_cannot_create_a_work_line_for_an_unknown_member(coop: Cooperation) -> None:
    problems = errors_of(
        coop, scenario("x", {"set": "activities.cafe.work.zz.paid_hours", "value": 10})
    )
    assert problems and all(path == "scenarios.x" for path, _ in problems)
    assert any("zz" in message for _, message in problems)


def test_setting_hours_to_zero_drops_the_work_line(coop: Cooperation) -> None:
    after = apply(coop, {"set": "activities.cafe.work.b.volunteer_hours", "value": 0})
    assert set(work(after, "cafe")) == {"a"}
    after = apply(
        coop,
        {"set": "activities.atelier.work.c.paid_hours", "value": 0},
        {"set": "activities.atelier.work.c.volunteer_hours", "value": 0},
    )
    assert set(work(after, "atelier")) == {"a"}
    assert evaluate(after).member("c").paid_hours == 0


def test_zero_paid_hours_on_a_reimbursed_line_keeps_its_volunteer_hours(
    coop: Cooperation,
) -> None:
    after = apply(
        coop,
        {"set": "activities.cafe.work.a.volunteer_hours", "value": 5},
        {"set": "activities.cafe.work.a.paid_hours", "value": 0},
    )
    line_a = work(after, "cafe")["a"]
    assert (line_a.paid_hours, line_a.volunteer_hours, line_a.reimbursed) == (0, 5, False)


def test_setting_the_surplus_rule(coop: Cooperation) -> None:
    base = evaluate(coop)
    assert base.shared_entity.distributed_eur > 0
    shares = {m.id: m.shared_share_eur for m in base.members}
    assert shares["c"] == pytest.approx(2 * shares["a"])
    after = evaluate(apply(coop, {"set": "sharing.surplus", "value": "equal"}))
    assert after.shared_entity.rule_used == "equal"
    d = after.shared_entity.distributed_eur
    assert d == pytest.approx(base.shared_entity.distributed_eur)
    for m in after.members:
        assert m.shared_share_eur == pytest.approx(d / 3)


# --- wildcards ----------------------------------------------------------------------------


def test_wildcard_over_items_skips_items_that_lack_the_key(coop: Cooperation) -> None:
    after = apply(coop, {"scale": "activities.*.revenues.*.unit_price_eur", "by": 2})
    assert line(after, "cafe", "revenues", "Repas").unit_price_eur == pytest.approx(20)
    assert line(after, "atelier", "revenues", "Ventes").unit_price_eur == pytest.approx(30)
    assert line(after, "cafe", "revenues", "Subv. Métropole").amount_eur == 5000
    assert line(after, "cafe", "revenues", "Subv. Métropole").unit_price_eur is None


def test_wildcard_over_work_lines_and_members(coop: Cooperation) -> None:
    after = apply(
        coop,
        {"scale": "activities.*.work.*.paid_hours", "by": 2},
        {"set": "members.*.hourly_cost_eur", "value": 10},
    )
    ev_before, ev_after = evaluate(coop), evaluate(after)
    for m in ev_before.members:
        assert ev_after.member(m.id).paid_hours == pytest.approx(2 * m.paid_hours)
        assert ev_after.member(m.id).staff_cost_eur == pytest.approx(20 * m.paid_hours)


def test_wildcard_over_dict_keys(coop: Cooperation) -> None:
    after = apply(
        coop,
        {"scale": "sharing.weights.*", "by": 3},
        {"scale": "activities.cafe.impacts.*", "by": 0.5},
    )
    assert after.sharing.weights == {"a": 3, "b": 3, "c": 6}
    assert activity(after, "cafe").impacts == {"repas": 500, "visitors": 100}
    # weights are normalised: the same shares
    before = {m.id: m.shared_share_eur for m in evaluate(coop).members}
    for m in evaluate(after).members:
        assert m.shared_share_eur == pytest.approx(before[m.id])


def test_set_through_a_wildcard_only_touches_items_that_have_the_key(
    coop: Cooperation,
) -> None:
    # documented in bm3c.engine.scenarios: wildcards skip items that lack the key
    after = apply(coop, {"set": "members.*.capacity_hours", "value": 2000})
    assert after.member("c").capacity_hours == 2000
    assert after.member("a").capacity_hours is None


def test_a_wildcard_that_matches_nothing_is_an_error() -> None:
    data = copy.deepcopy(BASE)
    del data["flows"]
    del data["scenarios"]
    coop = validate_cooperation(data)
    problems = errors_of(coop, scenario("vide", {"scale": "flows.*.amount_eur", "by": 2}))
    assert [path for path, _ in problems] == ["scenarios.vide.changes[0]"]
    assert "matches nothing" in problems[0][1]


# --- what a change touches -----------------------------------------------------------------


def test_the_targets_of_a_filter_are_named_items_with_their_values(coop: Cooperation) -> None:
    """The Métropole pays one revenue line (5 000) and one money flow (1 000)."""
    assert change_targets(coop, "activities.*.revenues[from=metropole].amount_eur") == [
        ("activities.cafe.revenues.Subv. Métropole.amount_eur", 5000.0)
    ]
    assert change_targets(coop, "flows[from=metropole].amount_eur") == [
        ("flows.Aide.amount_eur", 1000.0)
    ]


def test_the_targets_of_a_wildcard_in_file_order(coop: Cooperation) -> None:
    """Only the two lines priced per unit have a unit price: Repas (10) and Ventes (15)."""
    assert change_targets(coop, "activities.*.revenues.*.unit_price_eur") == [
        ("activities.cafe.revenues.Repas.unit_price_eur", 10.0),
        ("activities.atelier.revenues.Ventes.unit_price_eur", 15.0),
    ]
    assert change_targets(coop, "sharing.weights.*") == [
        ("sharing.weights.a", 1),
        ("sharing.weights.b", 1),
        ("sharing.weights.c", 2),
    ]


def test_a_field_a_set_would_create_has_no_value_yet(coop: Cooperation) -> None:
    assert change_targets(coop, "activities.cafe.work.c.paid_hours") == [
        ("activities.cafe.work.c.paid_hours", None)
    ]
    assert work(coop, "cafe").keys() == {"a", "b"}  # the model is untouched


def test_the_targets_are_what_a_scale_changes() -> None:
    """Halving every subsidy line of the Halle halves exactly the amounts listed."""
    halle = load_cooperation(EXAMPLES_DIR / "halle-des-transitions.yaml")
    path = "activities.*.revenues[kind=subsidy].amount_eur"
    targets = change_targets(halle, path)
    assert len(targets) == sum(
        1 for a in halle.activities for r in a.revenues if r.kind == "subsidy"
    )
    halved = apply(halle, {"scale": path, "by": 0.5})
    for where, value in targets:
        assert isinstance(value, float)
        assert change_targets(halved, where) == [(where, pytest.approx(0.5 * value))]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("activities.*.revenues[kind=subsidy].amount_eur", "matches nothing"),
        ("flows[from].amount_eur", "'[from]' is not a filter: write [field=value]"),
        ("flows[from=nobody].amount_eur", "no item with from 'nobody' in flows"),
        ("activities.cafee.name", "no item with id 'cafee' in activities"),
    ],
)
def test_a_target_path_that_matches_nothing_says_why(
    coop: Cooperation, path: str, reason: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        change_targets(coop, path)
    ((where, message),) = [(p.path, p.message) for p in caught.value.problems]
    assert where == path
    assert message.startswith(reason)


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "activities.cafee.revenues.Repas.amount_eur",
        "activities.cafe.revenues.Repass.quantity",
        "activities.cafe.work.c.volunteer_hours.x",
        "members.zz.hourly_cost_eur",
        "sharing.nothing.here",
        "flows.Inconnu.amount_eur",
        "activities.*.revenues.Nulle part.amount_eur",
    ],
)
def test_a_path_that_matches_nothing_is_an_error_naming_scenario_and_change(
    coop: Cooperation, path: str
) -> None:
    bad = scenario(
        "mauvais",
        {"set": "members.a.hourly_cost_eur", "value": 21},
        {"scale": path, "by": 2},
    )
    problems = errors_of(coop, bad)
    assert [p for p, _ in problems] == ["scenarios.mauvais.changes[1]"]
    assert path in problems[0][1]


def test_every_bad_change_is_reported_at_once(coop: Cooperation) -> None:
    bad = scenario(
        "deux-erreurs",
        {"set": "members.zz.hourly_cost_eur", "value": 1},
        {"set": "members.a.hourly_cost_eur", "value": 21},
        {"scale": "members.a.name", "by": 2},
    )
    problems = errors_of(coop, bad)
    assert [p for p, _ in problems] == [
        "scenarios.deux-erreurs.changes[0]",
        "scenarios.deux-erreurs.changes[2]",
    ]
    assert "'zz'" in problems[0][1]
    assert "known: a, b, c" in problems[0][1]


def test_a_bad_scenario_inside_the_model_is_named_by_its_id(coop: Cooperation) -> None:
    data = dump(coop)
    data["scenarios"].append(
        {"id": "faux", "name": "Faux", "changes": [{"set": "members.x.name", "value": "X"}]}
    )
    with_bad = validate_cooperation(data)
    with pytest.raises(ScenarioError) as caught:
        apply_scenario(with_bad, "faux")
    assert [p.path for p in caught.value.problems] == ["scenarios.faux.changes[0]"]
    assert [p.path for p in check_scenarios(with_bad)] == ["scenarios.faux.changes[0]"]
    with pytest.raises(ScenarioError):
        evaluate(with_bad, "faux")


@pytest.mark.parametrize(
    "path",
    ["members.a.name", "activities.cafe.work.a.reimbursed", "sharing.surplus", "activities.cafe"],
)
def test_scale_on_a_non_number_is_an_error(coop: Cooperation, path: str) -> None:
    problems = errors_of(coop, scenario("s", {"scale": path, "by": 2}))
    assert [p for p, _ in problems] == ["scenarios.s.changes[0]"]


def test_setting_a_whole_item_is_an_error(coop: Cooperation) -> None:
    problems = errors_of(coop, scenario("s", {"set": "members.a", "value": {"id": "a"}}))
    assert [p for p, _ in problems] == ["scenarios.s.changes[0]"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"set": "members.a.hourly_cost_eur", "value": -5}, "members.a.hourly_cost_eur"),
        ({"set": "members.a.nickname", "value": "A"}, "members.a.nickname"),
        ({"set": "sharing.surplus", "value": "au-hasard"}, "sharing.surplus"),
        ({"set": "activities.cafe.carrier", "value": "zz"}, "activities.cafe.carrier"),
        ({"set": "activities.cafe.revenues.Adhésions.from", "value": "commun"}, "from"),
        ({"scale": "shared_entity.reserve_fraction", "by": 3}, "reserve_fraction"),
        ({"set": "activities.cafe.costs.Loyer.label", "value": "Denrées"}, "Denrées"),
        ({"set": "flows.Aide.to", "value": "metropole"}, "flows"),
        ({"scale": "sharing.weights.*", "by": 0}, "sharing.weights"),
    ],
)
def test_a_scenario_that_makes_the_model_invalid_is_reported(
    coop: Cooperation, change: dict[str, Any], where: str
) -> None:
    problems = errors_of(coop, scenario("casse", change))
    assert problems
    assert all(path == "scenarios.casse" for path, _ in problems)
    assert any(where in message for _, message in problems)
    assert all(message.startswith("leaves the model invalid at") for _, message in problems)


def test_setting_reimbursed_on_a_line_without_paid_hours_is_reported(
    coop: Cooperation,
) -> None:
    problems = errors_of(
        coop, scenario("casse", {"set": "activities.cafe.work.b.reimbursed", "value": True})
    )
    assert problems


def test_the_base_model_is_unchanged_after_applying(coop: Cooperation) -> None:
    before = dump(coop)
    snapshot = copy.deepcopy(coop)
    base_numbers = evaluate(coop)
    for s in coop.scenarios:
        variant = apply_scenario(coop, s.id)
        assert variant != coop
        assert variant.scenarios == ()
        evaluate(coop, s.id)
    apply(coop, {"set": "activities.cafe.work.c.paid_hours", "value": 40})
    apply(coop, {"set": "activities.cafe.work.b.volunteer_hours", "value": 0})
    assert dump(coop) == before
    assert coop == snapshot
    assert evaluate(coop) == base_numbers
    with pytest.raises(pydantic.ValidationError):
        coop.name = "Autre"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        coop.members[0].hourly_cost_eur = 1.0  # type: ignore[misc]


def test_set_values_are_copied_not_shared(coop: Cooperation) -> None:
    weights = {"a": 1, "b": 2, "c": 3}
    change = Change(set="sharing.weights", value=weights)
    first = apply_changes(coop, [change])
    second = apply_changes(coop, [change])
    assert first.sharing.weights == second.sharing.weights == {"a": 1, "b": 2, "c": 3}
    assert change.value == weights


def test_unknown_scenario_id_raises(coop: Cooperation) -> None:
    with pytest.raises(UnknownScenarioError) as caught:
        apply_scenario(coop, "inconnu")
    assert caught.value.scenario_id == "inconnu"
    assert "sans-subvention" in str(caught.value)
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, Bm3cError)
    with pytest.raises(UnknownScenarioError):
        evaluate(coop, "inconnu")
    with pytest.raises(UnknownScenarioError):
        compare_scenarios(coop, ["partage-egal", "inconnu"])


def test_a_scenario_object_outside_the_model_can_be_evaluated(coop: Cooperation) -> None:
    ad_hoc = scenario("hors-modele", {"set": "members.a.hourly_cost_eur", "value": 40})
    ev = evaluate(coop, ad_hoc)
    assert ev.scenario == "hors-modele"
    assert ev.member("a").staff_cost_eur == pytest.approx(150 * 40)


def test_evaluating_a_scenario_is_evaluating_the_changed_model(coop: Cooperation) -> None:
    for s in coop.scenarios:
        ev = evaluate(coop, s.id)
        plain = evaluate(apply_scenario(coop, s.id))
        assert ev.scenario == s.id and ev.scenario_name == s.name
        assert ev.members == plain.members
        assert ev.shared_entity == plain.shared_entity
        assert ev.collective == plain.collective
        assert ev.activities == plain.activities


def test_the_scenarios_of_the_test_model_move_the_numbers(coop: Cooperation) -> None:
    base = evaluate(coop)
    lost = evaluate(coop, "sans-subvention")
    assert lost.shared_entity.result_eur == pytest.approx(base.shared_entity.result_eur - 5000)
    assert lost.collective.external_revenue_eur == pytest.approx(
        base.collective.external_revenue_eur - 5000
    )
    dearer = evaluate(coop, "prix-plus-10")
    assert dearer.collective.external_revenue_eur == pytest.approx(
        base.collective.external_revenue_eur + 0.1 * (1000 * 10 + 200 * 15)
    )
    moved = evaluate(coop, "b-au-cafe")
    assert moved.member("b").staff_cost_eur == pytest.approx(80 * 30)
    assert moved.member("c").volunteer_hours == pytest.approx(10 + 40)


# --- comparison ---------------------------------------------------------------------------


def _figure(ev: Evaluation, scope: str, entity: str, figure: str) -> float | None:
    if scope == "member":
        value = getattr(ev.member(entity), FIGURE_ATTRIBUTES.get(figure, figure))
    elif scope == "shared_entity":
        value = getattr(ev.shared_entity, figure)
    else:
        value = getattr(ev.collective, figure)
    return None if value is None else float(value)


def _same(a: Any, b: Any) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and not pd.isna(b) and float(a) == pytest.approx(float(b), abs=1e-6)


def check_comparison(coop: Cooperation, ids: list[str] | None = None) -> None:
    comparison = compare_scenarios(coop, ids)
    table = comparison.table
    expected_ids = [s.id for s in coop.scenarios] if ids is None else ids
    assert list(comparison.scenario_ids) == expected_ids
    assert list(table.columns) == [
        "scope",
        "entity",
        "figure",
        "scenario",
        "value",
        "base",
        "difference",
    ]
    assert set(table.scenario) == set(expected_ids)
    base = evaluate(coop)
    evaluations = {sid: evaluate(coop, sid) for sid in expected_ids}
    for row in table.itertuples():
        if not (pd.isna(row.value) or pd.isna(row.base)):
            assert row.difference == pytest.approx(row.value - row.base, abs=1e-9), row
        else:
            assert pd.isna(row.difference), row
        assert _same(row.base, _figure(base, row.scope, row.entity, row.figure)), row
        assert _same(
            row.value, _figure(evaluations[row.scenario], row.scope, row.entity, row.figure)
        ), row
    # every member, the shared entity and the collective, for each scenario
    for sid in expected_ids:
        rows = table[table.scenario == sid]
        assert set(rows[rows.scope == "member"].entity) == {m.id for m in base.members}
        assert set(rows.scope) == {"member", "shared_entity", "collective"}
        assert not rows.duplicated(["scope", "entity", "figure"]).any()


def test_compare_differences_are_value_minus_base(coop: Cooperation) -> None:
    check_comparison(coop)
    check_comparison(coop, ["partage-egal", "sans-subvention"])
    check_comparison(coop, [])


def test_compare_wide_and_json_views(coop: Cooperation) -> None:
    comparison = compare_scenarios(coop)
    base = evaluate(coop)
    wide = comparison.wide("cash_result_eur")
    assert list(wide.columns) == [
        "base",
        *(c for sid in comparison.scenario_ids for c in (sid, f"Δ {sid}")),
    ]
    for m in base.members:
        assert wide.loc[m.id, "base"] == pytest.approx(m.cash_result_eur)
        for sid in comparison.scenario_ids:
            value = evaluate(coop, sid).member(m.id).cash_result_eur
            assert wide.loc[m.id, sid] == pytest.approx(value)
            assert wide.loc[m.id, f"Δ {sid}"] == pytest.approx(value - m.cash_result_eur)
    shared = comparison.wide("result_eur", "shared_entity")
    assert shared.loc["commun", "base"] == pytest.approx(base.shared_entity.result_eur)

    data = comparison.to_json()
    assert [s["id"] for s in data["scenarios"]] == list(comparison.scenario_ids)
    member_a = next(e for e in data["entities"] if e["scope"] == "member" and e["id"] == "a")
    cash = member_a["figures"]["cash_result_eur"]
    assert cash["base"] == pytest.approx(base.member("a").cash_result_eur)
    for sid, value in cash["values"].items():
        assert cash["differences"][sid] == pytest.approx(value - cash["base"])


# --- the bundled examples -----------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_bundled_examples_have_scenarios_that_all_apply(path: Path) -> None:
    coop = load_cooperation(path)
    assert len(coop.scenarios) >= 3
    assert check_scenarios(coop) == []
    check_comparison(coop)


def test_there_are_bundled_examples() -> None:
    assert len(EXAMPLES) >= 3


# --- properties ---------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MONEY_PATHS = (
    "members.*.hourly_cost_eur",
    "members.*.volunteer_hour_value_eur",
    "volunteer_hour_value_eur",
    "activities.*.revenues.*.amount_eur",
    "activities.*.revenues.*.unit_price_eur",
    "activities.*.costs.*.amount_eur",
    "activities.*.costs.*.unit_price_eur",
    "flows.*.amount_eur",
)


def _matches(data: dict[str, Any], path: str) -> bool:
    """Whether a MONEY_PATHS path reaches at least one value of ``data``."""
    if path == "volunteer_hour_value_eur":
        return True
    if path.startswith("members."):
        return any(path.split(".")[-1] in m for m in data["members"])
    if path.startswith("flows."):
        return any("amount_eur" in f for f in data.get("flows", []))
    side, key = path.split(".")[2], path.split(".")[-1]
    return any(key in x for a in data.get("activities", []) for x in a.get(side, []))


@PROPERTY
@given(cooperations(), st.sampled_from((0.5, 2.0, 3.0)))
def test_scaling_by_wildcard_scenario_equals_scaling_every_amount(
    data: dict[str, Any], k: float
) -> None:
    coop = validate_cooperation(data)
    changes = [Change(scale=p, by=k) for p in MONEY_PATHS if _matches(dump(coop), p)]
    scaled = evaluate(apply_changes(coop, changes))
    base = evaluate(coop)
    scale = 1.0 + sum(abs(m.cash_result_eur) + m.staff_cost_eur for m in base.members)
    for m in base.members:
        got = scaled.member(m.id)
        assert got.cash_result_eur == pytest.approx(k * m.cash_result_eur, abs=1e-9 * scale)
        assert got.economic_result_eur == pytest.approx(
            k * m.economic_result_eur, abs=1e-9 * scale * k
        )
        assert got.paid_hours == m.paid_hours
    assert scaled.shared_entity.result_eur == pytest.approx(
        k * base.shared_entity.result_eur, abs=1e-9 * scale * k
    )


@PROPERTY
@given(cooperations())
def test_a_path_that_matches_nothing_is_never_a_no_op(data: dict[str, Any]) -> None:
    coop = validate_cooperation(data)
    missing = scenario("rien", {"set": "activities.pas-une-activite.name", "value": "X"})
    problems = errors_of(coop, missing)
    assert [p for p, _ in problems] == ["scenarios.rien.changes[0]"]


@PROPERTY
@given(cooperations())
def test_setting_every_work_line_to_zero_hours_drops_them_all(data: dict[str, Any]) -> None:
    coop = validate_cooperation(data)
    if not any(a.work for a in coop.activities):
        return
    after = apply(
        coop,
        {"set": "activities.*.work.*.paid_hours", "value": 0},
        {"set": "activities.*.work.*.volunteer_hours", "value": 0},
    )
    assert all(a.work == () for a in after.activities)
    ev = evaluate(after)
    assert all(m.paid_hours == 0 == m.volunteer_hours for m in ev.members)
    assert ev.collective.staff_cost_eur == 0


@PROPERTY
@given(synthetic_cooperations())
def test_synthetic_scenarios_all_apply(data: dict[str, Any]) -> None:
    coop = validate_cooperation(data)
    assert check_scenarios(coop) == []
    for s in coop.scenarios:
        evaluate(coop, s.id)
