"""The public JSON shapes of `chc codes` (documented in the README; keep them stable)."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from chc.codes.loading import load_builtin
from chc.codes.model import BUILTIN_EDITIONS, Edition, Provision, Section, Source, Timescale
from chc.errors import InputError
from chc.jsontypes import JSONObject


class EditionSummary(TypedDict):
    """One edition in the list `chc codes` gives."""

    edition: str
    title: str
    in_force_from: str
    in_force_to: str | None
    statutory: bool
    provisions: int
    self_assessed: int
    must: int
    should: int


class ForDate(EditionSummary):
    """`chc codes --for-date`: the day asked about, and the edition in force then."""

    date: str


class Counts(TypedDict):
    provisions: int
    self_assessed: int
    must: int
    should: int


# "from" is a Python keyword: this shape is spelt the functional way.
TimescaleJSON = TypedDict(
    "TimescaleJSON",
    {
        "key": str,
        "amount": int,
        "unit": str,
        "from": str,
        "provision": str,
        "note": str | None,
        "cites": list[str],
    },
)


class SourceJSON(TypedDict):
    key: str
    title: str
    url: str | None
    dated: str | None


class SectionJSON(TypedDict):
    number: int
    title: str
    note: str | None
    cites: list[str]


class ProvisionJSON(TypedDict):
    id: str
    section: int
    title: str | None
    obligation: str | None
    self_assessed: bool
    wording: list[str]
    stage: int | None
    summary: str
    topics: list[str]
    previously: list[str]
    note: str | None
    cites: list[str]
    checks: list[JSONObject]


class EditionJSON(TypedDict):
    """One edition in full (`chc codes 2024 --format json`)."""

    edition: str
    title: str
    in_force_from: str
    in_force_to: str | None
    statutory: bool
    counts: Counts
    publisher: str
    published: str
    previous_edition: str | None
    note: str | None
    cites: list[str]
    sources: list[SourceJSON]
    stages: JSONObject
    form: JSONObject
    sections: list[SectionJSON]
    timescales: list[TimescaleJSON]
    provisions: list[ProvisionJSON]


class Counterpart(TypedDict):
    """A provision's counterpart in the edition before or after."""

    edition: str
    id: str
    obligation: str | None
    summary: str


class ProvisionDetail(TypedDict):
    """One provision in full (`chc codes 2024 6.3 --format json`)."""

    edition: str
    provision: ProvisionJSON
    timescales: list[TimescaleJSON]
    sources: list[SourceJSON]
    previously: list[Counterpart]
    later: list[Counterpart]


def edition_summary(e: Edition) -> EditionSummary:
    return {
        "edition": e.edition,
        "title": e.title,
        "in_force_from": e.in_force_from.isoformat(),
        "in_force_to": e.in_force_to.isoformat() if e.in_force_to else None,
        "statutory": e.statutory,
        "provisions": len(e.provisions),
        "self_assessed": len(e.self_assessed),
        "must": e.count("must"),
        "should": e.count("should"),
    }


def timescale_json(t: Timescale) -> TimescaleJSON:
    return {
        "key": t.key,
        "amount": t.amount,
        "unit": t.unit,
        "from": t.from_event,
        "provision": t.provision,
        "note": t.note,
        "cites": list(t.cites),
    }


def provision_json(p: Provision) -> ProvisionJSON:
    return {
        "id": p.id,
        "section": p.section,
        "title": p.title,
        "obligation": p.obligation,
        "self_assessed": p.self_assessed,
        "wording": list(p.wording),
        "stage": p.stage,
        "summary": p.summary,
        "topics": list(p.topics),
        "previously": list(p.previously),
        "note": p.note,
        "cites": list(p.cites),
        "checks": [c.model_dump(exclude_none=True) for c in p.checks],
    }


def source_json(s: Source) -> SourceJSON:
    return {"key": s.key, "title": s.title, "url": s.url, "dated": s.dated}


