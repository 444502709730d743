"""The annual self-assessment: the answers file, its checks, scaffolding and the render view.

An answers file (YAML, documented in ``docs/answers-format.md``) names a Code edition and
answers each item of that edition's self-assessment form: ``comply`` (yes / no / partly /
not applicable), ``evidence``, ``commentary``, ``action`` and ``target_date``. This module
reads it with positions kept, checks it, writes new ones (empty, pre-filled from a policy
check, or carried forward from last year's answers through the ``previously:`` crosswalk)
and builds the plain data the Jinja templates render. Nothing here reads the clock: "today"
is always a parameter.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from chc.codes import BUILTIN_EDITIONS, Edition, Provision, load_builtin, provision_sort_key
from chc.errors import AnswersError, ChcError, InputError
from chc.exitcodes import RC

if TYPE_CHECKING:
    from chc.policy_check import PolicyReport

Comply = Literal["yes", "no", "partly", "not applicable"]
COMPLY_VALUES: tuple[Comply, ...] = ("yes", "no", "partly", "not applicable")
# Seed 002 writes "N/A"; people will too. Anything else is an error, never a guess.
_COMPLY_ALIASES = {
    "n/a": "not applicable",
    "na": "not applicable",
    "not_applicable": "not applicable",
}
FIELDS = ("comply", "evidence", "commentary", "action", "target_date", "machine_filled")
Severity = Literal["error", "warning"]


# -- the answers file ---------------------------------------------------------------------


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


class Answer(BaseModel):
    """One item's answer; every field may be left empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comply: Comply | None = None
    evidence: str | None = None
    commentary: str | None = None
    action: str | None = None
    target_date: date | None = None
    machine_filled: bool = False

    @field_validator("comply", mode="before")
    @classmethod
    def _comply(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        word = str(value).strip().lower() if isinstance(value, str) else value
        word = _COMPLY_ALIASES.get(word, word) if isinstance(word, str) else word
        if word not in COMPLY_VALUES:
            shown = "true" if value is True else "false" if value is False else repr(value)
            raise ValueError(
                f"comply must be yes, no, partly or not applicable (or left empty), not {shown}"
            )
        return word

    @field_validator("evidence", "commentary", "action", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _text(value)

    @field_validator("target_date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        from chc.dates import parse_date

        value = _text(value)
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str):
            # pydantic would read a bare number as a Unix timestamp: refuse, never guess.
            raise ValueError(f"target_date must be a date written YYYY-MM-DD, not {value!r}")
        try:
            return parse_date(value, "target_date")
        except ChcError as err:
            raise ValueError(err.message.removeprefix("target_date: ")) from None

    @property
    def is_empty(self) -> bool:
        return self == Answer()


class _Header(BaseModel):
    """The top of the file; ``items`` is checked item by item so that check can list all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    landlord: str | None = None
    period: str | None = None
    year: str | None = None
    items: dict[Any, Any] | None = None

    @field_validator("code", "period", "year", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        # `code: 2024` and `year: 2024` unquoted are natural to write.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return _text(value)

    @field_validator("landlord", mode="before")
    @classmethod
    def _landlord(cls, value: Any) -> Any:
        return _text(value)

    @model_validator(mode="after")
    def _one_period(self) -> _Header:
        if self.period is not None and self.year is not None:
            raise ValueError("give period or year, not both")
        return self


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of ``check``: built complete, never patched; sorts into file order."""

    file: str
    line: int
    column: int
    severity: Severity
    item: str
    check: str
    message: str

    def __post_init__(self) -> None:
        if self.line < 1 or self.column < 1:
            raise ValueError("line and column numbers start at 1")

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.check}] {self.message}"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "item": self.item or None,
            "check": self.check,
            "message": self.message,
        }


@dataclass(frozen=True)
class LoadedAnswers:
    """A read answers file: valid answers by provision id, and the errors found in items."""

    path: Path
    data: Any
    code: str
    edition: Edition
    landlord: str | None
    period: str | None
    answers: Mapping[str, Answer]
    keys: Mapping[str, Any]
    errors: tuple[Problem, ...]

    def problem(
        self, loc: list[Any], severity: Severity, item: str, check: str, msg: str
    ) -> Problem:
        from chc.yamlio import position

        line, column = position(self.data, loc)
        return Problem(str(self.path), line or 1, column or 1, severity, item, check, msg)


