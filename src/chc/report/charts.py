"""Charts for the HTML report, drawn as inline SVG: no script, no fonts or files fetched.

Each chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>`` (the
desc states the numbers in words, for screen readers); the report also prints the same
numbers as tables, so nothing is only in a picture. Series differ by colour *and* by
marker shape or position, so they can be told apart without colour. Coordinates are
formatted to one decimal place so the output is byte-stable.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chc.report.figures import Report, Share

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_label(key: str) -> str:
    """ "2024-03" as "Mar 2024"."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


WIDTH = 720
STAGE_COLOURS = ("#1d4f91", "#b45309")  # both at least 4.5:1 against white
BAR = "#1d4f91"
GRID = "#d0d7de"
INK = "#1a1a1a"
MAX_BARS = 12  # categories beyond this are summed into one "all others" bar


def _t(text: object) -> str:
    return escape(str(text), quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}"


def _open(ident: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="system-ui, Arial, sans-serif" '
        f'font-size="12">',
        f'<title id="{ident}-title">{_t(title)}</title>',
        f'<desc id="{ident}-desc">{_t(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
    ]


def _nice_max(value: int) -> int:
    """A round axis top at or above ``value`` whose fifths are whole: 5, 10, 15 ... 60, 80, 100."""
    scale = 1
    while True:
        for m in (5, 10, 15, 20, 25, 30, 40, 50, 60, 80):
            if m * scale >= value:
                return m * scale
        scale *= 10


def _ticks(top: int) -> list[int]:
    return [top * i // 5 for i in range(6)]


def _short_month(key: str) -> tuple[str, str]:
    label = month_label(key)
    return label[:3], label[4:]


def monthly_received(report: Report) -> str:
    """Complaints received per month, stage 1 and stage 2 bars side by side."""
    months = report.months
    height = 300
    left, right, top, bottom = 48, WIDTH - 12, 40, height - 44
    peak = max([max(m.received) for m in months] + [1])
    ymax = _nice_max(peak)
    plot_h = bottom - top
    slot = (right - left) / max(len(months), 1)
    bar_w = min(slot * 0.38, 28.0)
    described = "; ".join(
        f"{m.month}: stage 1 {m.received[0]}, stage 2 {m.received[1]}" for m in months
    )
    out = _open(
        "chart-received",
        height,
        "Complaints received per month, by stage",
        f"Bar chart of complaints received each month. {described}.",
    )
    out += _legend([("Stage 1", STAGE_COLOURS[0]), ("Stage 2", STAGE_COLOURS[1])], left, 18)
    for v in _ticks(ymax):
        y = bottom - plot_h * v / ymax
        out.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{right}" y2="{_n(y)}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" fill="{INK}">{v}</text>'
        )
    show_values = len(months) <= 24
    for i, m in enumerate(months):
        cx = left + slot * (i + 0.5)
        for s in (0, 1):
            value = m.received[s]
            h = plot_h * value / ymax
            x = cx - bar_w if s == 0 else cx
            out.append(
                f'<rect x="{_n(x)}" y="{_n(bottom - h)}" width="{_n(bar_w)}" height="{_n(h)}" '
                f'fill="{STAGE_COLOURS[s]}"/>'
            )
            if show_values:
                out.append(
                    f'<text x="{_n(x + bar_w / 2)}" y="{_n(bottom - h - 3)}" '
                    f'text-anchor="middle" font-size="10" fill="{INK}">{value}</text>'
                )
        out.extend(_month_axis_labels(i, m.month, cx, bottom))
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}"/>')
    out.append("</svg>")
    return "\n".join(out)


def _month_axis_labels(i: int, month: str, cx: float, bottom: float) -> list[str]:
    """A month under the x axis, with the year under the first month and each January."""
    mon, year = _short_month(month)
    labels = [
        f'<text x="{_n(cx)}" y="{bottom + 16}" text-anchor="middle" fill="{INK}">{mon}</text>'
    ]
    if i == 0 or mon == "Jan":
        labels.append(
            f'<text x="{_n(cx)}" y="{bottom + 30}" text-anchor="middle" fill="{INK}">{year}</text>'
        )
    return labels


