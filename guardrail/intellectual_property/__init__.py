"""Intellectual property (Guideline dimension 2.2): whole or substantial copying."""
