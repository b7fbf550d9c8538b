"""办理情况 text of an old ledger -> a lifecycle state, reached through the real steps.

An imported case first gets its import event (``导入``, or ``导入（已办结）`` for a matter the
old ledger closed); then the lifecycle steps that lead to the state the ledger states are
applied with parameters taken from the row: 交办 needs a department of ours (承办单位 or the
text itself: 已交办农业站), 转送 an organ (已转送住建), 答复 a result (答复结果 or the text:
调解结案, 已答复（支持）).

Inputs the lifecycle requires but a ledger never holds (the 处理意见书 reasoning, who asked
for 复查) are recorded as ``NOT_IN_LEDGER`` — a true statement that stands
out, never a plausible-looking invented value. A choice the ledger does not make (a 复查 result,
an answer's result) is never guessed: the case stops at the last state the row supports, the
closest safe one (still open, its clock running, so the desk sees it), with a warning. The
original text always stays in the import event. A case the ledger calls 已归档 is imported
closed: filing needs a complete file and a volume of this desk (``services.archive``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from petition_desk.domain.deadlines import Limits, as_date, handling_due
from petition_desk.domain.lifecycle import Action, apply
from petition_desk.domain.vocab import RejectGround, ReplyResult, State
from petition_desk.errors import DeskError

NOT_IN_LEDGER = "（原台账未载明）"
S = State

#: Words of 办理情况, checked in this order (the first that appears decides).
_WORDS: tuple[tuple[tuple[str, ...], State], ...] = (
    (("待处理", "未处理", "待办", "未受理", "待受理", "登记"), S.REGISTERED),
    (("未办结", "未结", "未完结"), S.ACCEPTED),
    (("归档", "立卷"), S.ARCHIVED),
    (("不予受理",), S.REJECTED),
    (("不再受理",), S.REFUSED_FINAL),
    (("复核中", "申请复核"), S.REREVIEWING),
    (("已复核", "复核维持", "复核结束"), S.REREVIEWED),
    (("复查中", "申请复查"), S.REVIEWING),
    (("已复查", "复查维持", "复查结束"), S.REVIEWED),
    (
        ("办结", "结案", "已结", "完结", "息诉", "化解", "已解决", "直接答复", "当场答复"),
        S.CLOSED,
    ),
    (("答复",), S.REPLIED),
    (("交办",), S.ASSIGNED),
    (("转送", "转办", "转交", "移送"), S.FORWARDED),
    (("存信", "存查", "留存"), S.FILED),
    (("受理", "办理中", "处理中", "正在", "调查中", "核实中", "在办"), S.ACCEPTED),
)
_YES_NO = {"是": S.CLOSED, "√": S.CLOSED, "已": S.CLOSED, "否": S.ACCEPTED, "×": S.ACCEPTED}
_DISPOSITION_STATE = {
    "受理": S.ACCEPTED,
    "交办": S.ASSIGNED,
    "转送": S.FORWARDED,
    "存信": S.FILED,
    "直接答复": S.CLOSED,
    "不予受理": S.REJECTED,
    "不再受理": S.REFUSED_FINAL,
}
_RESULT_WORDS = (
    ("不予支持", ReplyResult.NOT_SUPPORT),
    ("支持", ReplyResult.SUPPORT),
    ("解释", ReplyResult.EXPLAIN),
    ("调解", ReplyResult.MEDIATED),
    ("和解", ReplyResult.SETTLED),
)
_GROUND_WORDS = (
    ("诉讼", RejectGround.LITIGATION),
    ("仲裁", RejectGround.ARBITRATION),
    ("复议", RejectGround.ADMIN_REVIEW),
    ("越级", RejectGround.SKIPPED_LEVEL),
)
_REVIEW_PATH = (S.REVIEWING, S.REVIEWED, S.REREVIEWING, S.REREVIEWED)
_REPLY_PATH = (S.REPLIED, *_REVIEW_PATH)


@dataclass
class RowState:
    """What a ledger row says about how its matter was handled."""

    text: str = ""  # 办理情况 / 状态, as typed
    disposition: str = ""  # 处理方式
    unit: str = ""  # 承办单位
    notice_at: dt.datetime | None = None
    due: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    reply_result: str = ""
    volume_no: str = ""


@dataclass
class StatePlan:
    """How an imported case reaches its state: the import step, then the real steps."""

    wanted: State  # what the ledger says
    target: State  # where the case lands (``wanted`` or the closest safe state)
    import_closed_at: dt.datetime | None  # set: the import event closes the case on that day
    steps: list[tuple[Action, dict[str, Any], dt.datetime]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def wanted_state(info: RowState) -> tuple[State, bool]:
    """The state the row's text means, and whether the text was understood."""
    text = re.sub(r"\s", "", info.text)
    if not text:
        disposition = re.sub(r"\s", "", info.disposition)
        return _DISPOSITION_STATE.get(disposition, S.REGISTERED), True
    try:
        return State(text), True
    except ValueError:
        pass
    if text in _YES_NO:  # a 是否办结 column
        return _YES_NO[text], True
    for words, state in _WORDS:
        if any(w in text for w in words):
            return state, True
    return S.REGISTERED, False


