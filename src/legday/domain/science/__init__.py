"""Formulas with citations: one function per published claim, valid range enforced.

Sources, worked examples and disagreements: docs/evidence/formulas.md (cited by section).
"""
