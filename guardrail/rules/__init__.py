"""Pattern rule sets: the detection engine behind the prohibited-use and
prompt-injection checks, with rules kept as data (YAML) that a provider can extend."""

from guardrail.rules.engine import RuleMatch, RuleSet, RuleSetError, load_rule_sets, prepare
from guardrail.rules.model import Rule, RuleSetFile

__all__ = ["Rule", "RuleMatch", "RuleSet", "RuleSetError", "RuleSetFile", "load_rule_sets", "prepare"]
