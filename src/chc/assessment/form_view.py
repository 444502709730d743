"""The rendered form as plain data: what the templates, the Word writer and the JSON read.

Built by :func:`chc.assessment.render.view`; the shape is documented in
``docs/answers-format.md`` (a user's own template reads these names).
"""

from __future__ import annotations

from typing import TypedDict


class CellView(TypedDict):
    role: str
    header: bool
    text: str


class RowView(TypedDict):
    id: str
    status: str
    cells: list[CellView]


class TableView(TypedDict):
    heading: str | None
    caption: str
    rows: list[RowView]


class SectionView(TypedDict):
    number: int
    heading: str
    tables: list[TableView]


class GroupView(TypedDict):
    label: str
    counts: dict[str, int]


class SummaryView(TypedDict):
    groups: list[GroupView]
    total: dict[str, int]


class CodeView(TypedDict):
    edition: str
    title: str
    form: str


class ActionView(TypedDict):
    id: str
    comply: str
    action: str
    target_date: str


class UnfinishedJSON(TypedDict):
    """The items left: not answered, and filled in by chc but not reviewed."""

    unanswered: list[str]
    unreviewed: list[str]


class DraftView(TypedDict):
    """Why the form is a draft (sentences for its DRAFT mark), and the items left."""

    reasons: list[str]
    unanswered: list[str]
    unreviewed: list[str]


class FormView(TypedDict):
    title: str
    landlord: str | None
    period: str | None
    code: CodeView
    columns: list[str]
    section_word: str
    summary: SummaryView
    actions: list[ActionView]
    sections: list[SectionView]
    draft: DraftView | None
