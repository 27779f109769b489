"""``bm3c game FILE``: outputs on a small game, and every kind of bad file.

Called in-process through :func:`bm3c.cli.main`; one run of the real console script
checks the exit code and that no traceback reaches the user.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bm3c.cli.main import main

BM3C = Path(sys.executable).with_name("bm3c")

# AB 90, AC 80, BC 70, ABC 105: empty core, least-core ε = 10, nucleolus (45, 35, 25)
# (see tests/fairness/test_stability.py); Shapley (40, 35, 30) by the formula.
EMPTY_CORE = """\
name: Three pairs
players: [Ludosens, Terre d'Osmose, Tiers-Lieu]
values:
  Ludosens+Terre d'Osmose: 90
  Ludosens + Tiers-Lieu: 80
  Tiers-Lieu+Terre d'Osmose: 70
  Ludosens+Terre d'Osmose+Tiers-Lieu: 105
"""


@pytest.fixture
def game_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.yaml"
    path.write_text(EMPTY_CORE, encoding="utf-8")
    return path


def test_text_output_lists_every_allocation_and_the_core(
    game_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["game", str(game_file)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Three pairs"
    header = lines[1].split()
    assert header[:3] == ["player", "alone", "Shapley"]
    assert "nucleolus" in header and "SCRB" in header and "proportional" in header
    ludosens = next(line for line in lines if line.startswith("Ludosens"))
    assert ludosens.split()[1:4] == ["0.00", "40.00", "45.00"]
    assert "core: empty (least-core ε = 10.00)" in out
    assert "Ludosens and Terre d'Osmose would together gain 15 by working without the others" in out


def test_json_output(game_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["game", str(game_file), "--format", "json", "--top", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["players"] == ["Ludosens", "Terre d'Osmose", "Tiers-Lieu"]
    assert set(report["allocations"]) == {
        "shapley",
        "nucleolus",
        "scrb",
        "equal_surplus",
        "proportional",
    }
    assert report["allocations"]["shapley"] == pytest.approx(
        {"Ludosens": 40, "Terre d'Osmose": 35, "Tiers-Lieu": 30}
    )
    assert report["allocations"]["nucleolus"] == pytest.approx(
        {"Ludosens": 45, "Terre d'Osmose": 35, "Tiers-Lieu": 25}
    )
    assert report["core"]["empty"] is True
    assert report["core"]["least_core_epsilon"] == pytest.approx(10)
    shapley = report["stability"]["shapley"]
    assert shapley["in_core"] is False
    assert [b["coalition"] for b in shapley["blocking"]] == ["Ludosens+Terre d'Osmose"]
    assert shapley["blocking"][0]["gain"] == pytest.approx(15)


def test_json_file_and_non_empty_core(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "game.json"
    path.write_text(json.dumps({"players": ["A", "B"], "values": {"A": 2, "B": 4, "A+B": 12}}))
    assert main(["game", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["allocations"]["nucleolus"] == pytest.approx({"A": 5, "B": 7})
    assert report["core"]["empty"] is False
    assert all(check["in_core"] for check in report["stability"].values())


BAD_FILES = {
    "unknown player": ("players: [A, B]\nvalues: {A+Z: 3}\n", "values.A+Z", "unknown player 'Z'"),
    "duplicate coalition": (
        "players: [A, B]\nvalues: {A+B: 3, B+A: 4}\n",
        "values.B+A",
        "same coalition as 'A+B'",
    ),
    "not a number": ("players: [A, B]\nvalues: {A: ten}\n", "values.A", "must be a number"),
    "not finite": ("players: [A, B]\nvalues: {A: .nan}\n", "values.A", "finite"),
    "boolean": ("players: [A, B]\nvalues: {A: true}\n", "values.A", "must be a number"),
    "empty coalition": ("players: [A, B]\nvalues: {'∅': 5}\n", "values.∅", "v(∅) must be 0"),
    "too many players": (
        "players: [" + ", ".join(f"P{i}" for i in range(21)) + "]\nvalues: {}\n",
        "players",
        "at most 20",
    ),
    "repeated player": ("players: [A, A]\nvalues: {}\n", "players[1]", "listed twice"),
    "plus in a name": ("players: [A+B, C]\nvalues: {}\n", "players[0]", "no '+'"),
    "player twice in a coalition": ("players: [A, B]\nvalues: {A+A: 1}\n", "values.A+A", "twice"),
    "missing players": ("values: {A: 1}\n", "players", "missing"),
    "missing values": ("players: [A]\n", "values", "missing"),
    "values not a mapping": ("players: [A]\nvalues: [1, 2]\n", "values", "must map"),
    "unknown field": ("players: [A]\nvalues: {}\nplayer: [B]\n", "player", "unknown field"),
    "not a mapping": ("- A\n- B\n", "", "a game file is a mapping"),
    "bad yaml": ("players: [A\n", "", "invalid YAML"),
}


@pytest.mark.parametrize(("text", "field", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_exit_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["game", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    problems = [line.strip() for line in err.splitlines()[1:]]
    expected_start = f"{field}: " if field else ""
    assert any(p.startswith(expected_start) and message in p for p in problems), err


def test_every_problem_is_listed_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("players: [A, B]\nvalues: {A: x, A+Z: 1, B: 2, '': 3}\n", encoding="utf-8")
    assert main(["game", str(path)]) == 2
    err = capsys.readouterr().err
    assert "invalid, 3 problem(s)" in err
    assert "values.A: " in err and "values.A+Z: " in err and "values.: " in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["game", str(tmp_path / "nowhere.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_console_script_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("players: [A, B]\nvalues: {A+Z: 3}\n", encoding="utf-8")
    result = subprocess.run(
        [str(BM3C), "game", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "values.A+Z: unknown player 'Z' (players: A, B)" in result.stderr


def test_the_bundled_workshop_game(capsys: pytest.CaptureFixture[str]) -> None:
    """examples/games/atelier-a-trois.yaml, worked by hand.

    Alone 20 000, 10 000, 0; pairs 40 000 (R+É), 35 000 (R+A), 25 000 (É+A); all 60 000.
    Shapley of R: (1/3)·20 000 + (1/6)·(40 000 − 10 000) + (1/6)·(35 000 − 0)
    + (1/3)·(60 000 − 25 000) = 6 666.67 + 5 000 + 5 833.33 + 11 666.67 = 29 166.67.
    """
    path = Path(__file__).resolve().parents[2] / "examples" / "games" / "atelier-a-trois.yaml"
    assert main(["game", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    shapley = report["allocations"]["shapley"]
    assert shapley["Ressourcerie"] == pytest.approx(29166.6667, abs=0.01)
    assert sum(shapley.values()) == pytest.approx(60000)
