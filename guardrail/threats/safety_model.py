"""The ``safety_model`` check: a safety model reached through LiteLLM judges the call.

Off by default. A policy names a model LiteLLM can call (a Llama Guard-style model
served by vLLM or Ollama, or a hosted one) and maps the model's category codes onto
our reason codes; the model judges the user's side of the conversation at the input
stage, and the answer with the conversation (its agent-turn mode) at the output stage.

- **Format.** ``format: llama_guard`` is Llama Guard 3's: the conversation as ``User:``
  and ``Agent:`` turns between the model's markers, and a reply of ``safe`` or
  ``unsafe`` with a line of comma-separated codes (``S1,S10``). With ``template:
  check`` the check writes that prompt and sends it as one user message (for an
  endpoint without the model's chat template); with ``template: server`` it sends the
  turns as chat messages and the server's chat template writes it (vLLM and Ollama
  ship one with their Llama Guard models).
- **Strict.** A reply not in the format, a failed or timed-out call, or a
  conversation over ``max_chars`` raises a :class:`SafetyModelError`: the step's
  ``on_error`` applies and the record names the error. Nothing is cut short unsaid.
- **Evidence as data.** Per code, a finding with our reason code, the model's code and
  the model name (``rule``: ``S1@ollama/llama-guard3``); never the text. The tokens
  (and LiteLLM's cost, when it knows the model's price) go in the verdict's ``usage``.

The judged side is the last ``roles`` turn (input) or the answer (output); earlier
turns go along as the context Llama Guard reads. The output stage only sees the answer,
so the check keeps the conversation it judged at the input stage, per request id, in a
small bounded memory; a call it did not see at input is judged on the answer alone.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from guardrail.core.chat import collect_texts
from guardrail.core.context import CallContext, Stage
from guardrail.core.verdict import ALLOW, Decision, Finding, ModelUsage, Payload, Verdict
from guardrail.errors import CheckError, ConfigurationError
from guardrail.policy.model import StrictModel
from guardrail.policy.registry import CheckServices, CheckType

CHECK_TYPE = "safety_model"

# Llama Guard 3's taxonomy (the model card's hazard categories), by code.
LLAMA_GUARD_3_CATEGORIES: Mapping[str, str] = {
    "S1": "Violent Crimes",
    "S2": "Non-Violent Crimes",
    "S3": "Sex-Related Crimes",
    "S4": "Child Sexual Exploitation",
    "S5": "Defamation",
    "S6": "Specialized Advice",
    "S7": "Privacy",
    "S8": "Intellectual Property",
    "S9": "Indiscriminate Weapons",
    "S10": "Hate",
    "S11": "Suicide & Self-Harm",
    "S12": "Sexual Content",
    "S13": "Elections",
    "S14": "Code Interpreter Abuse",
}

# Our reason codes for them. S6 (medical, legal, financial advice) is left out: most
# such questions are legitimate, so a policy that wants it acted on maps it itself.
DEFAULT_CATEGORIES: Mapping[str, str] = {
    "S1": "crime_prevention.violence_weapons",
    "S2": "crime_prevention.prohibited_use",
    "S3": "crime_prevention.sexual_crimes",
    "S4": "crime_prevention.sexual_minors",
    "S5": "reliability.defamation",
    "S7": "personal_data.doxxing_surveillance",
    "S8": "intellectual_property.infringement",
    "S9": "crime_prevention.violence_weapons",
    "S10": "fairness.discrimination",
    "S11": "safety.self_harm",
    "S12": "crime_prevention.sexual_content",
    "S13": "reliability.elections",
    "S14": "system_security.code_interpreter_abuse",
}

UNMAPPED_REASON = "safety_model.unmapped_category"
_CODE = re.compile(r"S[1-9][0-9]?")
_REASON = re.compile(r"[a-z][a-z_]*(\.[a-z][a-z_]*)+")


class SafetyModelError(CheckError):
    """The safety model gave no verdict the check can use; ``on_error`` applies."""

    def __init__(self, message: str) -> None:
        super().__init__(message, check=CHECK_TYPE)


class SafetyModelTimeout(SafetyModelError):
    """The safety model did not answer within the check's ``call_timeout_ms``."""


