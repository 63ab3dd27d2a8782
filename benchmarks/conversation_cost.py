"""Latency the proxy adds per turn as a conversation grows, and per prompt size, side by side
with LiteLLM's proxy and its Presidio guardrail.

    python benchmarks/conversation_cost.py [--quick] [--litellm-python PATH] [--memory 10000]

Chat clients resend the whole conversation on every turn, so a guard that re-checks the
history pays for it again and again. Measured here, one request at a time, as the
latency a path adds over a direct call to the same upstream (paired per request:
``path - direct`` for the same body, moments apart; the median of those):

- *growing* conversations: turn 1, 2, ... 20 of one conversation, each request holding
  every earlier user message and assistant answer, as a chat client sends them
  (guardrail gets the conversation's id in ``x-guardrail-conversation-id``); the
  conversations advance side by side, turn by turn, as a server with several users
  sees them (``--one-by-one``: each runs to turn 20 before the next starts);
- *replayed* conversations: a fresh conversation of 1, 5, 10 or 20 user turns sent at
  once, never seen before (the cold cost of that much text);
- single prompts of 1, 10 and 100 KB.

Paths: direct to the recording upstream (``guardrail.testing.upstream``), guardrail's
proxy with the default policy (``hk-genai-2025``, one worker; its threat classifiers
warn instead of refusing unless ``--as-shipped``, see :func:`guarded_policy`), and LiteLLM's proxy
with its Presidio guardrail (Presidio's analyzer and anonymizer over HTTP, spaCy small
model, one worker each; ``presidio_services.py``). All servers run at once and every
request goes to every path in a rotating order after a short pause (as in
``proxy_overhead.py``), so a slow spell of this shared machine falls on all paths alike.

User messages are synthetic, ~1 KB each, every one different: English, Chinese and
code-mixed text with Hong Kong names, HKIDs (valid check digits), phone numbers and
addresses, from a generator with a fixed seed (:class:`HongKongMessages`). Nothing
is sent twice across conversations, so only a conversation's own history can be
remembered.

The issue's bars, printed at the end: guardrail's added latency on turn 20 of a growing
conversation at most 1.3x its turn 1, and LiteLLM + Presidio's turn 20 at least 10x
guardrail's.

``--memory N`` instead measures one worker's memory: N distinct two-turn conversations
through a :class:`~guardrail.runtime.guard.Guard` with the default policy and the
proxy's default check memory, in this process, printing RSS and the number of
remembered texts as it goes.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from proxy_overhead import (
    ANSWER,
    GUARDRAIL_HEADERS,
    LITELLM_ENV,
    LITELLM_HEADERS,
    MODEL,
    guardrail_config,
    litellm_config,
)

from guardrail.testing import free_port, server_process

CONVERSATION_HEADER = "x-guardrail-conversation-id"
TURNS = (1, 5, 10, 20)
SIZES_KB = (1, 10, 100)
QUIET_SECONDS = 0.03
SEED = 22
PERSONAL_SHARE = 0.2  # of sentences

# One new ~1 KB user message and nothing else: what turn 1 costs, measured all through the run.
FRESH = {("growing", 1), ("replayed", 1), ("prompt", 1)}
DIRECT = "direct"
GUARDED = "guardrail hk-genai-2025"
PEER = "LiteLLM + Presidio"


# --- Synthetic Hong Kong messages -------------------------------------------------------

SURNAMES = [
    "Chan",
    "Wong",
    "Lee",
    "Cheung",
    "Lau",
    "Ng",
    "Ho",
    "Leung",
    "Tsang",
    "Yip",
    "Kwok",
    "Lam",
    "Tang",
    "Chow",
    "Fung",
    "Mak",
    "Siu",
    "Yuen",
    "Cheng",
    "Poon",
]
GIVEN = [
    "Tai Man",
    "Siu Ming",
    "Ka Yan",
    "Wing Sze",
    "Chi Keung",
    "Mei Ling",
    "Hoi Ying",
    "Kin Wah",
    "Ka Ho",
    "Pui Shan",
    "Wai Lun",
    "Suet Ying",
    "Chun Kit",
    "Man Yee",
]
WESTERN = ["Jason", "Karen", "Priscilla", "Ivan", "Winnie", "Kelvin", "Gloria", "Terence", "Queenie", "Alvin"]
SURNAMES_ZH = ["陳", "黃", "李", "張", "劉", "吳", "何", "梁", "曾", "葉", "郭", "林", "鄧", "周", "馮", "麥"]
GIVEN_ZH = ["大文", "小明", "嘉欣", "詠詩", "志強", "美玲", "凱婷", "建華", "家豪", "佩珊", "偉倫", "雪瑩"]
STREETS = [
    "Nathan Road",
    "King's Road",
    "Hennessy Road",
    "Castle Peak Road",
    "Argyle Street",
    "Des Voeux Road Central",
    "Tai Po Road",
    "Shau Kei Wan Road",
]
BUILDINGS = [
    "Block 3, Tai Koo Shing",
    "Wing Lok House, Lok Fu Estate",
    "Tower 2, Grand Waterfront",
    "Kwai Fong Garden",
    "Harmony Court",
    "Block B, Mei Foo Sun Chuen",
]
DISTRICTS = ["Mong Kok", "Quarry Bay", "Sha Tin", "Tsuen Wan", "Yuen Long", "Wan Chai", "Kwun Tong", "North Point"]
DISTRICTS_ZH = ["旺角", "觀塘", "沙田", "荃灣", "元朗", "北角", "灣仔", "深水埗"]
STREETS_ZH = ["彌敦道", "英皇道", "青山公路", "亞皆老街", "軒尼詩道", "大埔道"]
FILLER = [
    "I would like to know whether the renewal fee can be paid by instalments.",
    "Could you summarise the key points of the attached letter in plain English?",
    "We discussed the schedule for the next quarter and agreed to review the budget in March.",
    "The appointment was moved twice already, so please confirm the new time in writing.",
    "Please draft a polite reply explaining that the documents will arrive next week.",
    "The landlord has not repaired the water heater although we reported it last month.",
    "Could you list the documents needed for the application and the usual processing time?",
    "My manager asked for a short note on the incident for the insurance claim.",
    "Please keep the tone friendly but firm, and keep it under two hundred words.",
    "The school needs the consent form signed by a parent before the trip on Friday.",
]
THINGS = ["electricity bill", "management fee", "school fee", "repair invoice", "phone plan", "gym membership"]
MONTHS = ["January", "March", "April", "June", "August", "October", "December"]
TASKS = ["budget review", "stock count", "newsletter", "floor plan", "training schedule", "year-end report"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Friday", "Saturday"]
DOCUMENTS = ["meeting notes", "floor plan", "timetable", "menu", "delivery note"]
EVENTS = ["site visit", "team lunch", "inspection", "move", "class outing"]
STATEMENTS = [
    "The {thing} for {month} came to HK${amount}, a little more than last time.",
    "We hope to finish the {task} before {day} so that the team can look at it.",
    "The branch in {district} closes at {hour} pm on {day}, so a morning slot suits us better.",
    "The {thing} was paid on {n} {month}, and the balance is now clear.",
    "I have the {document} and the {document2} ready if they are needed.",
    "Rain on {day} may delay the {event}, so some flexibility would help.",
    "Last {month} the {task} took about {n} days, mostly waiting for the {document}.",
]
THINGS_ZH = ["電費", "管理費", "學費", "維修費", "電話月費"]
DAYS_ZH = ["星期一", "星期二", "星期三", "星期五", "星期六"]
TASKS_ZH = ["預算檢討", "盤點", "通訊", "培訓時間表", "年度報告"]
DOCUMENTS_ZH = ["會議紀錄", "平面圖", "時間表", "餐牌", "送貨單"]
STATEMENTS_ZH = [
    "{n}月的{thing}共{amount}元，比上次多了一點。",
    "我們希望在{day}前完成{task}。",
    "{district}分行{day}下午{hour}時關門，所以上午比較方便。",
    "我手上有{document}和{document2}，如有需要可以提供。",
    "上次的{task}大約用了{n}日，主要是等{document}。",
]
FILLER_ZH = [
    "我想查詢續約手續及所需文件。",
    "請用簡單的中文總結以下內容，並列出重點。",
    "業主上個月已收到維修通知，但熱水爐仍然未修好。",
    "請幫我草擬一封回覆，說明文件會在下星期寄出。",
    "保險公司要求提供事發經過的簡短說明。",
    "學校需要家長在旅行前簽署同意書。",
    "唔該幫我整理一下今日會議嘅重點，聽日要交俾上司。",
]


def hkid_check_digit(letter: str, digits: str) -> str:
    """The HKID check digit: weights 9..2 over (space=36, letter, six digits), mod 11."""
    values = [36, ord(letter) - 55] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


class HongKongMessages:
    """Varied synthetic chat messages with Hong Kong personal data, reproducibly."""

    def __init__(self, seed: int = SEED, *, unique: bool = True) -> None:
        """``unique``: remember every text made, to never make one twice (the memory
        benchmark turns it off: the set would be most of what it measures)."""
        self.random = random.Random(seed)
        self.unique = unique
        self.seen: set[str] = set()

    def name(self) -> str:
        r = self.random
        given = r.choice(GIVEN) if r.random() < 0.6 else r.choice(WESTERN)
        return f"{given} {r.choice(SURNAMES)}" if given in WESTERN else f"{r.choice(SURNAMES)} {given}"

    def name_zh(self) -> str:
        return self.random.choice(SURNAMES_ZH) + self.random.choice(GIVEN_ZH)

    def hkid(self) -> str:
        letter = self.random.choice("ACDEGHKPRVYZ")
        digits = "".join(self.random.choice("0123456789") for _ in range(6))
        return f"{letter}{digits}({hkid_check_digit(letter, digits)})"

    def phone(self) -> str:
        digits = self.random.choice("569") + "".join(self.random.choice("0123456789") for _ in range(7))
        return self.random.choice([f"{digits[:4]} {digits[4:]}", f"+852 {digits[:4]}-{digits[4:]}", digits])

    def address(self) -> str:
        r = self.random
        return (
            f"Flat {r.randint(1, 30)}{r.choice('ABCDEFGH')}, {r.randint(2, 40)}/F, {r.choice(BUILDINGS)}, "
            f"{r.randint(1, 400)} {r.choice(STREETS)}, {r.choice(DISTRICTS)}"
        )

    def address_zh(self) -> str:
        r = self.random
        return f"{r.choice(DISTRICTS_ZH)}{r.choice(STREETS_ZH)}{r.randint(1, 400)}號{r.randint(2, 40)}樓{r.choice('ABCDEFGH')}室"

    def sentence(self, chinese: bool, personal: bool) -> str:
        """One sentence, with personal data in it or not."""
        r = self.random
        if chinese:
            return (
                r.choice(
                    [
                        f"你好，我是{self.name_zh()}，身份證號碼{self.hkid()}，電話{self.phone()}。",
                        f"請把文件寄到{self.address_zh()}，收件人{self.name_zh()}。",
                        f"如有問題請致電{self.phone()}聯絡{self.name_zh()}。",
                    ]
                )
                if personal
                else r.choice(STATEMENTS_ZH).format(
                    n=r.randint(1, 12),
                    thing=r.choice(THINGS_ZH),
                    amount=r.randint(80, 9000),
                    day=r.choice(DAYS_ZH),
                    task=r.choice(TASKS_ZH),
                    district=r.choice(DISTRICTS_ZH),
                    hour=r.randint(4, 7),
                    document=r.choice(DOCUMENTS_ZH),
                    document2=r.choice(DOCUMENTS_ZH),
                )
            )
        return (
            r.choice(
                [
                    f"Hi, this is {self.name()}, my HKID is {self.hkid()} and you can reach me on {self.phone()}.",
                    f"Please update the delivery address for {self.name()} to {self.address()}.",
                    f"My colleague {self.name()} ({self.phone()}) will collect the documents on Thursday.",
                ]
            )
            if personal
            else r.choice(STATEMENTS).format(
                thing=r.choice(THINGS),
                month=r.choice(MONTHS),
                amount=r.randint(80, 9000),
                task=r.choice(TASKS),
                day=r.choice(DAYS),
                district=r.choice(DISTRICTS),
                hour=r.randint(4, 7),
                n=r.randint(2, 28),
                document=r.choice(DOCUMENTS),
                document2=r.choice(DOCUMENTS),
                event=r.choice(EVENTS),
            )
        )

    def user(self, size: int = 1024) -> str:
        """A message of about ``size`` UTF-8 bytes (whole sentences), never one made before:
        a request, then statements around it.

        A fifth of the sentences carry personal data, as a customer-service chat would; denser lists of people read as profiling to the default policy's threat
        classifier, which would then refuse the conversation and hide the checks' cost."""
        while True:
            language = self.random.random()  # English, Chinese or code-mixed
            first = self.random.choice(FILLER_ZH if language < 0.2 else FILLER)  # what is asked
            parts: list[str] = [first]
            length = len(first.encode())
            while length < size:
                personal = self.random.random() < PERSONAL_SHARE
                chinese = language < 0.2 or (language > 0.9 and self.random.random() < 0.5)
                part = self.sentence(chinese, personal)
                parts.append(part)
                length += len(part.encode()) + 1
            text = " ".join(parts)
            if not self.unique:
                return text
            if text not in self.seen:
                self.seen.add(text)
                return text

    def assistant(self) -> str:
        """A short answer, as a client keeps it in the history (pseudonyms restored)."""
        return self.random.choice(
            [
                f"Thank you, {self.name()}. I have noted the request and summarised the points below.",
                f"Here is a draft reply to {self.name()}, kept short and polite as asked.",
                "收到，我已整理重點如下，如需修改請告知。",
                "Understood. The documents listed are the usual ones; processing takes about two weeks.",
            ]
        )

    def conversation(self, turns: int, size: int = 1024) -> list[dict[str, str]]:
        """``turns`` user messages, each followed by an answer but the last."""
        messages: list[dict[str, str]] = []
        for turn in range(turns):
            if turn:
                messages.append({"role": "assistant", "content": self.assistant()})
            messages.append({"role": "user", "content": self.user(size)})
        return messages


