"""Export a demo month and read it back as the county would."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import demo_key, open_raw
from petition_desk.cli import main
from petition_desk.db.connection import connect
from petition_desk.db.ledger_query import LedgerFilter
from petition_desk.errors import Cancelled
from petition_desk.reports.ledger_export import (
    BODY_PT,
    HEADERS,
    PRINTED,
    export_ledger,
    period_bounds,
)
from petition_desk.reports.ledger_layout import print_scale
from petition_desk.services.calendar_store import load_limits

TODAY = dt.date(2026, 11, 20)
FIRST_ROW = 4  # title, 填报 line, header


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert (
        main(
            [
                "demo-data",
                "--db",
                str(path),
                "--cases",
                "1500",
                "--seed",
                "5",
                "--until",
                "2026-11-20",
            ]
        )
        == 0
    )
    return path


@pytest.fixture(scope="module")
def exported(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "台账.xlsx"
    conn = connect(demo, key=demo_key(demo))
    first, last = period_bounds("2026-10")
    result = export_ledger(conn, out, first, last, load_limits(conn), TODAY)
    return conn, out, result


def col(name):
    return [h for h, _ in HEADERS].index(name)


def test_every_case_of_the_month_once_and_no_other(exported):
    conn, out, result = exported
    ws = load_workbook(out)["台账"]
    rows = list(ws.iter_rows(min_row=FIRST_ROW, values_only=True))
    numbers = [r[col("编号")] for r in rows]
    expected = [
        n
        for (n,) in conn.execute(
            "SELECT number FROM cases WHERE received_at >= '2026-10-01' AND received_at < "
            "'2026-11-01' ORDER BY received_at, id"
        )
    ]
    assert numbers == expected and len(set(numbers)) == len(numbers) == result.cases > 0
    dates = [r[col("登记日期")] for r in rows]
    assert all(isinstance(d, dt.datetime) and d.year == 2026 and d.month == 10 for d in dates)
    assert all(isinstance(r[col("人数")], int) for r in rows)


def test_ids_and_phones_are_masked_text(exported):
    _conn, out, _ = exported
    ws = load_workbook(out)["台账"]
    ids = next(
        iter(
            ws.iter_cols(
                min_col=col("身份证号") + 1, max_col=col("身份证号") + 1, min_row=FIRST_ROW
            )
        )
    )
    values = [c.value for c in ids if c.value]
    assert values and all(c.data_type == "s" for c in ids if c.value)
    assert all("********" in v for v in values)
    phones = [
        r[col("联系电话")]
        for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True)
        if r[col("联系电话")]
    ]
    assert phones and all("****" in p for p in phones)


def test_unmasked_on_request(demo, tmp_path):
    conn = connect(demo, key=demo_key(demo))
    out = tmp_path / "full.xlsx"
    export_ledger(conn, out, *period_bounds("2026-10"), load_limits(conn), TODAY, unmasked=True)
    ws = load_workbook(out)["台账"]
    ids = [
        r[col("身份证号")]
        for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True)
        if r[col("身份证号")]
    ]
    assert ids and all(isinstance(v, str) and "*" not in v for v in ids)
    # one line per person, empty for someone without an ID number, every number whole
    assert all(len(x) in (0, 18) for v in ids for x in v.split("\n"))
    assert all(any(len(x) == 18 for x in v.split("\n")) for v in ids)


def test_statistics_agree_with_an_independent_count(exported):
    conn, out, _ = exported
    ws = load_workbook(out)["统计"]
    values = {r[0]: r[1] for r in ws.iter_rows(min_row=FIRST_ROW, values_only=True) if r[0]}
    raw = open_raw(conn.execute("PRAGMA database_list").fetchone()[2])
    where = "received_at >= '2026-10-01' AND received_at < '2026-11-01'"
    assert (
        values["信访总量（批次）"]
        == raw.execute(f"SELECT count(*) FROM cases WHERE {where}").fetchone()[0]
    )
    assert (
        values["人次"]
        == raw.execute(f"SELECT sum(head_count) FROM cases WHERE {where}").fetchone()[0]
    )
    assert (
        values["集体访批次"]
        == raw.execute(f"SELECT count(*) FROM cases WHERE {where} AND collective").fetchone()[0]
    )
    assert (
        values["重复信访件数"]
        == raw.execute(f"SELECT count(*) FROM cases WHERE {where} AND repeat").fetchone()[0]
    )
    for channel, n in raw.execute(f"SELECT channel, count(*) FROM cases WHERE {where} GROUP BY 1"):
        assert values[f"　{channel}"] == n
    satisfied, rated = raw.execute(
        "SELECT sum(satisfaction IN ('满意','基本满意')), count(satisfaction) FROM cases "
        "WHERE replied_at >= '2026-10-01' AND replied_at < '2026-11-01' "
        "AND followed_up_at < '2026-11-21'"
    ).fetchone()
    assert values["群众满意率"] == pytest.approx(round(satisfied / rated, 4))


def test_overdue_sheet_lists_every_overdue_case(exported):
    conn, out, result = exported
    ws = load_workbook(out)["超期"]
    rows = list(ws.iter_rows(min_row=FIRST_ROW, values_only=True))
    expected = conn.execute(
        "SELECT count(*) FROM cases WHERE next_due < ?", (TODAY.isoformat(),)
    ).fetchone()[0]
    assert len(rows) == result.overdue == result.figures.overdue == expected > 0
    assert all(r[8] > 0 for r in rows)  # days overdue


def test_layout_for_printing(exported):
    _conn, out, _ = exported
    ws = load_workbook(out)["台账"]
    assert ws["A1"].value == "青石镇信访事项登记台账（2026年10月）" and ws["A1"].font.b
    assert ws["A2"].value.startswith("填报单位：") and "审核人：" in ws["A2"].value
    assert "填报日期：2026年11月20日" in ws["A2"].value
    assert [c.value for c in ws[3]] == [h for h, _ in HEADERS]
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref.startswith("A3:")
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert "&P" in ws.oddFooter.center.text
    last = get_column_letter(len(PRINTED))
    assert ws.print_area.endswith(f"$A$1:${last}$1048576")
    for header in (
        "信访目的",
        "接访领导",
        "回访日期",
        "复查（申请；结果）",
        "复核（申请；结果）",
        "卷号",
    ):
        assert header in [h for h, _ in HEADERS]
    # Dates carry no zero padding and text is 10 pt; the printed columns fit A4 landscape
    # at a scale that keeps it at 9 pt or more.
    assert ws.cell(FIRST_ROW, col("登记日期") + 1).number_format == "yyyy-m-d"
    assert ws.cell(FIRST_ROW, col("事项摘要") + 1).font.sz == BODY_PT
    assert ws.cell(FIRST_ROW, col("事项摘要") + 1).alignment.wrap_text
    widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(len(PRINTED))]
    assert BODY_PT * print_scale(widths) / 100 >= 9
    # ...whereas all the columns on one page would not.
    assert BODY_PT * print_scale([w for _, w in HEADERS]) / 100 < 9


def test_export_follows_the_ledger_filter(demo, tmp_path):
    conn = connect(demo, key=demo_key(demo))
    out = tmp_path / "filtered.xlsx"
    only = LedgerFilter(channel="来信", repeat=False)
    result = export_ledger(
        conn, out, *period_bounds("2026-10"), load_limits(conn), TODAY, ledger_filter=only
    )
    ws = load_workbook(out)["台账"]
    assert "按台账筛选条件导出：形式：来信" in ws["A3"].value
    rows = list(ws.iter_rows(min_row=FIRST_ROW + 1, values_only=True))
    assert rows and {r[col("形式")] for r in rows} == {"来信"} and len(rows) == result.cases
    assert result.figures.cases > result.cases  # 统计 covers the whole month


def test_cancel_leaves_no_file(demo, tmp_path):
    conn = connect(demo, key=demo_key(demo))
    out = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        export_ledger(
            conn,
            out,
            dt.date(2024, 1, 1),
            TODAY,
            load_limits(conn),
            TODAY,
            progress=lambda done, total: False,
        )
    assert not out.exists() and not list(tmp_path.iterdir())


def test_cli_export_is_audited(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PETITION_DESK_PASSWORD", "demo-clerk")
    out = tmp_path / "m.xlsx"
    assert main(["export-ledger", "--db", str(demo), "--month", "2026-09", "--out", str(out)]) == 0
    assert out.exists() and "已打码" in capsys.readouterr().out
    row = (
        connect(demo, key=demo_key(demo))
        .execute("SELECT action, details FROM audit_log ORDER BY id DESC")
        .fetchone()
    )
    assert row[0] == "导出台账" and '"unmasked": false' in row[1]
