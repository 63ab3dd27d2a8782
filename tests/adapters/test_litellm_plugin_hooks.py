"""The LiteLLM plugin's hooks called in-process, as LiteLLM's proxy calls them: a call it
lost track of is refused and recorded, never answered without its output checks."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi import HTTPException

from guardrail.adapters import litellm_plugin
from guardrail.adapters.litellm_plugin import GuardrailPlugin


class _Key:
    team_id = "team-a"
    api_key = "hashed-token-of-the-key"
    metadata: ClassVar[dict[str, Any]] = {}


def _request(text: str) -> dict[str, Any]:
    return {"model": "assistant", "messages": [{"role": "user", "content": text}], "metadata": {}}


def _answer(request: dict[str, Any]) -> Any:
    import litellm

    content = f"You said: {request['messages'][0]['content']}"
    return litellm.ModelResponse(
        model="echo", choices=[{"index": 0, "message": {"role": "assistant", "content": content}}]
    )


def test_a_call_dropped_from_the_open_calls_is_refused_and_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(litellm_plugin, "MAX_OPEN_CALLS", 1)
    plugin = GuardrailPlugin(guardrail_name="guardrail", data_dir=str(tmp_path), default_on=True)

    async def run() -> tuple[Any, HTTPException]:
        first = await plugin.async_pre_call_hook(_Key(), None, _request("Call Chan Tai Man on 9123 4567"), "completion")
        second = await plugin.async_pre_call_hook(_Key(), None, _request("hello"), "completion")
        assert first is not None and second is not None
        answered = await plugin.async_post_call_success_hook(second, _Key(), _answer(second))
        with pytest.raises(HTTPException) as lost:
            await plugin.async_post_call_success_hook(first, _Key(), _answer(first))
        return answered, lost.value

    answered, lost = asyncio.run(run())
    assert answered.choices[0].message.content.startswith("You said: hello")
    assert lost.status_code == 503 and lost.detail["error"]["code"] == "call_state_lost"
    plugin.services.close()
    records = [
        json.loads(line)["record"]
        for day in sorted((tmp_path / "audit").glob("audit-*.jsonl"))
        for line in day.read_text().splitlines()
        if '"kind":"call"' in line
    ]
    assert sorted((r["status"], r.get("error")) for r in records) == [(200, None), (503, "call_state_lost")]
    assert "Chan Tai Man" not in json.dumps(records)
