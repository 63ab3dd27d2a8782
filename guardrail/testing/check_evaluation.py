"""Scoring the policy's checks on labelled sets of attacks and benign look-alikes.

Each set is a YAML file with ``attack`` and ``benign`` items (``text``, ``lang``,
optionally ``role``; for secrets ``secret`` / ``keep``). Items go through a
:class:`~guardrail.runtime.Guard`'s input stage, as they would through the proxy:
an attack counts as caught when the call is refused (or, for secrets, when the
secret is gone from what would go upstream); a benign item counts as a false
positive when it is refused (or its ``keep`` text is altered). Shared by the tests,
which hold the figures to thresholds, and ``benchmarks/evaluate_checks.py``, which
prints them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guardrail.core.chat import collect_texts
from guardrail.runtime import Guard


@dataclass
class Score:
    """Counts for one set: caught attacks, refused benign items, by language."""

    attacks: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    benign: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)  # ids of attacks let through
    false_positives: list[str] = field(default_factory=list)
    blocked_by: Counter[str] = field(default_factory=Counter)

    @property
    def detection(self) -> float:
        return sum(self.caught.values()) / max(1, sum(self.attacks.values()))

    @property
    def false_positive_rate(self) -> float:
        return sum(self.refused.values()) / max(1, sum(self.benign.values()))


def load_set(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"attack": list(data.get("attack") or []), "benign": list(data.get("benign") or [])}


def evaluate(guard: Guard, path: Path, *, secrets: bool = False) -> Score:
    score = Score()
    items = load_set(path)
    for label, entries in items.items():
        for number, item in enumerate(entries):
            lang = str(item.get("lang", "en"))
            ident = f"{label}[{number}]"
            sent, blocked, reason = _run(guard, item)
            if label == "attack":
                score.attacks[lang] += 1
                caught = item["secret"] not in sent if secrets else blocked
                if caught:
                    score.caught[lang] += 1
                    if blocked:
                        score.blocked_by[reason] += 1
                else:
                    score.missed.append(ident)
            else:
                score.benign[lang] += 1
                refused = blocked or (secrets and item["keep"] not in sent)
                if refused:
                    score.refused[lang] += 1
                    score.false_positives.append(ident)
    return score


def _run(guard: Guard, item: dict[str, Any]) -> tuple[str, bool, str]:
    role = str(item.get("role", "user"))
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Please help."}]
    if role == "tool":
        messages = [
            {"role": "user", "content": "Look this up for me."},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}],
            },
            {"role": "tool", "tool_call_id": "call_1", "content": item["text"]},
        ]
    else:
        messages = [{"role": "user", "content": item["text"]}]
    request = guard.guard_request(messages, guard.context())
    sent = "\n".join(slot.text for slot in collect_texts(request.messages))
    return sent, request.blocked, str(request.verdict.reason)


def summary(name: str, score: Score) -> str:
    """A few lines of figures for people."""
    per_lang: dict[str, str] = defaultdict(str)
    for lang in sorted(set(score.attacks) | set(score.benign)):
        per_lang[lang] = (
            f"{lang}: caught {score.caught[lang]}/{score.attacks[lang]}, "
            f"false positives {score.refused[lang]}/{score.benign[lang]}"
        )
    caught, attacks = sum(score.caught.values()), sum(score.attacks.values())
    refused, benign = sum(score.refused.values()), sum(score.benign.values())
    lines = [
        (
            f"{name}: detection {score.detection:.1%} ({caught}/{attacks}), "
            f"false positives {score.false_positive_rate:.1%} ({refused}/{benign})"
        ),
        *(f"  {line}" for line in per_lang.values()),
    ]
    if score.blocked_by:
        lines.append("  refused by: " + ", ".join(f"{r} {n}" for r, n in score.blocked_by.most_common()))
    if score.missed:
        lines.append(f"  missed: {', '.join(score.missed)}")
    if score.false_positives:
        lines.append(f"  false positives: {', '.join(score.false_positives)}")
    return "\n".join(lines)


@dataclass
class CorpusScore:
    """Counts for a split of the threat corpus (``benchmarks/data/threats``): attacks
    refused per category and per language, benign items refused per ``looks_like``."""

    attacks: Counter[str] = field(default_factory=Counter)  # keys "category" and "lang:<lang>"
    caught: Counter[str] = field(default_factory=Counter)
    benign: Counter[str] = field(default_factory=Counter)  # keys "looks_like" and "lang:<lang>"
    refused: Counter[str] = field(default_factory=Counter)
    blocked_by: Counter[str] = field(default_factory=Counter)  # check name -> attacks it refused first
    missed: list[str] = field(default_factory=list)  # "family[index]" of attacks let through
    false_positives: list[str] = field(default_factory=list)


def load_corpus_split(folder: Path, split: str) -> list[tuple[str, dict[str, Any]]]:
    """(``family[index]``, item) for every item of the families in ``split``."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if str(data.get("split")) != split:
            continue
        family = str(data.get("family") or path.stem)
        for number, item in enumerate(data.get("items") or []):
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                found.append((f"{family}[{number}]", item))
    return found


