"""Moving in: importing a ledger the desk already kept in Excel.

Columns are found by their Chinese headers (with the synonyms people use), the header row even
below a title row or merged cells. Blank, subtotal and repeated-header rows are skipped. Every
row is checked like a registration; rejected rows are reported with their reason and never
imported half-right. The import itself is one transaction: all rows or none.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.vocab import Channel
from petition_desk.errors import Cancelled, DeskError, ValidationError
from petition_desk.reports.dates import parse_when
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import User
from petition_desk.services.events import apply_step
from petition_desk.services.registration import CaseInput, PersonInput, register_case, validate

#: field -> header texts that mean it (compared without blanks and brackets)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "信访编号", "案件编号", "登记编号", "序号编号"),
    "received_at": (
        "登记日期",
        "来访日期",
        "来信日期",
        "收到日期",
        "信访日期",
        "日期",
        "登记时间",
        "来访时间",
        "时间",
    ),
    "channel": ("形式", "信访形式", "来源", "信访方式", "方式", "渠道"),
    "name": ("信访人", "姓名", "来访人", "来信人", "反映人", "信访人姓名", "当事人"),
    "head_count": ("人数", "来访人数", "信访人数"),
    "id_number": ("身份证号", "身份证", "身份证号码", "公民身份号码", "证件号码"),
    "phone": ("联系电话", "电话", "手机", "联系方式", "手机号码"),
    "address": (
        "住址",
        "地址",
        "住址/村",
        "家庭住址",
        "住址村",
        "所在村",
        "村",
        "村社区",
        "村（社区）",
    ),
    "category": ("问题类别", "类别", "问题类型", "分类", "问题分类"),
    "summary": (
        "反映事项摘要",
        "摘要",
        "反映问题",
        "主要问题",
        "反映事项",
        "内容摘要",
        "反映内容",
        "事由",
    ),
    "request": ("诉求", "主要诉求", "请求", "信访诉求"),
    "facts": ("事实和理由", "事实理由", "详细情况", "基本情况"),
    "state": ("状态", "办理状态", "办理情况", "是否办结"),
    "closed_at": ("办结日期", "办结时间", "结案日期"),
}
FIELD_LABELS = {
    "number": "原编号",
    "received_at": "登记日期",
    "channel": "形式",
    "name": "信访人",
    "head_count": "人数",
    "id_number": "身份证号",
    "phone": "联系电话",
    "address": "住址/村",
    "category": "问题类别",
    "summary": "摘要",
    "request": "诉求",
    "facts": "事实和理由",
    "state": "状态",
    "closed_at": "办结日期",
}
REQUIRED = ("received_at", "name", "summary")
CHANNEL_WORDS = (
    (("上级交办", "交办"), Channel.ASSIGNED_FROM_ABOVE),
    (("上级转送", "转送", "转办"), Channel.FORWARDED_FROM_ABOVE),
    (("领导接访", "领导接待"), Channel.LEADER_RECEPTION),
    (("来访", "走访", "上访", "接访"), Channel.VISIT),
    (("来信", "信件", "书信"), Channel.LETTER),
    (("来电", "电话"), Channel.PHONE),
    (("网上", "网络", "邮件", "电子邮件", "信箱", "12345"), Channel.ONLINE),
    (("传真",), Channel.FAX),
)
_SKIP_WORDS = ("合计", "小计", "总计", "共计")
_HEADER_SCAN = 15


def _key(text: object) -> str:
    return re.sub(r"[\s()（）:：*＊]", "", str(text or ""))


_LOOKUP = {_key(s): f for f, words in SYNONYMS.items() for s in words}


@dataclass
class Sheet:
    """The cells of the first worksheet, with the header row and the column mapping."""

    rows: list[list[object]]
    header_row: int  # 0-based index into rows
    headers: list[str]
    mapping: dict[str, int]  # field -> column index


@dataclass
class Rejected:
    row: int  # the spreadsheet's row number (1-based)
    reason: str
    values: list[object]


@dataclass
class ImportReport:
    source: Path
    mapping: dict[str, str]  # field -> header text
    imported: list[tuple[int, str]] = field(default_factory=list)  # (row, new case number)
    would_import: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    rejects_file: Path | None = None


def read_sheet(path: Path, mapping: dict[str, str] | None = None) -> Sheet:
    """Load the first sheet and find the header row and the columns.

    ``mapping`` (field -> header text) overrides what was recognised, as the wizard does.
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DeskError(f"无法读取“{path.name}”：{exc}（请确认是 .xlsx 文件）") from exc
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    best, best_hits = -1, 0
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        hits = len({_LOOKUP[_key(v)] for v in row if _key(v) in _LOOKUP})
        if hits > best_hits:
            best, best_hits = i, hits
    if best < 0 or best_hits < 2:
        raise DeskError("在前 15 行中找不到表头（如“信访人”“登记日期”“摘要”），请检查文件")
    headers = [str(v).strip() if v is not None else "" for v in rows[best]]
    found: dict[str, int] = {}
    for col, text in enumerate(headers):
        f = _LOOKUP.get(_key(text))
        if f and f not in found:
            found[f] = col
    for f, text in (mapping or {}).items():
        if not text:
            found.pop(f, None)
        elif text in headers:
            found[f] = headers.index(text)
        else:
            raise DeskError(f"表头中没有“{text}”这一列")
    missing = [FIELD_LABELS[f] for f in REQUIRED if f not in found]
    if missing:
        raise DeskError(f"缺少必需的列：{'、'.join(missing)}，请在导入向导中指定对应的列")
    return Sheet(rows, best, headers, found)


