"""check-policy reports as Markdown, HTML and GitHub annotations (Jinja and plain text).

Reports for people cite the policy's own section numbers (``refs:`` in the policy file)
rather than YAML lines, and the Code data's sources as numbered citations with their
document and address, never as the data file's internal keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chc import __version__
from chc.codes.citations import Citations
from chc.policy.findings import UNREVIEWED_NOTE, PolicyReport
from chc.words import in_words

if TYPE_CHECKING:
    from chc.policy.findings import FindingJSON

STATUS_WORDS = {
    "fail": "fails",
    "review": "to review",
    "not_stated": "not stated",
    "pass": "passes",
    "manual": "to judge",
}
PROBLEMS = ("fail", "review", "not_stated")


def where(finding: FindingJSON) -> str:
    """Where a finding points in the policy, as a person cites it."""
    from chc.policy.checks.base import section_words

    ref = finding["ref"]
    return f"policy {section_words(ref)}" if ref else ""


def _words(text: str | None) -> str | None:
    return in_words(text) if text else text


def context(report: PolicyReport) -> dict[str, object]:
    """What the report templates read (user templates too: the names are documented)."""
    data = report.as_json()
    cites = Citations(report.edition)
    noted: set[tuple[str, str]] = set()
    findings: list[dict[str, object]] = []
    for finding in data["findings"]:
        f: dict[str, object] = {
            **finding,
            # People's words: the Code data's notes name timescales by key.
            "message": _words(finding["message"]),
            "expected": _words(finding["expected"]),
            "fix": _words(finding["fix"]),
            "where": where(finding),
        }
        findings.append(f)
        if finding["status"] not in PROBLEMS:
            continue
        # Each note once per provision: several findings often rest on the same one.
        pid = finding["provision"]
        notes = [n for n in finding["notes"] if (pid, n) not in noted]
        noted.update((pid, n) for n in notes)
        f["notes"] = [in_words(cites.readable(n)) for n in notes]
        if finding["assumption"]:
            f["assumption"] = in_words(cites.readable(finding["assumption"]))
    sections = []
    for s in report.edition.sections:
        problems = [f for f in findings if f["section"] == s.number and f["status"] in PROBLEMS]
        sections.append({"number": s.number, "title": s.title, "problems": problems})
    return {
        "code": {"edition": report.edition.edition, "title": report.edition.title},
        "policy": data["policy"],
        "unreviewed_note": UNREVIEWED_NOTE if data["policy"]["unreviewed_draft"] else None,
        "summary": data["summary"],
        "sections": sections,
        "problems": any(s["problems"] for s in sections),
        "manual": [f for f in findings if f["status"] == "manual"],
        "status_words": STATUS_WORDS,
        "sources": cites.listing(),
        "version": __version__,
    }


def to_markdown(report: PolicyReport, template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("policy-report.md.j2", context(report), template_dir)


def to_html(report: PolicyReport, template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("policy-report.html.j2", context(report), template_dir)


def to_github(report: PolicyReport) -> str:
    """GitHub Actions workflow commands, so a policy repository can check itself in CI."""

    from chc.inert import text as inert_text

    def esc(text: str) -> str:
        # A CI log is a terminal too: a policy's ESC must not reach it as itself.
        text = inert_text(text)
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return esc(text).replace(":", "%3A").replace(",", "%2C")

    lines = []
    for f in report.findings:
        if f.status not in PROBLEMS:
            continue
        level = "error" if f.status == "fail" and f.obligation == "must" else "warning"
        place = f"file={prop(str(report.policy.path))}"
        if f.line:
            place += f",line={f.line}"
            if f.column:
                place += f",col={f.column}"
        title = prop(f"Code {report.edition.edition} {f.provision} ({f.obligation})")
        msg = f.message + (f"; the Code requires {f.expected}" if f.expected else "")
        if f.status == "review" and f.assumption:
            msg += f" (to review: {f.assumption})"
        lines.append(f"::{level} {place},title={title}::{esc(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")
