"""Projector mode under AppTest: the sidebar switch, what it changes, and the calm screens.

The switch is off by default, kept for the tab from page to page, in both languages;
on, the page's style sheet grows the type, tables to read become page tables, and
charts get larger text. The Save popover closes once saved; the fairness diagnosis
is never a red error box.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from bm3c.present.chart_fonts import BASE_SIZES, font_size
from bm3c.ui.projector import CHART_SCALE, PROJECTOR, TOGGLE
from tests.ui.apptest import HALLE, open_app
from tests.ui.test_live import click_save, join, saved_halle, set_hourly_cost


def style_sheets(at: AppTest) -> str:
    """Every style sheet the run added (``st.html`` elements)."""
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def switch_on(at: AppTest) -> AppTest:
    at.sidebar.toggle(key=TOGGLE).set_value(True).run()
    assert not at.exception, at.exception
    return at


def test_the_switch_is_off_by_default_and_named_in_both_languages() -> None:
    at = open_app(HALLE)
    toggle = at.sidebar.toggle(key=TOGGLE)
    assert toggle.label == "Mode projecteur"
    assert toggle.value is False
    assert "font-size: 20px" not in style_sheets(at)
    assert "white-space: normal" in style_sheets(at)  # buttons wrap in both modes
    english = open_app(HALLE, lang="en")
    assert english.sidebar.toggle(key=TOGGLE).label == "Projector mode"


def test_the_switch_grows_the_type_and_is_kept_from_page_to_page() -> None:
    at = switch_on(open_app(HALLE))
    assert at.session_state[PROJECTOR] is True
    assert "html { font-size: 20px; }" in style_sheets(at)
    for page in ("work", "structures", "scenarios"):
        at.switch_page(f"bm3c/ui/views/{page}.py").run()
        assert not at.exception, at.exception
        assert at.sidebar.toggle(key=TOGGLE).value is True
        assert "html { font-size: 20px; }" in style_sheets(at)
    at.sidebar.toggle(key=TOGGLE).set_value(False).run()
    assert at.session_state[PROJECTOR] is False
    assert "font-size: 20px" not in style_sheets(at)


def test_in_projector_mode_the_comparison_is_a_page_table_with_a_row_per_scenario() -> None:
    at = switch_on(open_app(HALLE, page="scenarios"))
    tables = at.table
    assert len(tables) == 3  # cash result, gain, shared entity
    cash = tables[0].value
    assert list(cash.iloc[:, 0])[:2] == ["Situation de base", "Subventions divisées par deux"]
    assert not [d for d in at.dataframe if "Scénario" in d.value.columns]


def test_in_projector_mode_charts_have_larger_text() -> None:
    at = open_app(HALLE, page="scenarios")
    normal = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "labelFontSize" not in normal.get("config", {}).get("axis", {})
    switch_on(at)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["labelFontSize"] == font_size(
        BASE_SIZES["axis"]["labelFontSize"], CHART_SCALE
    )
    assert spec["config"]["locale"] == normal["config"]["locale"]  # the rest is kept


def test_in_projector_mode_altair_charts_have_larger_text_too() -> None:
    at = switch_on(open_app(HALLE, page="activities"))
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["config"]["axis"]["titleFontSize"] == font_size(12, CHART_SCALE)


def test_the_save_popover_closes_once_saved() -> None:
    saved_halle()
    at = join("Anne", page="structures")
    set_hourly_cost(at, "la-boucle", 31)
    at.session_state["save.popover"] = True  # the participant opened it
    click_save(at, "coût horaire")
    assert not at.exception, at.exception
    assert at.session_state["save.popover"] is False


def test_an_empty_core_is_a_warning_not_an_error() -> None:
    """A cooperation whose core is empty: said in yellow (something to discuss), not red."""
    at = open_app(HALLE, page="fairness")
    assert not at.exception
    empty = [w for w in at.warning if "le « cœur » est vide" in w.value]
    assert empty, "the Halle's core is empty: the diagnosis says so"
    assert empty[0].proto.icon == ":material/report:"
    assert not at.error
