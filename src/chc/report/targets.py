"""What the report measured against, and why a figure has nothing to measure.

The Regulator of Social Housing's 2025-26 data requirements ask landlords to publish the
target timescales they used for CH02. These are the Code's own timescales, per edition and
stage (the extension with them), taken from the same timetables the due dates came from,
so the page can never state one rule and count by another.

A figure shown as "n/a" beside 40 stage 2 complaints reads as a fault; its reason goes
with it in the report itself, in a board's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from chc.report.options import STAGES

if TYPE_CHECKING:
    from chc.codes.timetable import Rule, Timetable
    from chc.report.tally import StageTally

_FROM = {
    "received": "receipt",
    "logged": "logging",
    "acknowledged": "the acknowledgement",
    "escalation_requested": "the escalation request",
    "due_date": "the unextended due date",
}
_ACTIONS = (("acknowledge", "acknowledge"), ("respond", "respond"), ("extension", "extension"))


# "from" is a Python keyword: this shape is spelt the functional way.
RuleJSON = TypedDict("RuleJSON", {"amount": int, "unit": str, "from": str, "provision": str})


class StageTargetsJSON(TypedDict):
    edition: str
    stage: int
    acknowledge: RuleJSON | None
    respond: RuleJSON | None
    extension: RuleJSON | None


@dataclass(frozen=True)
class Target:
    """One edition's timescales for one stage, as chc applied them."""

    edition: str
    title: str
    stage: int
    acknowledge: Rule | None
    respond: Rule | None
    extension: Rule | None

    def as_json(self) -> StageTargetsJSON:
        def rule(r: Rule | None) -> RuleJSON | None:
            if r is None:
                return None
            return {
                "amount": r.amount,
                "unit": r.unit,
                "from": r.from_event,
                "provision": r.provision,
            }

        return {
            "edition": self.edition,
            "stage": self.stage,
            "acknowledge": rule(self.acknowledge),
            "respond": rule(self.respond),
            "extension": rule(self.extension),
        }

    @property
    def assumes(self) -> tuple[str, ...]:
        """The ids of the assumptions this stage's timescales rest on, in the table's order."""
        from chc.codes.assumed import Assumed, ordered

        rules = (self.acknowledge, self.respond, self.extension)
        return tuple(a.id for a in ordered([Assumed(i) for r in rules if r for i in r.assumes]))

    def words(self) -> str:
        """``acknowledge within 5 working days of receipt; respond within ...``."""
        parts = []
        if self.acknowledge is not None:
            parts.append(f"acknowledge within {_span(self.acknowledge)}")
        else:
            parts.append("no acknowledgement timescale")
        if self.respond is not None:
            parts.append(f"respond within {_span(self.respond)}")
        if self.extension is not None:
            parts.append(
                f"an extension of up to {_amount(self.extension)} beyond the due date "
                f"(Code {self.extension.provision})"
            )
        else:
            parts.append("no extension set")
        return "; ".join(parts)


def _amount(rule: Rule) -> str:
    unit = rule.unit.replace("_", " ")
    return f"{rule.amount} {unit.rstrip('s') if rule.amount == 1 else unit}"


def _span(rule: Rule) -> str:
    start = _FROM.get(rule.from_event, rule.from_event.replace("_", " "))
    return f"{_amount(rule)} of {start} (Code {rule.provision})"


def targets(editions: dict[str, Timetable], used: frozenset[str]) -> tuple[Target, ...]:
    """The timescales of every edition the figures used, stage by stage."""
    chosen = [k for k in sorted(editions) if k in used] or sorted(editions)
    found: list[Target] = []
    for key in chosen:
        e = editions[key]
        for s in STAGES:
            rules = {name: e.timescale(f"stage{s}.{action}") for name, action in _ACTIONS}
            if rules["respond"] is None and rules["acknowledge"] is None:
                continue
            found.append(
                Target(key, e.title, s, rules["acknowledge"], rules["respond"], rules["extension"])
            )
    return tuple(found)


def assumption_ids(found: tuple[Target, ...], closed: bool) -> tuple[str, ...]:
    """Every assumption the figures rest on, each once, in the table's order."""
    from chc.codes.assumed import CLOSURE_DAYS, Assumed, ordered

    ids = [Assumed(i) for t in found for i in t.assumes]
    return tuple(a.id for a in ordered(ids + ([Assumed(CLOSURE_DAYS)] if closed else [])))


def why_none(key: str, stages: dict[int, StageTally]) -> str:
    """Why the figure ``key`` has nothing to measure (its value is None), for the page."""
    stage = int(key[-1]) if key[-1:] in ("1", "2") and "stage" in key else None
    if stage is None:
        return _OTHER_REASONS.get(key, "nothing to measure in the period")
    st = stages[stage]
    asked = f"; {st.received:,} stage {stage} complaint(s) received in the period"
    reasons = {
        "ch02": f"no stage {stage} response was given in the period{asked}",
        "days_mean": f"no stage {stage} response with a date to time{asked}",
        "days_median": f"no stage {stage} response with a date to time{asked}",
        "extended": f"no stage {stage} response was given in the period",
        "beyond_limit": f"no stage {stage} response was given after an extension",
        "ack_on_time": (
            f"the Code edition(s) in force set no stage {stage} acknowledgement timescale"
            if not st.ack_timescale
            else f"no stage {stage} acknowledgement fell due in the period{asked}"
        ),
    }
    return reasons.get(key.rsplit("_stage", 1)[0], "nothing to measure in the period")


_OTHER_REASONS = {
    "refused_counted_late": "no complaint was refused in the period",
    "escalation_rate": "no stage 1 complaint was received in the period",
    "upheld_rate": "no complaint received in the period has an outcome of upheld, partly "
    "upheld or not upheld yet",
}
