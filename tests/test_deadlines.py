"""`chc.deadlines.compute`: a complaint's due dates and statuses, counted by hand.

Every expected date below was counted on a printed calendar with the GOV.UK bank-holiday
list beside it, never produced by the code under test. Notation in the comments: the event
day is day 0, "Thu 02 (1)" means Thursday the 2nd is working day 1, "hol" a bank holiday,
"closed" a closure day. Calendar-day timescales (the 2020 and 2022 acknowledgements) are
plain date arithmetic.

Bank holidays used (england-and-wales unless said):
2020-12-25 Fri, 2020-12-28 Mon (Boxing Day substitute), 2021-01-01 Fri; 2021-04-02 Good
Friday, 2021-04-05 Easter Monday, 2021-05-03; 2021-12-27 Mon, 2021-12-28 Tue (Christmas
and Boxing Day substitutes), 2022-01-03 Mon (New Year substitute); 2022-04-15 Good Friday,
2022-04-18 Easter Monday; 2022-06-02 Thu, 2022-06-03 Fri (spring bank holiday moved, and
the Platinum Jubilee); 2022-09-19 Mon (State Funeral); 2022-12-26 Mon, 2022-12-27 Tue
(Christmas substitute), 2023-01-02 Mon (New Year substitute); 2023-04-07, 2023-04-10
(Easter); 2023-05-01, 2023-05-08 (Coronation), 2023-05-29; 2023-12-25, 2023-12-26,
2024-01-01; 2024-03-29, 2024-04-01 (Easter); 2024-05-06, 2024-05-27; 2024-08-26.
Scotland also: 2024-01-02 (2 January), 2024-08-05 (summer; not 2024-08-26).
Northern Ireland also: 2024-07-12 (Battle of the Boyne).
"""

from __future__ import annotations

from datetime import date

import pytest

from chc.codes.assumed import Assumed
from chc.codes.choice import edition_for_date
from chc.codes.loading import load_edition
from chc.deadlines import Complaint, Event, Timeline, compute
from chc.errors import CaseError, ChcError
from chc.workdays import calendar_for

D = date
EW = "england-and-wales"


def timeline(
    received: date,
    *,
    as_of: date,
    code: str | None = None,
    region: str = EW,
    closed: tuple[date, ...] = (),
    stage1_acknowledged: date | None = None,
    stage1_extension: int | None = None,
    stage1_responded: date | None = None,
    stage2_requested: date | None = None,
    stage2_acknowledged: date | None = None,
    stage2_extension: int | None = None,
    stage2_responded: date | None = None,
    stage3_requested: date | None = None,
    stage3_responded: date | None = None,
) -> Timeline:
    complaint = Complaint(
        received=received,
        stage1_acknowledged=stage1_acknowledged,
        stage1_extension=stage1_extension,
        stage1_responded=stage1_responded,
        stage2_requested=stage2_requested,
        stage2_acknowledged=stage2_acknowledged,
        stage2_extension=stage2_extension,
        stage2_responded=stage2_responded,
        stage3_requested=stage3_requested,
        stage3_responded=stage3_responded,
    )
    edition = load_edition(code) if code is not None else edition_for_date(received)
    return compute(complaint, edition, calendar_for(region, frozenset(closed)), as_of)


def ev(t: Timeline, key: str) -> Event:
    found = [e for e in t.events if e.key == key]
    assert len(found) == 1, f"{key}: {[e.key for e in t.events]}"
    return found[0]


def keys(t: Timeline) -> list[str]:
    return [e.key for e in t.events]


# --- the 2024 edition ---------------------------------------------------------------------


def test_2024_stage1_acknowledge_and_respond_on_time_including_on_the_due_date() -> None:
    # Received Wed 01 May 2024. Acknowledge 5 wd: Thu 02 (1), Fri 03 (2), Mon 06 hol,
    # Tue 07 (3), Wed 08 (4), Thu 09 (5) -> 2024-05-09.
    # Respond 10 wd from the acknowledgement Fri 03: Tue 07 (1) ... Fri 10 (4), Mon 13 (5)
    # ... Fri 17 (9), Mon 20 (10) -> 2024-05-20, done ON that day: on time.
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 3),
        stage1_responded=D(2024, 5, 20),
        as_of=D(2024, 6, 3),
    )
    assert t.code == "2024"
    assert keys(t) == ["stage1.acknowledge", "stage1.respond"]
    ack = ev(t, "stage1.acknowledge")
    assert ack == Event(
        "stage1.acknowledge",
        1,
        D(2024, 5, 9),
        "received",
        D(2024, 5, 1),
        5,
        "working_days",
        "6.2",
        D(2024, 5, 3),
        "on_time",
        False,
        0,
        ack.note,
        ("working-day",),
    )
    respond = ev(t, "stage1.respond")
    assert (respond.due, respond.from_event, respond.from_date) == (
        D(2024, 5, 20),
        "acknowledged",
        D(2024, 5, 3),
    )
    assert (respond.amount, respond.unit, respond.provision) == (10, "working_days", "6.3")
    assert (respond.done, respond.status, respond.assumed, respond.working_days_late) == (
        D(2024, 5, 20),
        "on_time",
        False,
        0,
    )
    assert t.problems == ()


def test_2024_late_acknowledgement_and_late_response() -> None:
    # Acknowledge due Thu 09 May 2024 (as above); done Mon 13: Fri 10 (1), Mon 13 (2) -> 2 late.
    # Respond counts from the ACTUAL acknowledgement Mon 13: Tue 14 (1) ... Fri 17 (4),
    # Mon 20 (5) ... Fri 24 (9), Mon 27 hol, Tue 28 (10) -> 2024-05-28.
    # Done Fri 07 Jun: Wed 29 (1), Thu 30 (2), Fri 31 (3), Mon 03 (4) ... Fri 07 (8) -> 8 late.
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 13),
        stage1_responded=D(2024, 6, 7),
        as_of=D(2024, 6, 10),
    )
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.status, ack.working_days_late) == (D(2024, 5, 9), "late", 2)
    respond = ev(t, "stage1.respond")
    assert (respond.from_date, respond.due) == (D(2024, 5, 13), D(2024, 5, 28))
    assert (respond.status, respond.working_days_late, respond.assumed) == ("late", 8, False)


