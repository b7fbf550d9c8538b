"""The sheets of the ledger export: columns, print design, styles built once, fast rows.

Print design of the 台账 sheet (A4 landscape, fitted to the page width): only the first
``len(PRINTED)`` columns are in the print area; their widths are chosen so that the fitted
scale keeps the 10 pt body text at 9 pt or more on paper (``print_scale``). The long texts
(诉求, 住址, 备注) and the personal details follow, on screen, in full.
"""

from __future__ import annotations

from collections.abc import Iterator

from petition_desk.reports.excel_cells import CELL_MAX, CellCleaner
from petition_desk.reports.xlsx_safe import DANGEROUS, is_dangerous
from petition_desk.services.figures import (
    BREAKDOWNS,
    BY_KEY,
    COUNT_KEYS,
    RATE_KEYS,
    Figures,
    Period,
)

BODY_PT = 10
SIDE_MARGIN_IN = 0.3
A4_LANDSCAPE_WIDTH_IN = 297 / 25.4

#: (header, width in Excel character units). The first ``len(PRINTED)`` are printed.
PRINTED: tuple[tuple[str, float], ...] = (
    ("序号", 4),
    ("编号", 9),
    ("登记日期", 9),
    ("形式", 5.5),
    ("信访人", 8),
    ("人数", 3.5),
    ("村（社区）", 7.5),
    ("问题类别", 8),
    ("信访目的", 4.5),
    ("事项摘要", 20),
    ("处理方式", 5.5),
    ("承办单位", 8),
    ("接访领导", 5.5),
    ("办结期限", 9),
    ("办结日期", 9),
    ("按期", 4),
    ("答复结果", 5.5),
    ("回访日期", 9),
    ("满意度", 5.5),
    ("状态", 5.5),
    ("卷号", 6),
)
SCREEN_ONLY: tuple[tuple[str, float], ...] = (
    ("包案领导", 8),
    ("告知日期", 10),
    ("复查（申请；结果）", 16),
    ("复核（申请；结果）", 16),
    ("住址", 20),
    ("身份证号", 21),
    ("联系电话", 14),
    ("诉求", 40),
    ("备注", 24),
)
HEADERS = PRINTED + SCREEN_ONLY
OVERDUE_HEADERS: tuple[tuple[str, float], ...] = (
    ("序号", 4),
    ("编号", 9),
    ("登记日期", 9),
    ("信访人", 9),
    ("问题类别", 9),
    ("事项摘要", 26),
    ("期限类型", 9),
    ("期限", 9),
    ("超期天数", 5.5),
    ("承办单位", 10),
    ("包案领导", 7),
    ("状态", 6),
)
DATE_COLUMNS = {"登记日期", "办结期限", "办结日期", "回访日期", "告知日期", "期限"}
NUMBER_COLUMNS = {"序号", "人数", "超期天数"}
WRAP_COLUMNS = {h for h, _ in HEADERS + OVERDUE_HEADERS} - DATE_COLUMNS - NUMBER_COLUMNS
#: Dates print without zero padding (2026-10-3), as the county's paper forms write them.
DATE_FORMAT = "yyyy-m-d"


def print_scale(widths: list[float], margin_in: float = SIDE_MARGIN_IN) -> int:
    """The percentage Excel fits ``widths`` to A4 landscape with (whole percent, ≤ 100).

    A column of width w is 7·w + 5 pixels at 96 dpi with the workbook's default font
    (Calibri 11, 7-pixel digits), which is how Excel sizes columns.
    """
    pixels = sum(7 * w + 5 for w in widths)
    available = (A4_LANDSCAPE_WIDTH_IN - 2 * margin_in) * 96
    return min(100, int(100 * available / pixels))


def _fixed_style_cell_class():
    from openpyxl.cell.cell import Cell

    class FixedStyleCell(Cell):
        """A cell whose style id is looked up once, not once per value written.

        openpyxl looks the style up in the workbook's style table (hashing it) for every cell
        it writes; the ledger reuses one cell per column, so the lookup is done once.
        """

        __slots__ = ("_sid",)

        def fix_style(self) -> None:
            self._sid = Cell.style_id.fget(self)

        @property
        def style_id(self) -> int:
            return self._sid

        @property
        def has_style(self) -> bool:
            return True

    return FixedStyleCell


