"""Checking a policy against an edition: findings, located in the policy file, and a summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

from chc.codes.model import Edition, Provision, provision_sort_key
from chc.exitcodes import RC
from chc.policy.checks import Outcome, run
from chc.policy.model import LoadedPolicy

FindingStatus = Literal["fail", "review", "not_stated", "pass", "manual"]
STATUS_ORDER = {"fail": 0, "review": 1, "not_stated": 2, "pass": 3, "manual": 4}
STATUSES: tuple[FindingStatus, ...] = ("pass", "fail", "review", "not_stated", "manual")
# Said in every people's view of findings that rest on an unreviewed extraction.
UNREVIEWED_NOTE = (
    "These findings rest on an unreviewed draft that chc extracted from the policy document: "
    "check each value against the document, then delete the draft's UNREVIEWED header."
)


class Location(TypedDict):
    line: int | None
    column: int | None


class FindingJSON(TypedDict):
    provision: str
    section: int
    obligation: str | None
    status: FindingStatus
    check: str | None
    message: str
    expected: str | None
    found: str | None
    location: Location
    fix: str | None
    assumption: str | None
    ref: str | None
    notes: list[str]


# "pass" is a Python keyword: these shapes are spelt the functional way.
StatusCounts = TypedDict(
    "StatusCounts", {"pass": int, "fail": int, "review": int, "not_stated": int, "manual": int}
)
PolicySummary = TypedDict(
    "PolicySummary",
    {
        "provisions": int,
        "pass": int,
        "fail": int,
        "review": int,
        "not_stated": int,
        "manual": int,
        "must": StatusCounts,
        "should": StatusCounts,
    },
)


class UnreviewedDraft(TypedDict):
    suggested_stages: int


class PolicyJSON(TypedDict):
    file: str
    landlord: str | None
    document: str | None
    code: str | None
    unreviewed_draft: UnreviewedDraft | None


class PolicyReportJSON(TypedDict):
    """`chc check-policy --format json` (documented in the README)."""

    code: str
    policy: PolicyJSON
    summary: PolicySummary
    findings: list[FindingJSON]


def _status_counts(counts: dict[FindingStatus, int]) -> StatusCounts:
    return {
        "pass": counts["pass"],
        "fail": counts["fail"],
        "review": counts["review"],
        "not_stated": counts["not_stated"],
        "manual": counts["manual"],
    }


@dataclass(frozen=True, order=True)
class Finding:
    """One result for one provision: built complete in one place, never patched."""

    sort_key: tuple[int, int, int]
    check_index: int
    # The order a check gave its outcomes in (stage by stage, item by item) is kept.
    outcome_index: int
    provision: str
    obligation: str | None
    status: FindingStatus
    check: str | None
    message: str
    expected: str | None = None
    found: str | None = None
    line: int | None = None
    column: int | None = None
    fix: str | None = None
    assumption: str | None = None
    section: int = field(default=0, compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)
    ref: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.line is not None and self.line < 1:
            raise ValueError("line numbers start at 1")
        if self.column is not None and self.column < 1:
            raise ValueError("column numbers start at 1")

    def as_json(self) -> FindingJSON:
        return {
            "provision": self.provision,
            "section": self.section,
            "obligation": self.obligation,
            "status": self.status,
            "check": self.check,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
            "location": {"line": self.line, "column": self.column},
            "fix": self.fix,
            "assumption": self.assumption,
            "ref": self.ref,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class PolicyReport:
    edition: Edition
    policy: LoadedPolicy
    findings: tuple[Finding, ...]

    @property
    def failed_must(self) -> bool:
        return any(f.status == "fail" and f.obligation == "must" for f in self.findings)

    def exit_code(self, *, strict: bool = False) -> RC:
        """The report's exit status: findings when :meth:`fails`, else OK."""
        return RC.FINDINGS if self.fails(strict=strict) else RC.OK

    def fails(self, *, strict: bool = False) -> bool:
        """Exit status 1: a must provision fails; with ``strict``, also one that is not
        stated or needs review."""
        counted = ("fail", "not_stated", "review") if strict else ("fail",)
        return any(f.status in counted and f.obligation == "must" for f in self.findings)

    def by_provision(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.provision, []).append(f)
        return out

    def provision_status(self) -> dict[str, FindingStatus]:
        """A provision fails if any of its checks fails; not stated if any is not stated."""
        out: dict[str, FindingStatus] = {}
        for pid, items in self.by_provision().items():
            out[pid] = min((f.status for f in items), key=lambda s: STATUS_ORDER[s])
        return out

    def counts(self) -> dict[str, dict[FindingStatus, int]]:
        """Provisions by status, for the must and the should provisions (the must and
        should keys always there, a status counted 0 as often as not)."""
        counts: dict[str, dict[FindingStatus, int]] = {
            level: dict.fromkeys(STATUSES, 0) for level in ("must", "should")
        }
        for pid, status in self.provision_status().items():
            p = self.edition.provision(pid)
            level = (p.obligation if p else None) or "should"
            counts[level][status] += 1
        return counts

    def summary(self) -> PolicySummary:
        counts = self.counts()
        total = {k: counts["must"][k] + counts["should"][k] for k in STATUSES}
        return {
            "provisions": len(self.provision_status()),
            "pass": total["pass"],
            "fail": total["fail"],
            "review": total["review"],
            "not_stated": total["not_stated"],
            "manual": total["manual"],
            "must": _status_counts(counts["must"]),
            "should": _status_counts(counts["should"]),
        }

    def as_json(self) -> PolicyReportJSON:
        p = self.policy.policy
        return {
            "code": self.edition.edition,
            "policy": {
                "file": str(self.policy.path),
                "landlord": p.landlord,
                "document": p.document,
                "code": p.code,
                # Findings from an unreviewed extraction say so: {"suggested_stages": N}.
                "unreviewed_draft": (
                    {"suggested_stages": self.policy.draft.suggested_stages}
                    if self.policy.draft is not None
                    else None
                ),
            },
            "summary": self.summary(),
            "findings": [f.as_json() for f in self.findings],
        }


