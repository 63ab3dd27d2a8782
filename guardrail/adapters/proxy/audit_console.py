"""The console's audit view: the auditor's report, live, in the browser.

Served with the review console (``console: {enabled: true}``). The page
(``/console/audit``) is a static shell with no data in it, like the review queue: its
script fetches the view with the key the auditor types and places it in the page. The
view itself is rendered here, on the server: the figures are
:func:`guardrail.audit.report.summarise`'s, the same the ``guardrail audit report``
command prints, read from the live trail and verified as ``guardrail audit verify
--live`` verifies it; the chart of calls over time is inline SVG; every value taken
from a record is escaped. A trail that does not verify is said at the top, in red,
and every figure is marked as coming from it.

Only a reviewer entry with ``auditor: true`` opens it (``tenants`` narrows what it
sees); an API client's key, a plain reviewer's or none gets a JSON error, recorded
as refused requests are. A call's drill-down shows its records as stored: records
hold no content unless the policy's consent-gated capture put it there.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from guardrail.adapters.proxy.auth import presented_key
from guardrail.adapters.proxy.config import ReviewerConfig
from guardrail.adapters.proxy.errors import ProxyError
from guardrail.adapters.proxy.state import Proxy
from guardrail.attribution import load_jwks
from guardrail.audit import Trail, TrailUnreadable, open_trail, verify_trail
from guardrail.audit.query import Filter, call_records
from guardrail.audit.records import CHECKPOINT_JWKS, POSTGRES_TRAIL
from guardrail.audit.render import UNVERIFIED, Counts, Section, Table, overview_lines, sections
from guardrail.audit.report import iso_time, summarise
from guardrail.audit.verify import ChainReport
from guardrail.core.context import new_request_id
from guardrail.runtime.call import record_request

# Bucket widths for the chart of calls over time, narrowest first: the first that
# draws the period in at most MAX_BARS bars is used.
BUCKETS = ((60, "minute"), (300, "5 minutes"), (3600, "hour"), (21_600, "6 hours"), (86_400, "day"), (604_800, "week"))
MAX_BARS = 60
# The fragments are data for the console's page, never a page to open: nothing in them may load or run.
FRAGMENT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
MAX_RECORDS_SHOWN = 20  # records of one request id (a call and its review steps)
TENANT_PATTERN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-")


@dataclass(frozen=True)
class Auditor:
    """Who opened the view: a reviewer id, and the tenants it may see (``None``: all)."""

    id: str
    tenants: frozenset[str] | None


class AuditorRing:
    """Reviewer entries with ``auditor: true``, by key digest (as every key is held)."""

    def __init__(self, reviewers: Sequence[ReviewerConfig]) -> None:
        self._auditors: dict[bytes, Auditor] = {}
        self._reviewers: set[bytes] = set()
        for entry in reviewers:
            digest = _digest(entry.key.get_secret_value())
            self._reviewers.add(digest)
            if entry.auditor:
                tenants = frozenset(entry.tenants) if entry.tenants is not None else None
                self._auditors[digest] = Auditor(entry.id, tenants)

    def auditor(self, request: Request, proxy: Proxy) -> Auditor:
        """The auditor presenting its key; 401 without a valid key, 403 for any other role's."""
        key = presented_key(request.headers)
        if key is None:
            raise ProxyError(401, "authentication_error", "missing_api_key", "no auditor key given")
        digest = _digest(key)
        if digest in self._auditors:
            return self._auditors[digest]
        if digest in self._reviewers:
            raise ProxyError(403, "permission_error", "not_an_auditor", "this reviewer's role does not allow auditing")
        if not proxy.keys.open:
            try:
                proxy.keys.caller(request.headers)
            except ProxyError:
                pass
            else:
                raise ProxyError(
                    403, "permission_error", "not_an_auditor", "this key belongs to an API client, not an auditor"
                )
        raise ProxyError(401, "authentication_error", "invalid_api_key", "the key is not valid")


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def audit_console_routes(proxy: Proxy) -> list[Route]:
    """The audit view's data routes (the page and its assets are the console's)."""
    ring = AuditorRing(proxy.config.reviewers)

    async def summary(request: Request) -> Response:
        return await _answered(request, proxy, lambda: _summary_view(request, proxy, ring.auditor(request, proxy)))

    async def record(request: Request) -> Response:
        return await _answered(request, proxy, lambda: _record_view(request, proxy, ring.auditor(request, proxy)))

    return [
        Route("/console/audit/view", summary, methods=["GET"]),
        Route("/console/audit/records/{request_id}", record, methods=["GET"]),
    ]


