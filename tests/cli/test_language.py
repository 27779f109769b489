"""The command line in French and English: ``--lang`` everywhere, the locale's default,
labels and units in the tables, the app's wording for a bad file, the same figures."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from bm3c.cli.language import environment_language
from bm3c.cli.main import build_parser, main
from bm3c.engine import evaluate
from bm3c.errors import InvalidModelError
from bm3c.io import load_cooperation
from bm3c.present.problems import localize_problem
from bm3c.texts.format import hours, money
from tests.conftest import ROOT

PASSERELLES = ROOT / "examples" / "passerelles.yaml"
HALLE = ROOT / "examples" / "halle-des-transitions.yaml"
BROKEN = ROOT / "tests" / "model" / "broken"
SEVERAL = BROKEN / "several-mistakes.yaml"
BM3C = Path(sys.executable).with_name("bm3c")
NBSP = "\u00a0"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- which language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_BE"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_US"}, "fr"),
        ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),  # an empty variable is not set
    ],
)
def test_the_locale_decides_the_default_language(environ: dict[str, str], lang: str) -> None:
    assert environment_language(environ) == lang


def test_a_french_locale_makes_french_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, _ = run(capsys, "evaluate", PASSERELLES)
    assert code == 0
    assert "Structures membres (par an)" in out
    code, out, _ = run(capsys, "evaluate", PASSERELLES, "--lang", "en")
    assert "Members (per year)" in out and "Structures membres" not in out


def test_the_console_script_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    done = subprocess.run(
        [str(BM3C), "validate", str(SEVERAL)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert f"{SEVERAL} : invalide, 6 problèmes" in done.stderr
    assert "Traceback" not in done.stderr


COMMANDS = [
    ["validate", "m.yaml"],
    ["evaluate", "m.yaml"],
    ["compare", "m.yaml"],
    ["budget", "m.yaml"],
    ["schema"],
    ["generate"],
    ["game", "g.yaml"],
    ["export", "m.yaml", "-o", "x.xlsx"],
    ["serve"],
    ["models", "list"],
    ["models", "history", "m"],
    ["models", "show", "m"],
    ["models", "export", "m", "-o", "x.yaml"],
    ["models", "report", "m", "-o", "x.html"],
    ["models", "import", "m.yaml"],
    ["models", "diff", "m", "1"],
    ["models", "restore", "m", "1"],
    ["models", "delete", "m"],
    ["models", "workspace-create", "w"],
    ["models", "workspace-code"],
]


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> set[tuple[str, ...]]:
    """Every command and sub-command the parser knows."""
    found: set[tuple[str, ...]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.add((*prefix, name))
                found |= _commands(sub, (*prefix, name))
    return found


def test_the_list_covers_every_command() -> None:
    leaves = {tuple(c[: 2 if c[0] == "models" else 1]) for c in COMMANDS}
    assert _commands(build_parser()) - {("models",)} == leaves


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_command_takes_lang(argv: list[str], lang: str) -> None:
    parser = build_parser()
    assert parser.parse_args([*argv, "--lang", lang]).lang == lang
    assert parser.parse_args(["--lang", lang, *argv]).lang == lang
    if argv[0] == "models":
        assert parser.parse_args(["models", "--lang", lang, *argv[1:]]).lang == lang
    assert not hasattr(parser.parse_args(argv), "lang")  # then the locale decides


def test_an_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["evaluate", str(PASSERELLES), "--lang", "de"])
    assert caught.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_help_says_how_the_default_is_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--lang {fr,en}" in text
    assert "LC_ALL, LC_MESSAGES and LANG" in text and "starts with 'fr'" in text


# --- evaluate: labels, units, names, the app's figures -------------------------------------


def test_evaluate_in_french_shows_labels_units_and_french_money(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ev = evaluate(load_cooperation(PASSERELLES))
    code, out, err = run(capsys, "evaluate", PASSERELLES, "--lang", "fr")
    assert (code, err) == (0, "")
    assert out.startswith("Passerelles — situation de base")
    for heading in ("Structures membres (par an)", "Activités", "Impacts", "Le collectif"):
        assert heading in out
    assert "Structure commune : SCIC Passerelles" in out
    lines = out.splitlines()
    impact = next(line for line in lines if line.startswith("Jeunes accompagnés"))
    assert impact.split()[-2:] == ["38", "personnes"]  # the whole cooperation: 20 + 18
    assert "young_people_accompanied" not in out
    for m in ev.members:  # the figures as the app writes them
        row = next(line for line in lines if line.startswith(m.name + " "))
        assert money(m.cash_result_eur, "EUR", "fr") in row
        assert money(m.gain_from_cooperation_eur, "EUR", "fr") in row
        assert hours(m.paid_hours, "fr") in row
    assert f"{NBSP}€" in out
    assert "Chaque structure gagne à coopérer : oui" in out


def test_evaluate_in_english_shows_labels_and_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evaluate", PASSERELLES, "--lang", "en")
    assert code == 0
    impact = next(line for line in out.splitlines() if line.startswith("Young people accompanied"))
    assert impact.split()[-2:] == ["38", "personnes"]
    assert "Area greened" in out and "1,800 m²" in out
    assert "Everyone gains from the cooperation: yes" in out


def test_activities_name_their_carrier(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    names = {m.id: m.name for m in coop.members} | {coop.shared_entity.id: coop.shared_entity.name}
    _, out, _ = run(capsys, "evaluate", HALLE, "--lang", "fr")
    lines = out.splitlines()
    for a in coop.activities:
        row = next(line for line in lines if line.startswith(a.name + " "))
        assert names[a.carrier] in row[len(a.name) :]


def test_evaluate_a_scenario_and_a_leaving_member_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    coop = load_cooperation(HALLE)
    leave = next((s for s in coop.scenarios if any(c.leave for c in s.changes)), None)
    if leave is None:
        pytest.skip("the Halle has no leave scenario")
    _, out, _ = run(capsys, "evaluate", HALLE, "--scenario", leave.id, "--lang", "fr")
    assert out.startswith(f"{coop.name} — {leave.name}")
    assert "(part : seule)" in out


def test_compare_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    code, out, _ = run(capsys, "compare", HALLE, "--lang", "fr")
    assert code == 0
    assert out.startswith(f"{coop.name} — scénarios comparés")
    for s in coop.scenarios:
        assert f"{s.id} : {s.name}" in out
    for heading in ("Résultat du collectif", "Heures salariées", "Gain de la coopération"):
        assert heading in out
    assert "Chaque structure gagne à coopérer — base : " in out


# --- bad input, in the user's language -----------------------------------------------------


def test_validate_a_bad_model_in_french_as_the_app_words_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(InvalidModelError) as caught:
        load_cooperation(SEVERAL)
    code, out, err = run(capsys, "validate", SEVERAL, "--lang", "fr")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"{SEVERAL} : invalide, 6 problèmes"
    assert lines[1:] == [f"  {localize_problem(str(p), 'fr')}" for p in caught.value.problems]
    assert "  members.slow-fest.capacity_hour : clé inconnue « capacity_hour »" in err
    assert "  activities.recyclerie.carrier : porteur inconnu « r4 »" in err
    assert "unknown" not in err


def test_validate_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", PASSERELLES, "--lang", "fr")
    assert code == 0
    assert out.startswith(f"{PASSERELLES} : valide — Passerelles : 3 structures membres, ")
    assert "8 activités" in out


def test_warnings_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", BROKEN / "warning-idle-member.yaml", "--lang", "fr")
    assert code == 0
    assert "attention : members.slow-fest : ne porte aucune activité et n'apporte rien" in out


def test_a_missing_file_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    code, out, err = run(capsys, "evaluate", missing, "--lang", "fr")
    assert (code, out) == (2, "")
    assert f"{missing} : invalide, 1 problème" in err
    assert "impossible de lire le fichier" in err


def test_an_unknown_scenario_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    coop = load_cooperation(HALLE)
    code, out, err = run(capsys, "evaluate", HALLE, "--scenario", "nope", "--lang", "fr")
    assert (code, out) == (2, "")
    known = ", ".join(s.id for s in coop.scenarios)
    assert err == f"erreur : scénario inconnu « nope » (connus : {known})\n"


def test_export_messages_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", PASSERELLES, "-o", tmp_path / "x.doc", "--lang", "fr")
    assert code == 2
    assert err.startswith(
        "erreur : --to : dites quel format écrire (xlsx, html, pdf, budget, png, svg)"
    )
    out_file = tmp_path / "rapport.html"
    code, _, err = run(capsys, "export", PASSERELLES, "-o", out_file, "--lang", "fr")
    assert code == 0
    assert err == f"écrit : {out_file}\n"
    assert 'lang="fr"' in out_file.read_text(encoding="utf-8")


def test_models_messages_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    models = ["models", "--database-url", url, "--lang", "fr"]
    assert run(capsys, *models, "list") == (
        0,
        "aucun modèle dans l'espace de travail pour l'instant\n",
        "",
    )
    assert run(capsys, *models, "import", PASSERELLES)[1] == "passerelles : révision 1\n"
    assert run(capsys, *models, "history", "absent") == (
        2,
        "",
        "erreur : aucun modèle « absent » dans l'espace de travail\n",
    )
    assert run(capsys, *models, "diff", "passerelles", "1")[1] == (
        "passerelles : révision 1 → 1 : aucun changement\n"
    )
    assert run(capsys, *models, "--workspace", "autre", "list") == (
        2,
        "",
        "erreur : aucun espace de travail « autre » ici "
        "(bm3c models workspace-create autre l'ajoute)\n",
    )


def test_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang=fr", "game", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert text.startswith("usage : bm3c game")
    assert "afficher cette aide et quitter" in text
    assert "« kind: cost » quand les valeurs sont des coûts" in text
    assert "commence par « fr »" in text


def test_help_follows_the_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    with pytest.raises(SystemExit):
        main(["models", "--help"])
    assert "l'espace de travail" in capsys.readouterr().out


def test_a_refused_argument_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["evaluate", str(PASSERELLES), "--format", "xml", "--lang", "fr"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage : bm3c evaluate")
    assert "erreur : argument --format : choix invalide : 'xml'" in err