def _finding(
    loaded: LoadedPolicy, p: Provision, index: int, check: str, o: Outcome, order: int = 0
) -> Finding:
    line, column = loaded.position(list(o.loc)) if o.loc else (None, None)
    notes = o.notes + ((p.note,) if p.note and p.note not in o.notes else ())
    return Finding(
        sort_key=provision_sort_key(p.id),
        check_index=index,
        outcome_index=order,
        provision=p.id,
        obligation=p.obligation,
        status=o.status,
        check=check,
        message=o.message,
        expected=o.expected,
        found=o.found,
        line=line,
        column=column,
        fix=o.fix,
        assumption=o.assumption,
        section=p.section,
        notes=notes,
        ref=o.ref,
    )


def _manual(p: Provision) -> Finding:
    return Finding(
        sort_key=provision_sort_key(p.id),
        check_index=0,
        outcome_index=0,
        provision=p.id,
        obligation=p.obligation,
        status="manual",
        check=None,
        message=p.summary,
        section=p.section,
        notes=(p.note,) if p.note else (),
    )


def _not_applicable(loaded: LoadedPolicy) -> Outcome:
    """A provision about a stage the policy does not have passes, unless the policy is an
    unreviewed draft of a document that suggests more stages than the draft found: a draft
    never looks better than its document."""
    have = len(loaded.policy.stages)
    draft = loaded.draft
    if draft is not None and draft.suggested_stages > have:
        return Outcome(
            "review",
            f"does not apply to the {have} stage(s) this unreviewed draft has, but the "
            f"document suggests {draft.suggested_stages}: check the draft's stages against "
            "the document",
            "",
            None,
        )
    return Outcome("pass", "does not apply to the stages this policy has", "", None)


def check_policy(loaded: LoadedPolicy, edition: Edition) -> PolicyReport:
    """Run every check of ``edition`` on the policy; list unchecked provisions as manual."""
    findings: list[Finding] = []
    for p in edition.provisions:
        if not p.self_assessed:
            continue
        if not p.checks:
            findings.append(_manual(p))
            continue
        found: list[Finding] = []
        for i, spec in enumerate(p.checks):
            outcomes = run(spec, loaded.policy, edition)
            found.extend(_finding(loaded, p, i, spec.kind, o, n) for n, o in enumerate(outcomes))
        if not found:
            # Nothing to check (a two-stage policy and a stage 3 timescale): the provision
            # is met by default, and must still appear in the report and its counts.
            found.append(_finding(loaded, p, 0, p.checks[0].kind, _not_applicable(loaded)))
        findings.extend(found)
    return PolicyReport(edition, loaded, tuple(sorted(findings)))
