"""Laying out a document after GB/T 9704-2012 with reportlab.

A4; top margin 37 mm, binding margin 28 mm; a 156 x 225 mm text block holding 22 lines of
28 characters of 仿宋 三号 (16 pt) — the characters sit on that grid exactly; the title in
小标宋 二号 (22 pt); headings "一、" in 黑体 and "（一）" in 楷体; the issuing organ above the
date, the date in Arabic numerals set 4 characters in from the right margin, with room for
the seal; page numbers "— 1 —" below the text block.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from petition_desk import __version__
from petition_desk.reports.pdf_fonts import FontSet, lean, subset_cache

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
TEXT_W, TEXT_H = 156 * MM, 225 * MM
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT = 16, 22
PITCH = TEXT_H / LINES  # line pitch on the grid
CELL = TEXT_W / CHARS  # one full-width character
# Closing punctuation may not start a line (避头) nor hang past the block: the line before
# gives it a character (推出). Opening quotes and brackets may not end a line (避尾).
NO_LINE_START = set("，。、；：？！”’）》〉」』】…—,.;:?!)")
NO_LINE_END = set("“‘（《〈「『【(")


@dataclass(frozen=True)
class Letter:
    title: str
    number: str  # 〔2026〕12号
    body: str  # paragraphs separated by newlines; the first is the salutation
    organ: str
    date: dt.date
    subject: str = ""


def date_text(day: dt.date) -> str:
    """``2026年11月28日`` in Arabic numerals, as GB/T 9704-2012 requires (never padded)."""
    return f"{day.year}年{day.month}月{day.day}日"


#: Grid lines the signature takes after the last line of text: two for the seal, the organ,
#: the date.
SIGNATURE_LINES = 4
#: GB/T 9704: the organ and date never stand alone on a page; this many lines of text go with.
WITH_SIGNATURE = 2


@dataclass(frozen=True)
class _Line:
    text: str
    role: str
    indent: float  # in grid cells
    justify: bool  # spread to the right edge of the block (not a paragraph's last line)
    align: str = "left"


class _Metrics:
    """Character widths on the grid, cached per font and size: a full-width character takes
    one cell, a Latin letter or digit half of one (and is centred in it)."""

    def __init__(self) -> None:
        self.tables: dict[tuple[str, float], dict[str, tuple[float, float]]] = {}

    def table(self, font: str, size: float) -> dict[str, tuple[float, float]]:
        """``char -> (natural width, cell width)`` for one font and size (filled lazily)."""
        key = (font, size)
        table = self.tables.get(key)
        if table is None:
            table = self.tables[key] = {}
        return table

    def both(self, ch: str, font: str, size: float) -> tuple[float, float]:
        table = self.table(font, size)
        pair = table.get(ch)
        if pair is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            natural = stringWidth(ch, font, size)
            full = CELL * size / BODY_PT
            pair = table[ch] = (natural, full if natural > size * 0.7 else full / 2)
        return pair

    def pairs(self, text: str, font: str, size: float) -> list[tuple[float, float]]:
        """``both`` for every character of ``text`` (the table looked up once per line, not
        once per character: the layout's own share of a notice's time)."""
        get = self.table(font, size).get
        found = [get(ch) for ch in text]
        if None in found:
            return [p or self.both(ch, font, size) for ch, p in zip(text, found, strict=True)]
        return found  # type: ignore[return-value]  # no None left in it

    def width(self, text: str, font: str, size: float) -> float:
        """The width ``text`` takes on the grid."""
        return sum([p[1] for p in self.pairs(text, font, size)])

    def nat(self, ch: str, font: str, size: float) -> float:
        return self.both(ch, font, size)[0]

    def cell(self, ch: str, font: str, size: float) -> float:
        return self.both(ch, font, size)[1]


_METRICS = _Metrics()
_LATIN_WORD = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,-/:%")


def _latin(ch: str) -> bool:
    return ch in _LATIN_WORD


def wrap(text: str, font: str, size: float, first_indent: float = 0) -> list[str]:
    """Break a paragraph into lines of the block's width.

    Closing punctuation never starts a line and never hangs past the right edge: the last
    character of the full line goes down with it (推出). An opening quote never ends a line.
    """
    cell = _METRICS.table(font, size)
    both = _METRICS.both
    lines: list[str] = []
    current: list[str] = []
    used = first_indent * CELL
    limit = TEXT_W + 0.01
    for ch in text:
        pair = cell.get(ch) or both(ch, font, size)
        w = pair[1]
        if used + w > limit and current:
            carry: list[str] = []
            if ch in NO_LINE_START:
                # Push down characters until the next line starts with one that may.
                while current and (not carry or carry[0] in NO_LINE_START) and len(carry) < 4:
                    carry.insert(0, current.pop())
                    if carry[0] not in NO_LINE_START:
                        break
            while current and current[-1] in NO_LINE_END and len(carry) < 5:
                carry.insert(0, current.pop())
            # A number or a Latin word (2026-0137, 36,000, 1.2) is never cut in two.
            after = carry[0] if carry else ch
            if current and _latin(after) and _latin(current[-1]):
                run = 0
                while run < len(current) and _latin(current[-1 - run]):
                    run += 1
                if run < len(current) and run <= 16:
                    carry, current = current[-run:] + carry, current[:-run]
            if not current:  # nothing sensible to push down: keep the line as it was
                current, carry = carry, []
            lines.append("".join(current))
            current = carry
            used = _METRICS.width("".join(current), font, size)
        current.append(ch)
        used += w
    if current or not lines:
        lines.append("".join(current))
    return lines


class _Grid:
    """Places lines on the 22 x 28 character grid, page after page."""

    def __init__(self, canvas, fonts: FontSet):
        self.c, self.fonts = canvas, fonts
        self.line = 0
        self.page = 1

    def baseline(self, line: int) -> float:
        # Characters sit centred on their grid line: baseline ~ 0.3 em below the middle.
        return PAGE_H - TOP - line * PITCH - PITCH / 2 - BODY_PT * 0.35

    def width(self, ch: str, font: str, size: float) -> float:
        return _METRICS.cell(ch, font, size)

    def new_page(self) -> None:
        self.page_number()
        self.c.showPage()
        self.page += 1
        self.line = 0

    def page_number(self) -> None:
        # 四号半角宋体 "— 1 —", 7 mm below the text block; odd pages right, even pages left.
        text = f"— {self.page} —"
        font = self.fonts.names["body"]
        self.c.setFont(font, 14)
        y = PAGE_H - TOP - TEXT_H - 7 * MM - 14 * 0.8
        if self.page % 2:
            self.c.drawRightString(LEFT + TEXT_W - CELL, y, text)
        else:
            self.c.drawString(LEFT + CELL, y, text)

    def place(self, line: _Line) -> None:
        """Draw one line of text on the current grid line."""
        font = self.fonts.names[line.role]
        pairs = _METRICS.pairs(line.text, font, BODY_PT)
        natural = sum([cell for _n, cell in pairs])
        start = LEFT + line.indent * CELL
        extra = 0.0
        if line.align == "center":
            start = LEFT + (TEXT_W - natural) / 2
        elif line.align == "right":
            start = LEFT + TEXT_W - natural
        elif line.justify and len(line.text) > 1:
            # Only lines shortened by the rules above (a pushed-down character, a number kept
            # whole, a half-width digit) are short of the edge: spread them to the block.
            slack = LEFT + TEXT_W - start - natural
            if slack > 0:
                extra = slack / (len(line.text) - 1)
        self.draw(line.text, font, BODY_PT, start, self.baseline(self.line), extra, pairs)
        self.line += 1

    def draw(
        self,
        text: str,
        font: str,
        size: float,
        x: float,
        y: float,
        extra: float = 0.0,
        pairs: list[tuple[float, float]] | None = None,
    ) -> None:
        """Set ``text`` from ``x``: each character centred in its grid cell, ``extra`` points
        added after each one. Runs of equal width go out as one string with a character
        spacing, all in one text object (not one per character)."""
        if pairs is None:
            pairs = _METRICS.pairs(text, font, size)
        t = self.c.beginText()
        t.setFont(font, size)
        i, n = 0, len(text)
        while i < n:
            pair = pairs[i]
            j = i + 1
            while j < n and pairs[j] == pair:
                j += 1
            nat, cell = pair
            t.setTextOrigin(x + (cell - nat) / 2, y)
            t.setCharSpace(cell + extra - nat)
            t.textOut(text[i:j])
            x += (cell + extra) * (j - i)
            i = j
        self.c.drawText(t)


def _body_lines(body: str, fonts: FontSet) -> list[_Line]:
    out: list[_Line] = []
    for n, para in enumerate(body.split("\n")):
        para = para.strip()
        if not para:
            continue
        role, indent = "body", 2
        if n == 0 and para.endswith(("：", ":")):
            indent = 0  # the salutation starts at the margin
        elif re.match(r"^[一二三四五六七八九十]+、", para):
            role = "heiti"
        elif re.match(r"^（[一二三四五六七八九十]+）", para):
            role = "kaiti"
        pieces = wrap(para, fonts.names[role], BODY_PT, indent)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            out.append(_Line(piece, role, indent if i == 0 else 0, not last))
    return out


def line_pages(first_row: int, count: int) -> tuple[list[int], int]:
    """The page (0-based) of each of ``count`` body lines starting on grid line ``first_row``
    of the first page, and the page of the signature.

    GB/T 9704: the organ's name and the date never stand alone on a page. When they would
    (no room under the last line, or only one line of text above them), the page breaks
    earlier so that at least two lines of text go over with the signature — the standard's
    own remedy. A body too short to have two lines keeps its signature with the title.
    """
    pages, row, page = [], first_row, 0
    for _ in range(count):
        if row == LINES:
            row, page = 0, page + 1
        pages.append(page)
        row += 1
    fits = row + SIGNATURE_LINES <= LINES
    on_last = pages.count(page)
    if count and fits and (page == 0 or on_last >= WITH_SIGNATURE):
        return pages, page
    if count < WITH_SIGNATURE:
        return pages, page + (0 if fits else 1)
    # Move the last two lines over: the page before ends early.
    moved = pages[-1] + 1 if not fits else pages[-1]
    pages[-WITH_SIGNATURE:] = [moved] * WITH_SIGNATURE
    return pages, moved


def render_letter(letter: Letter, fonts: FontSet, author: str = "") -> bytes:
    """The PDF bytes of one document (reproducible: same input, same bytes)."""
    from reportlab.pdfgen.canvas import Canvas

    fonts = lean(fonts)
    buf = io.BytesIO()
    # The initial font is ours too, so no unembedded Helvetica is referenced in the file.
    c = Canvas(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.names["body"],
        initialFontSize=BODY_PT,
    )
    c.setTitle(letter.title)
    c.setAuthor(author or letter.organ)
    c.setSubject(letter.subject or f"{letter.title} {letter.number}")
    c.setKeywords(f"字体：{fonts.describe()}")
    c.setCreator(f"信访接待台 Petition Desk {__version__}")
    grid = _Grid(c, fonts)
    _title(grid, letter.title)
    if letter.number:
        grid.place(_Line(letter.number, "body", 0, False, "center"))
    grid.line += 1  # one blank line between the number and the salutation
    lines = _body_lines(letter.body, fonts)
    pages, signature_page = line_pages(grid.line, len(lines))
    for line, page in zip(lines, pages, strict=True):
        while grid.page - 1 < page:
            grid.new_page()
        grid.place(line)
    while grid.page - 1 < signature_page:
        grid.new_page()
    _signature(grid, letter.organ, letter.date)
    grid.page_number()
    c.showPage()
    with subset_cache(), _binary_streams():
        c.save()
    return buf.getvalue()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Page streams compressed only, not also spelt out in ASCII85: the file is kept as bytes
    (a BLOB), never mailed as 7-bit text, and the encoding cost time and a quarter more bytes
    per page. reportlab reads the switch when it writes each page, i.e. within ``save``."""
    from reportlab import rl_config

    was = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = was


