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

# (policy, edition) -> {"fail": {...}, "not_stated": {...}}; every other checked provision
# passes.
EXPECTED: dict[tuple[Path, str], dict[str, set[str]]] = {
    # Seed 003 (December 2020) against 2020: its "Feedback" and "Feedback with
    # Investigation" steps come before Stage 1 (Q3.5); it gives no acknowledgement time
    # (Q4.3), no extension at either stage (Q4.8), no exclusions (Q1.2), no channels
    # (Q2.1) and nothing on reasonable adjustments (Q2.3). Its 8 and 5 working days beat
    # the 10 and 20 of Q4.7.
    (SEED003, "2020"): {
        "fail": {"Q3.5"},
        "not_stated": {"Q1.2", "Q2.1", "Q2.3", "Q4.3", "Q4.8"},
    },
    # Against 2022: the pre-complaint steps break 4.1 ("no stage 0"); the Ombudsman is
    # named at stage 1, stage 2 and the final response but not at refusal (1.9). Not
    # stated: exclusions (1.8), channels (2.1), adjustments (2.5), an unacceptable
    # behaviour policy (4.18), the extensions in 5.1 and 5.13. Stage 2's "10 days" to
    # escalate satisfies 4.13.
    (SEED003, "2022"): {
        "fail": {"1.9", "4.1"},
        "not_stated": {"1.8", "2.1", "2.5", "4.18", "5.1", "5.13"},
    },
    # Against 2024: the steps before stage 1 (5.2); the Ombudsman named neither at refusal
    # (2.4) nor at extension (6.5, 6.16). Not stated: exclusions (2.2), time limit (2.3),
    # channels (3.1), adjustments (5.10), behaviour policy (5.14), acknowledgements (6.2,
    # 6.11), extensions (6.4, 6.15), reasons for escalating (6.12).
    (SEED003, "2024"): {
        "fail": {"2.4", "5.2", "6.5", "6.16"},
        "not_stated": {"2.2", "2.3", "3.1", "5.10", "5.14", "6.2", "6.4", "6.11", "6.12", "6.15"},
    },
    # Seed 004 (April 2024) against 2020: "Quick Fix" and "Risk Filter: Screening" come
    # before stage 1 (Q3.5); no Ombudsman at the final response (Q3.6); "5 working days"
    # is longer than the 2020 form's "five days" read as calendar days (Q4.3); its stage 2
    # extension of 20 working days is over the 10 used for 2020 (Q4.8).
    (SEED004, "2020"): {"fail": {"Q3.5", "Q3.6", "Q4.3", "Q4.8"}, "not_stated": set()},
    # Against 2022: the steps before stage 1 and the working-day acknowledgement (4.1);
    # a 20-working-day stage 2 extension over 2022's 10 (5.13); no Ombudsman at the final
    # response (5.16).
    (SEED004, "2022"): {"fail": {"4.1", "5.13", "5.16"}, "not_stated": set()},
    # Against 2024 every timescale passes (6.2, 6.3, 6.4, 6.11, 6.14, 6.15). It fails on
    # the steps before stage 1 (5.2) and on naming the Ombudsman at extension (6.5, 6.16)
    # and at the final response (6.19): it only lists refusal and the website. Not stated:
    # discretion for late complaints (2.3), reasons for escalating (6.12).
    (SEED004, "2024"): {"fail": {"5.2", "6.5", "6.16", "6.19"}, "not_stated": {"2.3", "6.12"}},
    # The non-compliant example against 2024, the edition it claims: every planted fault.
    (NONCOMPLIANT, "2024"): {
        "fail": {"2.3", "3.1", "5.2", "5.3", "6.3", "6.5", "6.12", "6.14", "6.16"},
        "not_stated": {"3.6"},
    },
    # Against 2022: one channel (2.1); the stage 0 and a working-day acknowledgement
    # (4.1); 15 working days from acknowledgement against 10 from logging (5.1); 6 weeks
    # and a 20-working-day extension at stage 2 (5.13); stage 3's 20 working days from
    # acknowledgement against 20 from the request (5.18). Three stages are allowed (5.17).
    # Representatives not stated (4.5).
    (NONCOMPLIANT, "2022"): {
        "fail": {"2.1", "4.1", "5.1", "5.13", "5.18"},
        "not_stated": {"4.5"},
    },
    # Against 2020: one channel (Q2.1), the stage 0 (Q3.5), the acknowledgement in working
    # days (Q4.3), 15 working days from acknowledgement against 10 from receipt (Q4.7),
    # a 20-working-day stage 2 extension (Q4.8). Representatives not stated (Q6.1).
    (NONCOMPLIANT, "2020"): {
        "fail": {"Q2.1", "Q3.5", "Q4.3", "Q4.7", "Q4.8"},
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
        "fail": {pid for pid, s in statuses.items() if s == "fail"},
        "not_stated": {pid for pid, s in statuses.items() if s == "not_stated"},
    }
    assert got == EXPECTED[(policy, code)]


@pytest.mark.parametrize(("policy", "code"), CASES, ids=[f"{p.stem}-{c}" for p, c in CASES])
def test_exit_code_is_1_when_a_must_fails(policy: Path, code: str) -> None:
    r = report(policy, code)
    edition = load_edition(code)
    must_fails = {
        pid
        for pid in EXPECTED[(policy, code)]["fail"]
        if (p := edition.provision(pid)) is not None and p.obligation == "must"
    }
    # Every example fails at least one 'must' provision in every edition.
    assert must_fails
    assert r.failed_must
    assert run_chc("check-policy", str(policy), "--code", code).exit_code == 1


def test_seed004_passes_every_2024_timescale() -> None:
    statuses = report(SEED004, "2024").provision_status()
    for pid in ("6.2", "6.3", "6.4", "6.11", "6.14", "6.15"):
        assert statuses[pid] == "pass", pid


def test_seed003_feedback_steps_are_the_q35_failure() -> None:
    items = [f for f in report(SEED003, "2020").findings if f.provision == "Q3.5"]
    by_check = {f.check: f for f in items}
    assert by_check["stage_count"].status == "pass"
    steps = by_check["no_pre_complaint_steps"]
    assert steps.status == "fail"
    assert steps.found == "Feedback, Feedback with Investigation"
    assert steps.line == 26  # pre_complaint_steps: in the example file


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


def test_noncompliant_representatives_not_stated_has_no_line() -> None:
    (f,) = [f for f in report(NONCOMPLIANT, "2024").findings if f.provision == "3.6"]
    assert (f.status, f.line, f.column) == ("not_stated", None, None)


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
