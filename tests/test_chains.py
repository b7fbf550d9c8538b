"""Tampering with the triggers dropped is found by check (issue 12)."""

from __future__ import annotations

import pytest

from conftest import NOW, case_input, person
from petition_desk.domain.lifecycle import Action
from petition_desk.services import audit
from petition_desk.services.cases import perform
from petition_desk.services.checks import check_database
from petition_desk.services.registration import register_case

TRIGGERS = ("case_events_no_update", "case_events_no_delete", "cases_no_delete")


@pytest.fixture
def filled(conn, clerk):
    ids = []
    for i in range(3):
        case_id, _ = register_case(
            conn, case_input(people=[person(name=f"王{i}", id_number="")]), clerk, NOW
        )
        perform(conn, case_id, Action.ACCEPT, {}, clerk, NOW, NOW)
        ids.append(case_id)
    for i in range(3):
        audit.record(conn, clerk, "导出台账", {"n": i})
    return ids


def _tamper(conn, *statements):
    """Drop every protecting trigger, run ``statements``, put the triggers back."""
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND "
        "(name LIKE '%no_update' OR name LIKE '%no_delete')"
    ).fetchall()
    for name, _sql in saved:
        conn.execute(f"DROP TRIGGER {name}")
    for sql in statements:
        conn.execute(sql)
    for _name, sql in saved:
        conn.execute(sql)


def test_untouched_chains_are_healthy(filled, db_path, key):
    report = check_database(db_path, key=key)
    assert report.healthy, report.problems
    assert any("哈希链：完好" in line for line in report.info)


def test_deleted_audit_entry_is_found(filled, conn, db_path, key):
    _tamper(conn, "DELETE FROM audit_log WHERE id = (SELECT min(id) + 1 FROM audit_log)")
    report = check_database(db_path, key=key)
    assert not report.healthy
    assert any("操作日志" in p for p in report.problems)


def test_rewritten_history_is_found(filled, conn, db_path, key):
    case_id = filled[1]
    _tamper(
        conn,
        f"UPDATE case_events SET actor = '别人' WHERE case_id = {case_id} AND action = '受理'",
    )
    report = check_database(db_path, key=key)
    assert not report.healthy
    number = conn.execute("SELECT number FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    assert f"案件 {number} 的第 2 条历史记录" in report.problems[0]


def test_deleted_event_at_the_end_of_a_case_is_found(filled, conn, db_path, key):
    case_id = filled[0]
    _tamper(
        conn,
        f"DELETE FROM case_events WHERE id = (SELECT max(id) FROM case_events "
        f"WHERE case_id = {case_id})",
        f"UPDATE cases SET state = '已登记' WHERE id = {case_id}",
    )
    assert not check_database(db_path, key=key).healthy


@pytest.mark.parametrize("which", [0, 2])
def test_a_whole_deleted_case_is_found(filled, conn, db_path, key, which):
    """The first case (the global chain breaks after it) and the newest one (the audit
    entries written after it are anchored to its last event)."""
    case_id = filled[which]
    _tamper(
        conn,
        "PRAGMA foreign_keys = OFF",
        f"DELETE FROM case_events WHERE case_id = {case_id}",
        f"DELETE FROM case_people WHERE case_id = {case_id}",
        f"DELETE FROM cases WHERE id = {case_id}",
        "PRAGMA foreign_keys = ON",
    )
    report = check_database(db_path, key=key)
    assert not report.healthy
    assert any("删除" in p for p in report.problems)


def test_a_case_given_another_registrar_is_found(filled, conn, db_path, key):
    """Who registered a 保密 case may see it: the column the rule reads must agree with the
    chained 登记 event (no trigger guards the column; check does)."""
    conn.execute("UPDATE cases SET registered_by = 1 WHERE id = ?", (filled[0],))
    report = check_database(db_path, key=key)
    assert f"案件 id={filled[0]}：案件登记人与历史记录中的登记人不一致" in report.problems
