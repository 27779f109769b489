"""Why this alone figure? The assumptions in words on the Overview and Sharing pages, editable.

Each page shows, under its alone column, what *alone* means and, for the member
chosen, every assumption sentence with its control; a change is an undoable edit
and the alone figure and gain move at once, by the amount worked out by hand.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bm3c.engine import evaluate
from bm3c.io import load_cooperation
from bm3c.model import Cooperation
from bm3c.present.alone_words import alone_sentences
from bm3c.texts.format import escape_markdown, money
from bm3c.texts.i18n import translate
from tests.conftest import build
from tests.ui.apptest import HALLE, open_app, table_with, workspace_of

RENT = (
    "activities.festival.costs.Location de la grande halle"  # Slow Fest pays 4 000 € to the Halle
)
RENT_KEY = f"sharing.alone.slow-fest.payer.{RENT}"
B_HOURS_KEY = "overview.alone.a.hours.activities.atelier.work.b"


def workshop() -> Cooperation:
    """A (20 €/h) carries Atelier: 10 000 € of sales, 100 paid hours of its own staff,
    and 50 volunteer hours of B (30 €/h).

    Alone, A buys B's hours at B's hourly cost: 10 000 − 100 × 20 − 50 × 30 = 6 500 €.
    """
    return build(
        activities=[
            {
                "id": "atelier",
                "name": "Atelier",
                "carrier": "a",
                "revenues": [{"label": "Ventes", "amount_eur": 10000.0, "kind": "sales"}],
                "work": [
                    {"member": "a", "paid_hours": 100.0},
                    {"member": "b", "volunteer_hours": 50.0},
                ],
            }
        ]
    )


def markdown_texts(at: AppTest) -> list[str]:
    return [md.value for md in at.markdown]


def alone_column(at: AppTest, table_column: str, member: int) -> tuple[str, str]:
    """(alone, gain) as the page's members table shows them for the member at ``member``."""
    table = table_with(at, table_column, read_only=True)
    return table["Seule, sans coopérer"].iloc[member], table["Gain de la coopération"].iloc[member]


@pytest.mark.parametrize("page", ["overview", "sharing"])
def test_every_halle_members_assumptions_are_shown_in_words(page: str) -> None:
    at = open_app(HALLE, page=None if page == "overview" else page)
    ev = evaluate(load_cooperation(HALLE))
    sentences = alone_sentences(ev, "fr")
    assert translate("alone.meaning", "fr") in [c.value for c in at.caption]
    assert at.expander  # "Pourquoi ce montant seule ?"
    assert any(e.label == "Pourquoi ce montant seule ?" for e in at.expander)
    for m in ev.members:
        at.selectbox(key=f"{page}.alone.member").set_value(m.id).run()
        assert not at.exception, at.exception
        texts = markdown_texts(at)
        figures = translate(
            "alone.figures",
            "fr",
            member=escape_markdown(m.name),
            alone=escape_markdown(money(m.stand_alone_result_eur, "EUR", "fr")),
            within=escape_markdown(money(m.cash_result_eur, "EUR", "fr")),
            gain=escape_markdown(money(m.gain_from_cooperation_eur, "EUR", "fr")),
        )
        assert figures in texts
        for sentence in sentences[m.id]:
            assert escape_markdown(sentence) in texts
        for a in m.alone_assumptions:
            policy = at.selectbox(key=f"{page}.alone.{m.id}.{a.side}.{a.path}.policy")
            assert policy.value == a.policy


