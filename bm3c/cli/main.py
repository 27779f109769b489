"""The ``bm3c`` command: validate, evaluate, compare and export model files; serve the app.

Parses arguments, calls io and the engine, prints. No arithmetic here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from bm3c.cli.export import add_export_parser
from bm3c.cli.game import add_game_parser
from bm3c.cli.models import add_models_parser
from bm3c.engine import (
    activities_table,
    compare_scenarios,
    evaluate,
    evaluation_to_json,
    impacts_table,
    members_table,
    workload_table,
)
from bm3c.errors import Bm3cError, InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model import Cooperation, find_warnings
from bm3c.present.text import render_comparison, render_evaluation
from bm3c.synthetic import synthetic_cooperation

__all__ = ["main"]

EXIT_INVALID = 2
TABLES = {
    "members": members_table,
    "activities": activities_table,
    "workload": workload_table,
    "impacts": impacts_table,
}


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def cmd_validate(args: argparse.Namespace) -> int:
    """Check each file; report every problem; exit 2 if any file is invalid."""
    status = 0
    for name in args.files:
        try:
            coop = load_cooperation(name)
        except InvalidModelError as error:
            status = EXIT_INVALID
            print(f"{name}: invalid, {len(error.problems)} problem(s)", file=sys.stderr)
            for p in error.problems:
                print(f"  {p}", file=sys.stderr)
            continue
        print(
            f"{name}: valid — {coop.name}: {len(coop.members)} members, "
            f"{len(coop.activities)} activities, {len(coop.flows)} flows, "
            f"{len(coop.scenarios)} scenarios"
        )
        for w in find_warnings(coop):
            print(f"  warning: {w}")
    return status


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Evaluate the base or one scenario."""
    ev = evaluate(load_cooperation(args.file), args.scenario)
    if args.format == "json":
        _print_json(evaluation_to_json(ev))
    elif args.format == "csv":
        table = TABLES[args.table](ev)
        table.to_csv(sys.stdout, index=args.table in ("members", "activities"))
    else:
        sys.stdout.write(render_evaluation(ev))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare the base with some or all scenarios."""
    coop = load_cooperation(args.file)
    ids = [s.strip() for s in args.scenarios.split(",") if s.strip()] if args.scenarios else None
    cmp = compare_scenarios(coop, ids)
    if args.format == "json":
        _print_json(cmp.to_json())
    elif args.format == "csv":
        cmp.table.to_csv(sys.stdout, index=False)
    else:
        sys.stdout.write(render_comparison(cmp))
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
            raise Bm3cError(f"cannot write {args.output}: {error.strerror}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the workshop app (Streamlit) in the foreground."""
    script = Path(__file__).parent.parent / "ui" / "main.py"  # runs run() as __main__
    env = dict(os.environ)
    if args.file:
        load_cooperation(args.file)  # refuse an invalid file before starting a server
        env["BM3C_MODEL"] = str(Path(args.file).resolve())
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(args.port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--runner.postScriptGC",  # see .streamlit/config.toml
        "false",
    ]
    if args.headless:
        command += ["--server.headless", "true"]
    if args.address:
        command += ["--server.address", args.address]
    if args.database_url:
        env["BM3C_DATABASE_URL"] = args.database_url
    if args.workspace:
        env["BM3C_WORKSPACE"] = args.workspace
    return subprocess.call(command, env=env)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``bm3c``."""
    parser = argparse.ArgumentParser(
        prog="bm3c",
        description="Model how a cooperation shares work, costs and money between its members.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="check model files and list every problem")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=cmd_validate)

    formats = ("text", "json", "csv")
    p = sub.add_parser("evaluate", help="compute every member's accounts")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenario", metavar="ID", help="evaluate this scenario instead of the base")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument(
        "--table",
        choices=sorted(TABLES),
        default="members",
        help="which table to print with --format csv (default: members)",
    )
    p.set_defaults(run=cmd_evaluate)

    p = sub.add_parser("compare", help="compare scenarios with the base")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--scenarios", metavar="ID,...", help="scenario ids (default: all)")
    p.add_argument("--format", choices=formats, default="text")
    p.set_defaults(run=cmd_compare)

    p = sub.add_parser("schema", help="print the JSON Schema of model files")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("generate", help="write a synthetic cooperation for tests and benchmarks")
    p.add_argument("--members", type=int, default=30)
    p.add_argument("--activities", type=int, default=200)
    p.add_argument("--flows", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(run=cmd_generate)

    add_models_parser(sub)
    add_game_parser(sub)
    add_export_parser(sub)

    p = sub.add_parser("serve", help="start the workshop app in the browser")
    p.add_argument("file", nargs="?", metavar="FILE", help="model to open (default: an example)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.add_argument("--address", help="address to listen on (default: Streamlit's, all interfaces)")
    p.add_argument(
        "--database-url",
        metavar="URL",
        help="workspace database (default: BM3C_DATABASE_URL, else sqlite:///models/workspace.db)",
    )
    p.add_argument(
        "--workspace",
        help="workspace opened when the link names none (default: BM3C_WORKSPACE, else default)",
    )
    p.set_defaults(run=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for invalid input)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InvalidModelError as error:
        source = f"{error.source}: " if error.source else ""
        print(f"{source}invalid, {len(error.problems)} problem(s)", file=sys.stderr)
        for p in error.problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_INVALID
    except Bm3cError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
