"""Shared fixtures. Every data path points into ``tmp_path``; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from petition_desk.db.connection import connect, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import CHEAP_KDF, Keyring, keys_path
from petition_desk.services import settings as settings_mod
from petition_desk.services.access import Desk, init_desk
from petition_desk.services.directory import User, add_department, get_user, insert_user
from petition_desk.services.permissions import Role
from tests.helpers.builders import NOW, case_input, person  # noqa: F401 - kept for fixtures


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """No test may touch the real user data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "localappdata"))
    # The command line logs in as the test clerk without a terminal (as scripts do).
    monkeypatch.setenv("PETITION_DESK_USER", "clerk")
    monkeypatch.setenv("PETITION_DESK_PASSWORD", PASSWORD)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "desk.sqlite"


#: Every test desk's passwords (cheap key derivation: ``CHEAP_KDF``, passed explicitly).
PASSWORD = "test-password"
UNIT = "青石镇人民政府"


def make_desk(db_path) -> Desk:
    """A new encrypted desk with an administrator ``admin`` and a clerk ``clerk``."""
    desk, _recovery = init_desk(db_path, UNIT, "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    insert_user(desk.conn, "clerk", "信访员", Role.CLERK)
    ring = desk.keyring
    ring.set_password("clerk", PASSWORD, desk.key)
    ring.save()
    # As before the desk had logins: the unit name is left for each test to fill in.
    with transaction(desk.conn):
        settings_mod.save(desk.conn, {"unit_name": ""})
    return desk


def admin_of(conn) -> User:
    """The desk's administrator: who sets up leaders, departments, calendar and roster."""
    return get_user(conn, "admin")


def audit_log(conn, limit: int = 200):
    """The newest audit entries, read as the desk's administrator (the log needs a viewer)."""
    from petition_desk.services import audit

    return audit.entries(conn, limit, viewer=get_user(conn, "admin"))


def demo_key(path) -> bytes:
    """The data key of a demo desk made by ``petition-desk demo-data`` (documented users)."""
    return Keyring.load(keys_path(path)).unlock("clerk", "demo-clerk")


def open_raw(path):
    """A plain connection (no migration, no checks) to an encrypted demo file, for tampering."""
    return connect(path, key=demo_key(path), wal=False)


@pytest.fixture
def opened(db_path) -> Iterator[Desk]:
    """The test desk, logged in as its administrator (``conn`` is its connection)."""
    d = make_desk(db_path)
    add_department(d.conn, "农业农村办", actor=d.user)
    add_department(d.conn, "自然资源所", actor=d.user)
    yield d
    d.conn.close()


@pytest.fixture
def conn(opened) -> sqlite3.Connection:
    return opened.conn


@pytest.fixture
def key(opened) -> bytes:
    return opened.key


@pytest.fixture
def clerk(conn) -> User:
    return get_user(conn, "clerk")


@pytest.fixture
def admin(conn) -> User:
    return get_user(conn, "admin")
