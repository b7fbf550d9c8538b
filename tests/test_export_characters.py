"""Exporters never fail on a character; the importer refuses absurd numbers and zip bombs."""

import datetime as dt
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from conftest import NOW, case_input
from petition_desk.cli import main
from petition_desk.errors import DeskError
from petition_desk.reports import xlsx_guard
from petition_desk.reports.excel_cells import CELL_MAX, CellCleaner, clean_cell
from petition_desk.reports.ledger_export import export_ledger
from petition_desk.reports.ledger_import import import_ledger
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.registration import register_case

#: One of every class of character an old row may still hold: each C0 control, DEL, C1
#: controls, the separators, BOM, non-characters, CJK, emoji (astral), combining marks, RTL.
EVERY_CLASS = (
    "".join(chr(c) for c in range(0x20))
    + "\x7f\x80\x9f\u2028\u2029\ufeff\ufffe\uffff"
    + "张建国𠀀😀e\u0301\u05d0\u0627 &<>\"'"
)


def test_clean_cell():
    assert clean_cell("a\x0bb\x00c\tz\n") == "abc\tz\n"
    assert clean_cell(5) == 5
    assert len(clean_cell("x" * (CELL_MAX + 10))) == CELL_MAX
    cells = CellCleaner()
    assert cells.row(["ok", "b\x01", None, 3, "\ufffe"]) == ["ok", "b", None, 3, ""]
    assert cells.changed == 2 and "2 个单元格" in cells.note()


def test_the_export_of_a_case_holding_every_character_class_succeeds(conn, clerk, tmp_path):
    """Old data (stored before text was cleaned at the door) must not block the export."""
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    conn.execute(
        "UPDATE cases SET summary = ?, request = ?, facts = ?, people_names = ? WHERE id = ?",
        (EVERY_CLASS, "诉求" + EVERY_CLASS, "x" * 40_000, "张\x0b建国", case_id),
    )
    out = tmp_path / "ledger.xlsx"
    result = export_ledger(
        conn, out, dt.date(2026, 11, 1), dt.date(2026, 11, 30), load_limits(conn), NOW.date()
    )
    assert result.cases == 1
    assert result.cells_cleaned >= 3  # summary, request, facts (too long)
    ws = load_workbook(out).worksheets[0]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    summary = next(v for v in values if "张建国𠀀" in v and not v.startswith("诉求"))
    assert "\x0b" not in summary and "😀" in summary and "e\u0301" in summary
    assert not list(tmp_path.glob("*.part"))


def test_cli_export_says_how_many_cells_changed(conn, clerk, db_path, tmp_path, capsys):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    conn.execute("UPDATE cases SET summary = ? WHERE id = ?", ("a\x0bb", case_id))
    out = tmp_path / "l.xlsx"
    assert main(["export-ledger", "--db", str(db_path), "--all", "--out", str(out)]) == 0
    out = capsys.readouterr().out
    assert "个单元格含有 Excel 无法保存的字符" in out and "注意" in out


def _ledger(tmp_path, head_count):
    wb = Workbook()
    wb.active.append(["来访日期", "来访人", "住址", "反映问题", "诉求", "人数"])
    wb.active.append(["2025-4-1", "郑九", "青石村", "反映路灯不亮", "修路灯", head_count])
    wb.active.append(["2025-4-2", "钱七", "青石村", "  反映路灯\u3000", "修", 1])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("absurd", [1e308, "1e309", "inf", "nan", 100000])
def test_the_importer_refuses_absurd_head_counts_in_dry_run_and_real_run(
    conn, clerk, tmp_path, absurd
):
    path = _ledger(tmp_path, absurd)
    dry = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert [r.row for r in dry.rejected] == [2] and "人数" in dry.rejected[0].reason
    real = import_ledger(conn, path, clerk, now=NOW)
    assert len(real.imported) == 1 and [r.row for r in real.rejected] == [2]
    assert conn.execute("SELECT max(head_count) FROM cases").fetchone()[0] == 1
    (stored,) = conn.execute("SELECT summary FROM cases").fetchone()
    assert stored == "反映路灯"  # cleaned at the door on import too
    rejects = load_workbook(real.rejects_file)["未导入"]
    assert rejects.max_row == 2


def test_a_decompression_bomb_is_refused_before_openpyxl_loads_it(
    conn, clerk, tmp_path, monkeypatch
):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    assert bomb.stat().st_size < 50_000
    monkeypatch.setattr(xlsx_guard, "MAX_UNPACKED", 2 * 1024 * 1024)
    loaded = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: loaded.append(a))
    with pytest.raises(DeskError, match="解压后约 3 MB"):
        import_ledger(conn, bomb, clerk, dry_run=True)
    assert loaded == []


def test_a_tightly_packed_member_is_refused(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"0" * (3 * 1024 * 1024))
    monkeypatch.setattr(xlsx_guard, "_RATIO_FROM", 1024 * 1024)
    with pytest.raises(DeskError, match="压缩比异常"):
        xlsx_guard.check_xlsx(bomb)


def test_cli_import_of_a_bomb_exits_cleanly(db_path, conn, tmp_path, monkeypatch, capsys):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    monkeypatch.setattr(xlsx_guard, "MAX_UNPACKED", 2 * 1024 * 1024)
    assert main(["import-ledger", "--db", str(db_path), str(bomb), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "已拒绝读取" in err and "Traceback" not in err


def test_the_importer_never_overwrites_a_known_person(conn, clerk, tmp_path):
    register_case(conn, case_input(), clerk, NOW)
    wb = Workbook()
    wb.active.append(["来访日期", "来访人", "身份证号码", "住址", "反映问题", "诉求"])
    wb.active.append(["2025-4-1", "张建军", "11010519491231002X", "东坑村", "反映路灯", "修"])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    for dry_run in (True, False):
        report = import_ledger(conn, path, clerk, dry_run=dry_run, now=NOW)
        assert [r.row for r in report.rejected] == [2]
        assert "该身份证号已登记" in report.rejected[0].reason
    assert [r[0] for r in conn.execute("SELECT name FROM people")] == ["张建国"]
