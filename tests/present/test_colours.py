"""One colour per party on every page, and colours of other meanings kept apart from them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bm3c.engine import evaluate
from bm3c.engine.network import flow_network
from bm3c.io import load_cooperation
from bm3c.model import MARKET, Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.model.years import year_view
from bm3c.present.charts_activities import activity_titles, results_chart
from bm3c.present.charts_fairness import CURRENT_COLOUR, METHOD_COLOURS, POINT_COLOURS
from bm3c.present.charts_impacts import carrier_frame, impact_chart
from bm3c.present.charts_scenarios import SCENARIO_COLOURS
from bm3c.present.colours import (
    ACTOR_COLOURS,
    FLOW_COLOURS,
    MARKET_COLOUR,
    MEMBER_COLOURS,
    SHARED_ENTITY_COLOUR,
    SIGN_COLOURS,
    party_colours,
)
from bm3c.present.graph import value_flow_chart
from bm3c.synthetic import synthetic_cooperation


def first_year(path: Path) -> Cooperation:
    """An example's first plan year: the graph and the game read one year at a time."""
    return year_view(load_cooperation(path), 0)


HALLE = Path(__file__).resolve().parents[2] / "examples" / "halle-des-transitions.yaml"


def _colour_of(spec: dict[str, Any], name: str) -> str:
    scale = spec["encoding"]["color"]["scale"]
    return str(scale["range"][scale["domain"].index(name)])


def test_a_member_has_the_same_colour_in_the_graph_the_activities_and_the_impacts() -> None:
    coop = first_year(HALLE)
    ev = evaluate(coop)
    colours = party_colours(coop)
    activities = results_chart(ev, "fr", activity_titles("fr")).to_dict()
    graph = value_flow_chart(flow_network(coop), "fr", colours=colours).to_dict()
    nodes = next(rows for rows in graph["datasets"].values() if rows and "money_in" in rows[0])
    fills = {row["id"]: row["fill"] for row in nodes}
    key = next(iter(ev.impacts.collective))
    levels = {"shared_entity": "Structure commune", "member": "Structure"}
    impacts = impact_chart(
        carrier_frame(ev, key, levels),
        title="t",
        axis_title="a",
        carrier_title="c",
        level_title="l",
        level_names=levels,
        lang="fr",
        colours=colours,
    ).to_dict()
    impact_scale = impacts["encoding"]["color"]["scale"]
    for m in [coop.shared_entity, *coop.members]:
        assert fills[m.id] == colours[m.id]
        assert _colour_of(activities, m.name) == colours[m.id]
        assert impact_scale["range"][impact_scale["domain"].index(m.id)] == colours[m.id]
    assert len({colours[m.id] for m in coop.members}) == len(coop.members)


def test_colours_follow_the_model_order_and_repeat_only_beyond_twelve_members() -> None:
    coop = validate_cooperation(synthetic_cooperation(members=30, activities=10, flows=5))
    colours = party_colours(coop)
    members = [colours[m.id] for m in coop.members]
    assert members[:12] == list(MEMBER_COLOURS)
    assert members[12] == members[0] and len(set(members)) == 12
    assert colours[coop.shared_entity.id] == SHARED_ENTITY_COLOUR
    assert colours[MARKET] == MARKET_COLOUR
    assert [colours[a.id] for a in coop.actors][: len(ACTOR_COLOURS)] == list(ACTOR_COLOURS)
    # a colour per party depends on the party's rank only: the same on every call
    assert party_colours(coop) == colours


def test_colours_of_other_meanings_are_not_party_colours() -> None:
    def norm(colours: Any) -> set[str]:
        return {c.upper() for c in colours}

    parties = norm([*MEMBER_COLOURS, SHARED_ENTITY_COLOUR, *ACTOR_COLOURS, MARKET_COLOUR])
    others = {
        "flows": norm(FLOW_COLOURS.values()),
        "signs": norm(SIGN_COLOURS.values()),
        "scenarios": norm(SCENARIO_COLOURS),
        "methods": norm([CURRENT_COLOUR, *METHOD_COLOURS, *POINT_COLOURS]),
    }
    for name, colours in others.items():
        assert parties.isdisjoint(colours), name
    assert len(norm(FLOW_COLOURS.values())) == len(FLOW_COLOURS)
