"""Rendering an audit summary as Markdown or as one self-contained HTML page.

The HTML has inline CSS and inline SVG bar charts, no scripts and no external
assets, so it can be mailed, archived or opened offline as a single file. All text
from records is escaped.
"""

from __future__ import annotations

import html
import json
from typing import Any

from guardrail.audit.report import DIMENSION_TITLES, PRINCIPLE_TITLES, group_counts
from guardrail.policy.model import Dimension, Principle


def render_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_markdown(summary: dict[str, Any]) -> str:
    out = ["# guardrail audit report", ""]
    out += [_md_item(line) for line in _overview_lines(summary)]
    out += ["", "## By dimension (Guideline section 2.2)", ""]
    out += _table_md(summary["dimensions"], DIMENSION_TITLES, [d.value for d in Dimension])
    out += ["", "## By principle (Guideline section 2.3)", ""]
    out += _table_md(summary["principles"], PRINCIPLE_TITLES, [p.value for p in Principle])
    for title, counts in group_counts(summary).items():
        out += ["", f"## {title}", ""]
        out += [f"- {_md(k)}: {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])] or ["- none"]
    out += ["", "## Check errors", ""]
    out += [f"- {_md(k)}: {v}" for k, v in summary["check_errors"].items()] or ["- none"]
    return "\n".join(out) + "\n"


def _md_item(line: str) -> str:
    """An overview line (``- text`` or a bare first line) with its text made inert."""
    return "- " + _md(line[2:]) if line.startswith("- ") else _md(line)


def render_html(summary: dict[str, Any]) -> str:
    e = html.escape
    integrity = summary["integrity"]
    status = "intact" if integrity["intact"] else f"NOT intact: {integrity['problem']}"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>guardrail audit report</title><style>",
        "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}",
        "table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}",
        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}",
        "th{background:#f3f3f3}.ok{color:#176c2c}.bad{color:#b00020;font-weight:bold}",
        "svg text{font:12px system-ui,sans-serif}</style></head><body>",
        "<h1>guardrail audit report</h1>",
        (
            f"<p class='{'ok' if integrity['intact'] else 'bad'}'>Integrity: {e(status)} "
            f"({integrity['entries']} entries, {integrity['checkpoints']} signed checkpoints)</p>"
        ),
        "<ul>",
        *[f"<li>{e(line.removeprefix('- '))}</li>" for line in _overview_lines(summary)[1:]],
        "</ul>",
        "<h2>By dimension (Guideline section 2.2)</h2>",
        _table_html(summary["dimensions"], DIMENSION_TITLES, [d.value for d in Dimension]),
        "<h2>By principle (Guideline section 2.3)</h2>",
        _table_html(summary["principles"], PRINCIPLE_TITLES, [p.value for p in Principle]),
    ]
    for title, counts in group_counts(summary).items():
        parts += [f"<h2>{e(title)}</h2>", _bar_chart(counts)]
    parts += ["<h2>Check errors</h2>", _bar_chart(summary["check_errors"]), "</body></html>"]
    return "\n".join(parts) + "\n"


def _overview_lines(summary: dict[str, Any]) -> list[str]:
    integrity = summary["integrity"]
    coverage = summary["attribution_coverage"]
    latency = summary["latency_ms"]
    period = summary["period"]
    lost = integrity.get("records_lost") or 0
    interrupted = integrity.get("interrupted") or 0
    return [
        f"Integrity: {'intact' if integrity['intact'] else 'NOT intact: ' + str(integrity['problem'])}",
        *([f"- Records lost while the trail could not be written: {lost}"] if lost else []),
        *(
            [f"- Calls interrupted (begun, the proxy stopped before their record): {interrupted}"]
            if interrupted
            else []
        ),
        (
            f"- Calls the proxy handled: {summary['calls'] + lost + interrupted} "
            f"({summary['calls']} recorded, {lost} lost, {interrupted} interrupted)"
        ),
        *[f"- Warning: {warning}" for warning in integrity.get("warnings") or []],
        f"- Period: {period.get('since') or 'start'} to {period.get('until') or 'end'}"
        + (f", tenant {period['tenant']}" if period.get("tenant") else ""),
        f"- Calls: {summary['calls']}; statuses: {_pairs(summary['statuses'])}",
        f"- Blocked or failed, by code: {_pairs(summary['blocked_or_failed']) or 'none'}",
        f"- Risk tiers: {_pairs(summary['risk_tiers'])}",
        f"- Attribution coverage: {coverage['attributed']} of {coverage['answered']} answers",
        f"- Latency ms: p50 {latency['p50']}, p95 {latency['p95']}, p99 {latency['p99']}, max {latency['max']}",
    ]


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def _row(bucket: dict[str, Any]) -> list[str]:
    return [
        str(bucket["checks_run"]),
        ", ".join(bucket["checks"]) or "no check configured",
        _pairs(bucket["decisions"]),
        _pairs(bucket["entities"]),
        _pairs(bucket["reasons"]),
        _pairs(bucket["errors"]),
    ]


_HEADERS = ["", "checks run", "checks", "decisions", "entities", "reasons", "check errors (outcome)"]


def _table_md(groups: dict[str, Any], titles: dict[Any, str], order: list[str]) -> list[str]:
    lines = ["| " + " | ".join(_HEADERS) + " |", "|" + "---|" * len(_HEADERS)]
    for key in order:
        lines.append("| " + " | ".join([titles[key]] + [_md(c) for c in _row(groups[key])]) + " |")
    return lines


def _table_html(groups: dict[str, Any], titles: dict[Any, str], order: list[str]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in _HEADERS)
    rows = "".join(
        "<tr>" + f"<th>{e(titles[key])}</th>" + "".join(f"<td>{e(c)}</td>" for c in _row(groups[key])) + "</tr>"
        for key in order
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def _bar_chart(counts: dict[str, int]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return "<p>none</p>"
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:20]
    top = max(v for _, v in items) or 1
    height = 22 * len(items) + 10
    bars = []
    for i, (label, value) in enumerate(items):
        y = 5 + 22 * i
        width = max(1, int(500 * value / top))
        bars.append(
            f"<text x='0' y='{y + 14}'>{html.escape(label)[:40]}</text>"
            f"<rect x='300' y='{y}' width='{width}' height='16' fill='#3a6ea5'/>"
            f"<text x='{305 + width}' y='{y + 14}'>{value}</text>"
        )
    return f"<svg xmlns='http://www.w3.org/2000/svg' width='900' height='{height}' role='img'>{''.join(bars)}</svg>"


_MARKDOWN_ACTIVE = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"})


def _md(text: str) -> str:
    """A value from the records as inert Markdown: HTML escaped (a renderer would pass
    tags through), line breaks as spaces (they would end a table row or a list item),
    and Markdown's own punctuation escaped (emphasis, links, code, cells)."""
    flat = " ".join(str(text).splitlines())
    return html.escape(flat, quote=False).translate(_MARKDOWN_ACTIVE)