def _edition_of(code: str, path: Path, data: Any) -> Edition:
    from chc.codes import load_edition
    from chc.yamlio import located_error

    ref: str | Path = code
    if _is_path(code):
        # A Code file named in the answers is found next to the answers, wherever chc runs.
        ref = Path(code) if Path(code).is_absolute() else path.parent / code
    try:
        return load_edition(ref)
    except ChcError as err:
        if err.file is not None:
            raise
        raise located_error(err.message, data, ["code"], source=path, error=AnswersError) from None


def _is_path(code: str) -> bool:
    return code not in BUILTIN_EDITIONS and (code.endswith((".yaml", ".yml")) or "/" in code)


def code_reference(code: str, answers_dir: Path | None) -> str:
    """What to write as ``code:`` so that it still names the same file from the answers."""
    if not _is_path(code):
        return code
    target = Path(code).resolve()
    if answers_dir is None:
        return str(target)
    return os.path.relpath(target, answers_dir.resolve())


def normalise_id(key: str) -> str:
    text = key.strip()
    return "Q" + text[1:] if text[:1] == "q" else text


def read_answers(path: Path) -> LoadedAnswers:
    """Read an answers file, collecting every problem inside ``items`` as an error.

    A problem with the file as a whole (missing, not YAML, no ``code:``, an unknown
    edition) raises AnswersError at once: there is nothing to check item by item.
    """
    from chc.yamlio import load_yaml, validate

    data = load_yaml(path, error=AnswersError)
    if data is None:
        raise AnswersError("the file is empty; start from chc self-assessment scaffold", file=path)
    if not isinstance(data, dict):
        raise AnswersError("an answers file must be a YAML mapping (key: value lines)", file=path)
    header = validate(_Header, data, source=path, error=AnswersError)
    edition = _edition_of(header.code, path, data)
    answers, keys, errors = _read_items(path, data, header.items or {}, edition)
    return LoadedAnswers(
        path=path,
        data=data,
        code=header.code,
        edition=edition,
        landlord=header.landlord,
        period=header.period or header.year,
        answers=answers,
        keys=keys,
        errors=tuple(sorted(errors)),
    )


def load_answers(path: Path) -> LoadedAnswers:
    """Read an answers file and raise its first error (for render and carry-forward)."""
    loaded = read_answers(path)
    if loaded.errors:
        first = loaded.errors[0]
        raise AnswersError(first.message, file=first.file, line=first.line, column=first.column)
    return loaded


def _read_items(
    path: Path, data: Any, items: Mapping[Any, Any], edition: Edition
) -> tuple[dict[str, Answer], dict[str, Any], list[Problem]]:
    from chc.yamlio import position

    def error(loc: list[Any], item: str, check: str, msg: str) -> Problem:
        line, column = position(data, loc)
        return Problem(str(path), line or 1, column or 1, "error", item, check, msg)

    answers: dict[str, Answer] = {}
    keys: dict[str, Any] = {}
    errors: list[Problem] = []
    for key, value in items.items():
        loc: list[Any] = ["items", key]
        if not isinstance(key, str):
            hint = (
                f'; write it in quotes, "{key}" (unquoted, 6.10 is read as the number 6.1)'
                if isinstance(key, float)
                else ""
            )
            errors.append(error(loc, str(key), "bad-id", f"id {key} is read as a number{hint}"))
            continue
        pid = normalise_id(key)
        if pid in keys:
            first = position(data, ["items", keys[pid]])[0]
            errors.append(
                error(loc, pid, "duplicate-id", f"{pid} is answered twice (first at line {first})")
            )
            continue
        keys[pid] = key
        p = edition.provision(pid)
        if p is None:
            hint = " (the 2020 form's ids look like Q1.1)" if edition.edition == "2020" else ""
            errors.append(
                error(
                    loc, pid, "unknown-id", f"the {edition.edition} edition has no item {pid}{hint}"
                )
            )
            continue
        if not p.self_assessed:
            errors.append(
                error(
                    loc,
                    pid,
                    "unknown-id",
                    f"{pid} is not on the {edition.edition} self-assessment form",
                )
            )
            continue
        if value is None:
            answers[pid] = Answer()
            continue
        if not isinstance(value, dict):
            errors.append(
                error(loc, pid, "bad-type", f"{pid}: expected the fields {', '.join(FIELDS[:5])}")
            )
            continue
        try:
            answers[pid] = Answer.model_validate(value)
        except ValidationError as exc:
            errors.extend(_item_errors(exc, loc, pid, error))
    return answers, keys, errors


