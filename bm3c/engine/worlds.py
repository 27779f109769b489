"""A group of members on their own with the shared entity: the cooperation it would be.

DOMAIN Part 2, *a group S* of two or more members: S's members and the shared
entity; their own activities and the shared activities whose ``requires`` lies
within S. A line (or money flow) with an absent member follows the present side's
``apart`` policy: kept with the market, at a market price, or dropped. An absent
member's hours on an activity that runs are bought from the market by its carrier
(a cost line "Remplacement") or done without. The lines of an activity that does
not run, with a present party, follow that party's policy as money flows with the
market. A flow between an outside actor and the shared entity needs its
``requires`` (every member by default).

:func:`reduce_cooperation` writes that world as a validated model, so the engine
evaluates it like any other (a ``leave`` scenario is this world for the members
who stay); :func:`~bm3c.engine.group_value.coalition_value_brute` adds up its cash
results, the reference that :func:`~bm3c.engine.game.coalition_values` is tested
against.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from bm3c.engine.apart import Side, policy_amount, side_policy, work_replacement
from bm3c.engine.chart_of_accounts import payee_account, payer_account
from bm3c.engine.game import coalition_mask, flow_requires, required_members
from bm3c.model import Cooperation
from bm3c.model.parts import MARKET, Apart, CostLine, RevenueLine
from bm3c.model.validation import edit_data
from bm3c.rules import GAME_RULES, RULES

__all__ = ["REPLACEMENT", "reduce_cooperation", "running_activities"]

Data = dict[str, Any]

#: The label of the cost line that buys an absent member's hours: ``Remplacement <id>``.
REPLACEMENT = "Remplacement"
#: Its account in a funders' budget (DOMAIN Part 4): outside staff, « personnel extérieur ».
REPLACEMENT_ACCOUNT = "621"


def running_activities(coop: Cooperation, members: Collection[str]) -> tuple[str, ...]:
    """The activities that run in the group ``members`` (two or more), in file order."""
    group = set(members)
    return tuple(a.id for a in coop.activities if set(required_members(coop, a)) <= group)


def reduce_cooperation(
    coop: Cooperation, members: Collection[str], *, for_game: bool = False
) -> Cooperation:
    """The cooperation of the group ``members`` (two or more) and the shared entity.

    Members in file order; every actor and indicator stays; scenarios go. Sharing:
    weights of absent members go; a rule reading weights that are all zero becomes
    ``equal``, and so does a game rule when ``for_game`` (the rule cannot change
    the group's value, since shares always sum to D, and a game inside the game
    would be circular).

    Raises:
        ValueError: for fewer than two members (one member is alone: see
            :func:`~bm3c.engine.apart.alone_result`) or an id that is not a member.
        InvalidModelError: only on a bug of the reduction (its result is validated).

    """
    group = set(members)
    coalition_mask(coop, group)
    if len(group) < 2:
        raise ValueError("a group has two members or more; one member is alone")
    runs = set(running_activities(coop, group))
    present = group | {coop.shared_entity.id}
    insiders = {*coop.member_ids, coop.shared_entity.id}
    market_flows: list[Data] = []

    def market_flow(
        payer: str | None, payee: str | None, amount: float, label: str, account: str | None = None
    ) -> None:
        flow: Data = {"from": payer or MARKET, "to": payee or MARKET, "kind": "money"}
        flow |= {"label": label, "amount_eur": amount}
        market_flows.append(flow | ({"account": account} if account else {}))

    def mutate(data: Data) -> None:
        data["members"] = [m for m in data["members"] if m["id"] in group]
        activities = []
        for a, raw in zip(coop.activities, data.get("activities", []), strict=True):
            if a.id in runs:
                activities.append(_running(coop, a.id, raw, present))
                continue
            for line in a.revenues:  # a present payer of a stopped activity's line
                kept = _kept(line.apart, "payer", line.kind, line.total_eur)
                if line.payer in present and kept is not None:
                    label = f"{a.name} — {line.label}"
                    market_flow(line.payer, None, kept, label, payer_account(line))
            for cost in a.costs:
                kept = _kept(cost.apart, "payee", cost.kind, cost.total_eur)
                if cost.payee in present and kept is not None:
                    label = f"{a.name} — {cost.label}"
                    market_flow(None, cost.payee, kept, label, payee_account(cost))
        data["activities"] = activities
        flows = []
        for f, raw in zip(coop.flows, data.get("flows", []), strict=True):
            raw.pop("apart", None)
            raw.pop("requires", None)
            ends = (f.source in present or f.source not in insiders) and (
                f.target in present or f.target not in insiders
            )
            needed = flow_requires(coop, f)
            if ends and (needed is None or set(needed) <= group):
                flows.append(raw)
            elif f.kind == "money" and f.amount_eur is not None and not ends:
                if f.source in present:
                    kept = _kept(f.apart, "payer", None, f.amount_eur)
                    if kept is not None:
                        market_flow(f.source, None, kept, f.label, f.account)
                elif f.target in present:
                    kept = _kept(f.apart, "payee", None, f.amount_eur)
                    if kept is not None:
                        market_flow(None, f.target, kept, f.label, f.account)
        data["flows"] = flows + _unique_labels(market_flows, {f["label"] for f in flows})
        data["scenarios"] = []
        # an absent member's cash and equipment are not the group's (DOMAIN Part 3)
        cash = data.get("opening_cash_eur") or {}
        data["opening_cash_eur"] = {p: eur for p, eur in cash.items() if p in present}
        data["investments"] = [i for i in data.get("investments", []) if i["carrier"] in present]
        _reduce_sharing(data["sharing"], group, for_game=for_game)

    return edit_data(coop, mutate)


def _kept(apart: Apart | None, side: Side, kind: str | None, amount: float) -> float | None:
    """What the present side keeps with the market of a line: an amount, or None (dropped)."""
    policy = side_policy(apart, side, kind)
    return None if policy == "drop" else policy_amount(policy, amount)


def _running(coop: Cooperation, activity: str, raw: Data, present: set[str]) -> Data:
    """A running activity's data in the group: absent parties' lines and hours as policies say."""
    a = next(x for x in coop.activities if x.id == activity)
    revenues = _lines(coop, a.revenues, raw.get("revenues", []), present, "from")
    costs = _lines(coop, a.costs, raw.get("costs", []), present, "to")
    work = []
    for w, data in zip(a.work, raw.get("work", []), strict=True):
        if w.member in present:
            work.append(data)
            continue
        price = work_replacement(coop, w)
        if price > 0:
            costs.append(
                {
                    "label": _free_label(f"{REPLACEMENT} {w.member}", {c["label"] for c in costs}),
                    "amount_eur": w.hours * price,
                    "kind": "subcontracting",
                    "account": REPLACEMENT_ACCOUNT,
                }
            )
    raw["revenues"], raw["costs"], raw["work"] = revenues, costs, work
    if "requires" in raw:  # an own activity runs with its carrier, whatever its requires
        raw["requires"] = [m for m in raw["requires"] if m in present]
        if not raw["requires"]:
            del raw["requires"]
    return raw


def _lines(
    coop: Cooperation,
    lines: tuple[RevenueLine | CostLine, ...],
    raw: list[Data],
    present: set[str],
    key: str,
) -> list[Data]:
    """One side's lines of a running activity, as the group has them.

    A line with an absent insider goes to the market as the carrier's policy says
    (the carrier is the payee of a revenue, the payer of a cost).
    """
    side: Side = "payee" if key == "from" else "payer"
    insiders = _insiders(coop)
    kept: list[Data] = []
    for line, data in zip(lines, raw, strict=True):
        data.pop("apart", None)
        other = line.payer if isinstance(line, RevenueLine) else line.payee
        if other in present or other not in insiders:
            kept.append(data)
        else:
            _to_market(data, side_policy(line.apart, side, line.kind), key, kept)
    return kept


def _insiders(coop: Cooperation) -> set[str]:
    return {*coop.member_ids, coop.shared_entity.id}


def _to_market(data: Data, policy: Any, key: str, into: list[Data]) -> None:
    """A line whose other party is absent, with the market: same amount, a price, or gone."""
    if policy == "drop":
        return
    amount = policy_amount(policy, _total(data))
    for field in (key, "quantity", "unit_price_eur"):
        data.pop(field, None)
    data["amount_eur"] = amount
    into.append(data)


def _total(data: Data) -> float:
    if "amount_eur" in data:
        return float(data["amount_eur"])
    return float(data["quantity"]) * float(data["unit_price_eur"])


def _free_label(label: str, used: set[str]) -> str:
    candidate, k = label, 1
    while candidate in used:
        k += 1
        candidate = f"{label} ({k})"
    return candidate


def _unique_labels(flows: list[Data], used: set[str]) -> list[Data]:
    taken = set(used)
    for f in flows:
        f["label"] = _free_label(f["label"], taken)
        taken.add(f["label"])
    return flows


def _reduce_sharing(sharing: Data, group: set[str], *, for_game: bool) -> None:
    weights = sharing.get("weights")
    if weights is not None:
        weights = {m: w for m, w in weights.items() if m in group}
        sharing["weights"] = weights
    for side in ("surplus", "deficit"):
        rule = sharing.get(side, "equal")
        reads_weights = rule in RULES and RULES[rule].needs_weights
        if (for_game and rule in GAME_RULES) or (
            reads_weights and not any((weights or {}).values())
        ):
            sharing[side] = "equal"
