"""Reading every sheet of an old ledger and sorting its rows: header, title, total, data.

Each sheet's first header is found wherever it is (``ledger_headers``); every non-blank row
below it is then either skipped with a reason — the header pasted again (which may re-map the
columns), a title or 填报单位 line, a 合计/小计 line, a row with nothing but its 序号 — or handed
on as a data row. The ledger's own totals are compared with what was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from petition_desk.errors import DeskError
from petition_desk.reports.ledger_headers import (
    Header,
    apply_overrides,
    extra_words,
    first_header,
    header_at,
    missing_required,
)
from petition_desk.reports.xlsx_guard import check_xlsx

_TOTAL_WORDS = ("合计", "小计", "总计", "共计")
_TITLE = re.compile(r"台账|登记表|登记簿|汇总|统计表|信访|\d{1,2}\s*月|\d{4}\s*年")
_SIGNATURE = re.compile(
    r"^(填报单位|填报人|填表人|填表|制表|审核|负责人|单位（盖章）|单位\(盖章\))"
)
_COUNT = re.compile(r"(\d+)\s*(件|批|起|宗|条)")
_OVERALL = re.compile(r"共\s*(\d+)")
#: Fields whose cells make a row a petition; a row with none of them holds nothing to import.
CONTENT_FIELDS = (
    "received_at",
    "name",
    "id_number",
    "phone",
    "summary",
    "content",
    "request",
    "facts",
    "category",
)
MASKED_ID = re.compile(r"^\d{6}\*{4,}\d{3,4}[\dXx]?$")
MASKED_PHONE = re.compile(r"^\d{3}\*{3,}\d{4}$")


@dataclass
class SheetLayout:
    """One worksheet: its cells, its first header, and whether it is read by default."""

    name: str
    rows: list[list[object]]
    header: Header | None
    note: str = ""  # why it is not read by default
    default: bool = True

    @property
    def headers(self) -> list[str]:
        return list(self.header.texts) if self.header else []


@dataclass
class RowKind:
    """One non-blank row below the header: ``skip`` with a reason, or data under ``header``."""

    index: int  # 0-based
    header: Header
    skip: str = ""
    total_warning: str = ""


@dataclass
class Workbook:
    path: Path
    sheets: list[SheetLayout] = field(default_factory=list)

    def sheet(self, name: str) -> SheetLayout:
        for s in self.sheets:
            if s.name == name:
                return s
        names = "、".join(f"“{s.name}”" for s in self.sheets)
        raise DeskError(f"工作簿中没有名为“{name}”的工作表（有：{names}）")


def read_workbook(path: Path, overrides: dict[str, str] | None = None) -> Workbook:
    """Every sheet of ``path`` with its first header; a file that is no workbook is refused.

    ``overrides`` (field -> header text) are the clerk's own column names: they count as
    header words, so a header recognised only with them is still found.
    """
    from openpyxl import load_workbook

    path = Path(path)
    check_xlsx(path)  # a decompression bomb is refused before openpyxl unpacks it
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DeskError(f"无法读取“{path.name}”：{exc}（请确认是 .xlsx 文件）") from exc
    book = Workbook(path)
    try:
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            header = first_header(rows, extra_words(overrides))
            layout = SheetLayout(ws.title, rows, header)
            if header is None:
                layout.default, layout.note = False, "没有找到表头"
            elif header.overdue_list:
                layout.default, layout.note = False, "超期清单（其中案件已在台账表中）"
            elif missing_required(header.mapping):
                layout.note = "缺少必需的列：" + "、".join(missing_required(header.mapping))
            book.sheets.append(layout)
    finally:
        wb.close()
    if not any(s.header for s in book.sheets):
        raise DeskError(
            f"“{path.name}”的各工作表中都找不到表头（如“信访人”“登记日期”“摘要”），请检查文件"
        )
    return book


def _filled(row: list[object]) -> list[str]:
    return [str(v).strip() for v in row if v is not None and str(v).strip()]


def _total_count(row: list[object]) -> int | None:
    texts = _filled(row)
    for t in texts:
        m = _COUNT.search(t) or _OVERALL.search(t)
        if m:
            return int(m.group(1))
    numbers = [v for v in row if isinstance(v, int) and not isinstance(v, bool)]
    return numbers[0] if len(numbers) == 1 else None


def _is_total(texts: list[str]) -> bool:
    return any(any(w in t for w in _TOTAL_WORDS) for t in texts[:3]) or bool(
        texts and re.match(r"^共\s*\d+\s*件", texts[0])
    )


def _is_date(row: list[object]) -> bool:
    """A lone cell that is a real date (a row holding only its date is data, not a title)."""
    import datetime as dt

    return any(isinstance(v, dt.date) for v in row)


def _cell(row: list[object], header: Header, f: str) -> object:
    col = header.mapping.get(f)
    return row[col] if col is not None and col < len(row) else None


def classify(layout: SheetLayout, overrides: dict[str, str] | None = None) -> Iterator[RowKind]:
    """Every non-blank row below the sheet's first header, sorted (blank rows are not read)."""
    assert layout.header is not None
    header = apply_overrides(layout.header, overrides or {})
    extra = extra_words(overrides)
    i = header.row + header.height
    rows = layout.rows
    counted = since_subtotal = 0
    while i < len(rows):
        row = rows[i]
        texts = _filled(row)
        if not texts:
            i += 1
            continue
        again = header_at(rows, i, extra)
        if again is not None:
            changed = again.texts != header.texts
            if changed:
                header = apply_overrides(again, overrides or {})
            why = "重复的表头行" + ("（此后按此行重新对应各列）" if changed else "")
            yield RowKind(i, header, why)
            if again.height == 2:
                yield RowKind(i + 1, header, "重复的表头行（第二行）")
            i += again.height
            continue
        if _is_total(texts):
            kind = RowKind(i, header, "合计行")
            stated = _total_count(row)
            is_sub = any("小计" in t for t in texts[:3])
            seen = since_subtotal if is_sub else counted
            if stated is not None and stated != seen:
                scope = "上次小计以来" if is_sub else "本表"
                kind.total_warning = (
                    f"原表第 {i + 1} 行“{'，'.join(texts[:3])}”记为 {stated} 件，"
                    f"{scope}实际读到 {seen} 件，两者不符，请核对原表"
                )
            since_subtotal = 0
            yield kind
        elif _SIGNATURE.match(texts[0]):
            yield RowKind(i, header, "填报单位、填报人等落款行")
        elif len(texts) == 1 and _TITLE.search(texts[0]) and not _is_date(row):
            yield RowKind(i, header, "标题行")
        elif not any(_cell(row, header, f) not in (None, "") for f in CONTENT_FIELDS):
            yield RowKind(i, header, "没有登记内容（只有序号等）")
        else:
            counted += 1
            since_subtotal += 1
            yield RowKind(i, header)
        i += 1


def nonblank_rows(layout: SheetLayout) -> list[int]:
    """0-based indexes of the non-blank rows below the first header (counted independently)."""
    assert layout.header is not None
    start = layout.header.row + layout.header.height
    return [i for i in range(start, len(layout.rows)) if _filled(layout.rows[i])]


def masked_share(layout: SheetLayout, overrides: dict[str, str] | None = None) -> tuple[int, int]:
    """(masked, filled) identity or phone cells of the sheet's data rows."""
    masked = filled = 0
    for kind in classify(layout, overrides):
        if kind.skip:
            continue
        row = layout.rows[kind.index]
        for f, pattern in (("id_number", MASKED_ID), ("phone", MASKED_PHONE)):
            for line in str(_cell(row, kind.header, f) or "").split("\n"):
                if line.strip():
                    filled += 1
                    masked += bool(pattern.match(line.strip()))
    return masked, filled
