"""Issuing written documents: the right notice after the right step, an official number,
kept byte for byte, reprints logged.

The values a template needs come from the case and the event of the step the document
answers (the reply's facts found and basis from the 答复 event, the ground from the 不予受理
event, the days of *this* 延期 …), so a document says what was decided, not what a form
happens to show. Which kind is allowed when is decided in ``document_rules``; numbers in
``doc_numbers``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits, as_date, due_fields, handling_due
from petition_desk.domain.idcard import mask_id
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.phones import mask_phone
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.reports import wording
from petition_desk.reports.templates import KINDS, fill, get
from petition_desk.services import audit, doc_numbers, document_rules, events, visibility
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import case_people, get_case, history
from petition_desk.services.directory import User
from petition_desk.services.document_rules import AlreadyIssued, IssuedRef, Occasion
from petition_desk.services.permissions import Permission, require

__all__ = ["AlreadyIssued", "CalledFor", "Document", "documents_called_for", "draft", "issue"]


@dataclass(frozen=True)
class Document:
    id: int
    case_id: int | None
    kind: str
    number: str
    sha256: str
    pdf: bytes
    font: str
    issued_at: str
    issuer: str


@dataclass(frozen=True)
class CalledFor:
    """A document the case's history calls for and that was not issued yet."""

    kind: str
    title: str
    step: str  # the step that calls for it: 受理 / 延期 …
    event_id: int
    at: str  # when that step was taken


