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
    # "Feedback with Investigation" is not a stage, so its 2 days go nowhere.
    assert values("timescales", "Feedback cases get a response within 2 working days.\n") == {}
