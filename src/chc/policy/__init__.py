"""A complaints policy against the Code.

- :mod:`chc.policy.model`: the policy file's model and :func:`~chc.policy.model.load_policy`;
- :mod:`chc.policy.durations`: the spans a policy states and the working days they hold;
- :mod:`chc.policy.checks`: the check kinds, one function each, in a literal registry;
- :mod:`chc.policy.findings`: :func:`~chc.policy.findings.check_policy` and its report;
- :mod:`chc.policy.render`: the report as Markdown, HTML and GitHub annotations.
"""
