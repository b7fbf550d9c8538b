"""A case's history: the one place events are written and lifecycle steps applied.

Every change to a case appends one event (who, when, what, the state before and after) —
registration, a lifecycle step, a document issued, an attachment, a correction, a leader's
part, an import. History is append-only: the database refuses updates and deletes, and each
event is linked into its case's hash chain and the file's global chain (``services/chain.py``)
so that a history rewritten with the triggers dropped is found by ``petition-desk check``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits
from petition_desk.domain.lifecycle import Action, Step, apply, refuse_if_archived
from petition_desk.domain.vocab import State
from petition_desk.services import chain
from petition_desk.services.directory import User


@dataclass(frozen=True)
class EventRow:
    """One event as stored; ``at`` is ISO text to the second."""

    case_id: int
    at: str
    actor_id: int | None
    actor: str
    action: str
    state_before: str | None
    state_after: str
    data: str  # JSON


def event_row(
    case_id: int,
    at: dt.datetime,
    actor: User,
    action: Action,
    state_before: State | str | None,
    state_after: State | str,
    data: Mapping[str, Any],
) -> EventRow:
    """The stored form of an event (used for single events and for bulk loading alike)."""
    return EventRow(
        case_id,
        at.isoformat(timespec="seconds"),
        actor.id,
        actor.name,
        action.value,
        None if state_before is None else str(state_before),
        str(state_after),
        json.dumps(dict(data), ensure_ascii=False, default=str),
    )


_INSERT = (
    "INSERT INTO case_events(case_id, at, actor_id, actor, action, state_before, state_after, "
    "data, case_hash, chain_hash) VALUES (?,?,?,?,?,?,?,?,?,?)"
)


def insert_rows(conn: sqlite3.Connection, rows: Iterable[EventRow]) -> None:
    """Append prepared events in the caller's transaction (bulk loading: demo, import).

    Each is chained in the order given: the heads are read inside the transaction, so no
    other writer can slip an event in between.
    """
    assert conn.in_transaction, "events are written inside the saving transaction"
    rows = list(rows)
    values = [
        (r.case_id, r.at, r.actor_id, r.actor, r.action, r.state_before, r.state_after)
        for r in rows
    ]
    datas = [r.data for r in rows]
    links = chain.link_events(conn, zip(values, datas, strict=True))
    conn.executemany(
        _INSERT,
        [(*v, d, ch, link) for v, d, (ch, link) in zip(values, datas, links, strict=True)],
    )


def record(
    conn: sqlite3.Connection,
    case_id: int,
    at: dt.datetime,
    actor: User,
    action: Action,
    data: Mapping[str, Any],
    *,
    state_before: State | str | None = None,
    state_after: State | str | None = None,
) -> None:
    """Append one event in the caller's transaction.

    Without states the event leaves the case where it is (a document issued, an attachment,
    a leader's instruction): both states are read from the case.
    """
    if state_after is None:
        row = conn.execute("SELECT state FROM cases WHERE id = ?", (case_id,)).fetchone()
        state_before = state_after = row[0]
    if state_before is not None:
        refuse_if_archived(str(state_before), action)
    insert_rows(conn, [event_row(case_id, at, actor, action, state_before, state_after, data)])


def record_step(
    conn: sqlite3.Connection, case_id: int, at: dt.datetime, actor: User, step: Step
) -> None:
    """Append the event of a lifecycle step already applied to the case."""
    record(
        conn,
        case_id,
        at,
        actor,
        step.action,
        step.data,
        state_before=step.state_before,
        state_after=step.state_after,
    )


def apply_step(
    conn: sqlite3.Connection,
    case: Mapping[str, Any],
    action: Action,
    params: Mapping[str, Any],
    at: dt.datetime,
    actor: User,
    limits: Limits,
    *,
    recorded_at: dt.datetime | None = None,
) -> Step:
    """Check and perform a step on ``case``: update the row and append its event.

    Runs in the caller's transaction. ``recorded_at`` is when the event is written when it
    differs from when the step happened (an imported case closed years ago).
    """
    assert conn.in_transaction, "steps are applied inside the saving transaction"
    step = apply(case, action, params, at, limits)
    sets = ", ".join(f"{k} = ?" for k in step.updates)
    conn.execute(f"UPDATE cases SET {sets} WHERE id = ?", (*step.updates.values(), case["id"]))
    record_step(conn, int(case["id"]), recorded_at or at, actor, step)
    return step