def _channel(text: object) -> Channel | None:
    t = str(text or "").strip()
    if not t:
        return None
    for words, channel in CHANNEL_WORDS:
        if any(w in t for w in words):
            return channel
    return None


def _id_text(value: object) -> str:
    """ID numbers kept as numbers by a spreadsheet have lost digits: refuse, never guess."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            f"身份证号“{value}”被表格存成了数字，后几位可能已丢失，请在原表中"
            f"把该列设为文本后重新录入",
            "id_number",
        )
    return str(value).strip()


def _is_skipped(row: list[object], headers: list[str]) -> str:
    texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if not texts:
        return "空行"
    if any(any(w in t for w in _SKIP_WORDS) for t in texts[:3]):
        return "合计行"
    if sum(1 for t in texts if t in headers) >= max(2, len(texts) // 2):
        return "重复的表头行"
    return ""


def _case_from_row(
    sheet: Sheet, row: list[object], categories: list[str], now: dt.datetime
) -> tuple[CaseInput, dict, list[str]]:
    """Build the registration input of one row; raise ``ValidationError`` for a bad row."""

    def cell(f: str) -> object:
        col = sheet.mapping.get(f)
        return row[col] if col is not None and col < len(row) else None

    def text(f: str) -> str:
        v = cell(f)
        return "" if v is None else str(v).strip()

    warnings: list[str] = []
    received = parse_when(cell("received_at"))
    channel = _channel(cell("channel"))
    if channel is None:
        if text("channel"):
            raise ValidationError(f"信访形式“{text('channel')}”无法识别", "channel")
        channel = Channel.VISIT
        warnings.append("未填信访形式，按“来访”导入")
    category = text("category")
    if category not in categories:
        if category:
            warnings.append(f"问题类别“{category}”不在类别表中，按“其他”导入")
        category = "其他" if "其他" in categories else categories[-1]
    try:
        head = int(float(text("head_count") or 1))
    except ValueError:
        raise ValidationError(f"人数“{text('head_count')}”不是数字", "head_count") from None
    names = [n for n in re.split(r"[、，,；;\s]+", text("name")) if n]
    id_number = _id_text(cell("id_number"))
    people = [
        PersonInput(
            name=n,
            address=text("address"),
            id_number=id_number if i == 0 else "",
            phone=text("phone") if i == 0 else "",
        )
        for i, n in enumerate(names)
    ]
    summary = text("summary")
    case = CaseInput(
        channel=channel,
        received_at=received,
        category=category,
        summary=summary,
        request=text("request") or summary,
        facts=text("facts"),
        people=people,
        head_count=max(head, len(people)),
        collective=head >= 5 and len(people) > 1,
    )
    validate(case, now, categories)
    closed = None
    state_text = text("state")
    if cell("closed_at") not in (None, ""):
        closed = parse_when(cell("closed_at"))
    elif "办结" in state_text and "未" not in state_text:
        closed = received
    extra = {"original_number": text("number"), "original_state": state_text, "closed_at": closed}
    return case, extra, warnings


def import_ledger(
    conn: sqlite3.Connection,
    path: Path,
    actor: User,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportReport:
    """Check (``dry_run``) or import every data row of ``path``; see the module docstring."""
    path = Path(path)
    now = now or dt.datetime.now()
    sheet = read_sheet(path, mapping)
    rules = load_limits(conn)
    categories = list(rules.settings["categories"])
    report = ImportReport(path, {f: sheet.headers[c] for f, c in sheet.mapping.items()})
    good: list[tuple[int, CaseInput, dict]] = []
    data_rows = sheet.rows[sheet.header_row + 1 :]
    for offset, row in enumerate(data_rows):
        number = sheet.header_row + 2 + offset
        why = _is_skipped(row, sheet.headers)
        if why:
            report.skipped.append((number, why))
            continue
        try:
            case, extra, warnings = _case_from_row(sheet, row, categories, now)
        except ValidationError as exc:
            report.rejected.append(Rejected(number, str(exc), row))
            continue
        report.warnings.extend((number, w) for w in warnings)
        good.append((number, case, extra))
    report.would_import = len(good)
    if dry_run:
        return report
    with transaction(conn):
        for i, (number, case, extra) in enumerate(good):
            case_id, new_number = register_case(conn, case, actor, now)
            _record_import(conn, case_id, path, number, extra, actor, now, rules)
            report.imported.append((number, new_number))
            if progress and i % 50 == 0 and progress(i, len(good)) is False:
                raise Cancelled
    if report.rejected:
        report.rejects_file = write_rejects(report, sheet)
    return report


def _record_import(conn, case_id, path, row_number, extra, actor, now, rules) -> None:
    """The import event: where the case came from, and closing it if the old ledger did."""
    from petition_desk.services.cases import get_case

    data = {
        "source": path.name,
        "row": row_number,
        "original_number": extra["original_number"],
        "original_state": extra["original_state"],
    }
    case = get_case(conn, case_id)
    closed = extra["closed_at"]
    params = {"note": json.dumps(data, ensure_ascii=False)}
    if closed is not None:
        at = max(closed, dt.datetime.fromisoformat(case["received_at"]))
        apply_step(
            conn, case, Action.IMPORT_CLOSED, params, min(at, now), actor, rules, recorded_at=now
        )
    else:
        apply_step(conn, case, Action.IMPORT, params, now, actor, rules)


def write_rejects(report: ImportReport, sheet: Sheet) -> Path:
    """The rejected rows with their reasons, beside the source file."""
    from openpyxl import Workbook

    out = report.source.with_name(f"{report.source.stem}-未导入.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = "未导入"
    ws.append(["原表行号", "原因", *sheet.headers])
    for r in report.rejected:
        ws.append([r.row, r.reason, *[_cell_text(v) for v in r.values]])
    wb.save(out)
    return out


def _cell_text(value: object) -> object:
    # Keep numbers that were wrongly numeric visible as they were, as text.
    if isinstance(value, float) and value > 1e11:
        return f"{value:.15g}"
    return value
