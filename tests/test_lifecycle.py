"""The state machine: every legal step, a sample of illegal ones, and each step's inputs."""

import datetime as dt

import pytest

from petition_desk.domain.deadlines import Limits
from petition_desk.domain.lifecycle import (
    SYSTEM_ACTIONS,
    TRANSITIONS,
    Action,
    allowed_actions,
    apply,
)
from petition_desk.domain.vocab import State
from petition_desk.domain.workdays import WorkCalendar
from petition_desk.errors import TransitionError, ValidationError
from petition_desk.services.settings import SETTINGS

RULES = Limits({s.key: s.default for s in SETTINGS}, WorkCalendar())
AT = dt.datetime(2026, 11, 10, 10, 0)

GOOD_PARAMS = {
    Action.ACCEPT: {},
    Action.ANSWER_DIRECTLY: {"answer": "已当场答复"},
    Action.ASSIGN: {"department_id": 1, "deadline": "2026-11-30"},
    Action.FORWARD: {"organ": "县人社局"},
    Action.REJECT: {"ground": "应通过诉讼途径解决", "where_to_go": "县人民法院"},
    Action.REFUSE_FINAL: {"basis": "已复核终结"},
    Action.FILE: {},
    Action.SUPERVISE: {"method": "书面督办", "content": "请按期办结"},
    Action.EXTEND: {"leader": "刘建平", "reason": "情况复杂", "days": 30},
    Action.REPLY: {"result": "支持", "text": "经调查……"},
    Action.FOLLOW_UP: {"satisfaction": "满意"},
    Action.SETTLE: {},
    Action.REQUEST_REVIEW: {"requester": "张建国", "body": "县信访局"},
    Action.REVIEW_RESULT: {"result": "维持"},
    Action.REQUEST_REREVIEW: {"requester": "张建国", "body": "市信访局"},
    Action.REREVIEW_RESULT: {"result": "维持"},
    Action.CLOSE: {},
    Action.ARCHIVE: {"volume_no": "2026-卷03"},
    Action.CORRECT: {"changes": {"summary": "新摘要"}, "reason": "录入错误"},
    Action.IMPORT: {"note": "旧台账.xlsx 第3行"},
    Action.IMPORT_CLOSED: {"note": "旧台账.xlsx 第4行"},
}


def case_in(state: State) -> dict:
    return {
        "state": state.value,
        "channel": "来访",
        "received_at": "2026-11-02T09:30",
        "accepted_at": "2026-11-03",
        "replied_at": "2026-11-05",
        "review_requested_at": "2026-11-06",
        "review_answered_at": "2026-11-07",
        "rereview_requested_at": "2026-11-08",
        "extension_days": 0,
        "summary": "旧摘要",
    }


LEGAL = [
    (a, s)
    for a, (sources, _) in TRANSITIONS.items()
    if a not in SYSTEM_ACTIONS or a in (Action.IMPORT, Action.IMPORT_CLOSED)
    for s in sorted(sources)
]


@pytest.mark.parametrize("action, state", LEGAL, ids=lambda v: getattr(v, "name", str(v)))
def test_every_legal_step(action, state):
    step = apply(case_in(state), action, GOOD_PARAMS[action], AT, RULES)
    target = TRANSITIONS[action][1] or state
    assert step.state_after is target
    assert step.updates["state"] == target.value


ILLEGAL = [
    (Action.REPLY, State.REGISTERED),
    (Action.ACCEPT, State.ACCEPTED),
    (Action.CLOSE, State.ACCEPTED),
    (Action.ARCHIVE, State.REPLIED),
    (Action.EXTEND, State.REPLIED),
    (Action.REQUEST_REVIEW, State.CLOSED),
    (Action.ASSIGN, State.CLOSED),
    (Action.REVIEW_RESULT, State.REPLIED),
    (Action.FORWARD, State.ACCEPTED),
    (Action.SUPERVISE, State.ARCHIVED),
]


@pytest.mark.parametrize("action, state", ILLEGAL, ids=lambda v: getattr(v, "name", str(v)))
def test_illegal_steps_say_what_is_allowed(action, state):
    with pytest.raises(TransitionError) as exc:
        apply(case_in(state), action, GOOD_PARAMS[action], AT, RULES)
    message = str(exc.value)
    assert state.value in message and action.value in message
    for allowed in allowed_actions(state):
        assert allowed.value in message


def test_extension_needs_leader_reason_and_bounded_days():
    with pytest.raises(ValidationError) as exc:
        apply(case_in(State.ACCEPTED), Action.EXTEND, {"days": 31}, AT, RULES)
    assert set(exc.value.problems) == {"leader", "reason", "days"}
    assert "1 至 30 日" in exc.value.problems["days"]


def test_extension_moves_the_handling_due_date_and_only_once():
    case = case_in(State.ACCEPTED)
    before = apply(case, Action.SUPERVISE, GOOD_PARAMS[Action.SUPERVISE], AT, RULES)
    assert before.updates["next_due"] == "2027-01-02"  # 3 Nov + 60 days
    step = apply(case, Action.EXTEND, GOOD_PARAMS[Action.EXTEND], AT, RULES)
    assert step.updates["next_due"] == "2027-02-01"  # + 30 days
    assert step.data["old_due"] == "2027-01-02" and step.data["new_due"] == "2027-02-01"
    with pytest.raises(TransitionError, match="已延期一次"):
        apply({**case, **step.updates}, Action.EXTEND, GOOD_PARAMS[Action.EXTEND], AT, RULES)


def test_reject_needs_a_ground_and_where_to_go():
    with pytest.raises(ValidationError) as exc:
        apply(case_in(State.REGISTERED), Action.REJECT, {"ground": "不喜欢"}, AT, RULES)
    assert set(exc.value.problems) == {"ground", "where_to_go"}


def test_assignment_deadline_cannot_pass_the_statutory_limit():
    params = {"department_id": 1, "deadline": "2027-02-01"}
    with pytest.raises(ValidationError, match="不能晚于法定答复期限 2027-01-09"):
        apply(case_in(State.REGISTERED), Action.ASSIGN, params, AT, RULES)


def test_step_before_receipt_is_refused():
    with pytest.raises(ValidationError, match="早于收到日期"):
        apply(case_in(State.REGISTERED), Action.ACCEPT, {}, dt.datetime(2026, 11, 1), RULES)


def test_correction_records_old_and_new_values_and_refuses_other_fields():
    step = apply(case_in(State.REPLIED), Action.CORRECT, GOOD_PARAMS[Action.CORRECT], AT, RULES)
    assert step.data["changes"] == {"summary": {"old": "旧摘要", "new": "新摘要"}}
    with pytest.raises(ValidationError, match="不能更正"):
        apply(
            case_in(State.REPLIED),
            Action.CORRECT,
            {"changes": {"state": "已办结"}, "reason": "x"},
            AT,
            RULES,
        )


def test_settle_only_once():
    case = {**case_in(State.REPLIED), "settled_at": "2026-11-09"}
    with pytest.raises(TransitionError, match="已登记息诉息访"):
        apply(case, Action.SETTLE, {}, AT, RULES)