class SafetyModelUnavailable(SafetyModelError):
    """The call to the safety model failed: connection, HTTP status or credentials."""


class SafetyModelReplyInvalid(SafetyModelError):
    """The safety model's reply is not in its format (``safe``, or ``unsafe`` and codes)."""


class ConversationTooLong(SafetyModelError):
    """The conversation to judge is longer than ``max_chars``: judging part of it would
    pass the rest unjudged, so the check errs instead."""


class SafetyModelFormat(StrEnum):
    """How the model is prompted and how it replies."""

    LLAMA_GUARD = "llama_guard"


class TemplateSource(StrEnum):
    """Who writes the model's prompt."""

    CHECK = "check"  # the check, sent as one user message
    SERVER = "server"  # the serving engine's chat template, from the turns sent as messages


class SafetyAction(StrEnum):
    BLOCK = "block"
    WARN = "warn"


class UnmappedCodes(StrEnum):
    """What a code the ``categories`` map does not name does: recorded only, or acted on."""

    IGNORE = "ignore"
    ACT = "act"


class SafetyModelSettings(StrictModel):
    """Which model judges, how it is reached, and what its codes mean here."""

    model: str = Field(min_length=1, description="A LiteLLM model name: ollama/llama-guard3, openai/<name>, ...")
    api_base: str | None = Field(default=None, description="Where the model is served, if not the provider's own.")
    api_key_env: str | None = Field(
        default=None,
        pattern=r"^[A-Z_][A-Z0-9_]*$",
        description="The environment variable holding the API key (never the key itself).",
    )
    format: SafetyModelFormat = SafetyModelFormat.LLAMA_GUARD
    template: TemplateSource = TemplateSource.CHECK
    categories: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORIES), description="The model's codes onto our reason codes."
    )
    unmapped: UnmappedCodes = UnmappedCodes.IGNORE
    roles: list[str] = Field(default_factory=lambda: ["user"], min_length=1)
    action: SafetyAction = SafetyAction.BLOCK
    max_chars: int = Field(default=24_000, ge=100, le=1_000_000)
    call_timeout_ms: int = Field(default=5000, gt=0, le=600_000, description="The model call's own timeout.")
    max_tokens: int = Field(default=20, ge=1, le=1000)
    remember_calls: int = Field(default=256, ge=0, le=100_000, description="Input conversations kept for output.")

    @field_validator("categories")
    @classmethod
    def _codes_and_reasons(cls, value: dict[str, str]) -> dict[str, str]:
        for code, reason in value.items():
            if not _CODE.fullmatch(code):
                raise ValueError(f"{code!r} is not a category code like S1")
            if not _REASON.fullmatch(reason):
                raise ValueError(f"{reason!r} (for {code}) is not a reason code like crime_prevention.fraud_forgery")
        return value


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of the conversation as the safety model reads it."""

    agent: bool
    text: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """The model's parsed reply: safe, or the codes it named."""

    codes: tuple[str, ...]

    @property
    def safe(self) -> bool:
        return not self.codes


def parse_llama_guard(reply: str) -> Judgement:
    """``safe``, or ``unsafe`` then a line of codes; anything else is invalid."""
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    if lines == ["safe"]:
        return Judgement(())
    if len(lines) == 2 and lines[0] == "unsafe":
        codes = tuple(code.strip() for code in lines[1].split(","))
        if codes and all(_CODE.fullmatch(code) for code in codes):
            return Judgement(tuple(dict.fromkeys(codes)))
    raise SafetyModelReplyInvalid("the reply is not 'safe' or 'unsafe' and a line of category codes")


