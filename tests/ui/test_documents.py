"""The Documents page, and the PNG and SVG buttons under every chart of the app."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bm3c.ui import process_cache
from tests.ui.apptest import open_app

CHART_PAGES = {  # page: keys of the charts it draws with the Halle example open
    "overview": ["overview.flows"],
    "activities": ["activities.chart"],
    "work": ["work.load_chart"],
    "flows": ["flows.graph"],
    "sharing": [
        "sharing.contribution_chart",
        "sharing.waterfall_chart",
        "sharing.cooperation_chart",
    ],
    "fairness": ["fairness.allocation_chart", "fairness.triangle"],
    "impacts": ["impacts.chart.visitors"],
}


def download_keys(at: AppTest) -> set[str]:
    return {str(b.proto.id).split("-", 2)[-1] for b in at.get("download_button")}


def labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("page", sorted(CHART_PAGES))
def test_every_chart_has_png_and_svg_buttons(page: str) -> None:
    at = open_app(page=page)
    keys = download_keys(at)
    for chart in CHART_PAGES[page]:
        assert {f"{chart}.png", f"{chart}.svg"} <= keys, (chart, sorted(keys))
    assert "Image PNG" in labels(at) and "Image SVG" in labels(at)


def test_scenario_charts_have_their_buttons_too() -> None:
    at = open_app(page="scenarios")
    keys = download_keys(at)
    for figure in ("cash_result_eur", "gain_from_cooperation_eur"):
        assert {f"scenarios.chart.{figure}.png", f"scenarios.chart.{figure}.svg"} <= keys


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "Télécharger le classeur (.xlsx)",
                "Budget pour les financeurs (Excel)",
                "Télécharger la page web (.html)",
                "Télécharger le PDF",
            ],
        ),
        (
            "en",
            [
                "Download the workbook (.xlsx)",
                "Budget for funders (Excel)",
                "Download the web page (.html)",
                "Download the PDF",
            ],
        ),
    ],
)
def test_documents_page_offers_the_four_files(lang: str, expected: list[str]) -> None:
    at = open_app(page="documents", lang=lang)
    assert at.title[0].value == ("Documents à emporter" if lang == "fr" else "Take-home files")
    assert labels(at)[:4] == expected
    keys = download_keys(at)
    for chart in ("value-flows", "members-alone-and-within", "activities", "work-load"):
        assert {f"documents.chart.{chart}.png", f"documents.chart.{chart}.svg"} <= keys


def test_documents_can_be_made_in_the_other_language() -> None:
    at = open_app(page="documents", lang="fr")
    at.segmented_control(key="documents.language.fr").set_value("en").run()
    assert not at.exception
    # the page stays in French; the files' language is English
    assert at.title[0].value == "Documents à emporter"
    built = [  # the charts the page built, kept by the process for every tab
        value
        for key, value in process_cache.RESULTS.items()
        if key[:2] == ("remembered", "documents.charts") and key[2][-1] == "en"  # type: ignore[index]
    ]
    charts = built[-1]
    assert charts[1].title == "Result alone and within the cooperation"


def test_a_scenario_that_no_longer_applies_is_left_out_of_the_charts() -> None:
    from typing import Any

    from bm3c.edit.cooperation import edit_data
    from bm3c.io import load_cooperation
    from tests.ui.apptest import HALLE

    def drop_subsidy(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["revenues"] = [
                r for r in activity.get("revenues", []) if r["label"] != "Subvention tiers-lieu"
            ]

    at = open_app(edit_data(load_cooperation(HALLE), drop_subsidy), page="documents")
    assert not at.exception
    assert {"documents.chart.scenarios.png", "documents.chart.scenarios.svg"} <= download_keys(at)


def test_the_budget_for_funders_is_its_own_download() -> None:
    at = open_app(page="documents", lang="fr")
    assert not at.exception
    assert "documents.budget" in download_keys(at)
    [button] = [b for b in at.get("download_button") if b.proto.label.startswith("Budget")]
    assert button.proto.label == "Budget pour les financeurs (Excel)"
    assert any("budget pour les financeurs" in m.value for m in at.markdown)