def _fixed_style_cell(ws, value=None):
    """A ``FixedStyleCell`` (its class is made on first use: openpyxl is imported lazily)."""
    global _FIXED
    if _FIXED is None:
        _FIXED = _fixed_style_cell_class()
    return _FIXED(ws, value=value)


_FIXED = None


class Book:
    """A write-only workbook with the few styles the ledger uses, each built once."""

    def __init__(self) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        self.wb = Workbook(write_only=True)
        # Every text value passes through it: the xlsx format cannot hold some characters.
        self.cells = CellCleaner()
        thin = Side(style="thin", color="999999")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        body = Font(name="宋体", size=BODY_PT)
        top_wrap = Alignment(vertical="top", wrap_text=True)
        styles = [
            NamedStyle(
                "ledger_header",
                font=Font(bold=True, name="宋体", size=BODY_PT),
                fill=PatternFill("solid", fgColor="DDEBF7"),
                border=border,
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            ),
            NamedStyle(
                "ledger_title",
                font=Font(bold=True, name="宋体", size=16),
                alignment=Alignment(horizontal="centerContinuous", vertical="center"),
            ),
            NamedStyle("ledger_line", font=Font(name="宋体", size=BODY_PT + 1)),
            NamedStyle(
                "ledger_body", font=body, border=border, alignment=Alignment(vertical="top")
            ),
            NamedStyle("ledger_wrap", font=body, border=border, alignment=top_wrap),
            NamedStyle(
                "ledger_date",
                font=body,
                border=border,
                alignment=Alignment(vertical="top"),
                number_format=DATE_FORMAT,
            ),
            NamedStyle("ledger_percent", font=body, border=border, number_format="0.0%"),
            NamedStyle(
                "ledger_below",
                font=Font(name="宋体", size=BODY_PT, color="C62828", bold=True),
                border=border,
                number_format="0.0%",
            ),
            NamedStyle(
                "ledger_section", font=Font(name="宋体", size=BODY_PT, bold=True), border=border
            ),
        ]
        for style in styles:
            self.wb.add_named_style(style)

    def sheet(self, title, headers, page_title, *, filled_by, printed=None, note=""):
        return Sheet(self.wb, title, headers, page_title, filled_by, printed, note, self.cells)


