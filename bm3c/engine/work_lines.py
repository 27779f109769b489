"""What one work line is worth: its staff cost (rule 2) and its volunteer value."""

from __future__ import annotations

from bm3c.model import Cooperation
from bm3c.model.parts import WorkLine

__all__ = ["staff_cost_eur", "volunteer_value_eur"]


def staff_cost_eur(coop: Cooperation, line: WorkLine) -> float:
    """Its paid hours at its member's hourly cost: what the member's payroll bears (rule 2)."""
    return line.paid_hours * coop.member(line.member).hourly_cost_eur


def volunteer_value_eur(coop: Cooperation, line: WorkLine) -> float:
    """Its volunteer hours at the member's hour value (its own, else the cooperation's)."""
    return line.volunteer_hours * coop.volunteer_hour_value(coop.member(line.member))
