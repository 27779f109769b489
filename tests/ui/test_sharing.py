"""Sharing page under AppTest: rules, reserve, weights, and the figures they give."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bm3c.edit.cooperation import edit_data
from bm3c.edit.sharing import OFFERED_RULES, with_reserve_fraction, with_rules, with_weights
from bm3c.engine import evaluate
from bm3c.engine.waterfall import WATERFALL_STEPS, contribution_and_benefit, member_waterfall
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.model.validation import validate_cooperation
from bm3c.rules import RULES, rule_help
from bm3c.synthetic import synthetic_cooperation
from bm3c.texts.format import money, percent
from bm3c.texts.i18n import LANGUAGES, catalog
from tests.conftest import build
from tests.ui.apptest import EXAMPLES, HALLE, edit_table, open_app, table_with, workspace_of

PASSERELLES = next(p for p in EXAMPLES if p.stem == "passerelles")


def shares_column(at: AppTest, column: str = "Quote-part de la mutualisation") -> list[str]:
    return list(table_with(at, "Part reçue", read_only=True)[column])


def expected_shares(coop: Cooperation, lang: str = "fr") -> list[str]:
    return [money(m.shared_share_eur, "EUR", lang) for m in evaluate(coop).members]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_sharing_page_shows_the_engine_figures(example: Path) -> None:
    at = open_app(example, page="sharing")
    coop = load_cooperation(example)
    ev = evaluate(coop)
    se = ev.shared_entity
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Résultat de la structure commune"] == money(se.result_eur, "EUR", "fr")
    assert metrics["Mis en réserve"] == money(se.reserve_eur, "EUR", "fr")
    assert metrics["Réparti entre les membres"] == money(se.distributed_eur, "EUR", "fr")
    assert at.selectbox(key="sharing.surplus").value == coop.sharing.surplus
    assert at.selectbox(key="sharing.deficit").value == coop.sharing.deficit
    assert at.select_slider(key="sharing.reserve").value == coop.shared_entity.reserve_fraction
    assert shares_column(at) == expected_shares(coop)
    rows = contribution_and_benefit(ev)
    assert shares_column(at, "Part des apports") == [
        percent(r.contribution_share, "fr", 1) for r in rows
    ]
    assert shares_column(at, "Part reçue") == [percent(r.benefit_share, "fr", 1) for r in rows]
    first = ev.members[0]
    waterfall = table_with(at, "Montant", read_only=True)
    assert list(waterfall["Montant"]) == [
        money(s.amount_eur, "EUR", "fr") for s in member_waterfall(first)
    ]
    gains = table_with(at, "Gain de la coopération", read_only=True)
    assert list(gains["Gain de la coopération"]) == [
        money(m.gain_from_cooperation_eur, "EUR", "fr") for m in ev.members
    ]
    assert len(at.success if ev.everyone_gains else at.warning) >= 1
    assert len(at.get("vega_lite_chart")) == 3
    uses_weights = "by_weights" in (coop.sharing.surplus, coop.sharing.deficit)
    assert len(at.data_editor) == (1 if uses_weights else 0)


def test_changing_the_surplus_rule_changes_the_shares() -> None:
    at = open_app(HALLE, page="sharing")
    before = workspace_of(at).model
    at.selectbox(key="sharing.surplus").set_value("equal").run()
    assert not at.exception
    model = workspace_of(at).model
    assert model.sharing.surplus == "equal"
    assert model.sharing.deficit == before.sharing.deficit
    expected = edit_data(before, lambda d: d["sharing"].update(surplus="equal"))
    assert model == expected
    assert shares_column(at) == expected_shares(expected)
    assert shares_column(at) != expected_shares(before)
    assert any("**À parts égales**" in md.value for md in at.markdown)
    assert workspace_of(at).undo_stack[-1][1].startswith("clés À parts égales")


def test_undo_puts_the_rule_back_in_the_select_box() -> None:
    at = open_app(HALLE, page="sharing")
    before = workspace_of(at).model
    at.selectbox(key="sharing.surplus").set_value("by_hours").run()
    assert workspace_of(at).model.sharing.surplus == "by_hours"
    at.sidebar.button(key="sidebar.undo").click().run()
    assert not at.exception
    assert workspace_of(at).model == before
    assert at.selectbox(key="sharing.surplus").value == before.sharing.surplus
    assert shares_column(at) == expected_shares(before)


def test_choosing_by_weights_gives_every_member_a_weight_to_edit() -> None:
    at = open_app(PASSERELLES, page="sharing")
    assert workspace_of(at).model.sharing.weights is None
    at.selectbox(key="sharing.surplus").set_value("by_weights").run()
    assert not at.exception
    model = workspace_of(at).model
    assert model.sharing.weights == {m: 1.0 for m in model.member_ids}
    table = at.dataframe(key=at.session_state["bm3c.table_key.sharing.weights"]).value
    assert list(table["weight"]) == [1.0] * len(model.members)


def test_editing_a_weight_changes_the_deficit_shares() -> None:
    at = open_app(HALLE, page="sharing")
    before = workspace_of(at).model
    at.selectbox(key="sharing.surplus").set_value("by_weights").run()
    edit_table(at, "sharing.weights", edited_rows={0: {"weight": 5.0}})
    assert not at.exception
    model = workspace_of(at).model
    weights = model.sharing.weights or {}
    assert weights[before.members[0].id] == 5.0
    assert weights == (before.sharing.weights or {}) | {before.members[0].id: 5.0}
    assert shares_column(at) == expected_shares(model)
    table = at.dataframe(key=at.session_state["bm3c.table_key.sharing.weights"]).value
    assert table["fraction"].iloc[0] == percent(5 / 10, "fr", 1)


def test_a_missing_weight_is_refused_next_to_the_table() -> None:
    at = open_app(HALLE, page="sharing")
    before = workspace_of(at).model
    edit_table(at, "sharing.weights", edited_rows={1: {"weight": None}})
    assert not at.exception
    assert workspace_of(at).model == before
    assert any("**partage du résultat › poids**" in e.value for e in at.error)
    table = at.dataframe(key=at.session_state["bm3c.table_key.sharing.weights"]).value
    assert list(table["weight"]) == [before.sharing.weights[m] for m in before.member_ids]  # type: ignore[index]


def test_changing_the_reserve_fraction_changes_the_reserve() -> None:
    at = open_app(HALLE, page="sharing")
    at.select_slider(key="sharing.reserve").set_value(0.2).run()
    assert not at.exception
    model = workspace_of(at).model
    assert model.shared_entity.reserve_fraction == 0.2
    ev = evaluate(model)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mis en réserve"] == money(ev.shared_entity.reserve_eur, "EUR", "fr")
    assert ev.shared_entity.reserve_eur == pytest.approx(0.2 * ev.shared_entity.result_eur)
    assert shares_column(at) == expected_shares(model)
    assert at.select_slider(key="sharing.reserve").value == 0.2
    assert workspace_of(at).undo_stack[-1][1] == "réserve à 20,0\u00a0%"


def test_the_waterfall_shows_the_chosen_member() -> None:
    at = open_app(HALLE, page="sharing")
    ev = evaluate(load_cooperation(HALLE))
    last = ev.members[-1]
    at.selectbox(key="sharing.member").set_value(last.id).run()
    assert not at.exception
    steps = table_with(at, "Montant", read_only=True)
    assert list(steps["Montant"]) == [
        money(s.amount_eur, "EUR", "fr") for s in member_waterfall(last)
    ]
    assert list(steps["Étape"])[-1] == "Résultat"
    assert list(steps["Montant"])[-1] == money(last.cash_result_eur, "EUR", "fr")
    charts = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any(last.name in spec for spec in charts)


def test_a_key_summing_to_zero_is_shared_equally_with_a_warning() -> None:
    coop = build(
        activities=[
            {
                "id": "hall",
                "name": "Hall",
                "carrier": "commun",
                "revenues": [{"label": "Billets", "amount_eur": 1000.0}],
            }
        ],
        sharing={"surplus": "by_usage", "deficit": "equal"},
    )
    at = open_app(coop, page="sharing")
    assert any("parts égales" in w.value for w in at.warning)
    assert shares_column(at) == [money(500, "EUR", "fr")] * 2


def test_sharing_page_in_english() -> None:
    at = open_app(HALLE, page="sharing", lang="en")
    ev = evaluate(load_cooperation(HALLE))
    assert at.title[0].value == "Sharing the result"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Shared entity's result"] == money(ev.shared_entity.result_eur, "EUR", "en")
    assert any(
        "surplus rule applies, **By usage (patronage refund)**" in md.value for md in at.markdown
    )
    assert at.selectbox(key="sharing.surplus").label == "Sharing rule for a surplus"
    assert "Amount" in table_with(at, "Step", read_only=True).columns
    assert (
        "Within the cooperation" in table_with(at, "Gain from cooperation", read_only=True).columns
    )
    assert list(
        table_with(at, "Share received", read_only=True)["Share of the pooling's result"]
    ) == expected_shares(load_cooperation(HALLE), "en")


def test_every_rule_and_step_has_both_languages() -> None:
    texts = catalog()
    keys = [f"sharing.rule.{r}" for r in OFFERED_RULES]
    keys += [f"sharing.rule_help.{r}" for r in OFFERED_RULES]
    keys += [f"sharing.step.{s}" for s, _, _ in WATERFALL_STEPS]
    for key in keys:
        assert set(texts[key]) == set(LANGUAGES), key


def test_sharing_edits_stay_valid_or_are_refused() -> None:
    coop = load_cooperation(PASSERELLES)
    weighted = with_rules(coop, "equal", "by_weights")
    assert weighted.sharing.weights == {m: 1.0 for m in coop.member_ids}
    back = with_rules(weighted, "equal", "equal")
    assert back.sharing.weights == weighted.sharing.weights  # kept for a later by_weights
    assert with_reserve_fraction(coop, 0.25).shared_entity.reserve_fraction == 0.25
    with pytest.raises(InvalidModelError):
        with_reserve_fraction(coop, 1.5)
    rows = [{"member": m, "weight": 2} for m in coop.member_ids]
    assert with_weights(weighted, rows).sharing.weights == {m: 2.0 for m in coop.member_ids}
    with pytest.raises(InvalidModelError, match="no weight for"):
        with_weights(weighted, rows[1:])
    with pytest.raises(InvalidModelError):
        with_weights(weighted, [{"member": m, "weight": -1} for m in coop.member_ids])


def test_sharing_page_on_the_large_synthetic_model() -> None:
    coop = validate_cooperation(synthetic_cooperation())
    at = open_app(coop, page="sharing")
    assert shares_column(at) == expected_shares(coop)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    assert not at.exception
    print(f"sharing page rerun on the synthetic model: median {statistics.median(times):.3f} s")


@pytest.mark.parametrize("rule", ["shapley", "nucleolus", "scrb"])
def test_a_cooperative_game_rule_can_be_chosen(rule: str) -> None:
    at = open_app(PASSERELLES, page="sharing")
    before = workspace_of(at).model
    at.selectbox(key="sharing.surplus").set_value(rule).run()
    assert not at.exception, at.exception
    expected = edit_data(before, lambda d: d["sharing"].update(surplus=rule))
    assert workspace_of(at).model == expected
    assert shares_column(at) == expected_shares(expected)
    at.switch_page("bm3c/ui/views/overview.py").run()  # every page still draws
    assert not at.exception, at.exception


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_is_explained_with_the_limit_the_model_check_applies(lang: str) -> None:
    for rule in OFFERED_RULES:
        text = rule_help(rule, lang)
        assert text and "{" not in text and "}" not in text
    limit = RULES["nucleolus"].max_members
    words = {"fr": f"jusqu'à {limit} structures", "en": f"up to {limit} members"}
    assert words[lang] in rule_help("nucleolus", lang)
