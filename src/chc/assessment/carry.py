"""Answers a new answers file starts from: a policy check's verdicts, or last year's answers.

Last year's answers reach this year's items through the ``previously:`` ids in the Code
files (:func:`crosswalk`), so an item that was split or merged between editions keeps what
the landlord said about it, with a note asking for review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chc.assessment.answers import Answer, Comply, LoadedAnswers
from chc.codes.loading import load_builtin
from chc.codes.model import BUILTIN_EDITIONS, Edition, provision_sort_key
from chc.errors import InputError

if TYPE_CHECKING:
    from chc.policy.findings import PolicyReport


def answers_from_policy(report: PolicyReport) -> dict[str, Answer]:
    """What a policy check decides: all checks pass -> yes; any fails -> no; else nothing."""
    from chc.policy.checks.base import section_words

    name = report.policy.policy.document or report.policy.path.name
    out: dict[str, Answer] = {}
    statuses = report.provision_status()
    for pid, findings in report.by_provision().items():
        status = statuses[pid]
        if status not in ("pass", "fail"):
            continue
        lines = []
        for f in findings:
            # The policy's own section number, as a reader of the published form can look
            # it up; never a line of the YAML file, which only chc's user has.
            where = f", {section_words(f.ref)}" if f.ref else ""
            lines.append(f"{name}{where}: {f.message}.")
        failed = [f for f in findings if f.status == "fail"]
        commentary = (
            "\n\n".join(
                f"chc check-policy: {f.message}; the Code asks for {f.expected}." for f in failed
            )
            or None
        )
        out[pid] = Answer(
            comply="yes" if status == "pass" else "no",
            evidence="\n\n".join(lines),
            commentary=commentary,
            machine_filled=True,
        )
    return out


@dataclass(frozen=True)
class Carried:
    """Last year's answers on this year's items, a note per item, and what had no successor."""

    answers: Mapping[str, Answer]
    notes: Mapping[str, str]
    not_carried: tuple[str, ...]
    source_edition: str


def crosswalk(edition: Edition, old: str) -> dict[str, list[str]]:
    """New id -> the ids of edition ``old`` it continues, following ``previously:`` back."""
    chain = [edition]
    while chain[-1].edition != old:
        prev = chain[-1].previous_edition
        if prev is None or len(chain) > len(BUILTIN_EDITIONS):
            raise InputError(
                f"answers for the {old} edition cannot be carried to the {edition.edition} "
                "edition: answers are carried forward only, to a later edition"
            )
        chain.append(load_builtin(prev))
    mapping = {p.id: [p.id] for p in chain[-1].provisions}
    for newer in reversed(chain[:-1]):
        mapping = {
            p.id: list(dict.fromkeys(o for q in p.previously for o in mapping.get(q, [])))
            for p in newer.provisions
        }
    return mapping


def carry_forward(previous: LoadedAnswers, edition: Edition) -> Carried:
    old = previous.edition.edition
    mapping = crosswalk(edition, old)
    given = {k: a for k, a in previous.answers.items() if not a.is_empty}
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}
    used: set[str] = set()
    for p in edition.self_assessed:
        sources = [o for o in mapping.get(p.id, []) if o in given]
        if not sources:
            continue
        used.update(sources)
        label = f"{old} {', '.join(sources)}"
        if len(sources) == 1:
            answers[p.id] = given[sources[0]]
            notes[p.id] = f"carried from {label}: review it for this year"
        else:
            answers[p.id] = _combine(old, [(o, given[o]) for o in sources])
            notes[p.id] = f"combined from {label}: review it for this year"
    dropped = sorted(set(given) - used, key=provision_sort_key)
    return Carried(answers, notes, tuple(dropped), old)


def _combine(old: str, parts: list[tuple[str, Answer]]) -> Answer:
    said = [a.comply for _, a in parts if a.comply is not None]
    real = {c for c in said if c != "not applicable"}
    comply: Comply | None
    if not real:
        comply = "not applicable" if said else None
    elif len(real) == 1:
        comply = real.pop()
    else:
        comply = "partly"

    def joined(field: str) -> str | None:
        texts = [f"{old} {o}: {getattr(a, field)}" for o, a in parts if getattr(a, field)]
        return "\n\n".join(texts) or None

    answers_said = ", ".join(f"{o} {a.comply or 'unanswered'}" for o, a in parts)
    head = (
        f"Combined from the {old} answers to {', '.join(o for o, _ in parts)} "
        f"({answers_said}); review."
    )
    rest = joined("commentary")
    dates = [a.target_date for _, a in parts if a.target_date is not None]
    return Answer(
        comply=comply,
        evidence=joined("evidence"),
        commentary=head + (f"\n\n{rest}" if rest else ""),
        action=joined("action"),
        # The earliest date: a promise already made to residents is not postponed by a merge.
        target_date=min(dates) if dates else None,
        machine_filled=any(a.machine_filled for _, a in parts),
    )


@dataclass(frozen=True)
class Prefilled:
    """What a new answers file starts from: the answers, a note per item, and the landlord
    (the one given, else the one named in last year's file)."""

    answers: dict[str, Answer]
    notes: dict[str, str]
    landlord: str | None = None


def prefill(
    edition: Edition,
    previous: Path | None = None,
    from_policy: Path | None = None,
    landlord: str | None = None,
    tell: Callable[[str], None] = lambda text: None,
) -> Prefilled:
    """Last year's answers carried forward, then the policy check's verdicts for the items
    they leave open (last year's answer wins). ``tell`` hears which of last year's items
    have no successor in ``edition``."""
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}
    if previous is not None:
        from chc.assessment.answers import load_answers

        old = load_answers(previous)
        carried = carry_forward(old, edition)
        answers.update(carried.answers)
        notes.update(carried.notes)
        landlord = landlord or old.landlord
        if carried.not_carried:
            tell(
                f"Not carried (no successor in the {edition.edition} edition): "
                f"{carried.source_edition} {', '.join(carried.not_carried)}"
            )
    if from_policy is not None:
        from chc.policy.findings import check_policy
        from chc.policy.model import load_policy

        filled = answers_from_policy(check_policy(load_policy(from_policy), edition))
        for pid, answer in filled.items():
            answers.setdefault(pid, answer)
    return Prefilled(answers, notes, landlord)