_FIELD_CHECK = {"comply": "bad-comply", "target_date": "bad-date"}


def _item_errors(exc: ValidationError, loc: list[Any], pid: str, error: Any) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        field = str(err["loc"][0]) if err["loc"] else ""
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            check = "unknown-field"
            msg = f"unknown field {field!r}; the fields are {', '.join(FIELDS)}"
        elif err["type"] in ("string_type", "bool_type", "bool_parsing"):
            check = "bad-type"
            kind = "text" if err["type"] == "string_type" else "true or false"
            msg = f"{field} must be {kind}, not {type(err.get('input')).__name__}"
        else:
            check = _FIELD_CHECK.get(field, "bad-type")
        out.append(error([*loc, field], pid, check, f"{pid}: {msg}"))
    return out


# -- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswersReport:
    answers: LoadedAnswers
    today: date
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def exit_code(self, *, strict: bool) -> RC:
        if self.errors:
            return RC.BAD_INPUT
        return RC.FINDINGS if strict and self.warnings else RC.OK

    def as_json(self) -> dict[str, Any]:
        a = self.answers
        answered = sum(1 for x in a.answers.values() if x.comply is not None)
        return {
            "file": str(a.path),
            "code": a.edition.edition,
            "today": self.today.isoformat(),
            "summary": {
                "items": len(a.edition.self_assessed),
                "answered": answered,
                "errors": self.errors,
                "warnings": self.warnings,
            },
            "problems": [p.as_json() for p in self.problems],
        }


def check_answers(loaded: LoadedAnswers, *, today: date) -> AnswersReport:
    """Every error found while reading, plus the warnings a reviewer would raise."""
    out = list(loaded.errors)
    for p in loaded.edition.self_assessed:
        if p.id not in loaded.keys:
            out.append(
                loaded.problem(
                    ["items"], "warning", p.id, "missing-item", f"{p.id} is not answered: add it"
                )
            )
        elif p.id in loaded.answers:
            out.extend(_answer_warnings(loaded, p.id, loaded.answers[p.id], today))
    return AnswersReport(loaded, today, tuple(sorted(out)))


def _answer_warnings(loaded: LoadedAnswers, pid: str, a: Answer, today: date) -> list[Problem]:
    key = loaded.keys[pid]
    out: list[Problem] = []

    def warn(field: str | None, check: str, msg: str) -> None:
        loc = ["items", key] + ([field] if field else [])
        out.append(loaded.problem(loc, "warning", pid, check, f"{pid}: {msg}"))

    if a.comply is None:
        warn("comply", "unanswered", "comply is empty: yes, no, partly or not applicable")
    elif a.comply == "yes" and a.evidence is None:
        warn("comply", "no-evidence", '"yes" with no evidence: say what shows it')
    elif a.comply in ("no", "partly"):
        if a.commentary is None:
            warn("comply", "no-explanation", f'"{a.comply}" needs commentary explaining why')
        if a.target_date is None:
            warn(
                "comply",
                "no-target-date",
                f'"{a.comply}" needs a target_date: by when the landlord will comply',
            )
    if a.target_date is not None and a.target_date < today:
        warn(
            "target_date",
            "past-target-date",
            f"target date {a.target_date.isoformat()} is before {today.isoformat()}: "
            "update it, or say in commentary that the action is done",
        )
    if a.machine_filled:
        warn(
            "machine_filled",
            "machine-filled",
            "filled in by chc from a policy check: review it, then delete machine_filled",
        )
    return out


# -- pre-filling ---------------------------------------------------------------------------


def answers_from_policy(report: PolicyReport) -> dict[str, Answer]:
    """What a policy check decides: all checks pass -> yes; any fails -> no; else nothing."""
    name = report.policy.policy.document or report.policy.path.name
    out: dict[str, Answer] = {}
    statuses = report.provision_status()
    for pid, findings in report.by_provision().items():
        status = statuses[pid]
        if status not in ("pass", "fail"):
            continue
        lines = []
        for f in findings:
            where = f" (line {f.line})" if f.line else ""
            lines.append(f"Policy {name}{where}: {f.message}.")
        failed = [f for f in findings if f.status == "fail"]
        commentary = (
            "\n\n".join(
                f"chc check-policy: {f.message}; the Code asks for {f.expected}." for f in failed
            )
            or None
        )
        out[pid] = Answer(
            comply="yes" if status == "pass" else "no",
            evidence="\n\n".join(lines),
            commentary=commentary,
            machine_filled=True,
        )
    return out


