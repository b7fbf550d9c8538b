"""The case lifecycle as an explicit state machine (docs/domain.md §3), each step declared once.

A ``StepSpec`` says everything about one step: the states it may start from and the state it
leads to, its inputs (``Param``: key, Chinese label, kind, whether required, choices, maximum
length), the documents it calls for, and the handler that turns validated inputs into the
case's field updates and the event's data. The case dialog builds its editors from the
declaration, the history names recorded values with its labels, and the documents service
gates notices on it.

``apply`` is pure: given a case's fields, an action and its parameters it checks that the step
is allowed, validates the parameters and returns the field updates and the event to append.
The store (``petition_desk.services.events``) writes both in one transaction; the demo
generator and the integrity check use the same table, so all three agree on what is legal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from petition_desk.domain.deadlines import Limits, as_date, due_fields, handling_due
from petition_desk.domain.text import clean_into
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
    REOPEN = "重新启用"
    DEPARTMENT_REPORT = "承办单位报告"
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


class ParamKind(StrEnum):
    """What kind of editor a step input needs."""

    LINE = "line"  # one line of text
    TEXT = "text"  # several lines
    CHOICE = "choice"  # one of ``choices``
    DATE = "date"
    DAYS = "days"  # a number of days
    DEPARTMENT = "department"  # an active department's id
    FLAG = "flag"  # yes / no
    CORRECTION = "correction"  # a case field (``CORRECTABLE``) and its new value


@dataclass(frozen=True)
class Param:
    """One input of a step. ``label`` is the Chinese term shown in forms and in the history."""

    key: str
    label: str
    kind: ParamKind = ParamKind.LINE
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 2000
    hint: str = ""


@dataclass
class _Work:
    """What a handler reads and fills while a step is applied."""

    case: Mapping[str, Any]
    params: dict[str, Any]  # validated by the declaration: text stripped, choices checked
    state: State
    day: dt.date
    limits: Limits
    problems: dict[str, str]
    updates: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[_Work], None]


@dataclass(frozen=True)
class StepSpec:
    """Everything about one step, in one place."""

    action: Action
    sources: frozenset[State]
    target: State | None  # None keeps the state
    params: tuple[Param, ...] = ()
    handler: Handler | None = None
    #: keys of the documents (``reports.templates.KINDS``) this step calls for
    documents: tuple[str, ...] = ()
    #: recorded by the software itself (never a button in the case dialog)
    system: bool = False
    disposition: Disposition | None = None

    def param(self, key: str) -> Param | None:
        return next((p for p in self.params if p.key == key), None)


S = State
_ANY = frozenset(State)
_HANDLING = frozenset({S.ACCEPTED, S.ASSIGNED})
_AFTER_REPLY = frozenset(
    {S.REPLIED, S.REVIEWING, S.REVIEWED, S.REREVIEWING, S.REREVIEWED, S.CLOSED}
)
_TO_PETITIONER_DECISIONS = (ReplyResult.SUPPORT, ReplyResult.EXPLAIN, ReplyResult.NOT_SUPPORT)

#: Case fields a clerk may correct after registration, with their Chinese names.
CORRECTABLE: dict[str, str] = {
    "summary": "摘要",
    "request": "诉求",
    "facts": "事实和理由",
    "category": "问题类别",
    "purpose": "信访目的",
    "place": "问题发生地",
    "village": "村（社区）",
    "head_count": "人数",
}


def _choices(enum: Any) -> tuple[str, ...]:
    return tuple(e.value for e in enum)


NOTE = Param("note", "备注", ParamKind.TEXT)


# -- handlers: the part of each step that is more than checking its declared inputs ----------
def _accept(w: _Work) -> None:
    w.updates["accepted_at"] = w.day.isoformat()


def _answer_directly(w: _Work) -> None:
    w.updates.update(replied_at=w.day.isoformat(), closed_at=w.day.isoformat())


def _assign(w: _Work) -> None:
    dept = w.params.get("department_id")
    deadline = as_date(w.params.get("deadline"))
    # Assigning straight from registration accepts the matter on the same day.
    registered = w.state is S.REGISTERED
    accepted = w.day if registered else (as_date(w.case.get("accepted_at")) or w.day)
    if deadline is not None and "deadline" not in w.problems:
        if deadline < w.day:
            w.problems["deadline"] = "办结期限不能早于交办日期"
        else:
            case = {**w.case, "accepted_at": accepted.isoformat()}
            limit = handling_due(case, w.limits).day
            if deadline > limit:
                w.problems["deadline"] = f"办结期限不能晚于法定答复期限 {limit.isoformat()}"
    w.data.update(department_id=dept, deadline=deadline and deadline.isoformat())
    w.updates.update(
        department_id=dept, assigned_at=w.day.isoformat(), assign_due=w.data["deadline"]
    )
    if registered:
        w.updates["accepted_at"] = w.day.isoformat()


def _forward(w: _Work) -> None:
    w.updates["forwarded_to"] = w.params["organ"]


def _reject(w: _Work) -> None:
    w.updates["reject_ground"] = w.params.get("ground")


def _supervise(w: _Work) -> None:
    w.updates["supervision_count"] = int(w.case.get("supervision_count") or 0) + 1


def _extend(w: _Work) -> None:
    """延期 once, approved by a leader; after the due date only as 逾期后延期 with a reason.

    A late extension keeps the case overdue for the period it was overdue: the event records
    the due date that had already passed (``overdue_since``).
    """
    if int(w.case.get("extension_days") or 0) > 0:
        raise TransitionError("该案件已延期一次，不能再次延期")
    limit = w.limits.days("extension_max_days")
    days = w.params.get("days")
    if not isinstance(days, int) or not 1 <= days <= limit:
        w.problems["days"] = f"延期天数应为 1 至 {limit} 日"
        days = 0
    old_due = handling_due(w.case, w.limits).day
    late = bool(w.params.get("late"))
    if w.day > old_due:
        if not late:
            w.problems["late"] = (
                f"答复期限 {old_due.isoformat()} 已过，只能办理“逾期后延期”：请勾选并填写逾期原因"
            )
        elif not w.params.get("late_reason"):
            w.problems["late_reason"] = "逾期后延期须填写逾期原因"
        w.data["overdue_since"] = old_due.isoformat()
    elif late:
        w.problems["late"] = "答复期限尚未届满，不是逾期后延期"
    w.data.update(
        days=days,
        old_due=old_due.isoformat(),
        new_due=None
        if not days
        else handling_due({**w.case, "extension_days": days}, w.limits).day.isoformat(),
    )
    w.updates["extension_days"] = days


def _reply(w: _Work) -> None:
    result = w.params.get("result")
    if result in _TO_PETITIONER_DECISIONS:
        # Arts. 32–35: the 处理意见书 states the facts found, the basis and the reasoning.
        for key in ("facts_found", "basis", "reasoning"):
            if not w.params.get(key) and key not in w.problems:
                label = SPECS[Action.REPLY].param(key).label  # type: ignore[union-attr]
                w.problems[key] = f"作出“{result}”的答复须填写{label}"
    due = handling_due(w.case, w.limits).day
    w.updates.update(
        reply_result=result, replied_at=w.day.isoformat(), replied_on_time=int(w.day <= due)
    )


def _follow_up(w: _Work) -> None:
    w.updates.update(satisfaction=w.params.get("satisfaction"), followed_up_at=w.day.isoformat())


def _settle(w: _Work) -> None:
    if w.case.get("settled_at"):
        raise TransitionError("该案件已登记息诉息访")
    w.updates["settled_at"] = w.day.isoformat()


def _review_request(prefix: str) -> Handler:
    def handler(w: _Work) -> None:
        w.updates[f"{prefix}_requested_at"] = w.day.isoformat()

    return handler


def _review_result(prefix: str) -> Handler:
    def handler(w: _Work) -> None:
        w.updates.update(
            {f"{prefix}_result": w.params.get("result"), f"{prefix}_answered_at": w.day.isoformat()}
        )

    return handler


def _review_steps(
    prefix: str, name: str, request: Action, result: Action, after: State
) -> tuple[StepSpec, StepSpec]:
    """复查 and 复核 (Arts. 35-36) run alike: a request to the body above, then its result."""
    asking, answered = {
        "review": (S.REVIEWING, S.REVIEWED),
        "rereview": (S.REREVIEWING, S.REREVIEWED),
    }[prefix]
    return (
        StepSpec(
            request,
            frozenset({after}),
            asking,
            (
                Param("requester", "申请人", required=True, max_length=50),
                Param("body", f"{name}机关", required=True, max_length=100),
            ),
            _review_request(prefix),
        ),
        StepSpec(
            result,
            frozenset({asking}),
            answered,
            (
                Param("result", f"{name}结果", ParamKind.CHOICE, True, _choices(ReviewResult), 10),
                Param("text", f"{name}意见", ParamKind.TEXT),
            ),
            _review_result(prefix),
        ),
    )


def _department_report(w: _Work) -> None:
    """The department's 办结报告 arrived: its deadline stops running."""
    w.updates["dept_reported_at"] = w.day.isoformat()


