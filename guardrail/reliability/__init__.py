"""Reliability and trustworthiness (Guideline dimension 2.2): unverifiable answers."""
