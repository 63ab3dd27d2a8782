"""Rendering an audit summary as Markdown, JSON or one self-contained HTML page.

Markdown and HTML are built from the same list of sections (:func:`sections`), so
they show the same figures as the JSON. Headings are in English and Traditional
Chinese. A trail that did not verify is said at the top, in red in HTML, and every
section heading is marked as coming from an unverified trail.

The HTML has inline CSS and inline SVG bar charts, no scripts and no external
assets, so it can be mailed, archived or opened offline as a single file. All text
from records is escaped.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from guardrail.audit.report import DIMENSION_TITLES, PRINCIPLE_TITLES
from guardrail.policy.model import Dimension, Principle

TITLE = ("guardrail audit report", "guardrail 審計報告")
UNVERIFIED = ("unverified trail", "未經驗證的紀錄")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Counts:
    """Counts by label: a bar chart in HTML, a list in Markdown."""

    counts: dict[str, int]


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: tuple[str, str]  # English, Traditional Chinese
    body: Table | Counts
    note: str = ""
    extra: list[str] = field(default_factory=list)


def render_json(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sections(summary: dict[str, Any]) -> list[Section]:
    """The report's sections after its overview, in order."""
    refused = summary["refused_calls"]
    shown = len(refused["rows"])
    return [
        Section("policies", ("Policies in force", "生效的政策"), _policies(summary["policies"])),
        Section("tenants", ("By tenant", "按租戶"), _tenants(summary["tenants"])),
        Section(
            "dimensions",
            ("By dimension (Guideline section 2.2)", "按維度（《指引》第 2.2 節）"),
            _groups(summary["dimensions"], DIMENSION_TITLES, [d.value for d in Dimension]),
        ),
        Section(
            "principles",
            ("By principle (Guideline section 2.3)", "按原則（《指引》第 2.3 節）"),
            _groups(summary["principles"], PRINCIPLE_TITLES, [p.value for p in Principle]),
        ),
        Section("tiers", ("Risk-tier mix", "風險級別分佈"), Counts(summary["risk_tiers"])),
        Section(
            "personal-data",
            ("Personal data by entity type", "個人資料（按實體類型）"),
            _by_stage(summary["redactions"], "entity type"),
            note=(
                "Only entity types found by checks serving personal data privacy, counted separately "
                "in what was sent to the model (input) and in its answers (output). Each was redacted, "
                "or the call refused where the policy blocks that type. Threats, prohibited uses and "
                "credentials are in the next table."
            ),
        ),
        Section(
            "findings",
            ("Threats, prohibited uses and other findings by category", "威脅、禁止用途及其他發現（按類別）"),
            _by_stage(summary["findings"], "category"),
            note="Categories found by the other checks (injection, prohibited use, threats, credentials...).",
        ),
        Section(
            "refused",
            ("Refused calls", "被拒絕的調用"),
            _refused(refused["rows"]),
            note=f"{refused['total']} refused call(s); times in UTC; no content is recorded."
            + (
                f" The first {shown} are listed; `guardrail audit query --decision deny` lists all."
                if refused["total"] > shown
                else ""
            ),
        ),
        Section("codes", ("Blocks and failures by code", "攔截及失敗（按代碼）"), Counts(summary["blocked_or_failed"])),
        Section("check-errors", ("Check errors", "檢查錯誤"), Counts(summary["check_errors"])),
    ]


def _policies(policies: list[dict[str, Any]]) -> Table:
    rows = [
        [
            str(p["id"]),
            str(p["version"]),
            str(p["hash"] or "none"),
            str(p["calls"]),
            p.get("first") or "",
            p.get("last") or "",
        ]
        for p in policies
    ]
    return Table(["policy", "version", "hash", "calls", "first seen (UTC)", "last seen (UTC)"], rows)


def _tenants(tenants: dict[str, dict[str, Any]]) -> Table:
    rows = [
        [
            name,
            str(t["calls"]),
            str(t["answers"]),
            str(t["refused"]),
            str(t["redacted"]["input"]),
            str(t["redacted"]["output"]),
        ]
        for name, t in tenants.items()
    ]
    headers = ["tenant", "calls", "model answers", "refused", "personal data redacted (input)", "(output)"]
    return Table(headers, rows)


