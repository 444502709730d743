"""The edition files held to the fact sheets on the points an audit against
../shared/reference/ found wrong (each test names the sheet's line it rests on)."""

from __future__ import annotations

from pathlib import Path

from chc.codes.loading import load_edition
from chc.policy.findings import check_policy
from chc.policy.model import load_policy


def _stage_count(tmp_path: Path, stages: int, edition: str) -> list[tuple[str, str | None]]:
    policy = tmp_path / "policy.yaml"
    names = "".join(f"  - name: Stage {n}\n" for n in range(1, stages + 1))
    policy.write_text(f"stages:\n{names}", encoding="utf-8")
    report = check_policy(load_policy(policy), load_edition(edition))
    return [(f.status, f.assumption) for f in report.findings if f.check == "stage_count"]


def test_2020_a_one_stage_policy_fails_two_stages_being_corroborated(tmp_path: Path) -> None:
    # code-2020.md, "Max stages": two expected (corroborated); an optional third tolerated.
    assert ("fail", None) in _stage_count(tmp_path, 1, "2020")
    assert {s for s, _ in _stage_count(tmp_path, 2, "2020")} == {"pass"}
    assert {s for s, _ in _stage_count(tmp_path, 3, "2020")} == {"pass"}


def test_2020_more_than_three_stages_is_for_review_the_cap_being_unverified(
    tmp_path: Path,
) -> None:
    statuses = _stage_count(tmp_path, 4, "2020")
    assert [s for s, _ in statuses if s != "pass"] == ["review"]
    assert any(a and "three stages as the most" in a for _, a in statuses)


def test_2020_summaries_say_no_more_than_the_forms_questions() -> None:
    e = load_edition("2020")
    # code-2020.md section 3 and 4 questions: "Autonomy to resolve complaints?", "Is any
    # third stage optional?", "All complaints acknowledged and logged within five days?"
    summaries = {pid: e.provision(pid).summary for pid in ("Q3.2", "Q3.5", "Q4.3")}  # type: ignore[union-attr]
    assert "sign-off" not in summaries["Q3.2"]
    assert "Ombudsman" not in summaries["Q3.5"] and "optional" in summaries["Q3.5"]
    assert "arriving" not in summaries["Q4.3"] and "five days" in summaries["Q4.3"]
    note = e.provision("Q4.8").note  # type: ignore[union-attr]
    # code-2020.md, "Stage 1 extension": a further 10 working days, corroborated, so the note
    # states the figure as chc's and no longer calls it unverified.
    assert note is not None and "a further 10 working days" in note
    assert "unverified" not in note


def test_2022_survey_feedback_has_no_where_possible() -> None:
    # code-2020-2022.md, 2022 table, 1.5: the respondent should be told how to complain.
    p = load_edition("2022").provision("1.5")
    assert p is not None and "where possible" not in p.summary


def test_2024_wording_matches_the_sheet() -> None:
    e = load_edition("2024")
    p33, p85 = e.provision("3.3"), e.provision("8.5")
    assert p33 is not None and "must not" in p33.summary  # code-2024.md, 3.3: must (not)
    assert p85 is not None and "cyber incident" in p85.summary  # 8.5: "a cyber incident"
    limit = e.timescale("complaint_time_limit")
    # 2.3: 12 months from the issue occurring or the resident becoming aware of it.
    assert limit is not None and limit.from_event == "issue_or_awareness"
    assert "becoming aware" in limit.describe()


def test_2024_form_note_says_what_the_sheets_form_header_and_8_2_say() -> None:
    # code-2024.md §2 (Appendix A's header: every statement evidenced, the governing body
    # approves it "at least annually", published with its response) and §5 (8.2); the forms
    # listed in §0 all start at 1.2. The note says so without naming whose forms they were.
    note = load_edition("2024").form.note
    assert note is not None
    for words in ("1.2 to 9.8", "1.1 left out", "evidence", "at least once a year", "response"):
        assert words in note, words
    assert "B3Living" not in note and "Southampton" not in note
