"""The public JSON shapes of `chc codes` (documented in the README; keep them stable)."""

from __future__ import annotations

from datetime import date
from typing import Any

from chc.codes.loading import load_builtin
from chc.codes.model import BUILTIN_EDITIONS, Edition, Provision, Timescale
from chc.errors import InputError


def edition_summary(e: Edition) -> dict[str, Any]:
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


def timescale_json(t: Timescale) -> dict[str, Any]:
    return {
        "key": t.key,
        "amount": t.amount,
        "unit": t.unit,
        "from": t.from_event,
        "provision": t.provision,
        "note": t.note,
        "cites": list(t.cites),
    }


def provision_json(p: Provision) -> dict[str, Any]:
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


def edition_json(e: Edition, provisions: list[Provision] | None = None) -> dict[str, Any]:
    summary = edition_summary(e)
    counts = {k: summary.pop(k) for k in ("provisions", "self_assessed", "must", "should")}
    return {
        **summary,
        "counts": counts,
        "publisher": e.publisher,
        "published": e.published,
        "previous_edition": e.previous_edition,
        "note": e.note,
        "cites": list(e.cites),
        "sources": [s.model_dump() for s in e.sources],
        "stages": e.stages.model_dump(),
        "form": e.form.model_dump(),
        "sections": [s.model_dump() for s in e.sections],
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


def provision_detail(e: Edition, p: Provision) -> dict[str, Any]:
    previous: list[dict[str, Any]] = []
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
    later = [
        {"edition": o.edition, "id": q.id, "obligation": q.obligation, "summary": q.summary}
        for o, q in later_counterparts(e, p.id)
    ]
    timescales = [t for t in e.timescales if t.provision == p.id]
    cited = {*p.cites, *(k for t in timescales for k in t.cites)}
    return {
        "edition": e.edition,
        "provision": provision_json(p),
        "timescales": [timescale_json(t) for t in timescales],
        "sources": [s.model_dump() for s in e.sources if s.key in cited],
        "previously": previous,
        "later": later,
    }


def for_date_json(day: date, e: Edition) -> dict[str, Any]:
    return {"date": day.isoformat(), **edition_summary(e)}


def provision_view(e: Edition, pid: str) -> dict[str, Any]:
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
) -> dict[str, Any]:
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
