"""The case lifecycle as an explicit state machine (domain.md §3).

``apply`` is pure: given a case's fields, an action and its parameters it checks that the step
is allowed, validates the parameters and returns the field updates and the event to append.
The store (``petition_desk.services.cases``) writes both in one transaction; the demo generator and the
integrity check use the same table, so all three agree on what is legal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from petition_desk.domain.deadlines import Limits, as_date, due_fields, handling_due
from petition_desk.domain.vocab import (
    Disposition,
    RejectGround,
    ReplyResult,
    ReviewResult,
    Satisfaction,
    State,
    SupervisionMethod,
)
from petition_desk.errors import TransitionError, ValidationError


class Action(StrEnum):
    REGISTER = "登记"
    ACCEPT = "受理"
    ANSWER_DIRECTLY = "直接答复"
    ASSIGN = "交办"
    FORWARD = "转送"
    REJECT = "不予受理"
    REFUSE_FINAL = "不再受理"
    FILE = "存信"
    SUPERVISE = "督办"
    EXTEND = "延期"
    REPLY = "答复"
    FOLLOW_UP = "回访"
    SETTLE = "息诉息访"
    REQUEST_REVIEW = "复查申请"
    REVIEW_RESULT = "复查结果"
    REQUEST_REREVIEW = "复核申请"
    REREVIEW_RESULT = "复核结果"
    CLOSE = "办结"
    ARCHIVE = "归档"
    CORRECT = "更正"
    ATTACH = "添加附件"
    IMPORT = "导入"
    IMPORT_CLOSED = "导入（已办结）"
    ISSUE_DOCUMENT = "出具文书"
    REPRINT_DOCUMENT = "重印文书"
    LEADER_RECEPTION = "领导接访"
    PASS_FOR_REVIEW = "呈领导阅批"
    LEADER_REVIEW = "领导批示"
    ASSIGN_OWNER = "领导包案"


S = State
_ANY = frozenset(State)
_HANDLING = frozenset({S.ACCEPTED, S.ASSIGNED})
_AFTER_REPLY = frozenset(
    {S.REPLIED, S.REVIEWING, S.REVIEWED, S.REREVIEWING, S.REREVIEWED, S.CLOSED}
)

#: action -> (states it may start from, state it leads to; None keeps the state)
TRANSITIONS: dict[Action, tuple[frozenset[State], State | None]] = {
    Action.ACCEPT: (frozenset({S.REGISTERED}), S.ACCEPTED),
    Action.ANSWER_DIRECTLY: (frozenset({S.REGISTERED}), S.CLOSED),
    Action.ASSIGN: (frozenset({S.REGISTERED, S.ACCEPTED}), S.ASSIGNED),
    Action.FORWARD: (frozenset({S.REGISTERED}), S.FORWARDED),
    Action.REJECT: (frozenset({S.REGISTERED}), S.REJECTED),
    Action.REFUSE_FINAL: (frozenset({S.REGISTERED}), S.REFUSED_FINAL),
    Action.FILE: (frozenset({S.REGISTERED}), S.FILED),
    Action.SUPERVISE: (_HANDLING, None),
    Action.EXTEND: (_HANDLING, None),
    Action.REPLY: (_HANDLING, S.REPLIED),
    Action.FOLLOW_UP: (_AFTER_REPLY, None),
    Action.SETTLE: (_AFTER_REPLY, None),
    Action.REQUEST_REVIEW: (frozenset({S.REPLIED}), S.REVIEWING),
    Action.REVIEW_RESULT: (frozenset({S.REVIEWING}), S.REVIEWED),
    Action.REQUEST_REREVIEW: (frozenset({S.REVIEWED}), S.REREVIEWING),
    Action.REREVIEW_RESULT: (frozenset({S.REREVIEWING}), S.REREVIEWED),
    Action.CLOSE: (
        frozenset({S.FORWARDED, S.REJECTED, S.REFUSED_FINAL, S.REPLIED, S.REVIEWED, S.REREVIEWED}),
        S.CLOSED,
    ),
    Action.ARCHIVE: (frozenset({S.CLOSED, S.FILED}), S.ARCHIVED),
    Action.CORRECT: (_ANY, None),
    # Recorded by ``attachments.add_attachment``, never through ``apply``.
    Action.ATTACH: (_ANY, None),
    # A case moved in from an old Excel ledger, open or already closed there.
    Action.IMPORT: (frozenset({S.REGISTERED}), None),
    Action.IMPORT_CLOSED: (frozenset({S.REGISTERED}), S.CLOSED),
    # Recorded by ``documents.issue`` and ``documents.log_reprint``.
    Action.ISSUE_DOCUMENT: (_ANY, None),
    Action.REPRINT_DOCUMENT: (_ANY, None),
    # Leaders' part (petition_desk.services.leaders); they never change the state.
    Action.LEADER_RECEPTION: (_ANY, None),
    Action.PASS_FOR_REVIEW: (_ANY, None),
    Action.LEADER_REVIEW: (_ANY, None),
    Action.ASSIGN_OWNER: (_ANY, None),
}

#: Steps the software records by itself; they are never offered as buttons.
SYSTEM_ACTIONS = frozenset(
    {
        Action.ATTACH,
        Action.IMPORT,
        Action.IMPORT_CLOSED,
        Action.ISSUE_DOCUMENT,
        Action.REPRINT_DOCUMENT,
        Action.LEADER_RECEPTION,
        Action.PASS_FOR_REVIEW,
        Action.LEADER_REVIEW,
        Action.ASSIGN_OWNER,
    }
)

#: Dispositions recorded by the first step after registration.
DISPOSITION_OF: dict[Action, Disposition] = {
    Action.ACCEPT: Disposition.ACCEPT,
    Action.ANSWER_DIRECTLY: Disposition.ANSWER_DIRECTLY,
    Action.ASSIGN: Disposition.ASSIGN,
    Action.FORWARD: Disposition.FORWARD,
    Action.REJECT: Disposition.REJECT,
    Action.REFUSE_FINAL: Disposition.REFUSE_FINAL,
    Action.FILE: Disposition.FILE,
}

#: Case fields a clerk may correct after registration (each correction is itself an event).
CORRECTABLE = frozenset(
    {"summary", "request", "facts", "category", "purpose", "place", "village", "head_count"}
)


@dataclass(frozen=True)
class Step:
    """The outcome of a legal step: what to write to the case and to its history."""

    action: Action
    state_before: State
    state_after: State
    updates: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)


def allowed_actions(state: State) -> list[Action]:
    """Actions a clerk may take from ``state``, in the order of ``Action``."""
    return [
        a for a, (sources, _) in TRANSITIONS.items() if state in sources and a not in SYSTEM_ACTIONS
    ]


def check_allowed(state: State, action: Action) -> State:
    """Raise ``TransitionError`` unless ``action`` is legal from ``state``; return the target."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        options = "、".join(a.value for a in allowed_actions(state)) or "无"
        raise TransitionError(
            f"案件当前状态为“{state.value}”，不能“{action.value}”。可以进行：{options}"
        )
    return target or state


