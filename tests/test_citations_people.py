"""Output for people cites the Code data's sources as document, date and address, never by
the edition file's keys ("U4", "S1", "HOS-FAQ22"); the working-day notes name the bank
holidays of the --region in use (issue 13, "Faithful data, plainly shown")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chc.codes.citations import Citations, citation, date_words
from chc.codes.loading import load_builtin, load_edition
from chc.codes.notes import for_region
from chc.errors import ChcError
from conftest import run_chc

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CODE_VERSIONS = Path(__file__).resolve().parent.parent / "code_versions"
EDITIONS = ("2020", "2022", "2024")
# A complaint under each edition that touches every stage the edition has, with extensions.
RECEIVED = {"2020": "2021-05-04", "2022": "2023-05-02", "2024": "2024-05-01"}
ANY_KEY = re.compile(r"\b[USL]\d+\b")


def _bare_keys(edition: str, text: str) -> list[str]:
    """Every source key of ``edition`` (and anything shaped like "U4") standing in ``text``."""
    keys = [s.key for s in load_builtin(edition).sources]
    found = [k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text)]
    return found + ANY_KEY.findall(text)


def _deadlines(edition: str, *more: str) -> list[str]:
    day = RECEIVED[edition]
    args = ["deadlines", "--received", day, "--code", edition, "--as-of", "2025-01-31"]
    args += ["--stage1-extension", "5", "--stage2-requested", day, "--stage2-extension", "5"]
    if edition != "2024":
        args += ["--stage3-requested", day]
    text = run_chc(*args, *more)
    data = run_chc(*args, *more, "--format", "json")
    assert text.exit_code == 0 and data.exit_code == 0, text.stderr + data.stderr
    doc = json.loads(data.stdout)
    return [text.stdout, " ".join(doc["warnings"] + [a["statement"] for a in doc["assumptions"]])]


def _codes(edition: str) -> list[str]:
    out = [run_chc("codes", edition).stdout]
    # Every provision whose note (or timescale note) cites a source, shown one at a time.
    e = load_builtin(edition)
    cited = {p.id for p in e.provisions if p.cites}
    cited |= {t.provision for t in e.timescales if t.cites}
    for pid in sorted(cited):
        run = run_chc("codes", edition, pid)
        assert run.exit_code == 0, run.stderr
        out.append(run.stdout)
    return out


def _check_policy(edition: str) -> list[str]:
    out = []
    for policy in ("policy-2024-seed004.yaml", "policy-2020-seed003.yaml"):
        for fmt in ("text", "md", "html"):
            run = run_chc(
                "check-policy", str(EXAMPLES / policy), "--code", edition, "--format", fmt
            )
            assert run.exit_code in (0, 1), run.stderr
            out.append(run.stdout)
    return out


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_source_key_in_any_output_for_people(edition: str) -> None:
    outputs = _deadlines(edition) + _codes(edition) + _check_policy(edition)
    for out in outputs:
        assert _bare_keys(edition, out) == [], out


@pytest.mark.parametrize("edition", ["2022", "2024"])
def test_no_source_key_in_the_self_assessment_or_report(edition: str) -> None:
    answers = EXAMPLES / f"answers-{edition}.yaml"
    for fmt in ("md", "html"):
        run = run_chc("self-assessment", "render", str(answers), "--format", fmt)
        assert run.exit_code == 0, run.stderr
        assert _bare_keys(edition, run.stdout) == []
    report = run_chc(
        "report", str(EXAMPLES / "cases-2023-24.csv"), "--homes", "5762",
        "--from", "2023-04-01", "--to", "2024-03-31", "--landlord", "Example Homes",
        "--format", "md",
    )  # fmt: skip
    assert report.exit_code == 0, report.stderr
    assert _bare_keys(edition, report.stdout) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_data_notes_name_sources_in_words_and_cite_them_by_key(edition: str) -> None:
    e = load_builtin(edition)
    for text, cites in e.cited_notes():
        assert _bare_keys(edition, text) == [], text
        assert cites
    assert e.cited_notes(), "the notes rest on sources: each lists them in cites"


def test_a_citation_is_document_date_address() -> None:
    sources = {s.key: s for s in load_builtin("2024").sources}
    assert citation(sources["L7"]) == (
        "TCH: Changes to the Complaint Handling Code, 29 May 2024, "
        "https://tch.org.uk/2024/05/29/changes-to-the-complaint-handling-code/"
    )
    # A seed document has no address; an Ombudsman page carries no date of its own.
    assert citation(sources["S3"]) == "Black Country Housing Group: complaints policy, April 2024"
    assert citation(sources["U4"]).split(", ")[-2:] == [
        "undated",
        "https://housing-ombudsman.org.uk/residents/make-a-complaint/waiting-for-a-final-response",
    ]
    assert [date_words(d) for d in ("2020-07-17", "2021-12", "2022", None)] == [
        "17 July 2020",
        "December 2021",
        "2022",
        "undated",
    ]


def test_a_note_is_cited_by_its_sources_numbered_in_order() -> None:
    e = load_builtin("2024")
    c = Citations(e)
    respond = e.timescale("stage1.respond")
    extension = e.timescale("stage1.extension")
    deadline = e.provision("8.1")
    assert respond is not None and extension is not None and deadline is not None
    assert respond.note and extension.note and deadline.note
    # As chc deadlines prints them: the note after its key and provision.
    first = c.readable(f"stage1.respond (6.3): {respond.note}")
    second = c.readable(deadline.note)
    third = c.readable(extension.note)
    assert first.endswith("so that the count starts from it. [1]")  # U4
    assert second.endswith("financial year-end. [2]")  # U7
    assert third.endswith("not asked to agree. [1]")  # U4 again, keeping its number
    assert c.listing()[1] == (
        "[2] Housing Ombudsman Centre for Learning: CHC annual submissions (current deadlines), "
        "undated, "
        "https://www.housing-ombudsman.org.uk/centre-for-learning/key-topics/complaint-handling/"
        "chc-annual-submissions/"
    )
    assert c.readable("A note of no edition.") == "A note of no edition."


def test_deadlines_text_states_its_assumptions_not_their_sources() -> None:
    # Sources stay in the data and the docs (issue 24): a timeline states what chc assumed.
    text = " ".join(_deadlines("2024")[0].split())
    assert "Sources cited" not in text and "tch.org.uk" not in text
    assert "Assumptions 1. chc counts working days as Monday to Friday" in text
    # Another landlord's account is research, kept in the data's sources, never cited here.
    assert "TCH" not in text and "B3Living" not in text


NOTE = (
    "chc excludes Saturdays, Sundays and the bank holidays of the region chosen (--region;\n"
    "England and Wales unless another is given) and counts the day of the event as day 0."
)


def test_a_working_day_note_names_the_region() -> None:
    assert for_region(NOTE, "scotland") == (
        "chc excludes Saturdays, Sundays and the bank holidays of Scotland (--region; "
        "England and Wales unless another is given) and counts the day of the event as day 0."
    )
    assert "bank holidays of Northern Ireland (--region;" in for_region(NOTE, "northern-ireland")
    assert for_region(NOTE, None) == NOTE  # check-policy and chc codes: as written
    assert for_region("Weekends and bank holidays excluded.", "scotland") == (
        "Weekends and bank holidays excluded."
    )


@pytest.mark.parametrize(
    ("region", "name"),
    [
        ("scotland", "Scotland"),
        ("northern-ireland", "Northern Ireland"),
        (None, "England and Wales"),
    ],
)
def test_deadlines_notes_follow_the_region(region: str | None, name: str) -> None:
    more = ("--region", region) if region else ()
    text, _ = _deadlines("2024", *more)
    out = " ".join(text.split())
    assert f"Working days: Monday to Friday less {name} bank holidays" in out
    assert "region chosen" not in out
    others = {"England and Wales", "Scotland", "Northern Ireland"} - {name}
    assert not any(o in out for o in others)


def test_a_caseload_notes_follow_the_region_too(tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("reference,received\nA-1,2024-05-01\n", encoding="utf-8")
    run = run_chc(
        "deadlines", "--cases", str(cases), "--region", "scotland", "--as-of", "2024-06-03",
        "--format", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["region"] == "scotland"
    assert "region chosen" not in run.stdout


def _code_file(tmp_path: Path, old: str, new: str) -> Path:
    text = (CODE_VERSIONS / "2024.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "code.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_note_citing_an_unknown_source_is_bad_input(tmp_path: Path) -> None:
    path = _code_file(tmp_path, "  cites: [U4]\n", "  cites: [U4, U99]\n")
    with pytest.raises(ChcError, match=r"U99.*not among the sources") as err:
        load_edition(path)
    assert err.value.line is not None
    run = run_chc("codes", str(path))
    assert run.exit_code == 2 and "U99" in run.stderr and "Traceback" not in run.stderr


def test_a_source_date_must_be_a_date(tmp_path: Path) -> None:
    path = _code_file(tmp_path, 'dated: "2024-05-29"', 'dated: "29/05/2024"')
    run = run_chc("codes", str(path))
    assert run.exit_code == 2 and "dated must be YYYY" in run.stderr


def test_golden_people_views(golden: Any) -> None:
    """One complaint's timeline under --region scotland, and one provision in full: the notes
    with their citations and the sources listed (reviewed by hand when they change)."""
    day = RECEIVED["2024"]
    run = run_chc(
        "deadlines", "--received", day, "--stage1-extension", "5", "--stage2-requested",
        "2024-06-20", "--region", "scotland", "--as-of", "2024-07-31",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    golden("people/deadlines-2024-scotland.txt", run.stdout)
    golden("people/codes-2024-6.15.txt", run_chc("codes", "2024", "6.15").stdout)
