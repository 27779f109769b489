"""docs/model.md and ``bm3c schema`` describe every field of the plan over time."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from bm3c.model import Cooperation
from bm3c.model.parts import Investment, Payment, Plan, RevenueLine, Sharing
from bm3c.model.years import YEARLY_FIELDS
from tests.conftest import ROOT

DOCS = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
PLAN_SECTION = DOCS.split("## The plan over time", 1)[1].split("\n## ", 1)[0]
PLAN_FIELDS = ("plan", "investments", "opening_cash_eur", "paid", "grant_paid", "paid_month")


def documented(name: str, text: str = PLAN_SECTION) -> bool:
    return re.search(rf"`{re.escape(name)}`", text) is not None or f"{name}:" in text


@pytest.mark.parametrize("name", PLAN_FIELDS + YEARLY_FIELDS)
def test_the_plan_section_names_every_field(name: str) -> None:
    assert documented(name), name


@pytest.mark.parametrize("part", [Plan, Investment, Payment], ids=lambda p: p.__name__)
def test_every_field_of_a_plan_part_is_in_the_docs(part: Any) -> None:
    for field, info in part.model_fields.items():
        assert documented(info.alias or field), f"{part.__name__}.{field}"


def test_the_schema_describes_every_field_of_the_plan() -> None:
    schema = Cooperation.model_json_schema(by_alias=True)
    for name in ("plan", "investments", "opening_cash_eur"):
        assert schema["properties"][name].get("description"), name
    for part in (Plan, Investment, Payment):
        properties = schema["$defs"][part.__name__]["properties"]
        for name, spec in properties.items():
            assert spec.get("description"), f"{part.__name__}.{name}"
    assert schema["$defs"]["Sharing"]["properties"]["paid_month"].get("description")
    assert Sharing.model_fields["paid_month"].description


def test_the_example_of_the_docs_reads_as_the_model_does() -> None:
    """The snippet's parts validate, and its greenhouses cost 3 000 − 1 200 € a year."""
    block = PLAN_SECTION.split("```yaml", 1)[1].split("```", 1)[0]
    data = yaml.safe_load(block)
    assert Plan.model_validate(data["plan"]).years == 3
    investment = Investment.model_validate(data["investments"][0])
    assert investment.depreciation_eur - investment.grant_share_eur == pytest.approx(1800)
    lines = data["activities"][0]["revenues"]
    assert RevenueLine.model_validate(lines[0]).quantity == (1200, 1500, 2100)
    assert [p.month for p in RevenueLine.model_validate(lines[1]).paid or ()] == [4, 14]
    assert Sharing.model_validate(data["sharing"]).paid_month == 6
