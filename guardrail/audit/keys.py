"""The key that signs checkpoints, kept apart from the trail it vouches for.

Whoever holds the data folder and a key inside it can rewrite the trail and sign it
again; a key on another volume, or handed in as a secret, cannot be taken with the
folder. The embedded demo may still sign with the attribution key in
``<data_dir>/keys``: :attr:`CheckpointKey.local` says so, and readiness warns.

Key files readable or writable by group or others are refused: a signing key anyone
on the machine can read vouches for nothing.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from guardrail.attribution.keys import SigningKey, _parse
from guardrail.errors import ConfigurationError

CHECKPOINT_KEY_ENV = "GUARDRAIL_CHECKPOINT_KEY"


@dataclass(frozen=True)
class CheckpointKey:
    key: SigningKey
    source: str  # where it came from: a path, the environment, or the data folder
    local: bool  # kept in (or under) the data folder beside the trail


def require_owner_only(path: Path) -> None:
    """Refuse a key file that group or others may read or write, with how to fix it."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigurationError(
            f"{path}: key file is open to group or others (mode {mode:04o}); it must be owner-only: chmod 600 {path}"
        )


def checkpoint_key(configured: Path | None, fallback: SigningKey, data_dir: Path) -> CheckpointKey:
    """The checkpoint key: ``GUARDRAIL_CHECKPOINT_KEY``, else the configured file, else
    ``fallback`` (the attribution key from the data folder, marked local)."""
    from_env = os.environ.get(CHECKPOINT_KEY_ENV)
    if from_env:
        return CheckpointKey(_parse(from_env.encode(), CHECKPOINT_KEY_ENV), CHECKPOINT_KEY_ENV, local=False)
    if configured is None:
        return CheckpointKey(fallback, str(data_dir / "keys"), local=True)
    try:
        require_owner_only(configured)
        pem = configured.read_bytes()
    except FileNotFoundError:
        raise ConfigurationError(f"{configured}: checkpoint key file not found") from None
    except OSError as error:
        raise ConfigurationError(f"{configured}: cannot read the checkpoint key: {error.strerror}") from None
    inside = configured.resolve().is_relative_to(data_dir.resolve())
    return CheckpointKey(_parse(pem, str(configured)), str(configured), local=inside)