# --- The plan: every request, in order, with what it counts towards -------------------------


@dataclass(frozen=True)
class Request:
    kind: str  # growing, replayed, prompt
    size: int  # user turns (growing, replayed) or KB (prompt)
    conversation: str
    messages: list[dict[str, str]]


def plan(
    generator: HongKongMessages, growing: int, replays: int, prompts: dict[int, int], *, together: bool = True
) -> list[Request]:
    """Every request in the order sent.

    ``together``: the growing conversations advance side by side, turn 1 of each, then
    turn 2 of each, and so on, as a server with several users at once sees them (their
    histories then outgrow any small cache of recent texts); otherwise one conversation
    runs from turn 1 to 20 before the next starts. Replays and prompts are spread over
    the run either way."""
    conversations = [(f"grow-{uuid.uuid4().hex[:12]}", generator.conversation(max(TURNS))) for _ in range(growing)]
    others: list[list[Request]] = []
    for r in range(max(replays, *prompts.values())):
        batch = []
        if r < replays:
            batch += [
                Request("replayed", turns, f"replay-{uuid.uuid4().hex[:12]}", generator.conversation(turns))
                for turns in TURNS
            ]
        batch += [
            Request(
                "prompt",
                kb,
                f"prompt-{uuid.uuid4().hex[:12]}",
                [{"role": "user", "content": generator.user(kb * 1024)}],
            )
            for kb, count in prompts.items()
            if r < count
        ]
        others.append(batch)

    def turn(cid: str, history: list[dict[str, str]], number: int) -> Request:
        return Request("growing", number, cid, history[: 2 * number - 1])

    requests: list[Request] = []
    if together:
        spread = [request for batch in others for request in batch]
        per_turn = -(-len(spread) // max(TURNS))
        for number in range(1, max(TURNS) + 1):
            requests += [turn(cid, history, number) for cid, history in conversations]
            requests += spread[(number - 1) * per_turn : number * per_turn]
        return requests
    for r in range(max(growing, len(others))):
        if r < growing:
            cid, history = conversations[r]
            requests += [turn(cid, history, number) for number in range(1, max(TURNS) + 1)]
        if r < len(others):
            requests += others[r]
    return requests


# --- Running it ------------------------------------------------------------------------------


@dataclass
class Path_:
    """Where a path is served; ``remembers``: whether it can keep anything between calls.
    A path that cannot is sent a growing conversation only at the turns reported, since
    its turn 20 costs the same whether or not turns 1 to 19 came before."""

    url: str
    headers: dict[str, str]
    remembers: bool


def measure(
    paths: dict[str, Path_], requests: Sequence[Request], warmup: Sequence[Request]
) -> dict[str, list[tuple[float, int] | None]]:
    """(latency ms, status) per path for every request, in order (``None``: not sent to
    that path); each request goes to every path in a rotating order, after a pause that
    lets background work finish."""
    clients = {name: httpx.Client(headers=p.headers, timeout=180) for name, p in paths.items()}

    def send(name: str, request: Request) -> tuple[float, int]:
        p = paths[name]
        headers = {CONVERSATION_HEADER: request.conversation} if p.remembers else {}
        started = time.perf_counter()
        response = clients[name].post(p.url, headers=headers, json={"model": MODEL, "messages": request.messages})
        return (time.perf_counter() - started) * 1000, response.status_code

    results: dict[str, list[tuple[float, int] | None]] = {name: [] for name in paths}
    names = list(paths)
    try:
        for request in warmup:
            for name in names:
                send(name, request)
        started = time.monotonic()
        for i, request in enumerate(requests):
            for name in names[i % len(names) :] + names[: i % len(names)]:
                if (
                    request.kind == "growing"
                    and request.size not in TURNS
                    and not paths[name].remembers
                    and name != DIRECT
                ):  # the direct call pairs every request
                    results[name].append(None)
                    continue
                time.sleep(QUIET_SECONDS)
                results[name].append(send(name, request))
            if (i + 1) % 50 == 0:
                print(f"  {i + 1}/{len(requests)} requests, {time.monotonic() - started:.0f} s", file=sys.stderr)
    finally:
        for client in clients.values():
            client.close()
    return results


@contextlib.contextmanager
def servers_at_once(specs: dict[str, dict[str, Any]]) -> Iterator[None]:
    """Every ``server_process(**spec)`` started in parallel (models load on both cores),
    all stopped when the block ends."""
    stop = threading.Event()
    ready: dict[str, threading.Event] = {name: threading.Event() for name in specs}
    failed: dict[str, BaseException] = {}

    def run(name: str, spec: dict[str, Any]) -> None:
        try:
            with server_process(**spec):
                ready[name].set()
                stop.wait()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            failed[name] = error
            ready[name].set()

    threads = [threading.Thread(target=run, args=(name, spec), daemon=True) for name, spec in specs.items()]
    for thread in threads:
        thread.start()
    try:
        for event in ready.values():
            event.wait()
        if failed:
            raise RuntimeError("; ".join(f"{name}: {error}" for name, error in failed.items()))
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)