@dataclass(frozen=True)
class Carried:
    """Last year's answers on this year's items, a note per item, and what had no successor."""

    answers: Mapping[str, Answer]
    notes: Mapping[str, str]
    not_carried: tuple[str, ...]
    source_edition: str


def crosswalk(edition: Edition, old: str) -> dict[str, list[str]]:
    """New id -> the ids of edition ``old`` it continues, following ``previously:`` back."""
    chain = [edition]
    while chain[-1].edition != old:
        prev = chain[-1].previous_edition
        if prev is None or len(chain) > len(BUILTIN_EDITIONS):
            raise InputError(
                f"answers for the {old} edition cannot be carried to the {edition.edition} "
                "edition: answers are carried forward only, to a later edition"
            )
        chain.append(load_builtin(prev))
    mapping = {p.id: [p.id] for p in chain[-1].provisions}
    for newer in reversed(chain[:-1]):
        mapping = {
            p.id: list(dict.fromkeys(o for q in p.previously for o in mapping.get(q, [])))
            for p in newer.provisions
        }
    return mapping


def carry_forward(previous: LoadedAnswers, edition: Edition) -> Carried:
    old = previous.edition.edition
    mapping = crosswalk(edition, old)
    given = {k: a for k, a in previous.answers.items() if not a.is_empty}
    answers: dict[str, Answer] = {}
    notes: dict[str, str] = {}
    used: set[str] = set()
    for p in edition.self_assessed:
        sources = [o for o in mapping.get(p.id, []) if o in given]
        if not sources:
            continue
        used.update(sources)
        label = f"{old} {', '.join(sources)}"
        if len(sources) == 1:
            answers[p.id] = given[sources[0]]
            notes[p.id] = f"carried from {label}: review it for this year"
        else:
            answers[p.id] = _combine(old, [(o, given[o]) for o in sources])
            notes[p.id] = f"combined from {label}: review it for this year"
    dropped = sorted(set(given) - used, key=provision_sort_key)
    return Carried(answers, notes, tuple(dropped), old)


def _combine(old: str, parts: list[tuple[str, Answer]]) -> Answer:
    said = [a.comply for _, a in parts if a.comply is not None]
    real = {c for c in said if c != "not applicable"}
    comply: Comply | None
    if not real:
        comply = "not applicable" if said else None
    elif len(real) == 1:
        comply = real.pop()
    else:
        comply = "partly"

    def joined(field: str) -> str | None:
        texts = [f"{old} {o}: {getattr(a, field)}" for o, a in parts if getattr(a, field)]
        return "\n\n".join(texts) or None

    answers_said = ", ".join(f"{o} {a.comply or 'unanswered'}" for o, a in parts)
    head = (
        f"Combined from the {old} answers to {', '.join(o for o, _ in parts)} "
        f"({answers_said}); review."
    )
    rest = joined("commentary")
    dates = [a.target_date for _, a in parts if a.target_date is not None]
    return Answer(
        comply=comply,
        evidence=joined("evidence"),
        commentary=head + (f"\n\n{rest}" if rest else ""),
        action=joined("action"),
        # The earliest date: a promise already made to residents is not postponed by a merge.
        target_date=min(dates) if dates else None,
        machine_filled=any(a.machine_filled for _, a in parts),
    )


# -- scaffolding ---------------------------------------------------------------------------

_HEADER = """\
# Self-assessment answers for chc: {title}
# ({form}).
#
# For each item fill in:
#   comply:       yes, no, partly or not applicable
#   evidence:     what shows it (a policy section, training records, a report)
#   commentary:   any explanation; for "no" or "partly", why, and what instead
#   action:       what will be done, if anything
#   target_date:  by when, as YYYY-MM-DD
# The comment above each item is chc's summary of the requirement (its own words, not the
# Code's text), for reference: editing it changes nothing. machine_filled: true marks an
# answer chc filled in from a policy check: review it, then delete that line. For text over
# several lines write `evidence: |` and indent the lines below it.
#
# Then:  chc self-assessment check {name}
#        chc self-assessment render {name} --format html -o self-assessment.html
# The format is described in docs/answers-format.md.
"""


