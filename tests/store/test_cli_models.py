"""``bm3c models`` on a temporary SQLite workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from bm3c.cli import main
from bm3c.io import load_cooperation

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "passerelles.yaml"


def run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["models", "--database-url", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_history_export_restore_and_trash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
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
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, f"sqlite:///{tmp_path / 'ws.db'}", "history", "absent")
    assert code == 2
    assert "no model 'absent' in the workspace" in err


def test_diff_between_two_revisions_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ws.db'}"
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
        "passerelles: revision 1 → 2: 1 change(s)",
        "  name 'Passerelles' → 'Passerelles 2'",
    ]