def test_2024_late_by_one_day() -> None:
    # Due Thu 09 May 2024; done Fri 10 May: late by 1 working day.
    t = timeline(D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 10), as_of=D(2024, 5, 10))
    ack = ev(t, "stage1.acknowledge")
    assert (ack.status, ack.working_days_late) == ("late", 1)


def test_open_before_and_on_the_due_date() -> None:
    # No acknowledgement: acknowledge due Thu 09 May 2024; respond counted from that due date
    # (assumed): Fri 10 (1), Mon 13 (2) ... Fri 17 (6), Mon 20 (7), Tue 21 (8), Wed 22 (9),
    # Thu 23 (10) -> 2024-05-23.
    before = timeline(D(2024, 5, 1), as_of=D(2024, 5, 2))
    assert [(e.status, e.working_days_late) for e in before.events] == [("open", 0), ("open", 0)]
    on_ack_day = timeline(D(2024, 5, 1), as_of=D(2024, 5, 9))
    ack = ev(on_ack_day, "stage1.acknowledge")
    assert (ack.status, ack.working_days_late) == ("open", 0)
    on_due = timeline(D(2024, 5, 1), as_of=D(2024, 5, 23))
    respond = ev(on_due, "stage1.respond")
    assert respond.due == D(2024, 5, 23)
    assert (respond.status, respond.working_days_late) == ("open", 0)


def test_overdue_counts_working_days_after_the_due_date() -> None:
    # Acknowledge due Thu 09 May 2024, as of Thu 23 May: Fri 10 (1), Mon 13 (2) ... Fri 17
    # (6), Mon 20 (7) ... Thu 23 (10) -> 10 late.
    # Respond due Thu 23 May: as of Fri 24 -> 1 late; as of Tue 28 -> Fri 24 (1), Mon 27 hol,
    # Tue 28 (2) -> 2 late.
    t = timeline(D(2024, 5, 1), as_of=D(2024, 5, 23))
    ack = ev(t, "stage1.acknowledge")
    assert (ack.status, ack.working_days_late) == ("overdue", 10)
    t = timeline(D(2024, 5, 1), as_of=D(2024, 5, 24))
    respond = ev(t, "stage1.respond")
    assert (respond.status, respond.working_days_late) == ("overdue", 1)
    t = timeline(D(2024, 5, 1), as_of=D(2024, 5, 28))
    respond = ev(t, "stage1.respond")
    assert (respond.status, respond.working_days_late) == ("overdue", 2)


# --- assumed dates --------------------------------------------------------------------------


def test_response_counted_from_the_acknowledgement_due_date_when_none_is_given() -> None:
    # As above: acknowledge due Thu 09 May 2024, respond due Thu 23 May counted from it.
    t = timeline(D(2024, 5, 1), as_of=D(2024, 5, 2))
    respond = ev(t, "stage1.respond")
    assert (respond.from_event, respond.from_date, respond.due) == (
        "acknowledged",
        D(2024, 5, 9),
        D(2024, 5, 23),
    )
    assert respond.assumed is True
    assert ev(t, "stage1.acknowledge").assumed is False
    assumed = Assumed("ack-date-assumed", (("stage", 1), ("date", "2024-05-09")))
    assert assumed in t.assumptions, t.assumptions
    assert "2024-05-09" in assumed.statement()
    # Listed apart from the warnings, with its values, in the JSON.
    assert t.warnings == ()
    data = t.as_json()["assumptions"]
    assert isinstance(data, list)
    assert {"id": "ack-date-assumed", "stage": 1, "date": "2024-05-09"}.items() <= data[-1].items()


def test_response_not_assumed_when_the_acknowledgement_is_given() -> None:
    t = timeline(D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 3), as_of=D(2024, 5, 3))
    assert ev(t, "stage1.respond").assumed is False
    assert "ack-date-assumed" not in {a.id for a in t.assumptions}


# --- extensions -----------------------------------------------------------------------------


def test_2024_extension_counts_from_the_unextended_due_date_within_the_limit() -> None:
    # Respond due Mon 20 May 2024 (acknowledged Fri 03). Extension 10 wd from Mon 20:
    # Tue 21 (1) ... Fri 24 (4), Mon 27 hol, Tue 28 (5) ... Fri 31 (8), Mon 03 Jun (9),
    # Tue 04 (10) -> 2024-06-04. Responded Tue 04 Jun: the extended response is on time
    # (on its due date); the unextended one is late by 10 working days.
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 3),
        stage1_extension=10,
        stage1_responded=D(2024, 6, 4),
        as_of=D(2024, 6, 10),
    )
    assert keys(t) == ["stage1.acknowledge", "stage1.respond", "stage1.respond_extended"]
    ext = ev(t, "stage1.respond_extended")
    assert (ext.due, ext.from_event, ext.from_date) == (D(2024, 6, 4), "due_date", D(2024, 5, 20))
    assert (ext.amount, ext.unit, ext.provision) == (10, "working_days", "6.4")
    assert (ext.status, ext.working_days_late, ext.assumed) == ("on_time", 0, False)
    respond = ev(t, "stage1.respond")
    assert (respond.status, respond.working_days_late) == ("late", 10)
    assert t.problems == ()
    assert not any("longer than" in w for w in t.warnings)


