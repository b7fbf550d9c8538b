"""Text that looks like a formula is written to Excel as text (issue 12)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from conftest import NOW, case_input, person
from petition_desk.reports.ledger_export import HEADERS, export_and_record
from petition_desk.reports.xlsx_safe import DANGEROUS, guard, is_dangerous
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.registration import register_case


def test_a_formula_typed_as_a_petition_is_exported_as_text(conn, clerk, tmp_path):
    summary = '=HYPERLINK("http://evil.example","点我")'
    register_case(
        conn,
        case_input(
            summary=summary,
            request="+1+cmd|' /C calc'!A0",
            facts="@SUM(1+1)",
            people=[person(address="-2+3", id_number="")],
        ),
        clerk,
        NOW,
    )
    out = tmp_path / "台账.xlsx"
    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    export_and_record(conn, out, first, last, load_limits(conn), NOW.date(), clerk)
    ws = load_workbook(out)["台账"]
    names = [h for h, _ in HEADERS]
    # The sheet opens with its title lines; the case is the row under the header row.
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == names[0])
    row = next(ws.iter_rows(min_row=header + 1, max_row=header + 1))
    risky = [c for c in row if is_dangerous(c.value)]
    assert risky, "the test must put formula-like text in the sheet"
    assert summary in [c.value for c in risky]
    for cell in risky:
        assert cell.data_type == "s" and cell.quotePrefix, (names[cell.column - 1], cell.value)
    # Nothing in the workbook is a formula.
    assert not [c for r in ws.iter_rows() for c in r if c.data_type == "f"]


# Control characters are refused by openpyxl itself, whatever the first character.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)


@given(st.sampled_from(DANGEROUS), TEXT)
def test_guard_keeps_the_text_and_never_leaves_a_formula(start, rest):
    ws = Workbook().active
    cell = ws.cell(1, 1)
    cell.value = start + rest
    guard(cell)
    assert cell.value == start + rest and cell.data_type == "s" and cell.quotePrefix
