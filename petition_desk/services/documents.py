"""Issuing written documents: numbered per kind and year, kept byte for byte, reprints logged.

The values a template needs come from the case and the events of its history (the reply text
from the 答复 event, the ground from the 不予受理 event …), so a document always says what was
decided, not what a form happens to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.domain.deadlines import as_date, handling_due
from petition_desk.domain.idcard import mask_id
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.phones import mask_phone
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.reports.letter_pdf import Letter, date_text
from petition_desk.reports.templates import KINDS, fill, get
from petition_desk.services import audit, events
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import case_people, get_case, history
from petition_desk.services.directory import User
from petition_desk.services.numbering import allocate, document_number

#: Which lifecycle step calls for which document.
STEP_DOCUMENTS: dict[str, tuple[str, ...]] = {
    Action.ACCEPT.value: ("acceptance",),
    Action.ASSIGN.value: ("acceptance", "assignment"),
    Action.FORWARD.value: ("forward",),
    Action.REJECT.value: ("rejection",),
    Action.REFUSE_FINAL.value: ("refuse-final",),
    Action.EXTEND.value: ("extension",),
    Action.REPLY.value: ("reply",),
    Action.SUPERVISE.value: ("supervision",),
}


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


def _last(events, action: Action) -> dict[str, Any]:
    for e in reversed(events):
        if e.action == action.value:
            return e.data
    return {}


def template_values(conn: sqlite3.Connection, case_id: int, today: dt.date) -> dict[str, str]:
    """Everything a template may name, for one case (missing values stay empty)."""
    rules = load_limits(conn)
    case = get_case(conn, case_id)
    events = history(conn, case_id)
    people = [p for p in case_people(conn, case_id)]
    dept = ""
    if case["department_id"]:
        dept = conn.execute(
            "SELECT name FROM departments WHERE id = ?", (case["department_id"],)
        ).fetchone()[0]
    extend = _last(events, Action.EXTEND)
    reject = _last(events, Action.REJECT)
    reply = _last(events, Action.REPLY)
    supervise = _last(events, Action.SUPERVISE)
    assign = _last(events, Action.ASSIGN)
    refuse = _last(events, Action.REFUSE_FINAL)
    received = as_date(case["received_at"])
    accepted = as_date(case["accepted_at"])

    def d(day) -> str:
        day = as_date(day)
        return date_text(day) if day else ""

    return {
        "单位名称": rules.settings["unit_name"],
        "编号": case["number"],
        "信访人": "" if case["anonymous"] else "、".join(p["name"] for p in people),
        "收到日期": d(received),
        "信访形式": case["channel"],
        "摘要": case["summary"],
        "诉求": case["request"],
        "事实和理由": case["facts"],
        "受理日期": d(accepted),
        "办理期限": str(rules.days("handling_days")),
        "答复期限日期": d(handling_due(case, rules).day) if accepted else "",
        "承办单位": dept,
        "交办期限": d(assign.get("deadline") or case["assign_due"]),
        "转送机关": case["forwarded_to"] or "",
        "不予受理理由": reject.get("ground") or "",
        "告知去向": reject.get("where_to_go") or "",
        "不再受理依据": refuse.get("basis") or "",
        "延期天数": str(extend.get("days") or ""),
        "延期理由": extend.get("reason") or "",
        "批准领导": extend.get("leader") or "",
        "原期限": d(extend.get("old_due")),
        "新期限": d(extend.get("new_due")),
        "答复结果": reply.get("result") or "",
        "答复意见": reply.get("text") or "",
        "复查期限": str(rules.days("review_request_days")),
        "督办方式": supervise.get("method") or "",
        "督办内容": supervise.get("content") or "",
        "日期": date_text(today),
    }


def compose(
    conn: sqlite3.Connection,
    case_id: int,
    kind: str,
    number: str,
    today: dt.date,
    *,
    unmasked: bool = False,
) -> bytes:
    """Render the PDF of a document; raises ``ValidationError`` when anything is missing."""
    from petition_desk.reports.letter_pdf import render_letter
    from petition_desk.reports.pdf_fonts import font_set
    from petition_desk.reports.visit_form import render_visit_form

    if kind not in KINDS:
        raise ValidationError(f"未知的文书种类“{kind}”，可用：{'、'.join(KINDS)}", "kind")
    case = get_case(conn, case_id)
    if KINDS[kind].to_petitioner and case["anonymous"]:
        raise ValidationError("匿名信访无法书面告知信访人", "kind")
    values = template_values(conn, case_id, today)
    organ = values["单位名称"]
    if not organ:
        raise ValidationError("请先在“设置”中填写单位名称，文书落款需要它", "unit_name")
    values["文号"] = number
    fonts = font_set()
    if kind == "visit-form":
        people = case_people(conn, case_id)
        for p in people:
            if not unmasked:
                p["id_number"] = mask_id(p["id_number"]) if p["id_number"] else ""
                p["phone"] = mask_phone(p["phone"]) if p["phone"] else ""
        return render_visit_form(case, people, values, number, fonts)
    template = get(conn, kind)
    body = fill(template.body, values)
    title = fill(template.title, values)
    return render_letter(
        Letter(title, number, body, organ, today, subject=f"{title} {number} 案件{case['number']}"),
        fonts,
    )


def issue(
    conn: sqlite3.Connection,
    case_id: int,
    kind: str,
    actor: User,
    now: dt.datetime | None = None,
    *,
    unmasked: bool = False,
) -> Document:
    """Number, render and keep a document, and note it in the case history, atomically."""
    from petition_desk.reports.pdf_fonts import font_set

    now = now or dt.datetime.now()
    get_case(conn, case_id)  # an unknown case is refused before a number is taken
    with transaction(conn):
        seq = allocate(conn, f"doc:{kind}", now.year)
        number = document_number(now.year, seq)
        pdf = compose(conn, case_id, kind, number, now.date(), unmasked=unmasked)
        digest = hashlib.sha256(pdf).hexdigest()
        font = font_set().describe()
        stamp = now.isoformat(timespec="seconds")
        doc_id = inserted_id(
            conn.execute(
                "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font, masked,"
                " issued_at, issued_by, issuer) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
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
                ),
            )
        )
        events.record(
            conn,
            case_id,
            now,
            actor,
            Action.ISSUE_DOCUMENT,
            {
                "kind": KINDS[kind].title,
                "number": number,
                "sha256": digest,
                "unmasked": unmasked,
            },
        )
    return Document(doc_id, case_id, kind, number, digest, pdf, font, stamp, actor.name)


def get_document(conn: sqlite3.Connection, doc_id: int) -> Document:
    r = conn.execute(
        "SELECT id, case_id, kind, number, sha256, pdf, font, issued_at, issuer "
        "FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if r is None:
        raise NotFoundError(f"文书 id={doc_id} 不存在")
    return Document(*r)


def documents_of(conn: sqlite3.Connection, case_id: int) -> list[Document]:
    rows = conn.execute("SELECT id FROM documents WHERE case_id = ? ORDER BY id", (case_id,))
    return [get_document(conn, r[0]) for r in rows.fetchall()]


def log_reprint(
    conn: sqlite3.Connection,
    doc_id: int,
    actor: User,
    what: str = "重印",
    now: dt.datetime | None = None,
) -> Document:
    """Record a reprint (or an export) of the kept bytes in the case history and the audit log."""
    now = now or dt.datetime.now()
    doc = get_document(conn, doc_id)
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


def pending(
    conn: sqlite3.Connection, limit: int = 500, today: dt.date | None = None, days: int = 90
) -> list[tuple[int, str, str, str]]:
    """Documents a step called for but that were never issued: (case id, number, kind, since).

    Counted per kind: a second extension needs a second notice, etc. Anonymous petitions get
    no petitioner notices. Only steps of the last ``days`` days are considered: a notice is
    due within 15 days, and older gaps belong to the overdue list, not to today's printing.
    """
    labels = list(STEP_DOCUMENTS)
    since = ((today or dt.date.today()) - dt.timedelta(days=days)).isoformat()
    rows = conn.execute(
        f"SELECT e.case_id, c.number, e.action, e.at, c.anonymous FROM case_events e "
        f"JOIN cases c ON c.id = e.case_id WHERE e.action IN ({','.join('?' * len(labels))}) "
        f"AND e.at >= ? AND c.state NOT IN ('已归档')",
        [*labels, since],
    ).fetchall()
    issued: dict[tuple[int, str], int] = {}
    case_ids = sorted({r[0] for r in rows})
    for start in range(0, len(case_ids), 500):  # documents of these cases only (index on case)
        chunk = case_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for case_id, kind, n in conn.execute(
            f"SELECT case_id, kind, count(*) FROM documents WHERE case_id IN ({marks}) "
            f"GROUP BY case_id, kind",
            chunk,
        ):
            issued[(case_id, kind)] = n
    needed: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for case_id, number, action, at, anonymous in rows:
        for kind in STEP_DOCUMENTS[action]:
            if anonymous and KINDS[kind].to_petitioner:
                continue
            needed.setdefault((case_id, kind), []).append((number, at))
    out = []
    for (case_id, kind), steps in needed.items():
        missing = len(steps) - issued.get((case_id, kind), 0)
        for number, at in sorted(steps, key=lambda s: s[1])[: max(missing, 0)]:
            out.append((case_id, number, kind, at))
    out.sort(key=lambda r: r[3])
    return out[:limit]
