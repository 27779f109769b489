"""Three-way merge of two participants' edits of one model revision."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bm3c.edit.cooperation import edit_data, model_data, remove_party, set_work
from bm3c.edit.merge import Conflict, merge_models
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from tests.conftest import EXAMPLES, build

HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"
Data = dict[str, Any]
COST = "members[la-boucle].hourly_cost_eur"


@cache
def halle() -> Cooperation:
    return load_cooperation(HALLE)


def item(items: list[Data], ident: str, by: str = "id") -> Data:
    return next(i for i in items if i[by] == ident)


def hourly_cost(coop: Cooperation, value: float) -> Cooperation:
    return edit_data(coop, lambda d: item(d["members"], "la-boucle").update(hourly_cost_eur=value))


def add_actor(coop: Cooperation, ident: str, name: str) -> Cooperation:
    return edit_data(coop, lambda d: d["actors"].append({"id": ident, "name": name}))


def test_disjoint_edits_are_both_kept() -> None:
    """I raise La Boucle's hourly cost (28 → 30), they cut the café's food bill."""
    base = halle()
    mine = hourly_cost(base, 30.0)

    def cheaper_food(d: Data) -> None:
        cafe = item(d["activities"], "cafe-cantine")
        cafe["costs"][0]["amount_eur"] = 20000.0

    theirs = edit_data(base, cheaper_food)
    merge = merge_models(base, mine, theirs)
    assert merge.conflicts == []
    merged = merge.result()
    assert merged == hourly_cost(theirs, 30.0)
    assert merged.members[0].hourly_cost_eur == 30.0
    cafe = next(a for a in merged.activities if a.id == "cafe-cantine")
    assert cafe.costs[0].amount_eur == 20000.0


def test_work_lines_of_different_members_on_one_activity_merge() -> None:
    base = halle()
    mine = set_work(base, "cafe-cantine", "la-boucle", 650, 50)
    theirs = set_work(base, "cafe-cantine", "r3-bordeaux", 100, 0)
    merge = merge_models(base, mine, theirs)
    assert merge.conflicts == []
    assert merge.result() == set_work(theirs, "cafe-cantine", "la-boucle", 650, 50)


def test_same_change_on_both_sides_is_no_conflict() -> None:
    base = halle()
    edited = hourly_cost(base, 30.0)
    merge = merge_models(base, edited, hourly_cost(base, 30.0))
    assert merge.conflicts == []
    assert merge.result() == edited


def test_different_values_in_one_place_are_one_conflict() -> None:
    base = halle()
    merge = merge_models(base, hourly_cost(base, 30.0), hourly_cost(base, 32.0))
    assert merge.conflicts == [
        Conflict(
            COST,
            "member 'La Boucle', hourly cost",
            base=28.0,
            mine=30.0,
            theirs=32.0,
            field="hourly_cost_eur",
        )
    ]
    assert merge.result({COST: "mine"}) == hourly_cost(base, 30.0)
    assert merge.result({COST: "theirs"}) == hourly_cost(base, 32.0)


def test_conflicts_are_named_in_nested_places() -> None:
    """A work line's hours, a sharing setting and a weight, each changed both ways."""
    base = halle()

    def edit(paid: float, rule: str, weight: float) -> Cooperation:
        def mutate(d: Data) -> None:
            d["sharing"].update(surplus=rule)
            d["sharing"]["weights"]["la-boucle"] = weight

        return edit_data(set_work(base, "cafe-cantine", "la-boucle", paid, 50), mutate)

    merge = merge_models(base, edit(650, "equal", 4.0), edit(600, "by_hours", 5.0))
    assert [(c.key, c.where) for c in merge.conflicts] == [
        (
            "activities[cafe-cantine].work[la-boucle].paid_hours",
            "work of 'La Boucle' on activity 'Café cantine', paid hours",
        ),
        ("sharing.surplus", "sharing of the result, rule for a surplus"),
        ("sharing.weights.la-boucle", "sharing of the result › weights, La Boucle"),
    ]
    merged = merge.result({c.key: "theirs" for c in merge.conflicts})
    assert merged == edit(600, "by_hours", 5.0)