def guarded_policy(folder: Path, as_shipped: bool) -> str:
    """The default policy, its threat classifiers warning instead of refusing (unless
    ``as_shipped``): every check still runs on every text at the same cost (a refusal
    would skip the rest), but a false positive on one synthetic message no longer cuts
    its conversation short and leaves fewer samples of the later turns."""
    if as_shipped:
        return "hk-genai-2025"
    from guardrail.policy import load_policy

    raw = yaml.safe_load((HERE.parent / "guardrail" / "policies" / "hk-genai-2025.yaml").read_text(encoding="utf-8"))
    raw["id"] = "hk-genai-2025-threats-warn"
    for check in raw["checks"]:
        if check["type"] == "threat_classifier":
            check["settings"]["action"] = "warn"
    path = folder / "threats-warn.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    load_policy(path)  # fail here, not in the server, if it is invalid
    return str(path)


def run_latency(args: argparse.Namespace) -> dict[str, Any]:
    if args.quick:
        growing, replays, prompts = 3, 1, {1: 3, 10: 1, 100: 1}
    else:
        growing, replays, prompts = 16, 6, {1: 12, 10: 6, 100: 3}
    if args.growing is not None:
        growing = args.growing
    generator = HongKongMessages(args.seed)
    warmup = [Request("warmup", 1, f"warm-{i}", generator.conversation(2)) for i in range(3)]
    requests = plan(generator, growing, replays, prompts, together=not args.one_by_one)
    folder = Path(tempfile.mkdtemp(prefix="guardrail-conversations-"))
    env = {"LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    up_port, guard_port = free_port(), free_port()
    upstream = f"http://127.0.0.1:{up_port}"
    paths = {
        DIRECT: Path_(f"{upstream}/v1/chat/completions", {}, False),
        GUARDED: Path_(f"http://127.0.0.1:{guard_port}/v1/chat/completions", GUARDRAIL_HEADERS, True),
    }
    specs: dict[str, dict[str, Any]] = {
        GUARDED: {
            "command": [
                sys.executable,
                "-m",
                "guardrail.cli",
                "serve",
                "--config",
                str(guardrail_config(folder, upstream, guarded_policy(folder, args.as_shipped))),
                "--port",
                str(guard_port),
            ],
            "ready_url": f"http://127.0.0.1:{guard_port}/health/ready",
            "env": env,
            "log_path": folder / "guardrail.log",
        }
    }
    if args.litellm_python:
        presidio_port, litellm_port = free_port(), free_port()
        presidio = f"http://127.0.0.1:{presidio_port}"
        litellm = str(Path(args.litellm_python).parent / "litellm")
        specs["presidio"] = {
            "command": [args.litellm_python, str(HERE / "presidio_services.py"), "--port", str(presidio_port)],
            "ready_url": f"{presidio}/analyze",
        }
        specs[PEER] = {
            "command": [
                litellm,
                "--config",
                str(litellm_config(folder, upstream, presidio)),
                "--port",
                str(litellm_port),
            ],
            "ready_url": f"http://127.0.0.1:{litellm_port}/health/liveliness",
            "env": LITELLM_ENV,
            "headers": LITELLM_HEADERS,
        }
        paths[PEER] = Path_(f"http://127.0.0.1:{litellm_port}/v1/chat/completions", LITELLM_HEADERS, False)
    print(f"{len(requests)} requests x {len(paths)} paths; starting servers", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        stack.enter_context(
            server_process(
                [sys.executable, "-m", "guardrail.testing.upstream", "--port", str(up_port)], f"{upstream}/v1/models"
            )
        )
        stack.enter_context(servers_at_once(specs))
        if args.pid_file:
            Path(args.pid_file).write_text(_listener_pid(guard_port))
        started = time.monotonic()
        results = measure(paths, requests, warmup)
        elapsed = time.monotonic() - started
    summary = summarise(requests, results, elapsed)
    summary["guardrail_breakdown_ms"] = breakdown(folder / "guardrail.log", requests, len(warmup))
    summary["guardrail_warned_calls"] = sum(
        '"decision": "warn"' in line for line in (folder / "guardrail.log").read_text(encoding="utf-8").splitlines()
    )
    return summary


def breakdown(log: Path, requests: Sequence[Request], warmup: int) -> dict[str, dict[str, float]]:
    """Where guardrail's time goes on growing turns, from its own call records (one per
    request, in order, after the warm-up): each check per stage, the upstream call
    (through LiteLLM's router), and the rest of the handler; medians over conversations."""
    calls = [
        json.loads(line)
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.startswith("{") and '"event": "call"' in line
    ][warmup:]
    if len(calls) != len(requests):
        return {}
    parts: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for request, call in zip(requests, calls, strict=True):
        if request.kind != "growing" or request.size not in TURNS or call.get("status") != 200:
            continue
        row = parts[request.size]
        checks = 0.0
        for check in call.get("checks", []):
            row[f"{check['stage']} {check['check']}"].append(check["duration_ms"])
            checks += check["duration_ms"]
        row["upstream (router)"].append(call.get("upstream_ms", 0.0))
        row["handler, rest"].append(call["duration_ms"] - checks - call.get("upstream_ms", 0.0))
        row["handler, total"].append(call["duration_ms"])
    return {str(turn): {name: statistics.median(v) for name, v in row.items()} for turn, row in parts.items()}


def _listener_pid(port: int) -> str:
    """The pid of the process listening on ``port`` (for attaching a profiler)."""
    import subprocess

    found = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], check=False, capture_output=True, text=True).stdout
    return found.split("pid=")[1].split(",")[0] if "pid=" in found else ""


