"""The registry of sharing rules is the one list that the model, engine, app and docs all read.

Adding a rule to ``bm3c.rules.SHARING_RULES`` must make it accepted in a model
file, computed by the engine, offered and explained by the app, and listed in
docs/model.md; these tests fail when one of them is forgotten.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bm3c.edit.sharing import OFFERED_RULES
from bm3c.engine import evaluate
from bm3c.engine.sharing import KEY_FUNCTIONS
from bm3c.errors import InvalidModelError
from bm3c.fairness.allocations import ALLOCATION_RULES
from bm3c.fairness.game import MAX_EXACT_PLAYERS
from bm3c.io import load_cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.parsing import read_data_file
from bm3c.rules import GAME_RULES, RULE_IDS, RULES, SHARING_RULES, rule_help, rule_name
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.i18n import LANGUAGES, catalog
from tests.ui.apptest import open_app

ROOT = Path(__file__).resolve().parent.parent
PASSERELLES = ROOT / "examples" / "passerelles.yaml"
DOCS = ROOT / "docs" / "model.md"
KEY_RULES = tuple(r for r in RULE_IDS if r not in GAME_RULES)


def passerelles_with(side: str, rule: str) -> dict[str, Any]:
    """The example's data with ``rule`` on one side, and a weight per member if it reads them."""
    data: dict[str, Any] = read_data_file(PASSERELLES)
    data["sharing"][side] = rule
    if RULES[rule].needs_weights:
        data["sharing"]["weights"] = {m["id"]: 1.0 for m in data["members"]}
    return data


def docs_rule_table() -> dict[str, str]:
    """The rows ``| `id` | key |`` of docs/model.md's "### Sharing rules" table."""
    section = DOCS.read_text(encoding="utf-8").split("### Sharing rules", 1)[1]
    rows: dict[str, str] = {}
    for line in section.splitlines()[1:]:
        if line.startswith("###"):
            break
        found = re.fullmatch(r"\| `([^`]+)` \| (.*) \|", line.strip())
        if found:
            assert found[1] not in rows, f"{found[1]} listed twice"
            rows[found[1]] = found[2]
    return rows


def test_the_registry_is_consistent() -> None:
    assert tuple(r.id for r in SHARING_RULES) == RULE_IDS
    assert len(set(RULE_IDS)) == len(RULE_IDS)
    assert set(RULES) == set(RULE_IDS)
    assert tuple(r.id for r in SHARING_RULES if r.allocation is not None) == GAME_RULES
    assert set(GAME_RULES) == {"shapley", "nucleolus", "scrb"}
    assert all(re.fullmatch(r"[a-z_]+", rule) for rule in RULE_IDS)


@pytest.mark.parametrize("side", ["surplus", "deficit"])
@pytest.mark.parametrize("rule", RULE_IDS)
def test_every_rule_is_accepted_and_computed(rule: str, side: str) -> None:
    coop = validate_cooperation(passerelles_with(side, rule))
    assert getattr(coop.sharing, side) == rule
    ev = evaluate(coop)
    shares = sum(m.shared_share_eur for m in ev.members)
    assert shares == pytest.approx(ev.shared_entity.distributed_eur, abs=1e-6)


def test_the_app_offers_every_rule_of_the_registry() -> None:
    assert tuple(OFFERED_RULES) == RULE_IDS


def test_the_sharing_page_lists_every_rule_by_its_french_name() -> None:
    at = open_app(PASSERELLES, page="sharing")
    names = [rule_name(r, "fr") for r in RULE_IDS]
    assert len(set(names)) == len(names)
    for key in ("sharing.surplus", "sharing.deficit"):
        assert list(at.selectbox(key=key).options) == names, key


@pytest.mark.parametrize("rule", KEY_RULES)
def test_every_key_rule_is_a_row_of_the_docs_table(rule: str) -> None:
    assert docs_rule_table().get(rule) == RULES[rule].key


def test_the_docs_table_lists_no_rule_the_registry_lacks() -> None:
    assert set(docs_rule_table()) == set(KEY_RULES)


def test_the_game_rules_are_named_in_the_docs_with_their_limits() -> None:
    paragraph = next(
        p
        for p in DOCS.read_text(encoding="utf-8").split("\n\n")
        if p.startswith("The cooperative-game rules")
    )
    for rule in GAME_RULES:
        assert f"`{rule}`" in paragraph, rule
        assert str(RULES[rule].max_members) in paragraph, rule


@pytest.mark.parametrize("rule", RULE_IDS)
def test_every_rule_has_a_french_and_english_name_and_help(rule: str) -> None:
    texts = catalog()
    for lang in LANGUAGES:
        assert RULES[rule].name[lang].strip(), (rule, lang)
        assert RULES[rule].help[lang].strip(), (rule, lang)
        assert rule_name(rule, lang) == RULES[rule].name[lang]
        help_text = rule_help(rule, lang)
        assert help_text and "{" not in help_text and "}" not in help_text
        assert texts[f"sharing.rule.{rule}"][lang] == rule_name(rule, lang)
        assert texts[f"sharing.rule_help.{rule}"][lang] == help_text
    assert RULES[rule].name["fr"] != RULES[rule].name["en"]


def test_key_rules_have_one_key_function_and_game_rules_an_allocation() -> None:
    assert set(KEY_FUNCTIONS) == set(KEY_RULES)
    for rule in GAME_RULES:
        assert RULES[rule].allocation in ALLOCATION_RULES, rule
    for rule in KEY_RULES:
        assert RULES[rule].allocation is None
        assert RULES[rule].max_members is None


@pytest.mark.parametrize("rule", GAME_RULES)
def test_a_game_rule_is_limited_to_what_can_be_computed_exactly(rule: str) -> None:
    limit = RULES[rule].max_members
    assert limit is not None and 2 <= limit <= MAX_EXACT_PLAYERS


@pytest.mark.parametrize("rule", GAME_RULES)
def test_a_game_rule_is_refused_one_member_past_its_limit(rule: str) -> None:
    limit = RULES[rule].max_members
    assert limit is not None

    def data(members: int) -> dict[str, Any]:
        d = synthetic_cooperation(members=members, activities=4, flows=2)
        d["sharing"] = {"surplus": rule, "deficit": "equal"}
        return d

    assert validate_cooperation(data(limit)).sharing.surplus == rule
    with pytest.raises(InvalidModelError) as refused:
        validate_cooperation(data(limit + 1))
    [problem] = refused.value.problems
    assert problem.path == "sharing.surplus"
    assert f"up to {limit} members" in problem.message
    assert f"has {limit + 1}" in problem.message


def test_an_unknown_rule_in_a_file_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "lottery.yaml"
    data = read_data_file(PASSERELLES)
    data["sharing"]["surplus"] = "lottery"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidModelError) as refused:
        load_cooperation(path)
    [problem] = refused.value.problems
    assert problem.path == "sharing.surplus"
    assert "'lottery'" in problem.message
    for rule in RULE_IDS:
        assert f"'{rule}'" in problem.message, rule


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "jusqu'à {} structures"), ("en", "up to {} members")]
)
def test_the_nucleolus_help_gives_its_limit(lang: str, words: str) -> None:
    limit = RULES["nucleolus"].max_members
    assert limit is not None
    assert words.format(limit) in rule_help("nucleolus", lang)
