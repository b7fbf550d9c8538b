"""办理情况 text -> the state an imported case lands in, through the lifecycle's own steps."""

from __future__ import annotations

import datetime as dt

import pytest

from petition_desk.domain.lifecycle import Action
from petition_desk.reports.ledger_states import (
    NOT_IN_LEDGER,
    RowState,
    match_department,
    plan_state,
    wanted_state,
)
from petition_desk.services.calendar_store import load_limits

RECEIVED = dt.datetime(2025, 3, 5, 9, 0)
NOW = dt.datetime(2026, 11, 16, 10, 0)
DEPARTMENTS = {"农业农村办": 1, "自然资源所": 2}


@pytest.fixture
def limits(conn):
    return load_limits(conn)


def plan(limits, text="", **kw):
    return plan_state(RowState(text=text, **kw), RECEIVED, "来访", DEPARTMENTS, limits, NOW)


@pytest.mark.parametrize(
    "text, state, actions",
    [
        ("", "已登记", []),
        ("未处理", "已登记", []),
        ("办理中", "已受理", [Action.ACCEPT]),
        ("已受理未办结", "已受理", [Action.ACCEPT]),
        ("已交办农业农村办", "已交办", [Action.ASSIGN]),
        ("已交办农业农村", "已交办", [Action.ASSIGN]),  # the only department containing it
        ("已转送县住建局", "已转送", [Action.FORWARD]),
        ("存信", "存信", [Action.FILE]),
        ("不予受理（应通过诉讼解决）", "不予受理", [Action.REJECT]),
        ("已办结", "已办结", []),
        ("调解结案", "已办结", []),
        ("是", "已办结", []),
        ("已归档", "已办结", []),  # filing needs a complete file: see services.archive
        ("已答复（支持）", "已答复", [Action.ACCEPT, Action.REPLY]),
    ],
)
def test_text_to_state(limits, text, state, actions):
    p = plan(limits, text)
    assert p.target.value == state, p.warnings
    assert [a for a, _, _ in p.steps] == actions


def test_what_the_row_does_not_say_is_never_guessed(limits):
    replied = plan(limits, "已答复")
    assert replied.target.value == "已受理"
    assert any("未载答复结果" in w for w in replied.warnings)
    reviewed = plan(limits, "已复查", reply_result="解释说明")
    assert reviewed.target.value == "复查中"
    assert any("未载复查结果" in w for w in reviewed.warnings)
    unknown_unit = plan(limits, "已交办林业站")
    assert unknown_unit.target.value == "已受理"
    assert any("林业站" in w for w in unknown_unit.warnings)
    no_organ = plan(limits, "已转送")
    assert no_organ.target.value == "已登记" and no_organ.warnings
    odd = plan(limits, "？？")
    assert odd.target.value == "已登记" and "无法识别" in odd.warnings[0]


def test_required_texts_the_ledger_lacks_say_so(limits):
    replied = plan(limits, "已答复", reply_result="支持", closed_at=dt.datetime(2025, 4, 1))
    (_, reply, at) = replied.steps[-1]
    assert reply["result"] == "支持" and reply["facts_found"] == NOT_IN_LEDGER
    assert at == dt.datetime(2025, 4, 1)
    archived = plan(limits, "已归档", volume_no="2025-卷03")
    assert archived.target.value == "已办结" and "2025-卷03" in archived.warnings[0]


def test_deadline_from_the_ledger_or_the_statutory_limit(limits):
    own = plan(limits, "已交办农业农村办", due=dt.datetime(2025, 3, 20))
    assert own.steps[0][1]["deadline"] == "2025-03-20"
    late = plan(limits, "已交办农业农村办", due=dt.datetime(2026, 3, 20))  # beyond the limit
    assert late.steps[0][1]["deadline"] < "2026-03-20" and late.target.value == "已交办"


def test_exporter_columns_are_read(limits):
    p = plan(limits, "已交办", disposition="交办", unit="自然资源所")
    assert p.steps[0][1]["department_id"] == 2


def test_wanted_state_and_departments():
    assert wanted_state(RowState(text="已复核"))[0].value == "已复核"
    assert wanted_state(RowState(disposition="转送"))[0].value == "已转送"
    assert match_department("农业", {"农业农村办": 1, "农业站": 2}) is None  # ambiguous
    assert match_department(" 农业站 ", {"农业农村办": 1, "农业站": 2}) == 2
