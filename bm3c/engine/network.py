"""The value-flow network of a cooperation: who gives what to whom, as a directed graph.

Nodes are the members, the shared entity, the outside actors and, when some line
or flow leaves its counterparty out, the anonymous ``market``. Each model entry
that moves value between two parties becomes a :class:`FlowLine`; lines with the
same ends and kind are summed into one :class:`Edge`:

- ``money``: revenue lines (payer → carrier), cost lines (carrier → payee),
  money flows, and reimbursed work (carrier → member, paid hours × hourly cost);
- ``in_kind``: in-kind flows;
- ``intangible``: intangible flows (an amount is optional);
- ``work_hours``: the hours a member puts into an activity carried by someone
  else (member → carrier), valued at its hourly cost for paid hours and at its
  volunteer hour value for volunteer hours. Unreimbursed paid hours, the
  member's contribution in kind (rule 3), are counted here, not in ``in_kind``.

Everything is sorted, and node positions depend on the nodes and on who
exchanges with whom only (never on amounts), so the drawing stays put from one
rerun to the next and while figures change.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from bm3c.model import MARKET, Cooperation

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "Edge",
    "EdgeKind",
    "FlowLine",
    "FlowNetwork",
    "Node",
    "NodeBalance",
    "filter_network",
    "flow_network",
    "node_balances",
    "shell_layout",
]

EdgeKind = Literal["money", "in_kind", "intangible", "work_hours"]
EDGE_KINDS: tuple[EdgeKind, ...] = get_args(EdgeKind)
LineOrigin = Literal["revenue", "cost", "flow", "reimbursement", "work"]
NODE_KINDS: tuple[str, ...] = (
    "shared_entity",
    "member",
    "customer",
    "funder",
    "supplier",
    "public",
    "other",
    "market",
)

MEMBER_RADIUS = 1.0
ACTOR_RADIUS = 1.8


@dataclass(frozen=True)
class Node:
    """A party of the network, at its place in the drawing (x, y in layout units)."""

    id: str
    name: str
    kind: str  # one of NODE_KINDS
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class FlowLine:
    """One model entry that moves value from ``source`` to ``target``.

    Attributes:
        origin: revenue or cost line, flow, reimbursed work, or work line.
        label: the line's or flow's label; for reimbursements and work, the activity name.
        activity: the activity's name for lines, reimbursements and work; None for flows.
        amount_eur: money or value per period; None for an intangible flow without amount.
        hours: paid + volunteer hours, for work lines only.
        paid_hours: paid hours, for work lines and reimbursements.

    """

    source: str
    target: str
    kind: EdgeKind
    origin: LineOrigin
    label: str
    activity: str | None = None
    amount_eur: float | None = None
    hours: float | None = None
    paid_hours: float | None = None


@dataclass(frozen=True)
class Edge:
    """The lines of one kind from one party to another, summed.

    ``amount_eur`` is None when no line has an amount (intangible flows only);
    ``hours`` is None except for work hours.
    """

    source: str
    target: str
    kind: EdgeKind
    amount_eur: float | None
    hours: float | None
    lines: tuple[FlowLine, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels of the underlying lines, in order."""
        return tuple(line.label for line in self.lines)


@dataclass(frozen=True)
class NodeBalance:
    """What one party receives and gives in one kind of flow (hours for work hours)."""

    kind: EdgeKind
    in_eur: float
    out_eur: float
    in_hours: float
    out_hours: float

    @property
    def net_eur(self) -> float:
        """Received minus given."""
        return self.in_eur - self.out_eur


@dataclass(frozen=True)
class FlowNetwork:
    """Nodes (shared entity, members, actors, market; each in model order) and sorted edges."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    currency: str = "EUR"

    def node(self, node_id: str) -> Node:
        """The node with this id (KeyError when unknown)."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Node ids in drawing order."""
        return tuple(n.id for n in self.nodes)

    def inflows(self, node_id: str) -> tuple[FlowLine, ...]:
        """Lines received by ``node_id``, edge by edge."""
        return tuple(line for e in self.edges if e.target == node_id for line in e.lines)

    def outflows(self, node_id: str) -> tuple[FlowLine, ...]:
        """Lines given by ``node_id``, edge by edge."""
        return tuple(line for e in self.edges if e.source == node_id for line in e.lines)


