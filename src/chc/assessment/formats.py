"""`self-assessment render --format`: one name-keyed registry of formatters.

Each formatter takes a :class:`Rendering` (the answers, the template view and the user's
template, if any) and returns text or bytes. Adding a format is adding one entry to
:data:`FORMATTERS`; the CLI's choices are its keys. Heavy libraries are imported by the
formatter that needs them, so that listing the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from chc.errors import InputError

if TYPE_CHECKING:
    from chc.assessment.answers import LoadedAnswers
    from chc.assessment.form_view import CodeView, FormView, SummaryView, UnfinishedJSON


@dataclass(frozen=True)
class Rendering:
    loaded: LoadedAnswers
    context: FormView
    template: Path | None = None


def _markdown(job: Rendering) -> str:
    from chc.assessment.render import to_markdown

    return to_markdown(job.context, _folder(job.template))


def _html(job: Rendering) -> str:
    from chc.assessment.render import to_html

    return to_html(job.context, _folder(job.template))


def _docx(job: Rendering) -> bytes:
    from chc.assessment.word import to_docx

    return to_docx(job.context, template=job.template)


def _json(job: Rendering) -> str:
    from chc.output import dumps_json

    if job.template is not None:
        raise InputError("--template has no effect on --format json; leave it out")
    return dumps_json(as_json(job.loaded, job.context))


def _folder(template: Path | None) -> Path | None:
    if template is not None and template.suffix.lower() == ".docx":
        raise InputError(
            "a Word template is for --format docx; md and html take a folder of Jinja templates",
            file=template,
        )
    return template


Formatter = Callable[[Rendering], "str | bytes"]

FORMATTERS: dict[str, Formatter] = {
    "md": _markdown,
    "html": _html,
    "docx": _docx,
    "json": _json,
}
# Formats that are not text: never written to a terminal, always to --output.
BINARY_FORMATS = frozenset({"docx"})


class ItemJSON(TypedDict):
    id: str
    section: int
    obligation: str | None
    requirement: str
    comply: str | None
    evidence: str | None
    commentary: str | None
    action: str | None
    target_date: str | None
    machine_filled: bool


class FormJSON(TypedDict):
    """`self-assessment render --format json` (the shape is documented in the README)."""

    file: str
    title: str
    landlord: str | None
    period: str | None
    code: CodeView
    draft: bool
    unfinished: UnfinishedJSON
    summary: SummaryView
    items: list[ItemJSON]


def as_json(loaded: LoadedAnswers, context: FormView) -> FormJSON:
    """The form as data for other programs (the shape is documented in the README)."""
    from chc.assessment.answers import Answer
    from chc.assessment.finished import unfinished

    left = unfinished(loaded)
    items: list[ItemJSON] = []
    for p in loaded.edition.self_assessed:
        a = loaded.answers.get(p.id, Answer())
        items.append(
            {
                "id": p.id,
                "section": p.section,
                "obligation": p.obligation,
                "requirement": p.summary,
                "comply": a.comply,
                "evidence": a.evidence,
                "commentary": a.commentary,
                "action": a.action,
                "target_date": a.target_date.isoformat() if a.target_date else None,
                "machine_filled": a.machine_filled,
            }
        )
    return {
        "file": str(loaded.path),
        "title": context["title"],
        "landlord": context["landlord"],
        "period": context["period"],
        "code": context["code"],
        "draft": left.is_draft,
        "unfinished": left.as_json(),
        "summary": context["summary"],
        "items": items,
    }
