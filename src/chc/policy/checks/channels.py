"""Ways to complain."""

from __future__ import annotations

from chc.codes.check_params import MinChannels
from chc.codes.model import Edition
from chc.policy.checks.base import Outcome, fix, plural, your
from chc.policy.model import Policy


def min_channels(policy: Policy, edition: Edition, params: MinChannels) -> list[Outcome]:
    need = params.min
    expected = f"at least {need} ways to complain"
    channels = policy.channels
    if channels is None:
        return [
            Outcome(
                "not_stated",
                "the policy does not list the ways to complain",
                expected,
                fix=fix("List the ways residents can complain", ("channels",), "[...]"),
            )
        ]
    found = ", ".join(channels) or "none"
    distinct = len({c.strip().lower() for c in channels})
    ref = policy.refs.get("channels")
    if distinct >= need:
        return [
            Outcome("pass", f"{distinct} ways to complain", expected, found, ("channels",), ref=ref)
        ]
    return [
        Outcome(
            "fail",
            f"only {plural(distinct, 'way')} to complain",
            expected,
            found,
            ("channels",),
            fix(
                "Offer more ways to complain (phone, email, in person ...); "
                f"{your(policy.refs, 'channels')} names {found}",
                ("channels",),
                "[phone, email, ...]",
            ),
            ref=ref,
        )
    ]
