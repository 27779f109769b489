"""docs/model.md describes every field of the funders' budget (DOMAIN Part 4)."""

from __future__ import annotations

import pytest
import yaml

from bm3c.engine.chart_of_accounts import CHARGE_CLASSES, PRODUIT_CLASSES
from bm3c.model.parts import COST_KINDS, REVENUE_KINDS
from bm3c.model.validation import validate_cooperation
from tests.conftest import ROOT

DOCS = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
SECTION = DOCS.split("## The budget a funder asks for", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("name", ["account", "max_rate", "counts_volunteering", "bm3c budget"])
def test_the_budget_section_names_every_field(name: str) -> None:
    assert f"`{name}" in SECTION, name


@pytest.mark.parametrize("kind", sorted({*COST_KINDS, *REVENUE_KINDS}))
def test_the_accounts_table_places_every_kind(kind: str) -> None:
    table = SECTION.split("| charges |", 1)[1].split("\n\n", 1)[0]
    assert kind in table, kind


def test_the_classes_of_the_form_are_in_the_table() -> None:
    table = SECTION.split("| charges |", 1)[1].split("\n\n", 1)[0]
    for code in (*CHARGE_CLASSES, *PRODUIT_CLASSES):
        if code not in ("66", "67"):  # on the form, never filled by a kind
            assert f"| {code}" in table, code


def test_the_example_of_the_section_is_valid() -> None:
    block = SECTION.split("```yaml", 1)[1].split("```", 1)[0]
    snippet = yaml.safe_load(block)
    data = {
        "bm3c": 1,
        "name": "Doc",
        "shared_entity": {"id": "halle", "name": "Halle"},
        "members": [
            {"id": "a", "name": "A", "hourly_cost_eur": 1},
            {"id": "b", "name": "B", "hourly_cost_eur": 1},
        ],
        **snippet,
    }
    data["activities"][0]["name"] = "Coworking"
    validate_cooperation(data)
