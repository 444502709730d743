"""The report's counts as expressions over the caseload engine's frames.

One row per (complaint, stage asked for) carries the stage's dates, its events' due dates and
statuses, and the complaint's facts; every count the report publishes is a sum of a boolean
expression over those rows, so each rule below is stated once, in words and in code:

- a stage counts as *received* when it was asked for in the period (stage 1: received;
  stage 2: the escalation request);
- the *last* stage of a complaint is stage 2 when it was asked for by the period's end, else
  stage 1; a refusal, a withdrawal and "still open" apply to the last stage only;
- a *refused* last stage is counted when the refusal (its response date, else its request
  date) fell in the period, as late or left out by the refused rule, and is timed no further;
- a *withdrawn* last stage is left out of CH02 under the ``excluded`` rule;
- a response is *counted in CH02* when it was given in the period, judged against the
  response due date, or the extended one, capped at the Code's limit under ``capped``.

A large caseload is tallied a batch of complaints at a time (:func:`chc.caseload.engine.parts`)
and the batches' tallies added (:meth:`Tally.plus`): every count is a sum over complaints,
and the response times are kept as a count per number of days, so a tally's size grows
with the months, categories and distinct day counts, never with the complaints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import polars as pl

    from chc.caseload.engine import Caseload
    from chc.report.options import Options

STAGES = (1, 2)
_REQUESTED = {1: "received", 2: "stage2_requested"}
_RESPONDED = {1: "stage1_responded", 2: "stage2_responded"}
_K = TypeVar("_K")


@dataclass(frozen=True)
class StageTally:
    """One stage's counts (see the module's rules)."""

    received: int
    responded: int
    on_time: int
    days: Counter[int]
    """Working days to respond -> how many responses took that long (those counted)."""
    extended: int
    beyond_limit: int
    late_in_extension: int
    ack_due: int
    ack_on_time: int
    ack_missing: int
    ack_timescale: bool
    refused_late: int
    refused_excluded: int
    withdrawn_excluded: int
    responded_after_period: int

    def plus(self, other: StageTally) -> StageTally:
        """The counts of two disjoint sets of complaints together."""
        sums = {
            f.name: getattr(self, f.name) + getattr(other, f.name)
            for f in fields(self)
            if f.name not in ("days", "ack_timescale")
        }
        return StageTally(
            **sums,
            days=_added(self.days, other.days),
            ack_timescale=self.ack_timescale or other.ack_timescale,
        )

    @property
    def timed(self) -> int:
        """How many responses were timed (the number of working-day counts)."""
        return sum(self.days.values())

    @property
    def days_total(self) -> int:
        return sum(days * n for days, n in self.days.items())

    def days_median(self) -> Fraction | None:
        """The middle working-day count (the mean of the two middle ones when their number
        is even), exactly as ``statistics.median`` gives it over every count."""
        n = self.timed
        if not n:
            return None
        wanted = sorted({(n - 1) // 2, n // 2})  # the middle position(s), from 0
        found: list[int] = []
        seen = 0
        for days in sorted(self.days):
            seen += self.days[days]
            while wanted and wanted[0] < seen:
                found.append(days)
                wanted.pop(0)
        return Fraction(sum(found), len(found))


def _added(a: Counter[_K], b: Counter[_K]) -> Counter[_K]:
    """Two counters added, keeping every key (``Counter + Counter`` drops counts <= 0)."""
    out = Counter(a)
    out.update(b)
    return out


@dataclass(frozen=True)
class Tally:
    stages: dict[int, StageTally]
    months: dict[str, tuple[list[int], list[int], list[int]]]
    """Month -> (received, responded, on time), each a count per stage."""
    outcomes: Counter[str]
    categories: Counter[str]
    determinations: Counter[str]
    refusals: Counter[tuple[str, bool | None, str]]
    remedy_total: Decimal
    remedy_cases: int
    open_at_end: int
    overdue_at_end: int
    no_stage1_response: int
    editions_used: frozenset[str]

    def plus(self, other: Tally) -> Tally:
        """The tally of two disjoint sets of complaints (two batches of one file) together."""
        months = {k: ([*r], [*p], [*n]) for k, (r, p, n) in self.months.items()}
        for key, counts in other.months.items():
            mine = months.setdefault(key, ([0, 0], [0, 0], [0, 0]))
            for slot, theirs in zip(mine, counts, strict=True):
                for i, n in enumerate(theirs):
                    slot[i] += n
        return Tally(
            stages={s: self.stages[s].plus(other.stages[s]) for s in STAGES},
            months=months,
            outcomes=_added(self.outcomes, other.outcomes),
            categories=_added(self.categories, other.categories),
            determinations=_added(self.determinations, other.determinations),
            refusals=_added(self.refusals, other.refusals),
            remedy_total=self.remedy_total + other.remedy_total,
            remedy_cases=self.remedy_cases + other.remedy_cases,
            open_at_end=self.open_at_end + other.open_at_end,
            overdue_at_end=self.overdue_at_end + other.overdue_at_end,
            no_stage1_response=self.no_stage1_response + other.no_stage1_response,
            editions_used=self.editions_used | other.editions_used,
        )


def _event(c: Caseload, key: str, **names: str) -> pl.DataFrame:
    import polars as pl

    return c.events.filter(pl.col("key") == key).select(
        "case", *(pl.col(field).alias(alias) for alias, field in names.items())
    )


def stage_rows(c: Caseload, facts: pl.DataFrame, o: Options) -> pl.DataFrame:
    """One row per (complaint, stage asked for) with what the rules need."""
    import polars as pl

    parts = []
    for s in STAGES:
        rows = (
            c.cases.filter(pl.col(_REQUESTED[s]).is_not_null())
            .select(
                "case",
                "code",
                "ekey",
                pl.lit(s).alias("stage"),
                pl.col(_REQUESTED[s]).alias("requested"),
                pl.col(_RESPONDED[s]).alias("responded"),
                pl.col("stage1_responded").alias("s1_responded"),
                (pl.col("stage2_requested") <= o.end).fill_null(False).alias("has_stage2"),
            )
            .join(
                _event(c, f"stage{s}.acknowledge", ack_status="status", ack_done="done"),
                on="case",
                how="left",
            )
            .join(_event(c, f"stage{s}.respond", due="due"), on="case", how="left")
            .join(
                _event(c, f"stage{s}.respond_extended", ext_due="due", ext_amount="amount"),
                on="case",
                how="left",
            )
            .with_columns(
                has_ack=pl.col("case").is_in(_event(c, f"stage{s}.acknowledge")["case"].implode())
            )
        )
        parts.append(rows)
    rows = pl.concat(parts, how="vertical").join(facts, on="case", how="left")
    return rows.with_columns(
        last=pl.when(pl.col("has_stage2")).then(2).otherwise(1) == pl.col("stage"),
        limit_due=_capped_due(c),
        over_limit=_over_limit(c),
    )


def _capped_due(c: Caseload) -> pl.Expr:
    """The extended due date held to the Code's limit (null where none applies)."""
    import polars as pl

    out = pl.lit(None, dtype=pl.Date)
    for key, edition in c.editions.items():
        for s in STAGES:
            limit = edition.timescale(f"stage{s}.extension")
            if limit is None:
                continue
            capped = c.columns.add(pl.col("due"), limit.amount, limit.unit)
            out = (
                pl.when((pl.col("ekey") == key) & (pl.col("stage") == s))
                .then(capped)
                .otherwise(out)
            )
    return out


