"""Hypothesis strategies drawing plain-data cooperations that are valid by construction.

Money is drawn as integers or multiples of 0.25 (exact binary fractions), so that
sums are exact and the float noise of a comparison stays far below a cent.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from bm3c.synthetic import synthetic_cooperation

__all__ = [
    "ACTOR_KINDS",
    "MONEY_RULES",
    "any_cooperations",
    "cooperations",
    "ids",
    "plan_of",
    "plans",
    "synthetic_cooperations",
]

MONEY_RULES = ("equal", "by_hours", "by_paid_hours", "by_contribution", "by_usage", "by_weights")
ACTOR_KINDS = ("customer", "funder", "supplier", "public", "other")
REVENUE_KINDS = ("sales", "service", "subsidy", "donation", "membership", "rent", "other")
COST_KINDS = ("purchase", "service", "rent", "subcontracting", "energy", "fee", "other")
LABELS = (
    "Ventes",
    "Subvention",
    "Subv. Métropole",
    "Loyer",
    "Achats",
    "Cotisation",
    "Prestation membre",
    "Énergie",
    "a.b.c",
    "x",
)

ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,9}", fullmatch=True).filter(lambda s: s != "market")
"""A valid id (lowercase slug), never the reserved 'market'."""

labels = st.one_of(st.sampled_from(LABELS), st.text(min_size=1, max_size=12))


def _quarters(low: int, high: int) -> st.SearchStrategy[float]:
    """Multiples of 0.25 between low and high (exact in binary floating point)."""
    return st.integers(low * 4, high * 4).map(lambda q: q / 4)


def money(high: int = 100_000) -> st.SearchStrategy[int | float]:
    """A non-negative amount: an integer or a multiple of 0.25."""
    return st.one_of(st.integers(0, high), _quarters(0, high))


def positive_hours(high: int = 2_000) -> st.SearchStrategy[int | float]:
    """Hours above 0: an integer or a multiple of 0.5."""
    return st.one_of(st.integers(1, high), st.integers(1, 2 * high).map(lambda h: h / 2))


def chance(times: int, out_of: int) -> st.SearchStrategy[bool]:
    """True ``times`` times out of ``out_of`` (unlike integers, not biased to the bounds)."""
    return st.sampled_from([True] * times + [False] * (out_of - times))


def policies() -> st.SearchStrategy[str | int | float]:
    """One side's ``apart`` policy: keep, drop, or a market amount."""
    return st.one_of(st.sampled_from(("keep", "drop")), money(20_000))


@st.composite
def _apart(draw: st.DrawFn) -> dict[str, Any]:
    """An ``apart`` with either side, both or none written."""
    apart: dict[str, Any] = {}
    for side in ("payer", "payee"):
        if draw(st.booleans()):
            apart[side] = draw(policies())
    return apart


@st.composite
def _line(
    draw: st.DrawFn, label: str, side: str, counterparties: list[str], inside: list[str]
) -> dict[str, Any]:
    line: dict[str, Any] = {"label": label}
    if draw(st.booleans()):
        line["amount_eur"] = draw(money())
    else:
        line["quantity"] = draw(st.one_of(st.integers(0, 5_000), _quarters(0, 500)))
        line["unit_price_eur"] = draw(money(500))
    key = "from" if side == "revenues" else "to"
    other = draw(st.one_of(st.none(), st.sampled_from(counterparties)))
    if other is not None:
        line[key] = other
    if draw(st.booleans()):
        line["kind"] = draw(st.sampled_from(REVENUE_KINDS if side == "revenues" else COST_KINDS))
    if other in inside and draw(chance(1, 3)):
        line["apart"] = draw(_apart())
    return line


