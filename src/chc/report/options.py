"""What a report covers and the rules it applies where the Regulator has not settled them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from chc.errors import InputError

RefusedRule = Literal["late", "excluded", "by-policy"]
WithdrawnRule = Literal["excluded", "as-recorded"]
OverLimitRule = Literal["capped", "honoured"]

REFUSED_RULES: tuple[RefusedRule, ...] = ("by-policy", "late", "excluded")
WITHDRAWN_RULES: tuple[WithdrawnRule, ...] = ("excluded", "as-recorded")
OVER_LIMIT_RULES: tuple[OverLimitRule, ...] = ("capped", "honoured")

NOT_RECORDED = "not recorded"
REFUSED = "refused"
STAGES = (1, 2)

RULE_TEXT: dict[str, str] = {
    "by-policy": (
        "a refused complaint recorded as refused within the landlord's policy "
        "(refusal_within_policy = yes) is left out of CH02; any other refused complaint "
        "counts as responded to but not within the Code's timescale"
    ),
    "late": "every refused complaint counts as responded to but not within the Code's timescale",
    "excluded": "refused complaints are left out of CH02 (numerator and denominator)",
    "excluded-withdrawn": "withdrawn complaints are left out of CH02 and of the response times",
    "as-recorded": ("a withdrawn complaint with a response date is timed like any other response"),
    "capped": (
        "a response inside an extension counts as on time only up to the Code's extension "
        "limit; an extension longer than the limit is honoured only up to the limit"
    ),
    "honoured": (
        "a response inside the extension given counts as on time even where the extension "
        "is longer than the Code's limit (the landlord had good reason)"
    ),
}


@dataclass(frozen=True)
class Options:
    """What the report covers and how the unsettled rules are applied."""

    homes: int
    start: date
    end: date
    refused: RefusedRule = "by-policy"
    withdrawn: WithdrawnRule = "excluded"
    over_limit: OverLimitRule = "capped"
    code: str | None = None
    landlord: str | None = None

    def __post_init__(self) -> None:
        if self.homes < 1:
            raise InputError(f"--homes must be a whole number above 0, not {self.homes}")
        if self.end < self.start:
            raise InputError(
                f"the period ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )
        if self.refused not in REFUSED_RULES:
            raise InputError(f"refused complaints: unknown rule {self.refused!r}")
        if self.withdrawn not in WITHDRAWN_RULES:
            raise InputError(f"withdrawn complaints: unknown rule {self.withdrawn!r}")
        if self.over_limit not in OVER_LIMIT_RULES:
            raise InputError(f"extensions over the limit: unknown rule {self.over_limit!r}")

    def previous(self, homes: int | None = None) -> Options:
        """The same span one year earlier (29 February becomes 28 February)."""
        from chc.workdays import add_months

        return Options(
            homes=homes if homes is not None else self.homes,
            start=add_months(self.start, -12),
            end=add_months(self.end, -12),
            refused=self.refused,
            withdrawn=self.withdrawn,
            over_limit=self.over_limit,
            code=self.code,
            landlord=self.landlord,
        )

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def month_keys(start: date, end: date) -> list[str]:
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
