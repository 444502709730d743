from __future__ import annotations

from test_extract_helpers import run_rule

CODE = (
    "A complaint is an expression of dissatisfaction, however made, about the standard of "
    "service, actions or lack of action by the landlord, its own staff, or those acting on "
    "its behalf, affecting a resident or group of residents."
)


def test_the_codes_definition_is_ombudsman() -> None:
    [found] = run_rule("definition", CODE + "\n")
    assert found.value == "ombudsman"
    assert found.quote == CODE
    assert found.review is None


def test_own_wording_is_kept_and_questioned() -> None:
    own = "A complaint is an expression of dissatisfaction with a service we provide."
    [found] = run_rule("definition", own + "\n")
    assert found.value == own
    assert found.review is not None


def test_no_definition() -> None:
    assert run_rule("definition", "We welcome complaints.\n") == []