def summarise(
    requests: Sequence[Request], results: dict[str, list[tuple[float, int] | None]], elapsed: float
) -> dict[str, Any]:
    """Median added latency (paired with the direct call) per kind and size, per path."""
    added: dict[str, dict[tuple[str, int], list[float]]] = defaultdict(lambda: defaultdict(list))
    failures: dict[str, int] = defaultdict(int)
    direct = results[DIRECT]
    for name, values in results.items():
        for request, result, base_result in zip(requests, values, direct, strict=True):
            if result is None or base_result is None:
                continue
            (ms, status), base = result, base_result[0]
            if status != 200:
                failures[f"{name} {request.kind} {request.size} -> {status}"] += 1
                continue
            value = ms - base if name != DIRECT else ms
            added[name][(request.kind, request.size)].append(value)
            if (request.kind, request.size) in FRESH:
                added[name][("fresh", 1)].append(value)
    table = {
        name: {f"{kind}:{size}": statistics.median(v) for (kind, size), v in rows.items()}
        for name, rows in added.items()
    }
    counts = {f"{kind}:{size}": len(v) for (kind, size), v in added[GUARDED].items()}
    return {"added_ms": table, "samples": counts, "failures": dict(failures), "seconds": round(elapsed)}


def report(summary: dict[str, Any]) -> None:
    table = summary["added_ms"]
    names = [n for n in (GUARDED, PEER) if n in table]
    print(
        f"\nmedian latency added over a direct call (ms); direct column: the direct call itself "
        f"({summary['seconds']} s measuring)"
    )
    print(f"{'':22}" + "".join(f"{n:>26}" for n in names) + f"{'direct':>10}{'n':>5}")
    rows = [("growing", t) for t in TURNS]
    rows += [("replayed", t) for t in TURNS] + [("prompt", kb) for kb in SIZES_KB]
    for kind, size in rows:
        key = f"{kind}:{size}"
        if key not in table[DIRECT]:
            continue
        label = f"{kind} {size} {'KB' if kind == 'prompt' else 'turns' if kind == 'replayed' else 'turn'}"
        cells = "".join(f"{table[n].get(key, float('nan')):26.1f}" for n in names)
        print(f"{label:22}{cells}{table[DIRECT][key]:10.1f}{summary['samples'].get(key, 0):5}")
    ours = table[GUARDED]
    nan = float("nan")
    print(
        f"{'any fresh 1 KB message':22}"
        + "".join(f"{table[n].get('fresh:1', nan):26.1f}" for n in names)
        + f"{table[DIRECT].get('fresh:1', nan):10.1f}{summary['samples'].get('fresh:1', 0):5}"
        + "  (growing turn 1, replayed 1, prompt 1 KB: spread over the whole run)"
    )
    print(
        f"\nguardrail growing turn 20 / turn 1: {ours.get('growing:20', nan) / ours.get('growing:1', nan):.2f}x "
        f"(bar: <= 1.3x); / any fresh 1 KB message: {ours.get('growing:20', nan) / ours.get('fresh:1', nan):.2f}x"
    )
    if PEER in table:
        print(
            f"LiteLLM + Presidio turn 20 / guardrail turn 20: "
            f"{table[PEER].get('growing:20', nan) / ours.get('growing:20', nan):.1f}x (bar: >= 10x)"
        )
    parts = summary.get("guardrail_breakdown_ms") or {}
    if parts:
        print("\nguardrail's own records, growing conversations (median ms per call):")
        turns = [str(t) for t in TURNS if str(t) in parts]
        print(f"{'':32}" + "".join(f"{'turn ' + t:>10}" for t in turns))
        for name in parts[turns[0]]:
            print(f"{name:32}" + "".join(f"{parts[t].get(name, float('nan')):10.1f}" for t in turns))
    if summary.get("guardrail_warned_calls"):
        print(
            f"calls where a guardrail check warned (a refusal in the shipped policy): "
            f"{summary['guardrail_warned_calls']}"
        )
    if summary["failures"]:
        print(f"non-200 answers (left out): {summary['failures']}")
    print(json.dumps(summary))


