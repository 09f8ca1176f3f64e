"""Formulas with citations: one function per published claim, valid range enforced.

Sources, worked examples and disagreements: ../shared/science/formulas.md (cited by section).
"""
