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
from tests.helpers import REPLY

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
    Action.REPLY: {**REPLY, "text": "经调查……"},
    Action.FOLLOW_UP: {"satisfaction": "满意"},
    Action.SETTLE: {},
    Action.REQUEST_REVIEW: {"requester": "张建国", "body": "县信访局"},
    Action.REVIEW_RESULT: {"result": "维持"},
    Action.REQUEST_REREVIEW: {"requester": "张建国", "body": "市信访局"},
    Action.REREVIEW_RESULT: {"result": "维持"},
    Action.CLOSE: {},
    Action.ARCHIVE: {"volume_no": "2026-卷03"},
    Action.REOPEN: {"reason": "县信访局复查意见送达，需补充归档"},
    Action.DEPARTMENT_REPORT: {"content": "已核实并补发补偿款"},
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
        "notice_at": "2026-11-03",  # the 受理告知书 was issued: the notice clock has stopped
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


def test_every_step_is_declared_once_with_chinese_labels():
    from petition_desk.domain.lifecycle import SPECS, STEPS

    assert len(SPECS) == len(STEPS) == len({s.action for s in STEPS})
    for spec in STEPS:
        for p in spec.params:
            assert p.label and not p.label.isascii(), (spec.action, p.key)


def test_a_decision_reply_needs_facts_basis_and_reasoning():
    params = {"result": "不予支持", "text": "经调查……"}
    with pytest.raises(ValidationError) as exc:
        apply(case_in(State.ACCEPTED), Action.REPLY, params, AT, RULES)
    assert set(exc.value.problems) == {"facts_found", "basis", "reasoning"}
    # a mediated matter ends without a decision letter's reasoning
    step = apply(
        case_in(State.ACCEPTED),
        Action.REPLY,
        {"result": "调解", "text": "双方达成调解协议"},
        AT,
        RULES,
    )
    assert step.state_after is State.REPLIED


def test_late_extension_is_refused_unless_marked_and_keeps_the_overdue_date():
    late_day = dt.datetime(2027, 1, 5, 10, 0)  # the reply was due 2027-01-02
    case = case_in(State.ACCEPTED)
    with pytest.raises(ValidationError) as exc:
        apply(case, Action.EXTEND, GOOD_PARAMS[Action.EXTEND], late_day, RULES)
    assert "逾期后延期" in exc.value.problems["late"]
    with pytest.raises(ValidationError) as exc:
        apply(case, Action.EXTEND, {**GOOD_PARAMS[Action.EXTEND], "late": True}, late_day, RULES)
    assert set(exc.value.problems) == {"late_reason"}
    step = apply(
        case,
        Action.EXTEND,
        {**GOOD_PARAMS[Action.EXTEND], "late": True, "late_reason": "承办单位未按期报告"},
        late_day,
        RULES,
    )
    assert step.data["late"] is True and step.data["overdue_since"] == "2027-01-02"
    assert step.data["new_due"] == "2027-02-01"
    # marking an extension late before the due date is a mistake, not a loophole
    with pytest.raises(ValidationError, match="不是逾期后延期"):
        apply(
            case,
            Action.EXTEND,
            {**GOOD_PARAMS[Action.EXTEND], "late": True, "late_reason": "x"},
            AT,
            RULES,
        )


def test_history_labels_come_from_the_declarations():
    from petition_desk.domain.lifecycle import label_of

    assert label_of("答复", "facts_found") == "查明事实"
    assert label_of("交办", "department_id") == "承办单位"
    assert label_of("更正", "summary") == "摘要"
    assert label_of("延期", "old_due") == "原答复期限"


def test_text_inputs_have_a_maximum_length():
    long = "字" * 201
    with pytest.raises(ValidationError, match="不能超过 200 字"):
        apply(case_in(State.REGISTERED), Action.FILE, {"reason": long}, AT, RULES)


def test_review_chain_and_archiving_set_their_dates_and_clocks():
    """复查 → 复核 → 办结 → 归档: each step stamps its own date and moves the clock."""
    case = {**case_in(State.REPLIED)}
    for action, params, day in (
        (Action.REQUEST_REVIEW, {"requester": "张建国", "body": "县信访局"}, 12),
        (Action.REVIEW_RESULT, {"result": "维持"}, 20),
        (Action.REQUEST_REREVIEW, {"requester": "张建国", "body": "市信访局"}, 25),
        (Action.REREVIEW_RESULT, {"result": "维持"}, 30),
        (Action.CLOSE, {}, 30),
        (Action.ARCHIVE, {"volume_no": "2026-永久-0012"}, 30),
    ):
        step = apply(case, action, params, dt.datetime(2026, 11, day, 9), RULES)
        case.update(step.updates)
        if action is Action.REQUEST_REREVIEW:
            assert case["rereview_requested_at"] == "2026-11-25"
            assert case["next_due"] == "2026-12-25"  # the 复核 body answers in 30 days
            assert case["next_due_kind"] == "复核答复"
    assert case["review_requested_at"] == "2026-11-12"
    assert case["rereview_result"] == "维持" and case["rereview_answered_at"] == "2026-11-30"
    assert case["state"] == State.ARCHIVED.value
    assert case["archived_at"] == "2026-11-30" and case["volume_no"] == "2026-永久-0012"
    assert case["next_due"] is None  # nothing left to do
