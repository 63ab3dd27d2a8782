"""The ``guardrail`` command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from guardrail.cli.errors import EXIT_USAGE, fail
from guardrail.cli.help import plain_flags
from guardrail.cli.paths import audit_trail
from guardrail.errors import ConfigurationError, PolicyError
from guardrail.policy import DEFAULT_POLICY, LoadedPolicy, load_policy

if TYPE_CHECKING:
    from guardrail.pii.redactor import Redactor

app = typer.Typer(
    help="Runtime guardrail for LLM calls under Hong Kong's Generative AI Guideline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
policy_app = typer.Typer(help="Inspect and validate policy packs.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")
attribution_app = typer.Typer(help="Verify answers' attribution; manage signing keys.", no_args_is_help=True)
app.add_typer(attribution_app, name="attribution")
audit_app = typer.Typer(
    help="The audit trail: verify checks its integrity, report summarises it by Guideline dimension, query "
    "prints call records. Default trail: <data_dir>/audit, <data_dir> being $GUARDRAIL_DATA_DIR or "
    ".guardrail.",
    no_args_is_help=True,
)
app.add_typer(audit_app, name="audit")
witness_app = typer.Typer(help="Keep other trails' checkpoints, countersigned.", no_args_is_help=True)
app.add_typer(witness_app, name="witness")

# The name pip knows this project by; the import name and the command are "guardrail".
DISTRIBUTION = "hk-genai-guardrail"

PolicyOption = Annotated[str, typer.Option("--policy", "-p", help="Built-in policy name or path to a policy file.")]


def _load(name: str) -> LoadedPolicy:
    try:
        return load_policy(name)
    except PolicyError as error:
        fail(str(error), EXIT_USAGE)


def _personal_data_redactor(loaded: LoadedPolicy) -> Redactor:
    from guardrail.pii.check import personal_data_redactor

    try:
        return personal_data_redactor(loaded)
    except ConfigurationError as error:
        fail(str(error), EXIT_USAGE)


@app.command()
def scan(
    text: Annotated[str | None, typer.Argument(help="Text to scan; omit to read stdin.")] = None,
    policy: PolicyOption = DEFAULT_POLICY,
    jsonl: Annotated[bool, typer.Option("--jsonl", help='Read {"id", "text"} objects, one per line.')] = False,
    input_file: Annotated[
        Path | None, typer.Option("--input", "-i", help="Read from this file instead of stdin.")
    ] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="With --jsonl: report bad lines and go on.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="For one text: print redaction and findings as JSON.")
    ] = False,
) -> None:
    """Redact personal data from text, as the policy would before a model call."""
    from guardrail.cli.scan import read_text_argument, scan_jsonl, scan_text

    if jsonl and text is not None:
        fail("--jsonl reads stdin or --input, not a text argument", EXIT_USAGE)
    redactor = _personal_data_redactor(_load(policy))
    if jsonl:
        scan_jsonl(redactor, input_file, skip_bad)
    else:
        scan_text(redactor, read_text_argument(text, input_file), as_json)


@app.command()
def demo(policy: PolicyOption = DEFAULT_POLICY) -> None:
    """Show the policy redacting synthetic Hong Kong prompts (no network, no API key)."""
    from guardrail.cli.demo import run_demo
    from guardrail.policy import build_pipeline

    loaded = _load(policy)
    try:
        pipeline = build_pipeline(loaded)
    except ConfigurationError as error:
        fail(str(error), EXIT_USAGE)
    run_demo(loaded, pipeline, Console())


@app.command()
def serve(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Server config file; omit for the offline demo.")
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 4000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes; each loads the models once.")] = 1,
    insecure_no_keys: Annotated[
        bool, typer.Option("--insecure-no-keys", help="Allow a non-loopback address with no API keys.")
    ] = False,
) -> None:
    """Run the guarded OpenAI-compatible proxy (with no config: offline demo on 127.0.0.1)."""
    from guardrail.adapters.proxy.listen import check_address

    try:
        # Before anything is loaded: a busy port or a wrong host is said at once.
        check_address(host, port)
        from guardrail.adapters.proxy.serve import serve as run_server

        run_server(str(config) if config else None, host=host, port=port, workers=workers, insecure=insecure_no_keys)
    except (ConfigurationError, PolicyError) as error:
        fail(str(error), EXIT_USAGE)


@app.command()
def doctor(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="The server config to check; omit for the embedded default.")
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", help="The data folder; default: the config's, else $GUARDRAIL_DATA_DIR or .guardrail."
        ),
    ] = None,
) -> None:
    """Check offline what is installed and configured; exit 1 on a problem."""
    from guardrail.cli.doctor import run_doctor

    run_doctor(config, data_dir)


@attribution_app.command("verify")
def attribution_verify(
    document: Annotated[
        Path,
        typer.Argument(
            help="A saved chat completion (JSON), a manifest with --text, or plain text carrying an embedded "
            "marker (pasted from anywhere); - reads standard input."
        ),
    ],
    text: Annotated[Path | None, typer.Option("--text", help="The answer's text, for a bare manifest.")] = None,
    jwks: Annotated[Path | None, typer.Option("--jwks", help="Public keys (JWKS) from a file you trust.")] = None,
    jwks_url: Annotated[
        str | None,
        typer.Option(
            "--jwks-url",
            help="Fetch the provider's public keys from this https URL "
            "(a bare origin means its /.well-known/jwks.json).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Check signature, key and content hash; exit 0 only if the answer verifies."""
    from guardrail.cli.attribution_cmd import run_verify

    run_verify(document, text, jwks, jwks_url, as_json)


