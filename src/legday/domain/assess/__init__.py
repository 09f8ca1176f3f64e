"""Lower-body tests scored against published norms.

Each test is one data file in ``data/`` (inputs, units, norm tables with their sources, the scoring
rule in words) plus a small scoring function named by its ``scorer`` field. Entry points:
:func:`legday.domain.assess.registry.get` / ``all_tests`` and
:func:`legday.domain.assess.scoring.score`.
"""
