"""Where the desk keeps its files by default."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "PetitionDesk"


def data_dir() -> Path:
    """The user's data folder (``%LOCALAPPDATA%\\PetitionDesk`` on Windows)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db() -> Path:
    """The database opened when no ``--db`` is given."""
    return data_dir() / "petition-desk.sqlite"