def test_2024_extension_beyond_the_limit_warns_naming_the_provision() -> None:
    # 15 wd from Mon 20 May 2024: as above to Tue 04 Jun (10), Wed 05 (11), Thu 06 (12),
    # Fri 07 (13), Mon 10 (14), Tue 11 (15) -> 2024-06-11.
    t = timeline(
        D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 3), stage1_extension=15, as_of=D(2024, 6, 3)
    )
    ext = ev(t, "stage1.respond_extended")
    assert (ext.due, ext.amount, ext.status) == (D(2024, 6, 11), 15, "open")
    assert len(t.problems) == 1
    assert "6.4" in t.problems[0]
    assert "15" in t.problems[0]
    assert "longer than" in t.problems[0]
    assert t.warnings[0] == t.problems[0]


def test_extension_from_an_assumed_response_date_is_assumed() -> None:
    # No acknowledgement: respond due Thu 23 May 2024 (assumed). Extension 10 wd: Fri 24 (1),
    # Mon 27 hol, Tue 28 (2) ... Fri 31 (5), Mon 03 Jun (6) ... Fri 07 (10) -> 2024-06-07.
    t = timeline(D(2024, 5, 1), stage1_extension=10, as_of=D(2024, 6, 3))
    ext = ev(t, "stage1.respond_extended")
    assert (ext.from_date, ext.due, ext.assumed) == (D(2024, 5, 23), D(2024, 6, 7), True)


def test_2024_stage2_extension_limit_is_twenty_working_days() -> None:
    # Stage 2 requested Tue 04 Jun 2024, acknowledged Wed 05 Jun. Respond 20 wd from Wed 05:
    # Thu 06 (1), Fri 07 (2), Mon 10 (3) ... Fri 14 (7), Mon 17 (8) ... Fri 21 (12),
    # Mon 24 (13) ... Fri 28 (17), Mon 01 Jul (18), Tue 02 (19), Wed 03 (20) -> 2024-07-03.
    # Extension 20 wd from Wed 03 Jul: Thu 04 (1), Fri 05 (2), Mon 08 (3) ... Fri 12 (7),
    # Mon 15 (8) ... Fri 19 (12), Mon 22 (13) ... Fri 26 (17), Mon 29 (18), Tue 30 (19),
    # Wed 31 (20) -> 2024-07-31; 21 -> Thu 2024-08-01.

    def with_extension(days: int) -> Timeline:
        return timeline(
            D(2024, 5, 1),
            stage1_acknowledged=D(2024, 5, 3),
            stage1_responded=D(2024, 5, 20),
            stage2_requested=D(2024, 6, 4),
            stage2_acknowledged=D(2024, 6, 5),
            stage2_extension=days,
            as_of=D(2024, 6, 5),
        )

    t = with_extension(20)
    assert ev(t, "stage2.respond").due == D(2024, 7, 3)
    ext = ev(t, "stage2.respond_extended")
    assert (ext.due, ext.provision, ext.from_date) == (D(2024, 7, 31), "6.15", D(2024, 7, 3))
    assert t.problems == ()
    t = with_extension(21)
    assert ev(t, "stage2.respond_extended").due == D(2024, 8, 1)
    assert len(t.problems) == 1
    assert "6.15" in t.problems[0]


def test_2022_extension_beyond_ten_working_days_warns_with_provision_5_1() -> None:
    # 2022 rules. Received Wed 01 Mar 2023, acknowledged Fri 03 Mar. Respond 10 wd from
    # Fri 03: Mon 06 (1) ... Fri 10 (5), Mon 13 (6) ... Fri 17 (10) -> 2023-03-17.
    # Extension 12 wd from Fri 17: Mon 20 (1) ... Fri 24 (5), Mon 27 (6) ... Fri 31 (10),
    # Mon 03 Apr (11), Tue 04 (12) -> 2023-04-04.
    t = timeline(
        D(2023, 3, 1), stage1_acknowledged=D(2023, 3, 3), stage1_extension=12, as_of=D(2023, 3, 3)
    )
    assert ev(t, "stage1.respond").due == D(2023, 3, 17)
    ext = ev(t, "stage1.respond_extended")
    assert (ext.due, ext.provision) == (D(2023, 4, 4), "5.1")
    assert len(t.problems) == 1
    assert "5.1" in t.problems[0]
    assert "2022" in t.problems[0]


# --- the 2022 edition -----------------------------------------------------------------------


def test_2022_acknowledge_five_calendar_days_respond_from_logging() -> None:
    # Received Wed 01 Mar 2023 (2022 rules). Acknowledge 5 calendar days -> Mon 2023-03-06.
    # No acknowledgement given: respond counts from logging, taken as the acknowledgement,
    # so from its due date Mon 06 (assumed): Tue 07 (1) ... Fri 10 (4), Mon 13 (5) ...
    # Fri 17 (9), Mon 20 (10) -> 2023-03-20.
    t = timeline(D(2023, 3, 1), as_of=D(2023, 3, 2))
    assert t.code == "2022"
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.amount, ack.unit, ack.provision) == (
        D(2023, 3, 6),
        5,
        "calendar_days",
        "4.1",
    )
    respond = ev(t, "stage1.respond")
    assert (respond.from_event, respond.from_date, respond.due) == (
        "logged",
        D(2023, 3, 6),
        D(2023, 3, 20),
    )
    assert (respond.provision, respond.assumed) == ("5.1", True)
    assert Assumed("logged-when-acknowledged") in t.assumptions


def test_2022_respond_from_the_given_acknowledgement() -> None:
    # Acknowledged Thu 02 Mar 2023: Fri 03 (1), Mon 06 (2) ... Fri 10 (6), Mon 13 (7),
    # Tue 14 (8), Wed 15 (9), Thu 16 (10) -> 2023-03-16.
    t = timeline(
        D(2023, 3, 1),
        stage1_acknowledged=D(2023, 3, 2),
        stage1_responded=D(2023, 3, 16),
        as_of=D(2023, 4, 1),
    )
    respond = ev(t, "stage1.respond")
    assert (respond.from_date, respond.due, respond.assumed) == (
        D(2023, 3, 2),
        D(2023, 3, 16),
        False,
    )
    assert respond.status == "on_time"


