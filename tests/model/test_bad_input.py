"""Bad input: every file of ``broken/`` is refused with located, helpful problems.

DOMAIN, "Bad input": loading never crashes and never half-loads; every problem is
reported at once, each as ``path.to.field: what is wrong``. Each corpus file holds one
kind of mistake (``several-mistakes.yaml`` holds six); the table below gives, for each
file, the EXACT paths of the problems it must produce and, for each path, fragments of
the message that make it helpful (what is wrong, the known names, a did-you-mean).
File-level problems (syntax, size, tags) have the empty path and give a line instead.

Entries marked xfail(strict) describe the right behaviour where the code is wrong
today; the reason says what to fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from bm3c.errors import FileTooLargeError, InvalidModelError, Problem
from bm3c.io import load_cooperation, parse_cooperation
from bm3c.model import Cooperation, find_warnings
from bm3c.parsing import MAX_FILE_BYTES

BROKEN = Path(__file__).resolve().parent / "broken"
VALID_WITH_WARNING = "warning-idle-member.yaml"
MEMBERS = "known: la-boucle, r3, slow-fest"
PARTIES = "known: halle, la-boucle, market, metropole, r3, slow-fest"

Expected = tuple[tuple[str, tuple[str, ...]], ...]


def case(name: str, *expected: tuple[str, str | tuple[str, ...]], xfail: str = "") -> Any:
    """One table row: a corpus file and its expected (path, message fragments) pairs."""
    rows: Expected = tuple(
        (path, (fragments,) if isinstance(fragments, str) else fragments)
        for path, fragments in expected
    )
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(name, rows, id=name, marks=marks)


SEVERAL_MISTAKES: Expected = (
    ("shared_entity.reserve_fraction", ("at most 1", "1.5")),
    (
        "members.slow-fest.capacity_hour",
        ("unknown key 'capacity_hour'", "did you mean 'capacity_hours'"),
    ),
    ("activities.cafe-cantine.costs[0].amount_eur", ("at least 0", "-25000")),
    ("activities.recyclerie.carrier", ("unknown carrier 'r4'", "known: halle, la-boucle, r3")),
    ("activities.cafe-cantine.work[1].member", ("unknown member 'slow-fst'", MEMBERS)),
    ("flows[0].to", ("unknown party 'hall'", "did you mean 'halle'")),
)

CASES = [
    # --- unknown keys, with a did-you-mean --------------------------------------------
    case(
        "unknown-key-member.yaml",
        (
            "members.slow-fest.capacity_hour",
            ("unknown key 'capacity_hour'", "known:", "did you mean 'capacity_hours'"),
        ),
    ),
    case(
        "unknown-key-top-level.yaml",
        ("activites", ("unknown key 'activites'", "known:", "did you mean 'activities'")),
    ),
    case(
        "unknown-key-work-line.yaml",
        (
            "activities.recyclerie.work[0].paid_hour",
            ("unknown key 'paid_hour'", "known:", "did you mean 'paid_hours'"),
        ),
    ),
    # --- duplicate and reserved ids ---------------------------------------------------
    case("duplicate-member-id.yaml", ("members.r3", ("duplicate id 'r3'", "unique"))),
    case(
        "duplicate-activity-member-id.yaml",
        ("activities.r3", ("duplicate id 'r3'", "members.r3")),
    ),
    case("reserved-id-market.yaml", ("actors.market", ("'market' is reserved", "another id"))),
    case(
        "invalid-id-slug.yaml",
        ("members[2].id", ("'Slow Fest' is not a valid id", "e.g. 'slow-fest'")),
    ),
    # --- dangling references ----------------------------------------------------------
    case(
        "unknown-carrier.yaml",
        (
            "activities.recyclerie.carrier",
            ("unknown carrier 'r4'", "known: halle, la-boucle, r3, slow-fest"),
        ),
    ),
    case(
        "unknown-work-member.yaml",
        (
            "activities.cafe-cantine.work[1].member",
            ("unknown member 'slow-fst'", MEMBERS, "did you mean 'slow-fest'"),
        ),
    ),
    case(
        "unknown-work-member.json",
        (
            "activities.cafe-cantine.work[1].member",
            ("unknown member 'slow-fst'", MEMBERS, "did you mean 'slow-fest'"),
        ),
    ),
    case(
        "unknown-revenue-from.yaml",
        (
            "activities.cafe-cantine.revenues[1].from",
            ("'metropolle'", PARTIES, "did you mean 'metropole'"),
        ),
    ),
    case(
        "unknown-cost-to.yaml",
        (
            "activities.cafe-cantine.costs[1].to",
            ("'la-bouccle'", PARTIES, "did you mean 'la-boucle'"),
        ),
    ),
    case("unknown-flow-to.yaml", ("flows[0].to", ("'hall'", PARTIES, "did you mean 'halle'"))),
    case(
        "unknown-requires-member.yaml",
        ("activities.cafe-cantine.requires[1]", ("unknown member 'ecoagir'", MEMBERS)),
    ),
    case(
        "requires-invalid-id.yaml",
        (
            "activities.cafe-cantine.requires[0]",
            ("'La Boucle' is not a valid id", "e.g. 'la-boucle'"),
        ),
    ),
    case(
        "unknown-weights-member.yaml",
        ("sharing.weights.slowfest", ("unknown member 'slowfest'", "did you mean 'slow-fest'")),
    ),
    # --- negative numbers -------------------------------------------------------------
    case(
        "negative-amount.yaml",
        ("activities.cafe-cantine.costs[0].amount_eur", ("at least 0", "-25000")),
    ),
    case(
        "negative-hours.yaml",
        ("activities.cafe-cantine.work[1].volunteer_hours", ("at least 0", "-200")),
    ),
    case(
        "negative-quantity.yaml",
        ("activities.cafe-cantine.revenues[0].quantity", ("at least 0", "-6000")),
    ),
    case("negative-capacity.yaml", ("members.la-boucle.capacity_hours", ("at least 0", "-1600"))),
    case("negative-hourly-cost.yaml", ("members.r3.hourly_cost_eur", ("at least 0", "-25"))),
    case("weights-negative.yaml", ("sharing.weights.r3", ("at least 0", "-1"))),
    # --- amounts of lines and flows ---------------------------------------------------
    case(
        "line-amount-and-quantity.yaml",
        ("activities.cafe-cantine.revenues[0]", ("amount_eur", "unit_price_eur", "not both")),
    ),
    case(
        "line-without-amount.yaml",
        ("activities.cafe-cantine.costs[0]", ("missing amount", "amount_eur", "unit_price_eur")),
    ),
    case(
        "line-quantity-without-price.yaml",
        ("activities.cafe-cantine.revenues[0]", ("unit_price_eur is missing",)),
    ),
    case(
        "line-total-overflows.yaml",
        ("activities.cafe-cantine.revenues[0]", ("too large",)),
    ),
    case("money-flow-without-amount.yaml", ("flows[1]", ("money flow", "amount_eur"))),
    case(
        "line-paid-by-own-carrier.yaml",
        ("activities.recyclerie.revenues[0].from", ("'r3' carries this activity",)),
    ),
    # --- the shared entity and sharing ------------------------------------------------
    case(
        "reserve-fraction-above-one.yaml",
        ("shared_entity.reserve_fraction", ("at most 1", "57.5")),
    ),
    case("reserve-fraction-negative.yaml", ("shared_entity.reserve_fraction", ("at least 0",))),
    case("weights-missing-member.yaml", ("sharing.weights", ("no weight for slow-fest",))),
    case("weights-all-zero.yaml", ("sharing.weights", ("all weights are zero",))),
    # --- labels and work lines --------------------------------------------------------
    case(
        "duplicate-revenue-label.yaml",
        ("activities.cafe-cantine.revenues", ("two lines with the label 'Repas'",)),
    ),
    case(
        "duplicate-cost-label.yaml",
        ("activities.cafe-cantine.costs", ("two lines with the label 'Denrées'",)),
    ),
    case("duplicate-flow-label.yaml", ("flows", ("two flows with the label 'Prêt de matériel'",))),
    case(
        "duplicate-work-line.yaml",
        ("activities.cafe-cantine.work[2].member", ("second work line for 'slow-fest'",)),
    ),
    case(
        "work-line-without-hours.yaml",
        ("activities.cafe-cantine.work[1]", ("paid_hours or volunteer_hours",)),
    ),
    case(
        "reimbursed-without-paid-hours.yaml",
        ("activities.cafe-cantine.work[1]", ("reimbursed: true needs paid_hours",)),
    ),
    # --- the cooperation as a whole ---------------------------------------------------
    case("one-member.yaml", ("members", ("at least 2 members", "found 1"))),
    case("wrong-version.yaml", ("bm3c", ("'2'", "1"))),
    case("missing-version.yaml", ("bm3c", ("required",))),
    case(
        "version-as-text.json",
        ("bm3c", ("number",)),
    ),
    case("wrong-type.yaml", ("activities.recyclerie.work[0].paid_hours", ("expected a number",))),
    # --- scenarios --------------------------------------------------------------------
    case(
        "scenario-path-matches-nothing.yaml",
        (
            "scenarios.subvention-perdue.changes[0]",
            ("no item with label 'Subventoin'", "known: Repas, Subvention", "did you mean"),
        ),
    ),
    case(
        "scenario-unknown-activity.yaml",
        ("scenarios.plus-de-repas.changes[0]", ("no item with id 'cafe'", "cafe-cantine")),
    ),
    case(
        "scenario-leaves-model-invalid.yaml",
        (
            "scenarios.loyer-negatif",
            ("activities.cafe-cantine.costs[1].amount_eur", "at least 0"),
        ),
    ),
    # --- the file itself --------------------------------------------------------------
    case("unsafe-yaml-tag.yaml", ("", ("line 3", "unsafe", "python/object/apply"))),
    case("yaml-syntax-error.yaml", ("", ("invalid YAML", "line 8"))),
    case("repeated-key.yaml", ("", ("line 27", "'carrier' appears twice", "line 26"))),
    case(
        "repeated-key.json",
        ("", ("'amount_eur' appears twice", "line")),
    ),
    case("invalid-json.json", ("", ("invalid JSON", "line 4"))),
    case("not-a-mapping.yaml", ("", ("mapping", "found list"))),
    case("not-a-mapping.json", ("", ("mapping", "found list"))),
    case("empty.yaml", ("", ("mapping", "found nothing"))),
    case("deep-nesting.json", ("", ("nest",))),
    case(
        "yaml-complex-key.yaml",
        ("", ("line 4",)),
    ),
    case(
        "alias-bomb.yaml",
        ("name", ("expected text",)),
        ("x-bomb", ("unknown key 'x-bomb'",)),
    ),
    # --- all at once --------------------------------------------------------------------
    case("several-mistakes.yaml", *SEVERAL_MISTAKES),
]


def problems_of(path: Path) -> tuple[Problem, ...]:
    """The problems load_cooperation reports; fails if the file loads."""
    try:
        coop = load_cooperation(path)
    except InvalidModelError as error:
        assert error.problems, "InvalidModelError without any problem"
        return error.problems
    pytest.fail(f"{path.name} loaded as a model instead of being refused: {coop.name!r}")


def describe(problems: tuple[Problem, ...]) -> str:
    return "\n".join(f"  {p.path!r}: {p.message}" for p in problems)


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_broken_file_reports_exactly_its_problems(name: str, expected: Expected) -> None:
    problems = problems_of(BROKEN / name)
    got = describe(problems)
    assert sorted(p.path for p in problems) == sorted(path for path, _ in expected), got
    for path, fragments in expected:
        messages = [p.message for p in problems if p.path == path]
        assert any(all(f in m for f in fragments) for m in messages), (
            f"no message at {path!r} contains all of {fragments}:\n{got}"
        )


def test_every_corpus_file_is_in_the_table() -> None:
    in_table = {p.values[0] for p in CASES}
    on_disk = {p.name for p in BROKEN.iterdir()} - {VALID_WITH_WARNING}
    assert in_table == on_disk
    assert len(on_disk) >= 24


NOT_REFUSED: dict[str, str] = {}


def corpus_files(more_xfails: dict[str, str] | None = None) -> list[Any]:
    """Every broken file, xfail where it is not refused today or where ``more_xfails`` says."""
    reasons = NOT_REFUSED | (more_xfails or {})
    files = sorted(p.name for p in BROKEN.iterdir() if p.name != VALID_WITH_WARNING)
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=reasons[name])] if name in reasons else [],
        )
        for name in files
    ]


def refused(path: Path) -> InvalidModelError:
    with pytest.raises(InvalidModelError) as caught:
        load_cooperation(path)
    return caught.value


@pytest.mark.parametrize("name", corpus_files())
def test_problems_are_printed_as_path_colon_message(name: str) -> None:
    error = refused(BROKEN / name)
    text = str(error)
    assert str(BROKEN / name) in text
    assert f"{len(error.problems)} problem(s)" in text
    for p in error.problems:
        assert p.message.strip() and p.message == p.message.strip()
        assert str(p) == (f"{p.path}: {p.message}" if p.path else p.message)
        assert str(p) in text
        assert "\n" not in p.message


@pytest.mark.parametrize(
    "name",
    corpus_files(),
)
def test_messages_stay_short(name: str) -> None:
    for p in problems_of(BROKEN / name):
        assert len(p.message) <= 400, f"{p.path}: {p.message[:200]}... ({len(p.message)} chars)"


def test_several_mistakes_are_reported_together() -> None:
    path = BROKEN / "several-mistakes.yaml"
    error = refused(path)
    assert len(error.problems) == len(SEVERAL_MISTAKES)
    for where, fragments in SEVERAL_MISTAKES:
        assert any(
            p.path == where and all(f in p.message for f in fragments) for p in error.problems
        )
    assert f"{len(SEVERAL_MISTAKES)} problem(s)" in str(error)


def test_same_mistake_in_yaml_and_json_gets_the_same_problem() -> None:
    yaml_problems = problems_of(BROKEN / "unknown-work-member.yaml")
    json_problems = problems_of(BROKEN / "unknown-work-member.json")
    assert yaml_problems == json_problems


def test_unsafe_yaml_tag_runs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model file ran a command")

    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    problems = problems_of(BROKEN / "unsafe-yaml-tag.yaml")
    assert [p.path for p in problems] == [""]


def test_member_contributing_nothing_is_a_warning_not_an_error() -> None:
    coop = load_cooperation(BROKEN / VALID_WITH_WARNING)
    assert isinstance(coop, Cooperation)
    assert coop.member_ids == ("la-boucle", "r3", "slow-fest")
    warnings = find_warnings(coop)
    assert [w.path for w in warnings] == ["members.slow-fest"]
    assert "contributes nothing" in warnings[0].message


# --- size ----------------------------------------------------------------------------------

BASE = (BROKEN / VALID_WITH_WARNING).read_text(encoding="utf-8")


def test_file_over_5_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    padding = "# " + "x" * 98 + "\n"
    big.write_text(BASE + padding * (MAX_FILE_BYTES // len(padding) + 1), encoding="utf-8")
    assert big.stat().st_size > MAX_FILE_BYTES
    error = refused(big)
    assert isinstance(error, FileTooLargeError)
    assert [p.path for p in error.problems] == [""]
    assert "5 MB" in error.problems[0].message
    assert "above" in error.problems[0].message
    assert str(big) in str(error)


def test_text_over_5_mb_is_refused_by_parse_cooperation() -> None:
    text = BASE + " " * (MAX_FILE_BYTES + 1 - len(BASE.encode()))
    assert len(text.encode()) == MAX_FILE_BYTES + 1
    with pytest.raises(FileTooLargeError) as caught:
        parse_cooperation(text, "yaml", "big.yaml")
    error = caught.value
    assert "5 MB" in error.problems[0].message


def test_file_of_exactly_5_mb_loads(tmp_path: Path) -> None:
    data = json.dumps(yaml.safe_load(BASE), ensure_ascii=False)
    exact = tmp_path / "exact.json"
    body = data.encode()
    exact.write_bytes(body[:-1] + b" " * (MAX_FILE_BYTES - len(body)) + body[-1:])
    assert exact.stat().st_size == MAX_FILE_BYTES
    assert load_cooperation(exact).member_ids == ("la-boucle", "r3", "slow-fest")


# --- other ways in ---------------------------------------------------------------------------


def test_missing_file_is_an_invalid_model_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    error = refused(missing)
    assert [p.path for p in error.problems] == [""]
    assert "cannot read the file" in error.problems[0].message
    assert str(missing) in str(error)


def test_directory_is_an_invalid_model_error(tmp_path: Path) -> None:
    error = refused(tmp_path)
    assert "cannot read the file" in error.problems[0].message


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes(BASE.encode("latin-1", errors="replace"))
    error = refused(latin1)
    assert [p.path for p in error.problems] == [""]
    assert "UTF-8" in error.problems[0].message


def test_yaml_merge_key_may_override_a_merged_value(tmp_path: Path) -> None:
    text = BASE.replace(
        "      - {member: r3, paid_hours: 900}\n",
        "      - &work {member: r3, paid_hours: 900}\n      - {<<: *work, member: slow-fest}\n",
    )
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    work = load_cooperation(path).activities[1].work
    assert [(w.member, w.paid_hours) for w in work] == [("r3", 900), ("slow-fest", 900)]


ALIAS_BOMB = textwrap.dedent(
    """\
    import sys, time
    from bm3c.errors import InvalidModelError
    from bm3c.io import parse_cooperation
    base = open(sys.argv[1], encoding="utf-8").read()
    levels = "".join(
        f"  - &a{i + 1} [{', '.join(['*a' + str(i)] * 10)}]\\n" for i in range(8)
    )
    text = "x-bomb:\\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\\n" + levels
    text += base.replace("name: Mini halle", "name: *a8", 1)
    assert len(text) < 3000
    try:
        parse_cooperation(text, "yaml", "bomb.yaml")
    except InvalidModelError as error:
        print(max(len(p.message) for p in error.problems))
    """
)


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    script = tmp_path / "bomb.py"
    script.write_text(ALIAS_BOMB, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, str(script), str(BROKEN / VALID_WITH_WARNING)],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("still parsing after 5 s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) <= 400
