"""``bm3c models`` on a fresh database (SQLite and PostgreSQL): models, workspaces, codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bm3c.cli import models as cli_models
from bm3c.cli.main import main
from bm3c.io import load_cooperation
from bm3c.store import Store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "passerelles.yaml"
CODE = "jardins-2026"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BM3C_DATABASE_URL", "BM3C_WORKSPACE", "BM3C_ACCESS_CODE", "BM3C_NEW_ACCESS_CODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli_models, "_interactive", lambda: False)


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A terminal where the user types the answers appended to the list; records prompts."""
    answers: list[str] = []
    asked: list[str] = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(cli_models, "_interactive", lambda: True)
    monkeypatch.setattr(cli_models.getpass, "getpass", getpass)
    yield answers
    assert not answers, f"not asked: {answers} (asked: {asked})"


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["models", "--database-url", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_history_export_restore_and_trash(
    capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path
) -> None:
    url = database_url
    assert run(capsys, url, "list")[1] == "no model in the workspace yet\n"
    assert run(capsys, url, "import", str(EXAMPLE), "--author", "Anne")[1] == (
        "passerelles: revision 1\n"
    )
    run(capsys, url, "import", str(EXAMPLE), "--author", "Bruno", "--message", "encore")
    code, out, _ = run(capsys, url, "history", "passerelles")
    assert code == 0
    assert [line.split()[3] for line in out.splitlines()] == ["Anne", "Bruno"]
    target = tmp_path / "out.json"
    assert run(capsys, url, "export", "passerelles", "--revision", "1", "-o", str(target))[0] == 0
    assert load_cooperation(target) == load_cooperation(EXAMPLE)
    code, out, _ = run(capsys, url, "show", "passerelles")
    assert code == 0 and out.startswith("bm3c: 1")
    assert "restored as revision 3" in run(capsys, url, "restore", "passerelles", "1")[1]
    run(capsys, url, "delete", "passerelles")
    assert run(capsys, url, "list")[1] == "no model in the workspace yet\n"
    assert "passerelles" in run(capsys, url, "list", "--trash")[1]
    run(capsys, url, "delete", "--undo", "passerelles")
    assert "passerelles" in run(capsys, url, "list")[1]


def test_unknown_model_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    code, out, err = run(capsys, database_url, "history", "absent")
    assert (code, out) == (2, "")
    assert err == "error: no model 'absent' in the workspace\n"


def test_diff_between_two_revisions_in_words(
    capsys: pytest.CaptureFixture[str], database_url: str, tmp_path: Path
) -> None:
    url = database_url
    run(capsys, url, "import", str(EXAMPLE))
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "name: Passerelles\n", "name: Passerelles 2\n", 1
        ),
        encoding="utf-8",
    )
    run(capsys, url, "import", str(edited), "--id", "passerelles")
    code, out, _ = run(capsys, url, "diff", "passerelles", "1")
    assert code == 0
    assert out.splitlines() == [
        "passerelles: revision 1 → 2: 1 change",
        "  name: Passerelles → Passerelles 2",
    ]


