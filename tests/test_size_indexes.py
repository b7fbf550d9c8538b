"""The partial indexes that replaced the (action, time) index of the whole history (issue 14).

A partial index is used only when the query names the very literals of its WHERE clause: if
``lifecycle.STEP_DOCUMENTS`` changes, the notices still to print would scan the whole history
of a million cases. These tests say so (and ask for a new migration) instead.
"""

from __future__ import annotations

import re

from petition_desk.domain.lifecycle import STEP_DOCUMENTS
from petition_desk.services import documents


def _plan(conn, sql: str, params=()) -> str:
    return " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_notice_index_lists_exactly_the_steps_that_call_for_a_notice(conn):
    sql = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE name = 'case_events_notices'"
    ).fetchone()[0]
    listed = re.findall(r"'([^']+)'", sql)
    assert listed == sorted({a.value for a in STEP_DOCUMENTS}), (
        "STEP_DOCUMENTS changed: add a migration recreating case_events_notices with its actions"
    )
    gone = conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'case_events_action'")
    assert gone.fetchone() is None


class _Recorder:
    """The connection as ``documents.pending`` sees it, remembering each query as written
    (a trace callback would show the values already pasted in, hiding what the planner sees)."""

    def __init__(self, conn):
        self.conn, self.queries = conn, []

    def execute(self, sql, params=()):
        self.queries.append((sql, params))
        return self.conn.execute(sql, params)


def test_pending_notices_read_the_partial_index(conn):
    recorder = _Recorder(conn)
    documents.pending(recorder)  # type: ignore[arg-type]
    ((sql, params),) = [q for q in recorder.queries if "FROM case_events e" in q[0]]
    plan = _plan(conn, sql, params)
    assert "case_events_notices" in plan, plan


def test_late_extensions_read_the_partial_index(conn):
    plan = _plan(
        conn,
        "SELECT case_id, min(id) FROM case_events WHERE action = '延期' "
        "AND json_extract(data, '$.late') = 1 GROUP BY case_id",
    )
    assert "case_events_extensions" in plan, plan
