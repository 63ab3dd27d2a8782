"""The review console in a real headless browser: a reviewer signs in with its key,
sees a held answer redacted, approves it, and the client then receives it signed, with
the approval in the trail; a rejection needs its reason; an API client's key shows
nothing; the console is off unless the config turns it on.

Screenshots of each page are kept in ``$GUARDRAIL_TEST_ARTIFACTS`` (or the test's
temporary folder). Needs Chromium from the distribution and Playwright from PyPI;
skipped, saying so, where either is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from guardrail.attribution import load_jwks, verify_document
from guardrail.runtime import Guard
from tests.adapters.conftest import ClientFactory, ProxyFactory
from tests.adapters.test_review_hold import KEYS, PHONE, POLICY, REVIEWERS, auth, guardrail_cli, hold
from tests.headless_chromium import require_chromium

require_chromium()


@pytest.fixture(scope="module")
def review_guard() -> Guard:
    return Guard.from_policy(POLICY)


@pytest.fixture(scope="module")
def console(make_proxy: ProxyFactory, review_guard: Guard, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("console")
    with make_proxy(
        data_dir=data, keys=KEYS, reviewers=REVIEWERS, console={"enabled": True}, extra_guards={POLICY: review_guard}
    ) as url:
        yield url


def sign_in(page: Any, url: str, key: str) -> None:
    page.goto(f"{url}/console/reviews")
    page.fill("#key", key)
    page.click("#use-key")


def card(page: Any, review_id: str) -> Any:
    selector = f'article[data-id="{review_id}"]'
    page.wait_for_selector(selector, timeout=10_000)
    return page.locator(selector)


def test_a_reviewer_approves_in_the_console_and_the_client_gets_the_signed_answer(
    make_proxy: ProxyFactory, review_guard: Guard, page: Any, artifacts: Path, tmp_path: Path
) -> None:
    """The issue's check: nothing from the model reaches the client until a reviewer
    approves in the console; the released answer verifies; the trail shows the request,
    the hold, the decision and the release with the reviewer, and verifies."""
    settings: dict[str, Any] = {
        "data_dir": tmp_path,
        "keys": KEYS,
        "reviewers": REVIEWERS,
        "console": {"enabled": True},
    }
    with (
        make_proxy(extra_guards={POLICY: review_guard}, **settings) as url,
        httpx.Client(base_url=url, timeout=10) as http,
    ):
        review_id = hold(http)
        sign_in(page, url, "r-alice")
        held = card(page, review_id)
        assert "<PHONE_NUMBER_1>" in held.locator("pre.request").inner_text()
        assert PHONE not in page.content()  # alice reads what the model saw
        page.screenshot(path=str(artifacts / "queue-pending.png"), full_page=True)
        assert http.get(f"/v1/reviews/{review_id}", headers=auth("k-app")).status_code == 202

        held.locator("button.approve").click()
        page.wait_for_selector("#message:has-text('approved')", timeout=10_000)
        page.screenshot(path=str(artifacts / "queue-after-approval.png"), full_page=True)

        released = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
        assert released.status_code == 200 and PHONE in released.json()["choices"][0]["message"]["content"]
        assert verify_document(released.json(), load_jwks(http.get("/.well-known/jwks.json").text)).valid

        page.select_option("#status", "approved")
        assert card(page, review_id).get_attribute("data-status") == "approved"
        page.screenshot(path=str(artifacts / "queue-approved.png"), full_page=True)
    lines = [
        json.loads(line)
        for day in sorted((tmp_path / "audit").glob("audit-*.jsonl"))
        for line in day.read_text().splitlines()
    ]
    call_id = released.json()["guardrail_attribution"]["manifest"]["request_id"]
    assert any(e["kind"] == "intent" and e["record"]["request_id"] == call_id for e in lines)  # the request
    steps = [e["record"] for e in lines if e["kind"] == "call" and e["record"].get("review_id") == review_id]
    assert [s["review"] for s in steps] == ["held", "approved", "released"]
    assert steps[0]["request_id"] == call_id and steps[1]["reviewer"] == "alice"
    assert all(s["call_request_id"] == call_id for s in steps[1:])
    verified = guardrail_cli("audit", "verify", str(tmp_path / "audit"))
    assert verified.returncode == 0, verified.stdout


def test_a_rejection_in_the_console_needs_a_reason_and_releases_nothing(
    console: str, page: Any, artifacts: Path
) -> None:
    with httpx.Client(base_url=console, timeout=10) as http:
        review_id = hold(http)
        sign_in(page, console, "r-alice")
        held = card(page, review_id)
        held.locator("button.reject").click()
        page.wait_for_selector("#message[data-kind='error']:has-text('reason_required')", timeout=10_000)
        page.screenshot(path=str(artifacts / "reject-without-reason.png"), full_page=True)
        held.locator("textarea.reason").fill("the fund named is not on our list")
        held.locator("button.reject").click()
        page.wait_for_selector("#message:has-text('rejected')", timeout=10_000)
        fetched = http.get(f"/v1/reviews/{review_id}", headers=auth("k-app"))
        assert fetched.status_code == 403 and PHONE not in fetched.text


def test_a_reviewer_allowed_originals_sees_them_and_an_api_key_sees_nothing(
    console: str, page: Any, artifacts: Path
) -> None:
    with httpx.Client(base_url=console, timeout=10) as http:
        review_id = hold(http)
    sign_in(page, console, "r-bob")
    assert PHONE in card(page, review_id).locator("pre.request").inner_text()
    page.screenshot(path=str(artifacts / "queue-originals.png"), full_page=True)
    sign_in(page, console, "k-app")
    page.wait_for_selector("#message[data-kind='error']:has-text('not_a_reviewer')", timeout=10_000)
    assert page.locator("article.review").count() == 0 and PHONE not in page.content()
    page.screenshot(path=str(artifacts / "api-key-refused.png"), full_page=True)


def test_the_console_is_served_with_a_strict_policy_and_off_by_default(
    console: str, make_client: ClientFactory
) -> None:
    served = httpx.get(f"{console}/console/reviews", timeout=10)
    policy = served.headers["content-security-policy"]
    assert served.status_code == 200 and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in served.text and "rev_" not in served.text  # no inline script, no data
    assert httpx.get(f"{console}/console/static/review-console.js", timeout=10).status_code == 200
    assert httpx.get(f"{console}/console/static/other.js", timeout=10).status_code == 404
    with make_client() as default:
        assert default.http.get("/console/reviews").status_code == 404
    assert json.loads(httpx.get(f"{console}/health/live", timeout=10).text) == {"status": "ok"}
