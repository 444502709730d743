"""The extraction rules measured on a corpus of policies, field by field.

Each document under tests/extract/corpus/ has a hand-written expected policy file under
tests/extract/expected/ (named by the document's first name part). ``NAME.docx.md`` and
``NAME.pdf.md`` are Markdown sources built here into a Word document and a PDF, so the
corpus covers the four formats without committing binaries. Run with ``pytest -s`` to see
the table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from chc.policy.durations import parse_duration
from chc.policy.extract import extract, render_yaml
from chc.policy.model import load_policy
from chc.yamlio import load_yaml

CORPUS = Path(__file__).parent / "extract" / "corpus"
EXPECTED = Path(__file__).parent / "extract" / "expected"
MIN_PRECISION = 0.95
MIN_RECALL = 0.85
DURATION_FIELDS = {"acknowledge", "respond", "extension", "request_within", "time_limit"}


# -- building Word and PDF documents from Markdown sources -------------------------------


def md_blocks(text: str) -> list[tuple[str, Any]]:
    """("heading", (level, text)), ("item", text), ("para", text), ("table", rows)."""
    out: list[tuple[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.strip().splitlines()
        if lines[0].startswith("#"):
            hashes, _, title = lines[0].partition(" ")
            out.append(("heading", (len(hashes), title)))
        elif lines[0].startswith("|"):
            rows = [
                [c.strip() for c in ln.strip()[1:-1].split("|")]
                for ln in lines
                if not re.match(r"^\|[\s|:-]+\|$", ln.strip())
            ]
            out.append(("table", rows))
        elif lines[0].startswith("- "):
            out.extend(("item", ln[2:].strip()) for ln in lines)
        else:
            out.append(("para", " ".join(ln.strip() for ln in lines)))
    return out


def build_docx(source: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    for kind, value in md_blocks(source.read_text(encoding="utf-8")):
        if kind == "heading":
            document.add_heading(value[1], level=value[0])
        elif kind == "item":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "para":
            document.add_paragraph(value)
        else:
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(str(target))


def build_pdf(source: Path, target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    story: list[Any] = []
    for kind, value in md_blocks(source.read_text(encoding="utf-8")):
        if kind == "heading":
            story.append(Paragraph(_escape(value[1]), styles[f"Heading{min(value[0], 3)}"]))
        elif kind == "item":
            story.append(Paragraph("• " + _escape(value), styles["BodyText"]))
        elif kind == "para":
            story.append(Paragraph(_escape(value), styles["BodyText"]))
        else:
            cells = [[Paragraph(_escape(c), styles["BodyText"]) for c in row] for row in value]
            table = Table(cells, colWidths=[460 / len(value[0])] * len(value[0]))
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)
    SimpleDocTemplate(str(target), pagesize=A4).build(story)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


BUILDERS = {".docx": build_docx, ".pdf": build_pdf}


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each corpus entry by name, with .docx.md and .pdf.md sources built."""
    folder = tmp_path_factory.mktemp("corpus")
    out: dict[str, Path] = {}
    for source in corpus_documents():
        suffixes = source.suffixes
        if len(suffixes) == 2 and suffixes[0] in BUILDERS and suffixes[1] == ".md":
            target = folder / source.name.removesuffix(".md")
            BUILDERS[suffixes[0]](source, target)
            out[target.name] = target
        else:
            out[source.name] = source
    return out


# -- scoring ---------------------------------------------------------------------------


def _norm(field: str, value: Any) -> Any:
    if isinstance(value, dict):  # a chained clock start or an exclusion by kind
        return tuple(sorted((k, _norm(k, v)) for k, v in value.items()))
    if field in DURATION_FIELDS | {"within", "older_than"}:
        d = parse_duration(str(value))
        return (d.amount, d.unit)
    if isinstance(value, bool):
        return value
    return " ".join(str(value).split()).lower().rstrip(";.")


def facts(policy: dict[str, Any]) -> set[tuple[Any, ...]]:
    """A policy as a set of field-level facts: one per value, per list item, per stage field,
    per section number in refs (a mapping of signposts counts each point it names)."""
    out: set[tuple[Any, ...]] = set()
    for key, value in policy.items():
        if key == "stages":
            for index, stage in enumerate(value):
                for k, v in stage.items():
                    if k == "refs":
                        out.update(
                            ("stages", index, "refs", f, _norm("ref", r)) for f, r in v.items()
                        )
                    else:
                        out.add(("stages", index, k, _norm(k, v)))
        elif key == "refs":
            out.update(("refs", f, _norm("ref", r)) for f, r in value.items())
        elif key == "ombudsman_signposting" and isinstance(value, dict):
            out.update((key, p if said else (p, False)) for p, said in value.items())
        elif isinstance(value, list):
            out.update((key, _norm(key, item)) for item in value)
        else:
            out.add((key, _norm(key, value)))
    return out


def score(name: str, path: Path) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    expected = load_yaml(EXPECTED / f"{name.split('.')[0]}.yaml")
    assert isinstance(expected, dict)
    got = extract(path).data()
    return facts(got), facts(expected)


def test_corpus_covers_four_formats_and_eight_documents(built: dict[str, Path]) -> None:
    assert len(built) >= 8
    assert {p.suffix for p in built.values()} >= {".txt", ".md", ".docx", ".pdf", ".html"}
    for name in built:
        assert (EXPECTED / f"{name.split('.')[0]}.yaml").exists(), name


def test_every_expected_file_is_a_valid_policy() -> None:
    for path in sorted(EXPECTED.glob("*.yaml")):
        load_policy(path)


def test_every_draft_loads_as_a_policy(built: dict[str, Path], tmp_path: Path) -> None:
    for name, path in built.items():
        draft = tmp_path / f"{name}.yaml"
        draft.write_text(render_yaml(extract(path)), encoding="utf-8")
        assert load_policy(draft).policy.stages, name


def test_precision_and_recall(built: dict[str, Path]) -> None:
    rows = []
    total_tp = total_got = total_expected = 0
    misses: list[str] = []
    for name, path in sorted(built.items()):
        got, expected = score(name, path)
        tp = len(got & expected)
        total_tp, total_got, total_expected = (
            total_tp + tp,
            total_got + len(got),
            total_expected + len(expected),
        )
        rows.append(
            f"| {name} | {len(expected)} | {len(got)} | {tp} | "
            f"{tp / len(got):.0%} | {tp / len(expected):.0%} |"
        )
        misses += [f"{name}: wrong {sorted(map(str, got - expected))}"] if got - expected else []
        misses += [f"{name}: missed {sorted(map(str, expected - got))}"] if expected - got else []
    precision, recall = total_tp / total_got, total_tp / total_expected
    table = [
        "| document | expected | extracted | correct | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        f"| **all** | {total_expected} | {total_got} | {total_tp} | "
        f"{precision:.1%} | {recall:.1%} |",
    ]
    print("\n" + "\n".join(table) + "\n\n" + "\n".join(misses))
    assert precision >= MIN_PRECISION, "\n".join(misses)
    assert recall >= MIN_RECALL, "\n".join(misses)
