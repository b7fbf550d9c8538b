"""Turning what a clerk types in a search box into SQL over the cases.

- 3 characters or more: the trigram FTS5 index over names, summary, request and facts;
- 1-2 characters: ``LIKE`` on the base table. Never ``LIKE`` on the FTS table: on SQLite 3.40
  that returns wrong (empty) results for 2-character Chinese words;
- digits (an ID number or phone, 4+ characters): prefix match on the indexed people columns;
- Latin letters: pinyin initials of names (``zjg`` -> 张建国);
- ``2026-0137``: the case number.
"""

from __future__ import annotations

import re

from petition_desk.domain.text import SEARCH_MAX, clean_line

_CASE_NO = re.compile(r"^\d{4}-\d{1,7}$")
_DIGITS = re.compile(r"^\d{4,17}[\dXx]?$")
_LETTERS = re.compile(r"^[A-Za-z]{1,10}$")


def _prefix(column: str) -> str:
    # A range instead of LIKE 'q%' so SQLite can use the index whatever case_sensitive_like is.
    return f"({column} >= ? AND {column} < ? || char(127))"


def _people_cases(where: str) -> str:
    return (
        "c.id IN (SELECT cp.case_id FROM case_people cp WHERE cp.person_id IN "
        f"(SELECT id FROM people WHERE {where}))"
    )


def search_clause(text: str) -> tuple[str, list]:
    """A WHERE fragment on ``cases c`` and its parameters; ``("", [])`` for an empty query.

    Whatever was typed or pasted is safe here: control characters (NUL included, which FTS5
    refuses) become blanks, and the query is cut to ``SEARCH_MAX`` characters (a pasted page
    of text would make the trigram search scan for minutes).
    """
    q = " ".join(clean_line(text.replace("\x00", " ")).split())[:SEARCH_MAX].strip()
    if not q:
        return "", []
    if _CASE_NO.match(q):
        return "c.number = ?", [f"{q[:4]}-{int(q[5:]):04d}"]
    if _DIGITS.match(q):
        q = q.upper()
        where = f"{_prefix('id_number')} OR {_prefix('phone')}"
        return _people_cases(where), [q, q, q, q]
    if _LETTERS.match(q):
        q = q.lower()
        return _people_cases(_prefix("initials")), [q, q]
    if len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        return "c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)", [phrase]
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cols = ("c.people_names", "c.summary", "c.request", "c.facts")
    sql = " OR ".join(f"{col} LIKE ? ESCAPE '\\'" for col in cols)
    return f"({sql})", [like] * len(cols)
