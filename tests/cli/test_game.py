"""``bm3c game FILE``: outputs on a small game, and every kind of bad file.

Called in-process through :func:`bm3c.cli.main`; one run of the real console script
checks the exit code and that no traceback reaches the user.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from bm3c.cli.main import main
from bm3c.engine import evaluate
from bm3c.engine.game import game_summary
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.model.years import year_view
from bm3c.present.problems import localize_problem
from bm3c.texts.format import money, number

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
    assert lines[:3] == ["Three pairs", "", "Shares of the value v(N)"]
    header = lines[3].split()
    assert header[:3] == ["Player", "Alone", "Shapley"]
    assert "Nucleolus" in header and "SCRB" in header and "Proportional" in header
    ludosens = next(line for line in lines if line.startswith("Ludosens"))
    assert ludosens.split()[1:4] == ["0.00", "40.00", "45.00"]
    assert "core: empty (least-core ε = 10.00)" in out
    assert (
        "Ludosens and Terre d'Osmose would together gain 15.00 by working without the others" in out
    )


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
    "not a mapping": ("- A\n- B\n", "", "neither a game (players, values) nor a cooperation"),
    "neither": ("title: x\n", "", "neither a game (players, values) nor a cooperation"),
    "unknown kind": ("kind: costs\nplayers: [A]\nvalues: {A: 1}\n", "kind", "'value' or 'cost'"),
    "cost game missing a coalition": (
        "kind: cost\nplayers: [A, B, C]\nvalues: {A: 1, B: 1, C: 1, A+B: 2, A+B+C: 3}\n",
        "values",
        "every coalition; missing: A+C, B+C",
    ),
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
    assert "invalid, 3 problems" in err
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


# --- cost games ----------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TVA = EXAMPLES / "games" / "tennessee-valley-authority.yaml"
TVA_PLAYERS = ["Navigation", "Flood control", "Power"]
# Straffin & Heaney (1981), as in tests/fairness/test_published_games.py: published
# Shapley cost shares (halves rounded down) and SCRB cost shares, thousands of dollars.
TVA_SHAPLEY = [117829, 100756, 193998]
TVA_SCRB = [117476, 99157, 195951]


def test_the_tva_cost_game_prints_the_published_shapley_shares_and_a_core(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["game", str(TVA)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Tennessee Valley Authority"
    assert "Cost game: the values are costs c(S)" in out
    assert "computed on the savings game v(S) = Σ c(i) − c(S)" in out
    header = next(line for line in lines if line.startswith("Player")).split()
    assert header[:4] == ["Player", "Cost", "alone", "Shapley"]
    rows = {name: next(line for line in lines if line.startswith(name)) for name in TVA_PLAYERS}
    # Shapley: 117 829, 100 756.5, 193 998.5 (the published figures, halves rounded down)
    assert rows["Navigation"].split()[1:3] == ["163,520.00", "117,829.00"]
    assert "100,756.50" in rows["Flood control"] and "193,998.50" in rows["Power"]
    assert "core of the cost game: the shares x with x(S) ≤ c(S)" in out
    assert "core: not empty (least-core ε = −47,286.00)" in out
    assert "core: empty" not in out
    assert "  Shapley: in the core" in out and "  Nucleolus: in the core" in out
    # the savings game, coalition by coalition: v(12) = 2 739, v(13) = 34 795, v(23) = 23 552
    assert "Navigation+Flood control        301,607.00      2,739.00" in out
    assert "Navigation+Power                378,821.00     34,795.00" in out
    assert "Navigation+Flood control+Power  412,584.00    141,858.00" in out


def test_the_tva_cost_game_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["game", str(TVA), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "cost"
    assert report["grand_coalition_value"] == 412584
    shares = report["allocations"]
    assert [math.floor(shares["shapley"][p]) for p in TVA_PLAYERS] == TVA_SHAPLEY
    assert [round(shares["scrb"][p]) for p in TVA_PLAYERS] == TVA_SCRB
    # nucleolus by hand (tests/fairness): the savings 141 858 split equally, 47 286 each
    assert [shares["nucleolus"][p] for p in TVA_PLAYERS] == pytest.approx([116234, 93540, 202810])
    for method, split in shares.items():
        assert sum(split.values()) == pytest.approx(412584), method
    saved = report["savings"]
    assert saved["grand_coalition"] == 141858
    assert saved["allocations"]["nucleolus"] == pytest.approx(dict.fromkeys(TVA_PLAYERS, 47286))
    assert saved["coalitions"]["Navigation+Power"] == {"cost": 378821, "savings": 34795}
    assert report["core"]["empty"] is False
    assert report["core"]["least_core_epsilon"] == pytest.approx(-47286)
    assert all(check["in_core"] for check in report["stability"].values())


def test_the_tva_costs_entered_as_values_have_an_empty_core(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The mistake the issue saw: read as values, every purpose 'would gain' by leaving."""
    as_values = tmp_path / "tva-values.yaml"
    as_values.write_text(TVA.read_text(encoding="utf-8").replace("kind: cost\n", ""), "utf-8")
    assert main(["game", str(as_values), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["core"]["empty"] is True


def test_the_tva_cost_game_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["game", str(TVA), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Jeu de coûts : les valeurs sont des coûts c(S)" in out
    assert "Parts du coût c(N)" in out and "Économies de chacun" in out
    row = next(line for line in out.splitlines() if line.startswith("Flood control"))
    assert number(100756.5, "fr", 2) in row
    assert f"cœur : non vide (ε du moindre cœur = {number(-47286, 'fr', 2)})" in out
    assert "  Shapley : dans le cœur" in out


def test_a_cost_game_with_an_empty_core_names_who_would_pay_less(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """By hand: c(i) = 1, c(pair) = 1, c(N) = 2. Savings v(pair) = 1, v(N) = 1; the core
    needs x_i + x_j ≥ 1 for each pair, so Σ x ≥ 3/2 > 1: empty (least-core ε = 1/3).
    Shapley saves 1/3 each: cost shares 2/3, and each pair pays 4/3 where it would pay 1."""
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "kind: cost\nplayers: [A, B, C]\n"
        "values: {A: 1, B: 1, C: 1, A+B: 1, A+C: 1, B+C: 1, A+B+C: 2}\n",
        encoding="utf-8",
    )
    assert main(["game", str(path), "--top", "1"]) == 0
    out = capsys.readouterr().out
    a = next(line for line in out.splitlines() if line.startswith("A "))
    assert a.split()[1:3] == ["1.00", "0.67"]
    assert "core: empty (least-core ε = 0.33)" in out
    assert "A and B would together pay 0.33 less without the others" in out
    assert main(["game", str(path), "--top", "1", "--lang", "fr"]) == 0
    assert "A et B paieraient ensemble 0,33 de moins sans les autres" in capsys.readouterr().out


def test_a_bad_game_file_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("kind: cost\nplayers: [A, B]\nvalues: {A: 1, A+Z: 3}\n", encoding="utf-8")
    assert main(["game", str(path), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert f"{path} : invalide, 1 problème" in err
    assert "values.A+Z : joueur inconnu « Z » (joueurs : A, B)" in err


# --- a model file: the cooperation's game ---------------------------------------------------


def test_a_model_file_gives_the_cooperation_s_game(capsys: pytest.CaptureFixture[str]) -> None:
    model = EXAMPLES / "passerelles.yaml"
    coop = load_cooperation(model)
    assert main(["game", str(model), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "value"
    assert report["players"] == list(coop.member_ids)
    assert report["model"]["player_names"] == {m.id: m.name for m in coop.members}
    summary = game_summary(year_view(coop, 0))  # what the Fairness page shows, first year
    for method, x in summary.allocations.items():
        assert report["allocations"][method] == pytest.approx(
            dict(zip(coop.member_ids, x.tolist(), strict=True))
        )
    ev = evaluate(coop)
    assert report["current_sharing"] == {m: ev.member(m).cash_result_eur for m in coop.member_ids}
    assert report["grand_coalition_value"] == pytest.approx(sum(report["current_sharing"].values()))
    assert report["stand_alone"] == pytest.approx(
        {m: ev.member(m).stand_alone_result_eur for m in coop.member_ids}
    )
    assert report["core"]["empty"] == summary.least_core.core_is_empty


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_model_file_as_text_names_members_and_money(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    model = EXAMPLES / "halle-des-transitions.yaml"
    coop = load_cooperation(model)
    summary = game_summary(coop)
    assert main(["game", str(model), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "unknown field" not in out
    lines = out.splitlines()
    for i, member in enumerate(coop.members):
        row = next(line for line in lines if line.startswith(member.name + " "))
        assert money(float(summary.allocations["shapley"][i]), coop.currency, lang) in row
    current = "Partage actuel" if lang == "fr" else "Current sharing"
    assert current in lines[5]
    words = "ce que le groupe S ferait sans les autres" if lang == "fr" else "would make without"
    assert words in out


def test_an_invalid_model_file_lists_its_problems_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = EXAMPLES.parent / "tests" / "model" / "broken" / "several-mistakes.yaml"
    assert main(["game", str(broken), "--lang", "fr"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{broken} : invalide, 6 problèmes" in err
    assert "unknown field" not in err
    with pytest.raises(InvalidModelError) as caught:
        load_cooperation(broken)
    for problem in caught.value.problems:  # worded as the app words them
        assert f"  {localize_problem(str(problem), 'fr')}" in err
    assert "activities.recyclerie.carrier : porteur inconnu « r4 »" in err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "members: 25 members: a cooperation's game is computed up to 24"),
        ("fr", "members : 25 structures : le jeu d'une coopération se calcule jusqu'à 24"),
    ],
)
def test_a_model_too_large_for_its_game_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    model = tmp_path / "big.yaml"
    sizes = ["--members", "25", "--activities", "30", "--flows", "5"]
    assert main(["generate", *sizes, "-o", str(model)]) == 0
    capsys.readouterr()
    assert main(["game", str(model), "--lang", lang]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    invalid = "invalide, 1 problème" if lang == "fr" else "invalid, 1 problem"
    assert err.splitlines() == [
        f"{model}{' :' if lang == 'fr' else ':'} {invalid}",
        f"  {expected}",
    ]