def test_changing_a_policy_moves_slow_fests_alone_figure_and_gain_by_hand() -> None:
    """Slow Fest rents the great hall 4 000 € from the Halle. Kept alone (same 4 000 € to
    the market), done without (4 000 € more alone), at a market price equal to it (back
    to kept), then at 9 000 € (5 000 € less than kept). Its cash result does not move,
    so its gain moves the other way; each undo goes back one step."""
    at = open_app(HALLE, page="sharing")
    at.selectbox(key="sharing.alone.member").set_value("slow-fest").run()
    policy = f"{RENT_KEY}.policy"
    at.selectbox(key=policy).set_value("keep").run()
    kept_model = workspace_of(at).model
    kept = evaluate(kept_model).member("slow-fest")
    row = [m.id for m in evaluate(kept_model).members].index("slow-fest")

    def shown() -> tuple[str, str]:
        return alone_column(at, "Dans la coopération", row)

    def expect(moved: float) -> None:
        assert not at.exception, at.exception
        ev = evaluate(workspace_of(at).model).member("slow-fest")
        assert ev.stand_alone_result_eur == pytest.approx(kept.stand_alone_result_eur + moved)
        assert ev.gain_from_cooperation_eur == pytest.approx(kept.gain_from_cooperation_eur - moved)
        assert ev.cash_result_eur == pytest.approx(kept.cash_result_eur)
        assert shown() == (
            money(kept.stand_alone_result_eur + moved, "EUR", "fr"),
            money(kept.gain_from_cooperation_eur - moved, "EUR", "fr"),
        )

    expect(0)
    at.selectbox(key=policy).set_value("drop").run()
    expect(+4000)
    assert at.number_input(key=f"{RENT_KEY}.amount").disabled
    at.selectbox(key=policy).set_value("market").run()
    expect(0)  # the market price starts at the amount paid today
    assert at.number_input(key=f"{RENT_KEY}.amount").value == 4000.0
    at.number_input(key=f"{RENT_KEY}.amount").set_value(9000.0).run()
    expect(-5000)
    assert workspace_of(at).undo_stack[-1][1] == (
        "hypothèse « seule » : Location de la grande halle (Slow Fest)"
    )
    sentence = (
        "Seule, Slow Fest paierait « Location de la grande halle » 9\u202f000\u00a0€ au marché "
        "(au lieu de 4\u202f000\u00a0€ à SCIC La Halle des transitions)"
    )
    assert escape_markdown(sentence) in markdown_texts(at)
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(0)
    assert at.number_input(key=f"{RENT_KEY}.amount").value == 4000.0
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(+4000)
    assert at.selectbox(key=policy).value == "drop"
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(0)
    assert workspace_of(at).model == kept_model


def test_hours_done_without_or_priced_move_the_alone_figure_by_hand() -> None:
    """A alone: 6 500 € with B's 50 hours bought at 30 €/h (1 500 €). Done without:
    8 000 €. Bought at 40 €/h: 2 000 €, so 6 000 €. The cooperation's default price
    of 24 €/h applies where the line gives none: 1 200 €, so 6 800 €."""
    at = open_app(workshop())
    assert not at.exception, at.exception
    at.selectbox(key="overview.alone.member").set_value("a").run()

    def expect(alone: float, base_gain: float) -> None:
        assert not at.exception, at.exception
        member = evaluate(workspace_of(at).model).member("a")
        assert member.stand_alone_result_eur == pytest.approx(alone)
        assert member.gain_from_cooperation_eur == pytest.approx(base_gain - (alone - 6500))
        table = at.dataframe[0].value
        assert table["Seule, sans coopérer"].iloc[0] == money(alone, "EUR", "fr")

    gain = evaluate(workshop()).member("a").gain_from_cooperation_eur
    expect(6500, gain)
    sentence = (
        "Les 50\u00a0h de B pour « Atelier » seraient achetées 30\u00a0€/h au marché : "
        "1\u202f500\u00a0€"
    )
    assert escape_markdown(sentence) in markdown_texts(at)
    at.selectbox(key=f"{B_HOURS_KEY}.policy").set_value("drop").run()
    expect(8000, gain)
    assert escape_markdown("Sans B, « Atelier » se passerait de ses 50\u00a0h") in markdown_texts(
        at
    )
    assert at.number_input(key=f"{B_HOURS_KEY}.amount").disabled
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(6500, gain)
    at.number_input(key=f"{B_HOURS_KEY}.amount").set_value(40.0).run()
    expect(6000, gain)
    assert workspace_of(at).model.activities[0].work[1].replacement_hourly_cost_eur == 40.0
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(6500, gain)
    at.number_input(key="overview.alone.default_hourly").set_value(24.0).run()
    expect(6800, gain)
    assert workspace_of(at).model.replacement_hourly_cost_eur == 24.0
    assert at.number_input(key=f"{B_HOURS_KEY}.amount").value == 24.0
    at.sidebar.button(key="sidebar.undo").click().run()
    expect(6500, gain)
    assert workspace_of(at).model == workshop()
    assert at.number_input(key="overview.alone.default_hourly").value is None


def test_a_member_without_assumptions_is_said_to_keep_its_activities() -> None:
    at = open_app(workshop(), lang="en")
    at.selectbox(key="overview.alone.member").set_value("b").run()
    assert not at.exception, at.exception
    assert translate("alone.none", "en") in [i.value for i in at.info]
    assert translate("alone.meaning", "en") in [c.value for c in at.caption]
    assert any(e.label == "Why this alone figure?" for e in at.expander)