async def _answered(request: Request, proxy: Proxy, render: Callable[[], str]) -> Response:
    """Render in a worker thread (reading and verifying the trail blocks); a refusal
    is an API-style error, recorded as a refused request."""
    request_id, started = new_request_id(), time.perf_counter()
    try:
        body: str = await anyio.to_thread.run_sync(render)
        response = Response(body, media_type="text/html; charset=utf-8", headers={"cache-control": "no-store"})
    except ProxyError as failure:
        if failure.status in (401, 403):
            record_request(
                proxy.services, request_id, request.url.path, failure.status, error=failure.code, started=started
            )
        response = failure.response(request_id)
    response.headers["x-guardrail-request-id"] = request_id
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["content-security-policy"] = FRAGMENT_POLICY
    return response


# -- Reading the trail --------------------------------------------------------------


def live_trail(proxy: Proxy) -> Trail | Path:
    """The trail the proxy writes: its folder or SQLite file, or its PostgreSQL trail."""
    path = proxy.config.audit_path
    if path.name != POSTGRES_TRAIL:
        return path
    from guardrail.audit.postgres_store import PostgresTrail, database_url

    return PostgresTrail(database_url(), proxy.config.audit_trail.postgres_schema)


def trail_keys(data_dir: Path) -> dict[str, Any] | None:
    """The public keys kept in the data folder (checkpoints' and attribution's), merged,
    as ``guardrail audit verify`` finds them beside a trail; ``None`` if there are none."""
    found: dict[str, Any] | None = None
    for candidate in (data_dir / CHECKPOINT_JWKS, data_dir / "jwks.json"):
        try:
            found = {**(found or {}), **load_jwks(candidate.read_text(encoding="utf-8"))}
        except (OSError, ValueError):
            continue
    return found


def _integrity(proxy: Proxy, trail: Trail | Path) -> ChainReport:
    jwks = trail_keys(proxy.config.data_dir)
    report = verify_trail(trail, jwks, live=True)
    if jwks is None:
        report.warnings.append("checkpoint signatures were not checked: no key set in the data folder")
    return report


def _records(trail: Trail | Path, selection: Filter, auditor: Auditor) -> list[dict[str, Any]]:
    try:
        found = call_records(open_trail(trail), selection)
        return [r for r in found if auditor.tenants is None or r.get("tenant") in auditor.tenants]
    except TrailUnreadable:
        return []


def _tenant(request: Request, auditor: Auditor) -> str | None:
    tenant = request.query_params.get("tenant") or None
    if tenant is not None and (len(tenant) > 128 or not set(tenant) <= TENANT_PATTERN_CHARS):
        raise ProxyError(400, "invalid_request_error", "invalid_tenant", "not a tenant name", param="tenant")
    if tenant is not None and auditor.tenants is not None and tenant not in auditor.tenants:
        raise ProxyError(403, "permission_error", "tenant_not_allowed", "this auditor may not see that tenant")
    return tenant