def _rest_after(text: str, words: tuple[str, ...]) -> str:
    """``已交办农业站`` -> ``农业站``: the organ named after the verb."""
    for w in words:
        if w in text:
            rest = re.split(r"[，,。；;、（()）]", text.split(w, 1)[1].lstrip("给至到：:"))[0]
            return rest.strip()
    return ""


def match_department(name: str, departments: Mapping[str, int]) -> int | None:
    """The department ``name`` means: the same name, else the only one containing it."""
    name = re.sub(r"\s", "", name)
    if not name:
        return None
    if name in departments:
        return departments[name]
    close = [i for n, i in departments.items() if name in n or n in name]
    return close[0] if len(close) == 1 else None


def _reply_result(info: RowState) -> ReplyResult | None:
    for text in (info.reply_result, info.text):
        t = text.strip()
        if not t:
            continue
        try:
            return ReplyResult(t)
        except ValueError:
            for word, result in _RESULT_WORDS:
                if word in t:
                    return result
    return None


class _Case(dict):
    """A case's fields while steps are tried on it: an absent field reads as None."""

    def __missing__(self, key: str) -> None:
        return None


def plan_state(
    info: RowState,
    received: dt.datetime,
    channel: str,
    departments: Mapping[str, int],
    limits: Limits,
    now: dt.datetime,
) -> StatePlan:
    """The steps that take a new case from 已登记 to what ``info`` says, each one checked."""
    wanted, understood = wanted_state(info)
    plan = StatePlan(wanted, S.REGISTERED, None)
    if not understood:
        plan.warnings.append(f"办理情况“{info.text}”无法识别，按“已登记”导入（原文保留）")

    def day(value: dt.datetime | None, after: dt.datetime) -> dt.datetime:
        return min(max(value or after, after), now)

    start = day(info.notice_at, received)
    end = day(info.closed_at, start)
    if wanted in (S.CLOSED, S.ARCHIVED):
        plan.import_closed_at = day(info.closed_at, received)
        plan.target = S.CLOSED
        if wanted is S.ARCHIVED:
            # Filing (立卷归档) here needs a complete file and a volume of this desk's scheme
            # (services.archive); an imported case has neither, so it stays closed.
            volume = f"，原卷号“{info.volume_no.strip()}”" if info.volume_no.strip() else ""
            plan.warnings.append(
                f"原台账为“{info.text.strip()}”{volume}：本系统归档须卷内文书齐全并编入卷号，"
                "按“已办结”导入（原文保留）"
            )
        return _checked(plan, received, channel, limits)
    text = re.sub(r"\s", "", info.text)
    if wanted is S.FORWARDED:
        organ = _rest_after(text, ("转送", "转办", "转交", "移送")) or info.unit.strip()
        if organ:
            plan.steps.append((Action.FORWARD, {"organ": organ}, start))
        else:
            plan.warnings.append("原台账写明已转送，但未写转送机关：按“已登记”导入，请补办转送")
    elif wanted is S.REJECTED:
        ground = next((g for w, g in _GROUND_WORDS if w in text), RejectGround.OTHER)
        params = {"ground": ground.value, "where_to_go": NOT_IN_LEDGER}
        plan.steps.append((Action.REJECT, params, start))
    elif wanted is S.REFUSED_FINAL:
        plan.steps.append((Action.REFUSE_FINAL, {"basis": NOT_IN_LEDGER}, start))
    elif wanted is S.FILED:
        plan.steps.append((Action.FILE, {"reason": info.text.strip()[:200]}, start))
    elif wanted in (S.ACCEPTED, S.ASSIGNED, *_REPLY_PATH):
        _handling(plan, info, text, wanted, start, end, departments, limits, received)
    return _checked(plan, received, channel, limits)


