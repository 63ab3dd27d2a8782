"""Crime prevention (Guideline dimension 2.2): refusing prohibited uses."""