def test_2022_calendar_day_due_date_on_a_saturday() -> None:
    # Received Mon 06 Mar 2023: acknowledge due Sat 2023-03-11 (calendar days). Respond from
    # that assumed Saturday (day 0): Mon 13 (1) ... Fri 17 (5), Mon 20 (6) ... Fri 24 (10)
    # -> 2023-03-24.
    # As of Sun 12: overdue, but no working day has passed since the due date -> 0.
    # Done Mon 13: late by 1 working day.
    t = timeline(D(2023, 3, 6), as_of=D(2023, 3, 12))
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.status, ack.working_days_late) == (D(2023, 3, 11), "overdue", 0)
    assert ev(t, "stage1.respond").due == D(2023, 3, 24)
    t = timeline(D(2023, 3, 6), stage1_acknowledged=D(2023, 3, 13), as_of=D(2023, 3, 13))
    ack = ev(t, "stage1.acknowledge")
    assert (ack.status, ack.working_days_late) == ("late", 1)


def test_2022_stage2_and_stage3() -> None:
    # Received Wed 01 Mar 2023, acknowledged Thu 02, responded Thu 16 (due Thu 16).
    # Stage 2 requested Mon 03 Apr 2023: 20 wd from the request (no stage 2 acknowledgement
    # timescale in 2022): Tue 04 (1), Wed 05 (2), Thu 06 (3), Fri 07 hol, Mon 10 hol,
    # Tue 11 (4) ... Fri 14 (7), Mon 17 (8) ... Fri 21 (12), Mon 24 (13) ... Fri 28 (17),
    # Mon 01 May hol, Tue 02 (18), Wed 03 (19), Thu 04 (20) -> 2023-05-04; done 04: on time.
    # Stage 3 requested Wed 10 May: 20 wd: Thu 11 (1), Fri 12 (2), Mon 15 (3) ... Fri 19 (7),
    # Mon 22 (8) ... Fri 26 (12), Mon 29 hol, Tue 30 (13), Wed 31 (14), Thu 01 Jun (15),
    # Fri 02 (16), Mon 05 (17), Tue 06 (18), Wed 07 (19), Thu 08 (20) -> 2023-06-08.
    t = timeline(
        D(2023, 3, 1),
        stage1_acknowledged=D(2023, 3, 2),
        stage1_responded=D(2023, 3, 16),
        stage2_requested=D(2023, 4, 3),
        stage2_responded=D(2023, 5, 4),
        stage3_requested=D(2023, 5, 10),
        as_of=D(2023, 5, 10),
    )
    assert keys(t) == ["stage1.acknowledge", "stage1.respond", "stage2.respond", "stage3.respond"]
    s2 = ev(t, "stage2.respond")
    assert (s2.stage, s2.due, s2.from_event, s2.from_date, s2.provision) == (
        2,
        D(2023, 5, 4),
        "escalation_requested",
        D(2023, 4, 3),
        "5.13",
    )
    assert (s2.status, s2.assumed) == ("on_time", False)
    s3 = ev(t, "stage3.respond")
    assert (s3.stage, s3.due, s3.from_date, s3.provision) == (
        3,
        D(2023, 6, 8),
        D(2023, 5, 10),
        "5.18",
    )
    assert (s3.status, s3.working_days_late) == ("open", 0)


# --- the 2020 edition -----------------------------------------------------------------------


def test_2020_respond_from_receipt_never_assumed() -> None:
    # 2020 rules. Received Mon 01 Mar 2021. Acknowledge 5 calendar days -> Sat 2021-03-06.
    # Respond 10 wd from receipt: Tue 02 (1) ... Fri 05 (4), Mon 08 (5) ... Fri 12 (9),
    # Mon 15 (10) -> 2021-03-15, not assumed though no acknowledgement is given.
    t = timeline(D(2021, 3, 1), as_of=D(2021, 3, 2))
    assert t.code == "2020"
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.unit, ack.provision) == (D(2021, 3, 6), "calendar_days", "Q4.3")
    respond = ev(t, "stage1.respond")
    assert (respond.from_event, respond.from_date, respond.due) == (
        "received",
        D(2021, 3, 1),
        D(2021, 3, 15),
    )
    assert (respond.provision, respond.assumed) == ("Q4.7", False)
    assert "ack-date-assumed" not in {a.id for a in t.assumptions}


def test_2020_stage2_and_stage3_across_easter_and_early_may() -> None:
    # Stage 2 requested Mon 22 Mar 2021: 20 wd: Tue 23 (1) ... Fri 26 (4), Mon 29 (5),
    # Tue 30 (6), Wed 31 (7), Thu 01 Apr (8), Fri 02 hol, Mon 05 hol, Tue 06 (9) ... Fri 09
    # (12), Mon 12 (13) ... Fri 16 (17), Mon 19 (18), Tue 20 (19), Wed 21 (20) -> 2021-04-21.
    # Done Fri 16 Apr: on time.
    # Stage 3 requested Mon 19 Apr 2021: Tue 20 (1) ... Fri 23 (4), Mon 26 (5) ... Fri 30
    # (9), Mon 03 May hol, Tue 04 (10) ... Fri 07 (13), Mon 10 (14) ... Fri 14 (18),
    # Mon 17 (19), Tue 18 (20) -> 2021-05-18.
    t = timeline(
        D(2021, 3, 1),
        stage1_acknowledged=D(2021, 3, 2),
        stage1_responded=D(2021, 3, 12),
        stage2_requested=D(2021, 3, 22),
        stage2_responded=D(2021, 4, 16),
        stage3_requested=D(2021, 4, 19),
        as_of=D(2021, 4, 19),
    )
    s2 = ev(t, "stage2.respond")
    assert (s2.due, s2.status) == (D(2021, 4, 21), "on_time")
    s3 = ev(t, "stage3.respond")
    assert (s3.due, s3.provision) == (D(2021, 5, 18), "Q3.5")