def _over_limit(c: Caseload) -> pl.Expr:
    import polars as pl

    out = pl.lit(False)
    for key, edition in c.editions.items():
        for s in STAGES:
            limit = edition.timescale(f"stage{s}.extension")
            if limit is None:
                continue
            hit = (pl.col("ekey") == key) & (pl.col("stage") == s)
            out = out | (hit & (pl.col("ext_amount") > limit.amount).fill_null(False))
    return out


def tally(c: Caseload, facts: pl.DataFrame, o: Options) -> Tally:
    """Every count of the report over ``o``'s period."""
    import polars as pl

    rows = stage_rows(c, facts, o)
    within = pl.col("requested").is_between(o.start, o.end)
    when = pl.coalesce("responded", "requested")
    refused_last = pl.col("refused") & pl.col("last")
    refusal_counted = refused_last & when.is_between(o.start, o.end)
    late_rule = pl.lit(o.refused == "late") | (
        pl.lit(o.refused == "by-policy") & (pl.col("within_policy") != True).fill_null(True)  # noqa: E712
    )
    withdrawn = (pl.col("outcome") == "withdrawn").fill_null(False) & pl.col("last")
    skip_withdrawn = withdrawn & pl.lit(o.withdrawn == "excluded")
    timed = ~refused_last & ~skip_withdrawn & pl.col("due").is_not_null()
    extended_due = pl.coalesce(
        pl.when(pl.col("over_limit") & pl.lit(o.over_limit == "capped")).then("limit_due"),
        "ext_due",
        "due",
    )
    responded_in = pl.col("responded").is_between(o.start, o.end)
    counted = timed & responded_in
    on_time = counted & (pl.col("responded") <= extended_due)
    open_end = (
        timed
        & (pl.col("responded").is_null() | (pl.col("responded") > o.end))
        & (pl.col("requested") <= o.end)
        & pl.col("last")
        & ~withdrawn
    )
    rows = rows.with_columns(
        received=within,
        ack_due=within & pl.col("has_ack") & (pl.col("ack_status") != "open"),
        refused_late=refusal_counted & late_rule,
        refused_excluded=refusal_counted & ~late_rule,
        withdrawn_excluded=skip_withdrawn
        & (responded_in | (pl.col("responded").is_null() & within)),
        counted=counted,
        on_time=on_time,
        open_end=open_end,
        overdue_end=open_end & (extended_due < o.end),
        after_period=timed & (pl.col("responded") > o.end).fill_null(False) & within,
        extended=counted & pl.col("ext_due").is_not_null(),
    ).with_columns(
        ack_on_time=pl.col("ack_due") & (pl.col("ack_status") == "on_time"),
        ack_missing=pl.col("ack_due") & pl.col("ack_done").is_null(),
        beyond_limit=pl.col("extended") & pl.col("over_limit"),
        late_in_extension=pl.col("extended")
        & pl.col("over_limit")
        & ~pl.col("on_time")
        & (pl.col("responded") <= pl.col("ext_due")),
    )
    rows = _fill(rows)
    return _assemble(c, rows, facts, o)


