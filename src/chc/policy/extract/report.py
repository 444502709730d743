"""The draft as JSON for other programs (`chc extract-policy --format json`)."""

from __future__ import annotations

from typing import Any

from chc.policy.extract.draft import Draft
from chc.policy.extract.found import FieldPath


def field_name(path: FieldPath, stages: tuple[int, ...]) -> str:
    """``("stages", 2, "respond")`` as ``stages[1].respond``: the index in the draft's list."""
    if path[0] == "stages":
        return f"stages[{stages.index(int(path[1]))}].{path[2]}"
    return str(path[0])


def draft_json(draft: Draft) -> dict[str, Any]:
    return {
        "source": str(draft.source),
        "reviewed": False,
        "policy": draft.data(),
        "evidence": [
            {
                "field": field_name(f.path, draft.stages),
                "value": f.value,
                "quote": f.quote,
                "where": f.where,
                "page": f.block.page,
                "line": f.block.line,
                "section": f.block.section,
                "review": f.review,
            }
            for f in draft.values
        ],
        "not_found": [
            {"field": field_name(m.path, draft.stages), "looked_for": m.looked_for}
            for m in draft.missed
        ],
        "questions": [
            {
                "quote": q.quote,
                "where": q.where,
                "page": q.block.page,
                "line": q.block.line,
                "question": q.question,
            }
            for q in draft.questions
        ],
        "suggested_stages": draft.suggested_stages,
    }
