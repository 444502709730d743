"""The annual complaints performance report: TSM CH01 and CH02 and the figures around them.

Built from the same caseload CSV that ``chc deadlines --cases`` reads (through
:func:`chc.caseload.process`), so a report's figures and the due dates it judges them by
can never disagree. Every figure carries its numerator, denominator and definition; the
definitions are also in ``docs/report.md``.

Where the Regulator of Social Housing's rule is not settled, the choice is an option
(:class:`Options`) and the report says which was used:

- ``refused``: how a complaint the landlord refused to accept counts in CH02;
- ``withdrawn``: whether a withdrawn complaint that has a response date counts in CH02;
- ``over_limit``: whether a response inside an extension longer than the Code's limit
  counts as on time.

Pure: no typer, no rich, no printing, no clock. Rounding is half-up on exact fractions, so
68.25 is 68.3 on every machine (float ``round`` would give 68.2 for some values).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from chc.report.facts import OUTCOMES
from chc.report.options import (
    NOT_RECORDED,
    REFUSED,
    RULE_TEXT,
    STAGES,
    Options,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from chc.caseload.engine import Caseload
    from chc.caseload.reading import ReadOptions
    from chc.codes.timetable import Timetable
    from chc.report.tally import StageTally, Tally
    from chc.report.targets import Target
    from chc.workdays import WorkingCalendar


def rounded(value: Fraction, places: int = 1) -> Decimal:
    """Half-up rounding of an exact fraction: 68.25 -> 68.3, never float noise."""
    scale = 10**places
    n = value * scale
    whole = (n.numerator * 2 + n.denominator) // (n.denominator * 2)  # floor(n + 1/2)
    return Decimal(whole).scaleb(-places)


FigureUnit = Literal["complaints", "per 1,000 homes", "%", "working days", "£"]


@dataclass(frozen=True)
class Figure:
    """One published number with what it was computed from.

    ``value`` is None when the denominator is 0 (nothing to measure), and is shown "n/a".
    """

    key: str
    label: str
    unit: FigureUnit
    value: Decimal | None
    numerator: int | Decimal | None
    denominator: int | None
    definition: str
    why: str | None = None
    """Why there is nothing to measure, when ``value`` is None (said beside "n/a")."""

    @property
    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.unit == "%":
            return f"{self.value}%"
        if self.unit == "£":
            return f"£{self.value:,.2f}"
        if self.unit == "complaints":
            return f"{self.value:,}"
        return f"{self.value:,}"

    @property
    def counts(self) -> str:
        """The counts behind the figure, in words: '312 of 380', '393 / 5,762 homes'."""
        num, den = self.numerator, self.denominator
        if self.unit == "per 1,000 homes":
            return f"{num:,} complaints / {den:,} homes × 1,000"
        if self.unit == "%":
            return f"{num:,} of {den:,}"
        if self.unit == "working days" and self.key.startswith("days_mean"):
            return f"{num:,} working days / {den:,} responses"
        if self.unit == "working days":
            return f"middle of {den:,} responses"
        if self.unit == "£":
            return f"{den:,} complaints with a payment"
        return f"{num:,} complaints"

    def as_json(self) -> dict[str, Any]:
        def num(v: int | Decimal | None) -> int | float | None:
            # Counts stay integers; everything else is a float so a value's JSON type never
            # depends on whether it happens to be whole (100.0, not 100).
            if isinstance(v, Decimal):
                return int(v) if self.unit == "complaints" else float(v)
            return v

        return {
            "label": self.label,
            "value": None if self.value is None else num(self.value),
            "unit": self.unit,
            "numerator": num(self.numerator),
            "denominator": self.denominator,
            "shown": self.shown,
            "counts": self.counts,
            "definition": self.definition,
            "why": self.why,
        }


def count_figure(key: str, label: str, n: int, definition: str) -> Figure:
    return Figure(key, label, "complaints", Decimal(n), n, None, definition)


def rate_figure(key: str, label: str, num: int, den: int, definition: str) -> Figure:
    value = rounded(Fraction(num * 100, den)) if den else None
    return Figure(key, label, "%", value, num, den, definition)


def per_thousand(key: str, label: str, num: int, homes: int, definition: str) -> Figure:
    return Figure(
        key, label, "per 1,000 homes", rounded(Fraction(num * 1000, homes)), num, homes, definition
    )


# -- the report -------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    month: str  # "2023-04"
    received: tuple[int, int]
    responded: tuple[int, int]
    on_time: tuple[int, int]

    def rate(self, stage: int) -> Decimal | None:
        den = self.responded[stage - 1]
        return rounded(Fraction(self.on_time[stage - 1] * 100, den)) if den else None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"month": self.month}
        for s in STAGES:
            rate = self.rate(s)
            out[f"stage{s}"] = {
                "received": self.received[s - 1],
                "responded": self.responded[s - 1],
                "on_time": self.on_time[s - 1],
                "on_time_percent": None if rate is None else float(rate),
            }
        return out


@dataclass(frozen=True)
class Share:
    """A labelled count with its share of a whole (outcomes, categories, reasons)."""

    name: str
    count: int
    total: int

    @property
    def percent(self) -> Decimal | None:
        return rounded(Fraction(self.count * 100, self.total)) if self.total else None

    def as_json(self) -> dict[str, Any]:
        p = self.percent
        return {
            "name": self.name,
            "count": self.count,
            "of": self.total,
            "percent": None if p is None else float(p),
        }


@dataclass(frozen=True)
class Refusal:
    reason: str
    within_policy: bool | None
    counted: Literal["late", "excluded"]
    count: int

    def as_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "within_policy": self.within_policy,
            "counted_as": self.counted,
            "count": self.count,
        }


@dataclass(frozen=True)
class Report:
    options: Options
    source: str
    region: str
    closed: tuple[date, ...]
    editions: tuple[str, ...]
    cases: int
    figures: dict[str, Figure]
    months: tuple[Month, ...]
    outcomes: tuple[Share, ...]
    categories: tuple[Share, ...]
    refusals: tuple[Refusal, ...]
    determinations: tuple[Share, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    previous: Report | None = None
    targets: tuple[Target, ...] = ()
    """The Code's timescales the figures were measured against, per edition and stage."""
    assumptions: tuple[str, ...] = ()
    """The ids of the assumptions the figures rest on (``docs/assumptions.md``), in order."""

    def stated(self) -> list[dict[str, str]]:
        """Each assumption with what chc does (a report is read by people who do not run
        chc: how to change it is for the docs): the numbered list the views end with."""
        from chc.codes.assumed import effect

        return [{"id": a, "statement": effect(a)} for a in self.assumptions]

    @property
    def period(self) -> str:
        return f"{self.options.start.isoformat()} to {self.options.end.isoformat()}"

    def comparison(self) -> list[dict[str, Any]]:
        """Headline figures this period against the previous one."""
        if self.previous is None:
            return []
        rows = []
        for key in COMPARED:
            now, then = self.figures[key], self.previous.figures[key]
            change = None
            if now.value is not None and then.value is not None:
                change = now.value - then.value
            rows.append(
                {
                    "key": key,
                    "label": now.label,
                    "unit": now.unit,
                    "this": now.shown,
                    "previous": then.shown,
                    "change": None if change is None else _signed(change, now.unit),
                    "change_value": None if change is None else float(change),
                }
            )
        return rows

    def as_json(self) -> dict[str, Any]:
        o = self.options
        return {
            "report": {
                "landlord": o.landlord,
                "from": o.start.isoformat(),
                "to": o.end.isoformat(),
                "homes": o.homes,
                "source": self.source,
                "cases_in_file": self.cases,
                "region": self.region,
                "closed": [d.isoformat() for d in self.closed],
                "code": o.code,
                "editions": list(self.editions),
                "rules": {
                    "refused_count_as": o.refused,
                    "withdrawn_count_as": o.withdrawn,
                    "over_limit_extensions": o.over_limit,
                },
                "targets": [t.as_json() for t in self.targets],
            },
            "figures": {k: f.as_json() for k, f in self.figures.items()},
            "months": [m.as_json() for m in self.months],
            "outcomes": [s.as_json() for s in self.outcomes],
            "categories": [s.as_json() for s in self.categories],
            "refusals": [r.as_json() for r in self.refusals],
            "ombudsman_determinations": [s.as_json() for s in self.determinations],
            "previous": None
            if self.previous is None
            else {
                "from": self.previous.options.start.isoformat(),
                "to": self.previous.options.end.isoformat(),
                "homes": self.previous.options.homes,
                "source": self.previous.source,
                "figures": {k: f.as_json() for k, f in self.previous.figures.items()},
            },
            "comparison": self.comparison(),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
            "assumptions": self.stated(),
        }


