"""GUI fixtures: a opened over a temporary database, settings in a temporary ini file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from conftest import admin_of
from petition_desk.services.directory import add_leader
from petition_desk.services.registration import register_case
from petition_desk.ui.app import install_translators
from petition_desk.ui.context import DeskContext
from tests.helpers import NOW, case_input, person


@pytest.fixture(scope="session", autouse=True)
def _chinese(qapp):
    """Run the GUI in Chinese, as the clerks do, so tests assert what a clerk reads."""
    from petition_desk.ui.fonts import ensure_cjk_font

    ensure_cjk_font(qapp)
    install_translators(qapp)


@pytest.fixture
def ctx(opened, clerk, qapp):
    add_leader(opened.conn, "陈国华", "党委书记", principal=True, actor=admin_of(opened.conn))
    c = DeskContext(opened.conn, opened.db_path, key=opened.key, user=clerk, now=lambda: NOW)
    yield c
    c.reader.close()


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def some_cases(ctx):
    """Three cases of different people, categories and channels."""
    user = ctx.user
    ids = [register_case(ctx.conn, case_input(), user, NOW)[0]]
    ids.append(
        register_case(
            ctx.conn,
            case_input(
                summary="反映王芳家低保未批",
                request="要求办理低保",
                facts="家中困难",
                category="民政",
                channel="来信",
                people=[person(name="王芳", id_number="", phone="13900001111")],
                received_at=dt.datetime(2026, 11, 3, 9),
            ),
            user,
            NOW,
        )[0]
    )
    ids.append(
        register_case(
            ctx.conn,
            case_input(
                summary="反映村道损毁",
                request="要求修路",
                facts="雨天无法通行",
                category="交通运输",
                collective=True,
                head_count=12,
                people=[person(name="李秀英", id_number="", phone="0797-8123456", role="代表")],
                received_at=dt.datetime(2026, 9, 1, 9),
            ),
            user,
            NOW,
        )[0]
    )
    return ids
