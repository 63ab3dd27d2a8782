"""The HTML report in a real headless browser, as an auditor opens it (a file, offline):
what it shows is read from the rendered page, not from the HTML source; a trail that
does not verify is said at the top, in red, and every section is marked unverified.

Needs Chromium from the distribution (``apt-get install chromium``) and Playwright
from PyPI; skipped, saying so, where either is missing. Screenshots of each page are
left in the test's temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.audit.test_cli import guardrail_cli, tamper
from tests.audit.test_report import CENTRE, GENERAL, write_trail
from tests.headless_chromium import new_page, require_chromium

require_chromium()

RED = "rgb(176, 0, 32)"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with new_page(browser, offline=True) as tab:  # a report needs nothing from a network
        yield tab


def open_report(page: Any, trail: Path, out: Path, *, expect: int = 0) -> None:
    result = guardrail_cli("audit", "report", str(trail), "--format", "html", "-o", str(out))
    assert result.returncode == expect, result.stderr
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(out.as_uri())
    page.screenshot(path=str(out.with_suffix(".png")), full_page=True)
    assert failed == []


def table(page: Any, section: str) -> list[list[str]]:
    """A section's table as the browser lays it out: its rows' cell texts, header first."""
    rows = page.locator(f"section#{section} table tr")
    return [[cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(rows.count())]


def test_an_auditor_reads_period_policies_tenants_and_refused_calls(page: Any, tmp_path: Path) -> None:
    open_report(page, write_trail(tmp_path), tmp_path / "report.html")
    assert page.locator("#unverified").count() == 0
    assert page.locator("#integrity").evaluate("e => getComputedStyle(e).color") != RED
    overview = page.inner_text("#overview")
    assert "Period: first record 2026-11-02T09:01:00Z, last record 2026-11-02T09:13:00Z" in overview
    assert "Generated: 20" in overview and "start to end" not in overview
    assert "Attribution coverage: 2 of 3 model answers signed (66.7%)" in overview

    assert table(page, "policies")[1:] == [
        ["contact-centre", "1.0.0", CENTRE["policy_hash"], "2", "2026-11-02T09:01:00Z", "2026-11-02T09:12:00Z"],
        ["hk-genai-2025", "2025.04.2", GENERAL["policy_hash"], "6", "2026-11-02T09:02:00Z", "2026-11-02T09:13:00Z"],
    ]
    assert table(page, "tenants")[1:] == [
        ["bank", "6", "2", "2", "4", "1"],
        ["clinic", "5", "1", "2", "0", "0"],
        ["default", "2", "0", "0", "0", "0"],
    ]
    refused = table(page, "refused")
    assert refused[0] == ["time (UTC)", "request id", "tenant", "use case", "stage", "reason code", "status"]
    assert [row[:2] + row[4:] for row in refused[1:]] == [
        ["2026-11-02T09:07:00Z", "req-07", "input", "system_security.prompt_injection", "400"],
        ["2026-11-02T09:08:00Z", "req-08", "output", "crime_prevention.prohibited_use", "200"],
        ["2026-11-02T09:09:00Z", "req-09", "call", "risk_tier.refused", "403"],
        ["2026-11-02T09:12:00Z", "req-12", "input", "personal_data.blocked_entity", "400"],
    ]
    personal = table(page, "personal-data")
    assert personal[0] == ["entity type", "input", "output", "total"]
    assert {row[0] for row in personal[1:]} == {"PERSON", "HK_ID", "CREDIT_CARD", "PHONE_NUMBER"}
    assert "separately" in page.inner_text("section#personal-data .note")
    assert {row[0] for row in table(page, "findings")[1:]} == {"instruction_override", "API_KEY", "malware"}

    headings = page.locator("h1, h2").all_inner_texts()
    assert all(" / " in h for h in headings) and "被拒絕的調用" in page.inner_text("section#refused h2")
    assert page.locator("svg").count() >= 1 and page.locator("script").count() == 0


def test_a_tampered_trail_is_said_at_the_top_in_red_and_marks_every_figure(page: Any, tmp_path: Path) -> None:
    trail = write_trail(tmp_path)
    tamper(trail)
    open_report(page, trail, tmp_path / "tampered.html", expect=1)
    banner = page.locator("#unverified")
    assert banner.is_visible() and "entry was altered" in banner.inner_text()
    assert "未經驗證" in banner.inner_text()
    assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == RED
    top = banner.bounding_box()["y"]
    assert all(top < box["y"] for box in (h.bounding_box() for h in page.locator("h2, #overview").all()))
    assert page.locator("#integrity").evaluate("e => getComputedStyle(e).color") == RED
    headings = page.locator("section h2").all_inner_texts()
    assert headings and all("(unverified trail)" in h and "未經驗證的紀錄" in h for h in headings)