def _reopen(w: _Work) -> None:
    """An archived file opened again for a result arriving later (复查/复核): logged, reasoned."""
    w.data["volume_no"] = w.case.get("volume_no")
    w.updates["archived_at"] = None


def _close(w: _Work) -> None:
    w.updates["closed_at"] = w.day.isoformat()


def _import(w: _Work) -> None:
    w.data["source"] = str(w.params.get("note") or "")
    w.data.pop("note", None)


def _import_closed(w: _Work) -> None:
    _import(w)
    w.updates["closed_at"] = w.day.isoformat()


def _archive(w: _Work) -> None:
    w.updates.update(volume_no=w.params["volume_no"], archived_at=w.day.isoformat())


def _correct(w: _Work) -> None:
    changes = w.params.get("changes") or {}
    if not changes:
        w.problems["changes"] = "没有需要更正的内容"
        return
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        w.problems["changes"] = f"以下项目不能更正：{'、'.join(unknown)}"
        return
    w.data["changes"] = {k: {"old": w.case.get(k), "new": v} for k, v in changes.items()}
    w.updates.update(changes)


STEPS: tuple[StepSpec, ...] = (
    StepSpec(
        Action.ACCEPT,
        frozenset({S.REGISTERED}),
        S.ACCEPTED,
        handler=_accept,
        documents=("acceptance",),
        disposition=Disposition.ACCEPT,
    ),
    StepSpec(
        Action.ANSWER_DIRECTLY,
        frozenset({S.REGISTERED}),
        S.CLOSED,
        (Param("answer", "答复内容", ParamKind.TEXT, required=True, max_length=5000),),
        _answer_directly,
        disposition=Disposition.ANSWER_DIRECTLY,
    ),
    StepSpec(
        Action.ASSIGN,
        frozenset({S.REGISTERED, S.ACCEPTED}),
        S.ASSIGNED,
        (
            Param("department_id", "承办单位", ParamKind.DEPARTMENT, required=True),
            Param("deadline", "办结期限", ParamKind.DATE, required=True),
            NOTE,
        ),
        _assign,
        documents=("acceptance", "assignment"),
        disposition=Disposition.ASSIGN,
    ),
    StepSpec(
        Action.FORWARD,
        frozenset({S.REGISTERED}),
        S.FORWARDED,
        (Param("organ", "转送机关", required=True, max_length=100),),
        _forward,
        documents=("forward",),
        disposition=Disposition.FORWARD,
    ),
    StepSpec(
        Action.REJECT,
        frozenset({S.REGISTERED}),
        S.REJECTED,
        (
            Param("ground", "不予受理理由", ParamKind.CHOICE, True, _choices(RejectGround), 50),
            Param("where_to_go", "告知信访人应向何处反映", required=True, max_length=200),
        ),
        _reject,
        documents=("rejection",),
        disposition=Disposition.REJECT,
    ),
    StepSpec(
        Action.REFUSE_FINAL,
        frozenset({S.REGISTERED}),
        S.REFUSED_FINAL,
        (Param("basis", "已复核终结的依据", ParamKind.TEXT, required=True),),
        documents=("refuse-final",),
        disposition=Disposition.REFUSE_FINAL,
    ),
    StepSpec(
        Action.FILE,
        frozenset({S.REGISTERED}),
        S.FILED,
        (Param("reason", "存信理由", max_length=200),),
        disposition=Disposition.FILE,
    ),
    StepSpec(
        Action.SUPERVISE,
        _HANDLING,
        None,
        (
            Param("method", "督办方式", ParamKind.CHOICE, True, _choices(SupervisionMethod), 20),
            Param("content", "督办内容", ParamKind.TEXT, required=True),
        ),
        _supervise,
        documents=("supervision",),
    ),
    StepSpec(
        Action.EXTEND,
        _HANDLING,
        None,
        (
            Param("leader", "批准延期的领导", required=True, max_length=50),
            Param("reason", "延期理由", ParamKind.TEXT, required=True),
            Param("days", "延期天数", ParamKind.DAYS, required=True),
            Param("late", "逾期后延期", ParamKind.FLAG, hint="答复期限已过后才批准的延期"),
            Param("late_reason", "逾期原因", ParamKind.TEXT),
        ),
        _extend,
        documents=("extension",),
    ),
    StepSpec(
        Action.REPLY,
        _HANDLING,
        S.REPLIED,
        (
            Param("result", "处理结果", ParamKind.CHOICE, True, _choices(ReplyResult), 20),
            Param("facts_found", "查明事实", ParamKind.TEXT, max_length=20000),
            Param("basis", "法律政策依据", ParamKind.TEXT, max_length=5000),
            Param("reasoning", "处理理由", ParamKind.TEXT, max_length=5000),
            Param("text", "答复意见", ParamKind.TEXT, required=True, max_length=20000),
        ),
        _reply,
        documents=("reply",),
    ),
    StepSpec(
        Action.DEPARTMENT_REPORT,
        frozenset({S.ASSIGNED}),
        None,
        (Param("content", "报告内容摘要", ParamKind.TEXT, required=True, max_length=5000),),
        _department_report,
    ),
    StepSpec(
        Action.FOLLOW_UP,
        _AFTER_REPLY,
        None,
        (
            Param("satisfaction", "满意度", ParamKind.CHOICE, True, _choices(Satisfaction), 10),
            NOTE,
        ),
        _follow_up,
    ),
    StepSpec(Action.SETTLE, _AFTER_REPLY, None, (NOTE,), _settle),
    *_review_steps("review", "复查", Action.REQUEST_REVIEW, Action.REVIEW_RESULT, S.REPLIED),
    *_review_steps("rereview", "复核", Action.REQUEST_REREVIEW, Action.REREVIEW_RESULT, S.REVIEWED),
    StepSpec(
        Action.CLOSE,
        frozenset({S.FORWARDED, S.REJECTED, S.REFUSED_FINAL, S.REPLIED, S.REVIEWED, S.REREVIEWED}),
        S.CLOSED,
        (NOTE,),
        _close,
    ),
    StepSpec(
        Action.ARCHIVE,
        frozenset({S.CLOSED, S.FILED}),
        S.ARCHIVED,
        (
            Param("volume_no", "卷号", required=True, max_length=50),
            Param("no_notice_reason", "未出具告知书的原因", max_length=200),
            Param("no_follow_up_reason", "未回访的原因", max_length=200),
        ),
        _archive,
    ),
    StepSpec(
        Action.REOPEN,
        frozenset({S.ARCHIVED}),
        S.CLOSED,
        (Param("reason", "重新启用的原因", ParamKind.TEXT, required=True, max_length=500),),
        _reopen,
    ),
    StepSpec(
        Action.CORRECT,
        _ANY - {S.ARCHIVED},
        None,
        (
            Param("changes", "更正内容", ParamKind.CORRECTION, required=True),
            Param("reason", "更正原因", required=True, max_length=200),
        ),
        _correct,
    ),
    # Recorded by the software: attachments, imports, documents and the leaders' part.
    StepSpec(Action.ATTACH, _ANY, None, system=True),
    StepSpec(Action.IMPORT, frozenset({S.REGISTERED}), None, (NOTE,), _import, system=True),
    StepSpec(
        Action.IMPORT_CLOSED,
        frozenset({S.REGISTERED}),
        S.CLOSED,
        (NOTE,),
        _import_closed,
        system=True,
    ),
    StepSpec(Action.ISSUE_DOCUMENT, _ANY, None, system=True),
    StepSpec(Action.REPRINT_DOCUMENT, _ANY, None, system=True),
    StepSpec(Action.LEADER_RECEPTION, _ANY, None, system=True),
    StepSpec(Action.PASS_FOR_REVIEW, _ANY, None, system=True),
    StepSpec(Action.LEADER_REVIEW, _ANY, None, system=True),
    StepSpec(Action.ASSIGN_OWNER, _ANY, None, system=True),
)
SPECS: dict[Action, StepSpec] = {s.action: s for s in STEPS}

