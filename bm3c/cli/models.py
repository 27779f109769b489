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

from bm3c.cli.language import (
    add_language_option,
    chosen_language,
    helper,
    localize_error,
    say,
    say_count,
)
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
from bm3c.texts.format import when

__all__ = ["add_models_parser"]

CODE_VARIABLE = "BM3C_ACCESS_CODE"
NEW_CODE_VARIABLE = "BM3C_NEW_ACCESS_CODE"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _database_error(error: Exception, lang: str) -> Bm3cError:
    """One line saying why the database cannot be used (never the URL: it may hold a password)."""
    if isinstance(error, ModuleNotFoundError):
        return Bm3cError(say("models.driver_missing", lang, name=error.name))
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    return Bm3cError(say("models.database_unusable", lang, reason=reason))


def _ask(prompt: str, lang: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise Bm3cError(say("models.no_code_given", lang)) from None


def _open(url: str, workspace: str, code: str | None, lang: str) -> Store:
    try:
        return Store(url, workspace, code=code)
    except UnknownWorkspaceError as error:
        hint = say("models.create_hint", lang, id=workspace)
        raise UnknownWorkspaceError(f"{localize_error(str(error), lang)} ({hint})") from None
    except (SQLAlchemyError, ModuleNotFoundError) as error:
        raise _database_error(error, lang) from None


def _store(args: argparse.Namespace) -> Store:
    """The workspace named by ``--workspace``, asking for its access code when it has one."""
    lang = chosen_language(args)
    url, workspace = database_url(args.database_url), args.workspace
    code = os.environ.get(CODE_VARIABLE) or None
    try:
        return _open(url, workspace, code, lang)
    except AccessDeniedError as error:
        if code is not None:
            raise
        if not _interactive():
            hint = say("models.set_code", lang, variable=CODE_VARIABLE)
            raise AccessDeniedError(f"{localize_error(str(error), lang)}: {hint}") from None
    return _open(url, workspace, _ask(say("models.ask_code", lang, id=workspace), lang), lang)


def _new_code(args: argparse.Namespace, workspace: str, variable: str) -> str | None:
    """A workspace's new access code: none (--no-code), ``variable``, or typed twice."""
    lang = chosen_language(args)
    if args.no_code:
        return None
    code = os.environ.get(variable)
    if code:
        return code
    if not _interactive():
        raise Bm3cError(say("models.set_new_code", lang, variable=variable))
    code = _ask(say("models.ask_new_code", lang, id=workspace), lang)
    if _ask(say("models.ask_again", lang), lang) != code:
        raise Bm3cError(say("models.codes_differ", lang))
    return code


def cmd_workspace_create(args: argparse.Namespace) -> int:
    """Add a workspace to the database, protected by an access code unless --no-code."""
    lang = chosen_language(args)
    code = _new_code(args, args.id, CODE_VARIABLE)
    try:
        Store.create_workspace(
            database_url(args.database_url), args.id, name=args.name or args.id, code=code
        )
    except ValueError as error:
        raise Bm3cError(localize_error(str(error), lang)) from None
    except (SQLAlchemyError, ModuleNotFoundError) as error:
        raise _database_error(error, lang) from None
    created = "models.created_protected" if code else "models.created_open"
    print(say(created, lang, id=args.id))
    return 0


def cmd_workspace_code(args: argparse.Namespace) -> int:
    """Set, change or remove the access code of the workspace named by --workspace."""
    lang = chosen_language(args)
    store = _store(args)  # the current code, if any, is asked first
    code = _new_code(args, store.workspace, NEW_CODE_VARIABLE)
    try:
        store.set_code(code)
    except ValueError as error:
        raise Bm3cError(localize_error(str(error), lang)) from None
    state = "models.code_set" if code else "models.code_removed"
    print(say(state, lang, id=store.workspace))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List the workspace's models (or the trash)."""
    lang = chosen_language(args)
    rows = _store(args).list_models(trash=args.trash)
    if not rows:
        print(say("models.trash_empty" if args.trash else "models.empty", lang))
    for m in rows:
        print(f"{m.id:30}  {say('models.revision', lang, number=f'{m.head:>4}')}  {m.name}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Every revision of a model, oldest first."""
    lang = chosen_language(args)
    for r in _store(args).history(args.model):
        parent = say("models.from", lang, parent=r.parent) if r.parent else say("models.new", lang)
        stamp = when(r.created_at, lang)
        print(f"{r.number:>4}  {stamp}  {r.author:20}  {parent:12}  {r.message}")
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
    lang = chosen_language(args)
    try:
        Path(args.output).write_text(dump_cooperation(coop, fmt), encoding="utf-8")
    except OSError as error:
        reason = str(error.strerror)
        raise Bm3cError(say("cannot_write", lang, path=args.output, reason=reason)) from None
    print(say("wrote", lang, path=args.output), file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write a saved model's workshop report (with its logbook) or workbook."""
    from bm3c.export.logbook_summary import logbook_summary

    lang = chosen_language(args)
    fmt = args.to or Path(args.output).suffix.lstrip(".").lower()
    if fmt not in DOCUMENT_FORMATS:
        formats = ", ".join(DOCUMENT_FORMATS)
        raise Bm3cError(say("export.format_needed", lang, formats=formats, path=args.output))
    store = _store(args)
    coop = store.revision(args.model, args.revision).cooperation()
    summary = logbook_summary(store, args.model, coop, lang) if fmt in ("html", "pdf") else None
    try:
        Path(args.output).write_bytes(export_file(coop, fmt, lang, summary))
    except OSError as error:
        reason = str(error.strerror)
        raise Bm3cError(say("cannot_write", lang, path=args.output, reason=reason)) from None
    print(say("wrote", lang, path=args.output), file=sys.stderr)
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
        message=args.message
        or say("models.import_message", chosen_language(args), file=Path(args.file).name),
    )
    print(say("models.imported", chosen_language(args), id=model_id, number=revision.number))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What changed between two revisions, in words."""
    store = _store(args)
    newer = args.to if args.to is not None else store.head(args.model)
    before = store.revision(args.model, args.since).cooperation()
    after = store.revision(args.model, newer).cooperation()
    lang = chosen_language(args)
    lines = describe_differences(before, after, lang)
    fields = {"id": args.model, "since": args.since, "to": newer}
    if lines:
        print(say_count("models.diff", len(lines), lang, **fields))
    else:
        print(say("models.diff.none", lang, **fields))
    for line in lines:
        print(f"  {line}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Make an old revision the latest again (as a new revision)."""
    revision = _store(args).restore(args.model, args.revision, author=args.author)
    restored = {"id": args.model, "revision": args.revision, "number": revision.number}
    print(say("models.restored", chosen_language(args), **restored))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    """Move a model to the trash, or back with --undo."""
    lang = chosen_language(args)
    store = _store(args)
    if args.undo:
        store.undelete(args.model)
        print(say("models.untrashed", lang, id=args.model))
    else:
        store.delete(args.model)
        print(say("models.trashed", lang, id=args.model))
    return 0


def add_models_parser(sub: argparse._SubParsersAction, lang: str = "en") -> None:  # type: ignore[type-arg]
    """Register ``bm3c models`` and its commands, their help in ``lang``."""
    h = helper(lang)
    models = sub.add_parser("models", help=h("models"))
    add_language_option(models, lang)
    models.add_argument(
        "--database-url",
        metavar="URL",
        help=h("models_database", default=DEFAULT_DATABASE),
    )
    models.add_argument(
        "--workspace",
        metavar="ID",
        default=os.environ.get("BM3C_WORKSPACE") or DEFAULT_WORKSPACE,
        help=h("models_workspace", default=DEFAULT_WORKSPACE, variable=CODE_VARIABLE),
    )
    verbs = models.add_subparsers(dest="verb", required=True, metavar="VERB")
    author = getpass.getuser() or "bm3c"

    p = verbs.add_parser("list", help=h("list"))
    p.add_argument("--trash", action="store_true", help=h("trash"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_list)
    p = verbs.add_parser("history", help=h("history"))
    p.add_argument("model")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_history)
    p = verbs.add_parser("show", help=h("show"))
    p.add_argument("model")
    p.add_argument("--revision", type=int, help=h("revision"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_show)
    p = verbs.add_parser("export", help=h("models_export"))
    p.add_argument("model")
    p.add_argument("--revision", type=int, help=h("revision"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_export)
    p = verbs.add_parser(
        "report",
        help=h("report"),
    )
    p.add_argument("model")
    p.add_argument("--revision", type=int, help=h("revision"))
    p.add_argument("--to", choices=DOCUMENT_FORMATS, help=h("report_to"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_report)
    p = verbs.add_parser("import", help=h("import"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--id", help=h("import_id"))
    p.add_argument("--author", default=author)
    p.add_argument("--message")
    add_language_option(p, lang)
    p.set_defaults(run=cmd_import)
    p = verbs.add_parser("diff", help=h("diff"))
    p.add_argument("model")
    p.add_argument("since", type=int, help=h("since"))
    p.add_argument("to", type=int, nargs="?", help=h("to"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_diff)
    p = verbs.add_parser("restore", help=h("restore"))
    p.add_argument("model")
    p.add_argument("revision", type=int)
    p.add_argument("--author", default=author)
    add_language_option(p, lang)
    p.set_defaults(run=cmd_restore)
    p = verbs.add_parser("delete", help=h("delete"))
    p.add_argument("model")
    p.add_argument("--undo", action="store_true", help=h("undo"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_delete)
    p = verbs.add_parser(
        "workspace-create",
        help=h("workspace_create"),
        description=h("workspace_create_more", variable=CODE_VARIABLE),
    )
    p.add_argument("id", metavar="ID", help=h("workspace_id"))
    p.add_argument("--name", help=h("workspace_name"))
    p.add_argument("--no-code", action="store_true", help=h("no_code_open"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_workspace_create)
    p = verbs.add_parser(
        "workspace-code",
        help=h("workspace_code"),
        description=h("workspace_code_more", variable=CODE_VARIABLE, new=NEW_CODE_VARIABLE),
    )
    p.add_argument("--no-code", action="store_true", help=h("no_code_remove"))
    add_language_option(p, lang)
    p.set_defaults(run=cmd_workspace_code)
