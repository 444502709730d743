"""check-policy on an unreviewed draft never looks better than the document it came from."""

from __future__ import annotations

import json
from pathlib import Path

from chc.policy.model import draft_origin, load_policy
from conftest import run_chc

ONE_STAGE = (
    "How we handle complaints.\n\n"
    "We will acknowledge your complaint within 5 working days and respond within 10 working "
    "days.\n\nIf you are unhappy with our response, you can ask for a review of your "
    "complaint.\n"
)
STAGE_2_PROVISIONS = {"6.11", "6.12", "6.13", "6.14", "6.15"}


def _findings(data: dict[str, object]) -> dict[str, str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["provision"]: f["status"] for f in findings}


def test_a_document_suggesting_a_second_stage_does_not_pass_stage_2(tmp_path: Path) -> None:
    document = tmp_path / "policy.txt"
    document.write_text(ONE_STAGE, encoding="utf-8")
    result = run_chc("check-policy", str(document), "--code", "2024", "--format", "json")
    data = json.loads(result.stdout)
    assert data["policy"]["unreviewed_draft"] == {"suggested_stages": 2}
    statuses = _findings(data)
    assert {statuses[p] for p in STAGE_2_PROVISIONS} == {"review"}


def test_a_saved_draft_is_unreviewed_until_its_header_goes(tmp_path: Path) -> None:
    document = tmp_path / "policy.txt"
    document.write_text(ONE_STAGE, encoding="utf-8")
    draft = tmp_path / "draft.yaml"
    run_chc("extract-policy", str(document), "-o", str(draft))
    assert load_policy(draft).draft is not None
    text_view = run_chc("check-policy", str(draft), "--code", "2024").stdout
    assert "rest on an unreviewed draft" in " ".join(text_view.split())

    reviewed = tmp_path / "reviewed.yaml"
    body = "\n".join(ln for ln in draft.read_text(encoding="utf-8").splitlines() if ln[:1] != "#")
    reviewed.write_text(body + "\n", encoding="utf-8")
    result = run_chc("check-policy", str(reviewed), "--code", "2024", "--format", "json")
    data = json.loads(result.stdout)
    assert data["policy"]["unreviewed_draft"] is None
    # A person who keeps one stage has said so: stage 2's provisions do not apply.
    assert {_findings(data)[p] for p in STAGE_2_PROVISIONS} == {"pass"}


def test_a_draft_whose_stages_match_its_document_passes_what_does_not_apply(
    tmp_path: Path,
) -> None:
    """Only a shortfall against the document makes review of what does not apply."""
    from chc.codes.loading import load_edition
    from chc.policy.findings import check_policy

    policy = tmp_path / "draft.yaml"
    policy.write_text(
        "# UNREVIEWED: every value was read from the document by rules, not by a person.\n"
        "stages:\n  - name: Stage 1\n    respond: 10 working days\n"
        "  - name: Stage 2\n    respond: 20 working days\n",
        encoding="utf-8",
    )
    loaded = load_policy(policy)
    assert loaded.draft is not None and loaded.draft.suggested_stages == 0
    report = check_policy(loaded, load_edition("2024"))
    assert "review" not in {f.status for f in report.findings if "does not apply" in f.message}


def test_the_header_is_read_only_at_the_top_of_the_file() -> None:
    mark = "# UNREVIEWED: every value was read from the document by rules, not by a person."
    assert draft_origin(f"{mark}\n# The document suggests 3 stages, but ...") is not None
    assert draft_origin("stages: []\n" + "\n" * 3000 + mark) is None
    assert draft_origin("stages: []\n# a person's own comment about UNREVIEWED drafts") is None


def test_unreviewed_reports_say_so_in_markdown_and_html(tmp_path: Path) -> None:
    document = tmp_path / "policy.txt"
    document.write_text(ONE_STAGE, encoding="utf-8")
    for fmt in ("md", "html"):
        out = run_chc("check-policy", str(document), "--code", "2024", "--format", fmt).stdout
        assert "rest on an unreviewed draft" in " ".join(out.split()), fmt
