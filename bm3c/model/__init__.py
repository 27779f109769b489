"""The model: the file format of a cooperation (pydantic v2, frozen)."""

from bm3c.model.checks import find_warnings
from bm3c.model.cooperation import Cooperation
from bm3c.model.parts import (
    MARKET,
    Activity,
    Actor,
    Change,
    CostLine,
    Flow,
    Indicator,
    Member,
    RevenueLine,
    Scenario,
    SharedEntity,
    Sharing,
    WorkLine,
)

__all__ = [
    "MARKET",
    "Activity",
    "Actor",
    "Change",
    "Cooperation",
    "CostLine",
    "Flow",
    "Indicator",
    "Member",
    "RevenueLine",
    "Scenario",
    "SharedEntity",
    "Sharing",
    "WorkLine",
    "find_warnings",
]
