"""One report as a library call: its request, its preparation, what a person should hear.

What `chc report` does between parsing its options and writing the page: the settings file
and the options resolved into the period and the landlord, last year's report beside this
year's, the Code's items the page lacks. The CLI (or a script) renders the page and hands
the notes to standard error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError

if TYPE_CHECKING:
    from chc.caseload.reading import ReadOptions
    from chc.report.options import Options, OverLimitRule, RefusedRule, WithdrawnRule
    from chc.report.render import Appendix, Page
    from chc.report.settings import Settings
    from chc.workdays import WorkingCalendar


@dataclass(frozen=True)
class ReportRequest:
    """A report's inputs as given. The counts and dates are the options' own text (None: not
    given), read where they are used so that each mistake is named as the option it was."""

    cases: Path
    fmt: str
    # Every file the run reads, checked in this order before anything is read, so that a
    # missing case file is said before a gap in the settings (default: the case file, last
    # year's, the answers and the settings file, those given).
    files: tuple[Path, ...] = ()
    homes: str | None = None
    start: str | None = None
    end: str | None = None
    refused: RefusedRule = "by-policy"
    withdrawn: WithdrawnRule = "excluded"
    over_limit: OverLimitRule = "capped"
    code: str | None = None
    landlord: str | None = None
    settings: Path | None = None
    previous: Path | None = None
    previous_homes: str | None = None
    self_assessment: Path | None = None
    narrative: Path | None = None
    template: Path | None = None


@dataclass(frozen=True)
class PreparedReport:
    """A request with its settings resolved, its calendar, narratives and appendix read:
    all that is left is to read the case files and compute."""

    request: ReportRequest
    settings: Settings | None
    options: Options
    calendar: WorkingCalendar
    narratives: dict[str, str]
    appendix: Appendix | None

    def page(self, read: CaseReading) -> Page:
        """Read and compute this year's caseload (and last year's, when given) into a page."""
        from chc.numbers import count_option
        from chc.report.figures import build
        from chc.report.render import Page
        from chc.report.sections import sections

        r, options = self.request, self.options
        report = build(r.cases, options, self.calendar, read.options, read.tell)
        if r.previous is not None:
            before_homes = count_option(r.previous_homes, "--previous-homes")
            before = build(
                r.previous, options.previous(before_homes), self.calendar, read.options, read.tell
            )
            report = replace(report, previous=before)
        items = sections(self.narratives, self_assessment=r.self_assessment is not None)
        return Page(report, items, self.appendix, r.template)


@dataclass(frozen=True)
class CaseReading:
    """How the case files are read, and who hears which column fed which field."""

    options: ReadOptions
    tell: Callable[[str], None] | None = None


def prepare(request: ReportRequest, calendar: Callable[[], WorkingCalendar]) -> PreparedReport:
    """Check the request's options go together and its files are there, resolve the
    settings, read the narratives and the appendix. ``calendar`` is built once the period
    is known to be sound."""
    from chc.numbers import count_option
    from chc.report.options import Options
    from chc.report.render import APPENDIX_FORMS, appendix_for
    from chc.report.sections import read_narrative
    from chc.report.settings import find_settings, load_settings, resolve

    r = request
    if r.previous_homes is not None and r.previous is None:
        raise InputError("--previous-homes needs --previous (last year's caseload)")
    if r.self_assessment is not None and r.fmt not in APPENDIX_FORMS:
        raise InputError(
            "--self-assessment is included in md and html reports; add --format md or html"
        )
    from chc.inputs import check_readable

    named = (r.cases, r.previous, r.self_assessment, r.settings)
    for given_file in r.files or tuple(p for p in named if p is not None):
        check_readable(given_file)
    found = find_settings(r.cases, r.settings)
    given = load_settings(found) if found is not None else None
    who, homes, first, last = resolve(
        given, r.landlord, count_option(r.homes, "--homes"), r.start, r.end
    )
    options = Options(
        homes=homes,
        start=first,
        end=last,
        refused=r.refused,
        withdrawn=r.withdrawn,
        over_limit=r.over_limit,
        code=r.code,
        landlord=who,
    )
    counted_in = calendar()
    narratives = read_narrative(r.narrative)
    appendix = None
    if r.self_assessment is not None:
        appendix = appendix_for(r.self_assessment, APPENDIX_FORMS[r.fmt], who, r.template)
    return PreparedReport(r, given, options, counted_in, narratives, appendix)


# The item a self-assessment file can also give, and the item whose figures are the
# report's own but whose commentary is the landlord's (2024 Code, section 8).
SELF_ASSESSMENT_ITEM = "8.1(a)"
PERFORMANCE_ITEM = "8.1(b)"


def notes(page: Page, settings: Settings | None) -> list[str]:
    """What a person should know and the page does not say: where the settings came from,
    the report's warnings, the Code's items left without content."""
    from chc.report.sections import missing

    said = []
    if settings is not None and settings.file is not None:
        said.append(f"settings from {settings.file}")
    said += [f"warning: {w}" for w in page.report.warnings]
    for s in missing(page.sections):
        also = ", or give --self-assessment" if s.key == SELF_ASSESSMENT_ITEM else ""
        said.append(
            f"missing from the report: {s.key} {s.title} (write {s.item.file} in the "
            f"--narrative folder{also})"
        )
    for s in page.sections:
        if s.key == PERFORMANCE_ITEM and s.narrative is None:
            said.append(
                f"note: {s.key} has figures but no commentary (write {s.item.file} in the "
                "--narrative folder)"
            )
    return said
