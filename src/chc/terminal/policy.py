"""`chc check-policy` for people: failing and unstated provisions by section, then a summary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from chc.policy.findings import PolicyReport

MARK = {
    "fail": ("FAIL", "bold red"),
    "not_stated": ("NOT STATED", "yellow"),
    "pass": ("pass", "green"),
    "manual": ("judge", "dim"),
}


def report_view(report: PolicyReport, *, verbose: bool = False) -> RenderableType:
    e = report.edition
    p = report.policy.policy
    path = str(report.policy.path)
    parts: list[RenderableType] = []
    head = Text.assemble(
        ("Policy ", "bold"),
        (p.document or path, "bold"),
        f" ({p.landlord})" if p.landlord else "",
        f"\nchecked against {e.title} (edition {e.edition})",
    )
    if p.code and p.code != e.edition:
        head.append(f"; the policy says it follows {p.code}", style="yellow")
    parts.append(head)
    shown = ("fail", "not_stated", "pass") if verbose else ("fail", "not_stated")
    for s in e.sections:
        items = [f for f in report.findings if f.section == s.number and f.status in shown]
        if not items:
            continue
        parts.append(Text(f"\nSection {s.number}: {s.title}", style="bold underline"))
        for f in items:
            word, style = MARK[f.status]
            line = Text.assemble(
                ("  " + f"{word:<10}", style),
                f" {f.provision:<6}",
                (f"{f.obligation or '':<7}", "bold" if f.obligation == "must" else ""),
                f.message,
            )
            if f.line:
                line.append(f"  ({path}:{f.line})", style="dim")
            parts.append(line)
            if f.status != "pass":
                if f.expected:
                    parts.append(Text(f"{'':25}Code: {f.expected}", style="dim"))
                if f.fix:
                    parts.append(Text(f"{'':25}Fix: {f.fix}", style="cyan"))
            if f.assumption:
                parts.append(Text(f"{'':25}Assumption: {f.assumption}", style="dim italic"))
    manual = [f for f in report.findings if f.status == "manual"]
    if verbose and manual:
        parts.append(Text("\nFor a person to judge (no machine check)", style="bold underline"))
        for f in manual:
            parts.append(Text(f"  {f.provision:<6}{f.obligation or '':<7}{f.message}"))
    totals = report.summary()
    parts.append(Text("\nSummary (provisions)", style="bold"))
    for level in ("must", "should"):
        c = totals[level]
        parts.append(
            Text(
                f"  {level:<7} {c['pass']:>3} pass  {c['fail']:>3} fail  "
                f"{c['not_stated']:>3} not stated  {c['manual']:>3} to judge by a person"
            )
        )
    if manual and not verbose:
        parts.append(
            Text(
                f"  {len(manual)} provision(s) have no machine check; --verbose lists them.",
                style="dim",
            )
        )
    verdict = (
        "A 'must' provision fails."
        if report.failed_must
        else "No 'must' provision fails a machine check."
    )
    parts.append(Text(verdict, style="bold red" if report.failed_must else "bold green"))
    return Group(*parts)


def side_by_side(reports: list[PolicyReport]) -> RenderableType:
    """--all-codes: how the same policy fares under each edition, in one table."""
    from rich.table import Table

    table = Table(title="The policy under each edition (provisions)", title_justify="left")
    table.add_column("")
    for r in reports:
        table.add_column(f"{r.edition.edition}", justify="right")
    rows = [
        ("must: fail", "must", "fail"),
        ("must: not stated", "must", "not_stated"),
        ("must: pass", "must", "pass"),
        ("should: fail", "should", "fail"),
        ("should: not stated", "should", "not_stated"),
        ("should: pass", "should", "pass"),
        ("to judge by a person", None, "manual"),
    ]
    summaries = [r.summary() for r in reports]
    for label, level, status in rows:
        cells = [str(s[level][status] if level else s[status]) for s in summaries]
        table.add_row(label, *cells)
    table.add_row(
        "verdict",
        *(
            Text("must fails", style="bold red") if r.failed_must else Text("ok", style="green")
            for r in reports
        ),
    )
    return table
