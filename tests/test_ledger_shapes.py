"""Every ledger shape a desk keeps imports with accounts that add up, row for row."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from petition_desk.cli import main
from petition_desk.errors import DeskError
from petition_desk.reports.ledger_import import ImportReport, import_ledger
from petition_desk.services.cases import get_case
from tests.helpers import NOW
from tests.helpers.ledger_shapes import BAD, GOOD, Expected, SheetShape, build

#: The shapes of issue #9, one ledger each (rows: g good, u unknown category, n no category,
#: d impossible date, p bad phone, i ID stored as a number, x no name).
KINDS = {
    "g": "good",
    "u": "unknown_category",
    "n": "no_category",
    "d": "bad_date",
    "p": "bad_phone",
    "i": "numeric_id",
    "x": "no_name",
}
SHAPES = {
    "two-row merged header, starting in column C": [
        SheetShape(two_row_header=True, offset=2, rows=list("ggdgu"))
    ],
    "header repeated mid-sheet": [SheetShape(rows=list("gggpgg"), repeat_at=[3], blank_at=[3])],
    "months glued with their titles": [
        SheetShape(rows=list("ggggg"), repeat_at=[2, 4], title_again=True, two_row_header=True)
    ],
    "one sheet per month": [
        SheetShape(name="1月", rows=list("ggd")),
        SheetShape(name="2月", rows=list("gig"), two_row_header=True),
        SheetShape(name="3月", rows=list("gg"), content="反映问题"),
    ],
    "title row and 填报单位 row": [
        SheetShape(title=True, unit_row=True, rows=list("gxg"), signature=True)
    ],
    "合计 row whose count disagrees": [SheetShape(rows=list("gggd"), total="wrong")],
    "主要诉求-only ledger": [
        SheetShape(content="主要诉求", category_header="问题性质", rows=list("gggn"), total="right")
    ],
    "unknown category": [SheetShape(category_header="反映问题类别", rows=list("uugu"))],
    "pre-numbered empty rows at the end": [SheetShape(rows=list("gg"), serial_only=5)],
}


def _shapes(name: str) -> list[SheetShape]:
    return [SheetShape(**{**s.__dict__, "rows": [KINDS[k] for k in s.rows]}) for s in SHAPES[name]]


def assert_accounts(report: ImportReport, expected: dict[str, Expected], *, committed: bool):
    """Each sheet and the total: N = a + b + c, and exactly the numbers the shape implies."""
    assert [s.name for s in report.read_sheets] == list(expected)
    for s in report.read_sheets:
        exp = expected[s.name]
        taken = s.imported if committed else s.good
        assert (s.read, taken, len(s.rejected), len(s.skipped)) == (
            exp.read,
            exp.good,
            exp.rejected,
            exp.skipped,
        ), s.name
        assert s.adds_up(committed=committed)
        assert sorted(s.rows) == s.expected_rows
        mismatch = any("两者不符" in w for _, w in s.warnings)
        assert mismatch == exp.total_mismatch
    total = sum(e.read for e in expected.values())
    assert report.read == total
    report.check()


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_shape_adds_up_in_the_dry_run_and_the_real_run(name, conn, clerk, tmp_path):
    path = tmp_path / "ledger.xlsx"
    expected = build(path, _shapes(name))
    dry = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert_accounts(dry, expected, committed=False)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    real = import_ledger(conn, path, clerk, now=NOW)
    assert_accounts(real, expected, committed=True)
    good = sum(e.good for e in expected.values())
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == good
    assert len(real.imported) == good


def test_rows_above_a_repeated_header_are_kept(conn, clerk, tmp_path):
    path = tmp_path / "glued.xlsx"
    build(path, [SheetShape(rows=["good"] * 4, repeat_at=[2])])
    report = import_ledger(conn, path, clerk, now=NOW)
    assert [row for _, row, _ in report.imported] == [2, 3, 5, 6]
    assert report.skipped == [(4, "重复的表头行")]


def test_a_repeated_header_that_differs_remaps_the_columns(conn, clerk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["登记日期", "信访人", "住址", "摘要"])
    ws.append(["2024-5-6", "王芳", "西岭村", "申请低保"])
    ws.append(["信访人", "住址", "登记日期", "反映问题", "问题类别"])  # the next year's layout
    ws.append(["张建国", "东坑村", "2025-1-8", "道路损坏", "城乡建设"])
    path = tmp_path / "two-years.xlsx"
    wb.save(path)
    report = import_ledger(conn, path, clerk, now=NOW)
    assert report.identity() == "读取 3 行 = 导入 2 + 拒绝 0 + 跳过 1"
    assert "重新对应" in report.skipped[0][1]
    second = get_case(conn, "2025-0001")
    assert second["people_names"] == "张建国" and second["category"] == "城乡建设"


def test_the_overdue_list_and_headerless_sheets_are_listed_not_read(conn, clerk, tmp_path):
    path = tmp_path / "x.xlsx"
    build(path, [SheetShape(name="台账", rows=["good"])])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.create_sheet("说明").append(["本表由群工办填写"])
    wb.create_sheet("超期").append(["编号", "登记日期", "信访人", "反映事项摘要", "超期天数"])
    wb["超期"].append(["2025-0001", "2025-1-1", "王芳", "申请低保", 12])
    wb.save(path)
    report = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    notes = {s.name: (s.selected, s.note) for s in report.sheets}
    assert notes["说明"] == (False, "没有找到表头")
    assert notes["超期"][0] is False and "超期清单" in notes["超期"][1]
    assert report.would_import == 1


def test_cli_leaves_sheets_out_and_prints_the_accounts(db_path, conn, tmp_path, capsys):
    path = tmp_path / "months.xlsx"
    build(path, _shapes("one sheet per month"))
    argv = ["import-ledger", "--db", str(db_path), str(path), "--sheet", "1月", "--sheet", "3月"]
    assert main([*argv, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "工作表“2月”：未读取（未选择）" in out
    assert "试运行（未写入数据库）：读取 5 行 = 可导入 4 + 拒绝 1 + 跳过 0" in out
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "已导入：读取 5 行 = 导入 4 + 拒绝 1 + 跳过 0" in out and "未导入的行及原因" in out
    assert main([*argv[:4], "--sheet", "4月", "--dry-run"]) == 2
    assert "没有名为“4月”的工作表" in capsys.readouterr().err


def test_a_masked_export_is_refused_as_a_whole(conn, clerk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["登记日期", "信访人", "身份证号", "联系电话", "住址/村", "反映事项摘要"])
    for n in range(5):
        ws.append(["2025-3-5", "张建国", "110105********002X", "138****1234", "东坑村", f"事{n}"])
    path = tmp_path / "masked.xlsx"
    wb.save(path)
    with pytest.raises(DeskError, match="打码导出") as err:
        import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert "不打码" in str(err.value)


def test_one_masked_id_in_a_plain_ledger_rejects_that_row(conn, clerk, tmp_path):
    path = tmp_path / "x.xlsx"
    build(path, [SheetShape(rows=["good"] * 3)])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["D3"] = "110105********002X"
    wb.save(path)
    report = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert [(r.row, "打码" in r.reason) for r in report.rejected] == [(3, True)]


# -- the grammar ------------------------------------------------------------------------------


@st.composite
def sheet_shapes(draw, name: str) -> SheetShape:
    rows = draw(st.lists(st.sampled_from(GOOD + BAD), min_size=1, max_size=8))
    places = st.lists(st.integers(1, max(1, len(rows) - 1)), max_size=2, unique=True)
    return SheetShape(
        name=name,
        title=draw(st.booleans()),
        unit_row=draw(st.booleans()),
        two_row_header=draw(st.booleans()),
        offset=draw(st.integers(0, 3)),
        content=draw(st.sampled_from(("摘要", "主要诉求", "反映问题", "来信来访内容"))),
        category_header=draw(st.sampled_from(("问题类别", "反映问题类别", "问题性质", "类别"))),
        rows=rows,
        repeat_at=draw(places) if len(rows) > 1 else [],
        title_again=draw(st.booleans()),
        blank_at=draw(places) if len(rows) > 1 else [],
        total=draw(st.sampled_from(("", "right", "wrong"))),
        serial_only=draw(st.integers(0, 2)),
        signature=draw(st.booleans()),
    )


@st.composite
def ledgers(draw) -> list[SheetShape]:
    count = draw(st.integers(1, 3))
    return [draw(sheet_shapes(f"{m}月")) for m in range(1, count + 1)]


@settings(
    max_examples=int(os.environ.get("LEDGER_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shapes=ledgers())
def test_any_ledger_of_the_grammar_adds_up(shapes, conn, clerk, tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "ledger.xlsx"
    expected = build(path, shapes)
    # A dry run writes nothing, so one database serves every example.
    report = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert_accounts(report, expected, committed=False)


def test_dates_on_the_ledger_become_the_steps_dates(conn, clerk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["登记日期", "信访人", "住址", "反映问题", "办理情况", "办结日期"])
    ws.append(["2025-3-5", "王芳", "西岭村", "申请低保", "已办结", "2025-4-1"])
    ws.append(["2025-3-6", "张建国", "东坑村", "修路", "已交办农业农村办", None])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    import_ledger(conn, path, clerk, now=NOW)
    closed = get_case(conn, "2025-0001")
    assert closed["state"] == "已办结" and closed["closed_at"] == "2025-04-01"
    assigned = get_case(conn, "2025-0002")
    assert assigned["state"] == "已交办" and assigned["assigned_at"] == "2025-03-06"
    assert dt.date.fromisoformat(assigned["assign_due"]) > dt.date(2025, 3, 6)
