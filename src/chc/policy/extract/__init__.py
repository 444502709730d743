"""Reading a landlord's own policy document (Word, PDF, web page, text) into a draft policy
file, every value with the sentence it came from and every judgement call marked for review.

Public API: :func:`extract` (a :class:`Draft`), :func:`render_yaml`, :func:`is_document`,
:func:`load_draft` (a draft ready for the policy checks), :func:`load_unreviewed` (the same,
saying first that the findings rest on a draft).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from chc.errors import InputError
from chc.policy.extract.draft import Draft, assemble, render_yaml
from chc.policy.extract.readers import is_document, read_document

if TYPE_CHECKING:
    from collections.abc import Callable

    from chc.policy.model import LoadedPolicy

__all__ = ["Draft", "extract", "is_document", "load_draft", "load_unreviewed", "render_yaml"]

_COMPLAINT = re.compile(r"complain", re.IGNORECASE)


def extract(path: Path) -> Draft:
    """Read a policy document and run every rule over it."""
    from chc.policy.extract.context import sentences
    from chc.policy.extract.questions import suggested_stages, unplaced
    from chc.policy.extract.rules import LOOKED_FOR, RULES

    document = read_document(path)
    if not _COMPLAINT.search(document.text()):
        raise InputError(
            "does not look like a complaints policy: it never mentions complaints; nothing written",
            file=path,
        )
    listed = list(sentences(document))
    found = [f for rule in RULES.values() for f in rule(listed)]
    draft = assemble(path, found, LOOKED_FOR, suggested_stages=suggested_stages(listed))
    return dataclasses.replace(draft, questions=unplaced(listed, draft.values))


def load_draft(path: Path) -> LoadedPolicy:
    """Extract a draft and load it as a policy, for checking without writing a file."""
    import dataclasses
    import tempfile

    from chc.policy.model import load_policy

    text = render_yaml(extract(path))
    with tempfile.TemporaryDirectory(prefix="chc-draft-") as folder:
        draft = Path(folder) / f"{path.stem}.draft.yaml"
        draft.write_text(text, encoding="utf-8")
        loaded = load_policy(draft)
    return dataclasses.replace(loaded, path=Path(f"{path} (unreviewed draft)"))


UNREVIEWED = (
    "chc: note: {path} is not a policy file, so chc extracted a draft from it. The findings "
    "below rest on that UNREVIEWED draft; run `chc extract-policy {quoted} -o policy.yaml`, "
    "review it, and check that instead."
)


def load_unreviewed(path: Path, note: Callable[[str], None]) -> LoadedPolicy:
    """For checking a document, not a policy file: ``note`` is handed the warning that the
    findings rest on an unreviewed draft (the caller chooses where a person sees it), then
    the draft is extracted and loaded."""
    # Extracted first: a document that cannot be read stops with that alone, not after a
    # note about findings that will never come.
    import shlex

    loaded = load_draft(path)
    note(UNREVIEWED.format(path=path, quoted=shlex.quote(str(path))))
    return loaded
