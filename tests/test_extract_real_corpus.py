"""extract-policy measured on real landlords' published complaints procedures.

The documents are in ``../shared/policy-corpus/`` (word for word, so they stay there); their
expected drafts, written by hand from the text alone before the extractor was run on them,
are in ``tests/extract/real/`` (the commit order shows it). Run ``pytest -s`` on this file to
see the table of field precision and recall and every miss.

Scoring is by field, as for the project's own corpus, with two differences that suit real
pages: a stage counts by its place in the list (real stages are named "Stage one - ...",
"Stage 2: Panel Meeting" and so on, while the draft says "Stage N"), and steps before stage 1
count as "there are some" or "there are none" (their names are the landlord's own).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from chc.policy.durations import parse_duration
from chc.policy.extract import Draft, extract
from chc.policy.extract.rules.durations import find_durations
from chc.yamlio import load_yaml
from conftest import SHARED
from test_extract_corpus import DURATION_FIELDS, build_docx, build_pdf

CORPUS = SHARED / "policy-corpus"
EXPECTED = Path(__file__).parent / "extract" / "real"
MIN_PRECISION = 0.98
MIN_RECALL = 0.90


def documents() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def _norm(field: str, value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(k, v)) for k, v in value.items()))
    if field in DURATION_FIELDS | {"within", "older_than"} and str(value) != "none":
        d = parse_duration(str(value))
        return (d.amount, d.unit)
    if isinstance(value, bool):
        return value
    return " ".join(str(value).split()).lower().rstrip(";.:")


def facts(policy: dict[str, Any]) -> set[tuple[Any, ...]]:
    """A policy as field-level facts; see the module docstring for stages and steps."""
    out: set[tuple[Any, ...]] = set()
    for key, value in policy.items():
        if key == "stages":
            for index, stage in enumerate(value):
                out.add(("stages", index, "stage"))
                out.update(
                    ("stages", index, k, _norm(k, v))
                    for k, v in stage.items()
                    if k not in ("name", "refs")
                )
        elif key == "pre_complaint_steps":
            out.add((key, bool(value)))
        elif key == "refs":
            out.update(("refs", f, _norm("ref", r)) for f, r in value.items())
        elif key == "ombudsman_signposting" and isinstance(value, dict):
            out.update((key, p if said else (p, False)) for p, said in value.items())
        elif isinstance(value, list):
            out.update((key, _norm(key, item)) for item in value)
        else:
            out.add((key, _norm(key, value)))
    return out


def expected(document: Path) -> dict[str, Any]:
    data = load_yaml(EXPECTED / f"{document.stem}.yaml")
    assert isinstance(data, dict)
    return data


def test_the_corpus_is_there_and_every_document_has_its_expected_draft() -> None:
    assert len(documents()) == 13, f"expected the 13 documents of {CORPUS}"
    for document in documents():
        assert (EXPECTED / f"{document.stem}.yaml").exists(), document.name


def test_every_expected_draft_is_a_valid_policy() -> None:
    from chc.policy.model import load_policy

    for document in documents():
        load_policy(EXPECTED / f"{document.stem}.yaml")


@pytest.fixture(scope="module")
def drafts() -> dict[str, Draft]:
    return {d.stem: extract(d) for d in documents()}


def test_field_precision_and_recall(drafts: dict[str, Draft]) -> None:
    rows, misses = [], []
    tp_all = got_all = want_all = 0
    for name, draft in sorted(drafts.items()):
        got = facts(draft.data())
        want = facts(expected(CORPUS / f"{name}.txt"))
        tp = len(got & want)
        tp_all, got_all, want_all = tp_all + tp, got_all + len(got), want_all + len(want)
        rows.append(f"| {name} | {len(want)} | {len(got)} | {tp} |")
        misses += [f"{name}: wrong {sorted(map(str, got - want))}"] if got - want else []
        misses += [f"{name}: missed {sorted(map(str, want - got))}"] if want - got else []
    precision, recall = tp_all / max(got_all, 1), tp_all / want_all
    table = [
        "| document | expected | extracted | correct |",
        "|---|---:|---:|---:|",
        *rows,
        f"| **all** | {want_all} | {got_all} | {tp_all} ({precision:.1%} precise, "
        f"{recall:.1%} recall) |",
    ]
    print("\n" + "\n".join(table) + "\n\n" + "\n".join(misses))
    assert precision >= MIN_PRECISION, "\n".join(misses)
    assert recall >= MIN_RECALL, "\n".join(misses)


def test_every_period_the_document_states_is_placed_or_asked_about(
    drafts: dict[str, Draft],
) -> None:
    """Nothing silently dropped: each period in a real document is a value's evidence or
    one of the draft's review questions."""
    for name, draft in drafts.items():
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        quoted = " ".join(
            [f"{f.quote} {f.review or ''}" for f in draft.values]
            + [q.quote for q in draft.questions]
        )
        for line in text.splitlines():
            for duration in find_durations(line):
                said = line[duration.start : duration.end]
                assert " ".join(said.split()) in " ".join(quoted.split()), (name, said, line)