# The Tenant Satisfaction Measures and the counts behind them: the report's headline.
HEADLINE = (
    "received_stage1",
    "received_stage2",
    "ch01_stage1",
    "ch01_stage2",
    "ch02_stage1",
    "ch02_stage2",
)
# Headline figures compared with the previous period, in the order shown.
COMPARED = (
    *HEADLINE,
    "days_mean_stage1",
    "days_mean_stage2",
    "ack_on_time_stage1",
    "escalation_rate",
    "upheld_rate",
)


def _signed(change: Decimal, unit: str) -> str:
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    magnitude = abs(change)
    if unit == "%":
        return f"{sign}{magnitude} points"
    if unit == "complaints":
        return f"{sign}{int(magnitude):,}"
    return f"{sign}{magnitude}"


def build(
    path: Path,
    options: Options,
    calendar: WorkingCalendar,
    read: ReadOptions | None = None,
    tell: Callable[[str], None] | None = None,
    batch: int | None = None,
) -> Report:
    """Read the caseload at ``path`` and compute every figure for ``options``' period.

    The file is read a piece at a time (:class:`~chc.caseload.reading.CasePieces`) and its
    complaints computed and tallied ``batch`` at a time (default: the engine's
    :data:`~chc.caseload.engine.BATCH`), so that neither the rows nor the events of a
    large file are ever all in memory. ``tell`` hears, in one line, which column fed which
    field.
    """
    from chc.caseload import engine
    from chc.caseload.reading import REPORT_READS, CasePieces, ReadOptions, describe
    from chc.caseload.sources import Unsliced

    how = read or ReadOptions(fields=REPORT_READS)
    size = batch or engine.BATCH
    running = _Running(options)
    pieces = CasePieces(path, how)
    try:
        for piece in pieces:
            for part in engine.parts(piece, calendar, options.end, code=options.code, size=size):
                running.add(part, piece.columns)
                del part  # (held by the loop, it would stay in memory while the next is made)
            del piece
        frame = pieces.read
    except Unsliced:  # a piece that is not whole rows (a line break in a cell): read whole
        from chc.caseload.reading import read_case_file

        frame = read_case_file(path, how)
        running = _Running(options)
        for part in engine.parts(frame, calendar, options.end, code=options.code, size=size):
            running.add(part, frame.columns)
            del part
    assert frame is not None, "every piece was handed over"
    report = running.report(frame.present)
    # Said once every cell is checked, so that a stop stays the one line on stderr.
    if tell is not None:
        tell(describe(frame))
    return report


