#!/usr/bin/env bash
# An auditor's workflow over a proxy's records (default: .guardrail, the embedded default's).
#
#   bash examples/auditor.sh [DATA_DIR]
#
# 1. verify the hash chain and its signed checkpoints (exit 0 only when intact);
# 2. write a self-contained HTML report organised by the Guideline's dimensions and
#    principles (open it in any browser; no external assets); it exits non-zero, saying
#    why, when the trail does not verify;
# 3. list the refused calls as a table (times in UTC, stage and reason code, no content).
set -euo pipefail
data="${1:-.guardrail}"
guardrail="${GUARDRAIL_CLI:-guardrail}"
command -v "$guardrail" >/dev/null || guardrail=.venv/bin/guardrail   # not activated: the README's venv
audit="$data/audit"
[ -e "$audit" ] || audit="$data/audit.sqlite3"

"$guardrail" audit verify "$audit" --jwks "$data/jwks.json" --live   # the proxy may still be writing it
"$guardrail" audit report "$audit" --format html --output "$data/report.html" --jwks "$data/jwks.json" --live
echo "report: $data/report.html"
"$guardrail" audit query "$audit" --decision deny --limit 20 --format table
