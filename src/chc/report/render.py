"""The annual report as plain text, Markdown, one self-contained HTML page, or JSON.

The page speaks to a board: it names the landlord and the period, lists what the 2024
Code's 8.1 and 8.2 ask for and which of it is here (:mod:`chc.report.sections`), and
closes with how the figures were made in plain words (:mod:`chc.report.method`). File
paths, option and column names, and chc's own warnings stay out of it (the warnings go to
the terminal; the JSON keeps everything for programs).

Jinja, markdown-it and the charts are imported only when a page is rendered; this module
is imported when the command line starts, for its format registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from chc.errors import InputError

if TYPE_CHECKING:
    from chc.report.figures import Report
    from chc.report.sections import ReportSection
    from chc.report.targets import Target


@dataclass(frozen=True)
class Page:
    """Everything one rendering needs: the figures, the Code's items, the appendix."""

    report: Report
    sections: tuple[ReportSection, ...] = field(default=())
    appendix: Appendix | None = None
    template_dir: Path | None = None


def context(page: Page, markdown: bool) -> dict[str, Any]:
    """What the Markdown and HTML templates see (the JSON object plus display helpers)."""
    from chc import __version__
    from chc.report import method
    from chc.report.charts import month_label
    from chc.report.figures import HEADLINE
    from chc.report.options import STAGES

    report = page.report
    o = report.options
    data = report.as_json()
    previous = (data["previous"] or {}).get("figures", {})
    for f in (*data["figures"].values(), *previous.values()):
        # A figure with nothing to measure says why beside its counts.
        f["basis"] = f["counts"] + (f": {f['why']}" if f["why"] else "")
    data["targets"] = [
        {"edition": f"{t.edition} Code", "stage": t.stage, "words": t.words() + refs(report, t)}
        for t in report.targets
    ]
    data["title"] = title(report)
    data["landlord"] = o.landlord or ""
    data["period"] = method.period_name(o.start, o.end)
    data["period_words"] = method.period_words(o.start, o.end)
    data["stage_rows"] = [
        {"label": label, "cells": [data["figures"][f"{key}_stage{s}"] for s in STAGES]}
        for key, label in STAGE_ROWS
    ]
    data["headline"] = [data["figures"][k] for k in HEADLINE]
    data["others"] = [data["figures"][k] for k in OTHERS]
    data["month_rows"] = [
        {
            "month": m.month,
            "label": month_label(m.month),
            "received": m.received,
            "responded": m.responded,
            "on_time": m.on_time,
            "rate": [_pct(m.rate(1)), _pct(m.rate(2))],
        }
        for m in report.months
    ]
    data["previous_period"] = (
        None
        if report.previous is None
        else method.period_name(report.previous.options.start, report.previous.options.end)
    )
    data["sections"] = {s.key: _section(s, markdown) for s in page.sections}
    data["checklist"] = [_section(s, markdown) for s in page.sections]
    data["missing"] = [s.key for s in page.sections if s.status == "missing"]
    data["method"] = method.rules(report)
    data["meanings"] = _meanings(report)
    data["appendix"] = None
    data["version"] = __version__
    return data


def refs(report: Report, target: Target) -> str:
    """ " [1,2]": the numbers, in the report's list of assumptions, of a target's own."""
    numbers = {a: n for n, a in enumerate(report.assumptions, 1)}
    found = sorted(numbers[a] for a in target.assumes if a in numbers)
    return f" [{','.join(map(str, found))}]" if found else ""


def _meanings(report: Report) -> list[dict[str, str]]:
    """Each meaning once, with the labels of every figure it explains (both stages)."""
    from chc.report.method import meaning

    grouped: dict[str, list[str]] = {}
    for key, f in report.figures.items():
        grouped.setdefault(meaning(key) or f.label, []).append(f.label)
    return [{"label": "; ".join(labels), "meaning": m} for m, labels in grouped.items()]


def _section(s: ReportSection, markdown: bool) -> dict[str, Any]:
    from markupsafe import Markup

    from chc.report.sections import narrative_html, narrative_markdown

    text: str | Markup | None = None
    if s.narrative is not None:
        # Rendered safely by sections (raw HTML made inert), so marked safe for Jinja.
        text = narrative_markdown(s.narrative) if markdown else Markup(narrative_html(s.narrative))
    return {"key": s.key, "title": s.title, "status": s.status, "narrative": text}