def from_caseload(
    c: Caseload, columns: dict[str, int], present: frozenset[str], options: Options
) -> Report:
    """Every figure from a computed caseload (see :func:`build`)."""
    return from_parts(iter((c,)), columns, present, options)


def from_parts(
    parts: Iterator[Caseload], columns: dict[str, int], present: frozenset[str], options: Options
) -> Report:
    """Every figure from a caseload computed in parts (batches of one file, at least one),
    each tallied and dropped before the next is computed."""
    running = _Running(options)
    for part in parts:
        running.add(part, columns)
        del part
    return running.report(present)


@dataclass
class _Running:
    """The tally of the parts of a caseload seen so far, and what the report needs of the
    caseload besides it. A part is tallied and let go: nothing of its rows is kept."""

    options: Options
    total: Tally | None = None
    editions: dict[str, Timetable] = field(default_factory=dict)
    count: int = 0
    source: Path | None = None
    calendar: WorkingCalendar | None = None

    def add(self, part: Caseload, columns: dict[str, int]) -> None:
        from chc.report.facts import facts_frame
        from chc.report.tally import tally

        t = tally(part, facts_frame(part.cases, part.path, columns), self.options)
        self.total = t if self.total is None else self.total.plus(t)
        self.editions.update(part.editions)
        self.count += part.count
        self.source, self.calendar = part.path, part.calendar

    def report(self, present: frozenset[str]) -> Report:
        assert self.total is not None, "a caseload has at least one part"
        assert self.source is not None and self.calendar is not None
        whole = _Whole(self.source, self.calendar, self.editions, self.count)
        return _report(self.total, whole, present, self.options)


@dataclass(frozen=True)
class _Whole:
    """What the report needs of a caseload besides its tally."""

    path: Path
    calendar: WorkingCalendar
    editions: dict[str, Timetable]
    count: int


