"""Answers brought back from a spreadsheet, written into an answers file.

A new file is written by :func:`chc.assessment.render.scaffold`, in the form's order with
chc's summary above each item. Merging into an existing file goes through ruamel.yaml's
round-trip mode, so every comment, the order of items and the quoting of untouched values
stay as the person left them; only fields whose value changed are written.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from chc.assessment.answers import FIELDS, Answer, LoadedAnswers
from chc.assessment.sheet import SheetAnswers
from chc.codes.model import Edition
from chc.errors import AnswersError


def edition_matching(existing: LoadedAnswers) -> Callable[[str], Edition]:
    """For read_sheet: the answers file's edition, or an error if the workbook names another."""

    def edition_of(code: str) -> Edition:
        if code != existing.code:
            raise AnswersError(
                f"the workbook is for Code {code!r}, the answers file for {existing.code!r}",
                file=existing.path,
            )
        return existing.edition

    return edition_of


def merge_into(existing: LoadedAnswers, text: str, sheet: SheetAnswers) -> str:
    """The text of ``existing`` (read from ``text``) with the sheet's answers written in."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if sheet.code != existing.code:
        raise AnswersError(
            f"the workbook is for Code {sheet.code!r}, the answers file for {existing.code!r}",
            file=existing.path,
        )
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line of evidence the person wrote on one line
    data = yaml.load(text)
    if data.get("items") is None:
        data["items"] = CommentedMap()
    items = data["items"]
    fields = FIELDS if sheet.has_machine_column else FIELDS[:5]
    for pid, new in sheet.answers.items():
        if pid not in existing.keys and new.is_empty:
            continue  # an empty row for an item the file leaves out: nothing to add
        # New ids quoted, as scaffold writes them: unquoted, 6.10 would read as 6.1.
        key = existing.keys.get(pid, DoubleQuotedScalarString(pid))
        old = existing.answers.get(pid, Answer())
        entry = items.get(key)
        if not isinstance(entry, dict):
            if new.is_empty:
                continue
            entry = CommentedMap()
            items[key] = entry
        for field in fields:
            _set(entry, field, getattr(old, field), getattr(new, field))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _set(entry: dict[str, object], field: str, old: object, new: object) -> None:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if old == new and (field in entry or new in (None, False)):
        return
    if field == "machine_filled":
        if new:
            entry[field] = True
        elif field in entry:
            del entry[field]
        return
    if isinstance(new, str) and "\n" in new:
        new = LiteralScalarString(new)
    entry[field] = new