# --- stage 2 with the 2024 edition -----------------------------------------------------------


def test_2024_stage2_acknowledgement_and_assumed_response() -> None:
    # Stage 2 requested Tue 04 Jun 2024. Acknowledge 5 wd: Wed 05 (1), Thu 06 (2), Fri 07 (3),
    # Mon 10 (4), Tue 11 (5) -> 2024-06-11 (6.11). Respond 20 wd from that due date
    # (assumed): Wed 12 (1) ... Fri 14 (3), Mon 17 (4) ... Fri 21 (8), Mon 24 (9) ... Fri 28
    # (13), Mon 01 Jul (14) ... Fri 05 (18), Mon 08 (19), Tue 09 (20) -> 2024-07-09 (6.14).
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 3),
        stage1_responded=D(2024, 5, 20),
        stage2_requested=D(2024, 6, 4),
        as_of=D(2024, 6, 4),
    )
    assert keys(t) == [
        "stage1.acknowledge",
        "stage1.respond",
        "stage2.acknowledge",
        "stage2.respond",
    ]
    ack2 = ev(t, "stage2.acknowledge")
    assert (ack2.stage, ack2.due, ack2.from_event, ack2.provision, ack2.status) == (
        2,
        D(2024, 6, 11),
        "escalation_requested",
        "6.11",
        "open",
    )
    s2 = ev(t, "stage2.respond")
    assert (s2.from_event, s2.from_date, s2.due, s2.provision, s2.assumed) == (
        "acknowledged",
        D(2024, 6, 11),
        D(2024, 7, 9),
        "6.14",
        True,
    )


def test_stage2_and_stage3_events_only_when_requested() -> None:
    t = timeline(
        D(2023, 3, 1),
        stage1_acknowledged=D(2023, 3, 2),
        stage1_responded=D(2023, 3, 16),
        as_of=D(2023, 4, 1),
    )
    assert keys(t) == ["stage1.acknowledge", "stage1.respond"]
    t = timeline(
        D(2023, 3, 1),
        stage1_acknowledged=D(2023, 3, 2),
        stage1_responded=D(2023, 3, 16),
        stage2_requested=D(2023, 4, 3),
        as_of=D(2023, 4, 3),
    )
    assert keys(t) == ["stage1.acknowledge", "stage1.respond", "stage2.respond"]
    assert all(e.stage in (1, 2) for e in t.events)


def test_stage3_under_the_2024_code_is_an_error() -> None:
    with pytest.raises(CaseError, match="no stage 3"):
        timeline(
            D(2024, 5, 1),
            stage2_requested=D(2024, 6, 4),
            stage3_requested=D(2024, 7, 10),
            as_of=D(2024, 7, 10),
        )


def test_stage3_without_stage2_is_an_error() -> None:
    with pytest.raises(CaseError, match="stage 2"):
        timeline(D(2023, 3, 1), stage3_requested=D(2023, 5, 10), as_of=D(2023, 5, 10))


def test_stage2_details_without_a_stage2_request_are_an_error() -> None:
    with pytest.raises(CaseError, match="never requested"):
        timeline(D(2024, 5, 1), stage2_acknowledged=D(2024, 6, 5), as_of=D(2024, 6, 5))


# --- dates out of order ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        pytest.param(
            {"stage1_responded": D(2024, 4, 30)},
            ["stage 1 responded", "2024-04-30", "received", "2024-05-01"],
            id="response-before-receipt",
        ),
        pytest.param(
            {"stage1_acknowledged": D(2024, 4, 29)},
            ["stage 1 acknowledged", "2024-04-29"],
            id="acknowledged-before-receipt",
        ),
        pytest.param(
            {"stage1_responded": D(2024, 5, 20), "stage2_requested": D(2024, 5, 17)},
            ["stage 2 requested", "2024-05-17", "stage 1 responded", "2024-05-20"],
            id="stage2-request-before-stage1-response",
        ),
        pytest.param(
            {"stage2_requested": D(2024, 6, 4), "stage2_acknowledged": D(2024, 6, 3)},
            ["stage 2 acknowledged", "2024-06-03", "stage 2 requested", "2024-06-04"],
            id="stage2-acknowledged-before-requested",
        ),
        pytest.param(
            {"stage2_requested": D(2024, 6, 4), "stage2_responded": D(2024, 6, 1)},
            ["stage 2 responded", "2024-06-01"],
            id="stage2-responded-before-requested",
        ),
        pytest.param(
            {"stage2_requested": D(2024, 4, 20)},
            ["stage 2 requested", "2024-04-20", "received"],
            id="stage2-request-before-receipt",
        ),
    ],
)
def test_dates_out_of_order_are_errors(fields: dict[str, date], words: list[str]) -> None:
    complaint = Complaint(received=D(2024, 5, 1), **fields)  # type: ignore[arg-type]
    with pytest.raises(CaseError) as caught:
        compute(complaint, load_edition("2024"), calendar_for(EW), D(2024, 6, 10))
    assert "out of order" in caught.value.message
    for word in words:
        assert word in caught.value.message


def test_same_day_events_are_in_order() -> None:
    # Acknowledged and responded on the day received, stage 2 asked the same day: allowed.
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 1),
        stage1_responded=D(2024, 5, 1),
        stage2_requested=D(2024, 5, 1),
        stage2_acknowledged=D(2024, 5, 1),
        as_of=D(2024, 5, 1),
    )
    assert ev(t, "stage1.respond").status == "on_time"


@pytest.mark.parametrize("days", [0, -3])
def test_extension_must_be_positive(days: int) -> None:
    with pytest.raises(CaseError, match="extension"):
        timeline(D(2024, 5, 1), stage1_extension=days, as_of=D(2024, 5, 1))


