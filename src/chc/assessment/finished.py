"""Whether a self-assessment is finished: every item answered, every answer a person's.

An unfinished form may still be rendered, to circulate, but every rendering is marked
DRAFT, and ``render --final`` refuses it. "Finished" means exactly what ``check`` warns of as
``missing-item``, ``unanswered`` and ``machine-filled``; the other warnings (a "yes" with no
evidence, say) are a reviewer's judgement and do not make a form a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chc.assessment.answers import LoadedAnswers
    from chc.assessment.form_view import UnfinishedJSON


@dataclass(frozen=True)
class Unfinished:
    """What is left to do, in the form's order."""

    items: int
    unanswered: tuple[str, ...]
    unreviewed: tuple[str, ...]

    @property
    def is_draft(self) -> bool:
        return bool(self.unanswered or self.unreviewed)

    def reasons(self) -> list[str]:
        """Sentences for the document's DRAFT mark: counts, not every id."""
        out = []
        if self.unanswered:
            n = len(self.unanswered)
            out.append(f"{n} {_items(n)} of {self.items} {_are(n)} not answered")
        if self.unreviewed:
            n = len(self.unreviewed)
            verb = "has" if n == 1 else "have"
            out.append(f"{n} {_answers(n)} filled in by chc {verb} not been reviewed")
        return out

    def listing(self) -> list[str]:
        """Lines for stderr: what is left, with every id, so a person can finish the form."""
        out = []
        if self.unanswered:
            out.append(f"not answered ({len(self.unanswered)}): {', '.join(self.unanswered)}")
        if self.unreviewed:
            out.append(
                f"filled in by chc, not reviewed ({len(self.unreviewed)}): "
                f"{', '.join(self.unreviewed)} (review, then delete machine_filled)"
            )
        return out

    def as_json(self) -> UnfinishedJSON:
        return {"unanswered": list(self.unanswered), "unreviewed": list(self.unreviewed)}


def _items(n: int) -> str:
    return "item" if n == 1 else "items"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _answers(n: int) -> str:
    return "answer" if n == 1 else "answers"


def unfinished(loaded: LoadedAnswers) -> Unfinished:
    """The items without a comply answer (or missing) and the unreviewed machine answers."""
    unanswered: list[str] = []
    unreviewed: list[str] = []
    for p in loaded.edition.self_assessed:
        a = loaded.answers.get(p.id)
        if a is None or a.comply is None:
            unanswered.append(p.id)
        if a is not None and a.machine_filled:
            unreviewed.append(p.id)
    return Unfinished(len(loaded.edition.self_assessed), tuple(unanswered), tuple(unreviewed))
