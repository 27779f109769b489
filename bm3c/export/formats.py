"""The take-home formats: which exist, and how each is made from a cooperation.

One place that the command line (``bm3c export``, ``bm3c models report``) and the
app's Documents page read: a document (``xlsx`` workbook, ``html`` or ``pdf``
report, ``budget``: the budget for funders alone, a workbook too) is one file; an
image format (``png``, ``svg``) is one file per main chart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bm3c.model import Cooperation

if TYPE_CHECKING:
    from bm3c.export.logbook_summary import LogbookSummary

__all__ = [
    "DOCUMENT_FORMATS",
    "FORMATS",
    "IMAGE_FORMATS",
    "chart_files",
    "export_file",
    "file_suffix",
]

#: One file each: the Excel workbook, the workshop report, the budget for funders.
DOCUMENT_FORMATS = ("xlsx", "html", "pdf", "budget")
#: One file per main chart.
IMAGE_FORMATS = ("png", "svg")
FORMATS = DOCUMENT_FORMATS + IMAGE_FORMATS
#: The file suffix of a format not named after its suffix.
SUFFIXES = {"budget": "xlsx"}


def file_suffix(fmt: str) -> str:
    """The suffix of a file in format ``fmt`` (``xlsx`` for ``budget``), without the dot."""
    return SUFFIXES.get(fmt, fmt)


def export_file(
    coop: Cooperation, fmt: str, lang: str, logbook: LogbookSummary | None = None
) -> bytes:
    """One document (``xlsx``, ``html``, ``pdf`` or ``budget``) of the cooperation, as bytes.

    ``logbook`` (the latest revealed session of the model's logbook) adds its
    radar and divergences to the report.
    """
    # Each format loads only its own libraries (openpyxl, WeasyPrint).
    if fmt == "xlsx":
        from bm3c.export.workbook import workbook_bytes

        return workbook_bytes(coop, lang)
    if fmt == "budget":
        from bm3c.export.budget_workbook import budget_workbook_bytes

        return budget_workbook_bytes(coop, lang)
    from bm3c.export.report import report_html, report_pdf

    if fmt == "html":
        return report_html(coop, lang, logbook).encode("utf-8")
    if fmt == "pdf":
        return report_pdf(coop, lang, logbook)
    raise ValueError(f"not a document format: {fmt}")


def chart_files(coop: Cooperation, fmt: str, lang: str) -> dict[str, bytes]:
    """Each main chart as ``{file name: image}`` in ``png`` or ``svg``."""
    from bm3c.engine import compare_scenarios
    from bm3c.export.charts import report_charts
    from bm3c.export.images import chart_png, chart_svg

    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"not an image format: {fmt}")
    comparison = compare_scenarios(coop)
    files: dict[str, bytes] = {}
    for chart in report_charts(comparison.base, lang, comparison):
        image = chart_png(chart.spec) if fmt == "png" else chart_svg(chart.spec).encode("utf-8")
        files[f"{chart.name}.{fmt}"] = image
    return files