#: action -> (states it may start from, state it leads to; None keeps the state)
TRANSITIONS: dict[Action, tuple[frozenset[State], State | None]] = {
    s.action: (s.sources, s.target) for s in STEPS
}
#: Steps the software records by itself; they are never offered as buttons.
SYSTEM_ACTIONS = frozenset(s.action for s in STEPS if s.system)
#: Dispositions recorded by the first step after registration.
DISPOSITION_OF: dict[Action, Disposition] = {
    s.action: s.disposition for s in STEPS if s.disposition is not None
}
#: Which lifecycle step calls for which documents.
STEP_DOCUMENTS: dict[Action, tuple[str, ...]] = {
    s.action: s.documents for s in STEPS if s.documents
}

#: Names of values recorded in events that are not a step's declared input.
DATA_LABELS: dict[str, str] = {
    "number": "编号",
    "repeat": "重复信访",
    "people": "信访人",
    "old_due": "原答复期限",
    "new_due": "新答复期限",
    "overdue_since": "逾期起始",
    "person": "信访人",
    "name": "文件",
    "kind": "文书",
    "unmasked": "身份证号和电话完整显示",
    "what": "方式",
    "instruction": "批示",
    "leader": "领导",
    "reception_kind": "接访方式",
    "source": "来源",
    "sha256": "校验值",
    "previous": "原包案领导",
    "ocr": "文字识别",
}


