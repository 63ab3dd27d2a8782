"""``python -m guardrail.cli``: the same as the ``guardrail`` command."""

from guardrail.cli.app import main

main()