def llama_guard_prompt(turns: Sequence[Turn], categories: Mapping[str, str] = LLAMA_GUARD_3_CATEGORIES) -> str:
    """Llama Guard 3's prompt for ``turns``, judging the last one's side.

    The wording follows the model card's prompt format: the model was trained on it.
    """
    side = "Agent" if turns[-1].agent else "User"
    listed = "\n".join(f"{code}: {name}." for code, name in categories.items())
    conversation = "\n\n".join(f"{'Agent' if turn.agent else 'User'}: {turn.text}" for turn in turns)
    return (
        f"Task: Check if there is unsafe content in '{side}' messages in conversations according to our "
        "safety policy with the below categories.\n\n"
        f"<BEGIN UNSAFE CONTENT CATEGORIES>\n{listed}\n<END UNSAFE CONTENT CATEGORIES>\n\n"
        f"<BEGIN CONVERSATION>\n\n{conversation}\n\n<END CONVERSATION>\n\n"
        f"Provide your safety assessment for ONLY THE LAST {side} message in the above conversation:\n"
        " - First line must read 'safe' or 'unsafe'.\n"
        " - If unsafe, a second line must include a comma-separated list of violated categories."
    )


class SafetyModelCheck:
    """Asks the safety model about each call; blocks (or warns) on a mapped code."""

    whole_answer = True  # one model call per answer, not one per stream window

    def __init__(self, settings: SafetyModelSettings, *, api_key: str | None = None) -> None:
        self.settings = settings
        self.api_key = api_key
        self.roles = frozenset(settings.roles)
        self._seen: OrderedDict[str, tuple[Turn, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, payload: Payload, context: CallContext) -> Verdict:
        if payload.stage is Stage.INPUT:
            turns = self.input_turns(payload)
            if turns and not turns[-1].agent:
                self._remember(context.request_id, turns)
        else:
            turns = self.output_turns(payload, context.request_id)
        if not turns or not any(turn.text.strip() for turn in turns):
            return ALLOW
        size = sum(len(turn.text) for turn in turns)
        if size > self.settings.max_chars:
            raise ConversationTooLong(f"{size} characters to judge, over max_chars {self.settings.max_chars}")
        reply, usage = self.ask(turns)
        judgement = parse_llama_guard(reply)
        stage = "output" if payload.stage is Stage.OUTPUT else "input"
        side = "agent" if turns[-1].agent else "user"
        return self.verdict(judgement, usage, f"{stage}:last_{side}_turn")

    # -- the conversation --------------------------------------------------------------

    def input_turns(self, payload: Payload) -> tuple[Turn, ...]:
        """The user's side (``roles``) and the assistant's earlier answers, in order,
        up to the last turn of the user's side."""
        by_message: dict[int, list[str]] = {}
        for slot in collect_texts(payload.messages):
            index = int(slot.location[len("messages[") : slot.location.index("]")])
            by_message.setdefault(index, []).append(slot.text)
        turns: list[Turn] = []
        for index, message in enumerate(payload.messages):
            role = message.get("role")
            if role in self.roles or role == "assistant":
                text = "\n".join(by_message.get(index, []))
                if text.strip():
                    turns.append(Turn(agent=role not in self.roles, text=text))
        while turns and turns[-1].agent:
            turns.pop()
        return tuple(turns)

    def output_turns(self, payload: Payload, request_id: str) -> tuple[Turn, ...]:
        """The conversation judged at input (if this check saw it), then the answer."""
        answer = "\n".join(slot.text for slot in collect_texts(payload.messages))
        if not answer.strip():
            return ()
        with self._lock:
            earlier = self._seen.pop(request_id, ())
        return (*earlier, Turn(agent=True, text=answer))

    def _remember(self, request_id: str, turns: tuple[Turn, ...]) -> None:
        if not self.settings.remember_calls:
            return
        with self._lock:
            self._seen[request_id] = turns
            while len(self._seen) > self.settings.remember_calls:
                self._seen.popitem(last=False)

    # -- the model call ----------------------------------------------------------------

    def messages(self, turns: Sequence[Turn]) -> list[dict[str, str]]:
        """What is sent: the check's prompt as one user message, or the turns themselves."""
        if self.settings.template is TemplateSource.CHECK:
            return [{"role": "user", "content": llama_guard_prompt(turns)}]
        return [{"role": "assistant" if turn.agent else "user", "content": turn.text} for turn in turns]

    def ask(self, turns: Sequence[Turn]) -> tuple[str, ModelUsage]:
        """The model's reply text and what it cost; LiteLLM's failures as ours."""
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no price map from the network
        import litellm
        from litellm.exceptions import Timeout

        try:
            response = litellm.completion(
                model=self.settings.model,
                messages=self.messages(turns),
                api_base=self.settings.api_base,
                api_key=self.api_key,
                timeout=self.settings.call_timeout_ms / 1000,
                temperature=0.0,
                max_tokens=self.settings.max_tokens,
                num_retries=0,
            )
        except Timeout:
            raise SafetyModelTimeout(f"no answer within {self.settings.call_timeout_ms} ms") from None
        except Exception as error:  # noqa: BLE001 - any failure of the call is the model's being unavailable
            raise SafetyModelUnavailable(f"the call failed ({type(error).__name__})") from None
        try:
            content = response.choices[0].message.content
        except (AttributeError, IndexError, TypeError):
            raise SafetyModelReplyInvalid("the response has no message") from None
        if not isinstance(content, str):
            raise SafetyModelReplyInvalid("the reply has no text")
        return content, _usage(self.settings.model, response)

    def verdict(self, judgement: Judgement, usage: ModelUsage, location: str) -> Verdict:
        """Findings per code: acted on when mapped (or when unmapped codes are)."""
        if judgement.safe:
            return Verdict(Decision.ALLOW, usage=(usage,))
        findings: list[Finding] = []
        reasons: list[str] = []
        act = self.settings.action.value
        for code in judgement.codes:
            reason = self.settings.categories.get(code)
            acted = reason is not None or self.settings.unmapped is UnmappedCodes.ACT
            category = reason or UNMAPPED_REASON
            if acted:
                reasons.append(category)
            rule = f"{code}@{self.settings.model}"
            findings.append(Finding(category, 0, 0, 1.0, rule, location, act if acted else "ignored", threshold=1.0))
        if not reasons:
            return Verdict(Decision.ALLOW, findings=tuple(findings), usage=(usage,))
        decision = Decision.BLOCK if self.settings.action is SafetyAction.BLOCK else Decision.WARN
        return Verdict(decision, findings=tuple(findings), reason=reasons[0], usage=(usage,))


def _usage(model: str, response: Any) -> ModelUsage:
    """Tokens from the response; LiteLLM's cost when it knows the model's price."""
    counts = getattr(response, "usage", None)
    prompt = int(getattr(counts, "prompt_tokens", 0) or 0)
    completion = int(getattr(counts, "completion_tokens", 0) or 0)
    cost: float | None = None
    hidden = getattr(response, "_hidden_params", None) or {}
    value = hidden.get("response_cost") if isinstance(hidden, dict) else None
    if isinstance(value, int | float) and value > 0:
        cost = float(value)
    return ModelUsage(model, prompt, completion, cost)


def build(settings: SafetyModelSettings, services: CheckServices) -> SafetyModelCheck:
    """The check, with its API key read from the environment variable the policy names."""
    api_key = None
    if settings.api_key_env:
        api_key = os.environ.get(settings.api_key_env)
        if not api_key:
            raise ConfigurationError(f"safety_model: the environment variable {settings.api_key_env} is not set")
    return SafetyModelCheck(settings, api_key=api_key)


SAFETY_MODEL = CheckType(
    name=CHECK_TYPE, settings_model=SafetyModelSettings, factory="guardrail.threats.safety_model:build"
)
