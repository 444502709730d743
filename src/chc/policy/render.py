"""check-policy reports as Markdown, HTML and GitHub annotations (Jinja and plain text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chc import __version__
from chc.policy.findings import PolicyReport

STATUS_WORDS = {"fail": "fails", "not_stated": "not stated", "pass": "passes", "manual": "to judge"}


def context(report: PolicyReport) -> dict[str, Any]:
    data = report.as_json()
    findings = data["findings"]
    sections = []
    for s in report.edition.sections:
        problems = [
            f
            for f in findings
            if f["section"] == s.number and f["status"] in ("fail", "not_stated")
        ]
        sections.append({"number": s.number, "title": s.title, "problems": problems})
    return {
        "code": {"edition": report.edition.edition, "title": report.edition.title},
        "policy": data["policy"],
        "summary": data["summary"],
        "sections": sections,
        "problems": any(s["problems"] for s in sections),
        "manual": [f for f in findings if f["status"] == "manual"],
        "status_words": STATUS_WORDS,
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

    def esc(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return esc(text).replace(":", "%3A").replace(",", "%2C")

    lines = []
    for f in report.findings:
        if f.status not in ("fail", "not_stated"):
            continue
        level = "error" if f.status == "fail" and f.obligation == "must" else "warning"
        where = f"file={prop(str(report.policy.path))}"
        if f.line:
            where += f",line={f.line}"
            if f.column:
                where += f",col={f.column}"
        title = prop(f"Code {report.edition.edition} {f.provision} ({f.obligation})")
        msg = f.message + (f"; the Code requires {f.expected}" if f.expected else "")
        lines.append(f"::{level} {where},title={title}::{esc(msg)}")
    return "\n".join(lines) + ("\n" if lines else "")
