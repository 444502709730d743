"""What chc writes can never hurt its reader (issue 23): no cell a spreadsheet would run,
no control or bidi character sent to a terminal or written into a file, no traceback for
text no encoding can write, and "today" is the UK's day.

Each attack is built as a real input would carry it: a case file's reference, category
or header, a landlord's name or evidence in an answers file, a document's title.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chc import inert
from conftest import EXAMPLES, run_chc

ESC = "\x1b"
# Every attack on a terminal the issue lists: clear screen, an OSC-8 link, a right-to-left
# override, NUL and backspace.
HOSTILE = f"{ESC}[2J{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\\u202eevil\x00\x08"
NEVER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def case_file(folder: Path, rows: list[tuple[str, str]], extra: str = "category") -> Path:
    path = folder / "cases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["reference", "received", extra])
        for reference, category in rows:
            out.writerow([reference, "2024-05-01", category])
    return path


def cases(path: Path, *args: str) -> list[str]:
    return ["deadlines", "--cases", str(path), "--as-of", "2024-06-03", "--quiet", *args]


# -- CSV: no formula -----------------------------------------------------------------------

# (A leading tab or carriage return never reaches a writer from a case file, whose reader
# strips the space around a cell; the unit test below covers them.)
FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("where", ["stdout", "file"])
@pytest.mark.parametrize("summary", [[], ["--summary", "--format", "csv"]])
def test_a_formula_reference_is_written_as_text(
    tmp_path: Path, where: str, summary: list[str]
) -> None:
    path = case_file(tmp_path, [(f, "Repairs") for f in FORMULAS] + [("-12", ""), ("+3.5", "")])
    out = tmp_path / "due.csv"
    r = run_chc(*cases(path, *summary, *(["-o", str(out)] if where == "file" else [])))
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8") if where == "file" else r.stdout
    refs = {row["reference"] for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert refs == {"'" + f for f in FORMULAS} | {"-12", "+3.5"}  # numbers stay numbers
    for row in csv.DictReader(io.StringIO(text, newline="")):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["due"])  # dates are untouched


def test_csv_raw_keeps_the_values_for_programs(tmp_path: Path) -> None:
    path = case_file(tmp_path, [(f, "") for f in FORMULAS])
    r = run_chc(*cases(path, "--format", "csv-raw"))
    assert r.exit_code == 0, r.stderr
    refs = {row["reference"] for row in csv.DictReader(io.StringIO(r.stdout, newline=""))}
    assert refs == set(FORMULAS)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("@A1", "'@A1"),
        ("-12", "-12"), ("+3.5", "+3.5"), ("-1e5", "-1e5"), ("-", "'-"), ("a=b", "a=b"),
        ("2024-05-01", "2024-05-01"), ("", ""), ("x\ty", "x\ty"),
    ],
)  # fmt: skip
def test_a_csv_cell(value: str, written: str) -> None:
    import polars as pl

    assert inert.csv_cell(value) == written
    assert pl.DataFrame({"v": [value]}).select(inert.csv_column("v"))["v"][0] == written


def test_control_characters_in_a_csv_cell_are_shown(tmp_path: Path) -> None:
    path = case_file(tmp_path, [(f"A{ESC}[2J\u202e1", "")])
    r = run_chc(*cases(path))
    assert r.exit_code == 0, r.stderr
    assert NEVER.search(r.stdout) is None
    assert "A\\x1b[2J\\u202e1" in r.stdout


@given(st.text(max_size=30))
def test_the_scalar_and_the_columnar_csv_cell_agree(value: str) -> None:
    import polars as pl

    value = value.encode("utf-8", "replace").decode("utf-8")  # polars holds UTF-8 only
    column = pl.DataFrame({"v": [value]}).select(inert.csv_column("v"))["v"][0]
    assert column == inert.csv_cell(value)
    # The writers' shortcut: a column is left alone only if no cell of it would change. It
    # may be cautious (a number such as -0 starts like a formula and is then kept as it
    # is), never the other way: a cell that changes is always seen.
    if column != value:
        assert inert.csv_needs_care(pl.Series([value]))
    # A formula's start is always quoted; a plain number ("+0", "-1.5e3") is data and stays.
    number = re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", column)
    assert not re.match(r"[=+@\t\r]", column) or column.startswith("'") or number


# -- .xlsx: never a formula cell -----------------------------------------------------------


def answers_with(tmp_path: Path, evidence: str, landlord: str = "Example Homes") -> Path:
    """The example answers with the first item's evidence and the landlord replaced (YAML
    double-quoted, which reads JSON's escapes: a control character can be written so)."""
    text = (EXAMPLES / "answers-2024.yaml").read_text(encoding="utf-8")
    landlord_line = f"landlord: {json.dumps(landlord)}"
    text = re.sub(r"^landlord: .*$", lambda _: landlord_line, text, count=1, flags=re.M)
    evidence_line = f"    evidence: {json.dumps(evidence)}\n"
    text = re.sub(
        r"^    evidence: \|-\n(?:      .*\n|\n)*?(?=    commentary)", lambda _: evidence_line,
        text, count=1, flags=re.M,
    )  # fmt: skip
    assert evidence_line in text
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_writes_formula_looking_evidence_as_a_string_cell(tmp_path: Path) -> None:
    evidence = '=HYPERLINK("http://x","y")'
    out = tmp_path / "sa.xlsx"
    r = run_chc("self-assessment", "export", str(answers_with(tmp_path, evidence)), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    with zipfile.ZipFile(out) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "HYPERLINK" in xml
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(out)["Self-assessment"].iter_rows() for c in row]
    found = [c for c in cells if c.value == evidence]
    assert len(found) == 1 and found[0].data_type == "s"
    # Read back, the evidence is the same text.
    back = tmp_path / "back.yaml"
    r = run_chc("self-assessment", "import", str(out), "-o", str(back))
    assert r.exit_code == 0, r.stderr
    assert json.dumps(evidence) in back.read_text(encoding="utf-8")


