"""A group of members on their own: the cooperation reduced to them, and its value.

The definition that :func:`bm3c.engine.game.coalition_values` computes for every
group at once: reduce the cooperation to the group (DOMAIN, "The cooperation as
a game"), evaluate it, add up its members' cash results. Slow (one evaluation per
group), it is the reference the fast computation is tested against.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from bm3c.engine.evaluate import evaluate
from bm3c.engine.game import coalition_mask, required_members, shared_outside_flow
from bm3c.model import Cooperation
from bm3c.model.validation import edit_data
from bm3c.rules import GAME_RULES, RULES

__all__ = ["coalition_value_brute", "reduce_cooperation"]

_PLACEHOLDER = "coalition-placeholder"

Data = dict[str, Any]


def reduce_cooperation(coop: Cooperation, members: Collection[str]) -> Cooperation:
    """The cooperation reduced to the coalition ``members``, a validated model.

    Kept: the coalition's members (file order), their own activities whatever their
    ``requires`` (DOMAIN's wording gates only shared activities), the shared
    activities whose required members (:func:`required_members`) are all in the
    coalition, the shared entity, every actor and indicator. Inside kept
    activities, revenue lines paid by, cost lines paid to and work lines of
    removed members are dropped (so a kept member's rent to a removed member
    vanishes rather than going to the market), and removed members leave
    ``requires`` lists (emptied lists are removed). Activities carried by a
    removed member go, with the hours coalition members put into them. Flows
    with a removed end go; flows between the shared entity and outside actors
    stay only in the whole cooperation (see
    :func:`~bm3c.engine.game.shared_outside_flow`); the shared entity always
    stays, its result then made of what is left. Scenarios go.

    Sharing: weights of removed members go. A game rule (``shapley``...), or
    ``by_weights`` when every remaining weight is zero, becomes ``equal``: the
    rule cannot change v, since shares always sum to D, and a game rule inside
    the game would be circular.

    A one-member coalition is not a valid file (two members at least): it is
    validated with an unused placeholder member, removed afterwards, so every
    other check still runs and the engine settles it (the member gets all of D).

    Raises:
        ValueError: for the empty coalition (no cooperation; v(∅) = 0 by
            definition) or an id that is not a member.
        InvalidModelError: only on a bug of the reduction (its result is validated).

    """
    coalition = set(members)
    coalition_mask(coop, coalition)
    if not coalition:
        raise ValueError("the empty coalition has no reduced cooperation (v(∅) = 0)")
    shared = coop.shared_entity.id
    kept_activities = {
        a.id
        for a in coop.activities
        if a.carrier in coalition
        or (a.carrier == shared and set(required_members(coop, a)) <= coalition)
    }
    placeholder = _placeholder_id(coop) if len(coalition) == 1 else None

    def inside(party: str) -> bool:
        return party in coalition or party not in coop.member_ids

    def mutate(data: Data) -> None:
        data["members"] = [m for m in data["members"] if m["id"] in coalition]
        activities = []
        for a in data.get("activities", []):
            if a["id"] not in kept_activities:
                continue
            a["revenues"] = [r for r in a.get("revenues", []) if inside(r["from"])]
            a["costs"] = [c for c in a.get("costs", []) if inside(c["to"])]
            a["work"] = [w for w in a.get("work", []) if w["member"] in coalition]
            if "requires" in a:
                a["requires"] = [m for m in a["requires"] if m in coalition]
                if not a["requires"]:
                    del a["requires"]
            activities.append(a)
        data["activities"] = activities
        whole = coalition == set(coop.member_ids)
        data["flows"] = [
            f
            for f, flow in zip(data.get("flows", []), coop.flows, strict=True)
            if inside(f["from"])
            and inside(f["to"])
            and (whole or not shared_outside_flow(coop, flow))
        ]
        data["scenarios"] = []
        _reduce_sharing(data["sharing"], coalition)
        if placeholder is not None:
            data["members"].append(
                {"id": placeholder, "name": "Placeholder", "hourly_cost_eur": 0.0}
            )
            if data["sharing"].get("weights") is not None:
                data["sharing"]["weights"][placeholder] = 0.0

    reduced = edit_data(coop, mutate)
    if placeholder is None:
        return reduced
    weights = reduced.sharing.weights
    sharing = reduced.sharing.model_copy(
        update={"weights": None if weights is None else _without(weights, placeholder)}
    )
    return reduced.model_copy(
        update={
            "members": tuple(m for m in reduced.members if m.id != placeholder),
            "sharing": sharing,
        }
    )


def _reduce_sharing(sharing: Data, coalition: set[str]) -> None:
    weights = sharing.get("weights")
    if weights is not None:
        weights = {m: w for m, w in weights.items() if m in coalition}
        sharing["weights"] = weights
    for side in ("surplus", "deficit"):
        rule = sharing.get(side, "equal")
        reads_weights = rule in RULES and RULES[rule].needs_weights
        if rule in GAME_RULES or (reads_weights and not any((weights or {}).values())):
            sharing[side] = "equal"


def _without(weights: dict[str, float], ident: str) -> dict[str, float]:
    return {m: w for m, w in weights.items() if m != ident}


def _placeholder_id(coop: Cooperation) -> str:
    used = {
        coop.shared_entity.id,
        *coop.member_ids,
        *(a.id for a in coop.actors),
        *(a.id for a in coop.activities),
    }
    ident, k = _PLACEHOLDER, 1
    while ident in used:
        k += 1
        ident = f"{_PLACEHOLDER}-{k}"
    return ident


def coalition_value_brute(coop: Cooperation, members: Collection[str]) -> float:
    """v(S) by evaluating the reduced cooperation: Σ_{m∈S} cash result (reference).

    One validation and one evaluation per call; see :func:`coalition_values` for
    every coalition at once.
    """
    if not members:
        coalition_mask(coop, members)
        return 0.0
    evaluation = evaluate(reduce_cooperation(coop, members))
    return sum(m.cash_result_eur for m in evaluation.members)