def _text(params: Mapping[str, Any], key: str, label: str, problems: dict[str, str]) -> str:
    value = str(params.get(key) or "").strip()
    if not value:
        problems[key] = f"请填写{label}"
    return value


def _choice(params, key, enum, label, problems) -> Any:
    value = params.get(key)
    try:
        return enum(value)
    except ValueError:
        options = "、".join(e.value for e in enum)
        problems[key] = f"{label}必须是以下之一：{options}"
        return None


def apply(
    case: Mapping[str, Any],
    action: Action,
    params: Mapping[str, Any],
    at: dt.datetime,
    rules: Limits,
) -> Step:
    """Check and perform ``action`` on ``case`` at time ``at``; see the module docstring.

    Raises ``TransitionError`` for an illegal step and ``ValidationError`` (with every bad
    field named) for bad parameters. Never touches the database.
    """
    if action in SYSTEM_ACTIONS - {Action.IMPORT, Action.IMPORT_CLOSED}:
        raise TransitionError(f"“{action.value}”由程序自动记录")
    state = State(case["state"])
    target = check_allowed(state, action)
    received = as_date(case["received_at"])
    day = at.date()
    if received and day < received:
        raise ValidationError("办理日期不能早于收到日期", "at")
    problems: dict[str, str] = {}
    updates: dict[str, Any] = {}
    data: dict[str, Any] = {}
    today = day.isoformat()

    if action in DISPOSITION_OF:
        updates["disposition"] = DISPOSITION_OF[action].value
        updates["notice_at"] = today
    if action is Action.ACCEPT:
        updates["accepted_at"] = today
    elif action is Action.ANSWER_DIRECTLY:
        data["answer"] = _text(params, "answer", "答复内容", problems)
        updates["replied_at"] = today
        updates["closed_at"] = today
    elif action is Action.ASSIGN:
        dept = params.get("department_id")
        if not isinstance(dept, int):
            problems["department_id"] = "请选择承办单位"
        deadline = as_date(params.get("deadline"))
        # Assigning straight from registration accepts the matter on the same day.
        accepted = day if state is S.REGISTERED else (as_date(case.get("accepted_at")) or day)
        if deadline is None:
            problems["deadline"] = "请填写办结期限"
        elif deadline < day:
            problems["deadline"] = "办结期限不能早于交办日期"
        else:
            limit = handling_due({**case, "accepted_at": accepted.isoformat()}, rules).day
            if deadline > limit:
                problems["deadline"] = f"办结期限不能晚于法定答复期限 {limit.isoformat()}"
        data.update(department_id=dept, deadline=deadline and deadline.isoformat())
        data["note"] = str(params.get("note") or "").strip()
        updates.update(department_id=dept, assigned_at=today, assign_due=data["deadline"])
        if state is S.REGISTERED:
            updates["accepted_at"] = today
    elif action is Action.FORWARD:
        data["organ"] = _text(params, "organ", "转送机关", problems)
        updates["forwarded_to"] = data["organ"]
    elif action is Action.REJECT:
        ground = _choice(params, "ground", RejectGround, "不予受理理由", problems)
        data["ground"] = ground and ground.value
        data["where_to_go"] = _text(params, "where_to_go", "告知信访人应向何处反映", problems)
        updates["reject_ground"] = data["ground"]
    elif action is Action.REFUSE_FINAL:
        data["basis"] = _text(params, "basis", "已复核终结的依据", problems)
    elif action is Action.FILE:
        data["reason"] = str(params.get("reason") or "").strip()
    elif action is Action.SUPERVISE:
        method = _choice(params, "method", SupervisionMethod, "督办方式", problems)
        data["method"] = method and method.value
        data["content"] = _text(params, "content", "督办内容", problems)
        updates["supervision_count"] = int(case.get("supervision_count") or 0) + 1
    elif action is Action.EXTEND:
        _extend(case, params, rules, problems, updates, data)
    elif action is Action.REPLY:
        result = _choice(params, "result", ReplyResult, "答复结果", problems)
        data["result"] = result and result.value
        data["text"] = _text(params, "text", "答复意见", problems)
        updates.update(reply_result=data["result"], replied_at=today)
        due = handling_due(case, rules).day
        updates["replied_on_time"] = int(day <= due)
    elif action is Action.FOLLOW_UP:
        sat = _choice(params, "satisfaction", Satisfaction, "满意度", problems)
        data["satisfaction"] = sat and sat.value
        data["note"] = str(params.get("note") or "").strip()
        updates.update(satisfaction=data["satisfaction"], followed_up_at=today)
    elif action is Action.SETTLE:
        if case.get("settled_at"):
            raise TransitionError("该案件已登记息诉息访")
        data["note"] = str(params.get("note") or "").strip()
        updates["settled_at"] = today
    elif action in (Action.REQUEST_REVIEW, Action.REQUEST_REREVIEW):
        prefix = "review" if action is Action.REQUEST_REVIEW else "rereview"
        data["requester"] = _text(params, "requester", "申请人", problems)
        data["body"] = _text(params, "body", "受理机关", problems)
        updates[f"{prefix}_requested_at"] = today
    elif action in (Action.REVIEW_RESULT, Action.REREVIEW_RESULT):
        prefix = "review" if action is Action.REVIEW_RESULT else "rereview"
        result = _choice(params, "result", ReviewResult, "结果", problems)
        data["result"] = result and result.value
        data["text"] = str(params.get("text") or "").strip()
        updates.update({f"{prefix}_result": data["result"], f"{prefix}_answered_at": today})
    elif action is Action.CLOSE:
        data["note"] = str(params.get("note") or "").strip()
        updates["closed_at"] = today
    elif action in (Action.IMPORT, Action.IMPORT_CLOSED):
        data["source"] = str(params.get("note") or "")
        if action is Action.IMPORT_CLOSED:
            updates["closed_at"] = today
    elif action is Action.ARCHIVE:
        data["volume_no"] = _text(params, "volume_no", "卷号", problems)
        updates.update(volume_no=data["volume_no"], archived_at=today)
    elif action is Action.CORRECT:
        _correct(case, params, problems, updates, data)

    if problems:
        raise ValidationError(problems)
    updates["state"] = target.value
    updates.update(due_fields({**case, **updates}, rules))
    return Step(action, state, target, updates, data)


