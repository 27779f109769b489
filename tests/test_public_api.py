"""The curated public API: what ``import bm3c`` offers stays deliberate."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import bm3c

EXPECTED = {
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
}


def test_public_api_is_the_curated_list() -> None:
    assert set(bm3c.__all__) == EXPECTED
    assert list(bm3c.__all__) == sorted(bm3c.__all__)
    for name in bm3c.__all__:
        assert getattr(bm3c, name) is not None


def test_every_module_declares_what_it_exports() -> None:
    for info in pkgutil.walk_packages(bm3c.__path__, "bm3c."):
        if info.name.startswith("bm3c.ui"):
            continue  # Streamlit scripts, not library modules
        module = importlib.import_module(info.name)
        if info.ispkg:
            continue
        exported = getattr(module, "__all__", None)
        assert exported is not None, f"{info.name} has no __all__"
        for name in exported:
            assert hasattr(module, name), f"{info.name}.__all__ names missing {name}"


def test_engine_does_no_io_and_never_imports_streamlit() -> None:
    import sys

    for info in pkgutil.walk_packages(bm3c.__path__, "bm3c."):
        if not info.name.startswith(("bm3c.engine", "bm3c.model")):
            continue
        module = sys.modules.get(info.name) or importlib.import_module(info.name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "import streamlit" not in source
        assert "open(" not in source and "read_text(" not in source, info.name


def test_dumped_model_reloads_to_the_same_model() -> None:
    from tests.conftest import EXAMPLES

    for path in EXAMPLES:
        coop = bm3c.load_cooperation(path)
        for fmt in ("yaml", "json"):
            again = bm3c.parse_cooperation(bm3c.dump_cooperation(coop, fmt), fmt)
            assert again == coop
