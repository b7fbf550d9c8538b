"""GB/T 9704 layout rules of a notice: the signature never stands alone on a page, closing
punctuation never hangs past the text block, lines with Latin digits are justified, dates are
never padded."""

import datetime as dt
import io
import itertools

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

from petition_desk.reports.letter_pdf import (
    CELL,
    LEFT,
    LINES,
    NO_LINE_END,
    NO_LINE_START,
    SIGNATURE_LINES,
    TEXT_W,
    Letter,
    _body_lines,
    line_pages,
    render_letter,
    wrap,
)
from petition_desk.reports.pdf_fonts import font_set

SAMPLE = (
    "经调查核实，该户2025年承包地1.2亩被征用，补偿款应为36,000元，已发放18,000元。"
    "根据《中华人民共和国农村土地承包法》第十七条的规定，“征收补偿应当足额、及时”。"
    "村民委员会已于3月5日作出书面说明；镇财政所表示，余款将在30日内拨付到位！"
)
FIRST_ROW = 4  # title (two grid lines), number, one blank line


def body_of(length: int) -> str:
    text = "".join(itertools.islice(itertools.cycle(SAMPLE), length))
    return f"张建国：\n{text}\n特此告知。"


@pytest.fixture(scope="module")
def fonts():
    return font_set()


def test_the_signature_never_stands_alone_for_any_body_length(fonts):
    seen_moves = 0
    for length in range(0, 2001):
        lines = _body_lines(body_of(length), fonts)
        pages, signature_page = line_pages(FIRST_ROW, len(lines))
        assert pages == sorted(pages)
        with_it = pages.count(signature_page)
        assert with_it >= 2, (length, pages)
        rows_used = with_it + (FIRST_ROW if signature_page == 0 else 0)
        assert rows_used + SIGNATURE_LINES <= LINES, length
        natural = [min((FIRST_ROW + i) // LINES, 99) for i in range(len(lines))]
        seen_moves += natural != pages
    assert seen_moves > 0  # the remedy was needed (and applied) for some lengths


def test_orphan_page_rendered(fonts):
    """A body that would leave the signature alone on page 2: two lines go with it."""
    for length in range(300, 760):
        lines = _body_lines(body_of(length), fonts)
        if (FIRST_ROW + len(lines)) == LINES:  # page 1 exactly full: the signature would be alone
            break
    else:
        pytest.fail("no length fills page 1 exactly")
    pdf = render_letter(
        Letter(
            "信访事项处理意见书",
            "青信复〔2026〕1号",
            body_of(length),
            "青石镇人民政府",
            dt.date(2026, 11, 28),
        ),
        fonts,
    )
    pages = list(extract_pages(io.BytesIO(pdf)))
    assert len(pages) == 2
    texts = [t.get_text().strip() for t in pages[1] if isinstance(t, LTTextContainer)]
    body = [t for t in texts if t not in ("青石镇人民政府", "2026年11月28日") and "—" not in t]
    assert sum(len(t.splitlines()) for t in body) >= 2, texts


def _chars(pdf: bytes):
    """(page number, character) for every character, in reading order."""

    def walk(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from walk(child)

    for n, page in enumerate(extract_pages(io.BytesIO(pdf))):
        for ch in walk(page):
            yield n, ch


def test_closing_punctuation_never_hangs_and_digit_lines_are_justified(fonts):
    body = "张建国：\n" + SAMPLE * 6
    pdf = render_letter(
        Letter(
            "信访事项处理意见书", "青信复〔2026〕1号", body, "青石镇人民政府", dt.date(2026, 11, 28)
        ),
        fonts,
    )
    right = LEFT + TEXT_W
    lines: dict[tuple[int, int], list[LTChar]] = {}
    for page, ch in _chars(pdf):
        assert ch.x1 <= right + 0.5, (ch.get_text(), ch.x1, right)
        lines.setdefault((page, -round(ch.y0)), []).append(ch)
    body_lines = [sorted(lines[k], key=lambda c: c.x0) for k in sorted(lines)]
    body_lines = [chars for chars in body_lines if len(chars) > 20]
    assert len(body_lines) > 20
    checked = 0
    for chars in body_lines[:-1]:
        text = "".join(c.get_text() for c in chars)
        if chars[0].x0 < LEFT + 1 and any(c.isdigit() for c in text):
            # A full line with Latin digits ends at the block's right edge (within a glyph's
            # side bearing), not half a cell short.
            assert right - chars[-1].x1 < CELL / 3, text
            checked += 1
    assert checked > 5


def test_wrap_never_starts_a_line_with_closing_punctuation(fonts):
    font = fonts.names["body"]
    for shift in range(0, 60):
        text = ("，" * (shift % 3)) + SAMPLE[shift:] + SAMPLE
        for line in wrap(text, font, 16, 2)[1:]:
            assert (line and line[0] not in NO_LINE_START) or line[0] == "，", line
        for line in wrap(text, font, 16, 2)[:-1]:
            assert line[-1] not in NO_LINE_END, line


def test_dates_are_never_zero_padded(fonts):
    pdf = render_letter(
        Letter(
            "信访事项受理告知书",
            "青信受〔2026〕3号",
            "张建国：\n特此告知。",
            "青石镇人民政府",
            dt.date(2026, 3, 5),
        ),
        fonts,
    )
    text = "".join(c.get_text() for _p, c in _chars(pdf))
    assert "2026年3月5日" in text
    assert "03月" not in text and "05日" not in text


def test_numbers_are_never_cut_across_lines(fonts):
    font = fonts.names["body"]
    for shift in range(0, 40):
        text = (
            "甲" * shift + "现将案件（编号2026-0137）交你单位办理，补偿款36,000元，面积1.2亩。" * 3
        )
        lines = wrap(text, font, 16, 2)
        for before, after in itertools.pairwise(lines):
            assert not (before[-1].isdigit() and after[0] in "0123456789,.-"), (before, after)
            assert not (before[-1] in ",.-" and after[0].isdigit()), (before, after)


def test_title_and_headings_are_set_in_their_own_faces(fonts):
    pdf = render_letter(
        Letter(
            "信访事项处理意见书",
            "青信复〔2026〕1号",
            "张建国：\n一、查明的事实\n经查属实。\n（一）补偿标准\n按标准补偿。",
            "青石镇人民政府",
            dt.date(2026, 11, 28),
        ),
        fonts,
    )
    face: dict[str, set[str]] = {}
    for _page, ch in _chars(pdf):
        face.setdefault(ch.get_text(), set()).add(ch.fontname.split("+")[-1])
    title, body, heading = face["意"], face["属"], face["明"]
    if fonts.files["title"] != fonts.files["body"]:
        assert title != body, (title, body)
    if fonts.files["heiti"] != fonts.files["body"]:
        assert heading != body and heading == face["的"]
