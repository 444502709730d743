"""The performance report as plain text, Markdown and one self-contained HTML page.

Jinja and the charts are imported only when a page is rendered: the figures in
:mod:`chc.report` are usable without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from chc.errors import InputError
from chc.report.charts import month_label
from chc.report.figures import HEADLINE, Report
from chc.report.options import STAGES


def context(report: Report, appendix: str | None = None) -> dict[str, Any]:
    """What the Markdown and HTML templates see (the JSON object plus display helpers)."""
    from chc import __version__

    data = report.as_json()
    data["title"] = _title(report)
    data["period"] = report.period
    data["stage_rows"] = [
        {
            "label": label,
            "cells": [data["figures"][f"{key}_stage{s}"] for s in STAGES],
        }
        for key, label in STAGE_ROWS
    ]
    data["headline"] = [data["figures"][k] for k in HEADLINE]
    data["others"] = [
        data["figures"][k]
        for k in (
            "refused",
            "refused_counted_late",
            "withdrawn",
            "escalation_rate",
            "upheld_rate",
            "remedies",
            "open_at_end",
            "overdue_at_end",
        )
    ]
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
    data["appendix"] = appendix
    data["version"] = __version__
    return data


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


def _pct(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value}%"


def _title(report: Report) -> str:
    o = report.options
    who = f"{o.landlord}: " if o.landlord else ""
    return f"{who}Complaints performance report, {o.start.isoformat()} to {o.end.isoformat()}"


def to_markdown(
    report: Report, template_dir: Path | None = None, appendix: Appendix | None = None
) -> str:
    from chc.render import render

    body = None if appendix is None else appendix.body
    return render("report.md.j2", context(report, body), template_dir)


def to_html(
    report: Report, template_dir: Path | None = None, appendix: Appendix | None = None
) -> str:
    """One self-contained page: CSS inline, charts as inline SVG, no script, no network."""
    from markupsafe import Markup

    from chc.render import render
    from chc.report import charts as report_charts

    data = context(report)
    # Already rendered (and escaped) by the self-assessment templates: inserted as is.
    data["appendix"] = None if appendix is None else Markup(appendix.body)
    data["appendix_css"] = "" if appendix is None else Markup(appendix.css)
    data["charts"] = {name: Markup(svg) for name, svg in report_charts.all_charts(report).items()}
    return render("report.html.j2", data, template_dir)


def to_text(report: Report) -> str:
    """Plain text for the terminal: every figure with its counts, then the month table."""
    o = report.options
    lines = [_title(report), ""]
    lines.append(
        f"Source: {report.source} ({report.cases:,} complaints in the file); "
        f"homes: {o.homes:,}; editions: {', '.join(report.editions) or 'none'}; "
        f"region: {report.region}"
    )
    lines.append(
        f"Rules: refused {o.refused}; withdrawn {o.withdrawn}; "
        f"extensions over the limit {o.over_limit}"
    )
    lines.append("")
    width = max(len(f.label) for f in report.figures.values())
    for f in report.figures.values():
        lines.append(f"{f.label:<{width}}  {f.shown:>10}  ({f.counts})")
    lines.append("")
    lines.append("Month      S1 rec  S2 rec  S1 on time        S2 on time")
    for m in report.months:
        cells = []
        for s in STAGES:
            rate = _pct(m.rate(s))
            cells.append(f"{rate:>6} {m.on_time[s - 1]:>3}/{m.responded[s - 1]:<4}")
        lines.append(
            f"{month_label(m.month):<9}  {m.received[0]:>6}  {m.received[1]:>6}  "
            f"{cells[0]:<16}  {cells[1]}"
        )
    for title, shares in (("Outcomes", report.outcomes), ("Categories", report.categories)):
        lines.append("")
        lines.append(title)
        for sh in shares:
            lines.append(f"  {sh.name:<40} {sh.count:>6}  {_pct(sh.percent)}")
    if report.refusals:
        lines.append("")
        lines.append("Refusals")
        for rf in report.refusals:
            policy = {True: "within policy", False: "outside policy", None: "policy not recorded"}
            lines.append(
                f"  {rf.reason} ({policy[rf.within_policy]}; "
                f"{'not on time' if rf.counted == 'late' else 'left out of CH02'}): {rf.count}"
            )
    if report.determinations:
        lines.append("")
        lines.append("Ombudsman determinations")
        for sh in report.determinations:
            lines.append(f"  {sh.name:<40} {sh.count:>6}")
    comparison = report.comparison()
    if comparison:
        assert report.previous is not None
        lines.append("")
        lines.append(f"Compared with {report.previous.period}")
        for row in comparison:
            lines.append(
                f"  {row['label']:<{width}}  {row['this']:>10}  {row['previous']:>10}  "
                f"{row['change'] or 'n/a'}"
            )
    lines.append("")
    lines.append("Notes")
    lines.extend(f"- {n}" for n in report.notes)
    if report.warnings:
        lines.append("")
        lines.append("Warnings")
        lines.extend(f"- {w}" for w in report.warnings)
    return "\n".join(lines) + "\n"


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
