"""The draft policy: what the rules found, one value per field, with evidence and review
questions, and its rendering as a policy file that loads with ``chc check-policy``.

The policy format forbids unknown keys, so evidence and review questions travel as YAML
comments above each value: a person reads them next to the value, and chc ignores them.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chc.errors import InputError
from chc.policy.extract.found import FieldPath, Found, Missed, Question, Value
from chc.policy.model import UNREVIEWED_MARK

TOP_FIELDS = (
    "landlord", "document", "adopted", "code", "definition", "stages", "pre_complaint_steps",
    "time_limit", "time_limit_from", "time_limit_discretion", "exclusions", "channels",
    "representatives", "accompaniment", "reasonable_adjustments", "ombudsman_signposting",
    "unacceptable_behaviour_policy", "published_on_website", "refs",
)  # fmt: skip
# Fields the policy format gives a section number in refs (not the document's own details).
REF_FIELDS = frozenset(TOP_FIELDS[4:]) - {"stages", "refs"}
LIST_FIELDS = frozenset({"pre_complaint_steps", "exclusions", "channels", "ombudsman_signposting"})
STAGE_FIELDS = (
    "name", "acknowledge", "respond", "respond_from", "extension", "request_within",
    "reasons_required", "different_person",
)  # fmt: skip
_REF_LENGTH = 40  # the policy format's longest ref


@dataclass(frozen=True)
class Draft:
    source: Path
    stages: tuple[int, ...]  # the stage numbers the policy names, in order
    values: tuple[Found, ...]  # one per field, or one per item of a list field
    missed: tuple[Missed, ...]
    questions: tuple[Question, ...] = ()
    # How many stages the document itself suggests (a count it states, a stage it names or
    # leads to, a review it offers): more than ``stages`` means the draft may be missing one.
    suggested_stages: int = 0

    def get(self, path: FieldPath) -> list[Found]:
        return [f for f in self.values if f.path == path]

    def data(self) -> dict[str, Any]:
        """The policy file's mapping, without evidence."""
        out: dict[str, Any] = {}
        for name in TOP_FIELDS:
            if name == "stages":
                out["stages"] = [self._stage_data(n) for n in self.stages]
            elif name == "refs":
                if refs := self.refs(("refs",)):
                    out["refs"] = refs
            elif name in LIST_FIELDS:
                if items := self.get((name,)):
                    out[name] = [f.value for f in items]
            elif found := self.get((name,)):
                out[name] = found[0].value
        return out

    def _stage_data(self, n: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            f: found[0].value for f in STAGE_FIELDS if (found := self.get(("stages", n, f)))
        }
        if refs := self.refs(("stages", n)):
            out["refs"] = refs
        return out

    def refs(self, where: FieldPath) -> dict[str, str]:
        """The document's section numbers for the values at ``("refs",)`` (the top level)
        or ``("stages", n)``: where each value's evidence is. A list's items may come from
        several sections: "5.4, 6.1"."""
        fields = STAGE_FIELDS if where[0] == "stages" else sorted(REF_FIELDS, key=TOP_FIELDS.index)
        prefix = where if where[0] == "stages" else ()
        out: dict[str, str] = {}
        for name in fields:
            sections = [f.block.section for f in self.get((*prefix, name)) if f.block.section]
            joined = ", ".join(dict.fromkeys(s for s in sections if s))
            while len(joined) > _REF_LENGTH:
                joined = joined.rsplit(", ", 1)[0]
            if joined:
                out[name] = joined
        return out


