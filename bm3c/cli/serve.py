"""``bm3c serve``: the workshop app's server, with production settings, on one or more processes.

:data:`SETTINGS` is the one table of the Streamlit options a served app runs with
(``.streamlit/config.toml`` repeats it for ``streamlit run app.py``; a test checks
that the two agree). ``--processes 1`` (the default) runs one Streamlit server on
``--port``; ``--processes N`` runs N of them on loopback ports behind a proxy with
sticky sessions on ``--port`` (:mod:`bm3c.cli.processes`, :mod:`bm3c.cli.proxy`).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from bm3c.cli.language import add_language_option, chosen_language, helper, say
from bm3c.errors import Bm3cError
from bm3c.io import load_cooperation

__all__ = [
    "MAX_PROCESSES_PER_CORE",
    "SCRIPT",
    "SETTINGS",
    "Setting",
    "add_serve_parser",
    "cmd_serve",
    "max_processes",
    "run_one",
    "serve_environment",
    "setting_arguments",
    "streamlit_command",
]

SCRIPT = Path(__file__).parent.parent / "ui" / "main.py"  # runs run() as __main__
#: More processes than this many per core only share the same cores between more heaps.
MAX_PROCESSES_PER_CORE = 4


@dataclass(frozen=True)
class Setting:
    """One Streamlit option a served app runs with, and why.

    Attributes:
        option: Streamlit's name, ``section.name`` (``streamlit config show`` lists them).
        value: its value, as ``.streamlit/config.toml`` writes it.
        why: the reason it is set (what goes wrong without it).

    """

    option: str
    value: bool | str

    why: str

    def argument(self) -> list[str]:
        """The ``--section.name value`` pair of ``streamlit run``."""
        value = str(self.value).lower() if isinstance(self.value, bool) else self.value
        return [f"--{self.option}", value]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "server.fileWatcherType",
        "none",
        "A served app's source does not change while it runs. With a watcher, every tab's "
        "session watches every module of the package and, after each of its reruns, walks "
        "sys.modules for new ones to watch: work for nothing, once a second per open tab.",
    ),
    Setting(
        "server.runOnSave",
        False,
        "Never rerun the participants' pages because a source file changed on disk "
        "(Streamlit's default, pinned against a user's ~/.streamlit/config.toml).",
    ),
    Setting(
        "runner.postScriptGC",
        False,
        "Streamlit runs a full gc.collect(2) after every rerun: about 120 ms on the app's "
        "heap. Every tab reruns its live check once a second, so ten open tabs kept a core "
        "busy and a save reached the others late. Python's own generational collector "
        "still runs as usual.",
    ),
    Setting(
        "runner.fastReruns",
        True,
        "A new widget value stops the run in progress and starts the next one at once "
        "(a what-if slider dragged over several steps computes the last one, not each in "
        "turn). Streamlit's default, pinned against a user's configuration.",
    ),
    Setting(
        "client.showErrorDetails",
        "type",
        "An error that reaches the browser is a bug: a participant sees its kind, to tell "
        "the facilitator, not a Python traceback with the server's paths nor Streamlit's "
        "deprecation warnings; the full traceback is in the server's log.",
    ),
    Setting(
        "client.toolbarMode",
        "minimal",
        "No developer menu (rerun, clear cache, deploy) for the participants.",
    ),
    Setting(
        "browser.gatherUsageStats",
        False,
        "Streamlit would send usage statistics out; nothing about a workshop leaves the machine.",
    ),
    Setting(
        "server.showEmailPrompt",
        False,
        "The first `bm3c serve` on a laptop with a screen would otherwise wait for an "
        "e-mail address in the terminal before serving anyone.",
    ),
)


def setting_arguments(settings: Sequence[Setting] = SETTINGS) -> list[str]:
    """The ``--section.name value`` arguments of every setting, in the table's order."""
    return [word for setting in settings for word in setting.argument()]


def streamlit_command(
    port: int, *, address: str | None = None, headless: bool = False, extra: Sequence[str] = ()
) -> list[str]:
    """The ``python -m streamlit run bm3c/ui/main.py`` command of one server on ``port``."""
    command = [sys.executable, "-m", "streamlit", "run", str(SCRIPT), "--server.port", str(port)]
    command += setting_arguments()
    if headless:
        command += ["--server.headless", "true"]
    if address:
        command += ["--server.address", address]
    return command + list(extra)


def serve_environment(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The app's environment: the model to open, the workspace database and workspace."""
    env = dict(os.environ if environ is None else environ)
    if args.file:
        env["BM3C_MODEL"] = str(Path(args.file).resolve())
    if args.database_url:
        env["BM3C_DATABASE_URL"] = args.database_url
    if args.workspace:
        env["BM3C_WORKSPACE"] = args.workspace
    return env


def max_processes() -> int:
    """The most ``--processes`` accepted: four per core of this machine."""
    return MAX_PROCESSES_PER_CORE * (os.cpu_count() or 1)


def run_one(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Run one Streamlit server in the foreground until it stops; its exit code.

    Ctrl-C reaches the server too (same terminal): wait for it to finish. SIGTERM
    reaches only this process: pass it on, so that no server is left behind.
    """
    server = subprocess.Popen(list(command), env=dict(env))

    def pass_on(signum: int, frame: FrameType | None) -> None:
        server.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, pass_on)
    try:
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:
                continue  # the server got the same Ctrl-C: let it stop by itself
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the workshop app (Streamlit) in the foreground, on one or more processes."""
    lang = chosen_language(args)
    if not 1 <= args.processes <= max_processes():
        raise Bm3cError(
            say("serve.bad_processes", lang, count=args.processes, most=max_processes())
        )
    if args.file:
        load_cooperation(args.file)  # refuse an invalid file before starting a server
    env = serve_environment(args)
    if args.processes == 1:
        command = streamlit_command(args.port, address=args.address, headless=args.headless)
        return run_one(command, env)
    from bm3c.cli.processes import serve_processes  # only a proxied server needs asyncio

    return serve_processes(
        args.processes, args.address, args.port, env, headless=args.headless, lang=lang
    )


def add_serve_parser(sub: Any, lang: str) -> None:
    """Add ``bm3c serve`` to the command's subparsers."""
    h = helper(lang)
    p = sub.add_parser("serve", help=h("serve"))
    p.add_argument("file", nargs="?", metavar="FILE", help=h("serve_file"))
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--headless", action="store_true", help=h("headless"))
    p.add_argument("--address", help=h("address"))
    p.add_argument("--database-url", metavar="URL", help=h("serve_database"))
    p.add_argument("--workspace", help=h("serve_workspace"))
    p.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="N",
        help=h("serve_processes", most=max_processes()),
    )
    add_language_option(p, lang)
    p.set_defaults(run=cmd_serve)
