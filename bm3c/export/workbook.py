r"""The Excel workbook a collective sends to its board and funders.

One sheet per table of :mod:`bm3c.export.sheets` (summary, members, activities,
lines, work, flows, member results, each member's alone assumptions, shared
entity, scenarios, impacts), then the budget for funders
(:mod:`bm3c.export.budget_workbook`: the request form of the action and of each
structure, its totals as formulas, the funders, the lines behind), then the main
charts as images. A model with ``plan`` adds, after the summary, the sheets of
:mod:`bm3c.export.plan_sheets` (the plan, the monthly cash plan, and a results
sheet per year); the other sheets then give the plan's first year, the budget
every year. Numbers stay numbers, unrounded, shown in the cooperation's currency
(money), without decimals (hours) or as percentages.

Text cells are written by :mod:`bm3c.export.cells`. Text that a spreadsheet would
run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a line
break, as OWASP lists them) is neutralised without changing it: every text goes
in a string cell (never a formula, whatever it starts with), and such text also
gets the *quote prefix* style, the apostrophe Excel and LibreOffice show only in
the edit bar, so that editing the cell later does not turn it into a formula
either. The cell's value is what the user typed, character for character;
characters XML cannot hold are shown as ``\x01``-style escapes, and text beyond
a cell's 32,767 characters ends with `` […]`` where it is cut. The budget sheets
alone hold formulas: their totals, ours, over cells (never a typed text).
"""

from __future__ import annotations

import math
from dataclasses import replace
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bm3c.engine.comparison import compare_applicable
from bm3c.engine.plan import evaluate_plan
from bm3c.export.budget_workbook import add_budget_sheets
from bm3c.export.cells import money_format, put_text
from bm3c.export.charts import MAX_BARS, ReportChart, report_charts
from bm3c.export.images import chart_png
from bm3c.export.plan_sheets import plan_sheets
from bm3c.export.sheets import Kind, Measure, Sheet, Value, cooperation_sheets
from bm3c.model import Cooperation
from bm3c.model.years import year_label
from bm3c.texts.i18n import translate

__all__ = ["MEDIA_TYPE", "money_format", "workbook_bytes"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""The workbook's media type, for a download button or an e-mail attachment."""

NUMBER_FORMATS: dict[Kind, str] = {"hours": "#,##0", "ratio": "0.0%", "number": "#,##0.00"}
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Charts are drawn at one PNG pixel per CSS pixel: legible at 100 % zoom, and
#: the 30-member workbook stays within 3 s (the drawing is most of it).
CHART_SCALE = 1.0
CHART_MAX_WIDTH_PX = 1200
ROW_HEIGHT_PX = 20  # the default row height, 15 pt at 96 dpi

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
TITLE = Font(bold=True, size=14)
CHART_TITLE = Font(bold=True, size=12)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(coop: Cooperation, lang: str = "fr") -> bytes:
    """The cooperation's workbook (.xlsx): its model, its results, its scenarios, its charts.

    Args:
        coop: A validated cooperation (a whole plan); its scenarios that no longer
            apply are left out of the comparison and named on the scenarios sheet.
        lang: ``fr`` or ``en``: every sheet name, header and label in that language.

    """
    comparison, broken = compare_applicable(coop)
    ev = comparison.base
    sheets = cooperation_sheets(ev, comparison, broken, lang)
    if coop.plan is not None:
        summary = sheets[0]
        if coop.years > 1:
            note = str(translate("workbook.plan.first_year", lang, year=year_label(coop, 0)))
            summary = replace(summary, notes=(*summary.notes, note))
        sheets = (summary, *plan_sheets(evaluate_plan(coop), lang), *sheets[1:])
    book = Workbook()
    book.remove(book.active)
    book.properties.title = coop.name
    book.properties.creator = "bm3c"
    money = money_format(coop.currency, lang)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet, money)
    add_budget_sheets(book, coop, lang)
    charts = book.create_sheet(str(translate("workbook.sheet.charts", lang)))
    title = str(translate("workbook.charts_title", lang, cooperation=coop.name))
    _write_charts(charts, title, report_charts(ev, lang, comparison), lang)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws: Worksheet, sheet: Sheet, money: str) -> None:
    formats: dict[Kind, str] = {**NUMBER_FORMATS, "money": money}
    widths: dict[int, int] = {}
    row = 1
    filtered = False
    for table in sheet.tables:
        for col, column in enumerate(table.columns, start=1):
            cell = ws.cell(row, col)
            put_text(cell, column.title)
            cell.font, cell.fill = BOLD, HEADER_FILL
            if column.help:
                cell.comment = Comment(column.help, "bm3c", width=320, height=110)
            widths[col] = max(widths.get(col, 0), len(column.title) + 3)  # + filter button
        for r, values in enumerate(table.rows, start=row + 1):
            for col, (value, column) in enumerate(zip(values, table.columns, strict=True), 1):
                shown = _put(ws.cell(r, col), value, column.kind, formats)
                widths[col] = max(widths.get(col, 0), shown)
        if table.filtered and not filtered:
            last = get_column_letter(len(table.columns))
            ws.auto_filter.ref = f"A{row}:{last}{row + len(table.rows)}"
            filtered = True
        row += len(table.rows) + 2
    for note in sheet.notes:
        put_text(ws.cell(row, 1), note)
        row += 1
    if sheet.tables:
        ws.freeze_panes = "B2" if sheet.names_first else "A2"
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)


def _put(cell: Any, value: Value, kind: Kind, formats: dict[Kind, str]) -> int:
    """Write one value; return about how many characters it shows."""
    if isinstance(value, Measure):
        return _put(cell, value.value, value.kind, formats)
    if value is None:
        return 0
    if isinstance(value, str):
        length = len(put_text(cell, value))
        if length > MAX_WIDTH:
            cell.alignment = WRAPPED
        return length
    number = float(value)
    cell.value = number
    if kind == "text":
        return len(f"{number:g}")
    cell.number_format = formats[kind]
    shown = number * 100 if kind == "ratio" else number
    decimals = 0 if kind == "hours" else 1 if kind == "ratio" else 2
    return len(f"{shown:,.{decimals}f}") + (3 if kind in ("money", "ratio") else 1)


def _write_charts(ws: Worksheet, title: str, charts: tuple[ReportChart, ...], lang: str) -> None:
    """Each chart's title, then its image, one under the other."""
    put_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = TITLE
    row = 3
    for chart in charts:
        image = Image(BytesIO(chart_png(chart.spec, scale=CHART_SCALE)))
        if image.width > CHART_MAX_WIDTH_PX:
            ratio = CHART_MAX_WIDTH_PX / image.width
            image.width, image.height = CHART_MAX_WIDTH_PX, round(image.height * ratio)
        put_text(ws.cell(row, 1), chart.title)
        ws.cell(row, 1).font = CHART_TITLE
        if chart.whole:  # a long chart cut to its best and worst bars: said under its title
            half = MAX_BARS // 2
            note = translate("workbook.chart_cut", lang, half=half, count=chart.whole)
            row += 1
            put_text(ws.cell(row, 1), str(note))
        ws.add_image(image, f"A{row + 1}")
        row += 1 + math.ceil(image.height / ROW_HEIGHT_PX) + 2
