"""`chc deadlines --format ics`: calendars read back by two independent parsers.

icalendar writes the files, so each is read back with icalendar and with vobject, a
separate implementation of RFC 5545. Due dates are counted by hand in the comments
(england-and-wales; Mon 6 May and Mon 27 May 2024 were bank holidays).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from chc.deadlines import Complaint, compute
from chc.ics import safe_reference, to_ics, uid
from chc.workdays import calendar_for
from conftest import CODE_VERSIONS, run_chc

ONE = (
    "deadlines", "--received", "2024-05-01", "--stage1-acknowledged", "2024-05-03",
    "--stage1-extension", "10", "--stage1-responded", "2024-06-04",
    "--stage2-requested", "2024-06-10", "--as-of", "2024-06-10", "--reference", "HC-0001",
    "--format", "ics",
)  # fmt: skip

# HC-0001: acknowledged (done); response due Mon 20 May replaced by the extension: 10 wd
#   from Mon 20 May -> Tue 21 (1) .. Fri 24 (4), Mon 27 holiday, Tue 28 (5) .. Fri 31 (8),
#   Mon 3 Jun (9), Tue 4 Jun (10).
# HC-0002: received Wed 1 May, nothing else: acknowledgement due Thu 9 May (5 wd, Mon 6
#   a holiday), overdue on 21 May; response 10 wd from that assumed date: Fri 10 (1),
#   Mon 13 (2) .. Fri 17 (6), Mon 20 (7) .. Thu 23 May (10).
# HC-0003: received Mon 20 May: acknowledgement Tue 21 (1) .. Fri 24 (4), Tue 28 (5);
#   response from 28 May: Wed 29 (1) .. Fri 31 (3), Mon 3 Jun (4) .. Fri 7 (8), Mon 10 (9),
#   Tue 11 Jun (10).
CASES = (
    "reference,received,stage1_acknowledged,stage1_extension,stage1_responded\n"
    "HC-0001,2024-05-01,2024-05-03,10,\n"
    "HC-0002,2024-05-01,,,\n"
    "HC-0003,2024-05-20,,,\n"
    "HC-0004,2024-05-01,2024-05-02,,2024-05-10\n"
)
OPEN = {
    "HC-0001.stage1.respond_extended@chc": ("HC-0001: stage 1 extended response due", "2024-06-04"),
    "HC-0002.stage1.acknowledge@chc": ("HC-0002: stage 1 acknowledgement due", "2024-05-09"),
    "HC-0002.stage1.respond@chc": ("HC-0002: stage 1 response due", "2024-05-23"),
    "HC-0003.stage1.acknowledge@chc": ("HC-0003: stage 1 acknowledgement due", "2024-05-28"),
    "HC-0003.stage1.respond@chc": ("HC-0003: stage 1 response due", "2024-06-11"),
}
# --remind 2, at 09:00 on the second working day before each due date:
# Tue 4 Jun -> Mon 3 (1), Fri 31 May (2); Thu 9 May -> Wed 8, Tue 7; Thu 23 May -> Wed 22,
# Tue 21; Tue 28 May -> Fri 24 (Mon 27 is a holiday), Thu 23; Tue 11 Jun -> Mon 10, Fri 7.
ALARMS = {
    "HC-0001.stage1.respond_extended@chc": datetime(2024, 5, 31, 9),
    "HC-0002.stage1.acknowledge@chc": datetime(2024, 5, 7, 9),
    "HC-0002.stage1.respond@chc": datetime(2024, 5, 21, 9),
    "HC-0003.stage1.acknowledge@chc": datetime(2024, 5, 23, 9),
    "HC-0003.stage1.respond@chc": datetime(2024, 6, 7, 9),
}


def _caseload(tmp_path: Path, *extra: str, text: str = CASES) -> tuple[int, bytes, str]:
    path = tmp_path / "cases.csv"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "due.ics"
    run = run_chc(
        "deadlines", "--cases", str(path), "--as-of", "2024-05-21", "--format", "ics",
        "-o", str(out), *extra,
    )  # fmt: skip
    return run.exit_code, out.read_bytes() if out.exists() else b"", run.stderr


def _icalendar(data: bytes) -> dict[str, Any]:
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def _vobject(data: bytes) -> dict[str, Any]:
    cal = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: e for e in cal.vevent_list}


def test_one_complaint_read_by_both_parsers(tmp_path: Path) -> None:
    out = tmp_path / "one.ics"
    run = run_chc(*ONE, "-o", str(out))
    assert run.exit_code == 0, run.stderr
    data = out.read_bytes()
    expected = {
        "HC-0001.stage1.acknowledge@chc": (
            "HC-0001: stage 1 acknowledgement due",
            date(2024, 5, 9),
        ),
        "HC-0001.stage1.respond_extended@chc": (
            "HC-0001: stage 1 extended response due",
            date(2024, 6, 4),
        ),
        "HC-0001.stage2.acknowledge@chc": (
            "HC-0001: stage 2 acknowledgement due",
            date(2024, 6, 17),
        ),
        "HC-0001.stage2.respond@chc": ("HC-0001: stage 2 response due", date(2024, 7, 15)),
    }
    for events in (_icalendar(data), _vobject(data)):
        assert set(events) == set(expected)  # stage1.respond (20 May) was replaced: absent
    for key, e in _icalendar(data).items():
        assert (str(e["summary"]), e.decoded("dtstart")) == expected[key]
        assert type(e.decoded("dtstart")) is date  # all-day: a DATE, not a DATE-TIME
        assert e.decoded("dtend") == expected[key][1] + timedelta(days=1)
        assert e.decoded("dtstamp") == datetime(2024, 6, 10, tzinfo=e.decoded("dtstamp").tzinfo)
        assert not e.walk("VALARM")
    for key, v in _vobject(data).items():
        assert (v.summary.value, v.dtstart.value) == expected[key]
        assert v.dtend.value == expected[key][1] + timedelta(days=1)
    assert b"20240520" not in data
    assert "done 2024-05-03" in str(
        _icalendar(data)["HC-0001.stage1.acknowledge@chc"]["description"]
    )


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run_chc(*ONE, "-o", str(first)).exit_code == 0
    assert run_chc(*ONE, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_lines_are_crlf_and_folded_at_75_octets(tmp_path: Path) -> None:
    out = tmp_path / "one.ics"
    assert run_chc(*ONE, "--remind", "1", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        assert b"\n" not in line


def test_caseload_calendar_holds_every_open_event(tmp_path: Path) -> None:
    code, data, err = _caseload(tmp_path)
    assert code == 0, err
    ical, vobj = _icalendar(data), _vobject(data)
    # HC-0004 is answered and HC-0001's acknowledgement is done: neither appears.
    assert set(ical) == set(vobj) == set(OPEN)
    for key, (summary, due) in OPEN.items():
        assert str(ical[key]["summary"]) == summary == vobj[key].summary.value
        assert ical[key].decoded("dtstart") == date.fromisoformat(due) == vobj[key].dtstart.value
        assert not ical[key].walk("VALARM")


def test_remind_adds_an_alarm_on_a_working_day(tmp_path: Path) -> None:
    code, data, err = _caseload(tmp_path, "--remind", "2")
    assert code == 0, err
    ical, vobj = _icalendar(data), _vobject(data)
    for key, when in ALARMS.items():
        (alarm,) = ical[key].walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        trigger = alarm.decoded("trigger")
        start = datetime.combine(ical[key].decoded("dtstart"), datetime.min.time())
        assert start + trigger == when
        assert vobj[key].valarm.trigger.value == trigger
        assert when.weekday() < 5
    # The bank holiday is skipped: Tue 28 May's alarm is on Thu 23, 5 days before 00:00.
    assert b"TRIGGER:-P4DT15H" in data


def test_two_complaints_never_share_a_uid(tmp_path: Path) -> None:
    _, data, _ = _caseload(tmp_path)
    uids = re.findall(rb"^UID:(.*)\r$", data, re.M)
    assert len(uids) == len(set(uids)) == 5
    same_key = {u for u in uids if u.endswith(b".stage1.acknowledge@chc")}
    assert same_key == {b"HC-0002.stage1.acknowledge@chc", b"HC-0003.stage1.acknowledge@chc"}


def test_a_reference_is_made_safe_for_a_uid() -> None:
    assert safe_reference("HC-0001") == "HC-0001"
    assert safe_reference("HC 1/2;x@y,z") == "HC%201%2F2%3Bx%40y%2Cz"
    assert safe_reference("100%") == "100%25"  # so that encoding is one-to-one
    assert uid("A B", "stage2.respond") == "A%20B.stage2.respond@chc"
    assert re.fullmatch(r"[A-Za-z0-9%._~-]+@chc", uid("Réf:7", "stage1.respond"))


def test_pairs_and_timelines_give_the_same_calendar() -> None:
    from chc.codes.loading import load_edition

    calendar = calendar_for("england-and-wales")
    complaint = Complaint(received=date(2024, 5, 1), stage1_extension=5, reference="HC-9")
    timeline = compute(
        complaint, load_edition(CODE_VERSIONS / "2024.yaml"), calendar, date(2024, 5, 2)
    )
    as_timeline = Calendar.from_ical(to_ics([timeline], as_of=date(2024, 5, 2)))
    pairs = [("HC-9", e) for e in timeline.events]
    as_pairs = Calendar.from_ical(to_ics(pairs, as_of=date(2024, 5, 2)))
    seen = [
        [(str(e["uid"]), e.decoded("dtstart")) for e in cal.walk("VEVENT")]
        for cal in (as_timeline, as_pairs)
    ]
    assert seen[0] == seen[1]
    assert [u for u, _ in seen[0]] == [
        "HC-9.stage1.acknowledge@chc",
        "HC-9.stage1.respond_extended@chc",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--reference", "X", "--remind", "2"), "--remind goes with --format ics"),
        (("--format", "ics"), "--reference"),
        (("--format", "ics", "--reference", "X", "--remind", "0"), "--remind"),
    ],
)
def test_one_complaint_bad_options(args: tuple[str, ...], message: str) -> None:
    run = run_chc("deadlines", "--received", "2024-05-01", *args)
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("extra", "text", "message"),
    [
        (("--summary",), CASES, "--summary does not go with --format ics"),
        (("--reference", "X"), CASES, "--reference cannot be used with --cases"),
        ((), CASES + "HC-0002,2024-05-02,,,\n", "HC-0002"),
    ],
)
def test_caseload_bad_input(
    tmp_path: Path, extra: tuple[str, ...], text: str, message: str
) -> None:
    code, data, err = _caseload(tmp_path, *extra, text=text)
    assert code == 2
    assert data == b""  # nothing written
    assert message in err
    assert len(err.strip().splitlines()) == 1
