"""Shared fixtures. Every data path points into ``tmp_path``; Qt runs offscreen."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from petition_desk.db import open_store
from petition_desk.services.directory import User, add_department, ensure_defaults, get_user
from tests.helpers.builders import NOW, case_input, person  # noqa: F401 - kept for fixtures


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test may touch the real user data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "localappdata"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "desk.sqlite"


@pytest.fixture
def conn(db_path) -> Iterator[sqlite3.Connection]:
    c = open_store(db_path)
    ensure_defaults(c)
    add_department(c, "农业农村办")
    add_department(c, "自然资源所")
    yield c
    c.close()


@pytest.fixture
def clerk(conn) -> User:
    return get_user(conn)