def calls_over_time(records: Iterable[dict[str, Any]]) -> tuple[str, list[tuple[int, int]]]:
    """Calls per time bucket (bucket start as epoch seconds, count), oldest first, with
    every bucket of the period present; the bucket's width is named."""
    times = [
        int(r["time"]) for r in records if isinstance(r.get("time"), int | float) and not isinstance(r["time"], bool)
    ]
    if not times:
        return BUCKETS[0][1], []
    first, last = min(times), max(times)
    width, name = next(((w, n) for w, n in BUCKETS if (last - first) // w < MAX_BARS), BUCKETS[-1])
    counts = Counter(t - t % width for t in times)
    start = first - first % width
    return name, [(at, counts.get(at, 0)) for at in range(start, last + 1, width)]


# -- Rendering ----------------------------------------------------------------------


def _summary_view(request: Request, proxy: Proxy, auditor: Auditor) -> str:
    tenant = _tenant(request, auditor)
    trail = live_trail(proxy)
    integrity = _integrity(proxy, trail)
    records = _records(trail, Filter(tenant=tenant), auditor)
    period = {"since": None, "until": None, "tenant": tenant}
    summary = summarise(records, integrity, period=period)
    return render_view(summary, calls_over_time(records), auditor)


def render_view(summary: dict[str, Any], timeline: tuple[str, list[tuple[int, int]]], auditor: Auditor) -> str:
    """The audit view as an HTML fragment (``<div id="audit">``)."""
    e = html.escape
    integrity = summary["integrity"]
    intact = bool(integrity["intact"])
    state = "intact" if intact else "not-intact"
    lines = overview_lines(summary)
    parts = [f"<div id='audit' data-integrity='{state}' data-calls='{int(summary['calls'])}'>"]
    if not intact:
        parts.append(
            "<p id='unverified' class='banner' role='alert'>"
            f"This trail did NOT verify: {e(str(integrity['problem'] or 'no entries'))}. Every figure below comes "
            "from an unverified trail. / 此審計紀錄未能通過驗證：以下所有數字均來自未經驗證的紀錄。</p>"
        )
    parts += [
        f"<p id='integrity' class='{'ok' if intact else 'bad'}'>{e(lines[0])}</p>",
        f"<p class='note'>Signed in as auditor {e(auditor.id)}"
        + (f", tenants {e(', '.join(sorted(auditor.tenants)))}" if auditor.tenants is not None else "")
        + "; the trail was verified as it is being written (as guardrail audit verify --live).</p>",
        "<section id='overview-section'>",
        _heading("Overview", "概覽", intact),
        "<ul id='overview'>",
        *[f"<li>{e(line.removeprefix('- '))}</li>" for line in lines[1:]],
        "</ul></section>",
        _timeline_section(timeline, intact),
    ]
    for section in _view_sections(summary):
        parts.append(f"<section id='{section.anchor}' class='figure'>")
        parts.append(_heading(*section.heading, intact))
        if section.note:
            parts.append(f"<p class='note'>{e(section.note)}</p>")
        if isinstance(section.body, Table):
            linked = section.anchor in ("refused",)
            parts.append(_table(section.body, section.anchor, link_column=1 if linked else None))
        else:
            parts.append(_bars(section.body.counts, section.anchor))
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _view_sections(summary: dict[str, Any]) -> list[Section]:
    """The report's sections, with outcomes by use case and by status beside the tier mix."""
    found = [
        Section(
            "check-errors",
            ("Checks that failed open or closed", "失效放行或失效攔截的檢查"),
            section.body,
            note="Checks that raised or timed out, by check, error and outcome: allowed (failed open, the call "
            "went on without that check) or blocked (failed closed, the call was refused), as each check's "
            "on_error says.",
        )
        if section.anchor == "check-errors"
        else section
        for section in sections(summary)
    ]
    extra = [
        Section("use-cases", ("By use case", "按用途"), Counts(summary["use_cases"])),
        Section("statuses", ("By HTTP status", "按 HTTP 狀態"), Counts(summary["statuses"])),
    ]
    at = next((i + 1 for i, s in enumerate(found) if s.anchor == "tiers"), len(found))
    return [*found[:at], *extra, *found[at:]]


def _heading(english: str, chinese: str, intact: bool) -> str:
    mark = "" if intact else f" <span class='unverified-mark'>({html.escape(' / '.join(UNVERIFIED))})</span>"
    return f"<h2>{html.escape(english)} / <span lang='zh-Hant'>{html.escape(chinese)}</span>{mark}</h2>"


def _table(table: Table, anchor: str, link_column: int | None = None) -> str:
    e = html.escape
    if not table.rows:
        return "<p>none</p>"
    head = "".join(f"<th>{e(h)}</th>" for h in table.headers)
    rows = []
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0:
                cells.append(f"<th>{e(cell)}</th>")
            elif i == link_column and cell:
                cells.append(
                    f"<td><a class='record-link' href='?request_id={e(quote(cell, safe=''))}'>{e(cell)}</a></td>"
                )
            else:
                cells.append(f"<td{' class=n' if cell.isdigit() else ''}>{e(cell)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table data-figure='{e(anchor)}'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _bars(counts: dict[str, int], anchor: str) -> str:
    """Counts by label as horizontal inline-SVG bars (no script, no style attribute)."""
    e = html.escape
    if not counts:
        return "<p>none</p>"
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
    top = max(v for _, v in items) or 1
    bars = []
    for i, (label, value) in enumerate(items):
        y = 4 + 22 * i
        width = max(1, int(460 * value / top))
        bars.append(
            f"<g class='bar' data-label='{e(label)}' data-count='{value}'><title>{e(label)}: {value}</title>"
            f"<text x='0' y='{y + 13}'>{e(label[:40])}</text>"
            f"<rect x='300' y='{y}' width='{width}' height='16'/>"
            f"<text x='{306 + width}' y='{y + 13}'>{value}</text></g>"
        )
    height = 22 * len(items) + 8
    return (
        f"<svg class='bars' data-figure='{e(anchor)}' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 860 {height}' "
        f"width='860' height='{height}' role='img' aria-label='{e(anchor)}'>{''.join(bars)}</svg>"
    )


def _timeline_section(timeline: tuple[str, list[tuple[int, int]]], intact: bool) -> str:
    """Calls over time as vertical inline-SVG bars, one per bucket of the period."""
    width_name, buckets = timeline
    parts = ["<section id='timeline' class='figure'>", _heading("Calls over time", "調用量走勢", intact)]
    if not buckets:
        return "".join([*parts, "<p>none</p></section>"])
    parts.append(f"<p class='note'>Calls per {html.escape(width_name)}, UTC.</p>")
    top = max(count for _, count in buckets) or 1
    step = max(8, min(40, 800 // len(buckets)))
    chart_height, left = 160, 40
    bars = []
    for i, (at, count) in enumerate(buckets):
        height = round(chart_height * count / top)
        x = left + i * step
        when = iso_time(at) or ""
        bars.append(
            f"<g class='bar' data-time='{when}' data-count='{count}'><title>{when}: {count}</title>"
            f"<rect x='{x}' y='{10 + chart_height - height}' width='{step - 2}' height='{height}'/></g>"
        )
    total_width = max(left + step * len(buckets) + 10, 440)
    first, last = iso_time(buckets[0][0]) or "", iso_time(buckets[-1][0]) or ""
    axis = [
        f"<text x='0' y='20'>{top}</text><text x='0' y='{10 + chart_height}'>0</text>",
        f"<text x='{left}' y='{chart_height + 30}'>{first}</text>",
    ]
    if len(buckets) > 1:  # the last bucket's start, at the right end (one bucket: one label)
        axis.append(f"<text x='{total_width - 2}' y='{chart_height + 30}' text-anchor='end'>{last}</text>")
    parts.append(
        f"<svg id='calls-over-time' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {total_width} 200' "
        f"width='{total_width}' height='200' role='img' aria-label='calls over time'>"
        f"{''.join(bars)}{''.join(axis)}</svg>"
    )
    parts.append("</section>")
    return "".join(parts)


def _record_view(request: Request, proxy: Proxy, auditor: Auditor) -> str:
    """One call's records as stored, with its review steps (those naming it as the call reviewed)."""
    request_id = request.path_params["request_id"]
    if len(request_id) > 128:
        raise ProxyError(400, "invalid_request_error", "invalid_request_id", "not a request id", param="request_id")
    trail = live_trail(proxy)
    integrity = _integrity(proxy, trail)
    records = [
        r
        for r in _records(trail, Filter(), auditor)
        if r.get("request_id") == request_id or r.get("call_request_id") == request_id
    ][:MAX_RECORDS_SHOWN]
    if not records:
        raise ProxyError(404, "not_found_error", "record_not_found", "no call record with that request id")
    e = html.escape
    intact = integrity.intact
    parts = [f"<div id='record' data-integrity='{'intact' if intact else 'not-intact'}' data-records='{len(records)}'>"]
    if not intact:
        parts.append(
            "<p id='unverified' class='banner' role='alert'>"
            f"This trail did NOT verify: {e(str(integrity.problem or 'no entries'))}. The record below comes "
            "from an unverified trail. / 此審計紀錄未能通過驗證：以下紀錄來自未經驗證的紀錄。</p>"
        )
    parts.append(_heading(f"Call {request_id}", "調用紀錄", intact))
    parts.append(
        "<p class='note'>The records as stored in the trail. They hold no content (prompts, answers) unless the "
        "policy's consent-gated capture was on for the call. / 紀錄按原樣顯示；除非政策啟用經同意的內容擷取，否則不含內容。</p>"
    )
    for record in records:
        when = iso_time(record.get("time")) or "no time"
        parts.append(
            f"<article class='call-record' data-request-id='{e(str(record.get('request_id')))}'>"
            f"<h3>{e(when)} · {e(str(record.get('tenant', 'unknown')))} · status {e(str(record.get('status')))}</h3>"
            f"<pre>{e(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True))}</pre></article>"
        )
    parts.append("</div>")
    return "\n".join(parts) + "\n"
