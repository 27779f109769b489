"""Impact indicators summed per carrier and for the whole collective (rule 10)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bm3c.model import Cooperation

__all__ = ["ImpactTotals", "total_impacts"]


@dataclass(frozen=True)
class ImpactTotals:
    """Each impact key summed by carrier (structure level) and overall.

    ``by_carrier`` maps key → carrier id → total; the shared entity's entry is the
    collective level, ``collective`` the whole cooperation (territory level).
    """

    collective: dict[str, float]
    by_carrier: dict[str, dict[str, float]]
    shared_entity_id: str

    def shared_entity(self, key: str) -> float:
        """The total of ``key`` over the shared entity's activities."""
        return self.by_carrier.get(key, {}).get(self.shared_entity_id, 0.0)

    def carried(self, key: str, carrier: str) -> float:
        """The total of ``key`` over the activities ``carrier`` carries (0 when none)."""
        return self.by_carrier.get(key, {}).get(carrier, 0.0)

    def fraction(self, key: str, carrier: str) -> float | None:
        """``carrier``'s part of the cooperation's total of ``key``; None when that total is 0."""
        total = self.collective.get(key, 0.0)
        return self.carried(key, carrier) / total if total else None


def total_impacts(coop: Cooperation) -> ImpactTotals:
    """Sum every activity's impacts per carrier and overall; keys and carriers sorted."""
    by_carrier: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a in coop.activities:
        for key, amount in a.impacts.items():
            by_carrier[key][a.carrier] += amount
    return ImpactTotals(
        collective={k: sum(by_carrier[k].values()) for k in sorted(by_carrier)},
        by_carrier={k: dict(sorted(by_carrier[k].items())) for k in sorted(by_carrier)},
        shared_entity_id=coop.shared_entity.id,
    )