def monthly_on_time(report: Report) -> str:
    """On-time rate per month for each stage, against a dashed 100% line."""
    months = report.months
    height = 300
    left, right, top, bottom = 48, WIDTH - 12, 40, height - 44
    plot_h = bottom - top
    slot = (right - left) / max(len(months), 1)

    def y_of(pct: Decimal) -> float:
        return bottom - plot_h * float(pct) / 100

    described = "; ".join(
        f"{m.month}: stage 1 {_rate(m.rate(1))}, stage 2 {_rate(m.rate(2))}" for m in months
    )
    out = _open(
        "chart-on-time",
        height,
        "Complaints responded to on time per month, by stage, against 100%",
        "Line chart of the share of responses given in each month that were within the "
        f"Code's timescale; a dashed line marks 100%. {described}.",
    )
    out += _legend(
        [("Stage 1", STAGE_COLOURS[0]), ("Stage 2", STAGE_COLOURS[1])], left, 18, markers=True
    )
    for v in (0, 20, 40, 60, 80):
        y = bottom - plot_h * v / 100
        out.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{right}" y2="{_n(y)}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" fill="{INK}">{v}%</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{right}" y2="{top}" stroke="{INK}" '
        f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" fill="{INK}">100%</text>'
    )
    for s in (1, 2):
        colour = STAGE_COLOURS[s - 1]
        # A month with no responses breaks the line rather than drawing it to 0%.
        runs: list[list[tuple[float, float]]] = [[]]
        points: list[tuple[float, float]] = []
        for i, m in enumerate(months):
            rate = m.rate(s)
            if rate is None:
                if runs[-1]:
                    runs.append([])
                continue
            p = (left + slot * (i + 0.5), y_of(rate))
            runs[-1].append(p)
            points.append(p)
        for run in runs:
            if len(run) > 1:
                d = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                out.append(
                    f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2"/>'
                )
        for x, y in points:
            out.append(_marker(s, x, y, colour))
    for i, m in enumerate(months):
        cx = left + slot * (i + 0.5)
        out.extend(_month_axis_labels(i, m.month, cx, bottom))
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}"/>')
    out.append("</svg>")
    return "\n".join(out)


def _rate(value: Decimal | None) -> str:
    return "no responses" if value is None else f"{value}%"


def _marker(stage: int, x: float, y: float, colour: str) -> str:
    if stage == 1:
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}"/>'
    return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8" fill="{colour}"/>'


def _legend(
    items: list[tuple[str, str]], x: float, y: float, *, markers: bool = False
) -> list[str]:
    out = []
    for i, (label, colour) in enumerate(items):
        lx = x + i * 110
        if markers:
            out.append(_marker(i + 1, lx + 6, y - 4, colour))
        else:
            out.append(
                f'<rect x="{_n(lx)}" y="{_n(y - 10)}" width="12" height="12" fill="{colour}"/>'
            )
        out.append(f'<text x="{_n(lx + 18)}" y="{_n(y)}" fill="{INK}">{_t(label)}</text>')
    return out


def horizontal_bars(
    ident: str, title: str, shares: tuple[Share, ...], what: str, *, capitalise: bool = False
) -> str:
    """One bar per share, longest first as given, with the count and percent at its end."""
    rows = list(shares)
    if len(rows) > MAX_BARS:
        from chc.report.figures import Share

        rest = rows[MAX_BARS - 1 :]
        others = Share(f"all others ({len(rest)})", sum(r.count for r in rest), rest[0].total)
        rows = [*rows[: MAX_BARS - 1], others]
    label_w = 230
    row_h = 26
    height = max(row_h * len(rows) + 24, 60)
    left, right = label_w, WIDTH - 110
    peak = max([r.count for r in rows] + [1])
    described = "; ".join(
        f"{r.name}: {r.count}" + (f" ({r.percent}%)" if r.percent is not None else "") for r in rows
    )
    out = _open(
        ident,
        height,
        title,
        f"Bar chart of {what}. {described or 'none recorded'}.",
    )
    for i, r in enumerate(rows):
        y = 12 + i * row_h
        w = (right - left) * r.count / peak
        name = r.name if len(r.name) <= 34 else r.name[:33] + "…"
        if capitalise:
            name = name[:1].upper() + name[1:]
        pct = f" ({r.percent}%)" if r.percent is not None else ""
        out.append(
            f'<text x="{left - 8}" y="{_n(y + 14)}" text-anchor="end" fill="{INK}">'
            f"{_t(name)}</text>"
            f'<rect x="{left}" y="{_n(y + 2)}" width="{_n(w)}" height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{_n(left + w + 6)}" y="{_n(y + 14)}" fill="{INK}">{r.count}{pct}</text>'
        )
    if not rows:
        out.append(f'<text x="12" y="30" fill="{INK}">None recorded.</text>')
    out.append("</svg>")
    return "\n".join(out)


def all_charts(report: Report) -> dict[str, str]:
    return {
        "received": monthly_received(report),
        "on_time": monthly_on_time(report),
        "outcomes": horizontal_bars(
            "chart-outcomes",
            "Outcomes of the complaints received in the period",
            report.outcomes,
            "complaint outcomes",
            capitalise=True,  # outcome names are lower-case data values
        ),
        "categories": horizontal_bars(
            "chart-categories",
            "Complaints received in the period, by category",
            report.categories,
            "complaint categories",
        ),
    }
