from __future__ import annotations

from test_extract_helpers import values


def signposts(text: str) -> list[object]:
    return values("ombudsman", text).get(("ombudsman_signposting",), [])


def test_at_each_stage_and_the_final_response() -> None:
    text = (
        "Stage 1 Complaint. Customer notified of access to Housing Ombudsman Service.\n\n"
        "Stage 2 Complaint. The outcome of Stage 2 ends our complaints process. Customer "
        "notified of access to Housing Ombudsman Service.\n"
    )
    assert signposts(text) == ["stage 1", "stage 2", "final response"]


def test_extension_refusal_and_website() -> None:
    assert signposts("If we extend the deadline we will tell you about the Ombudsman.\n") == [
        "extension"
    ]
    text = (
        "Sometimes it is not appropriate to follow this policy. In such instance we will "
        "explain your right to take the decision to the Ombudsman.\n"
    )
    assert signposts(text) == ["refusal"]
    assert signposts("We publicise information about the Housing Ombudsman on our website.\n") == [
        "website"
    ]


def test_naming_the_ombudsmans_code_is_not_signposting() -> None:
    text = "Stage 1: we follow the Housing Ombudsman's Code definition of a complaint.\n"
    assert signposts(text) == []


def test_deciding_not_to_accept_a_complaint_is_a_refusal() -> None:
    text = (
        "If we decide not to accept a complaint, we will tell the resident of their right to "
        "ask the Housing Ombudsman to look at our decision.\n"
    )
    assert values("ombudsman", text) == {("ombudsman_signposting",): ["refusal"]}