def _by_stage(stages: dict[str, dict[str, int]], label: str) -> Table:
    names = sorted(set(stages["input"]) | set(stages["output"]), key=lambda n: (-_total(stages, n), n))
    rows = [[n, str(stages["input"].get(n, 0)), str(stages["output"].get(n, 0)), str(_total(stages, n))] for n in names]
    return Table([label, "input", "output", "total"], rows)


def _total(stages: dict[str, dict[str, int]], name: str) -> int:
    return stages["input"].get(name, 0) + stages["output"].get(name, 0)


def _refused(rows: list[dict[str, Any]]) -> Table:
    keys = ["time", "request_id", "tenant", "use_case", "stage", "reason", "status"]
    headers = ["time (UTC)", "request id", "tenant", "use case", "stage", "reason code", "status"]
    return Table(headers, [["" if row.get(k) is None else str(row[k]) for k in keys] for row in rows])


_GROUP_HEADERS = ["", "checks run", "checks", "decisions", "entities", "reasons", "check errors (outcome)"]


def _groups(groups: dict[str, Any], titles: dict[Any, str], order: list[str]) -> Table:
    return Table(_GROUP_HEADERS, [[titles[key], *_group_row(groups[key])] for key in order])


def _group_row(bucket: dict[str, Any]) -> list[str]:
    return [
        str(bucket["checks_run"]),
        ", ".join(bucket["checks"]) or "no check configured",
        _pairs(bucket["decisions"]),
        _pairs(bucket["entities"]),
        _pairs(bucket["reasons"]),
        _pairs(bucket["errors"]),
    ]


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def _heading(section_heading: tuple[str, str], intact: bool) -> tuple[str, str]:
    english, chinese = section_heading
    if intact:
        return english, chinese
    return f"{english} ({UNVERIFIED[0]})", f"{chinese}（{UNVERIFIED[1]}）"


def _unverified_banner(integrity: dict[str, Any]) -> str:
    return (
        f"This trail did NOT verify: {integrity['problem'] or 'no entries'}. Every figure below comes from "
        "an unverified trail. / 此審計紀錄未能通過驗證：以下所有數字均來自未經驗證的紀錄。"
    )


def overview_lines(summary: dict[str, Any]) -> list[str]:
    """The overview: integrity first, then a line per figure (``- `` prefixed)."""
    integrity = summary["integrity"]
    coverage = summary["attribution_coverage"]
    latency = summary["latency_ms"]
    lost = integrity.get("records_lost") or 0
    interrupted = integrity.get("interrupted") or 0
    ratio = f" ({coverage['ratio']:.1%})" if coverage["ratio"] is not None else ""
    not_counted = _pairs(summary.get("not_answers") or {})
    return [
        (
            f"Integrity: {'intact' if integrity['intact'] else 'NOT intact: ' + str(integrity['problem'])} "
            f"({integrity['entries']} entries, {integrity['checkpoints']} signed checkpoints)"
        ),
        f"- Generated: {summary['generated']}",
        f"- Period: {_period(summary['period'])}",
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
        f"- Calls: {summary['calls']}; statuses: {_pairs(summary['statuses'])}",
        f"- Refused calls: {summary['refused_calls']['total']}",
        f"- Blocked or failed, by code: {_pairs(summary['blocked_or_failed']) or 'none'}",
        f"- Risk tiers: {_pairs(summary['risk_tiers'])}",
        f"- Attribution coverage: {coverage['attributed']} of {coverage['answered']} model answers signed{ratio}"
        + (f"; other records, not answers: {not_counted}" if not_counted else ""),
        f"- Latency ms: p50 {latency['p50']}, p95 {latency['p95']}, p99 {latency['p99']}, max {latency['max']}",
    ]


def _period(period: dict[str, Any]) -> str:
    first, last = period.get("first_record"), period.get("last_record")
    found = f"first record {first}, last record {last}" if first else "no records"
    asked = [f"{k} {period[k]}" for k in ("since", "until", "tenant") if period.get(k)]
    return found + (f" (selected: {', '.join(asked)})" if asked else "")


# -- Markdown ---------------------------------------------------------------------