_FLAGS = (
    "received",
    "ack_due",
    "ack_on_time",
    "ack_missing",
    "refused_late",
    "refused_excluded",
    "withdrawn_excluded",
    "counted",
    "on_time",
    "open_end",
    "overdue_end",
    "after_period",
    "extended",
    "beyond_limit",
    "late_in_extension",
)


def _fill(rows: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    return rows.with_columns(pl.col(name).fill_null(False) for name in _FLAGS)


def _assemble(c: Caseload, rows: pl.DataFrame, facts: pl.DataFrame, o: Options) -> Tally:
    import polars as pl

    sums = rows.group_by("stage").agg(pl.col(name).sum() for name in _FLAGS)
    by_stage = {r["stage"]: r for r in sums.iter_rows(named=True)}
    stages: dict[int, StageTally] = {}
    for s in STAGES:
        got = by_stage.get(s, {})
        mine = rows.filter((pl.col("stage") == s) & pl.col("counted"))
        days = c.columns.between(pl.col("requested"), pl.col("responded")).alias("days")
        # A count per number of days, not one value per response: the tally stays small.
        spread = mine.select(days).group_by("days").len()
        stages[s] = StageTally(
            received=got.get("received", 0),
            responded=got.get("counted", 0) + got.get("refused_late", 0),
            on_time=got.get("on_time", 0),
            days=Counter(dict(spread.iter_rows())),
            extended=got.get("extended", 0),
            beyond_limit=got.get("beyond_limit", 0),
            late_in_extension=got.get("late_in_extension", 0),
            ack_due=got.get("ack_due", 0),
            ack_on_time=got.get("ack_on_time", 0),
            ack_missing=got.get("ack_missing", 0),
            ack_timescale=rows.filter(
                (pl.col("stage") == s) & pl.col("received") & pl.col("has_ack")
            ).height
            > 0,
            refused_late=got.get("refused_late", 0),
            refused_excluded=got.get("refused_excluded", 0),
            withdrawn_excluded=got.get("withdrawn_excluded", 0),
            responded_after_period=got.get("after_period", 0),
        )
    cohort = _cohort(c, facts, o)
    return Tally(
        stages=stages,
        months=_months(rows, o),
        outcomes=cohort.outcomes,
        categories=cohort.categories,
        determinations=cohort.determinations,
        remedy_total=cohort.remedy_total,
        remedy_cases=cohort.remedy_cases,
        refusals=_refusals(rows),
        open_at_end=int(rows["open_end"].sum()),
        overdue_at_end=int(rows["overdue_end"].sum()),
        no_stage1_response=rows.filter(
            (pl.col("stage") == 2) & pl.col("received") & pl.col("s1_responded").is_null()
        ).height,
        editions_used=frozenset(
            rows.filter(pl.col("received") | pl.col("counted"))["code"].unique().to_list()
        ),
    )


def _months(rows: pl.DataFrame, o: Options) -> dict[str, tuple[list[int], list[int], list[int]]]:
    import polars as pl

    from chc.report.options import month_keys

    out = {k: ([0, 0], [0, 0], [0, 0]) for k in month_keys(o.start, o.end)}

    def add(flag: pl.Expr, day: pl.Expr, slot: int) -> None:
        picked = rows.filter(flag).group_by(day.dt.strftime("%Y-%m").alias("m"), "stage").len()
        for month, stage, n in picked.iter_rows():
            out[month][slot][stage - 1] += n

    add(pl.col("received"), pl.col("requested"), 0)
    add(pl.col("counted"), pl.col("responded"), 1)
    add(pl.col("refused_late"), pl.coalesce("responded", "requested"), 1)
    add(pl.col("on_time"), pl.col("responded"), 2)
    return out


def _refusals(rows: pl.DataFrame) -> Counter[tuple[str, bool | None, str]]:
    import polars as pl

    from chc.report.options import NOT_RECORDED

    picked = rows.filter(pl.col("refused_late") | pl.col("refused_excluded"))
    grouped = picked.group_by(
        pl.col("refusal_reason").fill_null(NOT_RECORDED), "within_policy", "refused_late"
    ).len()
    out: Counter[tuple[str, bool | None, str]] = Counter()
    for reason, within, late, n in grouped.iter_rows():
        out[(reason, within, "late" if late else "excluded")] += n
    return out


@dataclass(frozen=True)
class _Cohort:
    outcomes: Counter[str]
    categories: Counter[str]
    determinations: Counter[str]
    remedy_total: Decimal
    remedy_cases: int


def _cohort(c: Caseload, facts: pl.DataFrame, o: Options) -> _Cohort:
    """Outcomes, categories, determinations and remedies over the complaints received in
    the period."""
    import polars as pl

    from chc.report.options import NOT_RECORDED, REFUSED

    cohort = c.cases.filter(pl.col("received").is_between(o.start, o.end)).select("case")
    f = cohort.join(facts, on="case", how="left")
    outcome = pl.coalesce(
        "outcome", pl.when(pl.col("refused")).then(pl.lit(REFUSED)).otherwise(pl.lit(NOT_RECORDED))
    )
    determination = (
        pl.col("determination").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()
    )
    remedies = [Decimal(v) for v in f["remedy"].drop_nulls().to_list() if Decimal(v) > 0]
    return _Cohort(
        outcomes=Counter(dict(f.group_by(outcome.alias("o")).len().iter_rows())),
        categories=Counter(
            dict(f.group_by(pl.col("category").fill_null(NOT_RECORDED)).len().iter_rows())
        ),
        determinations=Counter(
            dict(
                f.filter(pl.col("determination").is_not_null())
                .group_by(determination.alias("d"))
                .len()
                .iter_rows()
            )
        ),
        remedy_total=sum(remedies, Decimal(0)),
        remedy_cases=len(remedies),
    )
