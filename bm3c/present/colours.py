"""One colour per party, the same on every page and in every file taken home.

A party's colour comes from its place in the model, never from the chart that
draws it: the shared entity has its own colour, the members take
:data:`MEMBER_COLOURS` in model order, the outside actors :data:`ACTOR_COLOURS`
(muted, so that the members stand out) in model order, the anonymous market a
light grey. Beyond twelve members the palette starts again: the colour then
names a member only together with its label.

Colours that mean something else (a kind of flow, a gain or a loss) are kept
apart: :data:`FLOW_COLOURS` and :data:`SIGN_COLOURS` share no colour with the
parties, and the member palette leaves out the red and the green of losses and
gains.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from bm3c.model import MARKET, Cooperation

__all__ = [
    "ACTOR_COLOURS",
    "FLOW_COLOURS",
    "MARKET_COLOUR",
    "MEMBER_COLOURS",
    "SHARED_ENTITY_COLOUR",
    "SIGN_COLOURS",
    "member_colour",
    "party_colours",
    "party_scale",
]

SHARED_ENTITY_COLOUR = "#263238"
#: Twelve hues that tell apart on a projector; no red or green (they say loss and gain).
MEMBER_COLOURS = (
    "#4E79A7",
    "#F28E2B",
    "#76B7B2",
    "#B07AA1",
    "#EDC948",
    "#FF9DA7",
    "#9C755F",
    "#A0CBE8",
    "#FFBE7D",
    "#D4A6C8",
    "#B6992D",
    "#8CD17D",
)
ACTOR_COLOURS = ("#8C8C8C", "#A89F91", "#7F8C99", "#B5A48B", "#9E9E9E", "#8A7F72")
MARKET_COLOUR = "#C8C8C8"
#: The kinds of flow, dark and saturated: arrows never read as parties.
FLOW_COLOURS = {
    "money": "#0B3C8C",
    "in_kind": "#A14500",
    "intangible": "#6A1B9A",
    "work_hours": "#00695C",
}
#: Gains, losses and totals in the charts of results.
SIGN_COLOURS = {"gain": "#2E7D32", "loss": "#C62828", "total": "#1565C0"}


def member_colour(rank: int) -> str:
    """The colour of the member at ``rank`` (0 for the first) in the model's order."""
    return MEMBER_COLOURS[rank % len(MEMBER_COLOURS)]


def party_colours(coop: Cooperation) -> dict[str, str]:
    """A colour per party id: shared entity, members, outside actors, the market."""
    colours = {coop.shared_entity.id: SHARED_ENTITY_COLOUR}
    colours |= {m.id: member_colour(i) for i, m in enumerate(coop.members)}
    colours |= {a.id: ACTOR_COLOURS[i % len(ACTOR_COLOURS)] for i, a in enumerate(coop.actors)}
    colours[MARKET] = MARKET_COLOUR
    return colours


def party_scale(coop: Cooperation, shown: Iterable[str] | None = None) -> alt.Scale:
    """A colour scale from party names to their colours, for a chart coloured by party.

    ``shown`` lists the party ids the chart draws (all parties when None), in the
    legend's order; the colours stay those of :func:`party_colours` whatever is left out.
    """
    colours = party_colours(coop)
    names = {coop.shared_entity.id: coop.shared_entity.name}
    names |= {m.id: m.name for m in coop.members} | {a.id: a.name for a in coop.actors}
    ids = [i for i in (names if shown is None else shown) if i in names]
    return alt.Scale(domain=[names[i] for i in ids], range=[colours[i] for i in ids])
