"""``bm3c export FILE --to FORMAT -o OUT``: the files a collective takes home.

Reads a model file, calls :mod:`bm3c.export`, writes. The formats: an Excel
workbook (``xlsx``), the workshop report (``html``, ``pdf``) and the main charts
as images (``png``, ``svg``: one file per chart in the folder ``OUT``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation

if TYPE_CHECKING:
    from bm3c.export.logbook_summary import LogbookSummary

__all__ = ["FORMATS", "add_export_parser", "cmd_export", "export_file"]

FORMATS = ("xlsx", "html", "pdf", "png", "svg")
LANGUAGES = ("fr", "en")


def export_file(
    coop: Cooperation, fmt: str, lang: str, logbook: LogbookSummary | None = None
) -> bytes:
    """One document (``xlsx``, ``html`` or ``pdf``) of the cooperation, as bytes.

    ``logbook`` (the latest revealed session of the model's logbook) adds its
    radar and divergences to the report.
    """
    if fmt == "xlsx":
        from bm3c.export.workbook import workbook_bytes

        return workbook_bytes(coop, lang)
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

    comparison = compare_scenarios(coop)
    files: dict[str, bytes] = {}
    for chart in report_charts(comparison.base, lang, comparison):
        image = chart_png(chart.spec) if fmt == "png" else chart_svg(chart.spec).encode("utf-8")
        files[f"{chart.name}.{fmt}"] = image
    return files


def cmd_export(args: argparse.Namespace) -> int:
    """Write the workbook, the report or the chart images of a model file."""
    suffix = Path(args.output).suffix.lstrip(".").lower()
    fmt = args.to or suffix
    if args.to and suffix in FORMATS and suffix != args.to:
        print(f"note: writing {args.to.upper()} into {args.output}", file=sys.stderr)
    if fmt not in FORMATS:
        raise Bm3cError(
            f"--to: say which format to write ({', '.join(FORMATS)}); "
            f"'{args.output}' does not tell it by its extension"
        )
    coop = load_cooperation(args.file)
    out = Path(args.output)
    try:
        if fmt in ("png", "svg"):
            out.mkdir(parents=True, exist_ok=True)
            for name, image in chart_files(coop, fmt, args.lang).items():
                (out / name).write_bytes(image)
                print(f"wrote {out / name}", file=sys.stderr)
        else:
            out.write_bytes(export_file(coop, fmt, args.lang))
            print(f"wrote {out}", file=sys.stderr)
    except OSError as error:
        raise Bm3cError(f"cannot write {out}: {error.strerror}") from None
    return 0


def add_export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``export`` sub-command."""
    p = sub.add_parser(
        "export",
        help="write the Excel workbook, the workshop report (HTML, PDF) or the chart images",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--to",
        choices=FORMATS,
        help="format (default: the extension of -o); png and svg write one file per chart "
        "into the folder given by -o",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file (or folder) to write")
    p.add_argument("--lang", choices=LANGUAGES, default="fr", help="language of the texts")
    p.set_defaults(run=cmd_export)
