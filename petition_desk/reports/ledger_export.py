"""The month-end ledger (信访台账) as an .xlsx for the county.

Three sheets: 台账 (one row per case), 统计 and 超期 — the last two straight from
``services.figures``, so they say what the status bar, the 统计 page and the CLI say.

Written with openpyxl's write-only mode so memory stays flat however many cases the period
holds; the file appears only when complete (written beside, then renamed), so a cancelled or
failed export never leaves half a ledger behind.

Speed: the styles are built once (one styled cell per column, reused for every row), the
people of the period are fetched in one pass, and the rows are streamed from one query.

Print: the 台账 sheet prints the columns a county reads on paper (``PRINTED``) on A4
landscape at ≥ 9 pt after fitting to the page width (see ``print_scale``); the long texts and
the personal details follow to the right, outside the print area, in full on screen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.engine import sqlite3
from petition_desk.db.ledger_query import STUB_TEXT, LedgerFilter, where_clause
from petition_desk.domain.deadlines import Limits
from petition_desk.domain.idcard import mask_id
from petition_desk.domain.phones import mask_phone
from petition_desk.errors import Cancelled
from petition_desk.reports.ledger_layout import (
    BODY_PT,
    DATE_COLUMNS,
    HEADERS,
    OVERDUE_HEADERS,
    PRINTED,
    WRAP_COLUMNS,
    Book,
    stats_rows,
)
from petition_desk.services import figures as F
from petition_desk.services.permissions import Permission, require

__all__ = [
    "BODY_PT",
    "DATE_COLUMNS",
    "HEADERS",
    "OVERDUE_HEADERS",
    "PRINTED",
    "WRAP_COLUMNS",
    "export_ledger",
    "period_bounds",
]

CASE_SQL = """
SELECT c.id, c.number, c.received_at, c.channel, c.people_names, c.head_count, c.village,
  c.category, c.purpose, c.summary, c.request, c.disposition, d.name, c.forwarded_to,
  fl.name, c.notice_at,
  CASE WHEN c.accepted_at IS NOT NULL
       THEN date(c.accepted_at, '+' || (:handling + c.extension_days) || ' days')
       ELSE c.next_due END,
  c.closed_at, c.replied_at, c.replied_on_time, c.reply_result, c.followed_up_at,
  c.satisfaction, ol.name, c.state, c.volume_no,
  c.review_requested_at, c.review_result, c.rereview_requested_at, c.rereview_result,
  c.repeat, c.collective, c.skipped_level, c.anonymous, c.urgent, c.law_related,
  c.extension_days, c.next_due, c.next_due_confirmed
FROM cases c
LEFT JOIN departments d ON d.id = c.department_id
LEFT JOIN leaders fl ON fl.id = c.first_leader_id
LEFT JOIN leaders ol ON ol.id = c.owner_leader_id
WHERE c.received_at >= :first AND c.received_at < :end AND ({where})
ORDER BY c.received_at, c.id
"""

PEOPLE_SQL = """
SELECT cp.case_id, p.id_number, p.phone, p.address FROM case_people cp
JOIN people p ON p.id = cp.person_id
WHERE cp.case_id IN (SELECT c.id FROM cases c
                     WHERE c.received_at >= :first AND c.received_at < :end AND ({where}))