# --- Memory per worker -----------------------------------------------------------------------


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_memory(conversations: int, seed: int, size: int) -> None:
    """RSS of one process serving ``conversations`` distinct two-turn conversations."""
    from guardrail.core.vault import InMemoryVault
    from guardrail.runtime.guard import Guard

    generator = HongKongMessages(seed, unique=False)  # identifiers drawn at random: repeats are vanishingly rare
    vault = InMemoryVault()
    guard = Guard.from_policy("hk-genai-2025", vault=vault)
    memos = [check.memo for check in _checks(guard) if hasattr(check, "memo")]
    answer = {"choices": [{"index": 0, "message": {"role": "assistant", "content": ANSWER}, "finish_reason": "stop"}]}

    def one(i: int) -> None:
        history = generator.conversation(2, size)
        cid = f"mem-{i}"
        for messages in (history[:1], history):
            request = guard.guard_request(messages, guard.context(tenant="bench", conversation_id=cid))
            guard.guard_response(answer, request)

    for i in range(20):
        one(-1 - i)  # models loaded and warm before the first figure
    gc.collect()
    before = rss_mb()
    started = time.monotonic()
    print(f"{'conversations':>14} {'RSS MB':>8} {'remembered texts (all checks)':>30} {'vault values':>13} {'s':>6}")
    print(f"{0:14} {before:8.1f} {sum(len(m) for m in memos):30} {vault.counts().values:13} {0:6}")
    step = max(1, conversations // 10)
    for i in range(conversations):
        one(i)
        if (i + 1) % step == 0:
            gc.collect()
            print(
                f"{i + 1:14} {rss_mb():8.1f} {sum(len(m) for m in memos):30} "
                f"{vault.counts().values:13} {time.monotonic() - started:6.0f}",
                flush=True,
            )
    print(
        f"RSS {before:.1f} MB -> {rss_mb():.1f} MB after {conversations} conversations "
        f"({len(memos)} checks remember texts, at most {memos[0].max_entries if memos else 0} each)"
    )


def _checks(guard: Any) -> Iterator[Any]:
    """The check objects of the guard's pipeline, whatever wraps them."""
    for step in guard.pipeline.steps:
        check = getattr(step, "check", step)
        yield getattr(check, "__wrapped__", check)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer conversations: under 3 minutes")
    parser.add_argument("--growing", type=int, help="growing conversations (default 16, quick 3)")
    parser.add_argument(
        "--litellm-python",
        default=sys.executable,
        help="Python of a virtualenv with litellm[proxy] and presidio (default: this one)",
    )
    parser.add_argument("--no-peer", action="store_true", help="guardrail and direct only")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--one-by-one", action="store_true", help="run each growing conversation to turn 20 before starting the next"
    )
    parser.add_argument(
        "--as-shipped",
        action="store_true",
        help="the default policy exactly (threat classifiers refuse, conversations may end early)",
    )
    parser.add_argument("--pid-file", help="write the guardrail proxy's pid here once it is up (for py-spy)")
    parser.add_argument("--memory", type=int, metavar="N", help="measure RSS over N conversations instead")
    parser.add_argument("--memory-size", type=int, default=1024, help="bytes per user message in --memory")
    args = parser.parse_args()
    if args.no_peer:
        args.litellm_python = None
    if args.memory:
        run_memory(args.memory, args.seed, args.memory_size)
        return
    report(run_latency(args))


if __name__ == "__main__":
    main()
