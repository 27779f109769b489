"""``bm3c models ...``: the workspace store from the command line.

The access code of a protected workspace comes from ``BM3C_ACCESS_CODE`` or, in a
terminal, from a prompt; never from an argument, which would stay in the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bm3c.edit.differences import describe_differences
from bm3c.errors import Bm3cError
from bm3c.export.formats import DOCUMENT_FORMATS, export_file
from bm3c.io import dump_cooperation, load_cooperation
from bm3c.store import (
    DEFAULT_DATABASE,
    DEFAULT_WORKSPACE,
    AccessDeniedError,
    Store,
    UnknownWorkspaceError,
    database_url,
    model_slug,
)

__all__ = ["add_models_parser"]

CODE_VARIABLE = "BM3C_ACCESS_CODE"
NEW_CODE_VARIABLE = "BM3C_NEW_ACCESS_CODE"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _database_error(error: Exception) -> Bm3cError:
    """One line saying why the database cannot be used (never the URL: it may hold a password)."""
    if isinstance(error, ModuleNotFoundError):
        return Bm3cError(
            f"the database driver '{error.name}' is missing: "
            "pip install 'bm3c[postgresql]' for PostgreSQL"
        )
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return Bm3cError(f"cannot use the database: {reason}")


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise Bm3cError("no access code given") from None


def _open(url: str, workspace: str, code: str | None) -> Store:
    try:
        return Store(url, workspace, code=code)
    except UnknownWorkspaceError as error:
        raise UnknownWorkspaceError(
            f"{error} (bm3c models workspace-create {workspace} adds it)"
        ) from None
    except (SQLAlchemyError, ModuleNotFoundError) as error:
        raise _database_error(error) from None


def _store(args: argparse.Namespace) -> Store:
    """The workspace named by ``--workspace``, asking for its access code when it has one."""
    url, workspace = database_url(args.database_url), args.workspace
    code = os.environ.get(CODE_VARIABLE) or None
    try:
        return _open(url, workspace, code)
    except AccessDeniedError as error:
        if code is not None:
            raise
        if not _interactive():
            raise AccessDeniedError(f"{error}: set {CODE_VARIABLE}") from None
    return _open(url, workspace, _ask(f"access code of workspace '{workspace}': "))


def _new_code(args: argparse.Namespace, workspace: str, variable: str) -> str | None:
    """A workspace's new access code: none (--no-code), ``variable``, or typed twice."""
    if args.no_code:
        return None
    code = os.environ.get(variable)
    if code:
        return code
    if not _interactive():
        raise Bm3cError(f"set {variable} to the new access code, or pass --no-code")
    code = _ask(f"new access code for '{workspace}' (at least 6 characters): ")
    if _ask("the same code again: ") != code:
        raise Bm3cError("the two codes differ: nothing changed")
    return code


def cmd_workspace_create(args: argparse.Namespace) -> int:
    """Add a workspace to the database, protected by an access code unless --no-code."""
    code = _new_code(args, args.id, CODE_VARIABLE)
    try:
        Store.create_workspace(
            database_url(args.database_url), args.id, name=args.name or args.id, code=code
        )
    except ValueError as error:
        raise Bm3cError(str(error)) from None
    except (SQLAlchemyError, ModuleNotFoundError) as error:
        raise _database_error(error) from None
    protection = "protected by an access code" if code else "open to anyone with the database"
    print(f"workspace '{args.id}' created, {protection}")
    return 0


