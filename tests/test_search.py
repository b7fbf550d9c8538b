import datetime as dt

import pytest

from petition_desk.db.search import search_clause
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input, person


@pytest.fixture
def three(conn, clerk):
    register_case(conn, case_input(), clerk, NOW)
    register_case(
        conn,
        case_input(
            summary="反映王芳家低保未批",
            request="要求办理低保",
            facts="家中困难",
            category="民政",
            people=[person(name="王芳", id_number="", phone="13900001111")],
            received_at=dt.datetime(2026, 11, 3, 9),
        ),
        clerk,
        NOW,
    )
    register_case(
        conn,
        case_input(
            summary="反映村道损毁",
            request="要求修路",
            facts="雨天无法通行",
            category="交通运输",
            people=[person(name="李秀英", id_number="", phone="0797-8123456")],
            received_at=dt.datetime(2026, 11, 4, 9),
        ),
        clerk,
        NOW,
    )
    return conn


def found(conn, text):
    where, args = search_clause(text)
    sql = f"SELECT c.number FROM cases c WHERE {where} ORDER BY c.number"
    return [r[0] for r in conn.execute(sql, args)]


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("补偿款", ["2026-0001"]),  # FTS, 3 characters
        ("无法通行", ["2026-0003"]),
        ("王芳", ["2026-0002"]),  # 2 Chinese characters: LIKE on the base table
        ("低保", ["2026-0002"]),
        ("雨", ["2026-0003"]),  # one character
        ("zjg", ["2026-0001"]),  # pinyin initials
        ("LXY", ["2026-0003"]),
        ("110105", ["2026-0001"]),  # ID prefix
        ("1390000", ["2026-0002"]),  # phone prefix
        ("2026-2", ["2026-0002"]),  # case number
        ("不存在的内容", []),
    ],
)
def test_search(three, text, numbers):
    assert found(three, text) == numbers


def test_quotes_in_query_do_not_break_fts(three):
    assert found(three, '补偿"款') == []


def test_fts_follows_corrections(three, clerk):
    from petition_desk.domain.lifecycle import Action
    from petition_desk.services.cases import perform

    perform(
        three,
        1,
        Action.CORRECT,
        {"changes": {"summary": "反映宅基地纠纷"}, "reason": "错字"},
        clerk,
        NOW,
        NOW,
    )
    assert found(three, "宅基地") == ["2026-0001"]
    assert found(three, "补偿款") == ["2026-0001"]  # still in its facts
