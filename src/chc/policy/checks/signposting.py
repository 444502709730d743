"""Telling residents about the Ombudsman."""

from __future__ import annotations

from chc.codes.check_params import Signposting
from chc.codes.model import Edition
from chc.policy.checks.base import Outcome, fix, your
from chc.policy.model import Policy

_LOC: tuple[str | int, ...] = ("ombudsman_signposting",)
# The points as a sentence says them ("in an extension letter"); the bare names stay the
# policy file's (and the JSON's) vocabulary.
_POINT_WORDS = {
    "stage 1": "at stage 1",
    "stage 2": "at stage 2",
    "stage 3": "at stage 3",
    "extension": "when a response is extended",
    "refusal": "when a complaint is refused",
    "final response": "in the final response",
    "website": "on the website",
}


def _at(points: list[str]) -> str:
    """["extension", "refusal"] -> "when a response is extended and when a complaint is
    refused"."""
    words = [_POINT_WORDS.get(p, f"at {p}") for p in points]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _said(policy: Policy) -> dict[str, bool] | None:
    said = policy.signposts()
    if said is None:
        return None
    last = f"stage {len(policy.stages)}"
    if last in said and "final response" not in said:
        said["final response"] = said[last]  # the last stage's response is the final response
    return said


def signposting(policy: Policy, edition: Edition, params: Signposting) -> list[Outcome]:
    wanted: list[str] = list(params.at)
    said = _said(policy)
    expected = ("the Ombudsman named " + _at(wanted)) if wanted else "the Ombudsman named"
    if said is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not say where it tells residents about the Ombudsman",
                expected,
                fix=fix(
                    "Say where residents are told about the Ombudsman: "
                    + (_at(wanted) if wanted else "at each stage"),
                    _LOC,
                    "[" + ", ".join(wanted or ["stage 1"]) + "]",
                ),
            )
        ]
    named = [p for p, yes in said.items() if yes]
    found = _at(named) if named else "nowhere"
    ref = policy.refs.get("ombudsman_signposting")
    if not wanted:
        if named:
            return [
                Outcome("pass", f"the Ombudsman is named {found}", expected, found, _LOC, ref=ref)
            ]
        if policy.ombudsman_signposting == "none":
            return [_fail(policy, ["any point"], found, expected, ref)]
        return [
            Outcome(
                "not_stated",
                "the policy names the Ombudsman at none of the points it states",
                expected,
                found,
                _LOC,
                ref=ref,
            )
        ]
    refused = [w for w in wanted if said.get(w) is False]
    unstated = [w for w in wanted if w not in said]
    if refused:
        return [_fail(policy, refused, found, expected, ref)]
    if unstated:
        return [
            Outcome(
                "not_stated",
                "the policy does not say whether it names the Ombudsman " + _at(unstated),
                expected,
                found,
                _LOC,
                fix(
                    "Say that residents are told about the Ombudsman " + _at(unstated),
                    _LOC,
                    "[..., " + ", ".join(unstated) + "]",
                ),
                ref=ref,
            )
        ]
    return [Outcome("pass", f"the Ombudsman is named {found}", expected, found, _LOC, ref=ref)]


def _fail(
    policy: Policy, missing: list[str], found: str, expected: str, ref: str | None
) -> Outcome:
    where = ", ".join(missing)
    return Outcome(
        "fail",
        f"the Ombudsman is not named {_at(missing)}",
        expected,
        found,
        _LOC,
        fix(
            f"Give the Ombudsman's details {_at(missing)}; "
            f"{your(policy.refs, 'ombudsman_signposting')} leaves them out",
            _LOC,
            f"{{{where}: true}}",
        ),
        ref=ref,
    )