def label_of(action: str, key: str) -> str:
    """The Chinese name of a value recorded in an event of ``action`` (the key if unknown)."""
    try:
        spec = SPECS.get(Action(action))
    except ValueError:
        spec = None
    param = spec.param(key) if spec else None
    if param is not None:
        return param.label
    return DATA_LABELS.get(key) or CORRECTABLE.get(key) or key


#: What may still be recorded on an archived case: reprinting what it holds, re-opening it.
ALLOWED_WHEN_ARCHIVED = frozenset({Action.REPRINT_DOCUMENT, Action.REOPEN})


def refuse_if_archived(state: str, action: Action) -> None:
    """Archived cases are read-only except for a logged, reasoned re-opening."""
    if state == State.ARCHIVED.value and action not in ALLOWED_WHEN_ARCHIVED:
        raise TransitionError(
            f"案件已归档，只能查阅，不能“{action.value}”。如有复查、复核结果等需要补充，"
            f"请先“{Action.REOPEN.value}”并说明原因"
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
    return [a for a in Action if a in SPECS and not SPECS[a].system and state in SPECS[a].sources]


def check_allowed(state: State, action: Action) -> State:
    """Raise ``TransitionError`` unless ``action`` is legal from ``state``; return the target."""
    spec = SPECS[action]
    if state not in spec.sources:
        options = "、".join(a.value for a in allowed_actions(state)) or "无"
        raise TransitionError(
            f"案件当前状态为“{state.value}”，不能“{action.value}”。可以进行：{options}"
        )
    return spec.target or state


def _validate(spec: StepSpec, params: Mapping[str, Any], problems: dict[str, str]) -> dict:
    """Check every declared input; return the cleaned values (text stripped, types right)."""
    clean: dict[str, Any] = {}
    for p in spec.params:
        value: Any = params.get(p.key)
        if p.kind in (ParamKind.LINE, ParamKind.TEXT, ParamKind.CHOICE):
            text = clean_into(value, p.label, p.key, problems)
            if p.required and not text:
                problems[p.key] = f"请{'选择' if p.kind is ParamKind.CHOICE else '填写'}{p.label}"
            elif len(text) > p.max_length:
                problems[p.key] = f"{p.label}不能超过 {p.max_length} 字，现有 {len(text)} 字"
            elif p.kind is ParamKind.CHOICE and text and text not in p.choices:
                problems[p.key] = f"{p.label}必须是以下之一：{'、'.join(p.choices)}"
            clean[p.key] = text
        elif p.kind is ParamKind.DATE:
            try:
                day = as_date(value)
            except ValueError:
                day = None
            if day is None and p.required:
                problems[p.key] = f"请填写{p.label}"
            clean[p.key] = day
        elif p.kind is ParamKind.DAYS:
            try:
                clean[p.key] = int(value)
            except (TypeError, ValueError):
                clean[p.key] = None
        elif p.kind is ParamKind.DEPARTMENT:
            if not isinstance(value, int) or isinstance(value, bool):
                problems[p.key] = f"请选择{p.label}"
                value = None
            clean[p.key] = value
        elif p.kind is ParamKind.FLAG:
            clean[p.key] = bool(value)
        else:  # CORRECTION: a mapping checked by the handler
            clean[p.key] = dict(value or {})
    return clean


def apply(
    case: Mapping[str, Any],
    action: Action,
    params: Mapping[str, Any],
    at: dt.datetime,
    limits: Limits,
) -> Step:
    """Check and perform ``action`` on ``case`` at time ``at``; see the module docstring.

    Raises ``TransitionError`` for an illegal step and ``ValidationError`` (with every bad
    field named) for bad parameters. Never touches the database.
    """
    spec = SPECS[action]
    if spec.system and action not in (Action.IMPORT, Action.IMPORT_CLOSED):
        raise TransitionError(f"“{action.value}”由程序自动记录")
    state = State(case["state"])
    target = check_allowed(state, action)
    received = as_date(case["received_at"])
    if received and at.date() < received:
        raise ValidationError("办理日期不能早于收到日期", "at")
    problems: dict[str, str] = {}
    clean = _validate(spec, params, problems)
    work = _Work(case, clean, state, at.date(), limits, problems)
    # What the clerk entered is what the history keeps (dates as ISO text, no empty notes).
    work.data.update(
        {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in clean.items()
            if k != "changes" and not (v in ("", None, False) and not spec.param(k).required)  # type: ignore[union-attr]
        }
    )
    if spec.disposition is not None:
        work.updates["disposition"] = spec.disposition.value
        if not spec.documents or case.get("anonymous"):  # else: when documents.issue gives it
            work.updates["notice_at"] = work.day.isoformat()
    if spec.handler is not None:
        spec.handler(work)
    if problems:
        raise ValidationError(problems)
    work.updates["state"] = target.value
    work.updates.update(due_fields({**case, **work.updates}, limits))
    return Step(action, state, target, work.updates, work.data)