def test_lists_of_plain_values_are_compared_whole() -> None:
    """``requires`` is one value: [la-boucle, ecoagir] → [la-boucle] vs → [ecoagir, r3-bordeaux]."""
    base = halle()

    def requires(members: list[str]) -> Cooperation:
        return edit_data(
            base, lambda d: item(d["activities"], "recyclerie").update(requires=members)
        )

    merge = merge_models(base, requires(["la-boucle"]), requires(["ecoagir", "r3-bordeaux"]))
    (conflict,) = merge.conflicts
    assert conflict.key == "activities[recyclerie].requires"
    assert conflict.mine == ["la-boucle"]
    assert merge.result({conflict.key: "mine"}) == requires(["la-boucle"])


def test_items_added_on_each_side_come_after_theirs_in_my_order() -> None:
    base = halle()
    mine = add_actor(add_actor(base, "mine-2", "M2"), "mine-1", "M1")
    theirs = add_actor(base, "theirs", "T")
    merge = merge_models(base, mine, theirs)
    assert merge.conflicts == []
    ids = [a.id for a in merge.result().actors]
    assert ids == [*(a.id for a in base.actors), "theirs", "mine-2", "mine-1"]


def test_one_item_added_by_both_is_merged_field_by_field() -> None:
    """Both add actor 'ville', same kind, different names: the name alone conflicts."""
    base = halle()
    merge = merge_models(
        base, add_actor(base, "ville", "Ville"), add_actor(base, "ville", "Mairie")
    )
    assert merge.conflicts == [
        Conflict(
            "actors[ville].name",
            "actor 'Ville', name",
            base=None,
            mine="Ville",
            theirs="Mairie",
            field="name",
        )
    ]
    assert merge.result({"actors[ville].name": "theirs"}) == add_actor(base, "ville", "Mairie")


def test_an_item_removed_by_one_side_and_changed_by_the_other_conflicts() -> None:
    """I remove actor ATIS (and its flow); they rename ATIS."""
    base = halle()
    mine = remove_party(base, "atis")
    theirs = edit_data(
        base, lambda d: item(d["actors"], "atis").update(name="ATIS Nouvelle-Aquitaine")
    )
    merge = merge_models(base, mine, theirs)
    (conflict,) = merge.conflicts
    assert conflict.key == "actors[atis]"
    assert conflict.where == "actor 'ATIS Nouvelle-Aquitaine'"  # the name it still has
    assert conflict.mine is None
    assert conflict.theirs["name"] == "ATIS Nouvelle-Aquitaine"
    assert merge.result({"actors[atis]": "mine"}) == mine
    # Keeping ATIS does not bring back its flow: I removed it, they left it alone.
    kept = merge.result({"actors[atis]": "theirs"})
    no_flow = [f for f in model_data(theirs)["flows"] if f["from"] != "atis"]
    assert kept == edit_data(theirs, lambda d: d.update(flows=no_flow))


def test_an_optional_field_removed_by_me_and_changed_by_them_conflicts() -> None:
    base = halle()
    mine = edit_data(base, lambda d: item(d["members"], "la-boucle").pop("capacity_hours"))
    theirs = edit_data(
        base, lambda d: item(d["members"], "la-boucle").update(capacity_hours=4200.0)
    )
    merge = merge_models(base, mine, theirs)
    assert merge.conflicts == [
        Conflict(
            "members[la-boucle].capacity_hours",
            "member 'La Boucle', capacity (hours)",
            base=4000.0,
            mine=None,
            theirs=4200.0,
            field="capacity_hours",
        )
    ]
    assert merge.result({"members[la-boucle].capacity_hours": "mine"}) == mine


def test_an_item_removed_by_both_stays_removed() -> None:
    base = halle()
    removed = remove_party(base, "atis")
    merge = merge_models(base, removed, hourly_cost(removed, 30.0))
    assert merge.conflicts == []
    assert merge.result() == hourly_cost(removed, 30.0)


def test_an_invalid_merge_reports_the_problems() -> None:
    """I add a flow from Slow Fest; they remove Slow Fest: the flow dangles."""
    base = halle()
    gift = {"from": "slow-fest", "to": "halle", "kind": "in_kind", "label": "Don", "amount_eur": 10}
    mine = edit_data(base, lambda d: d["flows"].append(gift))
    merge = merge_models(base, mine, remove_party(base, "slow-fest"))
    assert merge.conflicts == []
    with pytest.raises(InvalidModelError) as error:
        merge.result()
    assert any("slow-fest" in str(p) for p in error.value.problems)


def test_every_conflict_needs_a_known_choice() -> None:
    base = halle()
    merge = merge_models(base, hourly_cost(base, 30.0), hourly_cost(base, 32.0))
    with pytest.raises(ValueError, match=r"choose 'mine' or 'theirs' for: members\[la-boucle\]"):
        merge.result()
    with pytest.raises(ValueError, match="no conflict at: name"):
        merge.result({COST: "mine", "name": "mine"})
    with pytest.raises(ValueError, match="not so for"):
        merge.result({COST: "both"})  # type: ignore[dict-item]


