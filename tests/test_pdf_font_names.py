"""The font subsets embedded in a notice keep the names that identify the font and its
copyright, and leave out its licence text (reportlab copies the whole 'name' table into every
subset: 20 KB of AR PL UMing's licence in each kept notice)."""

import datetime as dt
import re
import struct
import zlib

from hypothesis import given
from hypothesis import strategies as st

from petition_desk.reports.letter_pdf import Letter, render_letter
from petition_desk.reports.pdf_fonts import KEPT_NAME_IDS, font_set, trimmed_name_table


def name_table(records: list[tuple[int, bytes]]) -> bytes:
    """A format-0 'name' table with one Windows/Unicode record per (name id, text)."""
    head, strings = b"", b""
    for name_id, text in records:
        head += struct.pack(">6H", 3, 1, 0x409, name_id, len(text), len(strings))
        strings += text
    return struct.pack(">HHH", 0, len(records), 6 + len(head)) + head + strings


def parse(table: bytes) -> dict[int, bytes]:
    _, count, storage = struct.unpack_from(">HHH", table)
    found = {}
    for i in range(count):
        *_, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * i)
        found[name_id] = table[storage + offset : storage + offset + length]
    return found


def test_only_the_identifying_records_are_kept_with_their_text():
    copyright = "(c) Copyright 1994-1999, Arphic Technology".encode("utf-16-be")
    table = name_table([(0, copyright), (1, b"\0U\0M"), (6, b"\0P"), (13, b"\0L" * 9000)])
    trimmed = trimmed_name_table(table)
    assert parse(trimmed) == {0: copyright, 1: b"\0U\0M", 6: b"\0P"}
    assert len(trimmed) < 200 < 18000 < len(table)


@given(st.binary(max_size=300))
def test_a_table_that_does_not_parse_is_kept_as_it_is(data):
    trimmed = trimmed_name_table(data)
    assert trimmed == data or set(parse(trimmed)) <= KEPT_NAME_IDS


def embedded_name_tables(pdf: bytes) -> list[dict[int, bytes]]:
    tables = []
    for m in re.finditer(rb"/Length1 \d+\s*>>\s*stream\r?\n", pdf):
        end = pdf.index(b"endstream", m.end())
        font = zlib.decompress(pdf[m.end() : end])
        (count,) = struct.unpack_from(">H", font, 4)
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
            if tag == b"name":
                tables.append(parse(font[offset : offset + length]))
    return tables


def test_a_notice_embeds_its_fonts_named_and_without_their_licence_text():
    pdf = render_letter(
        Letter(
            "信访事项受理告知书",
            "青信受〔2026〕1号",
            "张建国：\n经审查，您的信访事项符合受理条件。",
            "青石镇人民政府",
            dt.date(2026, 11, 28),
        ),
        font_set(),
    )
    tables = embedded_name_tables(pdf)
    assert tables, "no embedded TrueType font found"
    for names in tables:
        assert set(names) <= KEPT_NAME_IDS
        assert 0 in names and 6 in names  # copyright and PostScript name