def _report(t: Tally, c: _Whole, present: frozenset[str], options: Options) -> Report:
    import dataclasses

    from chc.report.targets import assumption_ids, targets, why_none

    o = options
    stages = t.stages
    cohort = stages[1].received
    figures = _figures(o, stages, t.outcomes, t.remedy_total, t.remedy_cases, t.open_at_end)
    figures["overdue_at_end"] = count_figure(
        "overdue_at_end",
        "Still open at the period's end and past their due date",
        t.overdue_at_end,
        "Of the complaints still open at the end of the period, those whose response due "
        "date (with any extension the Code permits) had passed.",
    )
    figures = {
        k: f if f.value is not None else dataclasses.replace(f, why=why_none(k, stages))
        for k, f in figures.items()
    }
    months = tuple(
        Month(k, (r[0], r[1]), (p[0], p[1]), (n[0], n[1])) for k, (r, p, n) in t.months.items()
    )
    order = {name: i for i, name in enumerate((*OUTCOMES, REFUSED, NOT_RECORDED))}
    outcome_shares = tuple(
        Share(name, t.outcomes[name], cohort) for name in sorted(t.outcomes, key=order.__getitem__)
    )
    refusal_rows = tuple(
        # The ignore below: the tally keys refusals by plain str; `counted` is 'late' or
        # 'excluded' by construction (chc.report.tally).
        Refusal(reason, within, counted, n)  # type: ignore[arg-type]
        for (reason, within, counted), n in sorted(
            t.refusals.items(), key=lambda kv: (-kv[1], kv[0][0], str(kv[0][1]), kv[0][2])
        )
    )
    measured = targets(c.editions, t.editions_used)
    return Report(
        options=o,
        source=str(c.path),
        region=c.calendar.region,
        closed=c.calendar.closed_sorted,
        editions=tuple(sorted(t.editions_used)),
        cases=c.count,
        figures=figures,
        months=months,
        outcomes=outcome_shares,
        categories=_ranked(t.categories, cohort),
        refusals=refusal_rows,
        determinations=_ranked(t.determinations, cohort, not_recorded=False),
        notes=tuple(_notes(o, stages, c.calendar)),
        warnings=tuple(_warnings(t, present)),
        targets=measured,
        assumptions=assumption_ids(measured, bool(c.calendar.closed)),
    )


def _warnings(t: Tally, present: frozenset[str]) -> list[str]:
    warnings = []
    if t.no_stage1_response:
        warnings.append(
            f"{t.no_stage1_response} stage 2 request(s) in the period have no stage 1 "
            "response date; their stage 1 is not in CH02(1) for any period"
        )
    for s in STAGES:
        if t.stages[s].received and not t.stages[s].ack_timescale:
            warnings.append(
                f"the edition(s) in force set no stage {s} acknowledgement timescale, so "
                f"stage {s} acknowledgements are not measured"
            )
    for column in ("category", "outcome"):
        if column not in present:
            warnings.append(f"the file has no {column!r} column")
    return warnings


def _ranked(counts: Counter[str], total: int, *, not_recorded: bool = True) -> tuple[Share, ...]:
    """Most frequent first, ties by name; "not recorded" always last."""
    names = sorted((n for n in counts if n != NOT_RECORDED), key=lambda n: (-counts[n], n))
    if not_recorded and NOT_RECORDED in counts:
        names.append(NOT_RECORDED)
    return tuple(Share(n, counts[n], total) for n in names)


def _figures(
    o: Options,
    stages: dict[int, StageTally],
    outcomes: Counter[str],
    remedy_total: Decimal,
    remedy_cases: int,
    open_at_end: int,
) -> dict[str, Figure]:
    """Every figure but overdue_at_end, in the order the report shows them."""
    return {
        **_volume(o, stages),
        **_timeliness(o, stages),
        **_extensions_and_acks(o, stages),
        **_refusals_and_escalation(o, stages),
        **_results(outcomes, remedy_total, remedy_cases, open_at_end),
    }


_NAMES = {1: "stage 1", 2: "stage 2"}