@st.composite
def _work_line(draw: st.DrawFn, member: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(("paid", "volunteer", "both")))
    line: dict[str, Any] = {"member": member}
    if kind in ("paid", "both"):
        line["paid_hours"] = draw(positive_hours())
        if draw(st.booleans()):
            line["reimbursed"] = True
        elif draw(st.booleans()):
            line["reimbursed"] = False
    elif draw(st.booleans()):
        line["paid_hours"] = 0
    if kind in ("volunteer", "both"):
        line["volunteer_hours"] = draw(positive_hours(500))
    elif draw(st.booleans()):
        line["volunteer_hours"] = 0.0
    if draw(chance(1, 4)):
        line["apart"] = draw(st.sampled_from(("replace", "drop")))
    if draw(chance(1, 4)):
        line["replacement_hourly_cost_eur"] = draw(_quarters(0, 60))
    return line


@st.composite
def _activity(
    draw: st.DrawFn,
    ident: str,
    carriers: list[str],
    members: list[str],
    parties: list[str],
) -> dict[str, Any]:
    # the shared entity (last of carriers) carries about half of the activities
    carrier = draw(st.one_of(st.just(carriers[-1]), st.sampled_from(carriers)))
    counterparties = [p for p in parties if p != carrier]
    activity: dict[str, Any] = {"id": ident, "name": f"Activité {ident}", "carrier": carrier}
    for side in ("revenues", "costs"):
        side_labels = draw(st.lists(labels, max_size=3, unique=True))
        if side_labels or draw(st.booleans()):
            activity[side] = [draw(_line(lb, side, counterparties, carriers)) for lb in side_labels]
    workers = draw(st.lists(st.sampled_from(members), unique=True, max_size=len(members)))
    if workers or draw(st.booleans()):
        activity["work"] = [draw(_work_line(m)) for m in workers]
    if draw(chance(1, 4)):
        activity["requires"] = draw(
            st.lists(st.sampled_from(members), unique=True, min_size=1, max_size=len(members))
        )
    if draw(chance(1, 3)):
        activity["impacts"] = draw(
            st.dictionaries(
                st.sampled_from(("jobs_fte", "tonnes_reused", "visitors")),
                st.integers(-10, 1_000).map(float),
                max_size=2,
            )
        )
    return activity


@st.composite
def _flow(draw: st.DrawFn, label: str, parties: list[str], inside: list[str]) -> dict[str, Any]:
    source = draw(st.sampled_from(parties))
    targets = [p for p in parties if p != source]
    if source not in inside:
        targets = [p for p in targets if p in inside]
    # flows to the shared entity (last of inside) feed the by_contribution key
    to_shared = inside[-1] in targets and draw(st.booleans())
    target = inside[-1] if to_shared else draw(st.sampled_from(targets))
    kind = draw(st.sampled_from(("money", "in_kind", "intangible")))
    flow: dict[str, Any] = {"from": source, "to": target, "kind": kind, "label": label}
    if kind != "intangible" or draw(st.booleans()):
        flow["amount_eur"] = draw(money(20_000))
    if source in inside and target in inside and draw(chance(1, 3)):
        flow["apart"] = draw(_apart())
    outside = {source, target} - set(inside)
    if inside[-1] in (source, target) and outside and draw(chance(1, 3)):
        flow["requires"] = draw(
            st.lists(st.sampled_from(inside[:-1]), unique=True, min_size=1, max_size=3)
        )
    return flow


@st.composite
def _sharing(draw: st.DrawFn, member_ids: list[str]) -> dict[str, Any] | None:
    if not draw(chance(9, 10)):
        return None
    sharing: dict[str, Any] = {}
    for side in ("surplus", "deficit"):
        if draw(chance(9, 10)):
            sharing[side] = draw(st.sampled_from(MONEY_RULES))
    if "by_weights" in sharing.values() or draw(chance(1, 6)):
        weights = {m: draw(st.integers(0, 5)) for m in member_ids}
        if not any(weights.values()):
            weights[draw(st.sampled_from(member_ids))] = draw(st.integers(1, 5))
        sharing["weights"] = weights
    return sharing


