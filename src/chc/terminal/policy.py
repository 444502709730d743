"""`chc check-policy` for people: failing and unstated provisions by section, then a summary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from chc.codes.citations import Citations
from chc.policy.checks.base import section_words
from chc.policy.findings import UNREVIEWED_NOTE, Finding, FindingStatus, PolicyReport
from chc.terminal.console import Hanging, labelled, source_lines
from chc.words import in_words

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
    on_disk = report.policy.draft is None or report.policy.path.is_file()
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
            parts.extend(_finding_lines(f, path, cites, noted, on_disk))
    manual = [f for f in report.findings if f.status == "manual"]
    if verbose and manual:
        parts.append(Text("\nFor a person to judge (no machine check)", style="bold underline"))
        for f in manual:
            parts.append(Hanging(f.message, head=f"  {f.provision:<6}{f.obligation or '':<7}"))
    totals = report.summary()
    parts.append(Text("\nSummary (provisions)", style="bold"))
    for level in ("must", "should"):
        c = totals[level]
        row = (
            f"{c['pass']:>3} pass {c['fail']:>3} fail {c['review']:>3} to review "
            f"{c['not_stated']:>3} not stated {c['manual']:>3} to judge by a person"
        )
        parts.append(Hanging(row, head=f"  {level:<7}"))
    parts.append(_lines_shown(report, shown))
    if manual and not verbose:
        parts.append(
            Text(
                f"  {len(manual)} provision(s) have no machine check; --verbose lists them.",
                style="dim",
            )
        )
    if cites.cited:
        parts.append(Text("\nSources cited in the notes", style="bold"))
        parts.extend(source_lines(cites.listing()))
    parts.append(_verdict(report, strict))
    return Group(*parts)


FINDING_COLUMN = 26
"""Where a finding's message starts, after its mark, provision and obligation; what
follows it (the Code's ask, the fix, the notes) wraps under this column too."""


def _finding_lines(
    f: Finding, path: str, cites: Citations, noted: set[tuple[str, str]], on_disk: bool
) -> list[RenderableType]:
    """One finding: its line, then what the Code asks, the fix, the assumption, the notes."""
    word, style = MARK[f.status]
    head = Text.assemble(
        ("  " + f"{word:<10}", style),
        f" {f.provision:<6}",
        (f"{f.obligation or '':<7}", "bold" if f.obligation == "must" else ""),
    )
    message = Text(in_words(f.message))
    if f.ref:
        message.append(f"  (policy {section_words(f.ref)})", style="dim")
    elif f.line and on_disk:
        # A draft extracted in memory has no file to open at that line.
        message.append(f"  ({path} line {f.line})", style="dim")
    out: list[RenderableType] = [Hanging(message, head=head, indent=FINDING_COLUMN)]

    def sub(label: str, text: str, sub_style: str) -> None:
        # The Code data's notes name timescales by key ("see the stage1.acknowledge note").
        out.append(labelled(label, in_words(text), sub_style, indent=FINDING_COLUMN))

    if f.status != "pass":
        if f.expected:
            sub("Code: ", f.expected, "dim")
        if f.fix:
            sub("Fix: ", f.fix, "cyan")
    if f.assumption:
        sub("Assumption: ", cites.readable(f.assumption), "dim italic")
    if f.status != "pass":
        # Each note once per provision: several findings often rest on the same one.
        for note in f.notes:
            if (f.provision, note) not in noted:
                noted.add((f.provision, note))
                sub("Note: ", cites.readable(note), "dim")
    return out


def _lines_shown(report: PolicyReport, shown: tuple[str, ...]) -> Hanging:
    """The lines above, counted as they are shown: a provision with several findings (2.2
    excluding three things) is one provision in the summary but several lines."""
    counts = [
        (MARK[status][0], sum(1 for f in report.findings if f.status == status)) for status in shown
    ]
    said = ", ".join(f"{n} {word}" for word, n in counts if n) or "none"
    return Hanging(
        Text(f"Lines above: {said} (a provision may have more than one line).", style="dim"),
        head="  ",
    )


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
    rows: list[tuple[str, str | None, FindingStatus]] = [
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
    counts = [r.counts() for r in reports]
    for label, level, status in rows:
        cells = [
            str(c[level][status] if level else c["must"][status] + c["should"][status])
            for c in counts
        ]
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