def test_a_small_model_merges_too() -> None:
    """The conftest model: I describe member b, they raise a's cost to 25."""
    base = build()
    mine = edit_data(base, lambda d: d["members"][1].update(description="B"))
    theirs = edit_data(base, lambda d: d["members"][0].update(hourly_cost_eur=25.0))
    merged = merge_models(base, mine, theirs).result()
    assert merged.members[0].hourly_cost_eur == 25.0
    assert merged.members[1].description == "B"


# --- properties ----------------------------------------------------------------------

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Edit = Callable[[Data], None]


@cache
def examples() -> tuple[Cooperation, ...]:
    return tuple(load_cooperation(path) for path in EXAMPLES)


@st.composite
def edits(draw: st.DrawFn, data: Data) -> Edit:
    """One edit of plain model data, drawn from a small set."""
    members = [m["id"] for m in data["members"]]
    activity = draw(st.sampled_from(data["activities"]))
    member = draw(st.sampled_from(members))
    gone = draw(st.sampled_from([*members, *(a["id"] for a in data["actors"])]))
    hours = draw(st.sampled_from([(0.0, 0.0), (100.0, 0.0), (500.0, 50.0)]))
    number = float(draw(st.integers(1, 50)))
    word = draw(st.sampled_from(["Alpha", "Beta"]))
    surplus = draw(st.sampled_from(["equal", "by_hours", "by_paid_hours"]))

    def cost(d: Data) -> None:
        item(d["members"], member)["hourly_cost_eur"] = number

    def capacity(d: Data) -> None:
        item(d["members"], member).pop("capacity_hours", None)

    def work(d: Data) -> None:
        d |= model_data(set_work(Cooperation.model_validate(d), activity["id"], member, *hours))

    def remove(d: Data) -> None:
        d |= model_data(remove_party(Cooperation.model_validate(d), gone))

    def flow(d: Data) -> None:
        new = {"from": member, "to": d["shared_entity"]["id"], "kind": "in_kind", "label": word}
        d["flows"].append(new | {"amount_eur": number})

    def actor(d: Data) -> None:
        d["actors"].append({"id": word.lower(), "name": word, "kind": "other"})

    def line(d: Data) -> None:
        lines = item(d["activities"], activity["id"])["revenues"]
        if lines:
            lines[0]["amount_eur"] = number * 100
            lines[0].pop("quantity", None)
            lines[0].pop("unit_price_eur", None)

    def rule(d: Data) -> None:
        d["sharing"]["surplus"] = surplus

    return draw(st.sampled_from([cost, capacity, work, remove, flow, actor, line, rule]))


@st.composite
def edited(draw: st.DrawFn, base: Cooperation) -> Cooperation:
    """``base`` after up to four random edits; an edit the model refuses is skipped."""
    coop = base
    for _ in range(draw(st.integers(0, 4))):
        with suppress(InvalidModelError):
            coop = edit_data(coop, draw(edits(model_data(coop))))
    return coop


@st.composite
def bases_and_versions(draw: st.DrawFn) -> tuple[Cooperation, Cooperation, Cooperation]:
    """An example, and two independent edits of it."""
    base = draw(st.sampled_from(examples()))
    return base, draw(edited(base)), draw(edited(base))


@PROPERTY
@given(bases_and_versions())
def test_merging_with_an_unchanged_side_gives_the_other(
    models: tuple[Cooperation, Cooperation, Cooperation],
) -> None:
    base, x, _ = models
    for mine, theirs in ((x, base), (base, x), (x, x)):
        merge = merge_models(base, mine, theirs)
        assert merge.conflicts == []
        assert merge.result() == x


@PROPERTY
@given(bases_and_versions())
def test_conflicts_are_the_same_seen_from_either_side(
    models: tuple[Cooperation, Cooperation, Cooperation],
) -> None:
    base, x, y = models
    ours = {c.key: c for c in merge_models(base, x, y).conflicts}
    swapped = {c.key: c for c in merge_models(base, y, x).conflicts}
    assert ours.keys() == swapped.keys()
    assert len(ours) == len(merge_models(base, x, y).conflicts)
    for key, conflict in ours.items():
        assert (conflict.mine, conflict.theirs) == (swapped[key].theirs, swapped[key].mine)
