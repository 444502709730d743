"""`chc extract-policy` and `chc check-policy DOCUMENT`: what is written, what is shown, and
each kind of bad input ending with exit 2, a message saying which, and nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chc.policy.model import load_policy
from conftest import run_chc

CORPUS = Path(__file__).parent / "extract" / "corpus"
SEED003 = CORPUS / "seed003.txt"


def test_writes_a_draft_that_loads_and_quotes_its_evidence(tmp_path: Path) -> None:
    out = tmp_path / "policy.yaml"
    run = run_chc("extract-policy", str(SEED003), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "UNREVIEWED" in text
    # The seed's own sentence, copied word for word, in the comment above its value
    # (comments wrap: join their lines to read them).
    unwrapped = re.sub(r"\n\s*#   ", " ", text)
    assert '"A response is made within 8 working days."\n    respond: 8 working days' in unwrapped
    assert "respond: 8 working days" in text
    assert "review:" in text  # "of the escalation" is vague about the stage 2 clock
    assert "# time_limit: looked for" in text
    policy = load_policy(out).policy
    assert [s.name for s in policy.stages] == ["Stage 1", "Stage 2"]
    assert str(policy.stages[1].request_within) == "10 days"


def test_json_format_lists_evidence_and_what_was_not_found() -> None:
    run = run_chc("extract-policy", str(SEED003), "--format", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["reviewed"] is False
    assert data["policy"]["stages"][0] == {
        "name": "Stage 1",
        "respond": "8 working days",
        "refs": {"name": "4", "respond": "4"},  # under "4. Feedback, complaints and escalation"
    }
    respond = next(e for e in data["evidence"] if e["field"] == "stages[0].respond")
    assert respond["quote"] == "A response is made within 8 working days."
    assert respond["line"] == 47  # the Stage 1 paragraph's line in the seed text
    assert respond["section"] == "4"
    assert {"field": "stages[0].acknowledge"}.items() <= next(
        m for m in data["not_found"] if m["field"] == "stages[0].acknowledge"
    ).items()


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "policy.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    run = run_chc("extract-policy", str(SEED003), "-o", str(out))
    assert run.exit_code == 2
    assert "--force" in run.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_check_policy_on_a_document_says_first_that_it_rests_on_a_draft() -> None:
    run = run_chc("check-policy", str(SEED003), "--code", "2020", "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    assert run.stderr.lstrip().startswith("chc: note:")
    assert "UNREVIEWED" in run.stderr
    report = json.loads(run.stdout)
    assert report  # the findings themselves are the policy checks' business


def test_draft_feeds_the_self_assessment_scaffold(tmp_path: Path) -> None:
    draft = tmp_path / "policy.yaml"
    assert run_chc("extract-policy", str(SEED003), "-o", str(draft)).exit_code == 0
    answers = tmp_path / "answers.yaml"
    run = run_chc(
        "self-assessment", "scaffold", "--code", "2024", "--from-policy", str(draft),
        "-o", str(answers),
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert answers.exists()


# -- bad input ---------------------------------------------------------------------------


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "Complaints policy. Stage 1: we respond within 10 working days.")
    c.save()


def _scanned_pdf(path: Path) -> None:
    """A page with only a picture on it, as a scanner makes."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = Path(__file__).parent / "extract" / "scan.png"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(str(png)), 72, 500, width=200, height=100)
    c.save()


def _empty_docx(path: Path) -> None:
    import docx

    docx.Document().save(str(path))


BAD: dict[str, tuple[str, object, str]] = {
    "unreadable docx": ("policy.docx", b"this is not a zip file", "cannot be read as a Word"),
    "unreadable pdf": ("policy.pdf", b"%PDF-1.4 garbage", "cannot be read as a PDF"),
    "encrypted docx": (
        "policy.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "password-protected (encrypted)",
    ),
    "encrypted pdf": ("policy.pdf", _encrypted_pdf, "password-protected (encrypted)"),
    "scanned pdf": ("policy.pdf", _scanned_pdf, "no text layer"),
    "empty text": ("policy.txt", b"   \n\n", "the document is empty"),
    "empty docx": ("policy.docx", _empty_docx, "the document is empty"),
    "not about complaints": (
        "minutes.txt",
        b"Board minutes, 3 May 2024.\n\nThe board approved the budget.\n",
        "never mentions complaints",
    ),
    "no stages": (
        "letter.md",
        b"# Your complaint\n\nThank you for your complaint. We will be in touch.\n",
        "found no complaint stages",
    ),
    "not a known format": ("policy.odt", b"PK", "chc reads"),
    "not UTF-8 text": ("policy.txt", b"Complaints \xff\xfe policy", "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_and_writes_nothing(case: str, tmp_path: Path) -> None:
    name, content, message = BAD[case]
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        content(source)  # type: ignore[operator]
    out = tmp_path / "policy.yaml"
    run = run_chc("extract-policy", str(source), "-o", str(out))
    assert run.exit_code == 2, run.stdout
    assert message in run.stderr
    assert str(source) in run.stderr.replace("\n", "")
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_missing_document(tmp_path: Path) -> None:
    run = run_chc("extract-policy", str(tmp_path / "nope.docx"))
    assert run.exit_code == 2
    assert "file not found" in run.stderr