def flow_network(coop: Cooperation, market_name: str = MARKET) -> FlowNetwork:
    """The value-flow network of a cooperation (see the module docstring for the kinds).

    Args:
        coop: A validated cooperation.
        market_name: Display name of the anonymous market node (shown only when used).

    """
    lines = list(_flow_lines(coop))
    se = coop.shared_entity
    nodes = [Node(se.id, se.name, "shared_entity")]
    nodes += [Node(m.id, m.name, "member") for m in coop.members]
    nodes += [Node(a.id, a.name, a.kind) for a in coop.actors]
    if any(MARKET in (line.source, line.target) for line in lines):
        nodes.append(Node(MARKET, market_name, "market"))
    # stable: the model's own order within the members and within the actors
    nodes.sort(key=lambda n: {"shared_entity": 0, "member": 1, "market": 3}.get(n.kind, 2))
    edges = _edges(lines)
    positions = shell_layout(nodes, edges)
    placed = tuple(Node(n.id, n.name, n.kind, *positions[n.id]) for n in nodes)
    return FlowNetwork(placed, edges, coop.currency)


def _flow_lines(coop: Cooperation) -> Iterable[FlowLine]:
    members = {m.id: m for m in coop.members}
    for a in coop.activities:
        for r in a.revenues:
            yield FlowLine(r.payer, a.carrier, "money", "revenue", r.label, a.name, r.total_eur)
        for c in a.costs:
            yield FlowLine(a.carrier, c.payee, "money", "cost", c.label, a.name, c.total_eur)
        for w in a.work:
            if w.member == a.carrier:
                continue  # its own staff on its own activity: nothing moves between parties
            m = members[w.member]
            paid_value = w.paid_hours * m.hourly_cost_eur
            value = paid_value + w.volunteer_hours * coop.volunteer_hour_value(m)
            yield FlowLine(
                w.member,
                a.carrier,
                "work_hours",
                "work",
                a.name,
                a.name,
                value,
                w.hours,
                w.paid_hours,
            )
            if w.reimbursed:
                yield FlowLine(
                    a.carrier,
                    w.member,
                    "money",
                    "reimbursement",
                    a.name,
                    a.name,
                    paid_value,
                    None,
                    w.paid_hours,
                )
    for f in coop.flows:
        yield FlowLine(f.source, f.target, f.kind, "flow", f.label, None, f.amount_eur)


def _edges(lines: Iterable[FlowLine]) -> tuple[Edge, ...]:
    grouped: dict[tuple[str, str, EdgeKind], list[FlowLine]] = {}
    for line in lines:
        grouped.setdefault((line.source, line.target, line.kind), []).append(line)
    edges = []
    for (source, target, kind), group in sorted(
        grouped.items(), key=lambda item: (item[0][0], item[0][1], EDGE_KINDS.index(item[0][2]))
    ):
        group.sort(key=lambda line: (line.origin, line.activity or "", line.label))
        amounts = [line.amount_eur for line in group if line.amount_eur is not None]
        hours = [line.hours for line in group if line.hours is not None]
        edges.append(
            Edge(
                source,
                target,
                kind,
                math.fsum(amounts) if amounts else None,
                math.fsum(hours) if hours else None,
                tuple(group),
            )
        )
    return tuple(edges)


def shell_layout(
    nodes: Iterable[Node], edges: Iterable[Edge] = ()
) -> dict[str, tuple[float, float]]:
    """Positions for a projector: shared entity in the centre, members around, actors outside.

    Members sit on a circle of radius 1 in the given order, clockwise from the
    top. Actors (the market included) take evenly spaced places on a circle of
    radius 1.8: each one, those exchanging with the most
    members first, takes the free place nearest to the members it exchanges with
    (the mean direction of those members), so that its arrows stay short and cross
    few others; the others (no member, or members all around) take the free place
    farthest from any member. The ring is turned so that no actor sits right
    behind a member, where its arrows to the centre would run through it.

    Positions depend on the nodes and on who exchanges with whom, never on
    amounts: changing a figure does not move anything.
    """
    rings: dict[str, list[str]] = {"centre": [], "members": [], "actors": []}
    for n in nodes:
        ring = {"shared_entity": "centre", "member": "members"}.get(n.kind, "actors")
        rings[ring].append(n.id)
    positions: dict[str, tuple[float, float]] = {}
    for i, node_id in enumerate(rings["centre"]):
        positions[node_id] = (0.0, -0.25 * i)
    members = rings["members"]
    member_angles = {
        node_id: math.pi / 2 - 2 * math.pi * i / len(members) for i, node_id in enumerate(members)
    }
    for node_id, angle in member_angles.items():
        positions[node_id] = _on_circle(MEMBER_RADIUS, angle)
    actors = rings["actors"]
    slots = _actor_places(len(actors), list(member_angles.values()))
    for node_id, slot in _actor_slots(actors, slots, member_angles, edges).items():
        positions[node_id] = _on_circle(ACTOR_RADIUS, slots[slot])
    return positions


