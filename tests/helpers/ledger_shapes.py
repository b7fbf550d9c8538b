"""Test ledgers in the shapes township desks keep them, each with the accounts it must give.

A ``SheetShape`` describes one sheet (title and 填报单位 rows, a one- or two-row header with a
merged group cell, starting in any column, the header pasted again mid-sheet, a 合计 row whose
count may be wrong, a 主要诉求-only content column, rows good and bad); ``build`` writes the
workbook with openpyxl and returns, per sheet, how many rows must be read, imported, rejected
and skipped. The hypothesis test draws shapes from this grammar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from petition_desk.domain.idcard import check_digit

NAMES = ("张建国", "王芳", "李秀英", "赵四", "钱五", "孙六", "周七", "吴八", "郑九", "冯十")
VILLAGES = ("东坑村", "西岭村", "南塘村", "北岗村", "上湾村")
STATES = ("", "办理中", "已答复", "调解结案", "已交办农业农村办", "已转送县住建局", "已办结")
#: Row kinds: good ones import, bad ones are rejected with a reason.
GOOD = ("good", "unknown_category", "no_category")
BAD = ("bad_date", "bad_phone", "numeric_id", "no_name")


def person_id(n: int) -> str:
    first17 = f"360781198{n % 10}0{1 + n % 9}1{n % 10}{(n * 7) % 1000:03d}"
    return first17 + check_digit(first17)


@dataclass
class SheetShape:
    name: str = "台账"
    title: bool = False  # a title row above the header (merged across)
    unit_row: bool = False  # a 填报单位 row above the header
    two_row_header: bool = False  # 信访人信息 over 姓名 / 身份证号码 / 联系电话
    offset: int = 0  # empty columns before the header
    content: str = "摘要"  # 摘要 (+ 诉求), 主要诉求 (only) or 反映问题 (only)
    category_header: str = "问题类别"
    rows: list[str] = field(default_factory=list)  # row kinds, in order
    repeat_at: list[int] = field(default_factory=list)  # header pasted again before these rows
    title_again: bool = False  # a month's title line above each pasted header
    blank_at: list[int] = field(default_factory=list)  # a blank row before these rows
    total: str = ""  # "" none, "right" or "wrong" count in a 合计 row at the end
    serial_only: int = 0  # rows holding nothing but their 序号 at the end
    signature: bool = False  # a 填报人/审核人 line at the very end


@dataclass
class Expected:
    read: int = 0
    good: int = 0
    rejected: int = 0
    skipped: int = 0
    total_mismatch: bool = False


def _headers(shape: SheetShape) -> tuple[list[object], list[object] | None]:
    content = ["反映事项摘要", "诉求"] if shape.content == "摘要" else [shape.content]
    rest = ["住址", "形式", shape.category_header, *content, "办理情况"]
    if not shape.two_row_header:
        return ["序号", "来访日期", "信访人", "身份证号码", "联系电话", *rest], None
    top = ["序号", "来访日期", "信访人信息", None, None, *rest]
    sub = [None, None, "姓名", "身份证号码", "联系电话", *[None] * len(rest)]
    return top, sub


def _row(shape: SheetShape, kind: str, n: int) -> list[object]:
    day = f"2025-{1 + n % 12}-{1 + n % 27}"
    name = NAMES[n % len(NAMES)]
    category = {"unknown_category": "环境卫生", "no_category": None}.get(kind, "民政")
    text = f"反映{VILLAGES[n % 5]}道路损坏，雨天无法通行。要求尽快修复并说明资金来源" + "。" * (
        n % 2
    )
    content = [f"道路损坏{n}", "尽快修复"] if shape.content == "摘要" else [text]
    row: list[object] = [
        n,
        "2025-2-30" if kind == "bad_date" else day,
        None if kind == "no_name" else name,
        360781198001011000 if kind == "numeric_id" else person_id(n),
        "12345" if kind == "bad_phone" else f"1380000{n:04d}",
        f"青石镇{VILLAGES[n % 5]}",
        "来访",
        category,
        *content,
        STATES[n % len(STATES)],
    ]
    return row


def _header(ws, shape: SheetShape, top: list[object], sub: list[object] | None) -> None:
    """Write the header; a two-row one gets its group cell and merged-down columns."""
    pad = [None] * shape.offset
    ws.append([*pad, *top])
    if sub is None:
        return
    first = ws.max_row
    ws.append([*pad, *sub])
    c0 = shape.offset + 1
    ws.merge_cells(start_row=first, start_column=c0 + 2, end_row=first, end_column=c0 + 4)
    for c in [0, 1, *range(5, len(top))]:
        col = get_column_letter(c0 + c)
        ws.merge_cells(f"{col}{first}:{col}{first + 1}")


def build(path: Path, shapes: list[SheetShape]) -> dict[str, Expected]:
    """Write the workbook and return what each sheet must account for."""
    wb = Workbook()
    wb.remove(wb.active)
    expected: dict[str, Expected] = {}
    serial = 0
    for shape in shapes:
        ws = wb.create_sheet(shape.name)
        exp = expected[shape.name] = Expected()
        pad = [None] * shape.offset
        top, sub = _headers(shape)
        width = len(top)
        if shape.title:
            ws.append([*pad, "青石镇2025年信访工作台账"])
            ws.merge_cells(
                start_row=ws.max_row,
                start_column=shape.offset + 1,
                end_row=ws.max_row,
                end_column=shape.offset + width,
            )
        if shape.unit_row:
            ws.append(
                [*pad, "填报单位：青石镇群工办", None, None, None, "填报日期：2025年12月31日"]
            )

        _header(ws, shape, top, sub)
        counted = 0
        for i, kind in enumerate(shape.rows):
            if i in shape.blank_at:
                ws.append([])
            if i in shape.repeat_at:
                if shape.title_again:
                    ws.append([*pad, f"2025年{i}月信访登记台账"])
                    exp.read += 1
                    exp.skipped += 1
                _header(ws, shape, top, sub)
                exp.read += 2 if sub else 1
                exp.skipped += 2 if sub else 1
            serial += 1
            ws.append([*pad, *_row(shape, kind, serial)])
            exp.read += 1
            counted += 1
            if kind in GOOD:
                exp.good += 1
            else:
                exp.rejected += 1
        for k in range(shape.serial_only):
            ws.append([*pad, len(shape.rows) + k + 1])
            exp.read += 1
            exp.skipped += 1
        if shape.total:
            stated = counted + (3 if shape.total == "wrong" else 0)
            ws.append([*pad, "合计", None, f"共{stated}件"])
            exp.read += 1
            exp.skipped += 1
            exp.total_mismatch = shape.total == "wrong"
        if shape.signature:
            ws.append([*pad, "填报人：李四", None, None, "审核人：王五"])
            exp.read += 1
            exp.skipped += 1
    wb.save(path)
    return expected
