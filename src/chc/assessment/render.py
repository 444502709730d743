"""The self-assessment written out: a new answers file to fill in, and the rendered form.

:func:`scaffold` writes the YAML text line by line, in the form's order, with chc's summary
of each item as a comment above it. :func:`view` is the plain data the Jinja templates
render (documented in ``docs/answers-format.md``).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from chc.assessment.answers import FIELDS, Answer, LoadedAnswers
from chc.codes.model import Edition, Provision, provision_sort_key
from chc.errors import AnswersError

if TYPE_CHECKING:
    from chc.assessment.finished import Unfinished
    from chc.assessment.form_view import (
        ActionView,
        CellView,
        DraftView,
        FormView,
        GroupView,
        SectionView,
    )

# -- scaffolding ---------------------------------------------------------------------------

_HEADER = """\
# Self-assessment answers for chc: {title}
# ({form}).
#
# For each item fill in:
#   comply:       yes, no, partly or not applicable
#   evidence:     what shows it (a policy section, training records, a report)
#   commentary:   any explanation; for "no" or "partly", why, and what instead
#   action:       what will be done, if anything
#   target_date:  by when, as YYYY-MM-DD
# The comment above each item is chc's summary of the requirement (its own words, not the
# Code's text), for reference: editing it changes nothing. machine_filled: true marks an
# answer chc filled in from a policy check: review it, then delete that line. For text over
# several lines write `evidence: |` and indent the lines below it.
#
# Then:  chc self-assessment check {name}
#        chc self-assessment render {name} --format html -o self-assessment.html
# The format is described in docs/answers-format.md.
"""


def form_groups(edition: Edition) -> list[tuple[int, str | None, list[Provision]]]:
    """The form's tables in order: (section, obligation or None, provisions)."""
    out: list[tuple[int, str | None, list[Provision]]] = []
    for s in edition.sections:
        items = [p for p in edition.self_assessed if p.section == s.number]
        if edition.form.layout == "sections_split":
            for level in ("must", "should"):
                chosen = [p for p in items if p.obligation == level]
                if chosen:
                    out.append((s.number, level, chosen))
        elif items:
            out.append((s.number, None, items))
    return out