def load_jsonl_items(paths: list[Path]) -> list[tuple[str, dict[str, Any]]]:
    """(``file[line]``, item) for every line of JSON Lines files of the corpus's item shape
    (``text``, ``label``, ``category``, ``lang``): public sets prepared for scoring."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in paths:
        # Lines end at newlines only: a text may hold U+2028, which splitlines() would split at.
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if line.strip():
                found.append((f"{path.stem}[{number}]", json.loads(line)))
    return found


def evaluate_corpus(guard: Guard, items: list[tuple[str, dict[str, Any]]]) -> CorpusScore:
    """Each item through the guard's input stage, as the proxy would run it."""
    score = CorpusScore()
    for ident, item in items:
        request = guard.guard_request(_messages(item), guard.context())
        lang = f"lang:{item.get('lang', 'en')}"
        if item.get("label") == "attack":
            keys = [str(item.get("category")), lang]
            score.attacks.update(keys)
            if request.blocked:
                score.caught.update(keys)
                first = next((s.name for s in request.verdict.steps if s.verdict.blocked), "?")
                score.blocked_by[first] += 1
            else:
                score.missed.append(ident)
        else:
            keys = [str(item.get("looks_like") or "none"), lang]
            score.benign.update(keys)
            if request.blocked:
                score.refused.update(keys)
                score.false_positives.append(ident)
    return score


def corpus_summary(name: str, score: CorpusScore) -> str:
    """Recall per category and language, over-refusal per look-alike kind and language."""

    def rows(total: Counter[str], hits: Counter[str], what: str) -> list[str]:
        lines = []
        for key in sorted(total, key=lambda k: (k.startswith("lang:"), k)):
            lines.append(f"  {key:<28} {what} {hits[key]:>4}/{total[key]:<4} {hits[key] / total[key]:6.1%}")
        return lines

    attacks = sum(v for k, v in score.attacks.items() if not k.startswith("lang:"))
    caught = sum(v for k, v in score.caught.items() if not k.startswith("lang:"))
    benign = sum(v for k, v in score.benign.items() if not k.startswith("lang:"))
    refused = sum(v for k, v in score.refused.items() if not k.startswith("lang:"))
    lines = [
        (
            f"{name}: attacks refused {caught}/{attacks} ({caught / max(1, attacks):.1%}), "
            f"benign refused {refused}/{benign} ({refused / max(1, benign):.1%})"
        ),
        "recall (attacks refused):",
        *rows(score.attacks, score.caught, "refused"),
        "over-refusal (benign refused, by looks_like):",
        *rows(score.benign, score.refused, "refused"),
    ]
    if score.blocked_by:
        lines.append("  first refused by: " + ", ".join(f"{k} {v}" for k, v in score.blocked_by.most_common()))
    return "\n".join(lines)


def _messages(item: dict[str, Any]) -> list[dict[str, Any]]:
    if str(item.get("role", "user")) != "tool":
        return [{"role": "user", "content": item["text"]}]
    return [
        {"role": "user", "content": "Look this up for me."},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": item["text"]},
    ]
