"""bm3c: the business model of a cooperation between several structures.

Load a model file, evaluate it and compare scenarios::

    import bm3c
    coop = bm3c.load_cooperation("examples/halle-des-transitions.yaml")
    result = bm3c.evaluate(coop)
    comparison = bm3c.compare_scenarios(coop)
    plan = bm3c.evaluate_plan(coop)  # every plan year, break-even, the monthly cash plan
"""

from bm3c.engine import (
    Comparison,
    Evaluation,
    apply_scenario,
    compare_scenarios,
    evaluate,
    evaluate_work_variants,
    evaluation_to_json,
)
from bm3c.engine.plan import PlanEvaluation, evaluate_plan
from bm3c.errors import (
    Bm3cError,
    FileTooLargeError,
    InvalidModelError,
    Problem,
    ScenarioError,
    UnknownScenarioError,
)
from bm3c.io import dump_cooperation, load_cooperation, parse_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation

__all__ = [
    "Bm3cError",
    "Comparison",
    "Cooperation",
    "Evaluation",
    "FileTooLargeError",
    "InvalidModelError",
    "PlanEvaluation",
    "Problem",
    "ScenarioError",
    "UnknownScenarioError",
    "apply_scenario",
    "compare_scenarios",
    "dump_cooperation",
    "evaluate",
    "evaluate_plan",
    "evaluate_work_variants",
    "evaluation_to_json",
    "load_cooperation",
    "parse_cooperation",
    "validate_cooperation",
]

__version__ = "0.1.0"