def assemble(
    source: Path,
    found: list[Found],
    looked_for: dict[str, str],
    questions: tuple[Question, ...] = (),
    suggested_stages: int = 0,
) -> Draft:
    """One value per field: the first found wins, and a different value elsewhere in the
    document becomes a review question on it."""
    stages = tuple(sorted({int(f.path[1]) for f in found if f.path[2:] == ("name",)}))
    first = next((f for f in found if f.path[:2] == ("stages", 1)), None)
    if 1 not in stages and first is not None:
        found = [_unnumbered_stage(first), *found]
        stages = (1, *stages)
    if not stages:
        raise InputError(
            'found no complaint stages (no "Stage 1", "stage one", "first stage"); '
            "is this a complaints policy? Nothing written",
            file=source,
        )
    chosen: dict[FieldPath, Found] = {}
    items: list[Found] = []
    others: dict[FieldPath, list[Found]] = {}
    for f in found:
        if f.path[0] == "stages" and f.path[1] not in stages:
            continue
        if f.path[0] in LIST_FIELDS:
            if all(i.value != f.value or i.path != f.path for i in items):
                items.append(f)
        elif f.path not in chosen:
            chosen[f.path] = f
        elif chosen[f.path].value != f.value:
            others.setdefault(f.path, []).append(f)
    values = [_with_conflicts(f, others.get(p, [])) for p, f in chosen.items()] + items
    values = _empty_stages(stages, values)
    missed = tuple(_missed(stages, values, looked_for))
    return Draft(
        source, stages, tuple(values), missed, questions, max(suggested_stages, max(stages))
    )


def _empty_stages(stages: tuple[int, ...], values: list[Found]) -> list[Found]:
    """A stage the document names with nothing said of it (a heading at the end of a page
    that stops there): its name asks where the rest is."""
    filled = {f.path[1] for f in values if f.path[0] == "stages" and f.path[2] != "name"}
    out = []
    for f in values:
        if f.path[0] == "stages" and f.path[2] == "name" and f.path[1] not in filled:
            question = (
                f"The document names stage {f.path[1]} but says nothing of it here (a page may "
                "stop before it): what are its timescales?"
            )
            f = Found(f.path, f.value, f.quote, f.block, f.review or question)
        out.append(f)
    return out


def _unnumbered_stage(first: Found) -> Found:
    """A document that does not name stage 1 but gives a process its timescales: stage 1."""
    question = (
        "The document does not name stage 1, so chc read the process it describes first as "
        "stage 1. Is that right, and does the policy have a later stage (a review or an appeal)?"
    )
    return Found(("stages", 1, "name"), "Stage 1", first.quote, first.block, question)


def _with_conflicts(chosen: Found, others: list[Found]) -> Found:
    if not others:
        return chosen
    said = "; ".join(f'"{_shown(o.value)}" ({o.where}: "{o.quote}")' for o in others)
    question = f"The document also says {said}. Which is right?"
    review = f"{chosen.review} {question}" if chosen.review else question
    return Found(chosen.path, chosen.value, chosen.quote, chosen.block, review)


def _missed(
    stages: tuple[int, ...], values: list[Found], looked_for: dict[str, str]
) -> list[Missed]:
    have = {f.path for f in values}
    out = [
        Missed((name,), looked_for[name])
        for name in TOP_FIELDS
        if name not in ("stages", "refs") and (name,) not in have and name in looked_for
    ]
    if "refs" in looked_for and not any(f.block.section for f in values):
        out.append(Missed(("refs",), looked_for["refs"]))
    for n in stages:
        out.extend(
            Missed(("stages", n, field), looked_for[field])
            for field in STAGE_FIELDS[1:]
            if ("stages", n, field) not in have and field in looked_for
        )
    return out