@attribution_app.command("page")
def attribution_page() -> None:
    """Print the verification page (the proxy's /verify) as one HTML file to share or host."""
    from guardrail.attribution.page import verify_page

    typer.echo(verify_page(), nl=False)


@attribution_app.command("rotate-key")
def attribution_rotate_key(
    data_dir: Annotated[Path, typer.Option(help="The server's data folder.")] = Path(".guardrail"),
) -> None:
    """Generate a new signing key; it signs from the next start, old keys stay published."""
    from guardrail.attribution import KeyStore

    store = KeyStore(data_dir / "keys")
    key = store.rotate()
    KeyStore(data_dir / "keys").write_jwks(data_dir / "jwks.json")
    print(f"new signing key {key.kid}; restart the server to sign with it")


StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        help="file: the folder or SQLite file given (or the default); postgres: the PostgreSQL trail at "
        "$GUARDRAIL_DATABASE_URL, read-only.",
    ),
]
SchemaOption = Annotated[
    str, typer.Option("--schema", help="With --store postgres: the trail's schema (audit_trail.postgres_schema).")
]


TrailArgument = Annotated[
    Path | None,
    typer.Argument(
        help="The audit folder or SQLite file; default <data_dir>/audit (or "
        "<data_dir>/audit.sqlite3), <data_dir> being $GUARDRAIL_DATA_DIR or .guardrail.",
        show_default=False,
    ),
]


@audit_app.command("verify")
def audit_verify(
    trail: TrailArgument = None,
    jwks: Annotated[
        Path | None,
        typer.Option(
            "--jwks",
            help="Checkpoint public keys from a copy you trust; default: "
            "checkpoint-jwks.json and jwks.json beside the trail.",
        ),
    ] = None,
    witness: Annotated[
        list[str] | None,
        typer.Option(
            "--witness", help="A witness's record: its file, or its URL (guardrail witness serve). Repeatable."
        ),
    ] = None,
    witness_jwks: Annotated[
        Path | None, typer.Option("--witness-jwks", help="Pin the HTTP witness's public keys (default: fetched).")
    ] = None,
    trail_id: Annotated[str, typer.Option("--trail-id", help="The trail's name at the witnesses.")] = "guardrail",
    no_signatures: Annotated[
        bool, typer.Option("--no-signatures", help="Check the chain without checkpoint signatures (no key set).")
    ] = False,
    checkpoint_every: Annotated[
        int | None,
        typer.Option(
            "--checkpoint-every",
            min=1,
            help="The interval you expect (audit_trail."
            "checkpoint_every): fail if checkpoints are further apart, whatever they state.",
        ),
    ] = None,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="The trail is still being written: a first stretch shorter than the "
            "checkpoint interval, not yet checkpointed, is a warning, not a failure.",
        ),
    ] = False,
    store: StoreOption = "file",
    schema: SchemaOption = "guardrail_audit",
) -> None:
    """Exit 0 only if the chain, its signed checkpoints and every witnessed checkpoint are intact."""
    from guardrail.cli.audit_cmd import run_verify, trail_source

    run_verify(
        trail_source(audit_trail(trail), store, schema),
        jwks,
        witnesses=witness or [],
        witness_jwks=witness_jwks,
        trail_id=trail_id,
        no_signatures=no_signatures,
        checkpoint_every=checkpoint_every,
        live=live,
    )