def _volume(o: Options, stages: dict[int, StageTally]) -> dict[str, Figure]:
    f: dict[str, Figure] = {}
    for s in STAGES:
        st = stages[s]
        what = "received (logged)" if s == 1 else "escalated to stage 2 (requested)"
        f[f"received_stage{s}"] = count_figure(
            f"received_stage{s}",
            f"Stage {s} complaints received",
            st.received,
            f"Complaints {what} from {o.start.isoformat()} to {o.end.isoformat()}, whatever "
            "their outcome, including refused and withdrawn complaints.",
        )
    for s in STAGES:
        f[f"ch01_stage{s}"] = per_thousand(
            f"ch01_stage{s}",
            f"CH01({s}) Stage {s} complaints per 1,000 homes",
            stages[s].received,
            o.homes,
            f"Stage {s} complaints received in the period divided by the number of homes "
            f"given (--homes {o.homes}) times 1,000, to one decimal place (half up).",
        )
    return f


def _timeliness(o: Options, stages: dict[int, StageTally]) -> dict[str, Figure]:
    f: dict[str, Figure] = {}
    names = _NAMES
    refused_rule = RULE_TEXT[o.refused]
    withdrawn_rule = RULE_TEXT["excluded-withdrawn" if o.withdrawn == "excluded" else o.withdrawn]
    for s in STAGES:
        st = stages[s]
        f[f"ch02_stage{s}"] = rate_figure(
            f"ch02_stage{s}",
            f"CH02({s}) Stage {s} complaints responded to within the Code's timescale",
            st.on_time,
            st.responded,
            f"Of the {names[s]} complaints responded to in the period (whenever received), "
            f"the share responded to on or before the due date set by the Code edition in "
            f"force when the complaint was received; a response inside an extension the Code "
            f"permits is on time. Percent to one decimal place (half up). Refused: "
            f"{refused_rule}. Withdrawn: {withdrawn_rule}. Extensions: {RULE_TEXT[o.over_limit]}.",
        )
    for s in STAGES:
        st = stages[s]
        total = st.days_total
        n = st.timed
        f[f"days_mean_stage{s}"] = Figure(
            f"days_mean_stage{s}",
            f"Average working days to respond at stage {s}",
            "working days",
            rounded(Fraction(total, n)) if n else None,
            total,
            n,
            f"Mean of the working days from the {names[s]} "
            f"{'receipt' if s == 1 else 'escalation request'} to its response, over the "
            "responses counted in CH02 that have a response date (refusals left out). The "
            "starting day is day 0; weekends, bank holidays and closure days do not count.",
        )
        median = st.days_median()
        f[f"days_median_stage{s}"] = Figure(
            f"days_median_stage{s}",
            f"Median working days to respond at stage {s}",
            "working days",
            None if median is None else rounded(median),
            None,
            n,
            "The middle value of the same working-day counts (the mean of the two middle "
            "values when their number is even).",
        )
    return f


def _extensions_and_acks(o: Options, stages: dict[int, StageTally]) -> dict[str, Figure]:
    f: dict[str, Figure] = {}
    names = _NAMES
    for s in STAGES:
        st = stages[s]
        f[f"extended_stage{s}"] = rate_figure(
            f"extended_stage{s}",
            f"Stage {s} responses given after an extension",
            st.extended,
            st.responded - st.refused_late,
            f"Of the {names[s]} responses counted in CH02 (refusals left out), those whose "
            "complaint had an extension recorded.",
        )
        f[f"beyond_limit_stage{s}"] = rate_figure(
            f"beyond_limit_stage{s}",
            f"Stage {s} extensions longer than the Code's limit",
            st.beyond_limit,
            st.extended,
            f"Of the extended {names[s]} responses, those whose extension was longer than the "
            "limit the Code edition sets without good reason. "
            f"{st.late_in_extension} of them were answered inside the extension given but "
            f"after the Code's limit ({'late' if o.over_limit == 'capped' else 'on time'} "
            "under the rule used).",
        )
    for s in STAGES:
        st = stages[s]
        f[f"ack_on_time_stage{s}"] = rate_figure(
            f"ack_on_time_stage{s}",
            f"Stage {s} acknowledgements on time",
            st.ack_on_time,
            st.ack_due if st.ack_timescale else 0,
            f"Of the {names[s]} complaints received in the period whose acknowledgement was due "
            "by the period's end, those acknowledged on or before the due date. An "
            f"acknowledgement with no date recorded counts as not on time ({st.ack_missing} "
            "had none).",
        )
    return f


