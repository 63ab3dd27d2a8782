"""A service user checks that an answer is AI-generated and unaltered.

    .venv/bin/guardrail serve                             # in another terminal
    .venv/bin/python examples/user_verify_answer.py       # GUARDRAIL_BASE_URL to point elsewhere

It saves an answer and the proxy's public keys (``/.well-known/jwks.json``) to files,
then does what any user can do with them: ``guardrail attribution verify``. Changing a
single character of the answer makes verification fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import httpx
except ModuleNotFoundError:
    sys.exit(
        "this example needs httpx, installed with guardrail: run it with .venv/bin/python (or activate .venv first)"
    )

BASE_URL = os.environ.get("GUARDRAIL_BASE_URL", "http://127.0.0.1:4000/v1")
ROOT = BASE_URL.removesuffix("/v1")

answer = httpx.post(
    f"{BASE_URL}/chat/completions",
    timeout=60,
    json={"model": "guardrail-demo", "messages": [{"role": "user", "content": "Summarise our refund policy."}]},
).json()
folder = Path(tempfile.mkdtemp(prefix="guardrail-user-"))
(folder / "answer.json").write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
(folder / "jwks.json").write_text(httpx.get(f"{ROOT}/.well-known/jwks.json", timeout=10).text, encoding="utf-8")


def verify(path: Path) -> int:
    command = [
        sys.executable,
        "-m",
        "guardrail.cli",
        "attribution",
        "verify",
        str(path),
        "--jwks",
        str(folder / "jwks.json"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    print(result.stdout.strip())
    if result.stderr.strip():
        print(result.stderr.strip(), file=sys.stderr)
    return result.returncode


def expect(path: Path, code: int) -> None:
    """Stop with a message (the command's own error output is just above) on a surprise."""
    got = verify(path)
    if got != code:
        sys.exit(f"expected 'guardrail attribution verify' to exit {code}, it exited {got}")


print("== the answer as received")
expect(folder / "answer.json", 0)
print("== the same answer with one character changed")
answer["choices"][0]["message"]["content"] = answer["choices"][0]["message"]["content"].replace("e", "é", 1)
(folder / "tampered.json").write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
expect(folder / "tampered.json", 1)
