"""``bm3c serve``: its settings table, the command it runs, ``--processes`` and its refusals.

No server is started here (``run_one`` and ``serve_processes`` are replaced), but
for :func:`test_run_one_returns_the_server_exit_code`, which runs a tiny Python.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from bm3c.cli import processes, serve
from bm3c.cli.main import main
from bm3c.cli.serve import SETTINGS, max_processes, run_one, setting_arguments, streamlit_command
from tests.conftest import ROOT

HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
SEVERAL = ROOT / "tests" / "model" / "broken" / "several-mistakes.yaml"
CONFIG = ROOT / ".streamlit" / "config.toml"


def _flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"server": {"port": 1}}`` -> ``{"server.port": 1}``."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat |= _flat(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def test_config_toml_says_what_the_settings_table_says_no_more_no_less() -> None:
    written = _flat(tomllib.loads(CONFIG.read_text(encoding="utf-8")))
    assert written == {s.option: s.value for s in SETTINGS}


def test_the_production_settings_are_in_the_table() -> None:
    table = {s.option: s.value for s in SETTINGS}
    assert table["server.fileWatcherType"] == "none"
    assert table["server.runOnSave"] is False
    assert table["runner.postScriptGC"] is False
    assert table["client.showErrorDetails"] in ("type", "none")


def test_each_setting_is_a_streamlit_option_of_its_type_named_once_and_says_why() -> None:
    from streamlit import config

    assert len({s.option for s in SETTINGS}) == len(SETTINGS)
    for setting in SETTINGS:
        default = config.get_option(setting.option)  # raises for an option Streamlit lacks
        assert type(default) is type(setting.value), setting.option
        assert len(setting.why.split()) >= 8, setting.option


def test_setting_arguments_write_booleans_as_streamlit_reads_them() -> None:
    arguments = setting_arguments()
    pairs = dict(zip(arguments[::2], arguments[1::2], strict=True))
    assert pairs["--runner.postScriptGC"] == "false"
    assert pairs["--runner.fastReruns"] == "true"
    assert pairs["--server.fileWatcherType"] == "none"
    assert len(pairs) == len(SETTINGS)


def test_streamlit_command_runs_the_app_with_every_setting() -> None:
    command = streamlit_command(8765, address="127.0.0.1", headless=True, extra=["--x", "y"])
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(serve.SCRIPT)]
    words = " ".join(command)
    assert "--server.port 8765" in words
    assert " ".join(setting_arguments()) in words
    assert "--server.headless true" in words
    assert "--server.address 127.0.0.1" in words
    assert command[-2:] == ["--x", "y"]
    bare = streamlit_command(8501)
    assert "--server.headless" not in bare
    assert "--server.address" not in bare


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """What ``bm3c serve`` would start: ``("one", command, env)`` or ``("many", kwargs)``."""
    calls: list[tuple[str, Any]] = []

    def one(command: Sequence[str], env: Mapping[str, str]) -> int:
        calls.append(("one", (list(command), dict(env))))
        return 0

    def many(count: int, address: str | None, port: int, env: Mapping[str, str], **kw: Any) -> int:
        calls.append(("many", dict(count=count, address=address, port=port, env=env) | kw))
        return 0

    monkeypatch.setattr(serve, "run_one", one)
    monkeypatch.setattr(processes, "serve_processes", many)
    return calls


def test_serve_one_process_passes_the_settings_model_and_database(
    started: list[tuple[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["serve", str(HALLE), "--port", "8765", "--headless", "--database-url", "sqlite:///w.db"]
    )
    assert code == 0
    [(kind, (command, env))] = started
    assert kind == "one"
    assert " ".join(setting_arguments()) in " ".join(command)
    assert "--server.port 8765" in " ".join(command)
    assert env["BM3C_MODEL"] == str(HALLE.resolve())
    assert env["BM3C_DATABASE_URL"] == "sqlite:///w.db"


def test_serve_processes_hands_everything_to_the_supervisor(
    started: list[tuple[str, Any]],
) -> None:
    code = main(
        [
            *("serve", str(HALLE), "--processes", "2", "--port", "8766"),
            *("--address", "0.0.0.0", "--workspace", "atelier", "--headless", "--lang", "fr"),
        ]
    )
    assert code == 0
    [(kind, given)] = started
    assert kind == "many"
    assert (given["count"], given["address"], given["port"]) == (2, "0.0.0.0", 8766)
    assert given["env"]["BM3C_WORKSPACE"] == "atelier"
    assert given["env"]["BM3C_MODEL"] == str(HALLE.resolve())
    assert given["headless"] is True
    assert given["lang"] == "fr"


@pytest.mark.parametrize("count", ["0", "-1", "max+1"])
def test_bad_processes_exit_2_with_a_clear_message(
    started: list[tuple[str, Any]], capsys: pytest.CaptureFixture[str], count: str
) -> None:
    given = str(max_processes() + 1) if count == "max+1" else count
    code = main(["serve", "--processes", given])
    _, err = capsys.readouterr()
    assert code == 2
    assert started == []
    assert f"--processes {given}: give between 1 and {max_processes()} processes" in err
    assert "Traceback" not in err


def test_bad_processes_in_french(
    started: list[tuple[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--processes", "0", "--lang", "fr"]) == 2
    assert "--processes 0 : il faut entre 1 et" in capsys.readouterr().err


def test_not_a_number_of_processes_is_refused_by_the_parser(
    started: list[tuple[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--processes", "two"])
    assert stopped.value.code == 2
    assert "argument --processes: invalid int value: 'two'" in capsys.readouterr().err
    assert started == []


def test_an_invalid_model_is_refused_before_any_process_starts(
    started: list[tuple[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(SEVERAL), "--processes", "2"]) == 2
    assert f"{SEVERAL}: invalid, 6 problems" in capsys.readouterr().err
    assert started == []


def test_run_one_returns_the_server_exit_code() -> None:
    assert run_one([sys.executable, "-c", "raise SystemExit(3)"], {}) == 3
