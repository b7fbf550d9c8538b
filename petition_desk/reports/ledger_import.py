"""Moving in: importing a ledger the desk already kept in Excel, without losing a row.

Every sheet with a header is read (one sheet per month is common); the clerk may leave sheets
out. Every non-blank row below a sheet's first header is accounted for exactly once — imported,
rejected with a reason, or skipped with a reason — and the numbers must add up
(``读取 N 行 = 导入 a + 拒绝 b + 跳过 c``, per sheet and in total): the importer refuses to
commit a run whose numbers do not. A masked export (IDs like 110105********002X) is refused
as a whole: importing it would lose every ID.

The real run is one transaction, all rows or none. Committing in batches would free the write
lock sooner, but a failed later batch could not be undone: cases and their history can never
be deleted (the database refuses it), so half an import would stay. Instead everything slow —
reading the workbook, checking every row, planning every state — happens before the
transaction; inside it only the inserts run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import Cancelled, DeskError, ValidationError
from petition_desk.reports.excel_cells import CellCleaner
from petition_desk.reports.ledger_headers import (
    FIELD_LABELS,
    REQUIRED,
    apply_overrides,
    missing_required,
)
from petition_desk.reports.ledger_rows import RowCase, case_from_row
from petition_desk.reports.ledger_sheets import (
    SheetLayout,
    Workbook,
    classify,
    masked_share,
    nonblank_rows,
    read_workbook,
)
from petition_desk.reports.xlsx_safe import guard_sheet
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import get_case
from petition_desk.services.directory import User, list_departments
from petition_desk.services.events import apply_step
from petition_desk.services.permissions import Permission, require
from petition_desk.services.registration import (
    check_on_file,
    register_case,
    same_case_key,
    twin_on_file,
)

__all__ = ["FIELD_LABELS", "REQUIRED", "ImportReport", "SheetReport", "import_ledger"]


class AccountsMismatch(DeskError):
    """The rows read do not add up to those imported, rejected and skipped: a bug, never saved."""


@dataclass
class Rejected:
    sheet: str
    row: int  # the spreadsheet's row number (1-based)
    reason: str
    values: list[object]


@dataclass
class SheetReport:
    """What one sheet holds and what became of each of its rows."""

    name: str
    selected: bool
    note: str = ""
    header_row: int | None = None  # 1-based
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # field -> header text
    read: int = 0
    rows: list[int] = field(default_factory=list)  # every row accounted for (1-based)
    expected_rows: list[int] = field(default_factory=list)  # the non-blank rows (1-based)
    good: int = 0
    imported: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def adds_up(self, *, committed: bool) -> bool:
        """N = a + b + c, and each of the N non-blank rows accounted for exactly once."""
        taken = self.imported if committed else self.good
        return (
            self.read == taken + len(self.rejected) + len(self.skipped)
            and sorted(self.rows) == self.expected_rows
        )

    def identity(self, *, committed: bool) -> str:
        verb = "导入" if committed else "可导入"
        taken = self.imported if committed else self.good
        return (
            f"读取 {self.read} 行 = {verb} {taken} + 拒绝 {len(self.rejected)} "
            f"+ 跳过 {len(self.skipped)}"
        )


@dataclass
class ImportReport:
    source: Path
    sheets: list[SheetReport] = field(default_factory=list)
    imported: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row, number)
    committed: bool = False
    rejects_file: Path | None = None

    @property
    def read_sheets(self) -> list[SheetReport]:
        return [s for s in self.sheets if s.selected]

    @property
    def mapping(self) -> dict[str, str]:
        """The columns of the first sheet read (the wizard shows and edits these)."""
        return self.read_sheets[0].mapping if self.read_sheets else {}

    @property
    def would_import(self) -> int:
        return sum(s.good for s in self.read_sheets)

    @property
    def read(self) -> int:
        return sum(s.read for s in self.read_sheets)

    @property
    def rejected(self) -> list[Rejected]:
        return [r for s in self.read_sheets for r in s.rejected]

    @property
    def skipped(self) -> list[tuple[int, str]]:
        return [x for s in self.read_sheets for x in s.skipped]

    @property
    def warnings(self) -> list[tuple[int, str]]:
        return [x for s in self.read_sheets for x in s.warnings]

    def identity(self) -> str:
        """The total: ``读取 N 行 = 导入 a + 拒绝 b + 跳过 c``."""
        taken = len(self.imported) if self.committed else self.would_import
        verb = "导入" if self.committed else "可导入"
        return (
            f"读取 {self.read} 行 = {verb} {taken} + 拒绝 {len(self.rejected)} "
            f"+ 跳过 {len(self.skipped)}"
        )

    def check(self) -> None:
        """Raise ``AccountsMismatch`` unless every sheet and the total add up."""
        for s in self.read_sheets:
            if not s.adds_up(committed=self.committed):
                raise AccountsMismatch(
                    f"导入核对不符（工作表“{s.name}”：{s.identity(committed=self.committed)}，"
                    f"逐行记账 {len(s.rows)} 行）：本次导入已撤销，数据库未改动。"
                    f"这是程序错误，请把原表交给技术人员"
                )
        taken = len(self.imported) if self.committed else self.would_import
        if self.read != taken + len(self.rejected) + len(self.skipped):
            raise AccountsMismatch(
                f"导入核对不符（合计：{self.identity()}）：本次导入已撤销，数据库未改动。"
                f"这是程序错误，请把原表交给技术人员"
            )


def survey(path: Path) -> Workbook:
    """The sheets of ``path`` and the header found on each (the wizard's first look)."""
    return read_workbook(Path(path))


def _choose(book: Workbook, sheets: list[str] | None) -> set[str]:
    if not sheets:
        return {s.name for s in book.sheets if s.default}
    for name in sheets:
        if book.sheet(name).header is None:
            raise DeskError(f"工作表“{name}”中找不到表头，不能导入")
    return set(sheets)


def _refuse_masked(book: Workbook, chosen: set[str], overrides: dict[str, str]) -> None:
    masked = filled = 0
    for s in book.sheets:
        if s.name in chosen:
            m, f = masked_share(s, overrides)
            masked, filled = masked + m, filled + f
    if masked and masked * 2 >= filled:
        raise DeskError(
            f"“{book.path.name}”是打码导出的台账（{masked} 个身份证号或电话已被星号隐去，"
            f"如“110105********002X”），导入会丢失这些号码，因此整份拒绝导入。"
            f"请在原系统中用“不打码”方式重新导出后再导入"
        )


#: Why a row is the same case as another (``registration.same_case_key``).
_SAME = "收到时间、方式、信访人及身份证号和全部内容都相同"


def _check_sheet(
    layout: SheetLayout,
    overrides,
    categories,
    departments,
    limits,
    now,
    conn: sqlite3.Connection,
    seen: dict[tuple, tuple[str, int]],
    viewer: User,
) -> tuple[SheetReport, list[tuple[int, RowCase]]]:
    """Account for every row of one sheet. ``seen`` (shared by the sheets of one run): the
    rows taken so far by ``registration.same_case_key`` (time, channel, petitioners with ID
    numbers, every text), so a row repeated within the file is skipped as a repeat of the
    first, as a row already in the desk (one ``viewer`` can see) is."""
    assert layout.header is not None
    header = apply_overrides(layout.header, overrides)
    report = SheetReport(
        layout.name,
        True,
        layout.note,
        header.row + 1,
        list(header.texts),
        {f: header.texts[c] for f, c in header.mapping.items()},
    )
    missing = missing_required(header.mapping)
    if missing:
        raise DeskError(
            f"工作表“{layout.name}”缺少必需的列：{'、'.join(missing)}，请在导入向导中指定对应的列"
            f"（命令行用 --map），或用 --sheet 不选这张表"
        )
    good: list[tuple[int, RowCase]] = []
    report.expected_rows = [i + 1 for i in nonblank_rows(layout)]
    report.read = len(report.expected_rows)
    for kind in classify(layout, overrides):
        number = kind.index + 1
        report.rows.append(number)
        if kind.total_warning:
            report.warnings.append((number, kind.total_warning))
        if kind.skip:
            report.skipped.append((number, kind.skip))
            continue
        row = layout.rows[kind.index]
        try:
            rc = case_from_row(row, kind.header, categories, departments, limits, now)
            # a known ID number with other details is never overwritten (nor guessed)
            people = check_on_file(conn, rc.case, now, categories, unlisted_category=True)
        except ValidationError as exc:
            report.rejected.append(Rejected(layout.name, number, str(exc), row))
            continue
        key = same_case_key(rc.case, people)
        twin = twin_on_file(conn, key, viewer)
        if twin is not None:
            report.skipped.append((number, f"已在台账中（案件 {twin}：{_SAME}），不重复导入"))
            continue
        if key in seen:
            first_sheet, first_row = seen[key]
            where = (
                f"第 {first_row} 行"
                if first_sheet == layout.name
                else f"工作表“{first_sheet}”第 {first_row} 行"
            )
            report.skipped.append((number, f"与{where}重复（{_SAME}），只导入一次"))
            continue
        seen[key] = (layout.name, number)
        report.warnings.extend((number, w) for w in rc.warnings)
        good.append((number, rc))
    report.good = len(good)
    return report, good


def import_ledger(
    conn: sqlite3.Connection,
    path: Path,
    actor: User,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    sheets: list[str] | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportReport:
    """Check (``dry_run``) or import every sheet chosen (default: each sheet with a header).

    ``mapping`` (field -> header text) overrides what was recognised on every sheet holding that
    header. Raises ``DeskError`` for a file that cannot be imported as a whole.
    """
    require(actor, Permission.IMPORT)
    path = Path(path)
    now = now or dt.datetime.now()
    overrides = dict(mapping or {})
    book = read_workbook(path, overrides)
    for text in overrides.values():
        if text and not any(text in s.headers for s in book.sheets):
            raise DeskError(f"表头中没有“{text}”这一列")
    chosen = _choose(book, sheets)
    _refuse_masked(book, chosen, overrides)
    limits = load_limits(conn)
    categories = list(limits.settings["categories"])
    departments = {name: i for i, name in list_departments(conn)}
    report = ImportReport(path)
    good: list[tuple[str, int, RowCase]] = []
    seen: dict[tuple, tuple[str, int]] = {}
    for n, layout in enumerate(book.sheets):
        if progress and progress(n, len(book.sheets)) is False:
            raise Cancelled
        if layout.name not in chosen:
            report.sheets.append(SheetReport(layout.name, False, layout.note or "未选择"))
            continue
        sheet, rows = _check_sheet(
            layout, overrides, categories, departments, limits, now, conn, seen, actor
        )
        report.sheets.append(sheet)
        good.extend((layout.name, n, rc) for n, rc in rows)
    report.check()
    if dry_run:
        if progress:
            progress(len(book.sheets), len(book.sheets))
        return report
    with transaction(conn):
        before = _case_count(conn)
        for i, (sheet_name, number, rc) in enumerate(good):
            case_number = _import_row(conn, rc, path, sheet_name, number, actor, now, limits)
            report.imported.append((sheet_name, number, case_number))
            if progress and i % 50 == 0 and progress(i, len(good)) is False:
                raise Cancelled
        report.committed = True
        for s in report.read_sheets:
            s.imported = sum(1 for name, _, _ in report.imported if name == s.name)
        try:
            # Inside the transaction: a mismatch rolls everything back.
            report.check()
            written = _case_count(conn) - before
            if written != len(report.imported):
                raise AccountsMismatch(
                    f"导入核对不符：报告导入 {len(report.imported)} 件，数据库实际新增 {written} 件。"
                    f"本次导入已撤销，数据库未改动。这是程序错误，请把原表交给技术人员"
                )
        except AccountsMismatch:
            report.committed = False
            raise
    if progress:
        progress(len(good), len(good))
    if report.rejected:
        report.rejects_file = write_rejects(report)
    return report


def _case_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])


