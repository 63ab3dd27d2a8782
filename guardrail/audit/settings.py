"""How the proxy keeps its audit trail: durability, checkpoints, the checkpoint key
and the witnesses that hold each checkpoint outside the machine.

Part of the server config (``audit_trail:``); the defaults suit the embedded demo:
fsync per record, a checkpoint every 100 entries and at shutdown, signed with the
attribution key from the data folder (a warning on readiness says so), no witness.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from guardrail.audit.store import CHECKPOINT_EVERY, SYNC_WINDOW_SECONDS


class WitnessSettings(BaseModel):
    """One witness: an append-only file on another volume, or an HTTP witness
    (``guardrail witness serve``) that countersigns."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: Path | None = Field(default=None, description="Append each checkpoint to this file (another volume).")
    url: str | None = Field(default=None, description="POST each checkpoint to this HTTP witness.")
    timeout_seconds: float = Field(default=5.0, gt=0, le=60)

    @model_validator(mode="after")
    def _one_target(self) -> WitnessSettings:
        if (self.file is None) == (self.url is None):
            raise ValueError("a witness has either 'file' or 'url'")
        return self


class TrailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    durability: Literal["record", "batch"] = Field(
        default="record",
        description="record: fsync every entry before the call goes on; batch: fsync at most "
        "sync_window_seconds after an entry is written (a power cut loses at most that window).",
    )
    sync_window_seconds: float = Field(default=SYNC_WINDOW_SECONDS, gt=0, le=60)
    checkpoint_every: int = Field(
        default=CHECKPOINT_EVERY,
        ge=2,
        le=100_000,
        description="A signed checkpoint every this many entries (and at shutdown).",
    )
    checkpoint_seconds: float | None = Field(
        default=None, gt=0, description="Also a checkpoint this often while entries are written; none: only by count."
    )
    checkpoint_key: Path | None = Field(
        default=None,
        description="PEM Ed25519 key that signs checkpoints, kept apart from data_dir (owner-only). "
        "GUARDRAIL_CHECKPOINT_KEY (the PEM itself) wins; neither: the attribution key in data_dir/keys.",
    )
    trail_id: str = Field(
        default="guardrail",
        pattern=r"^[A-Za-z0-9_.-]{1,64}$",
        description="Names this trail to witnesses that keep several.",
    )
    witnesses: list[WitnessSettings] = Field(default_factory=list)
    postgres_schema: str = Field(
        default="guardrail_audit",
        pattern=r"^[a-z_][a-z0-9_]{0,40}$",
        description="audit_store postgres: the schema holding the trail (guardrail audit migrate --schema); "
        "the connection string is read from GUARDRAIL_DATABASE_URL, never from the file.",
    )
