"""`chc codes` from the command line: what is shown, what is not, and the JSON shapes."""

from __future__ import annotations

import json

from conftest import run_chc


def test_list_of_editions_as_text() -> None:
    r = run_chc("codes")
    assert r.exit_code == 0
    for needle in ("2020", "2022", "2024", "2024-04-01", "in force", "73", "45", "27"):
        assert needle in r.stdout


def test_list_of_editions_as_json_is_exact() -> None:
    r = run_chc("codes", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert list(data) == ["editions", "regimes"]
    assert data["editions"][2] == {
        "edition": "2024",
        "title": "Complaint Handling Code 2024",
        "in_force_from": "2024-04-01",
        "in_force_to": None,
        "statutory": True,
        "provisions": 73,
        "self_assessed": 72,
        "must": 72,
        "should": 0,
    }
    assert [e["edition"] for e in data["editions"]] == ["2020", "2022", "2024"]
    assert data["editions"][1]["in_force_to"] == "2024-03-31"
    assert (data["editions"][1]["must"], data["editions"][1]["should"]) == (45, 27)


def test_one_edition_filtered_by_section_and_obligation() -> None:
    r = run_chc("codes", "2022", "--section", "5", "--obligation", "should", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    ids = [p["id"] for p in data["provisions"]]
    assert ids == ["5.2", "5.3", "5.4", "5.7", "5.14", "5.15", "5.18", "5.19"]
    assert data["counts"] == {"provisions": 75, "self_assessed": 72, "must": 45, "should": 27}
    first = data["provisions"][0]
    assert set(first) == {
        "id",
        "section",
        "title",
        "obligation",
        "self_assessed",
        "wording",
        "stage",
        "summary",
        "topics",
        "previously",
        "note",
        "cites",
        "checks",
    }


def test_topic_filter_and_text_table() -> None:
    r = run_chc("codes", "2024", "--topic", "timescale")
    assert r.exit_code == 0
    assert "6.3" in r.stdout and "6.14" in r.stdout
    assert "Section 6" in r.stdout
    ids = {
        line.split()[1]
        for line in r.stdout.splitlines()
        if line.startswith("│ ") and len(line.split()) > 1
    }
    assert "1.2" not in ids  # the definition has no timescale


def test_one_provision_with_its_timescale_and_counterparts() -> None:
    r = run_chc("codes", "2024", "6.3", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["provision"]["id"] == "6.3"
    assert data["timescales"] == [
        {
            "key": "stage1.respond",
            "amount": 10,
            "unit": "working_days",
            "from": "acknowledged",
            "provision": "6.3",
            "note": data["timescales"][0]["note"],
            "cites": ["U4"],
        }
    ]
    # The sources its notes cite (6.3 has no note; stage1.respond's cites the Ombudsman's page
    # for residents, U4; the landlord's copy of the Code it was read in is research, not cited).
    assert [(s["key"], s["dated"]) for s in data["sources"]] == [("U4", None)]
    assert [(p["edition"], p["id"]) for p in data["previously"]] == [("2022", "5.1")]
    text = run_chc("codes", "2024", "6.3").stdout
    assert "10 working days from acknowledgement" in text
    assert "Previously 2022 5.1" in text


def test_a_2022_provision_shows_what_it_became() -> None:
    data = json.loads(run_chc("codes", "2022", "4.1", "--format", "json").stdout)
    assert ("2024", "6.2") in {(p["edition"], p["id"]) for p in data["later"]}


def test_for_date_names_the_edition() -> None:
    r = run_chc("codes", "--for-date", "2023-05-01")
    assert r.exit_code == 0
    assert "2022 edition was in force" in r.stdout
    data = json.loads(run_chc("codes", "--for-date", "2024-04-01", "--format", "json").stdout)
    assert (data["date"], data["edition"]) == ("2024-04-01", "2024")


def test_checks_column() -> None:
    r = run_chc("codes", "2024", "--section", "5", "--checks")
    assert "stage_count" in r.stdout and "no_pre_complaint_steps" in r.stdout


def test_errors_exit_2_with_one_line() -> None:
    cases = [
        (("codes", "2023"), "unknown Code edition '2023'"),
        (("codes", "2024", "6.21"), "no provision '6.21'"),
        (("codes", "2024", "--section", "10"), "no section 10"),
        (("codes", "2024", "--obligation", "may"), "--obligation must be"),
        (("codes", "--for-date", "2019-12-31"), "before the first Complaint Handling Code"),
        (("codes", "--for-date", "2023-02-29"), "February 2023 has 28 days"),
        (("codes", "missing.yaml"), "missing.yaml: file not found"),
    ]
    for args, message in cases:
        r = run_chc(*args)
        assert r.exit_code == 2, args
        assert message in r.stderr, (args, r.stderr)
        assert r.stderr.count("\n") == 1, r.stderr
        assert "Traceback" not in r.stderr


def test_version() -> None:
    from chc import __version__

    r = run_chc("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"chc {__version__}"


def test_check_kinds_are_documented_from_the_registry() -> None:
    from chc.policy.checks import KINDS

    data = json.loads(run_chc("codes", "--check-kinds", "--format", "json").stdout)
    assert [k["kind"] for k in data["kinds"]] == list(KINDS)
    for k in data["kinds"]:
        assert k["summary"] and k["fails"] and k["passes"]
    text = run_chc("codes", "--check-kinds").stdout
    assert "max_duration" in text and "parameter timescale:" in text


def test_debug_shows_the_exception_instead_of_one_line() -> None:
    from typer.testing import CliRunner

    from chc.cli import load_commands
    from chc.cli.app import app

    load_commands()
    from chc.errors import CodeFileError

    result = CliRunner().invoke(app, ["--debug", "codes", "2023"])
    assert isinstance(result.exception, CodeFileError)


def test_assumptions_of_an_edition_are_listed_once_with_their_ids_in_json() -> None:
    r = run_chc("codes", "2024", "--assumptions", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["edition"] == "2024"
    ids = [a["id"] for a in data["assumptions"]]
    assert "working-day" in ids
    assert len(ids) == len(set(ids))
    for a in data["assumptions"]:
        assert a["statement"] and a["sources"]
        assert all(p["edition"] == "2024" for p in a["applies_to"])


def test_assumptions_as_text_are_numbered_in_peoples_words_within_80_columns() -> None:
    r = run_chc("codes", "2024", "--assumptions")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    data = json.loads(run_chc("codes", "2024", "--assumptions", "--format", "json").stdout)
    starts = [line for line in lines if line[:1].isdigit()]
    assert [s.split(".")[0] for s in starts] == [
        str(n) for n in range(1, len(data["assumptions"]) + 1)
    ]
    assert all(len(line) <= 80 for line in lines)
    # continuation lines hang under the statement, and the ids stay in JSON
    assert all(line.startswith("   ") for line in lines if not line[:1].isdigit())
    for a in data["assumptions"]:
        assert f"[{a['id']}]" not in r.stdout
