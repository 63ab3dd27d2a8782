"""Text handling shared by the checks: normalisation with an offset map back to the
original, and literal prefilters that skip a regex when its text cannot match.

Both the personal-data recognizers and the rule engine need them, so they live below
both (this package imports nothing else of guardrail).
"""
