"""``bm3c export FILE --to FORMAT -o OUT``: the files a collective takes home.

Reads a model file, calls :mod:`bm3c.export`, writes. The formats: an Excel
workbook (``xlsx``), the workshop report (``html``, ``pdf``), the budget for
funders alone (``budget``, an Excel workbook) and the main charts as images
(``png``, ``svg``: one file per chart in the folder ``OUT``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bm3c.cli.language import add_language_option, chosen_language, helper, say
from bm3c.errors import Bm3cError
from bm3c.export.formats import FORMATS, IMAGE_FORMATS, chart_files, export_file, file_suffix
from bm3c.io import load_cooperation

__all__ = ["add_export_parser", "cmd_export"]


def cmd_export(args: argparse.Namespace) -> int:
    """Write the workbook, the report or the chart images of a model file."""
    lang = chosen_language(args)
    suffix = Path(args.output).suffix.lstrip(".").lower()
    fmt = args.to or suffix
    if args.to and suffix in FORMATS and suffix != file_suffix(args.to):
        note = say("export.format_differs", lang, fmt=args.to.upper(), path=args.output)
        print(say("note", lang, message=note), file=sys.stderr)
    if fmt not in FORMATS:
        raise Bm3cError(
            say("export.format_needed", lang, formats=", ".join(FORMATS), path=args.output)
        )
    coop = load_cooperation(args.file)
    out = Path(args.output)
    try:
        if fmt in IMAGE_FORMATS:
            out.mkdir(parents=True, exist_ok=True)
            for name, image in chart_files(coop, fmt, lang).items():
                (out / name).write_bytes(image)
                print(say("wrote", lang, path=out / name), file=sys.stderr)
        else:
            out.write_bytes(export_file(coop, fmt, lang))
            print(say("wrote", lang, path=out), file=sys.stderr)
    except OSError as error:
        reason = str(error.strerror)
        raise Bm3cError(say("cannot_write", lang, path=out, reason=reason)) from None
    return 0


def add_export_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en"
) -> None:
    """The ``export`` sub-command, its help in ``lang``."""
    h = helper(lang)
    p = sub.add_parser(
        "export",
        help=h("export"),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--to",
        choices=FORMATS,
        help=h("export_to") + h("export_to_budget"),
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help=h("export_output"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_export)
