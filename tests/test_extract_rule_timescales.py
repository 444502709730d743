from __future__ import annotations

from test_extract_helpers import run_rule, values


def test_roles_by_the_nearest_cue_before_each_duration() -> None:
    got = values(
        "timescales",
        "## Stage 1\n\nWe will acknowledge within 5 working days and respond within "
        "10 working days. We may extend this by a further 10 working days.\n",
    )
    assert got == {
        ("stages", 1, "acknowledge"): ["5 working days"],
        ("stages", 1, "respond"): ["10 working days"],
        ("stages", 1, "extension"): ["10 working days"],
    }


def test_clock_starts() -> None:
    got = values(
        "timescales",
        "Stage 1: we respond within 10 working days of receiving the complaint.\n\n"
        "Stage 2: we respond within 20 working days of acknowledging the request.\n",
    )
    assert got[("stages", 1, "respond_from")] == ["received"]
    assert got[("stages", 2, "respond_from")] == ["acknowledged"]


def test_a_vague_escalation_clock_asks_a_question() -> None:
    found = run_rule(
        "timescales", "Stage 2: we respond within 20 working days from the escalation.\n"
    )
    clock = next(f for f in found if f.path == ("stages", 2, "respond_from"))
    assert clock.value == "escalation_requested"
    assert (
        clock.review is not None
        and "request to escalate or from its acknowledgement" in clock.review
    )


def test_time_to_escalate_goes_to_the_stage_named_as_target() -> None:
    got = values(
        "timescales",
        "Stage 1 Complaint. If not satisfied the complainant can, within 10 days, "
        "escalate to Stage 2.\n",
    )
    assert got == {("stages", 2, "request_within"): ["10 days"]}


def test_a_table_cell_takes_its_role_from_the_column_heading() -> None:
    got = values(
        "timescales",
        "| Stage | Acknowledge | Response time |\n|---|---|---|\n"
        "| Stage 1 | 5 working days | 10 working days |\n"
        "| Stage 2 | 5 working days | 20 working days |\n",
    )
    assert got[("stages", 1, "acknowledge")] == ["5 working days"]
    assert got[("stages", 2, "respond")] == ["20 working days"]


def test_a_stage_row_with_a_clock_start_is_a_response_time() -> None:
    got = values("timescales", "| Stage 1 | within two weeks of acknowledgement |\n")
    assert got == {
        ("stages", 1, "respond"): ["2 weeks"],
        ("stages", 1, "respond_from"): ["acknowledged"],
    }


def test_a_duration_with_no_stage_is_not_placed() -> None:
    # "Feedback with Investigation" is not a stage, so its 2 days go nowhere (in a document
    # that numbers its stages, as seed003 does).
    text = (
        "Feedback cases get a response within 2 working days.\n\n"
        "Stage 1 complaints get a full review.\n"
    )
    assert values("timescales", text) == {}


def test_a_document_that_numbers_no_stage_is_one_process_read_as_stage_1() -> None:
    found = run_rule(
        "timescales",
        "When you make a complaint, we will acknowledge it within 5 working days and "
        "respond within 10 working days.\n",
    )
    assert {(f.path, f.value) for f in found} == {
        (("stages", 1, "acknowledge"), "5 working days"),
        (("stages", 1, "respond"), "10 working days"),
    }


def test_a_reply_within_days_of_a_meeting_held_within_days_of_the_appeal() -> None:
    text = (
        "## Stage 2\n\nThe panel will reply within 7 working days of a meeting held within "
        "7 working days of the appeal.\n"
    )
    found = run_rule("timescales", text)
    assert [(f.path, f.value) for f in found] == [
        (("stages", 2, "respond"), "7 working days"),
        (
            ("stages", 2, "respond_from"),
            {"event": "meeting", "within": "7 working days", "after": "escalation_requested"},
        ),
    ]
    assert found[1].review is not None and "longest a resident can wait" in found[1].review


def test_a_meeting_with_no_bound_of_its_own_is_no_chain() -> None:
    got = values("timescales", "Stage 2: we reply within 10 working days of the meeting.\n")
    assert got == {("stages", 2, "respond"): ["10 working days"]}


def test_as_a_matter_of_urgency_is_no_timescale() -> None:
    found = run_rule(
        "timescales",
        "## Stage 2\n\nThe Clerk will acknowledge the appeal as a matter of urgency.\n",
    )
    assert [(f.path, f.value) for f in found] == [(("stages", 2, "acknowledge"), "none")]
    assert found[0].review is not None and "stated elsewhere" in found[0].review


def test_agreeing_a_new_date_is_an_extension_without_limit() -> None:
    got = values(
        "timescales",
        "## Stage 1\n\nIf we cannot respond in time, we will agree a new date with you.\n",
    )
    assert got == {("stages", 1, "extension"): ["none"]}


def test_a_period_stated_elsewhere_comes_before_none() -> None:
    found = run_rule(
        "timescales",
        "## Stage 1\n\nWe respond as soon as possible.\n\nWe respond within 10 working days.\n",
    )
    assert [f.value for f in found] == ["10 working days", "none"]