ORDER BY cp.case_id, cp.position
"""

FLAGS = ("重复信访", "集体访", "越级", "匿名", "紧急", "涉法涉诉")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    cases: int
    overdue: int
    figures: F.Figures
    #: cells whose text held characters the xlsx format cannot (removed on the way out)
    cells_cleaned: int = 0


def period_bounds(month: str) -> tuple[dt.date, dt.date]:
    """``2026-11`` -> (2026-11-01, 2026-11-30)."""
    return F.month_bounds(month)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _short(text: str | None) -> str:
    """``2026-10-03`` -> ``2026-10-3``: dates inside text cells carry no zero padding."""
    if not text:
        return ""
    d = _day(text)
    return f"{d.year}-{d.month}-{d.day}" if d else text


def _review(requested: str | None, result: str | None) -> str:
    if not requested:
        return ""
    return f"{_short(requested)}申请" + (f"；{result}" if result else "；未出结果")


def _people(conn, params: dict, where: str, unmasked: bool) -> dict[int, tuple[str, str, str]]:
    """case id -> (ID numbers, phones, addresses), one query for the whole period.

    With several people, the ID and phone cells hold one line per person in the case's order,
    an empty line for someone without one: whose number is whose survives the round trip
    through ``import-ledger`` (a cell that skipped the blanks could not be read back).
    """
    ids: dict[int, list[str]] = {}
    phones: dict[int, list[str]] = {}
    addresses: dict[int, list[str]] = {}
    for case_id, id_number, phone, addr in conn.execute(PEOPLE_SQL.format(where=where), params):
        ids.setdefault(case_id, []).append(
            "" if not id_number else id_number if unmasked else mask_id(id_number)
        )
        phones.setdefault(case_id, []).append(
            "" if not phone else phone if unmasked else mask_phone(phone)
        )
        addresses.setdefault(case_id, []).append(addr or "")
    return {k: (_lines(ids[k]), _lines(phones[k]), _addresses(addresses[k])) for k in addresses}


def _addresses(values: list[str]) -> str:
    """The address of a case: one line per person when the people live at different places."""
    return values[0] if len(set(values)) <= 1 else "\n".join(values)


def _lines(values: list[str]) -> str:
    """One line per person; empty when nobody has one."""
    return "\n".join(values) if any(values) else ""


def ledger_rows(
    conn: sqlite3.Connection,
    first: dt.date,
    last: dt.date,
    limits: Limits,
    today: dt.date,
    *,
    unmasked: bool = False,
    ledger_filter: LedgerFilter | None = None,
) -> Iterator[list]:
    """One list of cell values per case received in the period, in ``HEADERS`` order."""
    q = where_clause(
        ledger_filter or LedgerFilter(),
        today,
        limits.days("due_soon_days"),
        limits.days("serious_overdue_days"),
    )
    # The filter's ? parameters become named ones so they can sit beside the period's.
    where, named = q.where, {}
    for i, value in enumerate(q.params):
        where = where.replace("?", f":f{i}", 1)
        named[f"f{i}"] = value
    params = {
        "first": first.isoformat(),
        "end": (last + dt.timedelta(days=1)).isoformat(),
        "handling": limits.days("handling_days"),
        **named,
    }
    people = _people(conn, params, where, unmasked)
    hidden = _hidden(conn, params, where, q.visible)
    today_text = today.isoformat()
    no_people = ("", "", "")
    for n, c in enumerate(conn.execute(CASE_SQL.format(where=where), params), start=1):
        if c[0] in hidden:  # a 保密 case this user may not see: its number and date only
            yield [n, c[1], _day(c[2]), *[STUB_TEXT] * (len(HEADERS) - 3)]
            continue
        ids, phones, address = people.get(c[0], no_people)
        due = c[16]
        if c[19] is not None:
            on_time = "是" if c[19] else "否"
        elif due and due < today_text and c[18] is None:
            on_time = "超期"
        else:
            on_time = ""
        marks = [label for label, flag in zip(FLAGS, c[30:36], strict=True) if flag]
        if c[36]:
            marks.append(f"延期{c[36]}日")
        if c[37] and not c[38]:
            marks.append("期限未确认（该年节假日未录入）")
        yield [
            n,
            c[1],
            _day(c[2]),
            c[3],
            c[4],
            c[5],
            c[6] or "",
            c[7],
            c[8] or "",
            c[9],
            c[11] or F.UNDECIDED,
            c[12] or c[13] or "",
            c[14] or "",
            _day(due),
            _day(c[17] or c[18]),
            on_time,
            c[20] or "",
            _day(c[21]),
            c[22] or "",
            c[24],
            c[25] or "",
            c[23] or "",
            _day(c[15]),
            _review(c[26], c[27]),
            _review(c[28], c[29]),
            address,
            ids,
            phones,
            c[10],
            "、".join(marks),
        ]


def _hidden(conn: sqlite3.Connection, params: dict, where: str, visible: str) -> set[int]:
    """The 保密 cases of the export the user may not see (``services/visibility.py``)."""
    if visible == "1":
        return set()
    sql = (
        "SELECT c.id FROM cases c WHERE c.received_at >= :first AND c.received_at < :end"
        f" AND ({where}) AND c.confidential = 1 AND NOT {visible}"
    )
    return {r[0] for r in conn.execute(sql, params)}


def overdue_rows(conn: sqlite3.Connection, as_of: dt.date, visible: str = "1") -> Iterator[list]:
    """The 超期 sheet: ``figures.overdue_cases``, one row each (stubs for hidden 保密 cases)."""
    for n, o in enumerate(F.overdue_cases(conn, as_of, visible), start=1):
        yield [
            n,
            o.number,
            o.received,
            o.people,
            o.category,
            o.summary,
            o.clock,
            o.due,
            o.days_over,
            o.department,
            o.owner,
            o.state,
        ]


def describe_filter(f: LedgerFilter | None, names: dict[str, str] | None = None) -> str:
    """The ledger filter in words (``形式：来访；仅重复信访``); empty when nothing filters."""
    if f is None:
        return ""
    names = names or {}
    parts = []
    if f.date_from or f.date_to:
        parts.append(f"收到日期：{f.date_from or ''}至{f.date_to or ''}")
    if f.states:
        parts.append("状态：" + "、".join(f.states))
    for label, value in (("形式", f.channel), ("类别", f.category), ("村（社区）", f.village)):
        if value:
            parts.append(f"{label}：{value}")
    if f.department_id is not None:
        parts.append(f"承办单位：{names.get('department', f.department_id)}")
    if f.leader_id is not None:
        parts.append(f"领导：{names.get('leader', f.leader_id)}")
    if f.tier is not None:
        parts.append(f"期限：{f.tier.value}")
    if f.repeat:
        parts.append("仅重复信访")
    if f.collective:
        parts.append("仅集体访")
    if f.search:
        parts.append(f"检索：{f.search}")
    return "；".join(parts)


def period_text(first: dt.date, last: dt.date) -> str:
    """``2026年10月`` for a whole month, else ``2026年10月1日至2026年10月15日``."""
    if (first, last) == F.month_bounds(first):
        return f"{first.year}年{first.month}月"
    return f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日"


def export_ledger(
    conn: sqlite3.Connection,
    out: Path,
    first: dt.date,
    last: dt.date,
    limits: Limits,
    today: dt.date,
    *,
    unmasked: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    ledger_filter: LedgerFilter | None = None,
    preparer: str = "",
    filter_text: str = "",
) -> ExportResult:
    """Write the ledger of cases received from ``first`` to ``last`` (inclusive) to ``out``.

    ``ledger_filter`` narrows the 台账 sheet to what the ledger page shows (the 统计 and 超期
    sheets always cover the whole period / every case, and say so).
    ``progress(done, total)`` may return False to cancel (raises ``Cancelled``).
    """
    out = Path(out)
    total = conn.execute(
        "SELECT count(*) FROM cases WHERE received_at >= ? AND received_at < ?",
        (first.isoformat(), (last + dt.timedelta(days=1)).isoformat()),
    ).fetchone()[0]
    unit = limits.settings.get("unit_name") or ""
    book = Book()
    tmp = out.with_name(f".{out.name}.part")
    try:
        count, overdue, figs = _fill(
            book,
            conn,
            first,
            last,
            limits,
            today,
            unit,
            unmasked,
            progress,
            total,
            ledger_filter,
            preparer,
            filter_text or describe_filter(ledger_filter),
        )
        book.wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        # Finish the streamed sheets so nothing is left open, then throw the partial file away.
        # (the original error is the one that matters, not one from this clean-up)
        with contextlib.suppress(Exception):
            book.wb.save(tmp)
        raise
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(total, total)
    return ExportResult(out, count, overdue, figs, book.cells.changed)


def _fill(
    book: Book,
    conn,
    first,
    last,
    limits,
    today,
    unit,
    unmasked,
    progress,
    total,
    ledger_filter,
    preparer,
    filter_text,
):
    period = period_text(first, last)
    town = unit.removesuffix("人民政府")
    sheet = book.sheet(
        "台账",
        HEADERS,
        f"{town}信访事项登记台账（{period}）",
        filled_by=(unit, preparer, today),
        printed=len(PRINTED),
        note=f"按台账筛选条件导出：{filter_text}" if filter_text else "",
    )
    count = 0
    for values in ledger_rows(
        conn, first, last, limits, today, unmasked=unmasked, ledger_filter=ledger_filter
    ):
        sheet.append(values)
        count += 1
        if progress and count % 500 == 0 and progress(count, total) is False:
            raise Cancelled
    figs = F.compute(conn, first, last, today, limits)
    stats = book.sheet(
        "统计",
        (("项目", 30), ("数值", 12), ("分子", 9), ("分母", 9), ("目标", 9), ("口径", 60)),
        f"{town}信访统计（{period}，截至{today.year}年{today.month}月{today.day}日）",
        filled_by=(unit, preparer, today),
    )
    for row, style in stats_rows(figs):
        stats.append(row, style)
    od = book.sheet(
        "超期",
        OVERDUE_HEADERS,
        f"{town}超期信访事项（截至{today.year}年{today.month}月{today.day}日）",
        filled_by=(unit, preparer, today),
    )
    overdue = 0
    for values in overdue_rows(conn, today, (ledger_filter or LedgerFilter()).visible):
        od.append(values)
        overdue += 1
    return count, overdue, figs


def export_and_record(
    conn: sqlite3.Connection,
    out: Path,
    first: dt.date,
    last: dt.date,
    limits: Limits,
    today: dt.date,
    actor,
    *,
    unmasked: bool = False,
    progress: Callable[[int, int], bool] | None = None,
    ledger_filter: LedgerFilter | None = None,
    filter_text: str = "",
) -> ExportResult:
    """``export_ledger`` and the audit entry saying who exported what (domain.md §10)."""
    require(actor, Permission.EXPORT_UNMASKED if unmasked else Permission.EXPORT)
    from petition_desk.services import audit
    from petition_desk.services.audited_file import unless_recorded
    from petition_desk.services.visibility import visible_sql

    # Hidden 保密 cases are written as stubs (their number and date) for this user.
    seen = dataclasses.replace(ledger_filter or LedgerFilter(), visible=visible_sql(actor))

    result = export_ledger(
        conn,
        out,
        first,
        last,
        limits,
        today,
        unmasked=unmasked,
        progress=progress,
        ledger_filter=seen,
        preparer=getattr(actor, "name", ""),
        filter_text=filter_text or describe_filter(ledger_filter),
    )
    details = {
        "from": first,
        "to": last,
        "cases": result.cases,
        "unmasked": unmasked,
        "file": str(out),
    }
    if ledger_filter is not None:
        details["filter"] = filter_text or describe_filter(ledger_filter)
    with unless_recorded(out):  # no audit entry, no file
        audit.record(conn, actor, "导出台账", details)
    return result