def _issued(conn: sqlite3.Connection, case_id: int) -> list[IssuedRef]:
    rows = conn.execute(
        "SELECT id, kind, number, step_event_id FROM documents WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [IssuedRef(*r) for r in rows]


def documents_called_for(conn: sqlite3.Connection, case_id: int) -> list[CalledFor]:
    """The documents the history calls for now and not yet issued, with the step calling for
    each, oldest step first (what the case dialog offers after a step)."""
    case = get_case(conn, case_id)
    return [
        CalledFor(o.kind, KINDS[o.kind].title, o.step, o.event_id, o.at)
        for o in document_rules.called_for(case, history(conn, case_id), _issued(conn, case_id))
    ]


def allowed_kinds(conn: sqlite3.Connection, case_id: int) -> list[str]:
    """Kinds that may be issued for the case now (first issues and reissues), in KINDS order."""
    case = get_case(conn, case_id)
    found = {o.kind for o in document_rules.occasions(case, history(conn, case_id))}
    anonymous = bool(case.get("anonymous"))
    return [k for k in KINDS if k in found and not (anonymous and KINDS[k].to_petitioner)]


def reissue_of(conn: sqlite3.Connection, case_id: int, kind: str) -> str | None:
    """The number (``""`` for a form) of the document already answering the step a new
    ``kind`` would answer, or None for a first issue; refuses a kind not called for."""
    case = get_case(conn, case_id)
    _occ, previous = document_rules.choose(
        case, history(conn, case_id), _issued(conn, case_id), kind
    )
    return None if previous is None else previous.number


def _last(evts, action: Action) -> dict[str, Any]:
    for e in reversed(evts):
        if e.action == action.value:
            return e.data
    return {}


def _addresses(limits: Limits) -> dict[str, str]:
    out = {}
    for line in limits.settings.get("organ_addresses") or []:
        name, sep, address = str(line).replace(":", "：").partition("：")
        if sep and name.strip() and address.strip():
            out[name.strip()] = address.strip()
    return out


def template_values(
    conn: sqlite3.Connection,
    case_id: int,
    today: dt.date,
    occasion: Occasion | None = None,
    *,
    limits: Limits | None = None,
    case: dict[str, Any] | None = None,
    evts: list | None = None,
) -> dict[str, str]:
    """Everything a template may name, for one case (missing values stay empty).

    The step ``occasion`` answers supplies its own data (this 延期, this 答复); other steps'
    values come from their latest event.
    """
    rules = limits or load_limits(conn)
    case = case or get_case(conn, case_id)
    evts = evts if evts is not None else history(conn, case_id)
    names = [p["name"] for p in case_people(conn, case_id)] if not case["anonymous"] else []
    dept = ""
    if case["department_id"]:
        row = conn.execute(
            "SELECT name FROM departments WHERE id = ?", (case["department_id"],)
        ).fetchone()
        dept = row[0] if row else ""

    def of(action: Action) -> dict[str, Any]:
        if occasion is not None and occasion.step == action.value:
            return dict(occasion.data)
        return _last(evts, action)

    extend, reject, reply = of(Action.EXTEND), of(Action.REJECT), of(Action.REPLY)
    supervise, assign, refuse = of(Action.SUPERVISE), of(Action.ASSIGN), of(Action.REFUSE_FINAL)
    forward = of(Action.FORWARD)
    received = as_date(case["received_at"])
    accepted = as_date(case["accepted_at"])
    settings = rules.settings

    def d(day) -> str:
        day = as_date(day)
        return wording.date_text(day) if day else ""

    who = "、".join(names)
    handling = ""
    if occasion is not None and occasion.kind == "skip-level":
        told = reject.get("where_to_go") if occasion.step == Action.REJECT.value else ""
        handling = wording.clause(told or forward.get("organ") or "")
    return {
        "单位名称": settings["unit_name"],
        "编号": case["number"],
        "信访人": who,
        "收到日期": d(received),
        "来源": wording.source(case["channel"], received) if received else "",
        "事项来源": wording.source(case["channel"], received, who or "匿名信访人")
        if received
        else "",
        "信访形式": case["channel"],
        "摘要": wording.matter(case["summary"]),
        "诉求": wording.clause(case["request"]),
        "事实和理由": case["facts"] or "",
        "受理日期": d(accepted),
        "办理期限": str(rules.days("handling_days")),
        "答复期限日期": d(handling_due(case, rules).day) if accepted else "",
        "承办单位": dept,
        "交办期限": d(assign.get("deadline") or case["assign_due"]),
        "转送机关": wording.clause(case["forwarded_to"] or forward.get("organ")),
        "不予受理理由": wording.GROUNDS.get(reject.get("ground") or "", ""),
        "告知去向": wording.clause(reject.get("where_to_go")),
        "不再受理依据": wording.clause(refuse.get("basis")),
        "延期天数": str(extend.get("days") or ""),
        "延期理由": wording.clause(extend.get("reason")),
        "批准领导": extend.get("leader") or "",
        "原期限": d(extend.get("old_due")),
        "新期限": d(extend.get("new_due")),
        "查明事实": reply.get("facts_found") or "",
        "法律政策依据": reply.get("basis") or "",
        "处理理由": reply.get("reasoning") or "",
        "处理决定": wording.DECISIONS.get(reply.get("result") or "", ""),
        "答复结果": reply.get("result") or "",
        "答复意见": reply.get("text") or "",
        "复查期限": str(rules.days("review_request_days")),
        "复查机关": str(settings.get("review_organ") or "").strip(),
        "复查机关地址": str(settings.get("review_organ_address") or "").strip(),
        "受理机关": handling,
        "受理机关地址": _addresses(rules).get(handling, ""),
        "督办方式": supervise.get("method") or "",
        "督办内容": supervise.get("content") or "",
        "日期": wording.date_text(today),
    }


def _settings_hint(kind: str, values: dict[str, str]) -> None:
    """Parts that come from 设置 get a message saying where to fill them in."""
    if not values["单位名称"]:
        raise ValidationError("请先在“设置”中填写单位名称，文书落款需要它", "unit_name")
    if kind == "reply" and not (values["复查机关"] and values["复查机关地址"]):
        raise ValidationError(
            "请先在“设置”中填写复查机关名称和地址，处理意见书须告知信访人向谁请求复查",
            "review_organ",
        )
    if kind == "skip-level" and values["受理机关"] and not values["受理机关地址"]:
        raise ValidationError(
            f"请先在“设置”的“有关机关地址”中填写“{values['受理机关']}：地址”，"
            "越级上访告知单须告知信访人到何处反映",
            "organ_addresses",
        )


def compose(
    conn: sqlite3.Connection,
    case_id: int,
    kind: str,
    number: str,
    today: dt.date,
    *,
    unmasked: bool = False,
    occasion: Occasion | None = None,
    limits: Limits | None = None,
    case: dict[str, Any] | None = None,
    evts: list | None = None,
) -> bytes:
    """Render the PDF of a document; raises ``ValidationError`` when anything is missing."""
    from petition_desk.reports.letter_pdf import Letter, render_letter
    from petition_desk.reports.pdf_fonts import font_set
    from petition_desk.reports.visit_form import render_visit_form

    if kind not in KINDS:
        raise ValidationError(f"未知的文书种类“{kind}”，可用：{'、'.join(KINDS)}", "kind")
    case = case or get_case(conn, case_id)
    if KINDS[kind].to_petitioner and case["anonymous"]:
        raise ValidationError("匿名信访无法书面告知信访人", "kind")
    values = template_values(conn, case_id, today, occasion, limits=limits, case=case, evts=evts)
    _settings_hint(kind, values)
    values["文号"] = number
    fonts = font_set()
    if kind == "visit-form":
        people = case_people(conn, case_id)
        for p in people:
            if not unmasked:
                p["id_number"] = mask_id(p["id_number"]) if p["id_number"] else ""
                p["phone"] = mask_phone(p["phone"]) if p["phone"] else ""
        return render_visit_form(case, people, values, fonts)
    template = get(conn, kind)
    body = fill(template.body, values)
    title = fill(template.title, values, paragraphs=False)
    return render_letter(
        Letter(
            title,
            number,
            body,
            values["单位名称"],
            today,
            subject=f"{title} {number} 案件{case['number']}",
        ),
        fonts,
    )


def draft(
    conn: sqlite3.Connection,
    case_id: int,
    kind: str,
    today: dt.date,
    *,
    unmasked: bool = False,
) -> bytes:
    """The document as it would be issued now, with the number left blank (no number taken);
    refused like ``issue`` when the history does not call for it or a part is empty."""
    case = get_case(conn, case_id)
    evts = history(conn, case_id)
    occasion, _previous = document_rules.choose(case, evts, _issued(conn, case_id), kind)
    limits = load_limits(conn)
    number = doc_numbers.preview_number(limits.settings, kind, today.year)
    return compose(
        conn,
        case_id,
        kind,
        number,
        today,
        unmasked=unmasked,
        occasion=occasion,
        limits=limits,
        case=case,
        evts=evts,
    )


def issue(
    conn: sqlite3.Connection,
    case_id: int,
    kind: str,
    actor: User,
    now: dt.datetime | None = None,
    *,
    unmasked: bool = False,
    reason: str = "",
    destination: str = "",
) -> Document:
    """Number, render and keep a document, and note it in the case history and the audit log
    (with ``destination``, the file it was also written to), atomically.

    Refused (Chinese ``ValidationError``) when no step of the history calls for ``kind`` or a
    required part is empty; ``AlreadyIssued`` when the step's document was issued already and
    no ``reason`` for issuing it again is given. The petitioner's notice of the disposition
    sets ``cases.notice_at`` (the 15-day clock stops, 及时受理率 counts it) in the same
    transaction.
    """
    require(actor, Permission.ISSUE_DOCUMENTS)
    require(actor, Permission.VIEW_UNMASKED if unmasked else Permission.ISSUE_DOCUMENTS)
    from petition_desk.reports.pdf_fonts import font_set

    now = now or dt.datetime.now()
    case = get_case(conn, case_id)  # an unknown case is refused before a number is taken
    visibility.require_visible(conn, actor, case_id)  # nor a 保密 case this user may not see
    evts = history(conn, case_id)
    occasion, previous = document_rules.choose(case, evts, _issued(conn, case_id), kind)
    reason = reason.strip()
    if previous is not None and not reason:
        raise AlreadyIssued(kind, previous.number, occasion.step)
    limits = load_limits(conn)
    with transaction(conn):
        seq, number, official = doc_numbers.take(conn, limits.settings, kind, now.year)
        pdf = compose(
            conn,
            case_id,
            kind,
            number,
            now.date(),
            unmasked=unmasked,
            occasion=occasion,
            limits=limits,
            case=case,
            evts=evts,
        )
        digest = hashlib.sha256(pdf).hexdigest()
        font = font_set().describe()
        stamp = now.isoformat(timespec="seconds")
        try:
            doc_id = inserted_id(
                conn.execute(
                    "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font,"
                    " masked, issued_at, issued_by, issuer, official, step_event_id, reissue_reason)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        case_id,
                        kind,
                        now.year,
                        seq,
                        number,
                        digest,
                        pdf,
                        font,
                        int(not unmasked),
                        stamp,
                        actor.id,
                        actor.name,
                        int(official),
                        occasion.event_id,
                        reason if previous is not None else "",
                    ),
                )
            )
        except sqlite3.IntegrityError:
            raise ValidationError(
                f"文号“{number}”已被使用过，文号不能重复；请在“设置”中检查{KINDS[kind].title}"
                "的文号前缀",
                "prefix",
            ) from None
        data: dict[str, Any] = {
            "kind": KINDS[kind].title,
            "number": number,
            "step": occasion.step,
            "sha256": digest,
            "unmasked": unmasked,
        }
        if previous is not None:
            data.update(reissue_of=previous.number or "（无编号）", reason=reason)
        events.record(conn, case_id, now, actor, Action.ISSUE_DOCUMENT, data)
        details: dict[str, Any] = {"number": number, "kind": kind, "unmasked": unmasked}
        if destination:
            details["file"] = destination
        audit.record(conn, actor, "出具文书", details, now)
        if kind in document_rules.DISPOSITION_NOTICES and not case.get("notice_at"):
            given = {**case, "notice_at": now.date().isoformat()}
            fields = {"notice_at": given["notice_at"], **due_fields(given, limits)}
            sets = ", ".join(f"{k} = ?" for k in fields)
            conn.execute(f"UPDATE cases SET {sets} WHERE id = ?", (*fields.values(), case_id))
    return Document(doc_id, case_id, kind, number, digest, pdf, font, stamp, actor.name)