# The per-stage figures, as rows of one table with a column per stage.
STAGE_ROWS = (
    ("received", "Complaints received"),
    ("ch01", "CH01: complaints per 1,000 homes"),
    ("ch02", "CH02: responded to within the Code's timescale"),
    ("days_mean", "Average working days to respond"),
    ("days_median", "Median working days to respond"),
    ("extended", "Responses given after an extension"),
    ("beyond_limit", "Extensions longer than the Code's limit"),
    ("ack_on_time", "Acknowledgements on time"),
)
OTHERS = (
    "refused",
    "refused_counted_late",
    "withdrawn",
    "escalation_rate",
    "upheld_rate",
    "remedies",
    "open_at_end",
    "overdue_at_end",
)


def _pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value}%"


def title(report: Report) -> str:
    """``Example Homes: Annual complaints performance and service improvement report 2023-24``."""
    from chc.report.method import financial_year_name, period_name

    o = report.options
    who = f"{o.landlord}: " if o.landlord else ""
    name = period_name(o.start, o.end)
    joiner = " " if financial_year_name(o.start, o.end) else ", "
    return f"{who}Annual complaints performance and service improvement report{joiner}{name}"


def to_markdown(page: Page) -> str:
    from chc.render import render

    data = context(page, markdown=True)
    data["appendix"] = None if page.appendix is None else page.appendix.body
    return render("report.md.j2", data, page.template_dir)


def to_html(page: Page) -> str:
    """One self-contained page: CSS inline, charts as inline SVG, no script, no network."""
    from markupsafe import Markup

    from chc.render import render
    from chc.report import charts as report_charts

    data = context(page, markdown=False)
    # Already rendered (and escaped) by the self-assessment templates: inserted as is.
    data["appendix"] = None if page.appendix is None else Markup(page.appendix.body)
    data["appendix_css"] = "" if page.appendix is None else Markup(page.appendix.css)
    data["charts"] = {
        name: Markup(svg) for name, svg in report_charts.all_charts(page.report).items()
    }
    return render("report.html.j2", data, page.template_dir)


def to_json(page: Page) -> str:
    """The figures' JSON with the Code's items and whether each is in the report."""
    from chc.output import dumps_json

    data = page.report.as_json()
    data["sections"] = [s.as_json() for s in page.sections]
    return dumps_json(data)


def text_width() -> int:
    """The width of the text report: ``COLUMNS`` when set, else the terminal's, else 80
    (a file or a pipe), so that the same input gives the same file."""
    import os
    import sys

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return int(columns)
    if sys.stdout.isatty():
        return max(os.get_terminal_size(sys.stdout.fileno()).columns, 40)
    return 80


