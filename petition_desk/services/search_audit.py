"""Searching by ID number goes into the audit log (docs/domain.md §10, issue 12): once per search.

The ledger searches as the clerk types (a page is fetched after each pause), so recording
every query would flood the log with ``360``, ``3607``, ``36072``... Instead:

- a search counts as a search by ID number when what was typed is at least ``MIN_DIGITS``
  digits (an 18-character number may end in X): shorter digit strings match too many people to
  single anyone out, and the search box's other uses (names, case numbers ``2026-0137``,
  pinyin) are not ID numbers. An 11-digit phone number is indistinguishable from an ID-number
  prefix and is recorded the same way;
- it is recorded when its results are asked for (the first page), by ``SearchAudit.searched``;
- typing on, correcting or backspacing within the same number (each query a prefix of the
  other) within ``SAME_SEARCH`` of the last entry is the same search: no new entry. Another
  number, or the same one later, is a new search.

The number itself is never written to the log, only what kind of search it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from petition_desk.db.engine import sqlite3
from petition_desk.db.search import normalized
from petition_desk.services import audit
from petition_desk.services.directory import User

MIN_DIGITS = 6
SAME_SEARCH = dt.timedelta(minutes=5)
_ID_LIKE = re.compile(rf"^\d{{{MIN_DIGITS},17}}[\dXx]?$")


def id_search_kind(text: str) -> str | None:
    """What kind of ID-number search ``text`` is (the audit entry's 内容), or None if it is
    not one."""
    q = normalized(text)
    if not _ID_LIKE.match(q):
        return None
    if len(q) == 18:
        return "完整身份证号"
    return f"身份证号或电话号码的前{len(q)}位"


class SearchAudit:
    """Records a user's ID-number searches, one entry per search (see the module docstring)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        user: User,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ):
        self.conn, self.user, self.now = conn, user, now
        self._last: str = ""
        self._last_at: dt.datetime | None = None

    def searched(self, text: str) -> bool:
        """Call when a search's results are fetched; True if an audit entry was written."""
        kind = id_search_kind(text)
        if kind is None:
            return False
        q = normalized(text).upper()
        at = self.now()
        if (
            self._last_at is not None
            and at - self._last_at < SAME_SEARCH
            and (q.startswith(self._last) or self._last.startswith(q))
        ):
            # Same search refined: remember the longer text so a different number is new.
            self._last = q if len(q) > len(self._last) else self._last
            return False
        audit.record_id_search(self.conn, self.user, kind)
        self._last, self._last_at = q, at
        return True