def _title(grid: _Grid, title: str) -> None:
    """小标宋 二号, centred, taking two grid lines; long titles wrap."""
    font = grid.fonts.names["title"]
    lines = wrap(title, font, TITLE_PT, 0)
    for line in lines:
        width = _METRICS.width(line, font, TITLE_PT)
        y = grid.baseline(grid.line) - PITCH * 0.35
        grid.draw(line, font, TITLE_PT, LEFT + (TEXT_W - width) / 2, y)
        grid.line += 2 if len(lines) == 1 else 1
    if len(lines) > 1:
        grid.line += 1


def _signature(grid: _Grid, organ: str, day: dt.date) -> None:
    """Organ name centred over the date; the date ends 4 characters in from the right margin.

    Two blank lines above leave room for the seal, which covers name and date; the caller
    keeps at least two lines of text on the signature's page.
    """
    grid.line += 2
    font = grid.fonts.names["body"]
    date = date_text(day)
    date_w = _METRICS.width(date, font, BODY_PT)
    date_right = LEFT + TEXT_W - 4 * CELL
    date_x = date_right - date_w
    organ_w = _METRICS.width(organ, font, BODY_PT)
    organ_x = min(date_x + (date_w - organ_w) / 2, LEFT + TEXT_W - organ_w)
    grid.draw(organ, font, BODY_PT, organ_x, grid.baseline(grid.line))
    grid.line += 1
    grid.draw(date, font, BODY_PT, date_x, grid.baseline(grid.line))
    grid.line += 1


def table_document(buf, fonts: FontSet, *, title: str, author: str, subject: str = ""):
    """A platypus document on A4 with the official side margins, for ruled tables (来访登记表,
    the reception roster); fonts embedded and named in the properties, output reproducible."""
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buf,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=LEFT,
        rightMargin=PAGE_W - LEFT - TEXT_W,
        topMargin=TOP - 10 * MM,
        bottomMargin=25 * MM,
        title=title,
        author=author,
        subject=subject or title,
        keywords=f"字体：{fonts.describe()}",
        creator=f"信访接待台 Petition Desk {__version__}",
        invariant=1,
        initialFontName=fonts.names["body"],
    )