class Sheet:
    """One streamed sheet: a title row, the 填报 line, the header row, then the rows."""

    def __init__(self, wb, title, headers, page_title, filled_by, printed, note, cleaner) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws = wb.create_sheet(title)
        self._templates: list = []
        self._clean = cleaner
        self._cells: list = []
        self._raw = False
        ws._values_to_row = self._row_cells  # rows go straight to the writer (see _row_cells)
        n = len(headers)
        printed = printed or n
        last_printed = get_column_letter(printed)
        for i, (_name, width) in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header_row = 4 if note else 3
        ws.freeze_panes = f"C{header_row + 1}"
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n)}{header_row}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.print_area = f"A1:{last_printed}1048576"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
        ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
        ws.page_margins.header, ws.page_margins.footer = 0.2, 0.3
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9

        def styled(value, style, quoted=False):
            cell = _fixed_style_cell(ws, value=value)
            cell.style = style
            # Formula injection: risky text is a string cell with Excel's quote prefix.
            cell.quotePrefix = quoted or is_dangerous(value)
            if is_dangerous(value):
                cell.data_type = "s"
            cell.fix_style()
            return cell

        # Title across the printed columns (write-only sheets cannot merge: centre across).
        self._append_cells(
            [styled(page_title, "ledger_title")]
            + [styled(None, "ledger_title") for _ in range(printed - 1)]
        )
        unit, preparer, day = filled_by
        line = (
            f"填报单位：{unit}　　　　制表人：{preparer}　　　　审核人：　　　　　　"
            f"填报日期：{day.year}年{day.month}月{day.day}日"
        )
        self._append_cells([styled(line, "ledger_line")])
        if note:
            self._append_cells([styled(note, "ledger_line")])
        self._append_cells([styled(name, "ledger_header") for name, _ in headers])
        # One styled cell per column, reused row after row: the styles are built once and no
        # cell object is created per value (openpyxl's own loop reuses one plain cell likewise).
        names = [name for name, _ in headers]
        self._templates = [
            styled(
                None,
                "ledger_date"
                if h in DATE_COLUMNS
                else "ledger_wrap"
                if h in WRAP_COLUMNS
                else "ledger_body",
            )
            for h in names
        ]
        for col, cell in enumerate(self._templates, 1):
            cell.column = col
        self._cells = self._templates
        self._override_cells: dict[tuple[int, str], object] = {}
        self._quoted_cells: dict[int, object] = {}
        self._styled = styled

    def _row_cells(self, values, row_idx: int) -> Iterator:
        """Replaces the write-only sheet's own cell loop (same contract: yield the cells of
        row ``row_idx``). Each column's styled cell already knows its column."""
        if self._raw:  # title and header rows: ready-made cells
            for col, cell in enumerate(values, 1):
                cell.row, cell.column = row_idx, col
                yield cell
            return
        clean = self._clean
        for value, cell in zip(values, self._cells, strict=False):
            if value is None:
                continue
            kind = value.__class__
            if kind is str:
                if value.startswith(DANGEROUS):
                    # Excel's quote prefix as well (see reports/xlsx_safe.py).
                    cell = self._quoted(cell)
                # Printable text no longer than a cell holds has nothing to clean (every
                # character the cleaner removes is unprintable): the regex runs only on the
                # rest (line breaks, control characters, overlong text).
                if not (value.isprintable() and len(value) <= CELL_MAX):
                    value = clean(value)
                # Set as text directly: openpyxl's setter would check the string again (the
                # cleaner is stricter) and would turn "=…" into a formula and "#N/A" into an
                # error; a ledger's text is always text.
                cell._value = value
                cell.data_type = "s"
            elif kind is int:  # row numbers, head counts, volume numbers (bool is not int)
                cell._value = value
                cell.data_type = "n"
            else:
                cell.value = value  # dates and the rest: openpyxl works out the type
            cell.row = row_idx
            yield cell

    def _quoted(self, cell):
        """``cell``'s twin with Excel's quote prefix, made once per column and style."""
        quoted = self._quoted_cells.get(id(cell))
        if quoted is None:
            quoted = self._styled(None, cell.style, quoted=True)
            quoted.column = cell.column
            self._quoted_cells[id(cell)] = quoted
        return quoted

    def _append_cells(self, cells: list) -> None:
        self._raw = True
        try:
            self.ws.append(cells)
        finally:
            self._raw = False

    def append(self, values: list, overrides: dict[int, str] | None = None) -> None:
        """Append one row; ``overrides`` maps a 0-based column to a named style."""
        if not overrides:
            self.ws.append(values)
            return
        cells = list(self._templates)
        for i, style in overrides.items():
            if (i, style) not in self._override_cells:
                cell = self._styled(None, style)
                cell.column = i + 1
                self._override_cells[(i, style)] = cell
            cells[i] = self._override_cells[(i, style)]
        self._cells = cells
        try:
            self.ws.append(values)
        finally:
            self._cells = self._templates


def _pct(rate) -> float | None:
    return None if rate.percent is None else round(rate.percent / 100, 4)


def stats_rows(f: Figures) -> Iterator[tuple[list, dict[int, str] | None]]:
    """The 统计 sheet: every figure of ``figures`` with its parts, target and definition."""
    for key in COUNT_KEYS:
        if key == "review":
            continue
        d = BY_KEY[key]
        yield [d.label, getattr(f, key), None, None, None, d.explain()], None
    for key in RATE_KEYS:
        d, r = BY_KEY[key], f.rate(key)
        target = None if r.target is None else r.target / 100
        style = "ledger_below" if r.below_target else "ledger_percent"
        yield (
            [
                d.label,
                _pct(r),
                r.numerator,
                r.denominator,
                target,
                d.explain(),
            ],
            {1: style, 4: "ledger_percent"},
        )
    for key, title in BREAKDOWNS.items():
        yield (
            [f"【{title}】", None, None, None, None, f"{Period.RECEIVED.value}"],
            {0: "ledger_section"},
        )
        for name, n in getattr(f, key).items():
            yield [f"　{name}", n, None, None, None, None], None
    d = BY_KEY["review"]
    yield (
        [f"【{d.label}】", None, None, None, None, d.explain()],
        {0: "ledger_section"},
    )
    for lr in f.review:
        style = "ledger_below" if lr.rate.below_target else "ledger_percent"
        target = None if lr.rate.target is None else lr.rate.target / 100
        yield (
            [f"　{lr.leader}", _pct(lr.rate), lr.rate.numerator, lr.rate.denominator, target, None],
            {1: style, 4: "ledger_percent"},
        )
