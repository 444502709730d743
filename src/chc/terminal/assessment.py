"""`chc self-assessment check` for people: one line per problem, then a count."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from chc.assessment.answers import AnswersReport
from chc.terminal.console import Hanging

STYLE = {"error": "bold red", "warning": "yellow"}


def report_view(report: AnswersReport) -> RenderableType:
    lines: list[RenderableType] = []
    for p in report.problems:
        # Text objects take user text literally: nothing in a message is read as markup.
        # The check's id (no-evidence ...) is the JSON's; a person reads the message.
        head = Text.assemble(f"{p.file}:{p.line}:{p.column}: ", (p.severity, STYLE[p.severity]))
        body = Text.assemble(head, ": ", p.message)
        lines.append(Hanging(body, indent=4, pad=False))
    a = report.answers
    answered = sum(1 for x in a.answers.values() if x.comply is not None)
    tail = (
        f"{a.path}: {report.errors} error(s), {report.warnings} warning(s); "
        f"{answered} of {len(a.edition.self_assessed)} items answered "
        f"(Code {a.edition.edition}; target dates judged against {report.today.isoformat()})"
    )
    lines.append(
        Hanging(Text(tail, style="bold" if report.problems else "green"), indent=4, pad=False)
    )
    return Group(*lines)
