"""The invariants of DOMAIN.md, held on every drawn cooperation (hypothesis).

Each test draws plain data from :mod:`tests.strategies`, validates it and checks
one invariant of the accounting rules. Money is compared with an absolute
tolerance proportional to the model's gross money (1e-9 of it), far below a cent.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bm3c.engine.evaluate import Evaluation, evaluate
from bm3c.engine.ledger import compile_ledger
from bm3c.engine.variants import evaluate_work_variants, random_work_splits
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from tests.strategies import any_cooperations, ids, scaled

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REL = 1e-9
DEFAULT_VOLUNTEER_HOUR_VALUE = 12.02
Data = dict[str, Any]


# --- helpers -------------------------------------------------------------------------


def _line_total(line: Data) -> float:
    if "amount_eur" in line:
        return float(line["amount_eur"])
    return float(line["quantity"]) * float(line["unit_price_eur"])


def gross_money(data: Data) -> float:
    """Sum of the absolute value of every money figure of the model (for tolerances)."""
    cost = {m["id"]: float(m["hourly_cost_eur"]) for m in data["members"]}
    default = float(data.get("volunteer_hour_value_eur", DEFAULT_VOLUNTEER_HOUR_VALUE))
    value = {m["id"]: float(m.get("volunteer_hour_value_eur", default)) for m in data["members"]}
    total = 0.0
    for a in data.get("activities", []):
        total += sum(_line_total(x) for x in [*a.get("revenues", []), *a.get("costs", [])])
        for w in a.get("work", []):
            total += float(w.get("paid_hours", 0)) * cost[w["member"]]
            total += float(w.get("volunteer_hours", 0)) * value[w["member"]]
    total += sum(float(f.get("amount_eur", 0)) for f in data.get("flows", []))
    return total


def tolerance(data: Data, factor: float = 1.0) -> float:
    """Absolute tolerance for money figures of ``data`` (scaled by ``factor``)."""
    return REL * (1.0 + gross_money(data)) * max(1.0, factor)


def numbers(ev: Evaluation) -> dict[tuple[str, str, str], float]:
    """Every number of an evaluation, keyed by (scope, entity id, field)."""
    out: dict[tuple[str, str, str], float] = {}

    def put(scope: str, entity: str, obj: Any) -> None:
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            out[(scope, entity, f.name)] = float(value)

    for m in ev.members:
        put("member", m.id, m)
    for a in ev.activities:
        put("activity", a.id, a)
    put("shared_entity", "", ev.shared_entity)
    put("collective", "", ev.collective)
    for key, total in ev.impacts.collective.items():
        out[("impact", "", key)] = total
    for key, per in ev.impacts.by_carrier.items():
        for carrier, total in per.items():
            out[("impact", carrier, key)] = total
    return out


def is_money(field: str) -> bool:
    """True for a money figure (scales with amounts), False for hours and ratios."""
    return field.endswith("_eur")


def assert_close(actual: float, expected: float, tol: float, what: object = "") -> None:
    assert actual == pytest.approx(expected, abs=tol, rel=0), what


def model(data: Data) -> Cooperation:
    return validate_cooperation(data)


def without_scenarios(data: Data) -> Data:
    out = copy.deepcopy(data)
    out.pop("scenarios", None)
    return out


# --- Σ shares = D, reserve, gain -------------------------------------------------------


@PROPERTY
@given(any_cooperations())
def test_shares_sum_to_the_distributable_result(data: Data) -> None:
    ev = evaluate(model(data))
    tol = tolerance(data)
    se = ev.shared_entity
    assert_close(sum(m.shared_share_eur for m in ev.members), se.distributed_eur, tol)
    # each share has the sign of D: the money rules' keys are never negative
    for m in ev.members:
        assert m.shared_share_eur * se.distributed_eur >= -tol * tol, m.id
        assert abs(m.shared_share_eur) <= abs(se.distributed_eur) + tol, m.id


@PROPERTY
@given(any_cooperations())
def test_reserve_is_a_fraction_of_a_positive_result_and_zero_otherwise(data: Data) -> None:
    coop = model(data)
    se = evaluate(coop).shared_entity
    tol = tolerance(data)
    fraction = coop.shared_entity.reserve_fraction
    assert se.reserve_eur >= 0
    if se.result_eur <= 0:
        assert se.reserve_eur == 0
        assert se.distributed_eur == se.result_eur
    else:
        assert_close(se.reserve_eur, fraction * se.result_eur, tol)
        assert_close(se.distributed_eur, se.result_eur - se.reserve_eur, tol)
        assert se.reserve_eur <= se.result_eur + tol


@PROPERTY
@given(any_cooperations())
def test_gain_is_cash_minus_stand_alone(data: Data) -> None:
    ev = evaluate(model(data))
    tol = tolerance(data)
    for m in ev.members:
        assert_close(
            m.gain_from_cooperation_eur, m.cash_result_eur - m.stand_alone_result_eur, tol, m.id
        )
    assert ev.everyone_gains == all(m.gain_from_cooperation_eur >= -0.005 for m in ev.members)


# --- consolidation --------------------------------------------------------------------


def external_figures(data: Data) -> tuple[float, float, float]:
    """External revenue, external cost and all staff costs, straight from the file data."""
    inside = {m["id"] for m in data["members"]} | {data["shared_entity"]["id"]}
    cost = {m["id"]: float(m["hourly_cost_eur"]) for m in data["members"]}
    revenue = spent = staff = 0.0
    for a in data.get("activities", []):
        for line in a.get("revenues", []):
            if line.get("from", "market") not in inside:
                revenue += _line_total(line)
        for line in a.get("costs", []):
            if line.get("to", "market") not in inside:
                spent += _line_total(line)
        for w in a.get("work", []):
            staff += float(w.get("paid_hours", 0)) * cost[w["member"]]
    for f in data.get("flows", []):
        if f["kind"] != "money":
            continue
        if f["from"] not in inside:
            revenue += float(f["amount_eur"])
        elif f["to"] not in inside:
            spent += float(f["amount_eur"])
    return revenue, spent, staff


@PROPERTY
@given(any_cooperations())
def test_internal_moves_cancel_in_the_consolidation(data: Data) -> None:
    ev = evaluate(model(data))
    tol = tolerance(data)
    col = ev.collective
    revenue, spent, staff = external_figures(data)
    assert_close(col.external_revenue_eur, revenue, tol, "external revenue")
    assert_close(col.external_cost_eur, spent, tol, "external cost")
    assert_close(col.staff_cost_eur, staff, tol, "staff cost")
    assert_close(col.result_eur, revenue - spent - staff, tol, "collective result")
    cash = sum(m.cash_result_eur for m in ev.members)
    assert_close(col.result_eur, cash + ev.shared_entity.reserve_eur, tol, "Σ cash + reserve")


# --- rules 1-8 recomputed independently ---------------------------------------------


BOUGHT = {
    "sales",
    "service",
    "rent",
    "purchase",
    "subcontracting",
    "energy",
    "insurance",
    "transport",
}


def _alone(line: Data, side: str, amount: float, kind: str | None) -> float:
    """DOMAIN Part 2: what one side keeps of a line with an absent insider."""
    policy = (line.get("apart") or {}).get(side)
    if policy is None:
        policy = "keep" if side == "payer" and kind in BOUGHT else "drop"
    return {"keep": amount, "drop": 0.0}.get(policy, policy)  # type: ignore[arg-type]


def reference_accounts(data: Data) -> dict[tuple[str, str, str], float]:
    """DOMAIN's accounting rules 1-8 and Part 2's alone result, line by line from the data."""
    members = [m["id"] for m in data["members"]]
    shared = data["shared_entity"]["id"]
    inside = {*members, shared}
    cost = {m["id"]: float(m["hourly_cost_eur"]) for m in data["members"]}
    default = float(data.get("volunteer_hour_value_eur", DEFAULT_VOLUNTEER_HOUR_VALUE))
    vvalue = {m["id"]: float(m.get("volunteer_hour_value_eur", default)) for m in data["members"]}
    cash = dict.fromkeys([*members, shared], 0.0)
    stand_alone = dict.fromkeys(members, 0.0)
    economic_extra = dict.fromkeys(members, 0.0)
    hours_key = dict.fromkeys(members, 0.0)
    paid_key = dict.fromkeys(members, 0.0)
    contribution = dict.fromkeys(members, 0.0)
    usage = dict.fromkeys(members, 0.0)
    out: dict[tuple[str, str, str], float] = {}
    for a in data.get("activities", []):
        carrier = a["carrier"]
        revenue = spent = staff = 0.0
        for line in a.get("revenues", []):
            amount = _line_total(line)
            revenue += amount
            cash[carrier] += amount
            payer = line.get("from", "market")
            kind = line.get("kind", "other")
            if payer in inside:
                cash[payer] -= amount
                if carrier == shared:
                    usage[payer] += amount
                if carrier != shared:
                    stand_alone[carrier] += _alone(line, "payee", amount, kind)
                if payer != shared:
                    stand_alone[payer] -= _alone(line, "payer", amount, kind)
            elif carrier != shared:
                stand_alone[carrier] += amount
        for line in a.get("costs", []):
            amount = _line_total(line)
            spent += amount
            cash[carrier] -= amount
            payee = line.get("to", "market")
            kind = line.get("kind", "other")
            if payee in inside:
                cash[payee] += amount
                if payee == shared:
                    usage[carrier] += amount
                if carrier != shared:
                    stand_alone[carrier] -= _alone(line, "payer", amount, kind)
                if payee != shared:
                    stand_alone[payee] += _alone(line, "payee", amount, kind)
            elif carrier != shared:
                stand_alone[carrier] -= amount
        for w in a.get("work", []):
            m = w["member"]
            paid, vol = float(w.get("paid_hours", 0)), float(w.get("volunteer_hours", 0))
            hc = paid * cost[m]
            staff += hc
            cash[m] -= hc
            if m == carrier:
                stand_alone[m] -= hc
            elif carrier != shared and w.get("apart", "replace") == "replace":
                rate = w.get("replacement_hourly_cost_eur")
                rate = data.get("replacement_hourly_cost_eur") if rate is None else rate
                rate = cost[m] if rate is None else float(rate)
                stand_alone[carrier] -= (paid + vol) * rate
            if m == carrier:
                pass
            elif w.get("reimbursed", False):
                cash[m] += hc
                cash[carrier] -= hc
            elif carrier != shared:
                economic_extra[carrier] += hc
            if carrier == shared:
                hours_key[m] += paid + vol
                paid_key[m] += paid
                contribution[m] += hc + vol * vvalue[m]
        out[("activity", a["id"], "revenue_eur")] = revenue
        out[("activity", a["id"], "cost_eur")] = spent
        out[("activity", a["id"], "staff_cost_eur")] = staff
        out[("activity", a["id"], "result_eur")] = revenue - spent - staff
    for f in data.get("flows", []):
        amount = float(f.get("amount_eur", 0))
        if f["kind"] == "money":
            if f["from"] in inside:
                cash[f["from"]] -= amount
            if f["to"] in inside:
                cash[f["to"]] += amount
            both = f["from"] in inside and f["to"] in inside
            if f["from"] in members:
                stand_alone[f["from"]] -= _alone(f, "payer", amount, None) if both else amount
            if f["to"] in members:
                stand_alone[f["to"]] += _alone(f, "payee", amount, None) if both else amount
        if f["kind"] == "in_kind":
            if f["from"] in members:
                economic_extra[f["from"]] -= amount
            if f["to"] in members:
                economic_extra[f["to"]] += amount
        if f["kind"] in ("money", "in_kind") and f["to"] == shared and f["from"] in members:
            contribution[f["from"]] += amount

    result = cash[shared]
    fraction = float(data["shared_entity"].get("reserve_fraction", 0.0))
    reserve = fraction * result if result > 0 else 0.0
    distributable = result - reserve
    sharing = data.get("sharing", {})
    rule = sharing.get("surplus" if result > 0 else "deficit", "equal")
    weights = sharing.get("weights", {})
    key = {
        "equal": dict.fromkeys(members, 1.0),
        "by_hours": hours_key,
        "by_paid_hours": paid_key,
        "by_contribution": contribution,
        "by_usage": usage,
        "by_weights": {m: float(weights.get(m, 0)) for m in members},
    }[rule]
    total = sum(key.values())
    if total <= 0:
        key, total = dict.fromkeys(members, 1.0), float(len(members))
    out[("shared_entity", "", "result_eur")] = result
    out[("shared_entity", "", "reserve_eur")] = reserve
    out[("shared_entity", "", "distributed_eur")] = distributable
    for m in members:
        share = distributable * key[m] / total
        out[("member", m, "shared_share_eur")] = share
        out[("member", m, "cash_result_eur")] = cash[m] + share
        out[("member", m, "stand_alone_result_eur")] = stand_alone[m]
        out[("member", m, "economic_result_eur")] = cash[m] + share + economic_extra[m]
    return out


@settings(PROPERTY, max_examples=300)
@given(any_cooperations())
def test_accounts_follow_the_rules_line_by_line(data: Data) -> None:
    got = numbers(evaluate(model(data)))
    tol = tolerance(data)
    for key, expected in reference_accounts(data).items():
        # a result of about zero may tip either way between the surplus and deficit rule
        assert_close(got[key], expected, tol, key)


# --- scaling --------------------------------------------------------------------------


factors = st.one_of(
    st.sampled_from((0.1, 0.25, 0.5, 2.0, 3.0, 1000.0)),
    st.floats(min_value=0.01, max_value=100.0, allow_nan=False, allow_infinity=False),
)


@PROPERTY
@given(any_cooperations(), factors)
def test_scaling_every_amount_scales_every_result(data: Data, k: float) -> None:
    base = numbers(evaluate(model(data)))
    after = numbers(evaluate(model(scaled(data, k))))
    assert after.keys() == base.keys()
    tol = tolerance(data, k)
    for key, value in base.items():
        expected = value * k if is_money(key[2]) else value
        assert_close(after[key], expected, tol, key)


# --- renaming and reordering ----------------------------------------------------------


def renamed(data: Data, new: dict[str, str]) -> Data:
    """The same model with every id renamed through ``new``, wherever it is used."""
    out = without_scenarios(data)

    def r(ident: str) -> str:
        return new.get(ident, ident)

    out["shared_entity"]["id"] = r(out["shared_entity"]["id"])
    for part in ("members", "actors"):
        for item in out.get(part, []):
            item["id"] = r(item["id"])
    for a in out.get("activities", []):
        a["id"], a["carrier"] = r(a["id"]), r(a["carrier"])
        for line in a.get("revenues", []):
            if "from" in line:
                line["from"] = r(line["from"])
        for line in a.get("costs", []):
            if "to" in line:
                line["to"] = r(line["to"])
        for w in a.get("work", []):
            w["member"] = r(w["member"])
        if "requires" in a:
            a["requires"] = [r(m) for m in a["requires"]]
    for f in out.get("flows", []):
        f["from"], f["to"] = r(f["from"]), r(f["to"])
        if "requires" in f:
            f["requires"] = [r(m) for m in f["requires"]]
    weights = out.get("sharing", {}).get("weights")
    if weights is not None:
        out["sharing"]["weights"] = {r(m): w for m, w in weights.items()}
    return out


def reordered(data: Data, rnd: random.Random) -> Data:
    """The same model with every list (and the weights) in another order."""
    out = without_scenarios(data)

    def shuffle(container: Data, key: str) -> None:
        if key in container:
            items = list(container[key])
            rnd.shuffle(items)
            container[key] = items

    for key in ("members", "actors", "activities", "flows"):
        shuffle(out, key)
    for a in out.get("activities", []):
        for key in ("revenues", "costs", "work", "requires"):
            shuffle(a, key)
    for f in out.get("flows", []):
        shuffle(f, "requires")
    weights = out.get("sharing", {}).get("weights")
    if weights is not None:
        items = list(weights.items())
        rnd.shuffle(items)
        out["sharing"]["weights"] = dict(items)
    return out


def all_ids(data: Data) -> list[str]:
    return [
        *(m["id"] for m in data["members"]),
        data["shared_entity"]["id"],
        *(a["id"] for a in data.get("actors", [])),
        *(a["id"] for a in data.get("activities", [])),
    ]


@st.composite
def renamings(draw: st.DrawFn) -> tuple[Data, dict[str, str]]:
    """A model and a bijection of its ids: a permutation of them or fresh ones."""
    data = draw(any_cooperations())
    old = all_ids(data)
    fresh = st.lists(ids, min_size=len(old), max_size=len(old), unique=True)
    new = draw(st.one_of(st.permutations(old), fresh))
    return data, dict(zip(old, new, strict=True))


def rename_key(key: tuple[str, str, str], new: dict[str, str]) -> tuple[str, str, str]:
    scope, entity, field = key
    return scope, new.get(entity, entity), field


@PROPERTY
@given(renamings())
def test_renaming_ids_changes_no_number(case: tuple[Data, dict[str, str]]) -> None:
    data, new = case
    base = numbers(evaluate(model(data)))
    after = numbers(evaluate(model(renamed(data, new))))
    expected = {rename_key(k, new): v for k, v in base.items()}
    assert after.keys() == expected.keys()
    tol = tolerance(data)
    for key, value in expected.items():
        assert_close(after[key], value, tol, key)


@PROPERTY
@given(any_cooperations(), st.randoms(use_true_random=False))
def test_reordering_lists_changes_no_number(data: Data, rnd: random.Random) -> None:
    base = numbers(evaluate(model(data)))
    after = numbers(evaluate(model(reordered(data, rnd))))
    assert after.keys() == base.keys()
    tol = tolerance(data)
    for key, value in base.items():
        assert_close(after[key], value, tol, key)


# --- batched work variants ------------------------------------------------------------


def _variant_figures(ev: Evaluation, member_ids: tuple[str, ...]) -> dict[str, np.ndarray]:
    ms = [ev.member(m) for m in member_ids]
    return {
        "cash_result": np.array([m.cash_result_eur for m in ms]),
        "stand_alone_result": np.array([m.stand_alone_result_eur for m in ms]),
        "gain_from_cooperation": np.array([m.gain_from_cooperation_eur for m in ms]),
        "economic_result": np.array([m.economic_result_eur for m in ms]),
        "shares": np.array([m.shared_share_eur for m in ms]),
        "staff_cost": np.array([m.staff_cost_eur for m in ms]),
        "paid_hours": np.array([m.paid_hours for m in ms]),
        "volunteer_hours": np.array([m.volunteer_hours for m in ms]),
        "shared_result": np.array(ev.shared_entity.result_eur),
        "reserve": np.array(ev.shared_entity.reserve_eur),
        "distributable": np.array(ev.shared_entity.distributed_eur),
        "collective_result": np.array(ev.collective.result_eur),
    }


@PROPERTY
@given(any_cooperations())
def test_work_variants_at_the_model_hours_give_evaluate_numbers(data: Data) -> None:
    coop = model(data)
    ledger = compile_ledger(coop)
    variants = evaluate_work_variants(coop, ledger.paid_hours[None], ledger.volunteer_hours[None])
    expected = _variant_figures(evaluate(coop), ledger.member_ids)
    tol = tolerance(data)
    for name, want in expected.items():
        got = getattr(variants.settlement, name)[0]
        np.testing.assert_allclose(got, want, rtol=0, atol=tol, err_msg=name)
    np.testing.assert_allclose(
        variants.gain_from_cooperation[0], expected["gain_from_cooperation"], rtol=0, atol=tol
    )


def with_hours(coop: Cooperation, paid: np.ndarray, volunteer: np.ndarray) -> Data:
    """Plain data of ``coop`` with its work lines holding the given hours matrices."""
    data = coop.model_dump(mode="json", by_alias=True, exclude_none=True)
    index = {m: i for i, m in enumerate(coop.member_ids)}
    for j, a in enumerate(data["activities"]):
        lines = []
        for w in a.get("work", []):
            i = index[w["member"]]
            p, v = float(paid[i, j]), float(volunteer[i, j])
            assert p > 0 or v > 0
            line = w | {"paid_hours": p, "volunteer_hours": v}  # apart, price kept
            line["reimbursed"] = bool(w.get("reimbursed")) and p > 0
            lines.append(line)
        a["work"] = lines
    return data


@PROPERTY
@given(any_cooperations(), st.integers(1, 4), st.integers(0, 2**31 - 1))
def test_random_work_splits_match_evaluate_on_the_rebuilt_model(
    data: Data, k: int, seed: int
) -> None:
    coop = model(data)
    ledger = compile_ledger(coop)
    paid, volunteer = random_work_splits(ledger, k, seed)
    assert paid.shape == (k, *ledger.paid_hours.shape)
    # each activity keeps its totals, and only members already on it get hours
    scale = 1.0 + float(ledger.paid_hours.sum() + ledger.volunteer_hours.sum())
    np.testing.assert_allclose(
        paid.sum(axis=1),
        np.broadcast_to(ledger.paid_hours.sum(axis=0), (k, paid.shape[2])),
        atol=1e-9 * scale,
    )
    np.testing.assert_allclose(
        volunteer.sum(axis=1),
        np.broadcast_to(ledger.volunteer_hours.sum(axis=0), (k, paid.shape[2])),
        atol=1e-9 * scale,
    )
    on = (ledger.paid_hours + ledger.volunteer_hours) > 0
    assert not ((paid + volunteer) * ~on).any()

    variants = evaluate_work_variants(coop, paid, volunteer, ledger)
    tol = tolerance(data)
    for v in range(k):
        rebuilt = model(with_hours(coop, paid[v], volunteer[v]))
        expected = _variant_figures(evaluate(rebuilt), ledger.member_ids)
        for name, want in expected.items():
            got = getattr(variants.settlement, name)[v]
            np.testing.assert_allclose(got, want, rtol=0, atol=tol, err_msg=f"{name} #{v}")


def test_work_variants_reject_hours_of_the_wrong_shape() -> None:
    coop = model(
        {
            "bm3c": 1,
            "name": "x",
            "shared_entity": {"id": "s", "name": "S"},
            "members": [
                {"id": "a", "name": "A", "hourly_cost_eur": 10},
                {"id": "b", "name": "B", "hourly_cost_eur": 10},
            ],
            "activities": [{"id": "x", "name": "X", "carrier": "s"}],
        }
    )
    with pytest.raises(ValueError, match="shape"):
        evaluate_work_variants(coop, np.zeros((2, 3, 1)), np.zeros((2, 3, 1)))


def test_magnitude_helper_counts_every_money_figure() -> None:
    data = {
        "members": [{"id": "a", "hourly_cost_eur": 10}, {"id": "b", "hourly_cost_eur": 20}],
        "activities": [
            {
                "revenues": [{"amount_eur": 5}, {"quantity": 2, "unit_price_eur": 3}],
                "costs": [{"amount_eur": 7}],
                "work": [{"member": "a", "paid_hours": 2, "volunteer_hours": 1}],
            }
        ],
        "flows": [{"amount_eur": 4}, {}],
    }
    assert gross_money(data) == 5 + 6 + 7 + 20 + DEFAULT_VOLUNTEER_HOUR_VALUE + 4
    assert math.isclose(tolerance(data), REL * (1 + gross_money(data)))
