"""Turning what a clerk types in a search box into SQL over the cases.

- 3 characters or more: the trigram FTS5 index over names, summary, request and facts;
- 1-2 characters: the index of 2-character grams (``cases_grams``, one token per gram) when the
  search holds a character that the index can see (Chinese, Latin letters, digits); ``LIKE`` on
  the base table otherwise, and for one character. Never ``LIKE`` on the FTS table: on SQLite
  3.40 that returns wrong (empty) results for 2-character Chinese words;
- digits (an ID number or phone, 4+ characters): prefix match on the indexed people columns;
- Latin letters: pinyin initials of names (``zjg`` -> 张建国);
- ``2026-0137``: the case number.

Every text search returns exactly the cases a plain ``LIKE '%text%'`` over the four columns
returns (tests/test_search_equivalence.py). Where an index can only narrow the candidates (a
gram index that folds case, a gram with a character the tokenizer splits on), the ``LIKE`` is
kept in the WHERE clause to check them.

Besides the WHERE clause, a plan names its *source*: SQL that lists a superset of the matching
case ids straight from an index, highest id first, so the ledger can take the newest matches
without collecting them all (``ledger_query.fetch_page``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from petition_desk.domain.text import SEARCH_MAX, clean_line

_CASE_NO = re.compile(r"^\d{4}-\d{1,7}$")
_DIGITS = re.compile(r"^\d{4,17}[\dXx]?$")
_LETTERS = re.compile(r"^[A-Za-z]{1,10}$")
_TEXT_COLUMNS = ("c.people_names", "c.summary", "c.request", "c.facts")


@dataclass(frozen=True)
class SearchPlan:
    """How to find the cases matching a search.

    ``where``/``params``: a WHERE fragment on ``cases c`` that is exact. ``source``/
    ``source_params``: SQL selecting distinct case ids (a superset of the matches) as its
    first column, to which ``ORDER BY 1 DESC`` can be added, or "" when there is no index to
    walk. ``check``/``check_params``: what a source's candidate must also pass ("" when the
    source lists exactly the matches; then counting it alone counts the matches).
    """

    where: str = ""
    params: list = field(default_factory=list)
    source: str = ""
    source_params: list = field(default_factory=list)
    check: str = ""
    check_params: list = field(default_factory=list)
    #: For a prefix of people's numbers: SQL counting the matching people, up to
    #: ``COMMON_PEOPLE``, and the WHERE to use instead when that many match ("3607": most of
    #: the county), which tests each case while walking an index rather than collecting them.
    probe: str = ""
    common_where: str = ""
    #: The viewer's rule added by ``only_where`` ("" if none), and what ``check`` was before it.
    restricted: str = ""
    base_check: str = ""


def _prefix(column: str) -> str:
    # A range instead of LIKE 'q%' so SQLite can use the index whatever case_sensitive_like is.
    return f"({column} >= ? AND {column} < ? || char(127))"


#: Above this many matching people, a case-by-case test beats collecting their cases.
COMMON_PEOPLE = 30000


def _people_plan(wheres: list[str], params: list) -> SearchPlan:
    # One SELECT per indexed column (not OR): each is then answered from its index alone.
    people = " UNION ALL ".join(f"SELECT id FROM people WHERE {w}" for w in wheres)
    ids = f"SELECT cp.case_id FROM case_people cp WHERE cp.person_id IN ({people})"
    any_of = " OR ".join(f"({w.replace('(id_number', '(p.id_number')})" for w in wheres)
    any_of = any_of.replace("(phone", "(p.phone").replace("(initials", "(p.initials")
    common = (
        "EXISTS (SELECT 1 FROM case_people cp JOIN people p ON p.id = cp.person_id "
        f"WHERE cp.case_id = c.id AND ({any_of}))"
    )
    return SearchPlan(
        f"c.id IN ({ids})",
        params,
        f"SELECT DISTINCT case_id FROM ({ids})",
        params,
        probe=f"SELECT count(*) FROM ({people} LIMIT {COMMON_PEOPLE})",
        common_where=common,
    )


def _like(q: str) -> tuple[str, list]:
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = " OR ".join(f"{col} LIKE ? ESCAPE '\\'" for col in _TEXT_COLUMNS)
    return f"({sql})", [like] * len(_TEXT_COLUMNS)


def _gram_char(ch: str) -> bool:
    """A character the unicode61 tokenizer of ``cases_grams`` keeps, whatever its Unicode
    tables' age: ASCII letters and digits, and the CJK ideographs of Unicode 6.1's main block."""
    return (ch.isascii() and ch.isalnum()) or "\u4e00" <= ch <= "\u9fcc"


def _folds(q: str) -> bool:
    """True when an index that folds case could match more than ``LIKE`` does (``LIKE`` folds
    ASCII letters only)."""
    return any(not ch.isascii() and ch.lower() != ch.upper() for ch in q)


def _indexed(ids: str, match: str, check: tuple[str, list]) -> SearchPlan:
    where, params = f"c.id IN ({ids})", [match]
    if check[0]:
        where, params = f"{where} AND {check[0]}", params + check[1]
    return SearchPlan(where, params, ids, [match], check[0], check[1])


def normalized(text: str) -> str:
    """What is searched for: blanks folded, control characters dropped, length capped."""
    return " ".join(clean_line(text.replace("\x00", " ")).split())[:SEARCH_MAX].strip()


def search_plan(text: str) -> SearchPlan:
    """The plan for what was typed; an empty plan (``where == ""``) for an empty query.

    Whatever was typed or pasted is safe here: control characters (NUL included, which FTS5
    refuses) become blanks, and the query is cut to ``SEARCH_MAX`` characters (a pasted page
    of text would make the trigram search scan for minutes).
    """
    q = normalized(text)
    if not q:
        return SearchPlan()
    if _CASE_NO.match(q):
        number = f"{q[:4]}-{int(q[5:]):04d}"
        return SearchPlan(
            "c.number = ?", [number], "SELECT id FROM cases WHERE number = ?", [number]
        )
    if _DIGITS.match(q):
        q = q.upper()
        return _people_plan([_prefix("id_number"), _prefix("phone")], [q, q, q, q])
    if _LETTERS.match(q):
        q = q.lower()
        return _people_plan([_prefix("initials")], [q, q])
    like, like_params = _like(q)
    if len(q) >= 3 and "\x00" not in q:
        phrase = '"' + q.replace('"', '""') + '"'
        ids = "SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?"
        # The trigram index folds the case of every letter, LIKE of ASCII ones only: check.
        return _indexed(ids, phrase, (like, like_params) if _folds(q) else ("", []))
    if len(q) == 2 and any(_gram_char(ch) for ch in q):
        # One token: both characters when the tokenizer keeps both, else the one it keeps;
        # either way every case holding the two characters holds the token.
        token = '"' + q.replace('"', '""') + '"'
        ids = "SELECT rowid FROM cases_grams WHERE cases_grams MATCH ?"
        exact = all(_gram_char(ch) for ch in q) and not _folds(q)
        return _indexed(ids, token, ("", []) if exact else (like, like_params))
    return SearchPlan(like, like_params)


def only_where(plan: SearchPlan, condition: str) -> SearchPlan:
    """``plan`` narrowed to the cases for which ``condition`` (SQL on ``cases c`` without
    parameters, e.g. the viewer's visibility rule) holds, on every path the ledger takes."""
    check = f"{plan.check} AND {condition}" if plan.check else condition
    common = f"{plan.common_where} AND {condition}" if plan.common_where else ""
    return SearchPlan(
        f"{plan.where} AND {condition}",
        plan.params,
        plan.source,
        plan.source_params,
        check,
        plan.check_params,
        plan.probe,
        common,
        condition,
        plan.check,
    )


def search_clause(text: str) -> tuple[str, list]:
    """A WHERE fragment on ``cases c`` and its parameters; ``("", [])`` for an empty query."""
    plan = search_plan(text)
    return plan.where, plan.params