# --- closure days ----------------------------------------------------------------------------


def test_closure_days_move_due_dates_and_add_an_assumption() -> None:
    # Closed Tue 07 and Wed 08 May 2024. Acknowledge 5 wd from Wed 01: Thu 02 (1), Fri 03 (2),
    # Mon 06 hol, Tue 07 closed, Wed 08 closed, Thu 09 (3), Fri 10 (4), Mon 13 (5)
    # -> 2024-05-13 (2024-05-09 without the closures).
    # Respond from Fri 03: Thu 09 (1), Fri 10 (2), Mon 13 (3) ... Fri 17 (7), Mon 20 (8),
    # Tue 21 (9), Wed 22 (10) -> 2024-05-22 (2024-05-20 without).
    closed = (D(2024, 5, 8), D(2024, 5, 7))
    t = timeline(
        D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 3), closed=closed, as_of=D(2024, 5, 3)
    )
    assert ev(t, "stage1.acknowledge").due == D(2024, 5, 13)
    assert ev(t, "stage1.respond").due == D(2024, 5, 22)
    assert t.closed == (D(2024, 5, 7), D(2024, 5, 8))
    assert Assumed("closure-days-not-working") in t.assumptions
    plain = timeline(D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 3), as_of=D(2024, 5, 3))
    assert Assumed("closure-days-not-working") not in plain.assumptions
    assert plain.closed == ()


def test_closure_day_counts_in_working_days_late() -> None:
    # Respond due Mon 20 May 2024; closed Tue 28 May; as of Mon 03 Jun: Tue 21 (1) ... Fri 24
    # (4), Mon 27 hol, Tue 28 closed, Wed 29 (5), Thu 30 (6), Fri 31 (7), Mon 03 (8) -> 8.
    t = timeline(
        D(2024, 5, 1),
        stage1_acknowledged=D(2024, 5, 3),
        closed=(D(2024, 5, 28),),
        as_of=D(2024, 6, 3),
    )
    respond = ev(t, "stage1.respond")
    assert (respond.due, respond.status, respond.working_days_late) == (
        D(2024, 5, 20),
        "overdue",
        8,
    )


# --- regions --------------------------------------------------------------------------------


def test_scotland_august_bank_holiday() -> None:
    # Received Wed 31 Jul 2024, acknowledged Thu 01 Aug.
    # Scotland (Mon 05 Aug hol): acknowledge Thu 01 (1), Fri 02 (2), Mon 05 hol, Tue 06 (3),
    # Wed 07 (4), Thu 08 (5) -> 2024-08-08; respond from Thu 01: Fri 02 (1), Mon 05 hol,
    # Tue 06 (2) ... Fri 09 (5), Mon 12 (6) ... Fri 16 (10) -> 2024-08-16.
    # England and Wales (05 Aug is a working day): 2024-08-07 and Thu 2024-08-15.
    ack, as_of = D(2024, 8, 1), D(2024, 8, 1)
    sct = timeline(D(2024, 7, 31), region="scotland", stage1_acknowledged=ack, as_of=as_of)
    assert sct.region == "scotland"
    assert ev(sct, "stage1.acknowledge").due == D(2024, 8, 8)
    assert ev(sct, "stage1.respond").due == D(2024, 8, 16)
    ew = timeline(D(2024, 7, 31), stage1_acknowledged=ack, as_of=as_of)
    assert ev(ew, "stage1.acknowledge").due == D(2024, 8, 7)
    assert ev(ew, "stage1.respond").due == D(2024, 8, 15)


def test_scotland_second_of_january() -> None:
    # 2022 rules. Received and acknowledged Fri 29 Dec 2023.
    # Scotland: Mon 01 Jan hol, Tue 02 hol, Wed 03 (1), Thu 04 (2), Fri 05 (3), Mon 08 (4)
    # ... Fri 12 (8), Mon 15 (9), Tue 16 (10) -> 2024-01-16.
    # England and Wales: Mon 01 hol, Tue 02 (1) ... Fri 05 (4), Mon 08 (5) ... Fri 12 (9),
    # Mon 15 (10) -> 2024-01-15.
    day = D(2023, 12, 29)
    sct = timeline(day, region="scotland", stage1_acknowledged=day, as_of=day)
    assert sct.code == "2022"
    assert ev(sct, "stage1.respond").due == D(2024, 1, 16)
    ew = timeline(day, stage1_acknowledged=day, as_of=day)
    assert ev(ew, "stage1.respond").due == D(2024, 1, 15)


def test_northern_ireland_twelfth_of_july() -> None:
    # Received Mon 08 Jul 2024, acknowledged Tue 09.
    # Northern Ireland (Fri 12 Jul hol): acknowledge Tue 09 (1), Wed 10 (2), Thu 11 (3),
    # Fri 12 hol, Mon 15 (4), Tue 16 (5) -> 2024-07-16; respond from Tue 09: Wed 10 (1),
    # Thu 11 (2), Fri 12 hol, Mon 15 (3) ... Fri 19 (7), Mon 22 (8), Tue 23 (9),
    # Wed 24 (10) -> 2024-07-24.
    # England and Wales: 2024-07-15 and Tue 2024-07-23.
    ack, as_of = D(2024, 7, 9), D(2024, 7, 9)
    ni = timeline(D(2024, 7, 8), region="northern-ireland", stage1_acknowledged=ack, as_of=as_of)
    assert ni.region == "northern-ireland"
    assert ev(ni, "stage1.acknowledge").due == D(2024, 7, 16)
    assert ev(ni, "stage1.respond").due == D(2024, 7, 24)
    ew = timeline(D(2024, 7, 8), stage1_acknowledged=ack, as_of=as_of)
    assert ev(ew, "stage1.acknowledge").due == D(2024, 7, 15)
    assert ev(ew, "stage1.respond").due == D(2024, 7, 23)