def _quote(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    # Characters YAML treats as line breaks or does not allow unescaped.
    return "".join(
        f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufeff" else c
        for c in out
    )


# Text that YAML 1.2 (what ruamel reads) takes as a plain string: starts with a letter, no
# ": " or " #", and is not one of the words YAML reads as true, false or null.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,;'()/&\"-]*$")
_NOT_PLAIN = {"true", "false", "null"}


def yaml_scalar(value: object, indent: int) -> str:
    """A value as YAML after ``key:``; multi-line text as a literal block people can edit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, date):
        return f" {value.isoformat()}"
    text = str(value)
    plain_lines = all(c >= " " or c in "\n\t" for c in text) and "\r" not in text
    if "\n" in text and plain_lines and text == text.strip():
        pad = " " * indent
        body = "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))
        return " |-\n" + body
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _NOT_PLAIN:
        return " " + text
    return " " + _quote(text)


def _comment(text: str, prefix: str) -> list[str]:
    flat = " ".join(text.split())
    return [f"{prefix}{line}" for line in textwrap.wrap(flat, 94 - len(prefix))]


def scaffold(
    edition: Edition,
    *,
    code: str,
    name: str = "answers.yaml",
    landlord: str | None = None,
    period: str | None = None,
    answers: Mapping[str, Answer] | None = None,
    notes: Mapping[str, str] | None = None,
) -> str:
    """The text of a new answers file: one entry per item of the form, in the form's order."""
    answers = answers or {}
    notes = notes or {}
    word = "Theme" if edition.form.layout == "themes" else "Section"
    lines = [
        _HEADER.format(title=edition.title, form=edition.form.title, name=name).rstrip("\n"),
        "",
        f"code:{yaml_scalar(code, 2)}",
        f"landlord:{yaml_scalar(landlord, 2)}",
        f"period:{yaml_scalar(period, 2)}" + ("" if period else "  # e.g. 2024-25"),
        "items:",
    ]
    headings = edition.form.split_headings
    for number, level, provisions in form_groups(edition):
        section = edition.section(number)
        title = section.title if section else ""
        heading = f"{word} {number}: {title}"
        if level is not None and headings is not None:
            heading += f": {getattr(headings, level)}"
        lines += ["", f"  # {'=' * 88}", f"  # {heading}", f"  # {'=' * 88}"]
        for p in provisions:
            a = answers.get(p.id, Answer())
            lines.append("")
            lines += _comment(f"{p.id} ({p.obligation}) {p.title or ''}", "  # ")
            lines += _comment(p.summary, "  #   ")
            if p.id in notes:
                lines += _comment(notes[p.id], "  # ")
            lines.append(f"  {_quote(p.id)}:")
            for field in FIELDS[:5]:
                lines.append(f"    {field}:{yaml_scalar(getattr(a, field), 6)}")
            if a.machine_filled:
                lines.append("    machine_filled: true")
    return "\n".join(lines) + "\n"


# -- the render view -------------------------------------------------------------------------

COMPLY_LABELS: dict[str | None, str] = {
    "yes": "Yes",
    "no": "No",
    "partly": "Partly",
    "not applicable": "Not applicable",
    None: "Not answered",
}
COUNT_KEYS = ("yes", "no", "partly", "not_applicable", "unanswered")


def _roles(edition: Edition) -> tuple[str, ...]:
    form = edition.form
    n = len(form.columns)
    if form.layout == "themes" and n == 4:
        return ("question", "yes", "no", "notes")
    if form.layout != "themes" and n == 5:
        return ("id", "requirement", "comply", "evidence", "commentary")
    if form.layout != "themes" and n == 4:
        return ("id", "requirement", "comply", "notes")
    raise AnswersError(
        f"the {edition.edition} form has {n} columns; chc lays out 4 or 5 (sections) "
        "or 4 (themes): Code provision, requirement, comply, evidence and commentary"
    )


def _paras(*parts: str | None) -> str:
    return "\n\n".join(p for p in parts if p)


def _action_text(a: Answer) -> str | None:
    if a.action is None and a.target_date is None:
        return None
    when = f"target date {a.target_date.isoformat()}" if a.target_date else "no target date"
    return f"Action, {when}: {a.action or 'not stated'}"


_FILLED_NOTE = "Filled in by chc from a policy check; not yet reviewed."


def _cells(roles: tuple[str, ...], p: Provision, a: Answer) -> list[CellView]:
    label = COMPLY_LABELS[a.comply]
    filled = _FILLED_NOTE if a.machine_filled else None
    text = {
        "id": p.id,
        "question": f"{p.id}: {p.summary}",
        "requirement": p.summary,
        "comply": label,
        "yes": label if a.comply in ("yes", "not applicable") else "",
        "no": label if a.comply in ("no", "partly", "not applicable") else "",
        "evidence": a.evidence or "",
        "commentary": _paras(a.commentary, _action_text(a), filled),
        "notes": _paras(a.evidence, a.commentary, _action_text(a), filled),
    }
    return [{"role": r, "header": r in ("id", "question"), "text": text[r]} for r in roles]


def _count(rows: list[Answer]) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for a in rows:
        key = "unanswered" if a.comply is None else a.comply.replace(" ", "_")
        counts[key] += 1
    counts["total"] = len(rows)
    return counts


def view(
    loaded: LoadedAnswers, *, title: str | None = None, landlord: str | None = None
) -> FormView:
    """Plain data for the templates (documented in docs/answers-format.md)."""
    from chc.assessment.finished import unfinished

    e = loaded.edition
    roles = _roles(e)
    word = "Theme" if e.form.layout == "themes" else "Section"
    headings = e.form.split_headings
    sections: list[SectionView] = []
    groups: list[GroupView] = []
    every: list[Answer] = []
    for number, level, provisions in form_groups(e):
        s = e.section(number)
        name = f"{word} {number}: {s.title if s else ''}"
        if not sections or sections[-1]["number"] != number:
            sections.append({"number": number, "heading": name, "tables": []})
        answers = [loaded.answers.get(p.id, Answer()) for p in provisions]
        every += answers
        heading: str | None = getattr(headings, level) if level and headings else None
        sections[-1]["tables"].append(
            {
                "heading": heading,
                "caption": f"{name}: {heading}" if heading else name,
                "rows": [
                    {
                        "id": p.id,
                        "status": (a.comply or "unanswered").replace(" ", "_"),
                        "cells": _cells(roles, p, a),
                    }
                    for p, a in zip(provisions, answers, strict=True)
                ],
            }
        )
        groups.append(
            {
                "label": f"{name} ({level})" if level else name,
                "counts": _count(answers),
            }
        )
    return {
        "title": title or f"Self-assessment against the {e.title}",
        "landlord": landlord or loaded.landlord,
        "period": loaded.period,
        "code": {"edition": e.edition, "title": e.title, "form": e.form.title},
        "columns": list(e.form.columns),
        "section_word": word.lower(),
        "summary": {"groups": groups, "total": _count(every)},
        "actions": _actions(loaded),
        "sections": sections,
        "draft": _draft(unfinished(loaded)),
    }


def _draft(left: Unfinished) -> DraftView | None:
    if not left.is_draft:
        return None
    return {"reasons": left.reasons(), **left.as_json()}


def _actions(loaded: LoadedAnswers) -> list[ActionView]:
    rows: list[tuple[tuple[date, tuple[int, int, int]], ActionView]] = []
    for p in loaded.edition.self_assessed:
        a = loaded.answers.get(p.id)
        if a is None or (
            a.action is None and a.target_date is None and a.comply not in ("no", "partly")
        ):
            continue
        rows.append(
            (
                (a.target_date or date.max, provision_sort_key(p.id)),
                {
                    "id": p.id,
                    "comply": COMPLY_LABELS[a.comply],
                    "action": a.action or "Not stated",
                    "target_date": a.target_date.isoformat() if a.target_date else "Not set",
                },
            )
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def to_markdown(context: FormView, template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("self-assessment.md.j2", context, template_dir)


def to_html(context: FormView, template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("self-assessment.html.j2", context, template_dir)
