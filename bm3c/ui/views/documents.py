"""Take-home files: the Excel workbook, the budget for funders, the workshop report, the charts.

Each file is made from the model on screen when its button is clicked: the
workbook and the report from the whole plan (every year of it), the chart
images from the year chosen in the sidebar.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from bm3c.engine.comparison import compare_applicable
from bm3c.export.charts import ReportChart, report_charts
from bm3c.export.formats import export_file, file_suffix
from bm3c.export.logbook_summary import logbook_summary
from bm3c.model import Cooperation
from bm3c.model.years import year_label
from bm3c.texts.i18n import LANGUAGES
from bm3c.ui.arrival import store
from bm3c.ui.chart_files import chart_downloads, file_stem
from bm3c.ui.i18n import current_language, t
from bm3c.ui.plan_year import year_words
from bm3c.ui.process_cache import fingerprint
from bm3c.ui.remembered import remembered
from bm3c.ui.state import workspace

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "pdf": "application/pdf",
    "budget": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: What a file's name adds to the model's name (« halle-budget.xlsx »).
NAME_ENDINGS = {"budget": "-budget"}


def choose_language() -> str:
    """The language of the files: the app's, unless another is picked here."""
    lang = current_language()
    chosen = st.segmented_control(
        t("documents.language"),
        LANGUAGES,
        default=lang,
        key=f"documents.language.{lang}",
        format_func=lambda code: {"fr": "Français", "en": "English"}[code],
    )
    return str(chosen or lang)


def download(
    model: Cooperation, model_id: str | None, stem: str, fmt: str, lang: str, label: str
) -> None:
    """A button that makes the ``fmt`` file of ``model`` on click and hands it over.

    The report of a workspace model ends with its logbook. The file is made on a
    thread of its own, without the session: the store is taken now, not then.
    """
    s = store() if model_id is not None else None

    def make() -> bytes:
        summary = logbook_summary(s, model_id, model, lang) if s and model_id else None
        return export_file(model, fmt, lang, summary)

    st.download_button(
        label,
        data=make,
        file_name=f"{stem}{NAME_ENDINGS.get(fmt, '')}.{file_suffix(fmt)}",
        mime=MIME[fmt],
        icon=":material/download:",
        help=t("documents.building_help"),
        key=f"documents.{fmt}",
        on_click="ignore",  # nothing on the page changes
    )


def main_charts(plan: Cooperation, year: int, lang: str) -> tuple[ReportChart, ...]:
    """The report's charts of the plan year on screen, built once per model and language."""

    def build() -> tuple[ReportChart, ...]:
        # a scenario that no longer applies is left out
        comparison, _ = compare_applicable(plan, year)
        return report_charts(comparison.base, lang, comparison)

    return remembered("documents.charts", (fingerprint(plan), year, lang), build)


def charts_section(model: Cooperation, stem: str, lang: str) -> None:
    """Each main chart's title with its PNG and SVG buttons."""
    st.subheader(t("documents.charts_title"))
    st.caption(t("documents.charts_text"))
    if model.years > 1:
        st.caption(t("documents.charts_year", year=year_words()))
    ws = workspace()
    for chart in main_charts(ws.plan, ws.year, lang):
        st.markdown(f"**{chart.title}**")
        spec: dict[str, Any] = chart.spec
        chart_downloads(spec, file_stem(stem, chart.name), key=f"documents.chart.{chart.name}")


ws = workspace()
plan = ws.plan
stem = file_stem(plan.name)
st.title(t("documents.title"))
st.caption(t("documents.intro"))
lang = choose_language()
workbook_col, report_col = st.columns(2)
with workbook_col, st.container(border=True):
    st.subheader(t("documents.workbook_title"))
    st.markdown(t("documents.workbook_text"))
    if plan.years > 1:
        st.markdown(t("documents.workbook_plan", years=plan.years))
    download(plan, None, stem, "xlsx", lang, t("documents.workbook_button"))
    st.markdown(t("documents.budget_text"))
    download(plan, None, stem, "budget", lang, t("documents.budget_button"))
with report_col, st.container(border=True):
    st.subheader(t("documents.report_title"))
    st.markdown(t("documents.report_text"))
    download(plan, ws.model_id, stem, "html", lang, t("documents.html_button"))
    download(plan, ws.model_id, stem, "pdf", lang, t("documents.pdf_button"))
    if ws.model_id is not None:
        st.caption(t("documents.report_logbook"))
chart_stem = file_stem(plan.name, year_label(plan, ws.year)) if plan.years > 1 else stem
charts_section(ws.model, chart_stem, lang)
