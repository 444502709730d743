"""What the 2024 Code's 8.1 and 8.2 ask the annual report to hold, and what this one holds.

8.1 lists six items, (a) to (f), and 8.2 adds the governing body's response, published
alongside. The caseload supplies the performance analysis (b); the rest comes from the
self-assessment (a) and from short Markdown files a person writes, one per item, in the
folder ``--narrative`` names. An item with nothing to show is listed as missing at the top
of the report, so that a gap is seen by the board rather than hidden.

Narrative text is the landlord's own and is rendered safely: raw HTML is shown as text,
``javascript:`` links are dropped, images are not fetched, and headings move down under
the section's own heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from chc.errors import InputError

Status = Literal["included", "missing"]
ContentSource = Literal["self-assessment", "caseload", "narrative"]


@dataclass(frozen=True)
class Item:
    """One thing the Code says the report contains (summarised in our own words)."""

    key: str  # "8.1(c)"
    title: str
    file: str  # the narrative file for it, in --narrative DIR
    source: ContentSource
    about: str  # what a writer puts in the narrative file


ITEMS = (
    Item(
        "8.1(a)",
        "Self-assessment against the Complaint Handling Code",
        "self-assessment.md",
        "self-assessment",
        "an introduction to the self-assessment, or where it is published",
    ),
    Item(
        "8.1(b)",
        "Complaint handling performance",
        "performance.md",
        "caseload",
        "commentary on the figures: what went well, what did not, and why",
    ),
    Item(
        "8.1(c)",
        "Findings of non-compliance by the Housing Ombudsman",
        "non-compliance.md",
        "narrative",
        "any finding by the Ombudsman that the landlord did not comply with the Code, "
        "and what was done; or a sentence saying there were none",
    ),
    Item(
        "8.1(d)",
        "Service improvements made from complaints",
        "service-improvements.md",
        "narrative",
        "what the landlord changed because of what complaints taught it",
    ),
    Item(
        "8.1(e)",
        "The Ombudsman's annual report on the landlord",
        "ombudsman-annual-report.md",
        "narrative",
        "the Ombudsman's annual report on the landlord's performance, if there is one: "
        "its main points or where to read it",
    ),
    Item(
        "8.1(f)",
        "Other Ombudsman reports about the landlord",
        "other-ombudsman-reports.md",
        "narrative",
        "other reports or publications of the Ombudsman that bear on the landlord",
    ),
    Item(
        "8.2",
        "The governing body's response",
        "governing-body-response.md",
        "narrative",
        "the governing body's response to this report, published with it",
    ),
)
FILE_NAMES = tuple(i.file for i in ITEMS)


@dataclass(frozen=True)
class ReportSection:
    """An item as it stands in one report: its narrative (Markdown) and whether it is there."""

    item: Item
    status: Status
    narrative: str | None = None  # the writer's Markdown, as written

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def title(self) -> str:
        return self.item.title

    def as_json(self) -> dict[str, str]:
        return {"key": self.item.key, "title": self.item.title, "status": self.status}


def read_narrative(folder: Path | None) -> dict[str, str]:
    """The folder's narrative files by item key; a stray Markdown file is an error.

    An unknown ``.md`` name is most likely a misspelt one, and leaving it out silently
    would publish the report with an item marked missing that the writer had written.
    """
    from chc.yamlio import read_text

    if folder is None:
        return {}
    if not folder.is_dir():
        raise InputError("--narrative must be a folder of Markdown files", file=folder)
    by_file = {i.file: i.key for i in ITEMS}
    out: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".md":
            continue
        if path.name not in by_file:
            raise InputError(
                f"{path.name} is not one of the narrative files chc reads: "
                + ", ".join(FILE_NAMES),
                file=path,
            )
        text = read_text(path).strip()
        if text:
            out[by_file[path.name]] = text
    return out


def sections(narrative: dict[str, str], *, self_assessment: bool) -> tuple[ReportSection, ...]:
    """Every item with its status: the caseload always gives (b); (a) needs the
    self-assessment or its narrative file; the others need their narrative file."""
    out = []
    for item in ITEMS:
        text = narrative.get(item.key)
        has = (
            text is not None
            or (item.source == "caseload")
            or (item.source == "self-assessment" and self_assessment)
        )
        out.append(ReportSection(item, "included" if has else "missing", text))
    return tuple(out)


def missing(found: tuple[ReportSection, ...]) -> list[ReportSection]:
    return [s for s in found if s.status == "missing"]


# -- rendering the writer's Markdown safely ------------------------------------------------


def narrative_html(text: str, shift: int = 2) -> str:
    """The writer's Markdown as HTML with raw HTML shown as text and headings moved down.

    markdown-it-py with HTML off escapes every tag; its link check drops ``javascript:``,
    ``vbscript:``, ``file:`` and ``data:`` links; images are off, so the page fetches
    nothing; tables are off, so every table on the page keeps its caption and header scopes.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    body = str(md.render(text))
    for level in range(6 - shift, 0, -1):  # the deepest first, so each moves once
        body = re.sub(rf"<(/?)h{level}>", rf"<\1h{level + shift}>", body)
    return body.strip()


# An autolink such as <https://example.org> is kept; any other "<" could open raw HTML.
_OPENS_HTML = re.compile(r"<(?!https?://[^\s<>]*>)")
# Link targets a page must never follow (the same schemes markdown-it refuses).
_BAD_SCHEME = r"<?\s*(?:javascript|vbscript|file|data):"
_BAD_INLINE = re.compile(rf"(?i)\]\(\s*{_BAD_SCHEME}(?:[^()]|\([^()]*\))*\)")
_BAD_REFERENCE = re.compile(rf"(?im)^[ ]{{0,3}}\[[^\]]+\]:\s*{_BAD_SCHEME}.*$")


def narrative_markdown(text: str, shift: int = 2) -> str:
    """The writer's Markdown for the Markdown report: headings moved down, raw HTML inert.

    A backslash before "<" is CommonMark's way of writing a literal "<", so a tag the
    writer typed is shown as text by any Markdown reader, without HTML entities.
    """
    text = _OPENS_HTML.sub(r"\\<", text.replace("\r\n", "\n"))
    text = _BAD_REFERENCE.sub("", _BAD_INLINE.sub("]", text))
    return re.sub(r"(?m)^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + shift) + " ", text)
