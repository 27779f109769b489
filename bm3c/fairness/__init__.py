"""Cooperative-game fairness: allocations of a TU game and their stability."""

from bm3c.fairness.allocations import (
    ALLOCATION_RULES,
    ShapleyEstimate,
    allocate,
    equal_surplus,
    nucleolus,
    proportional,
    scrb,
    shapley,
    shapley_sampled,
)
from bm3c.fairness.game import MAX_EXACT_PLAYERS, Game, load_game, parse_game
from bm3c.fairness.stability import (
    BlockingCoalition,
    LeastCore,
    Sentence,
    StabilityReport,
    blocking_coalitions,
    blocking_sentence,
    check_stability,
    excesses,
    is_in_core,
    is_individually_rational,
    least_core,
)

__all__ = [
    "ALLOCATION_RULES",
    "MAX_EXACT_PLAYERS",
    "BlockingCoalition",
    "Game",
    "LeastCore",
    "Sentence",
    "ShapleyEstimate",
    "StabilityReport",
    "allocate",
    "blocking_coalitions",
    "blocking_sentence",
    "check_stability",
    "equal_surplus",
    "excesses",
    "is_in_core",
    "is_individually_rational",
    "least_core",
    "load_game",
    "nucleolus",
    "parse_game",
    "proportional",
    "scrb",
    "shapley",
    "shapley_sampled",
]