# -- one document, four formats ----------------------------------------------------------


def structure(text: str) -> list[tuple[str, str]]:
    """The corpus's plain text as blocks: ("heading" | "item" | "para", text), read as a
    person laying the page out would: list items are "- " lines; a short line on its own
    that does not end like a sentence is a heading, unless it sits right under another
    heading; a line that does not end a sentence runs on into the next."""
    from chc.policy.extract.document import ends_sentence, plain_heading_level

    out: list[tuple[str, str]] = []
    after_heading = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            after_heading = False
            out.append(("", ""))  # a blank line closes any paragraph
            continue
        last_kind, last_text = out[-1] if out else ("", "")
        open_para = last_kind in ("para", "item") and not ends_sentence(last_text)
        heading = plain_heading_level(stripped) and not after_heading
        if stripped.startswith("- "):
            out.append(("item", stripped[2:].strip()))
        elif open_para and not (last_kind == "item" and heading):
            out[-1] = (last_kind, f"{last_text} {stripped}")
        elif heading:
            out.append(("heading", stripped))
            after_heading = True
            continue
        else:
            out.append(("para", stripped))
        after_heading = False
    return [(kind, value) for kind, value in out if kind]


def as_markdown(text: str) -> str:
    marks = {"heading": "## ", "item": "- ", "para": ""}
    return "\n\n".join(marks[kind] + value for kind, value in structure(text)) + "\n"


def as_html(text: str) -> str:
    from html import escape

    body: list[str] = []
    in_list = False
    for kind, value in structure(text):
        if kind == "item" and not in_list:
            body.append("<ul>")
        if kind != "item" and in_list:
            body.append("</ul>")
        in_list = kind == "item"
        tag = {"heading": "h2", "item": "li", "para": "p"}[kind]
        body.append(f"<{tag}>{escape(value)}</{tag}>")
    if in_list:
        body.append("</ul>")
    return (
        "<!doctype html><html><head><title>Complaints</title></head><body>"
        "<nav><a href='/'>Home</a></nav><main>" + "\n".join(body) + "</main></body></html>"
    )


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.stem)
def test_text_html_word_and_pdf_give_the_same_draft(document: Path, tmp_path: Path) -> None:
    text = document.read_text(encoding="utf-8")
    source = tmp_path / f"{document.stem}.md"
    source.write_text(as_markdown(text), encoding="utf-8")
    html = tmp_path / f"{document.stem}.html"
    html.write_text(as_html(text), encoding="utf-8")
    word, pdf = tmp_path / f"{document.stem}.docx", tmp_path / f"{document.stem}.pdf"
    build_docx(source, word)
    build_pdf(source, pdf)
    want = extract(document).data()
    for other in (html, word, pdf):
        assert extract(other).data() == want, other.suffix


def test_a_markdown_rendering_keeps_every_line() -> None:
    """The builder itself drops nothing: every word of the text reaches its Markdown."""
    for document in documents():
        text = document.read_text(encoding="utf-8")
        words = re.findall(r"\w+", text)
        assert re.findall(r"\w+", as_markdown(text)) == words, document.name
