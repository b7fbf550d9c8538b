"""Laying out a document after GB/T 9704-2012 with reportlab.

A4; top margin 37 mm, binding margin 28 mm; a 156 x 225 mm text block holding 22 lines of
28 characters of 仿宋 三号 (16 pt) — the characters sit on that grid exactly; the title in
小标宋 二号 (22 pt); headings "一、" in 黑体 and "（一）" in 楷体; the issuing organ above the
date, the date in Arabic numerals set 4 characters in from the right margin, with room for
the seal; page numbers "— 1 —" below the text block.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from petition_desk import __version__
from petition_desk.reports.pdf_fonts import FontSet

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
TEXT_W, TEXT_H = 156 * MM, 225 * MM
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT = 16, 22
PITCH = TEXT_H / LINES  # line pitch on the grid
CELL = TEXT_W / CHARS  # one full-width character
# Closing punctuation may not start a line (避头); it hangs at the end of the previous one.
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
    """``2026年11月28日`` in Arabic numerals, as GB/T 9704-2012 requires."""
    return f"{day.year}年{day.month}月{day.day}日"


class _Grid:
    """Places text on the 22 x 28 character grid, page after page."""

    def __init__(self, canvas, fonts: FontSet):
        self.c, self.fonts = canvas, fonts
        self.line = 0
        self.page = 1

    def baseline(self, line: int) -> float:
        # Characters sit centred on their grid line: baseline ~ 0.3 em below the middle.
        return PAGE_H - TOP - line * PITCH - PITCH / 2 - BODY_PT * 0.35

    def width(self, ch: str, font: str, size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        natural = stringWidth(ch, font, size)
        # Full-width characters take one grid cell; Latin letters and digits half of one.
        return CELL * size / BODY_PT if natural > size * 0.7 else CELL * size / BODY_PT / 2

    def wrap(self, text: str, font: str, size: float, first_indent: int) -> list[str]:
        lines, current, used = [], "", first_indent * CELL
        for ch in text:
            w = self.width(ch, font, size)
            if used + w > TEXT_W + 0.01 and current:
                if ch in NO_LINE_START:  # hang it: never start a line with a comma
                    current += ch
                    lines.append(current)
                    current, used = "", 0.0
                    continue
                if current[-1] in NO_LINE_END:  # an opening quote goes down with its word
                    lines.append(current[:-1])
                    current, used = current[-1], self.width(current[-1], font, size)
                else:
                    lines.append(current)
                    current, used = "", 0.0
            current += ch
            used += w
        if current or not lines:
            lines.append(current)
        return lines

    def ensure(self, lines_needed: int) -> None:
        if self.line + lines_needed > LINES:
            self.new_page()

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

    def put(
        self,
        text: str,
        *,
        role: str = "body",
        indent: int = 0,
        x: float | None = None,
        align: str = "left",
    ) -> None:
        """Write a paragraph (wrapping onto new lines and pages as needed)."""
        font = self.fonts.names[role]
        for i, line in enumerate(self.wrap(text, font, BODY_PT, indent)):
            self.ensure(1)
            start = LEFT + (indent * CELL if i == 0 else 0)
            width = sum(self.width(ch, font, BODY_PT) for ch in line)
            if x is not None:
                start = x
            elif align == "center":
                start = LEFT + (TEXT_W - width) / 2
            elif align == "right":
                start = LEFT + TEXT_W - width
            self.draw(line, font, BODY_PT, start, self.baseline(self.line))
            self.line += 1

    def draw(self, line: str, font: str, size: float, x: float, y: float) -> None:
        for ch in line:
            w = self.width(ch, font, size)
            self.c.setFont(font, size)
            from reportlab.pdfbase.pdfmetrics import stringWidth

            natural = stringWidth(ch, font, size)
            self.c.drawString(x + (w - natural) / 2, y, ch)
            x += w


def render_letter(letter: Letter, fonts: FontSet, author: str = "") -> bytes:
    """The PDF bytes of one document (reproducible: same input, same bytes)."""
    from reportlab.pdfgen.canvas import Canvas

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
        grid.put(letter.number, align="center")
    grid.line += 1  # one blank line between the number and the salutation
    paragraphs = [p for p in letter.body.split("\n")]
    for n, para in enumerate(paragraphs):
        para = para.strip()
        if not para:
            continue
        if n == 0 and para.endswith(("：", ":")):
            grid.put(para)  # the salutation starts at the margin
        elif re.match(r"^[一二三四五六七八九十]+、", para):
            grid.put(para, role="heiti", indent=2)
        elif re.match(r"^（[一二三四五六七八九十]+）", para):
            grid.put(para, role="kaiti", indent=2)
        else:
            grid.put(para, indent=2)
    _signature(grid, letter.organ, letter.date)
    grid.page_number()
    c.showPage()
    c.save()
    return buf.getvalue()


def _title(grid: _Grid, title: str) -> None:
    """小标宋 二号, centred, taking two grid lines; long titles wrap."""
    font = grid.fonts.names["title"]
    lines = grid.wrap(title, font, TITLE_PT, 0)
    for line in lines:
        width = sum(grid.width(ch, font, TITLE_PT) for ch in line)
        y = grid.baseline(grid.line) - PITCH * 0.35
        grid.draw(line, font, TITLE_PT, LEFT + (TEXT_W - width) / 2, y)
        grid.line += 2 if len(lines) == 1 else 1
    if len(lines) > 1:
        grid.line += 1


def _signature(grid: _Grid, organ: str, day: dt.date) -> None:
    """Organ name centred over the date; the date ends 4 characters in from the right margin.

    Two blank lines above leave room for the seal, which covers name and date; the block is
    never split from the last line of the body across pages.
    """
    grid.ensure(4)
    grid.line += 2
    font = grid.fonts.names["body"]
    date = date_text(day)
    date_w = sum(grid.width(ch, font, BODY_PT) for ch in date)
    date_right = LEFT + TEXT_W - 4 * CELL
    date_x = date_right - date_w
    organ_w = sum(grid.width(ch, font, BODY_PT) for ch in organ)
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