@witness_app.command("serve")
def witness_serve(
    folder: Annotated[Path, typer.Option("--data", help="Where the witness keeps its record and key.")] = Path(
        ".guardrail-witness"
    ),
    key: Annotated[
        Path | None,
        typer.Option("--key", help="Its Ed25519 PEM key (owner-only); default: generated in the data folder."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 4100,
) -> None:
    """Run an HTTP witness: proxies send it their checkpoints; auditors read them back."""
    import uvicorn

    from guardrail.audit.witness_server import create_witness_app

    try:
        witness = create_witness_app(folder, key)
    except ConfigurationError as error:
        fail(str(error), EXIT_USAGE)
    print(f"guardrail witness on http://{host}:{port} (record in {folder})", flush=True)
    uvicorn.run(witness, host=host, port=port, access_log=False, log_level="warning")


@audit_app.command("migrate")
def audit_migrate(
    schema: SchemaOption = "guardrail_audit",
    grant_to: Annotated[
        list[str] | None,
        typer.Option(
            "--grant-to",
            help="A login role the proxy connects as: it may then append and read, never change or delete. Repeatable.",
        ),
    ] = None,
) -> None:
    """Create or upgrade the PostgreSQL trail's schema at $GUARDRAIL_DATABASE_URL (run as its admin);
    refuses a schema newer than this version knows."""
    from guardrail.cli.audit_cmd import run_migrate

    run_migrate(schema, grant_to or [])


SinceOption = Annotated[str | None, typer.Option("--since", help="ISO date/time (UTC if no zone), inclusive.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="ISO date/time, exclusive.")]
TenantOption = Annotated[str | None, typer.Option("--tenant", help="Only this tenant's calls.")]


@audit_app.command("report")
def audit_report(
    trail: TrailArgument = None,
    output_format: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    since: SinceOption = None,
    until: UntilOption = None,
    tenant: TenantOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    jwks: Annotated[Path | None, typer.Option("--jwks", help="Public keys for the integrity check.")] = None,
    store: StoreOption = "file",
    schema: SchemaOption = "guardrail_audit",
    live: Annotated[
        bool, typer.Option("--live", help="The trail is still being written (as for audit verify --live).")
    ] = False,
) -> None:
    """A report by Guideline dimension and principle, with integrity status; exits 1 if the trail does not verify."""
    from guardrail.audit.query import Filter
    from guardrail.cli.audit_cmd import parse_time, run_report, trail_source

    selection = Filter(since=parse_time(since, "--since"), until=parse_time(until, "--until"), tenant=tenant)
    run_report(trail_source(audit_trail(trail), store, schema), output_format, selection, jwks, output, live=live)


@audit_app.command("query")
def audit_query(
    trail: TrailArgument = None,
    since: SinceOption = None,
    until: UntilOption = None,
    tenant: TenantOption = None,
    decision: Annotated[str | None, typer.Option(help="Calls where a check decided this (deny, modify...).")] = None,
    request_id: Annotated[str | None, typer.Option("--request-id", help="One call.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many records.")] = None,
    store: StoreOption = "file",
    schema: SchemaOption = "guardrail_audit",
    output_format: Annotated[
        str, typer.Option("--format", help="json (JSON lines) or table (ISO times, refusal stage and code).")
    ] = "json",
) -> None:
    """Print matching call records as JSON lines, or as a table."""
    from guardrail.audit.query import Filter
    from guardrail.cli.audit_cmd import parse_time, run_query, trail_source

    selection = Filter(
        since=parse_time(since, "--since"),
        until=parse_time(until, "--until"),
        tenant=tenant,
        decision=decision,
        request_id=request_id,
    )
    run_query(trail_source(audit_trail(trail), store, schema), selection, limit, output_format)


@policy_app.command("validate")
def policy_validate(
    source: Annotated[str, typer.Argument(help="Policy file (or built-in name) to check.")],
) -> None:
    """Check a policy file; exit 0 only if it is valid."""
    from guardrail.cli.policy_cmd import describe

    print(f"valid: {describe(_load(source))}")


@policy_app.command("show")
def policy_show(
    source: Annotated[str, typer.Argument(help="Built-in name or policy file.")] = DEFAULT_POLICY,
) -> None:
    """Print a policy as validated, with defaults filled in, and its content hash."""
    from guardrail.cli.policy_cmd import render

    print(render(_load(source)), end="")


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"guardrail {version(DISTRIBUTION)}")
        except PackageNotFoundError:
            print("guardrail (not installed as a distribution; run from a source tree)")
        raise typer.Exit()


@app.callback()
def _root(
    _version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the installed version and exit."),
    ] = False,
) -> None:
    """Runtime guardrail for LLM calls under Hong Kong's Generative AI Guideline."""


def main() -> None:
    """Console-script entry point."""
    # Nothing may reach the network at run time; LiteLLM would otherwise fetch prices.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    plain_flags(typer.main.get_command(app))(prog_name="guardrail")