def test_a_protected_workspace_takes_its_code_from_the_environment(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database_url
    monkeypatch.setenv("BM3C_ACCESS_CODE", CODE)
    assert run(capsys, url, "workspace-create", "coll-a", "--name", "Collectif A") == (
        0,
        "workspace 'coll-a' created, protected by an access code\n",
        "",
    )
    assert run(capsys, url, "--workspace", "coll-a", "import", str(EXAMPLE))[1] == (
        "passerelles: revision 1\n"
    )
    assert "passerelles" in run(capsys, url, "--workspace", "coll-a", "list")[1]
    monkeypatch.setenv("BM3C_WORKSPACE", "coll-a")
    assert "passerelles" in run(capsys, url, "list")[1]
    assert run(capsys, url, "--workspace", "default", "list")[1] == (
        "no model in the workspace yet\n"
    )
    assert Store(url, "coll-a", code=CODE).name == "Collectif A"


def test_a_wrong_or_missing_code_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.create_workspace(database_url, "coll-a", name="A", code=CODE).save(
        "passerelles", load_cooperation(EXAMPLE), author="Anne", message="import", parent=None
    )
    assert run(capsys, database_url, "--workspace", "coll-a", "list") == (
        2,
        "",
        "error: workspace 'coll-a' needs its access code: set BM3C_ACCESS_CODE\n",
    )
    monkeypatch.setenv("BM3C_ACCESS_CODE", "jardins-2025")
    assert run(capsys, database_url, "--workspace", "coll-a", "show", "passerelles") == (
        2,
        "",
        "error: wrong access code for workspace 'coll-a'\n",
    )


def test_in_a_terminal_the_code_is_asked(
    capsys: pytest.CaptureFixture[str], database_url: str, prompts: list[str]
) -> None:
    prompts += [CODE, CODE]
    assert run(capsys, database_url, "workspace-create", "coll-a")[0] == 0
    assert Store(database_url, "coll-a", code=CODE).name == "coll-a"
    prompts.append(CODE)
    assert run(capsys, database_url, "--workspace", "coll-a", "list")[0] == 0
    assert run(capsys, database_url, "list")[0] == 0  # the open default asks nothing


def test_creating_a_workspace_refuses_mismatched_short_or_missing_codes(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, database_url, "workspace-create", "coll-a")[2] == (
        "error: set BM3C_ACCESS_CODE to the new access code, or pass --no-code\n"
    )
    monkeypatch.setattr(cli_models, "_interactive", lambda: True)
    answers = iter([CODE, "jardins-2027"])
    monkeypatch.setattr(cli_models.getpass, "getpass", lambda _prompt: next(answers))
    assert run(capsys, database_url, "workspace-create", "coll-a") == (
        2,
        "",
        "error: the two codes differ: nothing changed\n",
    )
    monkeypatch.setenv("BM3C_ACCESS_CODE", "abc")
    assert run(capsys, database_url, "workspace-create", "coll-a")[2] == (
        "error: an access code needs at least 6 characters\n"
    )
    assert run(capsys, database_url, "--workspace", "coll-a", "list") == (
        2,
        "",
        "error: no workspace 'coll-a' here (bm3c models workspace-create coll-a adds it)\n",
    )
    assert run(capsys, database_url, "workspace-create", "Coll A", "--no-code")[0] == 2
    assert run(capsys, database_url, "workspace-create", "coll-a", "--no-code")[1] == (
        "workspace 'coll-a' created, open to anyone with the database\n"
    )
    assert run(capsys, database_url, "workspace-create", "coll-a", "--no-code")[2] == (
        "error: workspace 'coll-a' exists already\n"
    )
    assert run(capsys, database_url, "--workspace", "coll-a", "list")[0] == 0


def test_the_code_is_never_a_command_line_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["models", "--code", CODE, "list"])
    with pytest.raises(SystemExit):
        main(["models", "workspace-create", "coll-a", "--code", CODE])
    capsys.readouterr()


def test_an_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "postgresql+psycopg://bm3c:secret@127.0.0.1:9/none", "list")
    assert (code, out) == (2, "")
    assert err.startswith("error: cannot use the database: ") and err.count("\n") == 1
    assert "secret" not in err


def test_the_default_workspace_can_be_protected_and_opened_again(
    capsys: pytest.CaptureFixture[str], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database_url
    run(capsys, url, "import", str(EXAMPLE))
    monkeypatch.setenv("BM3C_NEW_ACCESS_CODE", CODE)
    assert run(capsys, url, "workspace-code") == (
        0,
        "workspace 'default' now protected by the new access code\n",
        "",
    )
    code, out, err = run(capsys, url, "list")
    assert (code, out) == (2, "")
    assert "needs its access code" in err
    monkeypatch.setenv("BM3C_ACCESS_CODE", CODE)
    assert "passerelles" in run(capsys, url, "list")[1]
    monkeypatch.delenv("BM3C_NEW_ACCESS_CODE")
    assert run(capsys, url, "workspace-code", "--no-code")[1] == (
        "workspace 'default' now open to anyone\n"
    )
    monkeypatch.delenv("BM3C_ACCESS_CODE")
    assert "passerelles" in run(capsys, url, "list")[1]
