"""Build examples/complaints-policy.docx from examples/complaints-policy.txt: the same
invented policy as a Word document, for the README's `chc extract-policy` example.

    .venv/bin/python scripts/make_sample_policy.py

The first line is the title, a numbered line ("5. Stage 1") a heading, every other
paragraph body text. The document's creation date is fixed, so that the file is the same
on every run.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parents[1]
HEADING = re.compile(r"^\d+\. ")


def main() -> None:
    source = ROOT / "examples" / "complaints-policy.txt"
    paragraphs = [p for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    doc = Document()
    props = doc.core_properties
    props.title = paragraphs[0].strip()
    props.author = "chc examples"
    props.created = props.modified = datetime(2024, 3, 1)
    props.last_modified_by = "chc examples"
    props.revision = 1
    doc.add_heading(paragraphs[0].strip(), level=0)
    for text in paragraphs[1:]:
        text = " ".join(text.split())
        if HEADING.match(text):
            doc.add_heading(text, level=1)
        else:
            doc.add_paragraph(text)
    doc.save(str(ROOT / "examples" / "complaints-policy.docx"))


if __name__ == "__main__":
    main()
