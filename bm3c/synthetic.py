"""Synthetic cooperations of any size, for tests and benchmarks (reproducible by seed)."""

from __future__ import annotations

import random
from typing import Any

__all__ = ["synthetic_cooperation", "synthetic_plan"]

ACTOR_KINDS = ("customer", "funder", "supplier", "public", "other")


def synthetic_cooperation(
    members: int = 30, activities: int = 200, flows: int = 300, actors: int = 12, seed: int = 0
) -> dict[str, Any]:
    """Plain data of a valid, made-up cooperation (all figures random but plausible).

    About a third of the activities are carried by the shared entity. Every member
    carries or works on something. The model has three scenarios: a lost subsidy,
    a workload shift and a price rise.

    Args:
        members: Number of members (>= 2).
        activities: Number of activities (>= 1).
        flows: Number of value flows.
        actors: Number of external actors (>= 1).
        seed: Random seed; the same arguments always give the same model.

    """
    if members < 2 or activities < 1 or actors < 1 or flows < 0:
        raise ValueError("need members >= 2, activities >= 1, actors >= 1, flows >= 0")
    rng = random.Random(seed)
    member_ids = [f"m{i:02d}" for i in range(members)]
    actor_ids = [f"actor{i:02d}" for i in range(actors)]
    shared = "commun"
    data_members = [
        {
            "id": m,
            "name": f"Structure {i + 1}",
            "legal_form": rng.choice(["association", "SCOP", "SCIC", "SAS ESUS"]),
            "hourly_cost_eur": round(rng.uniform(20, 38), 2),
            "capacity_hours": float(rng.choice([400, 800, 1200, 1600, 2400])),
        }
        for i, m in enumerate(member_ids)
    ]
    data_activities: list[dict[str, Any]] = []
    for j in range(activities):
        carrier = shared if j % 3 == 0 else member_ids[j % members]
        payers = [*actor_ids, "market"]
        revenues: list[dict[str, Any]] = [
            {
                "label": "Ventes",
                "quantity": float(rng.randint(100, 3000)),
                "unit_price_eur": round(rng.uniform(2, 40), 2),
                "kind": "sales",
            },
            {
                "label": "Subvention",
                "amount_eur": float(rng.randint(0, 20) * 1000),
                "from": rng.choice(actor_ids),
                "kind": "subsidy",
            },
        ]
        costs: list[dict[str, Any]] = [
            {"label": "Achats", "amount_eur": float(rng.randint(1, 40) * 500), "kind": "purchase"},
        ]
        if carrier == shared:
            buyer = rng.choice(member_ids)
            revenues.append(
                {
                    "label": "Prestation membre",
                    "amount_eur": float(rng.randint(1, 10) * 300),
                    "from": buyer,
                    "kind": "service",
                }
            )
            costs.append(
                {
                    "label": "Loyer",
                    "amount_eur": float(rng.randint(1, 12) * 250),
                    "to": rng.choice(member_ids),
                    "kind": "rent",
                }
            )
        else:
            revenues.append(
                {
                    "label": "Clients",
                    "amount_eur": float(rng.randint(1, 30) * 400),
                    "from": rng.choice(payers),
                    "kind": "sales",
                }
            )
            if rng.random() < 0.3:
                costs.append(
                    {
                        "label": "Usage du commun",
                        "amount_eur": float(rng.randint(1, 8) * 200),
                        "to": shared,
                        "kind": "service",
                    }
                )
        workers = rng.sample(member_ids, k=min(members, rng.randint(1, 4)))
        if carrier != shared and carrier not in workers:
            workers[0] = carrier
        work = []
        for m in workers:
            line: dict[str, Any] = {
                "member": m,
                "paid_hours": float(rng.randint(0, 30) * 10),
                "volunteer_hours": float(rng.randint(0, 10) * 5),
            }
            if line["paid_hours"] == 0 and line["volunteer_hours"] == 0:
                line["volunteer_hours"] = 10.0
            if line["paid_hours"] > 0 and m != carrier and rng.random() < 0.5:
                line["reimbursed"] = True
            work.append(line)
        data_activities.append(
            {
                "id": f"act{j:03d}",
                "name": f"Activité {j + 1}",
                "carrier": carrier,
                "revenues": revenues,
                "costs": costs,
                "work": work,
                "impacts": {
                    "jobs_fte": round(rng.uniform(0, 2), 2),
                    "people_reached": float(rng.randint(0, 500)),
                },
            }
        )
    parties = [*member_ids, shared]
    data_flows = []
    for k in range(flows):
        kind = rng.choice(["money", "in_kind", "intangible"])
        src = rng.choice([*parties, *actor_ids])
        dst = rng.choice([p for p in parties if p != src])
        flow: dict[str, Any] = {"from": src, "to": dst, "kind": kind, "label": f"Flux {k + 1}"}
        if kind != "intangible":
            flow["amount_eur"] = float(rng.randint(1, 40) * 100)
        data_flows.append(flow)
    shift_activity = next(a for a in data_activities if a["carrier"] == shared)
    shifted = shift_activity["work"][0]["member"]
    return {
        "bm3c": 1,
        "name": f"Coopération synthétique ({members} membres, {activities} activités)",
        "description": "Generated for tests and benchmarks; every figure is random.",
        "shared_entity": {
            "id": shared,
            "name": "Structure commune",
            "legal_form": "SCIC",
            "reserve_fraction": 0.575,
        },
        "members": data_members,
        "actors": [
            {"id": a, "name": f"Acteur {i + 1}", "kind": ACTOR_KINDS[i % 5]}
            for i, a in enumerate(actor_ids)
        ],
        "activities": data_activities,
        "flows": data_flows,
        "sharing": {"surplus": "by_hours", "deficit": "equal"},
        "indicators": [
            {
                "id": "jobs_fte",
                "label_fr": "Emplois (ETP)",
                "label_en": "Jobs (FTE)",
                "unit": "FTE",
            },
            {
                "id": "people_reached",
                "label_fr": "Personnes touchées",
                "label_en": "People reached",
                "unit": "people",
            },
        ],
        "scenarios": [
            {
                "id": "sans-subventions",
                "name": "Sans subventions",
                "changes": [{"set": "activities.*.revenues.Subvention.amount_eur", "value": 0}],
            },
            {
                "id": "glissement",
                "name": "Glissement de charge",
                "changes": [
                    {
                        "set": f"activities.{shift_activity['id']}.work.{shifted}.paid_hours",
                        "value": 0,
                    },
                    {"scale": "activities.*.work.*.volunteer_hours", "by": 1.5},
                ],
            },
            {
                "id": "prix-plus-10",
                "name": "Prix +10 %",
                "changes": [{"scale": "activities.*.revenues.*.unit_price_eur", "by": 1.1}],
            },
        ],
    }