def _actor_places(count: int, member_angles: list[float]) -> list[float]:
    """``count`` evenly spaced directions, turned so that none is right behind a member.

    The turn, in eighths of a step (a half first), is the first that keeps every
    place farthest from the members.
    """

    def places(turn: float) -> list[float]:
        return [math.pi / 2 - 2 * math.pi * (i + turn) / count for i in range(count)]

    def clearance(turn: float) -> float:
        gaps = [_gap(a, m) for a in places(turn) for m in member_angles]
        return round(min(gaps, default=math.pi), 6)

    return places(max((0.5, 0.375, 0.625, 0.25, 0.75, 0.125, 0.875, 0.0), key=clearance))


def _actor_slots(
    actors: list[str],
    slots: list[float],
    member_angles: dict[str, float],
    edges: Iterable[Edge],
) -> dict[str, int]:
    """The place (index in ``slots``) of each actor on the outer ring; see :func:`shell_layout`."""
    partners: dict[str, set[str]] = {a: set() for a in actors}
    for e in edges:
        for actor, other in ((e.source, e.target), (e.target, e.source)):
            if actor in partners and other in member_angles:
                partners[actor].add(other)
    wished: dict[str, float] = {}
    for actor, together in partners.items():
        x = math.fsum(math.cos(member_angles[m]) for m in sorted(together))
        y = math.fsum(math.sin(member_angles[m]) for m in sorted(together))
        # partners all around (a mean direction near zero) are no wish at all
        if together and math.hypot(x, y) > 0.2 * len(together):
            wished[actor] = math.atan2(y, x)
    free = list(range(len(actors)))
    placed: dict[str, int] = {}

    def cost(actor: str, slot: int) -> float:
        angle = slots[slot]
        if actor in wished:
            return _gap(angle, wished[actor]) + slot * 1e-9
        # no wish: as far from any member as can be, arrows to the centre pass between them
        nearest = min((_gap(angle, m) for m in member_angles.values()), default=0.0)
        return -round(nearest, 6) + slot * 1e-9

    first = sorted(wished, key=lambda a: (-len(partners[a]), actors.index(a)))
    for actor in first + [a for a in actors if a not in wished]:
        best = min(free, key=lambda slot: cost(actor, slot))
        placed[actor] = best
        free.remove(best)
    return placed


def _gap(a: float, b: float) -> float:
    """The angle between two directions, in [0, pi]."""
    return abs(math.remainder(a - b, 2 * math.pi))


def _on_circle(radius: float, angle: float) -> tuple[float, float]:
    return _clean(radius * math.cos(angle)), _clean(radius * math.sin(angle))


def _clean(value: float) -> float:
    rounded = round(value, 9)
    return 0.0 if rounded == 0 else rounded


def filter_network(
    network: FlowNetwork, kinds: Collection[str] | None = None, node: str | None = None
) -> FlowNetwork:
    """The edges of the given kinds (all when None), touching ``node`` when given.

    Every node stays when ``node`` is None; otherwise only that node and the
    parties it exchanges with (in the chosen kinds) remain. Positions are kept.
    """
    edges = tuple(
        e
        for e in network.edges
        if (kinds is None or e.kind in kinds) and (node is None or node in (e.source, e.target))
    )
    if node is None:
        return FlowNetwork(network.nodes, edges, network.currency)
    kept = {node} | {e.source for e in edges} | {e.target for e in edges}
    return FlowNetwork(tuple(n for n in network.nodes if n.id in kept), edges, network.currency)


def node_balances(network: FlowNetwork, node_id: str) -> tuple[NodeBalance, ...]:
    """Per flow kind, what ``node_id`` receives and gives (money or value, and hours).

    For the shared entity, the money balance is its result R (rule 5). For a
    member, it is its cash result plus its staff costs minus its share of the
    shared result (rule 6), since wages and shares are not flows between parties.
    """
    balances = []
    for kind in EDGE_KINDS:
        ins = [e for e in network.edges if e.kind == kind and e.target == node_id]
        outs = [e for e in network.edges if e.kind == kind and e.source == node_id]
        balances.append(
            NodeBalance(
                kind,
                math.fsum(e.amount_eur or 0.0 for e in ins),
                math.fsum(e.amount_eur or 0.0 for e in outs),
                math.fsum(e.hours or 0.0 for e in ins),
                math.fsum(e.hours or 0.0 for e in outs),
            )
        )
    return tuple(balances)
