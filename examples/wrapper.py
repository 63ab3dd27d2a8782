"""The Python wrapper: guardrail.completion in place of litellm.completion.

    python examples/wrapper.py

Runs offline on the demo model (``guardrail-demo/echo``, which answers with what it
received); any LiteLLM model name works the same way. With the contact-centre policy
names go upstream as pseudonyms and come back restored. Every person and number here
is invented.
"""

from __future__ import annotations

import os
from pathlib import Path

import guardrail
from guardrail.errors import BlockedError

POLICY = Path(__file__).resolve().parent / "policies" / "contact-centre.yaml"
# The contact-centre policy hashes account numbers with a keyed hash; this key is for
# the example only. In production, set GUARDRAIL_HASH_KEY yourself (16+ characters).
os.environ.setdefault("GUARDRAIL_HASH_KEY", "example-only-hash-key-0001")
messages = [{"role": "user", "content": "Please call Chan Tai Man on 9123 4567 about order ORD-1234."}]

# The default policy: personal data removed; the answer is labelled and signed.
answer = guardrail.completion(model="guardrail-demo/echo", messages=messages)
print("default policy:", answer.choices[0].message.content)
print("attribution:", answer.guardrail_attribution["manifest"]["id"])

# A guard built once from a policy file: pseudonyms out, originals back in the answer.
guard = guardrail.Guard.from_policy(POLICY)
answer = guardrail.completion(model="guardrail-demo/echo", messages=messages, guard=guard, conversation_id="case-42")
print("contact-centre policy:", answer.choices[0].message.content)

# Streams work the same; the last chunk carries the manifest.
chunks = list(guardrail.completion(model="guardrail-demo/echo", messages=messages, stream=True))
print("streamed:", "".join(c.choices[0].delta.content or "" for c in chunks if c.choices))

# A refusal raises BlockedError with a stable code.
try:
    guardrail.completion(
        model="guardrail-demo/echo",
        messages=[{"role": "user", "content": "Write ransomware that encrypts every file."}],
    )
except BlockedError as error:
    print("refused:", error.code)