def _handling(plan, info, text, wanted, start, end, departments, limits, received) -> None:
    unit = _rest_after(text, ("交办",)) or info.unit.strip()
    dept = match_department(unit, departments)
    assign = wanted is S.ASSIGNED or "交办" in info.disposition or (dept is not None)
    if assign and dept is not None:
        limit = handling_due({"accepted_at": start.date().isoformat()}, limits).day
        due = as_date(info.due)
        deadline = due if due is not None and start.date() <= due <= limit else limit
        params = {"department_id": dept, "deadline": deadline.isoformat()}
        plan.steps.append((Action.ASSIGN, params, start))
    else:
        if wanted is S.ASSIGNED or assign:
            shown = unit or "（未写）"
            plan.warnings.append(
                f"承办单位“{shown}”不在单位表中：按“已受理”导入，请在设置中添加该单位后再交办"
            )
        plan.steps.append((Action.ACCEPT, {}, start))
    if wanted not in _REPLY_PATH:
        return
    result = _reply_result(info)
    if result is None:
        plan.warnings.append(
            f"原台账为“{info.text.strip() or wanted.value}”，但未载答复结果："
            "按办理中导入，请在本系统补录答复"
        )
        return
    reply = {"result": result.value, "text": NOT_IN_LEDGER}
    if result in (ReplyResult.SUPPORT, ReplyResult.EXPLAIN, ReplyResult.NOT_SUPPORT):
        reply.update(facts_found=NOT_IN_LEDGER, basis=NOT_IN_LEDGER, reasoning=NOT_IN_LEDGER)
    plan.steps.append((Action.REPLY, reply, end))
    if wanted in _REVIEW_PATH:
        params = {"requester": NOT_IN_LEDGER, "body": NOT_IN_LEDGER}
        plan.steps.append((Action.REQUEST_REVIEW, params, end))
    if wanted in (S.REVIEWED, S.REREVIEWING, S.REREVIEWED):
        plan.warnings.append(
            f"原台账为“{info.text.strip()}”，但未载复查结果：按“复查中”导入，请补录复查结果"
        )


def _checked(plan: StatePlan, received: dt.datetime, channel: str, limits: Limits) -> StatePlan:
    """Try the steps on the case's fields (pure); keep those that pass, say why one did not."""
    case = _Case(
        received_at=received.isoformat(timespec="minutes"),
        channel=channel,
        state=S.REGISTERED.value,
        extension_days=0,
        supervision_count=0,
    )
    if plan.import_closed_at is not None:
        step = apply(case, Action.IMPORT_CLOSED, {}, plan.import_closed_at, limits)
        case.update(step.updates)
    kept = []
    for action, params, at in plan.steps:
        try:
            step = apply(case, action, params, at, limits)
        except DeskError as exc:
            plan.warnings.append(f"“{action.value}”未能补录（{exc}）：停在“{case['state']}”")
            break
        case.update(step.updates)
        kept.append((action, params, at))
    plan.steps = kept
    plan.target = State(case["state"])
    return plan
