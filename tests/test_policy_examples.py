"""The example policies against every edition, provision by provision.

The expected failing and not-stated provisions below were written by hand from the fact
sheets (/work/shared/reference/code-2024.md, code-2020-2022.md), the edition files'
timescales and checks, and the policy files themselves, each with its reason. They were
not copied from chc's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chc.codes.loading import load_edition
from chc.policy.findings import PolicyReport, check_policy
from chc.policy.model import load_policy
from conftest import EXAMPLES, run_chc

SEED003 = EXAMPLES / "policy-2020-seed003.yaml"
SEED004 = EXAMPLES / "policy-2024-seed004.yaml"
NONCOMPLIANT = EXAMPLES / "policy-noncompliant.yaml"

# (policy, edition) -> {"fail": {...}, "review": {...}, "not_stated": {...}}; every other
# checked provision passes. Re-judged by hand under issue 13's rules: whatever a policy
# does not state is not stated (a signposting list names only the points it states); a
# failure that rests on an unverified reading of the Code or a should-worded rule is
# review. A provision with several findings takes the worst: fail, review, not stated.
EXPECTED: dict[tuple[Path, str], dict[str, set[str]]] = {
    # Seed 003 (December 2020) against 2020: its "Feedback" steps before Stage 1 are Q3.5's
    # review (that they break the two-stage structure is chc's inference; before: fail). It
    # gives no acknowledgement time (Q4.3), no extension at either stage (Q4.8), no
    # exclusions (Q1.2), no channels (Q2.1), nothing on adjustments (Q2.3). Its 8 and 5
    # working days beat the 10 and 20 of Q4.7. No must fails: exit 0 (1 with --strict).
    (SEED003, "2020"): {
        "fail": set(),
        "review": {"Q3.5"},
        "not_stated": {"Q1.2", "Q2.1", "Q2.3", "Q4.3", "Q4.8"},
    },
    # Against 2022: the pre-complaint steps break 4.1 ("no stage 0"). The Ombudsman is
    # named at stage 1, stage 2 and the final response; refusal (1.9, 5.9) and extension
    # (5.3, 5.15) are not stated (before: 1.9 failed). Not stated: exclusions (1.8),
    # channels (2.1), adjustments (2.5), accompaniment (4.5), behaviour policy (4.18),
    # extensions (5.1, 5.13), a different person at stage 2 (5.12: "a service manager").
    (SEED003, "2022"): {
        "fail": {"4.1"},
        "review": set(),
        "not_stated": {
            "1.8",
            "1.9",
            "2.1",
            "2.5",
            "4.5",
            "4.18",
            "5.1",
            "5.3",
            "5.9",
            "5.12",
            "5.13",
            "5.15",
        },
    },
    # Against 2024: the steps before stage 1 (5.2) fail. Refusal (2.4) and extension (6.5,
    # 6.16) signposting are not stated (before: fail). Not stated: exclusions (2.2), time
    # limit (2.3), channels (3.1), accompaniment (3.6), adjustments (5.10), behaviour
    # policy (5.14), acknowledgements (6.2, 6.11), extensions (6.4, 6.15), reasons for
    # escalating (6.12), a different person at stage 2 (6.13).
    (SEED003, "2024"): {
        "fail": {"5.2"},
        "review": set(),
        "not_stated": {
            "2.2",
            "2.3",
            "2.4",
            "3.1",
            "3.6",
            "5.10",
            "5.14",
            "6.2",
            "6.4",
            "6.5",
            "6.11",
            "6.12",
            "6.13",
            "6.15",
            "6.16",
        },
    },
    # Seed 004 (April 2024) against 2020: the steps before stage 1 (Q3.5, review: chc's
    # inference); "5 working days" against the 2020 form's "five days", whose unit is
    # unverified (Q4.3, review); a 20-working-day stage 2 extension over the 10 taken from
    # 2022 by continuity (Q4.8, review). The final response (Q3.6) is not stated (it lists
    # refusal and the website). Before: Q3.5, Q3.6, Q4.3, Q4.8 all failed. Exit 0 now.
    (SEED004, "2020"): {
        "fail": set(),
        "review": {"Q3.5", "Q4.3", "Q4.8"},
        "not_stated": {"Q3.6"},
    },
    # Against 2022: the steps before stage 1 (4.1 fails; its working-day acknowledgement
    # against "five days" is a review inside it); a 20-working-day stage 2 extension
    # against 5.13's should-worded 10 (review). Extension (5.3, 5.15) and final response
    # (5.16) signposting are not stated (before: 5.16 and 5.13 failed).
    (SEED004, "2022"): {
        "fail": {"4.1"},
        "review": {"5.13"},
        "not_stated": {"5.3", "5.15", "5.16"},
    },
    # Against 2024 every timescale passes (6.2, 6.3, 6.4, 6.11, 6.14, 6.15), and 6.13 and
    # 3.6 pass on the review panel and accompaniment. It fails on the steps before stage 1
    # (5.2). Review: three exclusions the Code does not name (2.2) and a time limit counted
    # only from when the issue occurred (2.3, chc's reading). Not stated: signposting at
    # extension (6.5, 6.16) and the final response (6.19), which were fails before, and
    # reasons for escalating (6.12).
    (SEED004, "2024"): {
        "fail": {"5.2"},
        "review": {"2.2", "2.3"},
        "not_stated": {"6.5", "6.12", "6.16", "6.19"},
    },
    # The non-compliant example against 2024, the edition it claims: every planted fault,
    # extension signposting now stated false on purpose. 3.6 is not stated (representation
    # and accompaniment both left out).
    (NONCOMPLIANT, "2024"): {
        "fail": {"2.3", "3.1", "5.2", "5.3", "6.3", "6.5", "6.12", "6.14", "6.16"},
        "review": set(),
        "not_stated": {"3.6"},
    },
    # Against 2022: one channel (2.1); the stage 0 (4.1); 15 working days from
    # acknowledgement against 10 from logging (5.1); 6 weeks at stage 2 (5.13; its
    # 20-working-day extension is a review inside it); stage 3's 20 working days from
    # acknowledgement against 20 from the request (5.18); extension signposting stated
    # false (5.3, 5.15, should). Three stages are allowed (5.17). Accompaniment and
    # representation not stated (4.5).
    (NONCOMPLIANT, "2022"): {
        "fail": {"2.1", "4.1", "5.1", "5.3", "5.13", "5.15", "5.18"},
        "review": set(),
        "not_stated": {"4.5"},
    },
    # Against 2020: one channel (Q2.1, should). Everything else rests on unverified 2020
    # readings, so review: the stage 0 (Q3.5), the working-day acknowledgement (Q4.3), the
    # response clocks from acknowledgement against receipt and the stage 2 and 3 figures
    # taken from 2022 (Q4.7), the stage 2 extension (Q4.8). Representatives not stated
    # (Q6.1). Before: Q3.5, Q4.3 and Q4.7 were must failures; now exit 0 (1 with --strict).
    (NONCOMPLIANT, "2020"): {
        "fail": {"Q2.1"},
        "review": {"Q3.5", "Q4.3", "Q4.7", "Q4.8"},
        "not_stated": {"Q6.1"},
    },
}

CASES = sorted(EXPECTED, key=lambda k: (k[0].name, k[1]))


def report(policy: Path, code: str) -> PolicyReport:
    return check_policy(load_policy(policy), load_edition(code))


@pytest.mark.parametrize(("policy", "code"), CASES, ids=[f"{p.stem}-{c}" for p, c in CASES])
def test_failing_and_not_stated_provisions(policy: Path, code: str) -> None:
    statuses = report(policy, code).provision_status()
    got = {
        status: {pid for pid, s in statuses.items() if s == status}
        for status in ("fail", "review", "not_stated")
    }
    assert got == EXPECTED[(policy, code)]


@pytest.mark.parametrize(("policy", "code"), CASES, ids=[f"{p.stem}-{c}" for p, c in CASES])
def test_exit_status_follows_must_failures_and_strict(policy: Path, code: str) -> None:
    edition = load_edition(code)
    expected = EXPECTED[(policy, code)]

    def musts(pids: set[str]) -> set[str]:
        return {p for p in pids if (q := edition.provision(p)) and q.obligation == "must"}

    must_fails = bool(musts(expected["fail"]))
    open_musts = bool(musts(expected["review"] | expected["not_stated"]))
    assert report(policy, code).failed_must == must_fails
    plain = run_chc("check-policy", str(policy), "--code", code).exit_code
    strict = run_chc("check-policy", str(policy), "--code", code, "--strict").exit_code
    assert plain == (1 if must_fails else 0)
    assert strict == (1 if must_fails or open_musts else 0)


def test_every_example_fails_under_strict_in_every_edition() -> None:
    """Each example leaves some must provision failing, to review or unstated everywhere."""
    for policy, code in CASES:
        expected = EXPECTED[(policy, code)]
        assert expected["fail"] | expected["review"] | expected["not_stated"], (policy, code)


def test_seed004_passes_every_2024_timescale() -> None:
    statuses = report(SEED004, "2024").provision_status()
    for pid in ("6.2", "6.3", "6.4", "6.11", "6.14", "6.15"):
        assert statuses[pid] == "pass", pid


def test_seed003_feedback_steps_are_the_q35_review() -> None:
    items = [f for f in report(SEED003, "2020").findings if f.provision == "Q3.5"]
    by_check = {f.check: f for f in items}
    assert by_check["stage_count"].status == "pass"
    steps = by_check["no_pre_complaint_steps"]
    # Review, not fail: that steps before stage one break 2020's structure is an inference.
    assert steps.status == "review"
    assert steps.assumption is not None and "extra stages" in steps.assumption
    assert steps.found == "Feedback, Feedback with Investigation"
    assert steps.line == 29  # pre_complaint_steps: in the example file
    assert steps.ref == "4"  # the policy's own section, cited in reports


def test_seed003_has_no_acknowledgement_timescale() -> None:
    (f,) = [f for f in report(SEED003, "2020").findings if f.provision == "Q4.3"]
    assert (f.status, f.check) == ("not_stated", "max_duration")
    assert f.line == 16  # the Stage 1 item


def test_noncompliant_faults_point_at_their_lines() -> None:
    """Each planted fault is reported at the line that carries it in the example."""
    got = {
        (f.provision, f.line) for f in report(NONCOMPLIANT, "2024").findings if f.status == "fail"
    }
    text = NONCOMPLIANT.read_text(encoding="utf-8").splitlines()

    def line_of(start: str, after: int = 0) -> int:
        return next(n for n, t in enumerate(text, 1) if n > after and t.strip().startswith(start))

    stage2 = line_of("- name: Stage 2")
    stage3 = line_of("- name: Stage 3")
    assert {
        ("2.3", line_of("time_limit:")),
        ("2.3", line_of("time_limit_discretion:")),
        ("3.1", line_of("channels:")),
        ("5.2", line_of("pre_complaint_steps:")),
        ("5.3", line_of("stages:")),
        ("6.3", line_of("respond: 15 working days")),
        ("6.14", line_of("respond: 6 weeks")),
        ("6.12", line_of("reasons_required: true", stage2)),
        ("6.12", line_of("reasons_required: true", stage3)),
        ("6.5", line_of("ombudsman_signposting:")),
        ("6.16", line_of("ombudsman_signposting:")),
    } == got


def test_noncompliant_representation_and_accompaniment_not_stated_have_no_line() -> None:
    found = [f for f in report(NONCOMPLIANT, "2024").findings if f.provision == "3.6"]
    assert [(f.status, f.line, f.column) for f in found] == [("not_stated", None, None)] * 2


def test_every_self_assessed_provision_is_reported_or_has_a_check() -> None:
    """Manual provisions are listed; checked provisions all give at least one finding."""
    for code in ("2020", "2022", "2024"):
        edition = load_edition(code)
        r = report(SEED004, code)
        reported = set(r.provision_status())
        for p in edition.provisions:
            if p.self_assessed and not p.checks:
                assert r.provision_status()[p.id] == "manual"
        checked = {p.id for p in edition.provisions if p.self_assessed and p.checks}
        # A stage 3 timescale (2022 5.18) has nothing to check in a two-stage policy.
        assert checked - reported <= {"5.18"}


@pytest.mark.parametrize("policy", [SEED003, SEED004, NONCOMPLIANT], ids=lambda p: p.stem)
def test_encoding_less_never_fails_more(policy: Path, tmp_path: Path) -> None:
    """Issue 13: deleting a true line once turned 1 failure into 5 (signposting was read as a
    closed list). Leaving a field out may only make findings not stated: no provision that
    did not fail may fail because less was written down."""
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(policy.read_text(encoding="utf-8"))
    before = {pid for pid, s in report(policy, "2024").provision_status().items() if s == "fail"}
    for key in [k for k in data if k not in ("stages", "code")]:
        trimmed = {k: v for k, v in data.items() if k != key}
        path = tmp_path / f"{key}.yaml"
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(trimmed, out)
        after = {pid for pid, s in report(path, "2024").provision_status().items() if s == "fail"}
        assert after <= before, (key, after - before)
