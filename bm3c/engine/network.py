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

Everything is sorted, and node positions depend on the node set only, so the
drawing stays put from one rerun to the next.
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
    """Nodes (sorted: shared entity, members, actors by kind, market) and sorted edges."""

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
    nodes.sort(key=lambda n: (NODE_KINDS.index(n.kind), n.id))
    positions = shell_layout(nodes)
    placed = tuple(Node(n.id, n.name, n.kind, *positions[n.id]) for n in nodes)
    return FlowNetwork(placed, _edges(lines), coop.currency)


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


def shell_layout(nodes: Iterable[Node]) -> dict[str, tuple[float, float]]:
    """Positions for a projector: shared entity in the centre, members around, actors outside.

    Members sit on a circle of radius 1 and actors (the market included) on a
    circle of radius 1.8, each in the given order, clockwise from the top; the
    outer ring is turned by half a step so that actors fall between members.
    Positions depend only on the nodes, never on the edges.
    """
    rings: dict[str, list[str]] = {"centre": [], "members": [], "actors": []}
    for n in nodes:
        ring = {"shared_entity": "centre", "member": "members"}.get(n.kind, "actors")
        rings[ring].append(n.id)
    positions: dict[str, tuple[float, float]] = {}
    for i, node_id in enumerate(rings["centre"]):
        positions[node_id] = (0.0, -0.25 * i)
    for radius, ids, turn in (
        (MEMBER_RADIUS, rings["members"], 0.0),
        (ACTOR_RADIUS, rings["actors"], 0.5),
    ):
        for i, node_id in enumerate(ids):
            angle = math.pi / 2 - 2 * math.pi * (i + turn) / len(ids)
            positions[node_id] = (
                _clean(radius * math.cos(angle)),
                _clean(radius * math.sin(angle)),
            )
    return positions


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