def test_export_with_escape_in_evidence_is_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "sa.xlsx"
    answers = answers_with(tmp_path, f"red{ESC}[31m text", landlord=f"Evil{ESC}[2J Homes")
    r = run_chc("self-assessment", "export", str(answers), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    with zipfile.ZipFile(out) as book:
        xml = "".join(book.read(n).decode("utf-8") for n in book.namelist() if "sheet" in n)
    assert ESC not in xml and "red\\x1b[31m text" in xml and "Evil\\x1b[2J Homes" in xml


# -- the terminal, Markdown, HTML, Word, iCalendar -----------------------------------------


@pytest.mark.parametrize("summary", [[], ["--summary"]])
def test_the_text_views_show_control_characters(tmp_path: Path, summary: list[str]) -> None:
    folder = tmp_path / f"in{ESC}[2J"
    folder.mkdir()
    path = case_file(folder, [(f"R{HOSTILE}", f"Rep{HOSTILE}")], extra=f"category{ESC}[31m")
    args = ["deadlines", "--cases", str(path), "--as-of", "2024-06-03", "--format", "text"]
    r = run_chc(*args, *summary, env={"COLUMNS": "200"})  # not --quiet: the header is said
    assert r.exit_code == 0, r.stderr
    assert NEVER.search(r.stdout) is None, repr(r.stdout)
    assert NEVER.search(r.stderr) is None, repr(r.stderr)
    assert "in\\x1b[2J" in r.stdout and "R\\x1b[2J" in r.stdout
    assert "category\\x1b[31m" in r.stderr


def test_an_error_message_shows_control_characters(tmp_path: Path) -> None:
    r = run_chc("check-policy", str(tmp_path / f"gone{ESC}[2J\u202e.yaml"))
    assert r.exit_code == 2
    assert NEVER.search(r.stderr) is None and "gone\\x1b[2J\\u202e.yaml" in r.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_policys_landlord_and_stage_names_are_shown(tmp_path: Path, fmt: str) -> None:
    text = (EXAMPLES / "policy-noncompliant.yaml").read_text(encoding="utf-8")
    text = text.replace("landlord: Example Homes (deliberately non-compliant)",
                        'landlord: "Evil\\e[2J Homes\\u202e"')  # fmt: skip
    text = text.replace("  - name: Stage 1\n", '  - name: "Stage\\e]8;;http://x\\e\\\\ 1"\n')
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    r = run_chc("check-policy", str(policy), "--format", fmt)
    assert r.exit_code == 1, r.stderr  # its findings, read as before
    assert NEVER.search(r.stdout) is None, r.stdout[:300]
    if fmt == "text":
        assert "Evil\\x1b[2J Homes\\u202e" in r.stdout


def test_a_one_complaint_reference_is_shown(tmp_path: Path) -> None:
    r = run_chc("deadlines", "--received", "2024-05-01", "--reference", f"R{HOSTILE}")
    assert r.exit_code == 0, r.stderr
    assert NEVER.search(r.stdout) is None and "R\\x1b[2J" in r.stdout


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_rendered_forms_hold_no_control_character(tmp_path: Path, fmt: str) -> None:
    answers = answers_with(tmp_path, f"see <b>{HOSTILE}</b>", landlord=f"Evil{HOSTILE}")
    out = tmp_path / f"form.{fmt}"
    r = run_chc("self-assessment", "render", str(answers), "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    if fmt == "docx":
        with zipfile.ZipFile(out) as doc:
            text = doc.read("word/document.xml").decode("utf-8")
    else:
        text = out.read_text(encoding="utf-8")
    assert NEVER.search(text) is None
    assert "Evil\\x1b[2J" in text
    if fmt == "html":
        assert "see &lt;b&gt;" in text  # escaped for HTML, as before


def test_a_calendar_summary_holds_no_control_character(tmp_path: Path) -> None:
    path = case_file(tmp_path, [(f"R{HOSTILE}", "")])
    r = run_chc(*cases(path, "--format", "ics"))
    assert r.exit_code == 0, r.stderr
    unfolded = r.stdout.replace("\r\n ", "")
    summaries = [line for line in unfolded.splitlines() if line.startswith("SUMMARY")]
    assert summaries and all(NEVER.search(s.rstrip("\r")) is None for s in summaries)
    assert "R\\\\x1b[2J" in summaries[0] or "R\\x1b[2J" in summaries[0]


def test_json_holds_no_bidi_or_c1_character() -> None:
    from chc.output import dumps_json

    text = dumps_json({"reference": "R\u202e\x85\x1b\x7f"})
    assert NEVER.search(text) is None and "R\\u202e\\u0085\\u001b\\u007f" in text
    assert json.loads(text)["reference"] == "R\u202e\x85\x1b\x7f"  # the value itself is kept


@pytest.mark.parametrize(
    "fmt", [["jsonl"], ["json"], ["jsonl", "--summary"], ["json", "--summary"]]
)
def test_caseload_json_escapes_bidi_and_c1_characters(tmp_path: Path, fmt: list[str]) -> None:
    reference = f"R\u202e\x85{ESC}[2J"
    path = case_file(tmp_path, [(reference, "")])
    r = run_chc(*cases(path, "--format", *fmt))
    assert r.exit_code == 0, r.stderr
    assert NEVER.search(r.stdout) is None, r.stdout[:200]
    assert '"R\\u202e\\u0085\\u001b[2J"' in r.stdout
    if fmt[0] == "jsonl":
        read_back = json.loads(r.stdout.splitlines()[0])["reference"]
    else:
        read_back = json.loads(r.stdout)["attention" if "--summary" in fmt else "cases"][0]
        read_back = read_back["reference"]
    assert read_back == reference  # the value itself is kept


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_draft_policy_from_a_hostile_title_is_valid_yaml(tmp_path: Path, suffix: str) -> None:
    # (A .docx cannot hold ESC at all: XML 1.0 has no way to write it.)
    title = f"Complaints policy{ESC}[2J\x85\u202e"
    stages = [
        "There are two stages.",
        "Stage 1: we respond within 10 working days of acknowledging the complaint.",
        f"Stage 2{ESC}[31m: we respond within 20 working days of the request.",
    ]
    if suffix == ".md":
        text = f"# {title}\n\n" + "\n\n".join(stages) + "\n"
    else:
        body = "".join(f"<p>{s}</p>" for s in stages)
        text = f"<html><body><main><h1>{title}</h1>{body}</main></body></html>"
    policy = tmp_path / f"policy{suffix}"
    policy.write_text(text, encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    r = run_chc("extract-policy", str(policy), "-o", str(draft))
    assert r.exit_code == 0, r.stderr
    written = draft.read_text(encoding="utf-8")
    assert NEVER.search(written) is None
    assert "\\x1b[31m" in written  # shown in the evidence comment, not dropped
    checked = run_chc("check-policy", str(draft), "--code", "2024")
    assert checked.exit_code in (0, 1), checked.stderr  # read, not refused as bad YAML


def test_sanitising_is_idempotent_and_leaves_plain_text_alone() -> None:
    assert (
        inert.text("Rénové Homes – 10 working days\n\tok") == "Rénové Homes – 10 working days\n\tok"
    )
    once = inert.line(HOSTILE + "\n\ud800")
    assert inert.line(once) == once and NEVER.search(once) is None
    assert once.endswith("\\x08\\n\\ud800")


# -- what cannot be written ----------------------------------------------------------------


def test_a_lone_surrogate_in_json_lines_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"reference": "A-\\ud800", "received": "2024-05-01"}\n', encoding="ascii")
    r = run_chc("deadlines", "--cases", str(path), "--as-of", "2024-06-03")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        f"chc: error: {path}:1:1: reference: \\ud800 is half of a UTF-16 pair without its "
        "other half, not a character; correct the text in the program that wrote the file"
    )


@pytest.mark.parametrize(
    "env", [{"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}]
)
@pytest.mark.parametrize("view", [["--format", "text"], ["--format", "text", "--summary"]])
def test_a_terminal_that_is_not_utf8_gets_question_marks(
    tmp_path: Path, env: dict[str, str], view: list[str]
) -> None:
    path = case_file(tmp_path, [("CMP-é", "Rénové")])
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    proc = subprocess.run(
        [sys.executable, "-m", "chc", *cases(path, *view)],
        env={**base, "NO_COLOR": "1", "COLUMNS": "120", **env},
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    assert b"CMP-?" in proc.stdout


# -- today ---------------------------------------------------------------------------------


def test_today_is_the_uk_date_whatever_the_machines_zone() -> None:
    # Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: their dates always
    # differ, so a default that followed the machine's zone would differ between them.
    seen = set()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        proc = subprocess.run(
            [sys.executable, "-m", "chc", "deadlines", "--received", "2024-05-01",
             "--format", "json"],
            env={**os.environ, "TZ": zone}, capture_output=True, check=True,
        )  # fmt: skip
        seen.add(json.loads(proc.stdout)["as_of"])
    uk = datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    assert seen == {uk} or len(seen) == 1  # (at UK midnight the two runs may straddle it)
    assert uk in seen or datetime.now(ZoneInfo("Europe/London")).hour == 0


@pytest.mark.parametrize(
    ("utc", "uk"),
    [
        ("2026-07-01T22:59:00", "2026-07-01"),
        ("2026-07-01T23:30:00", "2026-07-02"),  # BST: already tomorrow in the UK
        ("2026-12-06T23:30:00", "2026-12-06"),  # GMT: the same day
        ("2026-12-06T10:00:00", "2026-12-06"),  # Kiritimati's 7 December
    ],
)
def test_uk_today_at_the_hours_that_matter(
    utc: str, uk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from chc.dates import uk_today

    fixed = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.timezone.utc)

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:
            return fixed.astimezone(tz)  # type: ignore[return-value]

    monkeypatch.setattr(dt, "datetime", Clock)
    assert uk_today().isoformat() == uk


def test_the_text_view_says_when_the_day_is_todays_in_the_uk() -> None:
    r = run_chc("deadlines", "--received", "2024-05-01")
    assert r.exit_code == 0, r.stderr
    assert "(today in the UK)" in r.stdout
    assert "(today in the UK)" not in run_chc("deadlines", "--received", "2024-05-01",
                                              "--as-of", "2024-06-03").stdout  # fmt: skip
