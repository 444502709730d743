"""`chc check-policy` for people: failing and unstated provisions by section, then a summary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from chc.codes.citations import Citations
from chc.policy.checks.base import section_words
from chc.policy.findings import UNREVIEWED_NOTE, Finding, PolicyReport

MARK = {
    "fail": ("FAIL", "bold red"),
    "review": ("REVIEW", "magenta"),
    "not_stated": ("NOT STATED", "yellow"),
    "pass": ("pass", "green"),
    "manual": ("judge", "dim"),
}


def report_view(
    report: PolicyReport, *, verbose: bool = False, strict: bool = False
) -> RenderableType:
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
    if report.policy.draft is not None:
        parts.append(Text(UNREVIEWED_NOTE, style="bold yellow"))
    cites = Citations(e)
    noted: set[tuple[str, str]] = set()
    shown = (
        ("fail", "review", "not_stated", "pass") if verbose else ("fail", "review", "not_stated")
    )
    for s in e.sections:
        items = [f for f in report.findings if f.section == s.number and f.status in shown]
        if not items:
            continue
        parts.append(Text(f"\nSection {s.number}: {s.title}", style="bold underline"))
        for f in items:
            parts.extend(_finding_lines(f, path, cites, noted))
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
                f"{c['review']:>3} to review  {c['not_stated']:>3} not stated  "
                f"{c['manual']:>3} to judge by a person"
            )
        )
    if manual and not verbose:
        parts.append(
            Text(
                f"  {len(manual)} provision(s) have no machine check; --verbose lists them.",
                style="dim",
            )
        )
    if cites.cited:
        parts.append(Text("\nSources cited in the notes", style="bold"))
        parts.extend(Text(f"  {line}", style="dim") for line in cites.listing())
    parts.append(_verdict(report, strict))
    return Group(*parts)


def _finding_lines(
    f: Finding, path: str, cites: Citations, noted: set[tuple[str, str]]
) -> list[Text]:
    """One finding: its line, then what the Code asks, the fix, the assumption, the notes."""
    word, style = MARK[f.status]
    line = Text.assemble(
        ("  " + f"{word:<10}", style),
        f" {f.provision:<6}",
        (f"{f.obligation or '':<7}", "bold" if f.obligation == "must" else ""),
        f.message,
    )
    if f.ref:
        line.append(f"  (policy {section_words(f.ref)})", style="dim")
    elif f.line:
        line.append(f"  ({path}:{f.line})", style="dim")
    out = [line]
    if f.status != "pass":
        if f.expected:
            out.append(Text(f"{'':25}Code: {f.expected}", style="dim"))
        if f.fix:
            out.append(Text(f"{'':25}Fix: {f.fix}", style="cyan"))
    if f.assumption:
        out.append(Text(f"{'':25}Assumption: {cites.readable(f.assumption)}", style="dim italic"))
    if f.status != "pass":
        # Each note once per provision: several findings often rest on the same one.
        for note in f.notes:
            if (f.provision, note) not in noted:
                noted.add((f.provision, note))
                out.append(Text(f"{'':25}Note: {cites.readable(note)}", style="dim"))
    return out


def _verdict(report: PolicyReport, strict: bool) -> Text:
    open_must = {
        f.provision
        for f in report.findings
        if f.obligation == "must" and f.status in ("review", "not_stated")
    }
    if report.failed_must:
        text, style = "A 'must' provision fails.", "bold red"
    elif strict and open_must:
        text = (
            f"{len(open_must)} 'must' provision(s) not stated or to review; --strict counts them."
        )
        style = "bold red"
    else:
        text, style = "No 'must' provision fails a machine check.", "bold green"
        if open_must:
            text += f" {len(open_must)} 'must' provision(s) not stated or to review."
    return Text(text, style=style)


def side_by_side(reports: list[PolicyReport], *, strict: bool = False) -> RenderableType:
    """--all-codes: how the same policy fares under each edition, in one table."""
    from rich.table import Table

    table = Table(title="The policy under each edition (provisions)", title_justify="left")
    table.add_column("")
    for r in reports:
        table.add_column(f"{r.edition.edition}", justify="right")
    rows = [
        ("must: fail", "must", "fail"),
        ("must: to review", "must", "review"),
        ("must: not stated", "must", "not_stated"),
        ("must: pass", "must", "pass"),
        ("should: fail", "should", "fail"),
        ("should: to review", "should", "review"),
        ("should: not stated", "should", "not_stated"),
        ("should: pass", "should", "pass"),
        ("to judge by a person", None, "manual"),
    ]
    summaries = [r.summary() for r in reports]
    for label, level, status in rows:
        cells = [str(s[level][status] if level else s[status]) for s in summaries]
        table.add_row(label, *cells)
    table.add_row("verdict", *(_short_verdict(r, strict) for r in reports))
    return table


def _short_verdict(report: PolicyReport, strict: bool) -> Text:
    if report.failed_must:
        return Text("must fails", style="bold red")
    open_statuses = {f.status for f in report.findings if f.obligation == "must"}
    for status, words in (("review", "must to review"), ("not_stated", "must not stated")):
        if status in open_statuses:
            return Text(words, style="bold red" if strict else "yellow")
    return Text("ok", style="green")
