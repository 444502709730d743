"""extract-policy on wordings seen in real landlords' procedures (issue 21's causes), each
as a short snippet: a period in its right role, stages however they are named, negation,
and a draft that asks rather than drops. The snippets quote only a few words of each
landlord's text; the whole documents are measured in test_extract_real_corpus.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.policy.extract import Draft, extract
from chc.policy.extract.draft import render_yaml
from chc.policy.extract.report import draft_json


def draft_of(tmp_path: Path, text: str, name: str = "policy.txt") -> Draft:
    """The snippet as a text policy, after an opening line that says what it is (a document
    that never mentions complaints is refused)."""
    path = tmp_path / name
    path.write_text(f"This is how we handle complaints.\n\n{text}", encoding="utf-8")
    return extract(path)


def fields(draft: Draft) -> dict[str, object]:
    """The draft as {"stages[1].respond": value, "channels": [...], ...}, stage by number."""
    out: dict[str, object] = {}
    for n, stage in zip(draft.stages, draft.data()["stages"], strict=True):
        out.update({f"stage{n}.{k}": v for k, v in stage.items() if k not in ("name", "refs")})
    out.update({k: v for k, v in draft.data().items() if k != "stages"})
    return out


# -- 1. a period in its right role ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "If you are unhappy, tell us within 28 days of your stage one response.",
        "Please let us know if you want to do this within six months of receiving your "
        "stage one response.",
        "To request a further investigation, contact us within 20 working days of the date "
        "of our decision.",
        "If you are dissatisfied, you have 28 days to ask us to take your complaint to stage 2.",
    ],
)
def test_a_window_to_escalate_is_never_a_response_time(tmp_path: Path, sentence: str) -> None:
    text = (
        "Stage 1\n\nWe will respond within 10 working days.\n\n"
        f"Stage 2\n\n{sentence}\n\nWe will respond within 20 working days.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert got["stage1.respond"] == "10 working days"
    assert got["stage2.respond"] == "20 working days"
    assert "stage1.extension" not in got and "stage2.extension" not in got
    assert "request_within" in "".join(k for k in got if k.startswith("stage2"))


def test_a_closure_window_is_a_question_not_a_timescale(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nWe will respond within 10 working days.\n"
        "If we do not hear from you within 28 days we will close the complaint.\n"
    )
    draft = draft_of(tmp_path, text)
    assert fields(draft) == {"stage1.respond": "10 working days"}
    assert [q.quote for q in draft.questions] == [
        "If we do not hear from you within 28 days we will close the complaint."
    ]
    assert "28 days" in draft.questions[0].question


def test_the_ombudsmans_own_wait_is_not_the_landlords(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nWe will acknowledge your complaint within 5 working days.\n\n"
        "You can wait for eight weeks before referring it to the Housing Ombudsman.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert got["stage1.acknowledge"] == "5 working days"
    assert not any("8 weeks" in str(v) for v in got.values())


def test_a_period_in_a_condition_belongs_to_its_main_clause(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nA full response will be provided within 15 working days.\n"
        "If a full response cannot be provided within five working days, an acknowledgement "
        "letter will be sent.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert got["stage1.respond"] == "15 working days"
    assert got["stage1.acknowledge"] == "5 working days"


def test_a_further_investigation_is_no_extension_and_beyond_is_no_length(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nWe will respond within 10 working days, or explain why and give a new date "
        "which should not exceed a further 10 days.\n"
        "An extension beyond 20 working days should be agreed by both parties.\n"
        "A further investigation may follow.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert got["stage1.extension"] == "10 days"


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        ("We may extend by no more than 10 working days.", "extension", "10 working days"),
        ("We may extend the response by up to 10 working days.", "extension", "10 working days"),
        ("This can take a maximum of 10 additional working days.", "extension", "10 working days"),
        ("We may need 10 further working days.", "extension", "10 working days"),
        ("This will not be longer than a further ten working days.", "extension",
         "10 working days"),
        ("They will have 10 working days to investigate and respond to you.", "respond",
         "10 working days"),
        ("We aim to complete Stage 1 investigations within 10 working days.", "respond",
         "10 working days"),
        ("Acknowledgement of every complaint: within 2 working days", "acknowledge",
         "2 working days"),
    ],
)  # fmt: skip
def test_wordings_outside_the_old_lists(
    tmp_path: Path, sentence: str, field: str, value: str
) -> None:
    got = fields(draft_of(tmp_path, f"Stage 1\n\nWe will respond when we can.\n{sentence}\n"))
    assert got[f"stage1.{field}"] == value


def test_a_response_counted_from_acknowledgement_in_other_words(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nOur aim is to provide this to you within ten working days from "
        "acknowledgement.\n\nStage 2\n\nWe will respond within 20 working days of the "
        "acknowledgement letter being sent.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert (got["stage1.respond"], got["stage1.respond_from"]) == (
        "10 working days",
        "acknowledged",
    )
    assert got["stage2.respond_from"] == "acknowledged"


def test_a_sentence_saying_when_the_clock_starts_takes_no_period(tmp_path: Path) -> None:
    text = (
        "Stage 2\n\nWe will respond within 20 working days.\n"
        "The 20 working days starts on the day we send the acknowledgement letter.\n"
    )
    got = fields(draft_of(tmp_path, text))
    assert got["stage2.respond"] == "20 working days"
    assert got["stage2.respond_from"] == "acknowledged"


def test_the_time_limit_counted_from_the_problem_happening(tmp_path: Path) -> None:
    text = "Stage 1\n\nPlease complain within 6 months of the problem happening.\n"
    assert fields(draft_of(tmp_path, text))["time_limit"] == "6 months"


def test_open_ended_extensions_are_none(tmp_path: Path) -> None:
    for said in (
        "If there is a delay in responding, we will let you know why and when to expect it.",
        "Time targets may be extended with the agreement of the tenant.",
        "We will give you our decision within 10 working days, or a written reason for the "
        "delay and a new timetable.",
    ):
        got = fields(draft_of(tmp_path, f"Stage 1\n\nWe respond in 10 working days.\n{said}\n"))
        assert got["stage1.extension"] == "none", said


# -- 2. stages named by purpose, announced or alone on a line -----------------------------


def test_a_stated_two_stage_process_names_both_stages(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "We use a two-stage formal complaint process.\n\nStage one\n\n"
        "We will respond within 10 working days.\n",
    )
    assert draft.stages == (1, 2)
    stage2 = next(f for f in draft.values if f.path == ("stages", 2, "name"))
    assert stage2.review is not None and "2 stages" in stage2.review


def test_a_stage_alone_on_a_line_is_a_heading(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "Stage one\nWe will respond within 10 working days.\n"
        "Stage two\nWe will respond within 20 working days.\n",
    )
    assert fields(draft) == {
        "stage1.respond": "10 working days",
        "stage2.respond": "20 working days",
    }


def test_a_stage_named_by_purpose_in_a_document_that_numbers_none(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "Making a complaint\nWe will respond within 10 working days.\n"
        "How to appeal our decision\nDuring this stage, we will respond within 20 working "
        "days.\n",
    )
    assert fields(draft) == {
        "stage1.respond": "10 working days",
        "stage2.respond": "20 working days",
    }
    names = [f for f in draft.values if f.path[2:] == ("name",)]
    assert all(f.review for f in names)  # both are chc's reading, so both are asked about


def test_a_document_numbering_no_stage_is_stage_1_asked_about(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "When you make a complaint, we will acknowledge it within 5 working days and respond "
        "within 10 working days.\n",
    )
    assert draft.stages == (1,)
    name = next(f for f in draft.values if f.path == ("stages", 1, "name"))
    assert name.review is not None and "stage 1" in name.review


# -- 4. negation and choice -----------------------------------------------------------------


def test_no_informal_stage_is_no_step_before_stage_1(tmp_path: Path) -> None:
    text = (
        "We do not have an informal stage before a complaint is logged.\n\n"
        "Stage 1\n\nWe respond within 10 working days.\n"
    )
    assert "pre_complaint_steps" not in draft_of(tmp_path, text).data()


def test_a_stage_1_named_frontline_resolution_is_not_a_step_before_it(tmp_path: Path) -> None:
    text = "Stage 1: frontline resolution\nWe respond within 10 working days.\n"
    assert "pre_complaint_steps" not in draft_of(tmp_path, text).data()


@pytest.mark.parametrize(
    "said",
    [
        "You do not have to give us any reasons.",
        "Residents do not have to give reasons for escalating.",
        "Giving reasons is helpful but it is not compulsory.",
        "If you can, tell us why you are unhappy.",
    ],
)
def test_reasons_not_required(tmp_path: Path, said: str) -> None:
    text = f"Stage 1\n\nWe respond in 10 working days.\n\nStage 2\n\n{said}\n"
    assert fields(draft_of(tmp_path, text))["stage2.reasons_required"] is False


def test_signposting_at_every_stage_covers_each_stage(tmp_path: Path) -> None:
    text = (
        "Stage 1\n\nWe respond in 10 working days.\n\nStage 2\n\nWe respond in 20 working "
        "days.\n\nAt every stage we will tell residents they can refer their complaint to the "
        "Housing Ombudsman.\n"
    )
    assert fields(draft_of(tmp_path, text))["ombudsman_signposting"] == ["stage 1", "stage 2"]


# -- 5. a step before stage 1 -----------------------------------------------------------------


def test_an_early_solution_before_stage_one(tmp_path: Path) -> None:
    text = (
        "Look for an early solution.\n"
        "If we can't resolve the issue within five working days, we will record your "
        "complaint as a formal Stage One complaint.\n"
    )
    draft = draft_of(tmp_path, text)
    assert draft.data()["pre_complaint_steps"] == ["Early resolution"]
    assert draft.questions[0].quote.startswith("If we can't resolve")


# -- the draft says what it could not place -------------------------------------------------


def test_questions_reach_the_yaml_and_the_json(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "Stage 1\n\nWe respond within 10 working days.\n"
        "If we do not hear from you within 28 days we will close the complaint.\n",
    )
    yaml = render_yaml(draft)
    assert "# Questions: what the document says that chc could not place" in yaml
    assert "within 28 days we will close" in yaml
    data = draft_json(draft)
    assert data["questions"][0]["line"] == 6
    assert "28 days" in data["questions"][0]["question"]
    assert data["suggested_stages"] == 1


def test_a_draft_says_when_the_document_suggests_more_stages(tmp_path: Path) -> None:
    draft = draft_of(
        tmp_path,
        "We respond within 10 working days.\nIf you are unhappy, you can ask for a review of "
        "your complaint.\n",
    )
    assert (draft.stages, draft.suggested_stages) == ((1,), 2)
    assert "# The document suggests 2 stages, but chc found 1" in render_yaml(draft)
