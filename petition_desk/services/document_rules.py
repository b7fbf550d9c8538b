"""Which document may be issued when: each kind only after the step of the case's history that
calls for it (受理告知书 after 受理, 延期办理告知书 after each 延期 …).

Pure functions over a case, its events and its documents, so the documents service, the case
dialog's guided issuing, the documents tab and the batch printing all agree. Each document
answers one step (an event); issuing the same kind again for the same step is a reissue that
needs a reason — a reprint of the kept copy is not an issue and keeps the number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from petition_desk.domain.lifecycle import STEP_DOCUMENTS, Action
from petition_desk.domain.vocab import Channel, ReplyResult, State
from petition_desk.errors import ValidationError
from petition_desk.reports.templates import KINDS

#: Channels by which the petitioner came in person (a 来访登记表 is filled in).
VISITS = frozenset({Channel.VISIT.value, Channel.LEADER_RECEPTION.value})
#: Steps after which a visit that skipped a level is told where to go.
SKIP_LEVEL_STEPS = (Action.REJECT.value, Action.FORWARD.value)
#: The 处理意见书 answers these decisions; a mediated or settled matter has its own agreement.
REPLY_DECISIONS = frozenset(
    r.value for r in (ReplyResult.SUPPORT, ReplyResult.EXPLAIN, ReplyResult.NOT_SUPPORT)
)
#: Notices that tell the petitioner the disposition: issuing one gives the notice the 15-day
#: clock and 及时受理率 count.
DISPOSITION_NOTICES = frozenset({"acceptance", "rejection", "forward", "refuse-final"})

_BY_VALUE: dict[str, tuple[str, ...]] = {a.value: kinds for a, kinds in STEP_DOCUMENTS.items()}


def calling_steps(kind: str) -> list[str]:
    """The names of the steps that call for ``kind`` (for messages)."""
    if kind == "visit-form":
        return ["登记来访"]
    if kind == "skip-level":
        return list(SKIP_LEVEL_STEPS)
    names = [a for a, kinds in _BY_VALUE.items() if kind in kinds]
    if kind == "acceptance":
        names = [n if n != Action.ASSIGN.value else "由登记直接交办" for n in names]
    return names


@dataclass(frozen=True)
class Occasion:
    """A step of the history that calls for a document of ``kind``."""

    kind: str
    step: str  # the step's name, 受理 / 延期 …
    event_id: int
    at: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IssuedRef:
    """What the rules need to know of an issued document."""

    id: int
    kind: str
    number: str
    step_event_id: int | None


class AlreadyIssued(ValidationError):
    """The step's document was issued already: a reissue needs a reason (a reprint does not)."""

    def __init__(self, kind: str, number: str, step: str):
        self.kind, self.number, self.step = kind, number, step
        shown = number or "（无编号）"
        super().__init__(
            f"本次“{step}”的{KINDS[kind].title}已出具（{shown}）。如需重新出具，请说明原因；"
            "只需再打印一份的，请用“打印”重印原件（编号不变）",
            "reason",
        )


def _data(value: Any) -> Mapping[str, Any]:
    return json.loads(value) if isinstance(value, str) else (value or {})


def occasions(case: Mapping[str, Any], events: Iterable[Any]) -> list[Occasion]:
    """Every step of ``events`` (oldest first) calling for a document, in order."""
    visit = case["channel"] in VISITS
    skipped = bool(case.get("skipped_level")) and visit
    out: list[Occasion] = []
    for e in events:
        data = _data(e.data)
        if e.action == Action.REGISTER.value and visit:
            out.append(Occasion("visit-form", "登记来访", e.id, e.at, data))
        for kind in _BY_VALUE.get(e.action, ()):
            if (
                kind == "acceptance"
                and e.action == Action.ASSIGN.value
                and e.state_before != State.REGISTERED.value
            ):
                continue  # accepted earlier: that step called for the 受理告知书
            if kind == "reply" and data.get("result") not in REPLY_DECISIONS:
                continue
            out.append(Occasion(kind, e.action, e.id, e.at, data))
        if skipped and e.action in SKIP_LEVEL_STEPS:
            out.append(Occasion("skip-level", e.action, e.id, e.at, data))
    return out


def plan(
    case: Mapping[str, Any], events: Iterable[Any], issued: Iterable[IssuedRef]
) -> list[tuple[Occasion, IssuedRef | None]]:
    """Each occasion with the document that answered it (None: not issued yet).

    Documents kept from before documents named their step answer the earliest occasions of
    their kind, one each.
    """
    pairs = [(o, None) for o in occasions(case, events)]
    by_step = {(d.kind, d.step_event_id): d for d in issued if d.step_event_id is not None}
    result: list[tuple[Occasion, IssuedRef | None]] = [
        (o, by_step.get((o.kind, o.event_id))) for o, _ in pairs
    ]
    legacy: dict[str, list[IssuedRef]] = {}
    for d in issued:
        if d.step_event_id is None:
            legacy.setdefault(d.kind, []).append(d)
    for i, (o, doc) in enumerate(result):
        if doc is None and legacy.get(o.kind):
            result[i] = (o, legacy[o.kind].pop(0))
    return result


def called_for(
    case: Mapping[str, Any], events: Iterable[Any], issued: Iterable[IssuedRef]
) -> list[Occasion]:
    """Occasions not answered yet: no petitioner notices for an anonymous petition, and no
    notice of the disposition once the case records it as given (``notice_at``: told on
    paper before the desk printed its notices)."""
    told = bool(case.get("notice_at"))
    return [
        o
        for o, doc in plan(case, events, issued)
        if doc is None
        and not (case.get("anonymous") and KINDS[o.kind].to_petitioner)
        and not (told and o.kind in DISPOSITION_NOTICES)
    ]


def choose(
    case: Mapping[str, Any], events: list[Any], issued: list[IssuedRef], kind: str
) -> tuple[Occasion, IssuedRef | None]:
    """The step a new document of ``kind`` answers, and the document already answering it
    (a reissue); a Chinese ``ValidationError`` naming the missing step when none calls for it."""
    if kind not in KINDS:
        raise ValidationError(f"未知的文书种类“{kind}”，可用：{'、'.join(KINDS)}", "kind")
    title = KINDS[kind].title
    if KINDS[kind].to_petitioner and case.get("anonymous"):
        raise ValidationError(f"匿名信访无法书面告知信访人，不能出具{title}", "kind")
    if kind == "visit-form" and case["channel"] not in VISITS:
        raise ValidationError(f"来访登记表只用于来访，本案为{case['channel']}", "kind")
    if kind == "skip-level" and not (case["channel"] in VISITS and case.get("skipped_level")):
        raise ValidationError("越级上访告知单只用于登记为越级的来访", "kind")
    mine = [(o, d) for o, d in plan(case, events, issued) if o.kind == kind]
    if not mine and kind == "reply":
        results = [_data(e.data).get("result") for e in events if e.action == Action.REPLY.value]
        if results and results[-1] not in REPLY_DECISIONS:
            raise ValidationError(
                f"本案以“{results[-1]}”办结，应以{results[-1]}协议书结案，不出具处理意见书", "kind"
            )
    if not mine:
        steps = "”或“".join(calling_steps(kind))
        raise ValidationError(
            f"本案尚未“{steps}”，不能出具{title}（案件当前状态：{case['state']}）", "kind"
        )
    open_ = [(o, d) for o, d in mine if d is None]
    return open_[0] if open_ else mine[-1]
