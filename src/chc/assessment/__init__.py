"""The annual self-assessment against an edition's form.

- :mod:`chc.assessment.answers`: the answers file, reading and checking it;
- :mod:`chc.assessment.carry`: answers from a policy check, or carried from last year;
- :mod:`chc.assessment.render`: scaffold, and the form as Markdown and HTML.
"""
