"""The annual complaints performance report.

- :mod:`chc.report.facts`: what a case file says beyond its dates (category, outcome ...);
- :mod:`chc.report.figures`: the figures, each with its numerator and definition;
- :mod:`chc.report.charts`: inline SVG charts;
- :mod:`chc.report.render`: text, Markdown and HTML.
"""