def section_json(s: Section) -> SectionJSON:
    return {"number": s.number, "title": s.title, "note": s.note, "cites": list(s.cites)}


def edition_json(e: Edition, provisions: list[Provision] | None = None) -> EditionJSON:
    summary = edition_summary(e)
    return {
        "edition": summary["edition"],
        "title": summary["title"],
        "in_force_from": summary["in_force_from"],
        "in_force_to": summary["in_force_to"],
        "statutory": summary["statutory"],
        "counts": {
            "provisions": summary["provisions"],
            "self_assessed": summary["self_assessed"],
            "must": summary["must"],
            "should": summary["should"],
        },
        "publisher": e.publisher,
        "published": e.published,
        "previous_edition": e.previous_edition,
        "note": e.note,
        "cites": list(e.cites),
        "sources": [source_json(s) for s in e.sources],
        "stages": e.stages.model_dump(),
        "form": e.form.model_dump(),
        "sections": [section_json(s) for s in e.sections],
        "timescales": [timescale_json(t) for t in e.timescales],
        "provisions": [
            provision_json(p) for p in (e.provisions if provisions is None else provisions)
        ],
    }


def later_counterparts(e: Edition, pid: str) -> list[tuple[Edition, Provision]]:
    """Provisions of later shipped editions that name ``pid`` of ``e`` as ``previously``."""
    out: list[tuple[Edition, Provision]] = []
    for name in BUILTIN_EDITIONS:
        other = load_builtin(name)
        if other.previous_edition == e.edition and other is not e:
            out.extend((other, p) for p in other.provisions if pid in p.previously)
    return out


def provision_detail(e: Edition, p: Provision) -> ProvisionDetail:
    previous: list[Counterpart] = []
    if e.previous_edition is not None:
        before = load_builtin(e.previous_edition)
        for old in p.previously:
            q = before.provision(old)
            if q is not None:
                previous.append(
                    {
                        "edition": before.edition,
                        "id": q.id,
                        "obligation": q.obligation,
                        "summary": q.summary,
                    }
                )
    later: list[Counterpart] = [
        {"edition": o.edition, "id": q.id, "obligation": q.obligation, "summary": q.summary}
        for o, q in later_counterparts(e, p.id)
    ]
    timescales = [t for t in e.timescales if t.provision == p.id]
    cited = {*p.cites, *(k for t in timescales for k in t.cites)}
    return {
        "edition": e.edition,
        "provision": provision_json(p),
        "timescales": [timescale_json(t) for t in timescales],
        "sources": [source_json(s) for s in e.sources if s.key in cited],
        "previously": previous,
        "later": later,
    }


def for_date_json(day: date, e: Edition) -> ForDate:
    return {"date": day.isoformat(), **edition_summary(e)}


def provision_view(e: Edition, pid: str) -> ProvisionDetail:
    """One provision in detail; an unknown one is refused, naming its section's range."""
    p = e.provision(pid)
    if p is None:
        head = pid.split(".")[0]
        near = [q.id for q in e.provisions if q.id.startswith(head + ".")]
        hint = f"; section {head} has {near[0]} to {near[-1]}" if near else ""
        raise InputError(f"the {e.edition} edition has no provision {pid!r}{hint}")
    return provision_detail(e, p)


def filtered_json(
    e: Edition, section: int | None, obligation: str | None, topic: str | None
) -> EditionJSON:
    """The edition with only the provisions of ``section``, of ``obligation`` (must or
    should) and under ``topic``, each when given; an unknown section is refused."""
    if section is not None and e.section(section) is None:
        raise InputError(
            f"the {e.edition} edition has no section {section}; it has "
            f"{', '.join(str(s.number) for s in e.sections)}"
        )
    chosen = [
        p
        for p in e.provisions
        if (section is None or p.section == section)
        and (obligation is None or p.obligation == obligation)
        and (topic is None or topic in p.topics)
    ]
    return edition_json(e, chosen)