# -- rendering ---------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z0-9][\w ,()'-]*$")
_NUMBERISH = re.compile(r"^[\d-]+$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def _shown(value: Value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


_FLOW_PLAIN = re.compile(r"^[A-Za-z0-9][\w .'-]*$")


def scalar(value: Value) -> str:
    """A value as YAML: plain when that reads back the same, else a JSON-quoted string; a
    mapping in flow style (``{event: meeting, within: 7 working days, ...}``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow_scalar(v)}" for k, v in value.items()) + "}"
    if (
        _PLAIN.match(value)
        and not _NUMBERISH.match(value)
        and value.lower() not in _YAML_WORDS
        and not value.endswith(" ")
    ):
        return value
    return _quoted(value)


def _flow_scalar(value: str) -> str:
    """Inside a flow mapping, commas, colons and brackets need quotes too."""
    plain = (
        _FLOW_PLAIN.match(value)
        and not _NUMBERISH.match(value)
        and value.lower() not in _YAML_WORDS
    )
    return value.strip() if plain else _quoted(value)


def _refs(refs: dict[str, str], lead: str) -> list[str]:
    if not refs:
        return []
    return [
        f"{lead}refs:  # the document's own section numbers, where each value's evidence is",
        *(f"{lead}  {k}: {_quoted(v)}" for k, v in refs.items()),
    ]


def _quoted(value: str) -> str:
    """A double-quoted YAML string that reads back as ``value``, holding no control, bidi
    or unpaired character (YAML refuses most controls even inside quotes)."""
    from chc.inert import json_text

    return json_text(json.dumps(value, ensure_ascii=False))


def _comment(text: str, indent: str) -> list[str]:
    # A comment cannot escape: a control character copied from the document (a title's
    # ESC) made the whole draft unreadable YAML, so it is shown as its escape.
    from chc.inert import line

    lines = textwrap.wrap(line(text), width=96 - len(indent), break_long_words=False)
    return [f"{indent}# {lines[0]}"] + [f"{indent}#   {line}" for line in lines[1:]]


def _evidence(found: Found, indent: str) -> list[str]:
    lines = _comment(f'evidence ({found.where}): "{found.quote}"', indent)
    if found.review:
        lines += _comment(f"review: {found.review}", indent)
    return lines


def render_yaml(draft: Draft) -> str:
    out = [
        f"# Draft policy extracted by `chc extract-policy` from {draft.source.name}.",
        UNREVIEWED_MARK,
        "# Check each value against its evidence (the sentence it came from, and where it is),",
        "# answer every review question, then delete these comments you no longer need.",
        "# Fields the rules could not find are left out, with what was looked for, at the end.",
        *_stage_warning(draft),
        "",
    ]
    for name in TOP_FIELDS:
        if name == "stages":
            out += _render_stages(draft)
        elif name == "refs":
            out += _refs(draft.refs(("refs",)), "")
        elif name in LIST_FIELDS:
            if items := draft.get((name,)):
                out.append(f"{name}:")
                for item in items:
                    out += [*_evidence(item, "  "), f"  - {scalar(item.value)}"]
        elif found := draft.get((name,)):
            out += [*_evidence(found[0], ""), f"{name}: {scalar(found[0].value)}"]
    top_missed = [m for m in draft.missed if len(m.path) == 1]
    if top_missed:
        out += ["", "# Not found, so left out (chc check-policy reports them as not stated):"]
        for m in top_missed:
            out += _comment(f"{m.path[0]}: looked for {m.looked_for}", "")
    if draft.questions:
        out += ["", "# Questions: what the document says that chc could not place in a field."]
        for q in draft.questions:
            out += _comment(f'({q.where}): "{q.quote}" {q.question}', "")
    return "\n".join(out) + "\n"


def _stage_warning(draft: Draft) -> list[str]:
    """The header line load_policy reads back (model.SUGGESTED_MARK) while the draft is
    unreviewed: check-policy then does not pass a provision on the stages it lacks."""
    if draft.suggested_stages <= len(draft.stages):
        return []
    return _comment(
        f"The document suggests {draft.suggested_stages} stages, but chc found "
        f"{len(draft.stages)}: check the stages against the document before relying on this "
        "draft.",
        "",
    )


def _render_stages(draft: Draft) -> list[str]:
    out = ["stages:"]
    for n in draft.stages:
        for index, field in enumerate(STAGE_FIELDS):
            found = draft.get(("stages", n, field))
            if not found:
                continue
            lead = "  - " if index == 0 else "    "
            out += _evidence(found[0], "  " if index == 0 else "    ")
            out.append(f"{lead}{field}: {scalar(found[0].value)}")
        out += _refs(draft.refs(("stages", n)), "    ")
        missed = [m for m in draft.missed if m.path[:2] == ("stages", n)]
        for m in missed:
            out += _comment(f"{m.path[2]}: not found; looked for {m.looked_for}", "    ")
    return out
