"""Where the desk keeps its files by default."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "PetitionDesk"


def data_dir() -> Path:
    """The user's data folder (``%LOCALAPPDATA%\\PetitionDesk`` on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db() -> Path:
    """The database opened when no ``--db`` is given."""
    return data_dir() / "petition-desk.sqlite"


def restrict(path: Path) -> None:
    """Readable by the user only (0600 files, 0700 folders); no-op where chmod means little.

    Kept here, not with the backups that also use it, so the log set up at start-up does not
    import the backup machinery.
    """
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o700 if path.is_dir() else 0o600)
