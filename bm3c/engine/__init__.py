"""The engine: pure functions from a cooperation to its accounts. No I/O."""

from bm3c.engine.comparison import Comparison, compare_scenarios
from bm3c.engine.evaluate import (
    ActivityResult,
    CollectiveResult,
    Evaluation,
    MemberResult,
    SharedEntityResult,
    evaluate,
)
from bm3c.engine.impacts import ImpactTotals, total_impacts
from bm3c.engine.ledger import Ledger, compile_ledger
from bm3c.engine.scenarios import apply_changes, apply_scenario, check_scenarios
from bm3c.engine.sharing import share_result, sharing_key
from bm3c.engine.tables import (
    activities_table,
    evaluation_to_json,
    impacts_table,
    members_table,
    side_totals,
    workload_table,
)
from bm3c.engine.variants import WorkVariants, evaluate_work_variants, random_work_splits

__all__ = [
    "ActivityResult",
    "CollectiveResult",
    "Comparison",
    "Evaluation",
    "ImpactTotals",
    "Ledger",
    "MemberResult",
    "SharedEntityResult",
    "WorkVariants",
    "activities_table",
    "apply_changes",
    "apply_scenario",
    "check_scenarios",
    "compare_scenarios",
    "compile_ledger",
    "evaluate",
    "evaluate_work_variants",
    "evaluation_to_json",
    "impacts_table",
    "members_table",
    "random_work_splits",
    "share_result",
    "sharing_key",
    "side_totals",
    "total_impacts",
    "workload_table",
]
