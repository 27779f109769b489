"""The bridge from the shared activities' result to the shared entity's result."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings

from bm3c.engine.bridge import BRIDGE_STEPS, shared_result_bridge
from bm3c.engine.evaluate import evaluate
from bm3c.io import parse_cooperation
from bm3c.model.validation import validate_cooperation
from tests.strategies import any_cooperations

HAND = """
bm3c: 1
name: Deux structures
shared_entity: {id: commun, name: Le Commun}
members:
  - {id: a, name: A, hourly_cost_eur: 20}
  - {id: b, name: B, hourly_cost_eur: 30}
actors:
  - {id: region, name: Région, kind: funder}
activities:
  - id: tiers-lieu
    name: Tiers-lieu
    carrier: commun
    revenues:
      - {label: Ventes, amount_eur: 10000}
      - {label: Adhésion de A, amount_eur: 500, from: a, kind: membership}
    costs:
      - {label: Loyer, amount_eur: 4000}
      - {label: Prestation de B, amount_eur: 1000, to: b, kind: service}
    work:
      - {member: a, paid_hours: 100, reimbursed: true}
      - {member: b, paid_hours: 200}
  - id: atelier
    name: Atelier
    carrier: a
    revenues:
      - {label: Ventes atelier, amount_eur: 3000}
      - {label: Achat du commun, amount_eur: 700, from: commun, kind: service}
    costs:
      - {label: Location de salle, amount_eur: 1200, to: commun, kind: rent}
flows:
  - {from: region, to: commun, kind: money, label: Subvention, amount_eur: 5000}
  - {from: b, to: commun, kind: money, label: Cotisation B, amount_eur: 300}
  - {from: commun, to: a, kind: money, label: Don à A, amount_eur: 250}
  - {from: commun, to: region, kind: money, label: Redevance, amount_eur: 150}
  - {from: a, to: commun, kind: in_kind, label: Prêt, amount_eur: 900}
"""


def test_a_hand_worked_bridge() -> None:
    """Worked by hand.

    Shared activity « Tiers-lieu »: 10 000 + 500 − 4 000 − 1 000 − (100×20 + 200×30)
    = 5 500 − 8 000 = −2 500. Its staff (8 000) is paid by A and B; A's 2 000 are
    reimbursed. A's « Atelier » rents a room from the commun (+1 200) and sells it a
    service (−700). Money flows: +5 000 (Région), +300 (B's fee), −250 (to A),
    −150 (to Région); the in-kind loan moves no cash.
    R = −2 500 + 8 000 − 2 000 + 1 200 − 700 + 300 + 5 000 − 250 − 150 = 8 900.
    """
    coop = parse_cooperation(HAND.encode(), "yaml", "hand.yaml")
    steps = {s.step: s.amount_eur for s in shared_result_bridge(coop)}
    assert steps == {
        "shared_activities": -2500.0,
        "members_staff": 8000.0,
        "reimbursements": -2000.0,
        "lines_received": 1200.0,
        "lines_paid": -700.0,
        "money_from_members": 300.0,
        "money_from_outside": 5000.0,
        "money_to_members": -250.0,
        "money_to_outside": -150.0,
        "shared_result": 8900.0,
    }
    ev = evaluate(coop)
    assert ev.shared_entity.result_eur == 8900.0
    shared = [a.result_eur for a in ev.activities if a.carrier == "commun"]
    assert math.fsum(shared) == steps["shared_activities"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_cooperations())
def test_the_steps_add_up_to_the_shared_entitys_result(data: dict[str, Any]) -> None:
    coop = validate_cooperation(data)
    bridge = shared_result_bridge(coop)
    assert [s.step for s in bridge] == [*BRIDGE_STEPS, "shared_result"]
    *steps, total = bridge
    result = evaluate(coop).shared_entity.result_eur
    scale = max(1.0, *(abs(s.amount_eur) for s in steps))
    assert math.isclose(math.fsum(s.amount_eur for s in steps), total.amount_eur, abs_tol=1e-9)
    assert abs(total.amount_eur - result) <= 1e-9 * scale
    shared = [a.result_eur for a in evaluate(coop).activities if a.carrier == coop.shared_entity.id]
    assert abs(steps[0].amount_eur - math.fsum(shared)) <= 1e-9 * scale