def cmd_workspace_code(args: argparse.Namespace) -> int:
    """Set, change or remove the access code of the workspace named by --workspace."""
    store = _store(args)  # the current code, if any, is asked first
    code = _new_code(args, store.workspace, NEW_CODE_VARIABLE)
    try:
        store.set_code(code)
    except ValueError as error:
        raise Bm3cError(str(error)) from None
    state = "now protected by the new access code" if code else "now open to anyone"
    print(f"workspace '{store.workspace}' {state}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List the workspace's models (or the trash)."""
    rows = _store(args).list_models(trash=args.trash)
    if not rows:
        print("the trash is empty" if args.trash else "no model in the workspace yet")
    for m in rows:
        print(f"{m.id:30}  rev {m.head:>4}  {m.name}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Every revision of a model, oldest first."""
    for r in _store(args).history(args.model):
        parent = f"from {r.parent}" if r.parent else "new"
        when = r.created_at.strftime("%Y-%m-%d %H:%M")
        print(f"{r.number:>4}  {when}  {r.author:20}  {parent:9}  {r.message}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one revision (the latest by default) as YAML."""
    sys.stdout.write(
        dump_cooperation(_store(args).revision(args.model, args.revision).cooperation())
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one revision to a YAML or JSON file."""
    coop = _store(args).revision(args.model, args.revision).cooperation()
    fmt = "json" if args.output.lower().endswith(".json") else "yaml"
    Path(args.output).write_text(dump_cooperation(coop, fmt), encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write a saved model's workshop report (with its logbook) or workbook."""
    from bm3c.export.logbook_summary import logbook_summary

    fmt = args.to or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in DOCUMENT_FORMATS:
        raise Bm3cError(
            f"--to: say which format to write ({', '.join(DOCUMENT_FORMATS)}); "
            f"'{args.output}' does not tell it by its extension"
        )
    store = _store(args)
    coop = store.revision(args.model, args.revision).cooperation()
    summary = logbook_summary(store, args.model, coop, args.lang) if fmt != "xlsx" else None
    try:
        Path(args.output).write_bytes(export_file(coop, fmt, args.lang, summary))
    except OSError as error:
        raise Bm3cError(f"cannot write {args.output}: {error.strerror}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Save a model file into the workspace: a new model, or a new revision of one."""
    coop = load_cooperation(args.file)
    store = _store(args)
    model_id = args.id or model_slug(coop.name)
    head = store.head(model_id)
    revision = store.save(
        model_id,
        coop,
        author=args.author,
        parent=head or None,
        message=args.message or f"import {Path(args.file).name}",
    )
    print(f"{model_id}: revision {revision.number}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed between two revisions, in words."""
    store = _store(args)
    newer = args.to if args.to is not None else store.head(args.model)
    before = store.revision(args.model, args.since).cooperation()
    after = store.revision(args.model, newer).cooperation()
    lines = describe_differences(before, after)
    print(
        f"{args.model}: revision {args.since} → {newer}: "
        + (f"{len(lines)} change(s)" if lines else "no change")
    )
    for line in lines:
        print(f"  {line}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Make an old revision the latest again (as a new revision)."""
    revision = _store(args).restore(args.model, args.revision, author=args.author)
    print(f"{args.model}: revision {args.revision} restored as revision {revision.number}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Move a model to the trash, or back with --undo."""
    store = _store(args)
    if args.undo:
        store.undelete(args.model)
        print(f"{args.model}: back from the trash")
    else:
        store.delete(args.model)
        print(f"{args.model}: moved to the trash (bm3c models delete --undo {args.model})")
    return 0


def add_models_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``bm3c models`` and its commands."""
    models = sub.add_parser("models", help="the workspace of saved models and their history")
    models.add_argument(
        "--database-url",
        metavar="URL",
        help=f"default: BM3C_DATABASE_URL, else sqlite:///{DEFAULT_DATABASE}",
    )
    models.add_argument(
        "--workspace",
        metavar="ID",
        default=os.environ.get("BM3C_WORKSPACE") or DEFAULT_WORKSPACE,
        help=f"default: BM3C_WORKSPACE, else '{DEFAULT_WORKSPACE}'; the access code of a "
        f"protected one comes from {CODE_VARIABLE}, or is asked in a terminal",
    )
    verbs = models.add_subparsers(dest="verb", required=True, metavar="VERB")
    author = getpass.getuser() or "bm3c"

    p = verbs.add_parser("list", help="the models of the workspace")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.set_defaults(run=cmd_list)
    p = verbs.add_parser("history", help="every revision of a model")
    p.add_argument("model")
    p.set_defaults(run=cmd_history)
    p = verbs.add_parser("show", help="print a revision as YAML")
    p.add_argument("model")
    p.add_argument("--revision", type=int, help="default: the latest")
    p.set_defaults(run=cmd_show)
    p = verbs.add_parser("export", help="write a revision to a file")
    p.add_argument("model")
    p.add_argument("--revision", type=int, help="default: the latest")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=cmd_export)
    p = verbs.add_parser(
        "report",
        help="write a saved model's workshop report (HTML, PDF: with its logbook) or workbook",
    )
    p.add_argument("model")
    p.add_argument("--revision", type=int, help="default: the latest")
    p.add_argument("--to", choices=DOCUMENT_FORMATS, help="default: the extension of -o")
    p.add_argument("--lang", choices=("fr", "en"), default="fr")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=cmd_report)
    p = verbs.add_parser("import", help="save a model file into the workspace")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--id", help="workspace id (default: from the cooperation's name)")
    p.add_argument("--author", default=author)
    p.add_argument("--message")
    p.set_defaults(run=cmd_import)
    p = verbs.add_parser("diff", help="what changed between two revisions, in words")
    p.add_argument("model")
    p.add_argument("since", type=int, help="the older revision")
    p.add_argument("to", type=int, nargs="?", help="the newer revision (default: the latest)")
    p.set_defaults(run=cmd_diff)
    p = verbs.add_parser("restore", help="make an old revision the latest again")
    p.add_argument("model")
    p.add_argument("revision", type=int)
    p.add_argument("--author", default=author)
    p.set_defaults(run=cmd_restore)
    p = verbs.add_parser("delete", help="move a model to the trash")
    p.add_argument("model")
    p.add_argument("--undo", action="store_true", help="bring it back from the trash")
    p.set_defaults(run=cmd_delete)
    p = verbs.add_parser(
        "workspace-create",
        help="add a workspace (a collective's own models) to the database",
        description=f"The access code comes from {CODE_VARIABLE}, or is asked twice "
        "in a terminal; --no-code makes an open workspace.",
    )
    p.add_argument("id", metavar="ID", help="lowercase letters, digits and dashes")
    p.add_argument("--name", help="shown to the participants (default: the id)")
    p.add_argument("--no-code", action="store_true", help="no access code: open to all")
    p.set_defaults(run=cmd_workspace_create)
    p = verbs.add_parser(
        "workspace-code",
        help="set, change or remove the access code of the --workspace (default one included)",
        description=f"The current code comes from {CODE_VARIABLE} or is asked; the new one "
        f"from {NEW_CODE_VARIABLE}, or is asked twice in a terminal; --no-code removes it.",
    )
    p.add_argument("--no-code", action="store_true", help="remove the access code")
    p.set_defaults(run=cmd_workspace_code)