# --- across the holidays ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "acknowledged", "due", "code"),
    [
        # Platinum Jubilee: from Wed 01 Jun 2022: Thu 02 hol, Fri 03 hol, Mon 06 (1) ...
        # Fri 10 (5), Mon 13 (6) ... Fri 17 (10) -> 2022-06-17.
        pytest.param(D(2022, 5, 31), D(2022, 6, 1), D(2022, 6, 17), "2022", id="jubilee-2022"),
        # State Funeral: from Thu 15 Sep 2022: Fri 16 (1), Mon 19 hol, Tue 20 (2) ... Fri 23
        # (5), Mon 26 (6) ... Fri 30 (10) -> 2022-09-30.
        pytest.param(D(2022, 9, 14), D(2022, 9, 15), D(2022, 9, 30), "2022", id="funeral-2022"),
        # Coronation: from Wed 03 May 2023: Thu 04 (1), Fri 05 (2), Mon 08 hol, Tue 09 (3) ...
        # Fri 12 (6), Mon 15 (7) ... Thu 18 (10) -> 2023-05-18.
        pytest.param(D(2023, 5, 2), D(2023, 5, 3), D(2023, 5, 18), "2022", id="coronation-2023"),
        # Easter 2022: from Mon 11 Apr: Tue 12 (1), Wed 13 (2), Thu 14 (3), Fri 15 hol,
        # Mon 18 hol, Tue 19 (4) ... Fri 22 (7), Mon 25 (8), Tue 26 (9), Wed 27 (10)
        # -> 2022-04-27.
        pytest.param(D(2022, 4, 1), D(2022, 4, 11), D(2022, 4, 27), "2022", id="easter-2022"),
        # Christmas 2022 (Christmas Day substitute Tue 27, New Year substitute Mon 02 Jan):
        # from Wed 21 Dec: Thu 22 (1), Fri 23 (2), Mon 26 hol, Tue 27 hol, Wed 28 (3),
        # Thu 29 (4), Fri 30 (5), Mon 02 hol, Tue 03 (6) ... Fri 06 (9), Mon 09 (10)
        # -> 2023-01-09.
        pytest.param(D(2022, 12, 20), D(2022, 12, 21), D(2023, 1, 9), "2022", id="christmas-2022"),
        # Christmas 2023: from Thu 21 Dec: Fri 22 (1), Mon 25 hol, Tue 26 hol, Wed 27 (2),
        # Thu 28 (3), Fri 29 (4), Mon 01 hol, Tue 02 (5) ... Fri 05 (8), Mon 08 (9),
        # Tue 09 (10) -> 2024-01-09.
        pytest.param(D(2023, 12, 20), D(2023, 12, 21), D(2024, 1, 9), "2022", id="christmas-2023"),
        # Leap day: acknowledged Thu 29 Feb 2024: Fri 01 Mar (1), Mon 04 (2) ... Fri 08 (6),
        # Mon 11 (7) ... Thu 14 (10) -> 2024-03-14.
        pytest.param(D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 14), "2022", id="leap-day"),
    ],
)
def test_stage1_response_across_holidays(
    received: date, acknowledged: date, due: date, code: str
) -> None:
    t = timeline(received, stage1_acknowledged=acknowledged, as_of=received)
    assert t.code == code
    respond = ev(t, "stage1.respond")
    assert (respond.from_date, respond.due) == (acknowledged, due)


def test_2020_christmas_2020_substitute_boxing_day() -> None:
    # 2020 rules, from receipt Mon 21 Dec 2020: Tue 22 (1), Wed 23 (2), Thu 24 (3), Fri 25
    # hol, Mon 28 hol (Boxing Day substitute), Tue 29 (4), Wed 30 (5), Thu 31 (6), Fri 01 Jan
    # hol, Mon 04 (7) ... Thu 07 (10) -> 2021-01-07. Acknowledge: 5 calendar days
    # -> Sat 2020-12-26.
    t = timeline(D(2020, 12, 21), as_of=D(2020, 12, 21))
    assert t.code == "2020"
    assert ev(t, "stage1.acknowledge").due == D(2020, 12, 26)
    assert ev(t, "stage1.respond").due == D(2021, 1, 7)


def test_2020_christmas_2021_double_substitute() -> None:
    # 2020 rules, from receipt Thu 23 Dec 2021: Fri 24 (1), Mon 27 hol, Tue 28 hol, Wed 29 (2),
    # Thu 30 (3), Fri 31 (4), Mon 03 Jan hol (New Year substitute), Tue 04 (5) ... Fri 07 (8),
    # Mon 10 (9), Tue 11 (10) -> 2022-01-11.
    t = timeline(D(2021, 12, 23), as_of=D(2021, 12, 23))
    assert ev(t, "stage1.respond").due == D(2022, 1, 11)


def test_leap_year_calendar_day_acknowledgement() -> None:
    # 2022 rules. Received Mon 26 Feb 2024 + 5 calendar days: Tue 27, Wed 28, Thu 29 Feb,
    # Fri 01 Mar, Sat 02 Mar -> 2024-03-02. The same date in 2023 (no 29 Feb) -> 2023-03-03.
    assert ev(timeline(D(2024, 2, 26), as_of=D(2024, 2, 26)), "stage1.acknowledge").due == D(
        2024, 3, 2
    )
    assert ev(timeline(D(2023, 2, 26), as_of=D(2023, 2, 26)), "stage1.acknowledge").due == D(
        2023, 3, 3
    )


# --- edition boundaries ---------------------------------------------------------------------