def render_markdown(summary: dict[str, Any]) -> str:
    integrity = summary["integrity"]
    intact = bool(integrity["intact"])
    out = [f"# {TITLE[0]} / {TITLE[1]}", ""]
    if not intact:
        out += [f"**{_md(_unverified_banner(integrity))}**", ""]
    lines = overview_lines(summary)
    out += [_md(lines[0]), *[_md_item(line) for line in lines[1:]]]
    for section in sections(summary):
        english, chinese = _heading(section.heading, intact)
        out += ["", f"## {english} / {chinese}", ""]
        if section.note:
            out += [_md(section.note), ""]
        if isinstance(section.body, Table):
            out += _table_md(section.body)
        else:
            items = sorted(section.body.counts.items(), key=lambda kv: -kv[1])
            out += [f"- {_md(k)}: {v}" for k, v in items] or ["- none"]
    return "\n".join(out) + "\n"


def _md_item(line: str) -> str:
    """An overview line (``- text``) with its text made inert."""
    return "- " + _md(line[2:]) if line.startswith("- ") else _md(line)


def _table_md(table: Table) -> list[str]:
    if not table.rows:
        return ["none"]
    lines = ["| " + " | ".join(_md(h) for h in table.headers) + " |", "|" + "---|" * len(table.headers)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table.rows]
    return lines


_MARKDOWN_ACTIVE = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"})


def _md(text: str) -> str:
    """A value from the records as inert Markdown: HTML escaped (a renderer would pass
    tags through), line breaks as spaces (they would end a table row or a list item),
    and Markdown's own punctuation escaped (emphasis, links, code, cells)."""
    flat = " ".join(str(text).splitlines())
    return html.escape(flat, quote=False).translate(_MARKDOWN_ACTIVE)


# -- HTML -------------------------------------------------------------------------

_STYLE = (
    "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}"
    "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".ok{color:#176c2c}.bad{color:#b00020;font-weight:bold}"
    ".banner{background:#b00020;color:#fff;padding:.8em 1em;font-weight:bold}"
    ".note{color:#555}svg text{font:12px system-ui,sans-serif}"
)


def render_html(summary: dict[str, Any]) -> str:
    e = html.escape
    integrity = summary["integrity"]
    intact = bool(integrity["intact"])
    lines = overview_lines(summary)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(TITLE[0])} / {e(TITLE[1])}</title><style>{_STYLE}</style></head>",
        f"<body data-integrity='{'intact' if intact else 'not-intact'}'>",
        f"<h1>{_bilingual(TITLE)}</h1>",
    ]
    if not intact:
        parts.append(f"<p id='unverified' class='banner' role='alert'>{e(_unverified_banner(integrity))}</p>")
    parts += [
        f"<p id='integrity' class='{'ok' if intact else 'bad'}'>{e(lines[0])}</p>",
        "<ul id='overview'>",
        *[f"<li>{e(line.removeprefix('- '))}</li>" for line in lines[1:]],
        "</ul>",
    ]
    for section in sections(summary):
        parts.append(f"<section id='{section.anchor}'><h2>{_bilingual(_heading(section.heading, intact))}</h2>")
        if section.note:
            parts.append(f"<p class='note'>{e(section.note)}</p>")
        body = section.body
        parts.append(_table_html(body) if isinstance(body, Table) else _bar_chart(body.counts))
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _bilingual(heading: tuple[str, str]) -> str:
    return f"{html.escape(heading[0])} / <span lang='zh-Hant'>{html.escape(heading[1])}</span>"


def _table_html(table: Table) -> str:
    e = html.escape
    if not table.rows:
        return "<p>none</p>"
    head = "".join(f"<th>{e(h)}</th>" for h in table.headers)
    rows = "".join(
        "<tr>" + "".join(_cell_html(cell, first=i == 0) for i, cell in enumerate(row)) + "</tr>" for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell_html(cell: str, *, first: bool) -> str:
    if first:
        return f"<th>{html.escape(cell)}</th>"
    numeric = " class='n'" if cell.isdigit() else ""
    return f"<td{numeric}>{html.escape(cell)}</td>"


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
            f"<text x='0' y='{y + 14}'>{html.escape(label[:40])}</text>"
            f"<rect x='300' y='{y}' width='{width}' height='16' fill='#3a6ea5'/>"
            f"<text x='{305 + width}' y='{y + 14}'>{value}</text>"
        )
    return f"<svg xmlns='http://www.w3.org/2000/svg' width='900' height='{height}' role='img'>{''.join(bars)}</svg>"