def _refusals_and_escalation(o: Options, stages: dict[int, StageTally]) -> dict[str, Figure]:
    f: dict[str, Figure] = {}
    refused_rule = RULE_TEXT[o.refused]
    refused_total = sum(stages[s].refused_late + stages[s].refused_excluded for s in STAGES)
    refused_late = sum(stages[s].refused_late for s in STAGES)
    f["refused"] = count_figure(
        "refused",
        "Complaints refused",
        refused_total,
        "Complaints the landlord refused to accept or escalate (refused = yes), counted at the "
        "stage refused, when the refusal (its response date, else its request date) fell in "
        "the period.",
    )
    f["refused_counted_late"] = rate_figure(
        "refused_counted_late",
        "Refused complaints counted as not responded to in time",
        refused_late,
        refused_total,
        f"Of the refused complaints, those counted in CH02 as not on time. Rule: {refused_rule}.",
    )
    f["withdrawn"] = count_figure(
        "withdrawn",
        "Withdrawn complaints left out of CH02",
        sum(stages[s].withdrawn_excluded for s in STAGES),
        "Complaints withdrawn (outcome = withdrawn) at a stage asked for in the period, left "
        "out of CH02 and of response times under the rule used."
        if o.withdrawn == "excluded"
        else "None: withdrawn complaints with a response date are timed like any other.",
    )
    f["escalation_rate"] = rate_figure(
        "escalation_rate",
        "Stage 2 requests as a share of stage 1 complaints",
        stages[2].received,
        stages[1].received,
        "Stage 2 requests received in the period divided by stage 1 complaints received in "
        "the period (the two groups are not the same complaints; this is the ratio boards "
        "usually see).",
    )
    return f


def _results(
    outcomes: Counter[str], remedy_total: Decimal, remedy_cases: int, open_at_end: int
) -> dict[str, Figure]:
    f: dict[str, Figure] = {}
    determined = sum(outcomes[k] for k in ("upheld", "partly upheld", "not upheld"))
    f["upheld_rate"] = rate_figure(
        "upheld_rate",
        "Complaints upheld or partly upheld",
        outcomes["upheld"] + outcomes["partly upheld"],
        determined,
        "Of the complaints received in the period with an outcome of upheld, partly upheld or "
        "not upheld (withdrawn, refused and unrecorded left out), those upheld or partly upheld.",
    )
    f["remedies"] = Figure(
        "remedies",
        "Remedy payments",
        "£",
        remedy_total.quantize(Decimal("0.01")),
        remedy_total.quantize(Decimal("0.01")),
        remedy_cases,
        "Total of remedy_amount over the complaints received in the period that have one.",
    )
    f["open_at_end"] = count_figure(
        "open_at_end",
        "Complaints still open at the period's end",
        open_at_end,
        "Complaints asked for by the end of the period whose latest stage had no response by "
        "then (withdrawn and refused complaints left out), whenever received.",
    )
    return f


def _region(key: str) -> str:
    from chc.codes.notes import REGION_NAMES

    return REGION_NAMES.get(key, key)


def _notes(o: Options, stages: dict[int, StageTally], calendar: WorkingCalendar) -> list[str]:
    return [
        f"Working days leave out the bank holidays of {_region(calendar.region)}"
        + (f" and {len(calendar.closed)} closure day(s) given" if calendar.closed else "")
        + "; a response on its due date is on time. What else the figures rest on is "
        "listed under Assumptions.",
        "Each complaint is judged by the Code edition in force on the day it was received "
        "(stage 2 included)"
        + (f"; --code {o.code} was given for every complaint." if o.code else "."),
        f"CH02 counts responses given in the period, so a complaint received in one year and "
        f"answered in the next is in the next year's CH02. "
        f"{stages[1].responded_after_period} stage 1 and "
        f"{stages[2].responded_after_period} stage 2 complaint(s) received in this period were "
        "answered after it.",
        f"Refused complaints ({o.refused}): {RULE_TEXT[o.refused]}.",
        f"Withdrawn complaints ({o.withdrawn}): "
        f"{RULE_TEXT['excluded-withdrawn' if o.withdrawn == 'excluded' else o.withdrawn]}.",
        f"Extensions over the Code's limit ({o.over_limit}): {RULE_TEXT[o.over_limit]}.",
        "Outcomes, categories, remedies and Ombudsman determinations are counted over the "
        "stage 1 complaints received in the period; the file has no determination dates, so "
        "check determinations against the Ombudsman's own figures.",
    ]