def test_received_2024_03_31_uses_the_2022_rules() -> None:
    # Sun 31 Mar 2024: 2022 rules. Acknowledge 5 calendar days -> Fri 2024-04-05.
    # Respond from that assumed date: Mon 08 (1) ... Fri 12 (5), Mon 15 (6) ... Fri 19 (10)
    # -> 2024-04-19. With the acknowledgement Tue 02 Apr: Wed 03 (1), Thu 04 (2), Fri 05 (3),
    # Mon 08 (4) ... Fri 12 (8), Mon 15 (9), Tue 16 (10) -> 2024-04-16.
    t = timeline(D(2024, 3, 31), as_of=D(2024, 3, 31))
    assert t.code == "2022"
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.unit, ack.provision) == (D(2024, 4, 5), "calendar_days", "4.1")
    assert ev(t, "stage1.respond").due == D(2024, 4, 19)
    t = timeline(D(2024, 3, 31), stage1_acknowledged=D(2024, 4, 2), as_of=D(2024, 3, 31))
    assert ev(t, "stage1.respond").due == D(2024, 4, 16)


def test_received_2024_04_01_uses_the_2024_rules() -> None:
    # Easter Monday 01 Apr 2024 is day 0 though a bank holiday. Acknowledge 5 wd: Tue 02 (1),
    # Wed 03 (2), Thu 04 (3), Fri 05 (4), Mon 08 (5) -> 2024-04-08 (6.2). Respond from it
    # (assumed): Tue 09 (1) ... Fri 12 (4), Mon 15 (5) ... Fri 19 (9), Mon 22 (10)
    # -> 2024-04-22.
    t = timeline(D(2024, 4, 1), as_of=D(2024, 4, 1))
    assert t.code == "2024"
    ack = ev(t, "stage1.acknowledge")
    assert (ack.due, ack.unit, ack.provision) == (D(2024, 4, 8), "working_days", "6.2")
    assert ev(t, "stage1.respond").due == D(2024, 4, 22)


def test_received_2022_03_31_uses_the_2020_rules() -> None:
    # Thu 31 Mar 2022: 2020 rules. Acknowledge 5 calendar days -> Tue 2022-04-05 (Q4.3).
    # Respond from receipt: Fri 01 Apr (1), Mon 04 (2) ... Fri 08 (6), Mon 11 (7) ...
    # Thu 14 (10) -> 2022-04-14 (the day before Good Friday).
    t = timeline(D(2022, 3, 31), as_of=D(2022, 3, 31))
    assert t.code == "2020"
    assert ev(t, "stage1.acknowledge").due == D(2022, 4, 5)
    respond = ev(t, "stage1.respond")
    assert (respond.due, respond.from_event, respond.provision) == (
        D(2022, 4, 14),
        "received",
        "Q4.7",
    )


def test_received_2022_04_01_uses_the_2022_rules() -> None:
    # Fri 01 Apr 2022 + 5 calendar days -> Wed 2022-04-06.
    t = timeline(D(2022, 4, 1), as_of=D(2022, 4, 1))
    assert t.code == "2022"
    assert ev(t, "stage1.acknowledge").due == D(2022, 4, 6)


def test_an_explicit_edition_overrides_the_date() -> None:
    # Received Wed 01 Mar 2023 but counted under the 2024 Code: acknowledge 5 wd: Thu 02 (1),
    # Fri 03 (2), Mon 06 (3), Tue 07 (4), Wed 08 (5) -> 2023-03-08.
    t = timeline(D(2023, 3, 1), code="2024", as_of=D(2023, 3, 1))
    assert t.code == "2024"
    assert ev(t, "stage1.acknowledge").due == D(2023, 3, 8)


def test_before_the_first_edition_is_an_error() -> None:
    with pytest.raises(ChcError, match="before the first"):
        edition_for_date(D(2020, 1, 1))


# --- the JSON form of a timeline --------------------------------------------------------------


def test_timeline_as_json_shape() -> None:
    t = timeline(D(2024, 5, 1), stage1_acknowledged=D(2024, 5, 3), as_of=D(2024, 5, 3))
    data = t.as_json()
    assert list(data) == ["code", "region", "as_of", "closed", "events", "warnings", "assumptions"]
    assert data["as_of"] == "2024-05-03"
    events = data["events"]
    assert isinstance(events, list)
    assert events[1] == {
        "key": "stage1.respond",
        "stage": 1,
        "due": "2024-05-20",
        "from_event": "acknowledged",
        "from_date": "2024-05-03",
        "amount": 10,
        "unit": "working_days",
        "provision": "6.3",
        "done": None,
        "status": "open",
        "assumed": False,
        "working_days_late": 0,
        "superseded": False,
    }


def test_the_first_day_of_the_2020_edition() -> None:
    # Mon 06 Jul 2020, the day the 2020 edition applies from: acknowledge 5 calendar days
    # -> Sat 2020-07-11; respond 10 wd from receipt: Tue 07 (1) ... Fri 10 (4), Mon 13 (5)
    # ... Fri 17 (9), Mon 20 (10) -> 2020-07-20. The day before is before every edition.
    t = timeline(D(2020, 7, 6), as_of=D(2020, 7, 6))
    assert t.code == "2020"
    assert ev(t, "stage1.acknowledge").due == D(2020, 7, 11)
    assert ev(t, "stage1.respond").due == D(2020, 7, 20)
    with pytest.raises(ChcError, match="2020-07-05"):
        edition_for_date(D(2020, 7, 5))


def test_2020_extension_beyond_the_limit_names_q4_8() -> None:
    # Respond due Mon 15 Mar 2021 (as above). Extension 11 wd: Tue 16 (1) ... Fri 19 (4),
    # Mon 22 (5) ... Fri 26 (9), Mon 29 (10), Tue 30 (11) -> 2021-03-30.
    t = timeline(D(2021, 3, 1), stage1_extension=11, as_of=D(2021, 3, 1))
    ext = ev(t, "stage1.respond_extended")
    assert (ext.due, ext.provision) == (D(2021, 3, 30), "Q4.8")
    assert len(t.problems) == 1
    assert "Q4.8" in t.problems[0]