def _import_row(conn, rc: RowCase, path: Path, sheet: str, number: int, actor, now, limits) -> str:
    """Register one case, record where it came from, and take it to its state."""
    case_id, case_number = register_case(conn, rc.case, actor, now, unlisted_category=True)
    note = {
        "source": path.name,
        "sheet": sheet,
        "row": number,
        "original_number": rc.original_number,
        "original_state": rc.original_state,
    }
    if rc.original_volume:
        note["original_volume"] = rc.original_volume
    params = {"note": json.dumps(note, ensure_ascii=False)}
    plan = rc.plan
    case = get_case(conn, case_id)
    if plan.import_closed_at is not None:
        at = plan.import_closed_at
        apply_step(conn, case, Action.IMPORT_CLOSED, params, at, actor, limits, recorded_at=now)
    else:
        apply_step(conn, case, Action.IMPORT, params, now, actor, limits)
    for action, step_params, at in plan.steps:
        case = get_case(conn, case_id)
        apply_step(conn, case, action, step_params, at, actor, limits, recorded_at=now)
    return case_number


def write_rejects(report: ImportReport) -> Path:
    """The accounts, the rejected rows with their reasons and the skipped rows, beside the source.

    Written beside and renamed when complete, so a failure never leaves half a file.
    """
    from openpyxl import Workbook as XlsxBook

    out = report.source.with_name(f"{report.source.stem}-未导入.xlsx")
    wb = XlsxBook()
    ws = wb.active
    ws.title = "核对"
    ws.append(["工作表", "核对"])
    for s in report.sheets:
        ws.append([s.name, s.identity(committed=report.committed) if s.selected else s.note])
    ws.append(["合计", report.identity()])
    rejected = wb.create_sheet("未导入")
    cells = CellCleaner()  # an old ledger's cells may hold what xlsx cannot: never fail on them
    for s in report.read_sheets:
        if not s.rejected:
            continue
        rejected.append(cells.row(["工作表", "原表行号", "原因", *s.headers]))
        for r in s.rejected:
            values = [r.sheet, r.row, r.reason, *[_cell_text(v) for v in r.values]]
            rejected.append(cells.row(values))
    skipped = wb.create_sheet("跳过")
    skipped.append(["工作表", "原表行号", "原因"])
    for s in report.read_sheets:
        for n, why in s.skipped:
            skipped.append(cells.row([s.name, n, why]))
    tmp = out.with_name(f".{out.name}.part")
    for sheet_ws in wb.worksheets:
        guard_sheet(sheet_ws)  # formula injection: typed text stays text
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _cell_text(value: object) -> object:
    # Keep numbers that were wrongly numeric visible as they were, as text.
    if isinstance(value, float) and value > 1e11:
        return f"{value:.15g}"
    return value
