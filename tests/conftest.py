"""Shared fixtures. Every data path points into ``tmp_path``; Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from petition_desk.db import open_store
from petition_desk.domain.vocab import Channel
from petition_desk.services.directory import User, add_department, ensure_defaults, get_user
from petition_desk.services.registration import CaseInput, PersonInput

#: A fixed "now" for tests: a Monday in a year the holiday package knows.
NOW = dt.datetime(2026, 11, 16, 10, 0)


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


def person(**kw) -> PersonInput:
    base = dict(
        name="张建国",
        id_number="11010519491231002X",
        phone="13812341234",
        address="青石镇东坑村3组",
        village="东坑村",
    )
    base.update(kw)
    return PersonInput(**base)


def case_input(**kw) -> CaseInput:
    base = dict(
        channel=Channel.VISIT,
        received_at=dt.datetime(2026, 11, 2, 9, 30),
        category="国土资源(征地拆迁)",
        summary="反映征地补偿款未足额发放",
        request="要求足额发放征地补偿款",
        facts="去年修路征用承包地1.2亩，补偿款只发放一半。",
        people=[person()],
    )
    base.update(kw)
    return CaseInput(**base)