def _extend(case, params, rules: Limits, problems, updates, data) -> None:
    if int(case.get("extension_days") or 0) > 0:
        raise TransitionError("该案件已延期一次，不能再次延期")
    data["leader"] = _text(params, "leader", "批准延期的领导", problems)
    data["reason"] = _text(params, "reason", "延期理由", problems)
    limit = rules.days("extension_max_days")
    try:
        days = int(params.get("days"))
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= limit:
        problems["days"] = f"延期天数应为 1 至 {limit} 日"
    data["days"] = days
    data["old_due"] = handling_due(case, rules).day.isoformat()
    updates["extension_days"] = days
    data["new_due"] = (
        None
        if "days" in problems
        else (handling_due({**case, "extension_days": days}, rules).day.isoformat())
    )


def _correct(case, params, problems, updates, data) -> None:
    changes = params.get("changes") or {}
    if not changes:
        problems["changes"] = "没有需要更正的内容"
        return
    unknown = sorted(set(changes) - CORRECTABLE)
    if unknown:
        problems["changes"] = f"以下字段不能更正：{', '.join(unknown)}"
        return
    data["reason"] = _text(params, "reason", "更正原因", problems)
    data["changes"] = {k: {"old": case.get(k), "new": v} for k, v in changes.items()}
    updates.update(changes)