def synthetic_plan(
    members: int = 30,
    activities: int = 200,
    flows: int = 300,
    actors: int = 12,
    seed: int = 0,
    years: int = 5,
    investments: int = 20,
) -> dict[str, Any]:
    """Plain data of a valid, made-up plan over ``years`` years (DOMAIN Part 3).

    The cooperation of :func:`synthetic_cooperation` (same arguments, same figures in
    its first year) made a plan from 2027: sales ramp up or fall year by year, about a
    third of the subsidies change each year, hourly costs rise, some work varies;
    about a quarter of the lines and money flows are paid at given months (some in
    the next year, a few after the plan); ``investments`` investments with grants;
    opening cash for every member and the shared entity.
    """
    if not 1 <= years <= 10:
        raise ValueError("need 1 <= years <= 10")
    data = synthetic_cooperation(members, activities, flows, actors, seed)
    rng = random.Random(f"plan-{seed}")
    data["plan"] = {"start_year": 2027, "years": years}

    def grow(value: float, rate: float) -> list[float]:
        return [round(value * (1 + rate) ** y, 2) for y in range(years)]

    def timing() -> dict[str, Any] | list[dict[str, Any]]:
        if rng.random() < 0.5:
            return {"month": rng.randint(1, 12)}
        late = rng.randint(3, 12)
        return [{"month": late, "fraction": 0.7}, {"month": late + 12, "fraction": 0.3}]

    for m in data["members"]:
        m["hourly_cost_eur"] = grow(m["hourly_cost_eur"], 0.02)
    for a in data["activities"]:
        for line in a["revenues"]:
            if "quantity" in line:
                line["quantity"] = grow(line["quantity"], rng.uniform(-0.1, 0.3))
            elif line["kind"] == "subsidy" and rng.random() < 0.33:
                line["amount_eur"] = [
                    line["amount_eur"] * rng.choice((0, 1, 1, 1.5)) for _ in range(years)
                ]
            if rng.random() < 0.25:
                line["paid"] = timing()
        for line in a["costs"]:
            if rng.random() < 0.25:
                line["paid"] = timing()
        for w in a["work"]:
            if rng.random() < 0.3:
                w["volunteer_hours"] = grow(w["volunteer_hours"], rng.uniform(0, 0.2))
    for f in data["flows"]:
        if f["kind"] == "money" and rng.random() < 0.25:
            f["paid"] = timing()
    member_ids = [m["id"] for m in data["members"]]
    shared = data["shared_entity"]["id"]
    actor_ids = [a["id"] for a in data["actors"]]
    data["investments"] = [
        {
            "id": f"investissement-{i:02d}",
            "carrier": rng.choice([shared, *member_ids]),
            "label": f"Équipement {i + 1}",
            "amount_eur": float(rng.randint(2, 60) * 1000),
            "year": rng.randint(1, years),
            "month": rng.randint(1, 12),
            "lifetime_years": rng.choice((3, 5, 8, 10)),
            "grant_eur": float(rng.randint(0, 20) * 500),
            "from": rng.choice(actor_ids),
        }
        for i in range(investments)
    ]
    data["opening_cash_eur"] = {p: float(rng.randint(0, 40) * 1000) for p in (*member_ids, shared)}
    return data