def wrap(text: str, width: int, indent: int = 0, hang: int = 2) -> list[str]:
    """``text`` at column ``indent``, its later lines ``hang`` further in; words are never
    split, so a web address stays whole on a line of its own."""
    import textwrap

    return textwrap.wrap(
        text,
        width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def to_text(page: Page, width: int | None = None) -> str:
    """Plain text for the terminal: every figure with its counts, then the month table,
    each line within ``width`` (default :func:`text_width`) and wrapped under its indent."""
    from chc.report.method import period_words

    width = width or text_width()
    report = page.report
    o = report.options
    lines = [*wrap(title(report), width), ""]
    lines += wrap(
        f"Period: {period_words(o.start, o.end)}. Source: {report.source} "
        f"({report.cases:,} complaints in the file); homes: {o.homes:,}; "
        f"editions: {', '.join(report.editions) or 'none'}; region: {report.region}",
        width,
    )
    lines += wrap(
        f"Rules: refused {o.refused}; withdrawn {o.withdrawn}; "
        f"extensions over the limit {o.over_limit}",
        width,
    )
    if page.sections:
        lines.append("")
        lines.append("The Code's 8.1 and 8.2: what the report holds")
        for sec in page.sections:
            lines += wrap(f"{sec.key:<7} {sec.status:<9} {sec.title}", width, 2, 18)
    lines.append("")
    lines += _figure_lines(report, width)
    lines.append("")
    lines += wrap("Target timescales (the Code's, for the edition in force at receipt)", width)
    for t in report.targets:
        lines += wrap(f"{t.edition} Code, stage {t.stage}: {t.words()}{refs(report, t)}", width, 2)
    lines.append("")
    lines += _month_lines(report)
    lines.extend(_text_tables(report, width))
    lines.append("")
    lines.append("Notes")
    for note in report.notes:
        lines += wrap(f"- {note}", width)
    if report.assumptions:
        lines += ["", "Assumptions"]
        for n, a in enumerate(report.stated(), 1):
            lines += wrap(f"{n}. {a['statement']}", width, 0, len(f"{n}. "))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _figure_lines(report: Report, width: int) -> list[str]:
    """Each figure: its value, then what it is and the counts behind it, wrapped under
    the words (the value first, so that no label's length pushes it off the line)."""
    lines: list[str] = []
    for f in report.figures.values():
        why = f": {f.why}" if f.why else ""
        lines += wrap(f"{f.shown:>10}  {f.label}  ({f.counts}{why})", width, 0, 12)
    return lines


def _month_lines(report: Report) -> list[str]:
    from chc.report.charts import month_label
    from chc.report.options import STAGES

    lines = ["Month      S1 rec  S2 rec  S1 on time        S2 on time"]
    for m in report.months:
        cells = []
        for s in STAGES:
            rate = _pct(m.rate(s))
            cells.append(f"{rate:>6} {m.on_time[s - 1]:>3}/{m.responded[s - 1]:<4}")
        lines.append(
            f"{month_label(m.month):<9}  {m.received[0]:>6}  {m.received[1]:>6}  "
            f"{cells[0]:<16}  {cells[1]}"
        )
    return lines


def _text_tables(report: Report, width: int) -> list[str]:
    from chc.report.method import period_name

    lines: list[str] = []
    for heading, shares in (("Outcomes", report.outcomes), ("Categories", report.categories)):
        lines.append("")
        lines.append(heading)
        for sh in shares:
            lines.append(f"  {sh.name:<40} {sh.count:>6}  {_pct(sh.percent)}")
    if report.refusals:
        lines.append("")
        lines.append("Refusals")
        for rf in report.refusals:
            policy = {True: "within policy", False: "outside policy", None: "policy not recorded"}
            lines += wrap(
                f"{rf.reason} ({policy[rf.within_policy]}; "
                f"{'not on time' if rf.counted == 'late' else 'left out of CH02'}): {rf.count}",
                width,
                2,
            )
    if report.determinations:
        lines.append("")
        lines.append("Ombudsman determinations")
        for sh in report.determinations:
            lines.append(f"  {sh.name:<40} {sh.count:>6}")
    comparison = report.comparison()
    if comparison and report.previous is not None:
        prev = report.previous.options
        lines.append("")
        lines.append(f"Compared with {period_name(prev.start, prev.end)}")
        lines.append(f"{'this':>10}  {'previous':>10}  change")
        for row in comparison:
            change = row["change"] or "n/a"
            text = f"{row['this']:>10}  {row['previous']:>10}  {change}: {row['label']}"
            lines += wrap(text, width, 0, 24)
    return lines


# --format: one entry per format; the command's choices are this dict's keys.
FORMATTERS: dict[str, Callable[[Page], str]] = {
    "text": to_text,
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}
# The formats the self-assessment appendix can be part of, and the form it takes in each.
APPENDIX_FORMS: dict[str, Literal["md", "html"]] = {"md": "md", "html": "html"}


@dataclass(frozen=True)
class Appendix:
    """The rendered self-assessment, ready to sit inside the report."""

    body: str
    css: str = ""


def appendix_for(
    answers: Path,
    fmt: Literal["md", "html"],
    landlord: str | None = None,
    template_dir: Path | None = None,
) -> Appendix:
    """The self-assessment rendered by ``chc self-assessment render``, as an appendix.

    The 2024 Code (section 8) expects the annual self-assessment in the annual report, so
    the same renderer and templates are used; only the headings move down two levels (under
    the report's "Appendix" heading) and, for HTML, the page's own wrapper is
    dropped and its extra styles move into the report's head.
    """
    import re

    try:
        from chc.assessment.answers import load_answers
        from chc.assessment.render import to_html, to_markdown, view
    except ImportError:  # the self-assessment renderer is a separate part of chc
        raise InputError(
            "--self-assessment is not available in this version of chc: the "
            "self-assessment renderer is not installed",
            file=answers,
        ) from None
    context = view(load_answers(answers), landlord=landlord)
    if fmt == "md":
        text = to_markdown(context, template_dir)
        return Appendix(re.sub(r"(?m)^(#{1,4}) ", r"##\1 ", text).strip() + "\n")
    page = to_html(context, template_dir)
    start, end = page.find("<main>"), page.rfind("</main>")
    if start < 0 or end < 0:
        raise InputError(
            "the self-assessment template has no <main> element to put in the appendix",
            file=template_dir or answers,
        )
    body = page[start + len("<main>") : end].strip()
    for level in range(4, 0, -1):  # h4 -> h6 first, so a heading moves down only once
        body = re.sub(rf"<(/?)h{level}\b", rf"<\1h{level + 2}", body)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    css = style.group(1) if style else ""
    from chc.render import templates_dir

    shared = (templates_dir() / "_report.css").read_text(encoding="utf-8")
    css = css.replace(shared, "").strip()  # the report already carries the shared rules
    return Appendix(body, css)
