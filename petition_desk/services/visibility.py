"""Who may see a restricted (保密) case: the rule, declared once (issue 12).

A case marked 保密 (``cases.confidential = 1``) is shown in full only to

- an administrator (管理员);
- the registering clerk: ``cases.registered_by``, the actor of the case's 登记 event (written
  together at registration; ``petition-desk check`` reports a case where they differ);
- the leaders named on the case, when the logged-in user has the 领导 role: a leader is named
  on a case as its 首问责任人 (``first_leader_id``), its 包案 leader (``owner_leader_id``) or
  the leader of one of its 阅批 records (``leader_reviews``). Users and leaders are kept apart
  (a leader need not log in): a 领导 user is the leader ``users.leader_id`` names (设置 → 用户
  → 对应领导; linked by name when either is added and the name is unambiguous).

Everybody else sees that the case exists — its number and date received — and "（保密）" in
place of everything else, in every list (ledger, workbench, export, 超期 sheet); a text search or
a filter on a detail never finds it (finding it would tell what it holds), counts still count
it, and opening it is refused with ``RESTRICTED_SENTENCE``.

``visible_sql`` is the rule as an SQL condition on ``cases c`` with no parameters (the user's id
and name are written into it as literals), so it can sit in a SELECT list, a WHERE clause or a
worker thread's query alike. It costs nothing for ordinary cases: ``c.confidential = 0`` is
tested first, then the case's own registering user, and only a restricted case that user did
not register looks up its leaders.
"""

from __future__ import annotations

import json

from petition_desk.db.engine import sqlite3
from petition_desk.errors import DeskError, NotFoundError
from petition_desk.services.directory import User
from petition_desk.services.permissions import Role

#: What a hidden restricted case shows in place of its details.
RESTRICTED_TEXT = "（保密）"
#: Why a hidden restricted case cannot be opened, and who may open it.
RESTRICTED_SENTENCE = (
    "案件{number}是保密案件，只有管理员、登记该案件的工作人员和该案件的阅批、包案领导可以查看；"
    "如确需查看，请联系管理员"
)


class RestrictedCase(DeskError):
    """The user may not see this restricted case (the message says who may)."""


def sees_everything(user: User) -> bool:
    """Whether ``user`` sees every restricted case (the administrator)."""
    return user.role == Role.ADMIN.value


def visible_sql(user: User, alias: str = "c") -> str:
    """SQL true of the cases (table alias ``alias``) that ``user`` may see in full.

    ``"1"`` for an administrator, so callers can skip it (``if vis != "1"``).
    """
    if sees_everything(user):
        return "1"
    c = alias
    arms = [
        f"{c}.confidential = 0",
        # Not a lookup of the 登记 event: testing it on each of 20,000 restricted cases took
        # 0.6 s (a department's share of a sorted ledger, the hidden ones of a search).
        f"{c}.registered_by = {int(user.id)}",
    ]
    if user.role == Role.LEADER.value and user.leader_id is not None:
        lid = int(user.leader_id)
        # IS, not =: a case with no such leader must make the rule false, not NULL (NOT of
        # the rule finds the hidden cases).
        arms += [
            f"{c}.first_leader_id IS {lid}",
            f"{c}.owner_leader_id IS {lid}",
            "EXISTS (SELECT 1 FROM leader_reviews r "
            f"WHERE r.case_id = {c}.id AND r.leader_id = {lid})",
        ]
    return "(" + " OR ".join(arms) + ")"


def masked(visible: str, value_sql: str, stub: str | None = RESTRICTED_TEXT) -> str:
    """A SELECT expression: ``value_sql`` for a case shown in full, else ``stub`` (``None``:
    SQL NULL)."""
    if visible == "1":
        return value_sql
    return f"CASE WHEN {visible} THEN {value_sql} ELSE {_stub_sql(stub)} END"


def _stub_sql(stub: str | None) -> str:
    return "NULL" if stub is None else "'" + stub.replace("'", "''") + "'"


def can_see(conn: sqlite3.Connection, user: User, case_id: int) -> bool:
    """Whether ``user`` may see case ``case_id`` in full (``NotFoundError`` if there is none)."""
    row = conn.execute(
        f"SELECT {visible_sql(user)} FROM cases c WHERE c.id = ?", (case_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"案件 id={case_id} 不存在")
    return bool(row[0])


def require_visible(conn: sqlite3.Connection, user: User, case_id: int) -> None:
    """Raise ``RestrictedCase`` (a Chinese sentence) unless ``user`` may see the case."""
    if not can_see(conn, user, case_id):
        (number,) = conn.execute("SELECT number FROM cases WHERE id = ?", (case_id,)).fetchone()
        raise RestrictedCase(RESTRICTED_SENTENCE.format(number=number))


def hidden_among(conn: sqlite3.Connection, user: User, case_ids: list[int]) -> set[int]:
    """Which of ``case_ids`` are restricted cases ``user`` may not see (for detail lists)."""
    if sees_everything(user) or not case_ids:
        return set()
    rows = conn.execute(
        "SELECT c.id FROM cases c WHERE c.id IN (SELECT value FROM json_each(?))"
        f" AND c.confidential = 1 AND NOT {visible_sql(user)}",
        (json.dumps(case_ids),),
    )
    return {r[0] for r in rows}
