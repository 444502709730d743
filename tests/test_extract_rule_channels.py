from __future__ import annotations

from test_extract_helpers import run_rule


def channels(text: str) -> list[object]:
    return [f.value for f in run_rule("channels", text)]


def test_a_sentence_about_complaining() -> None:
    text = "You can complain by phone, by email, in writing or face to face.\n"
    assert channels(text) == ["phone", "email", "letter", "in person"]


def test_a_bulleted_list_after_its_lead_in() -> None:
    text = "You can make a complaint:\n\n- by telephone\n- online using our web form\n"
    assert channels(text) == ["phone", "website"]


def test_one_channel_alone_or_off_topic_is_not_a_list_of_channels() -> None:
    assert channels("We publish this policy on our website.\n") == []
    assert channels("Pay your rent by phone or online.\n") == []


def test_electronic_is_kept_and_questioned() -> None:
    [*_, found] = run_rule("channels", "A complaint can be made by letter or electronic means.\n")
    assert found.value == "electronic"
    assert found.review is not None