def get_document(conn: sqlite3.Connection, doc_id: int) -> Document:
    """One kept document by id."""
    r = conn.execute(
        "SELECT id, case_id, kind, number, sha256, pdf, font, issued_at, issuer "
        "FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if r is None:
        raise NotFoundError(f"文书 id={doc_id} 不存在")
    return Document(*r)


def log_view(conn: sqlite3.Connection, doc_id: int, actor: User) -> Document:
    """A kept document, its viewing noted in the audit log (who looked at what)."""
    doc = get_document(conn, doc_id)
    if doc.case_id is not None:  # a case's document: not of a 保密 case this user may not see
        visibility.require_visible(conn, actor, doc.case_id)
    audit.record(conn, actor, "查看文书", {"number": doc.number, "kind": doc.kind})
    return doc


def documents_of(conn: sqlite3.Connection, case_id: int) -> list[Document]:
    """A case's kept documents, oldest first."""
    rows = conn.execute("SELECT id FROM documents WHERE case_id = ? ORDER BY id", (case_id,))
    return [get_document(conn, r[0]) for r in rows.fetchall()]


def log_reprint(
    conn: sqlite3.Connection,
    doc_id: int,
    actor: User,
    what: str = "重印",
    now: dt.datetime | None = None,
) -> Document:
    """Record a reprint (or an export) of the kept bytes in the case history and the audit log.

    A reprint is the same document: same number, same bytes."""
    require(actor, Permission.ISSUE_DOCUMENTS)
    now = now or dt.datetime.now()
    doc = get_document(conn, doc_id)
    if doc.case_id is not None:  # a case's document: not of a 保密 case this user may not see
        visibility.require_visible(conn, actor, doc.case_id)
    if hashlib.sha256(doc.pdf).hexdigest() != doc.sha256:
        raise ValidationError(f"文书 {doc.number} 的存档内容与其校验值不符，已停止打印", "pdf")
    with transaction(conn):
        conn.execute(
            "INSERT INTO document_prints(document_id, at, actor, what) VALUES (?,?,?,?)",
            (doc_id, now.isoformat(timespec="seconds"), actor.name, what),
        )
        if doc.case_id is not None:
            events.record(
                conn,
                doc.case_id,
                now,
                actor,
                Action.REPRINT_DOCUMENT,
                {"kind": KINDS[doc.kind].title, "number": doc.number, "what": what},
            )
        audit.record(conn, actor, f"文书{what}", {"number": doc.number, "kind": doc.kind}, now)
    return doc


class _Ev:
    """An event row as the rules read it (bulk loading for ``pending``)."""

    __slots__ = ("action", "at", "data", "id", "state_before")

    def __init__(self, id_, at, action, state_before, data):
        self.id, self.at, self.action, self.state_before, self.data = (
            id_,
            at,
            action,
            state_before,
            data,
        )


def pending(
    conn: sqlite3.Connection, today: dt.date | None = None, days: int = 90
) -> list[tuple[int, str, str, str]]:
    """Notices a step called for but that were never issued: (case id, number, kind, since).

    The same rules as ``documents_called_for``, read in bulk. Only steps of the last ``days``
    days are considered: a notice is due within 15 days, and older gaps belong to the overdue
    list, not to today's printing. Forms (来访登记表) are printed at the desk, not here.
    """
    from petition_desk.domain.lifecycle import STEP_DOCUMENTS

    actions = sorted({a.value for a in STEP_DOCUMENTS})
    since = ((today or dt.date.today()) - dt.timedelta(days=days)).isoformat()
    # The actions are written as literals (names from the code, never typed by a user): the
    # partial index case_events_notices is used only for a query naming the same literals.
    literals = ", ".join(f"'{a}'" for a in actions if "'" not in a)
    rows = conn.execute(
        f"SELECT e.case_id, e.id, e.at, e.action, e.state_before, e.data FROM case_events e "
        f"WHERE e.action IN ({literals}) AND e.at >= ? ORDER BY e.id",
        [since],
    ).fetchall()
    by_case: dict[int, list[_Ev]] = {}
    for case_id, *rest in rows:
        by_case.setdefault(case_id, []).append(_Ev(*rest))
    ids = sorted(by_case)
    cases: dict[int, dict[str, Any]] = {}
    issued: dict[int, list[IssuedRef]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT id, number, channel, skipped_level, anonymous, state, notice_at FROM cases "
            f"WHERE id IN ({marks}) AND state != '已归档'",
            chunk,
        ):
            cases[r[0]] = {
                "number": r[1],
                "channel": r[2],
                "skipped_level": r[3],
                "anonymous": r[4],
                "state": r[5],
                "notice_at": r[6],
            }
        for r in conn.execute(
            f"SELECT case_id, id, kind, number, step_event_id FROM documents "
            f"WHERE case_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            issued.setdefault(r[0], []).append(IssuedRef(*r[1:]))
    out = []
    for case_id, case in cases.items():
        for o in document_rules.called_for(case, by_case[case_id], issued.get(case_id, [])):
            if KINDS[o.kind].numbered:
                out.append((case_id, case["number"], o.kind, o.at))
    out.sort(key=lambda r: r[3])
    return out  # all of them: a hidden limit once said 500 where 941 were waiting