@st.composite
def cooperations(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data of a valid cooperation: 2-6 members, 0-3 actors, 1-8 activities.

    Lines name a member, the shared entity, an actor, 'market' or nobody as their
    counterparty (never the activity's own carrier); work lines hold some hours;
    flows join distinct parties, at least one inside; sharing uses every money
    rule, with weights for every member (not all zero) when by_weights is used.
    """
    n_members = draw(st.integers(2, 6))
    n_actors = draw(st.integers(0, 3))
    n_activities = draw(st.integers(1, 8))
    all_ids = draw(
        st.lists(
            ids,
            min_size=n_members + 1 + n_actors + n_activities,
            max_size=n_members + 1 + n_actors + n_activities,
            unique=True,
        )
    )
    member_ids = all_ids[:n_members]
    shared = all_ids[n_members]
    actor_ids = all_ids[n_members + 1 : n_members + 1 + n_actors]
    activity_ids = all_ids[n_members + 1 + n_actors :]
    inside = [*member_ids, shared]
    parties = [*inside, *actor_ids, "market"]
    # drawn early: hypothesis draws late choices of a large example more plainly
    sharing = draw(_sharing(member_ids))

    data: dict[str, Any] = {"bm3c": 1, "name": draw(st.text(min_size=1, max_size=20))}
    if draw(st.booleans()):
        data["volunteer_hour_value_eur"] = draw(_quarters(0, 30))
    if draw(chance(1, 3)):
        data["replacement_hourly_cost_eur"] = draw(_quarters(0, 60))
    shared_entity: dict[str, Any] = {"id": shared, "name": "Commun"}
    if draw(chance(4, 5)):
        shared_entity["reserve_fraction"] = draw(
            st.one_of(
                st.sampled_from((0.0, 0.25, 0.5, 0.575, 1.0)),
                st.integers(0, 20).map(lambda i: i / 20),
            )
        )
    data["shared_entity"] = shared_entity

    members = []
    for m in member_ids:
        member: dict[str, Any] = {
            "id": m,
            "name": f"Membre {m}",
            "hourly_cost_eur": draw(st.one_of(st.integers(0, 60), _quarters(0, 60))),
        }
        if draw(st.booleans()):
            member["capacity_hours"] = draw(st.integers(0, 4_000))
        if draw(chance(1, 4)):
            member["volunteer_hour_value_eur"] = draw(_quarters(0, 40))
        members.append(member)
    data["members"] = members

    if actor_ids or draw(st.booleans()):
        data["actors"] = [
            {"id": a, "name": f"Acteur {a}", "kind": draw(st.sampled_from(ACTOR_KINDS))}
            for a in actor_ids
        ]
    flow_labels = draw(st.lists(labels, max_size=5, unique=True))
    flows = [draw(_flow(lb, parties, inside)) for lb in flow_labels]
    data["activities"] = [draw(_activity(a, inside, member_ids, parties)) for a in activity_ids]
    if flows or draw(st.booleans()):
        data["flows"] = flows

    if sharing is not None:
        data["sharing"] = sharing

    return data


@st.composite
def synthetic_cooperations(draw: st.DrawFn) -> dict[str, Any]:
    """Plain data of a small ``bm3c.synthetic`` cooperation (with its three scenarios)."""
    return synthetic_cooperation(
        members=draw(st.integers(2, 6)),
        activities=draw(st.integers(1, 8)),
        flows=draw(st.integers(0, 6)),
        actors=draw(st.integers(1, 3)),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


def any_cooperations() -> st.SearchStrategy[dict[str, Any]]:
    """Drawn cooperations, and one time in four a synthetic one."""
    return st.sampled_from((False, False, False, True)).flatmap(
        lambda synthetic: synthetic_cooperations() if synthetic else cooperations()
    )


#: The cooperation's volunteer hour value when the file gives none.
DEFAULT_VOLUNTEER_HOUR_VALUE = 12.02


def scaled(data: dict[str, Any], k: float) -> dict[str, Any]:
    """Every money amount, price, hourly cost and hour value times k (scenarios left out).

    Market amounts of ``apart`` policies and replacement prices included: every
    result, alone and in any group, is then k times the original.
    """
    out = copy.deepcopy(data)
    out.pop("scenarios", None)
    out["volunteer_hour_value_eur"] = (
        float(data.get("volunteer_hour_value_eur", DEFAULT_VOLUNTEER_HOUR_VALUE)) * k
    )
    if out.get("replacement_hourly_cost_eur") is not None:
        out["replacement_hourly_cost_eur"] *= k
    for m in out["members"]:
        m["hourly_cost_eur"] = m["hourly_cost_eur"] * k
        if "volunteer_hour_value_eur" in m:
            m["volunteer_hour_value_eur"] = m["volunteer_hour_value_eur"] * k
    for a in out.get("activities", []):
        for line in [*a.get("revenues", []), *a.get("costs", [])]:
            _scale_line(line, k)
        for w in a.get("work", []):
            if w.get("replacement_hourly_cost_eur") is not None:
                w["replacement_hourly_cost_eur"] *= k
    for f in out.get("flows", []):
        _scale_line(f, k)
    return out


def _scale_line(line: dict[str, Any], k: float) -> None:
    for key in ("amount_eur", "unit_price_eur"):
        if key in line:
            line[key] = line[key] * k
    for side, policy in (line.get("apart") or {}).items():
        if not isinstance(policy, str):
            line["apart"][side] = policy * k


# --- the plan over time (DOMAIN Part 3) ----------------------------------------------------

YEARLY_LINE_FIELDS = ("amount_eur", "quantity", "unit_price_eur")
YEARLY_WORK_FIELDS = ("paid_hours", "volunteer_hours", "replacement_hourly_cost_eur")
#: Factors of a yearly list: halves and doubles keep money an exact binary fraction.
YEAR_FACTORS = (0.0, 0.5, 1.0, 1.0, 2.0)


@st.composite
def _yearly(draw: st.DrawFn, value: float, years: int, constant: bool) -> list[float]:
    """``value`` as one number per year: the same every year, or times 0, ½, 1 or 2
    (never 0 every year, so that a work line keeps some hours in some year)."""
    if constant:
        return [value] * years
    factors = draw(st.lists(st.sampled_from(YEAR_FACTORS), min_size=years, max_size=years))
    if not any(factors):
        factors[draw(st.integers(0, years - 1))] = 1.0
    return [value * f for f in factors]


@st.composite
def _payments(draw: st.DrawFn, years: int) -> dict[str, Any] | list[dict[str, Any]]:
    """A ``paid``: one month, or 2-4 fractions in eighths (exact) over up to the plan
    and two more years, so that some fall after the plan."""
    last = 12 * (years + 2)
    if draw(st.booleans()):
        return {"month": draw(st.integers(1, last))}
    count = draw(st.integers(2, 4))
    cuts = sorted(
        draw(st.lists(st.integers(1, 7), min_size=count - 1, max_size=count - 1, unique=True))
    )
    eighths = [b - a for a, b in zip([0, *cuts], [*cuts, 8], strict=True)]
    months = draw(st.lists(st.integers(1, last), min_size=count, max_size=count))
    return [{"month": m, "fraction": e / 8} for m, e in zip(months, eighths, strict=True)]


def _yearly_parts(data: dict[str, Any]) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """Each part of plain data holding yearly numbers, with the names of those numbers."""
    parts: list[tuple[dict[str, Any], tuple[str, ...]]] = [
        (m, ("hourly_cost_eur", "capacity_hours")) for m in data["members"]
    ]
    for a in data.get("activities", []):
        parts += [(line, YEARLY_LINE_FIELDS) for line in a.get("revenues", [])]
        parts += [(line, YEARLY_LINE_FIELDS) for line in a.get("costs", [])]
        parts += [(w, YEARLY_WORK_FIELDS) for w in a.get("work", [])]
    parts += [(f, ("amount_eur",)) for f in data.get("flows", [])]
    return parts


@st.composite
def plan_of(
    draw: st.DrawFn,
    data: dict[str, Any],
    years: int,
    constant: bool = False,
    investments: bool = True,
    timing: bool = True,
) -> dict[str, Any]:
    """``data`` made a plan of ``years`` years from 2027: some numbers given per year
    (the same every year when ``constant``), payment timings on some lines and money
    flows, investments with grants, opening cash, the month shares are paid, and a
    scenario setting a member's hourly cost per year and scaling every hourly cost."""
    out = copy.deepcopy(data)
    out["plan"] = {"start_year": 2027, "years": years}
    for part, names in _yearly_parts(out):
        for name in names:
            if part.get(name) is not None and draw(chance(1, 2)):
                part[name] = draw(_yearly(float(part[name]), years, constant))
    if draw(chance(1, 3)) and out.get("replacement_hourly_cost_eur") is not None:
        out["replacement_hourly_cost_eur"] = draw(
            _yearly(float(out["replacement_hourly_cost_eur"]), years, constant)
        )
    inside = [*(m["id"] for m in out["members"]), out["shared_entity"]["id"]]
    if timing:
        lines = [
            line
            for a in out.get("activities", [])
            for line in [*a.get("revenues", []), *a.get("costs", [])]
        ]
        flows = [f for f in out.get("flows", []) if f["kind"] == "money"]
        for line in [*lines, *flows]:
            if draw(chance(1, 3)):
                line["paid"] = draw(_payments(years))
        if draw(chance(1, 2)):
            out.setdefault("sharing", {})["paid_month"] = draw(st.integers(1, 12))
    if investments:
        grantors = [*(a["id"] for a in out.get("actors", [])), "market"]
        bought = []
        for i in range(draw(st.integers(0, 3))):
            carrier = draw(st.sampled_from(inside))
            investment: dict[str, Any] = {
                "id": f"investment-{i}",
                "carrier": carrier,
                "label": f"Investissement {i + 1}",
                "amount_eur": draw(money(50_000)),
                "year": draw(st.integers(1, years)),
                "lifetime_years": draw(st.integers(1, 12)),
            }
            if draw(chance(1, 2)):
                investment["month"] = draw(st.integers(1, 12))
            if draw(chance(2, 3)):
                investment["grant_eur"] = draw(money(30_000))
                investment["from"] = draw(st.sampled_from(grantors))
                if draw(chance(1, 3)):
                    investment["grant_paid"] = draw(_payments(years))
            bought.append(investment)
        if bought:
            out["investments"] = bought
    if draw(chance(1, 2)):  # a scenario giving a value per year, and a scale of lists
        member = draw(st.sampled_from(out["members"]))["id"]
        costs = draw(st.lists(_quarters(0, 60), min_size=years, max_size=years))
        costs = [costs[0]] * years if constant else costs
        changes = [
            {"set": f"members.{member}.hourly_cost_eur", "value": costs},
            {"scale": "members.*.hourly_cost_eur", "by": draw(st.sampled_from((0.5, 2.0)))},
        ]
        scenario = {"id": "plan-scenario", "name": "Plan", "changes": changes}
        out["scenarios"] = [*out.get("scenarios", []), scenario]
    opening = {p: draw(money(50_000)) for p in inside if draw(chance(1, 2))}
    if opening:
        out["opening_cash_eur"] = opening
    return out


@st.composite
def plans(
    draw: st.DrawFn, constant: bool = False, investments: bool = True, timing: bool = True
) -> dict[str, Any]:
    """Plain data of a valid plan of 1 to 4 years from a drawn cooperation."""
    data = draw(any_cooperations())
    years = draw(st.integers(1, 4))
    return draw(plan_of(data, years, constant, investments, timing))
