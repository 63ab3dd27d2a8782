"""``guardrail demo``: the default policy at work on synthetic Hong Kong prompts.

Every person, number and address here is invented.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.table import Table

from guardrail.core import CallContext, Payload, Stage
from guardrail.core.pipeline import Pipeline
from guardrail.policy import LoadedPolicy

SAMPLES = (
    (
        "Please draft a reply to Chan Tai Man (HKID A123456(3)) about order ORD-20931. "
        "He can be reached at +852 9123 4567 or taiman.chan@example.com.hk."
    ),
    "客戶陳大文住在九龍彌敦道264號40樓A室，電話 ９１２３ ４５６７，身份證 Ｇ１２３４５６(Ａ)。",
    (
        "Summarise: Ms Gloria Chan Kin Wah paid HK$2,350 on 3 May 2025 with card "
        "4111 1111 1111 1111; ship to Flat 12B, 88 Queen's Road Central, Central."
    ),
    (
        "Our server at 203.0.113.54 locked out Jason Cheung (passport K12345678) "
        "during Case #5521; call 2345-6789 ext. 12."
    ),
)


def run_demo(loaded: LoadedPolicy, pipeline: Pipeline, console: Console) -> None:
    context = CallContext(
        policy=loaded.ref,
        use_case=loaded.policy.default_use_case,
        risk_tier=loaded.policy.use_cases[loaded.policy.default_use_case].tier,
    )
    console.print(f"[bold]policy[/] {loaded.ref.id} {loaded.ref.version} {loaded.ref.content_hash}")
    table = Table(show_lines=True, title="What leaves for the model")
    table.add_column("prompt (synthetic)")
    table.add_column("sent upstream")
    table.add_column("findings")
    table.add_column("ms", justify="right")
    for sample in SAMPLES:
        payload = Payload(Stage.INPUT, ({"role": "user", "content": sample},))
        started = time.perf_counter()
        verdict = pipeline(payload, context)
        elapsed = (time.perf_counter() - started) * 1000
        final = verdict.payload or payload
        findings = [f for step in verdict.steps for f in step.verdict.findings]
        summary = ", ".join(sorted({f.entity_type for f in findings})) or "none"
        table.add_row(
            sample, str(final.messages[0]["content"]), f"{verdict.decision.value}: {summary}", f"{elapsed:.1f}"
        )
    console.print(table)
