"""The ``bm3c`` command: validate, evaluate, compare and export model files; serve the app.

Parses arguments, calls io and the engine, prints in French or English
(``--lang``, else the locale: :mod:`bm3c.cli.language`). No arithmetic here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from bm3c.cli.budget import add_budget_parser
from bm3c.cli.export import add_export_parser
from bm3c.cli.game import add_game_parser
from bm3c.cli.language import (
    add_language_option,
    chosen_language,
    helper,
    localize_error,
    parser_class,
    problem_lines,
    requested_language,
    say,
    say_count,
)
from bm3c.cli.models import add_models_parser
from bm3c.cli.serve import add_serve_parser
from bm3c.cli.years import chosen_year
from bm3c.engine import (
    activities_table,
    compare_scenarios,
    evaluate,
    evaluation_to_json,
    impacts_table,
    members_table,
    workload_table,
)
from bm3c.engine.plan import evaluate_plan
from bm3c.engine.plan_tables import (
    cash_months_table,
    plan_table,
    plan_to_json,
    plans_compared_json,
)
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation, find_warnings
from bm3c.model.years import year_label
from bm3c.present.text import (
    render_cash_low,
    render_comparison,
    render_evaluation,
    render_plan,
    render_plans_compared,
)
from bm3c.synthetic import synthetic_cooperation

__all__ = ["main"]

EXIT_INVALID = 2
TABLES = {
    "members": members_table,
    "activities": activities_table,
    "workload": workload_table,
    "impacts": impacts_table,
}
#: Tables of the whole plan (not of one year): the monthly cash plan, each party's plan.
PLAN_TABLES = {
    "cash": lambda plan: cash_months_table(plan.cash),
    "plan": plan_table,
}


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each file; report every problem; exit 2 if any file is invalid."""
    lang = chosen_language(args)
    status = 0
    for name in args.files:
        try:
            coop = load_cooperation(name)
        except InvalidModelError as error:
            status = EXIT_INVALID
            print("\n".join(problem_lines(error, lang, name)), file=sys.stderr)
            continue
        counts = {
            part: say_count(f"count.{part}", len(getattr(coop, part)), lang)
            for part in ("members", "activities", "flows", "scenarios")
        }
        print(say("valid", lang, path=name, name=coop.name, **counts))
        for w in find_warnings(coop):
            print("  " + say("warning", lang, message=localize_error(str(w), lang)))
    return status


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Evaluate the base or one scenario: one plan year's tables, and the plan's when it has one.

    A model with ``plan`` adds the plan to the JSON document; in text, a plan of
    several years adds its table and any plan its cash low points. A model without
    ``plan`` prints what it always did.
    """
    lang = chosen_language(args)
    coop = load_cooperation(args.file)
    index = chosen_year(coop, args.year, lang)
    if args.format == "csv" and args.table in PLAN_TABLES:
        PLAN_TABLES[args.table](evaluate_plan(coop, args.scenario)).to_csv(sys.stdout)
        return 0
    if coop.plan is None:
        plan = None
        ev = evaluate(coop, args.scenario)
    else:
        plan = evaluate_plan(coop, args.scenario)
        ev = plan.years[index]
    if args.format == "json":
        _print_json(evaluation_to_json(ev) if plan is None else plan_to_json(plan, index))
    elif args.format == "csv":
        table = TABLES[args.table](ev)
        table.to_csv(sys.stdout, index=args.table in ("members", "activities"))
    elif plan is None:
        sys.stdout.write(render_evaluation(ev, lang))
    else:
        text = render_evaluation(ev, lang, year_label(coop, index))
        if coop.years > 1:
            text += "\n" + render_plan(plan, lang)
        sys.stdout.write(text + "\n" + render_cash_low(plan, lang))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare the base with some or all scenarios, in one plan year; and over a plan.

    For a model with ``plan``, the JSON adds each scenario's plan (break-even
    years, cash low points); the text does for a plan of several years.
    """
    lang = chosen_language(args)
    coop = load_cooperation(args.file)
    index = chosen_year(coop, args.year, lang)
    ids = [s.strip() for s in args.scenarios.split(",") if s.strip()] if args.scenarios else None
    cmp = compare_scenarios(coop, ids, index)
    plans = (
        [evaluate_plan(coop), *(evaluate_plan(coop, sid) for sid in cmp.scenario_ids)]
        if coop.plan is not None and args.format != "csv"
        else []
    )
    if args.format == "json":
        data = cmp.to_json()
        _print_json(data | plans_compared_json(plans, index) if plans else data)
    elif args.format == "csv":
        cmp.table.to_csv(sys.stdout, index=False)
    else:
        year = year_label(coop, index) if coop.plan is not None else None
        text = render_comparison(cmp, lang, year)
        if coop.years > 1:
            text += "\n" + render_plans_compared(plans, lang)
        sys.stdout.write(text)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a model file."""
    _print_json(Cooperation.model_json_schema(by_alias=True))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write a synthetic cooperation of the given size."""
    try:
        data = synthetic_cooperation(args.members, args.activities, args.flows, seed=args.seed)
    except ValueError as error:
        raise Bm3cError(str(error)) from None
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            lang = chosen_language(args)
            reason = str(error.strerror)
            raise Bm3cError(say("cannot_write", lang, path=args.output, reason=reason)) from None
        print(say("wrote", chosen_language(args), path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser of ``bm3c``, its help in ``lang``."""
    h = helper(lang)
    parser = parser_class(lang)(
        prog="bm3c",
        description=h("bm3c"),
        epilog=h("epilog", lang_help=h("lang")),
    )
    add_language_option(parser, lang)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help=h("validate"))
    p.add_argument("files", nargs="+", metavar="FILE")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_validate)

    formats = ("text", "json", "csv")
    p = sub.add_parser("evaluate", help=h("evaluate"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenario", metavar="ID", help=h("scenario"))
    p.add_argument("--year", type=int, metavar="YEAR", help=h("year"))
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument(
        "--table",
        choices=sorted([*TABLES, *PLAN_TABLES]),
        default="members",
        help=h("table"),
    )
    add_language_option(p, lang)
    p.set_defaults(run=cmd_evaluate)

    p = sub.add_parser("compare", help=h("compare"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenarios", metavar="ID,...", help=h("scenarios"))
    p.add_argument("--year", type=int, metavar="YEAR", help=h("compare_year"))
    p.add_argument("--format", choices=formats, default="text")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_compare)

    p = sub.add_parser("schema", help=h("schema"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("generate", help=h("generate"))
    p.add_argument("--members", type=int, default=30)
    p.add_argument("--activities", type=int, default=200)
    p.add_argument("--flows", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--output", metavar="FILE")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_generate)

    add_models_parser(sub, lang)
    add_game_parser(sub, lang)
    add_export_parser(sub, lang)
    add_budget_parser(sub, lang)

    add_serve_parser(sub, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for invalid input)."""
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(requested_language(words)).parse_args(words)
    try:
        return int(args.run(args))
    except InvalidModelError as error:
        print("\n".join(problem_lines(error, chosen_language(args))), file=sys.stderr)
        return EXIT_INVALID
    except Bm3cError as error:
        lang = chosen_language(args)
        message = localize_error(str(error), lang)
        print(say("error", lang, message=message), file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
