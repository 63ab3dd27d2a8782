"""The Markdown report keeps values from records inert: no HTML, no line breaks, no
Markdown of their own."""

from __future__ import annotations

from guardrail.audit.render import render_markdown
from guardrail.audit.report import summarise
from guardrail.audit.verify import ChainReport

HOSTILE = "<img src=x onerror=alert(1)>\n## Forged heading\n| forged | row |\n[click](http://evil.example) *bold*"


def test_values_from_records_cannot_add_html_lines_links_or_cells() -> None:
    records = [
        {
            "status": 400,
            "tenant": HOSTILE,
            "use_case": HOSTILE,
            "risk_tier": "low",
            "error": HOSTILE,
            "checks": [
                {
                    "check": HOSTILE,
                    "stage": "input",
                    "decision": "deny",
                    "reason": HOSTILE,
                    "dimensions": ["system_security"],
                    "principles": ["compliance"],
                    "entities": {HOSTILE: 1},
                    "error": {"type": HOSTILE, "outcome": "failed_open"},
                }
            ],
        }
    ]
    report = ChainReport(entries=1, calls=1, warnings=[HOSTILE])
    page = render_markdown(summarise(records, report, period={"tenant": HOSTILE}))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "\n## Forged heading" not in page and "\n| forged" not in page
    assert "[click](" not in page and "\\[click\\]" in page
    cells = 0
    for line in page.splitlines():
        if not line.startswith("|"):
            cells = 0
        elif cells == 0:  # a table's header row: its rows must keep its number of cells
            cells = line.count("|")
        else:
            assert line.replace("\\|", "").count("|") == cells, line
