"""The floors of the package: the import contract of pyproject.toml holds and catches breaches.

``lint-imports`` checks the contract on the real package; the same contracts,
read from pyproject.toml through import-linter's API, are then shown an import
graph with one import added upwards, to prove each of them would catch it. The
command line's export runs in a fresh interpreter to show it never loads Streamlit.
"""

from __future__ import annotations

import ast
import copy
import json
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.api import read_configuration
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import Contract

import bm3c.present

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_TYPES: dict[str, type[Contract]] = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
}
#: For each contract of pyproject.toml, an import it must refuse (importer, imported).
BREACHES = {
    "Every floor imports only the floors below it": ("bm3c.engine.evaluate", "bm3c.present.text"),
    "Only the app imports Streamlit": ("bm3c.export.report", "streamlit"),
    "Game theory stays pure: the fairness package works on explicit games": (
        "bm3c.fairness.summary",
        "pandas",
    ),
}
#: What the engine must never reach, directly or through another module.
ABOVE_THE_ENGINE = ("bm3c.present", "bm3c.ui", "bm3c.export", "bm3c.edit", "bm3c.cli")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("bm3c", include_external_packages=True, cache_dir=None)


@pytest.fixture(scope="module")
def configuration() -> dict[str, Any]:
    config: dict[str, Any] = read_configuration(str(ROOT / "pyproject.toml"))
    return config


def contracts(configuration: dict[str, Any]) -> dict[str, Contract]:
    """Each contract of pyproject.toml, built as lint-imports builds it."""
    built = {}
    for options in configuration["contracts_options"]:
        fields = {k: v for k, v in options.items() if k not in ("name", "type", "id")}
        kind = CONTRACT_TYPES[options["type"]]
        built[options["name"]] = kind(options["name"], configuration["session_options"], fields)
    return built


def violations(contract: Contract, graph: grimp.ImportGraph) -> set[tuple[str, str]]:
    """Every direct import (importer, imported) on a chain the contract refuses."""
    metadata = contract.check(copy.deepcopy(graph), verbose=False).metadata
    chains = [
        route["chain"]
        for dependency in metadata.get("invalid_dependencies", [])
        for route in dependency["routes"]
    ]
    chains += [chain for found in metadata.get("invalid_chains", []) for chain in found["chains"]]
    return {(link["importer"], link["imported"]) for chain in chains for link in chain}


def test_the_import_contract_is_kept() -> None:
    command = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(
        [str(command), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    verdicts = [line for line in run.stdout.splitlines() if line.endswith(("KEPT", "BROKEN"))]
    assert len(verdicts) == len(BREACHES), run.stdout
    assert all(line.endswith(" KEPT") for line in verdicts), run.stdout
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_contract_has_a_breach_to_catch(configuration: dict[str, Any]) -> None:
    assert set(contracts(configuration)) == set(BREACHES)


@pytest.mark.parametrize("name", BREACHES)
def test_an_import_upwards_breaks_its_contract(
    name: str, configuration: dict[str, Any], graph: grimp.ImportGraph
) -> None:
    """The same contract, shown the real graph plus one forbidden import, names that import."""
    contract = contracts(configuration)[name]
    importer, imported = BREACHES[name]
    assert (importer, imported) not in violations(contract, graph)
    breached = copy.deepcopy(graph)
    breached.add_import(importer=importer, imported=imported)
    assert not contract.check(copy.deepcopy(breached), verbose=False).kept
    assert (importer, imported) in violations(contract, breached)


@pytest.mark.parametrize("upper", ABOVE_THE_ENGINE)
def test_the_engine_reaches_no_upper_floor(upper: str, graph: grimp.ImportGraph) -> None:
    assert graph.chain_exists(importer="bm3c.engine", imported=upper, as_packages=True) is False


def test_the_graph_sees_the_imports_it_is_asked_about(graph: grimp.ImportGraph) -> None:
    """Control: the queries above answer True where an import does exist."""
    assert graph.chain_exists(importer="bm3c.engine", imported="bm3c.fairness", as_packages=True)
    assert graph.chain_exists(importer="bm3c.export", imported="bm3c.engine", as_packages=True)
    assert graph.chain_exists(importer="bm3c.ui", imported="streamlit", as_packages=True)


def test_only_the_app_imports_streamlit(graph: grimp.ImportGraph) -> None:
    importers = graph.find_modules_that_directly_import("streamlit")
    assert importers, "the graph should see the app's imports of streamlit"
    assert sorted(m for m in importers if not m.startswith("bm3c.ui.")) == []
    for package in ("bm3c.export", "bm3c.present", "bm3c.engine", "bm3c.logbook", "bm3c.cli"):
        assert not graph.chain_exists(importer=package, imported="streamlit", as_packages=True)


def test_no_page_imports_the_command_line() -> None:
    """The page scripts (bm3c/ui/views, not a package, so import-linter does not see them)."""
    pages = sorted((ROOT / "bm3c" / "ui" / "views").glob("*.py"))
    assert pages
    for page in pages:
        tree = ast.parse(page.read_text(encoding="utf-8"))
        imported = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        assert not [m for m in imported if m and m.startswith("bm3c.cli")], page.name


def run_fresh(code: str, tmp_path: Path) -> Any:
    """Run ``code`` in a fresh interpreter at the repository root; it prints one JSON value."""
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_bm3c_export_does_not_load_streamlit(tmp_path: Path) -> None:
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    result = run_fresh(
        f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from bm3c.cli.main import main
        codes = []
        for out in ({str(html)!r}, {str(xlsx)!r}):
            try:
                codes.append(main(["export", "examples/passerelles.yaml", "-o", out]))
            except SystemExit as stop:
                codes.append(stop.code)
        print(json.dumps({{"codes": codes, "streamlit": "streamlit" in sys.modules}}))
        """,
        tmp_path,
    )
    assert result == {"codes": [0, 0], "streamlit": False}
    assert html.read_bytes().lstrip().lower().startswith(b"<!doctype html")
    assert xlsx.read_bytes()[:2] == b"PK"  # a zip container, as every .xlsx


def test_the_presentation_and_export_modules_do_not_load_streamlit(tmp_path: Path) -> None:
    """Imported one by one in a fresh interpreter; the first that loads Streamlit is named."""
    present = [f"bm3c.present.{m.name}" for m in pkgutil.iter_modules(bm3c.present.__path__)]
    assert "bm3c.present.stability_words" in present
    modules = [
        "bm3c.logbook",
        "bm3c.export.report",
        "bm3c.export.workbook",
        "bm3c.present.graph",
        *sorted(present),
    ]
    first = run_fresh(
        f"""
        import importlib, json, sys
        sys.path.insert(0, {str(ROOT)!r})
        culprit = None
        for name in {modules!r}:
            importlib.import_module(name)
            if "streamlit" in sys.modules:
                culprit = name
                break
        print(json.dumps(culprit))
        """,
        tmp_path,
    )
    assert first is None
