"""The regime's JSON shapes for `chc codes` (documented in docs/hazards.md; keep them stable)."""

from __future__ import annotations

from typing import Any

from chc.hazards.regime import Regime, ScopeRow, Step


def regime_summary(r: Regime) -> dict[str, Any]:
    return {
        "regime": r.regime,
        "title": r.title,
        "in_force_from": r.in_force_from.isoformat(),
        "statutory": r.statutory,
        "step_count": len(r.steps),
        "unverified": sum(1 for s in r.steps if "unverified" in (s.confidence, s.start_mark)),
    }


def step_json(s: Step) -> dict[str, Any]:
    return {
        "key": s.key,
        "track": s.track,
        "row": s.row,
        "summary": " ".join(s.summary.split()),
        "limit": s.limit,
        "unit": s.unit,
        "from": s.from_event,
        "alternative_from": s.alternative_from,
        "ends": list(s.ends),
        "ends_text": s.ends_text,
        "stopped_by": list(s.stopped_by),
        "waived_by": s.waived_by,
        "cites": list(s.cites),
        "confidence": s.confidence,
        "start_confidence": s.start_mark,
        "tiers": list(s.tiers),
        "assumptions": list(s.assumptions),
    }


def scope_json(row: ScopeRow) -> dict[str, Any]:
    return {
        "phase": row.phase,
        "track": row.track,
        "status": row.status,
        "planned": row.planned,
        "in_force_from": row.in_force_from.isoformat() if row.in_force_from else None,
        "kinds": list(row.kinds),
        "all_except": list(row.all_except),
        "note": " ".join(row.note.split()),
        "cites": list(row.cites),
        "confidence": row.confidence,
        "tiers": list(row.tiers),
        "assumptions": list(row.assumptions),
    }


def regime_json(r: Regime) -> dict[str, Any]:
    return {
        **regime_summary(r),
        "instrument": r.instrument,
        "publisher": r.publisher,
        "region": r.region,
        "time_zone": r.time_zone,
        "guidance": r.guidance,
        "note": " ".join(r.note.split()),
        "cites": list(r.cites),
        "sources": [s.model_dump(mode="json") for s in r.sources],
        "assumptions": [
            {"id": a.id, "question": a.question, "text": r.assumption_text[a.id], "cites": a.cites}
            for a in r.assumptions
        ],
        "steps": [step_json(s) for s in r.steps],
        "scope": [scope_json(row) for row in r.scope],
    }