def form_groups(edition: Edition) -> list[tuple[int, str | None, list[Provision]]]:
    """The form's tables in order: (section, obligation or None, provisions)."""
    out: list[tuple[int, str | None, list[Provision]]] = []
    for s in edition.sections:
        items = [p for p in edition.self_assessed if p.section == s.number]
        if edition.form.layout == "sections_split":
            for level in ("must", "should"):
                chosen = [p for p in items if p.obligation == level]
                if chosen:
                    out.append((s.number, level, chosen))
        elif items:
            out.append((s.number, None, items))
    return out


def _quote(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    # Characters YAML treats as line breaks or does not allow unescaped.
    return "".join(
        f"\\u{ord(c):04x}" if 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\ufeff" else c
        for c in out
    )


# Text that YAML 1.2 (what ruamel reads) takes as a plain string: starts with a letter, no
# ": " or " #", and is not one of the words YAML reads as true, false or null.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .,;'()/&\"-]*$")
_NOT_PLAIN = {"true", "false", "null"}


def yaml_scalar(value: Any, indent: int) -> str:
    """A value as YAML after ``key:``; multi-line text as a literal block people can edit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, date):
        return f" {value.isoformat()}"
    text = str(value)
    plain_lines = all(c >= " " or c in "\n\t" for c in text) and "\r" not in text
    if "\n" in text and plain_lines and text == text.strip():
        pad = " " * indent
        body = "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))
        return " |-\n" + body
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _NOT_PLAIN:
        return " " + text
    return " " + _quote(text)


def _comment(text: str, prefix: str) -> list[str]:
    flat = " ".join(text.split())
    return [f"{prefix}{line}" for line in textwrap.wrap(flat, 94 - len(prefix))]


def scaffold(
    edition: Edition,
    *,
    code: str,
    name: str = "answers.yaml",
    landlord: str | None = None,
    period: str | None = None,
    answers: Mapping[str, Answer] | None = None,
    notes: Mapping[str, str] | None = None,
) -> str:
    """The text of a new answers file: one entry per item of the form, in the form's order."""
    answers = answers or {}
    notes = notes or {}
    word = "Theme" if edition.form.layout == "themes" else "Section"
    lines = [
        _HEADER.format(title=edition.title, form=edition.form.title, name=name).rstrip("\n"),
        "",
        f"code:{yaml_scalar(code, 2)}",
        f"landlord:{yaml_scalar(landlord, 2)}",
        f"period:{yaml_scalar(period, 2)}" + ("" if period else "  # e.g. 2024-25"),
        "items:",
    ]
    headings = edition.form.split_headings
    for number, level, provisions in form_groups(edition):
        section = edition.section(number)
        title = section.title if section else ""
        heading = f"{word} {number}: {title}"
        if level is not None and headings is not None:
            heading += f": {getattr(headings, level)}"
        lines += ["", f"  # {'=' * 88}", f"  # {heading}", f"  # {'=' * 88}"]
        for p in provisions:
            a = answers.get(p.id, Answer())
            lines.append("")
            lines += _comment(f"{p.id} ({p.obligation}) {p.title or ''}", "  # ")
            lines += _comment(p.summary, "  #   ")
            if p.id in notes:
                lines += _comment(notes[p.id], "  # ")
            lines.append(f"  {_quote(p.id)}:")
            for field in FIELDS[:5]:
                lines.append(f"    {field}:{yaml_scalar(getattr(a, field), 6)}")
            if a.machine_filled:
                lines.append("    machine_filled: true")
    return "\n".join(lines) + "\n"


# -- the render view -------------------------------------------------------------------------

COMPLY_LABELS: dict[str | None, str] = {
    "yes": "Yes",
    "no": "No",
    "partly": "Partly",
    "not applicable": "Not applicable",
    None: "Not answered",
}
COUNT_KEYS = ("yes", "no", "partly", "not_applicable", "unanswered")


def _roles(edition: Edition) -> tuple[str, ...]:
    form = edition.form
    n = len(form.columns)
    if form.layout == "themes" and n == 4:
        return ("question", "yes", "no", "notes")
    if form.layout != "themes" and n == 5:
        return ("id", "requirement", "comply", "evidence", "commentary")
    if form.layout != "themes" and n == 4:
        return ("id", "requirement", "comply", "notes")
    raise AnswersError(
        f"the {edition.edition} form has {n} columns; chc lays out 4 or 5 (sections) "
        "or 4 (themes): Code provision, requirement, comply, evidence and commentary"
    )


def _paras(*parts: str | None) -> str:
    return "\n\n".join(p for p in parts if p)


def _action_text(a: Answer) -> str | None:
    if a.action is None and a.target_date is None:
        return None
    when = f"target date {a.target_date.isoformat()}" if a.target_date else "no target date"
    return f"Action, {when}: {a.action or 'not stated'}"


_FILLED_NOTE = "Filled in by chc from a policy check; not yet reviewed."


def _cells(roles: tuple[str, ...], p: Provision, a: Answer) -> list[dict[str, Any]]:
    label = COMPLY_LABELS[a.comply]
    filled = _FILLED_NOTE if a.machine_filled else None
    text = {
        "id": p.id,
        "question": f"{p.id}: {p.summary}",
        "requirement": p.summary,
        "comply": label,
        "yes": label if a.comply in ("yes", "not applicable") else "",
        "no": label if a.comply in ("no", "partly", "not applicable") else "",
        "evidence": a.evidence or "",
        "commentary": _paras(a.commentary, _action_text(a), filled),
        "notes": _paras(a.evidence, a.commentary, _action_text(a), filled),
    }
    return [{"role": r, "header": r in ("id", "question"), "text": text[r]} for r in roles]


def _count(rows: list[Answer]) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for a in rows:
        key = "unanswered" if a.comply is None else a.comply.replace(" ", "_")
        counts[key] += 1
    counts["total"] = len(rows)
    return counts


def view(
    loaded: LoadedAnswers, *, title: str | None = None, landlord: str | None = None
) -> dict[str, Any]:
    """Plain data for the templates (documented in docs/answers-format.md)."""
    e = loaded.edition
    roles = _roles(e)
    word = "Theme" if e.form.layout == "themes" else "Section"
    headings = e.form.split_headings
    sections: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    every: list[Answer] = []
    for number, level, provisions in form_groups(e):
        s = e.section(number)
        name = f"{word} {number}: {s.title if s else ''}"
        if not sections or sections[-1]["number"] != number:
            sections.append({"number": number, "heading": name, "tables": []})
        answers = [loaded.answers.get(p.id, Answer()) for p in provisions]
        every += answers
        heading = getattr(headings, level) if level and headings else None
        sections[-1]["tables"].append(
            {
                "heading": heading,
                "caption": f"{name}: {heading}" if heading else name,
                "rows": [
                    {
                        "id": p.id,
                        "status": (a.comply or "unanswered").replace(" ", "_"),
                        "cells": _cells(roles, p, a),
                    }
                    for p, a in zip(provisions, answers, strict=True)
                ],
            }
        )
        groups.append(
            {
                "label": f"{name} ({level})" if level else name,
                "counts": _count(answers),
            }
        )
    return {
        "title": title or f"Self-assessment against the {e.title}",
        "landlord": landlord or loaded.landlord,
        "period": loaded.period,
        "code": {"edition": e.edition, "title": e.title, "form": e.form.title},
        "columns": list(e.form.columns),
        "section_word": word.lower(),
        "summary": {"groups": groups, "total": _count(every)},
        "actions": _actions(loaded),
        "sections": sections,
    }


def _actions(loaded: LoadedAnswers) -> list[dict[str, str]]:
    rows = []
    for p in loaded.edition.self_assessed:
        a = loaded.answers.get(p.id)
        if a is None or (
            a.action is None and a.target_date is None and a.comply not in ("no", "partly")
        ):
            continue
        rows.append(
            (
                (a.target_date or date.max, provision_sort_key(p.id)),
                {
                    "id": p.id,
                    "comply": COMPLY_LABELS[a.comply],
                    "action": a.action or "Not stated",
                    "target_date": a.target_date.isoformat() if a.target_date else "Not set",
                },
            )
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def to_markdown(context: dict[str, Any], template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("self-assessment.md.j2", context, template_dir)


def to_html(context: dict[str, Any], template_dir: Path | None = None) -> str:
    from chc.render import render

    return render("self-assessment.html.j2", context, template_dir)
