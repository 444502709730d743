"""Awaab's Law clocks: the regime as data, hour and working-day clocks, one report's steps.

Public API: :func:`chc.hazards.regime.load_regime` (the regime file, validated like a Code
edition), :func:`chc.hazards.report.compute` (one hazard report's steps, statuses and
assumptions) and the clocks in :mod:`chc.hazards.clocks`. Working days come from
:mod:`chc.workdays` as it is; nothing here counts working days itself.
"""
