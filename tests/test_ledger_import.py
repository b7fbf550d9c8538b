"""Import a messy ledger built here: title row, merged header, mixed dates, a numeric ID."""

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from petition_desk.cli import main
from petition_desk.errors import DeskError, ValidationError
from petition_desk.reports import ledger_import
from petition_desk.reports.dates import parse_when
from petition_desk.reports.ledger_import import AccountsMismatch, import_ledger
from petition_desk.reports.ledger_rows import SUMMARY_LENGTH
from petition_desk.services.cases import get_case, history
from petition_desk.services.checks import check_database
from petition_desk.services.registration import validate
from tests.helpers import NOW, case_input

HEADER = [
    "序号",
    "来访日期",
    "来访人",
    "身份证号码",
    "电话",
    "住址",
    "形式",
    "问题类别",
    "反映问题",
    "诉求",
    "状态",
]


@pytest.fixture
def messy(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["青石镇2025年信访工作台账"])
    ws.merge_cells("A1:K1")
    ws.append(HEADER)
    rows = [
        [
            1,
            "2025-3-5",
            "张建国",
            "11010519491231002X",
            "13812341234",
            "东坑村3组",
            "来访",
            "国土资源(征地拆迁)",
            "征地补偿款未足额发放",
            "足额发放",
            "已办结",
        ],
        [
            2,
            "2025/3/6",
            "王芳",
            None,
            "13900001111",
            "西岭村",
            "来信",
            "民政",
            "申请低保",
            "纳入低保",
            "办理中",
        ],
        [
            3,
            "2025.3.7",
            "李秀英",
            None,
            "0797-8123456",
            "南塘村",
            "电话",
            "环境卫生",
            "养殖场污水",
            "整治",
            "",
        ],
        [None] * 11,
        [
            4,
            "2025年3月8日",
            "赵四",
            110105194912310000,
            "13700000000",
            "北岗村",
            "来访",
            "民政",
            "反映问题",
            "诉求",
            "",
        ],
        [5, 45730, "钱五", None, "13600000000", "上湾村", "走访", "其他", "咨询政策", "", ""],
        HEADER,
        [
            6,
            "2025-2-30",
            "孙六",
            None,
            "13500000000",
            "下湾村",
            "来访",
            "其他",
            "日期不存在",
            "诉求",
            "",
        ],
        [7, "2025-3-9", "周七", None, "12345", "桃源村", "来访", "其他", "电话不对", "诉求", ""],
        [
            8,
            "2025-3-10",
            "吴八",
            None,
            "13400000000",
            "石桥村",
            "飞鸽传书",
            "其他",
            "形式不明",
            "诉求",
            "",
        ],
        ["合计", None, "8人"],
    ]
    for r in rows:
        ws.append(r)
    path = tmp_path / "旧台账.xlsx"
    wb.save(path)
    return path


def test_dry_run_reports_everything_and_writes_nothing(conn, clerk, messy):
    report = import_ledger(conn, messy, clerk, dry_run=True, now=NOW)
    assert report.mapping["name"] == "来访人" and report.mapping["received_at"] == "来访日期"
    assert report.would_import == 4
    reasons = {r.row: r.reason for r in report.rejected}
    assert set(reasons) == {7, 10, 11, 12}
    assert "存成了数字" in reasons[7]
    assert "不存在" in reasons[10]
    assert "联系电话" in reasons[11] or "手机" in reasons[11] or "固定电话" in reasons[11]
    assert "飞鸽传书" in reasons[12]
    # The blank row 6 is not read; the repeated header and the 合计 row are skipped.
    assert dict(report.skipped) == {9: "重复的表头行", 13: "合计行"}
    assert report.identity() == "读取 10 行 = 可导入 4 + 拒绝 4 + 跳过 2"
    assert any("环境卫生" in w and "保留" in w for _, w in report.warnings)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert not messy.with_name("旧台账-未导入.xlsx").exists()


def test_import_keeps_good_rows_records_events_and_writes_rejects(conn, key, clerk, messy, db_path):
    report = import_ledger(conn, messy, clerk, now=NOW)
    assert [n for _, _, n in report.imported] == [
        "2025-0001",
        "2025-0002",
        "2025-0003",
        "2025-0004",
    ]
    assert report.identity() == "读取 10 行 = 导入 4 + 拒绝 4 + 跳过 2"
    first = get_case(conn, "2025-0001")
    assert first["state"] == "已办结" and first["received_at"] == "2025-03-05T00:00"
    assert get_case(conn, "2025-0002")["state"] == "已受理"  # 办理中
    assert get_case(conn, "2025-0003")["category"] == "环境卫生"  # not on the list: kept
    serial = get_case(conn, "2025-0004")
    assert serial["received_at"].startswith("2025-03-14") and serial["channel"] == "来访"  # 45730
    events = history(conn, first["id"])
    assert [e.action for e in events] == ["登记", "导入（已办结）"]
    assert "旧台账.xlsx" in events[1].data["source"]
    book = load_workbook(report.rejects_file)
    rows = list(book["未导入"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [7, 10, 11, 12] and all(r[2] for r in rows)
    accounts = list(book["核对"].iter_rows(values_only=True))
    assert ("合计", "读取 10 行 = 导入 4 + 拒绝 4 + 跳过 2") in accounts
    assert check_database(db_path, key=key).healthy


def test_failure_midway_leaves_the_database_unchanged(conn, clerk, messy, monkeypatch):
    calls = {"n": 0}
    real = ledger_import._import_row

    def failing(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk gone")
        return real(*args, **kw)

    monkeypatch.setattr(ledger_import, "_import_row", failing)
    with pytest.raises(RuntimeError):
        import_ledger(conn, messy, clerk, now=NOW)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM number_sequences").fetchone()[0] == 0


def test_a_row_lost_on_the_way_is_refused_before_anything_is_written(
    conn, clerk, messy, monkeypatch
):
    real = ledger_import.classify

    def losing(layout, overrides=None):
        for n, kind in enumerate(real(layout, overrides)):
            if n != 2:  # the bug: one row silently dropped
                yield kind

    monkeypatch.setattr(ledger_import, "classify", losing)
    with pytest.raises(AccountsMismatch, match="导入核对不符"):
        import_ledger(conn, messy, clerk, now=NOW)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_a_miscount_after_writing_rolls_the_import_back(conn, clerk, messy, monkeypatch):
    real = ledger_import._import_row
    calls = {"n": 0}

    def skipping(*args, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            return "lost"  # the bug: a row reported imported that never was
        return real(*args, **kw)

    monkeypatch.setattr(ledger_import, "_import_row", skipping)
    with pytest.raises(AccountsMismatch, match="实际新增 3 件"):
        import_ledger(conn, messy, clerk, now=NOW)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_mapping_can_be_corrected(conn, clerk, tmp_path):
    wb = Workbook()
    wb.active.append(["日期", "报告人", "摘要", "村别"])
    wb.active.append(["2025-4-1", "郑九", "反映路灯不亮", "青石村"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(DeskError, match="表头"):
        import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    report = import_ledger(
        conn, path, clerk, mapping={"name": "报告人", "address": "村别"}, now=NOW
    )
    assert len(report.imported) == 1
    assert report.identity() == "读取 1 行 = 导入 1 + 拒绝 0 + 跳过 0"


def test_not_a_workbook(conn, clerk, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("hello")
    with pytest.raises(DeskError, match="无法读取"):
        import_ledger(conn, path, clerk, dry_run=True)


def test_cli_dry_run(db_path, conn, messy, capsys):
    assert main(["import-ledger", "--db", str(db_path), str(messy), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "试运行（未写入数据库）：读取 10 行 = 可导入 4 + 拒绝 4 + 跳过 2" in out
    assert "未导入第 7 行" in out and "跳过第 13 行：合计行" in out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-3-5", dt.datetime(2025, 3, 5)),
        ("2025/03/05", dt.datetime(2025, 3, 5)),
        ("2025.3.5", dt.datetime(2025, 3, 5)),
        ("2025年3月5日", dt.datetime(2025, 3, 5)),
        ("2025-3-5 14:30", dt.datetime(2025, 3, 5, 14, 30)),
        (45721, dt.datetime(2025, 3, 5)),
        ("45721", dt.datetime(2025, 3, 5)),
        (dt.date(2025, 3, 5), dt.datetime(2025, 3, 5)),
    ],
)
def test_dates_in_the_forms_people_type(text, expected):
    assert parse_when(text) == expected


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none()))
def test_date_parser_never_crashes(value):
    with contextlib.suppress(ValidationError):
        parse_when(value)


def test_only_the_import_may_keep_a_category_off_the_list():
    case = case_input(category="环境卫生")
    with pytest.raises(ValidationError, match="问题类别"):
        validate(case, NOW, ["民政", "其他"])
    validate(case, NOW, ["民政", "其他"], unlisted_category=True)
    with pytest.raises(ValidationError, match="问题类别"):
        validate(case_input(category=" "), NOW, ["民政"], unlisted_category=True)


def test_content_columns_import_without_options(conn, clerk, tmp_path):
    long = "反映" + "村里道路年久失修坑洼不平" * 5 + "，要求修路"
    wb = Workbook()
    ws = wb.active
    ws.append(["来访日期", "来访人", "住址", "来信来访内容", "反映问题类别"])
    ws.append(["2025-4-1", "郑九", "青石村", "反映路灯不亮。请求尽快维修。", "城乡建设"])
    ws.append(["2025-4-2", "冯十", "青石村", long, "城乡建设"])
    path = tmp_path / "content.xlsx"
    wb.save(path)
    report = import_ledger(conn, path, clerk, now=NOW)
    assert report.identity() == "读取 2 行 = 导入 2 + 拒绝 0 + 跳过 0"
    first, second = get_case(conn, "2025-0001"), get_case(conn, "2025-0002")
    assert first["summary"] == "反映路灯不亮。" and first["request"].endswith("请求尽快维修。")
    assert first["facts"] == "反映路灯不亮。请求尽快维修。" and first["category"] == "城乡建设"
    assert len(second["summary"]) == SUMMARY_LENGTH and second["summary"].endswith("…")
    assert second["request"] == long


def test_numbers_of_several_people_are_matched_line_by_line_never_guessed(conn, clerk, tmp_path):
    a, b = "11010519491231002X", "110105198001010016"
    wb = Workbook()
    ws = wb.active
    ws.append(["登记日期", "信访人", "身份证号", "联系电话", "住址", "摘要"])
    ws.append(["2025-3-5", "张三 李四", f"\n{b}", "13800000001\n13800000002", "东坑村", "甲"])
    ws.append(["2025-3-6", "王五、赵六", "", "13800000003", "东坑村", "乙"])
    ws.append(["2025-3-7", "钱七 孙八", a, "", "东坑村", "丙"])
    ws.append(["2025-3-8", "周九 吴十 郑一", f"{a}\n{b}", "", "东坑村", "丁"])
    path = tmp_path / "people.xlsx"
    wb.save(path)
    report = import_ledger(conn, path, clerk, now=NOW)
    assert report.identity() == "读取 4 行 = 导入 2 + 拒绝 2 + 跳过 0"
    assert [r.row for r in report.rejected] == [4, 5]  # a lone ID, and 2 IDs for 3 people
    assert all("无法确定各属于谁" in r.reason for r in report.rejected)
    people = dict(
        conn.execute(
            "SELECT name, coalesce(id_number, '') || '/' || coalesce(phone, '') FROM people"
        )
    )
    assert people == {
        "张三": "/13800000001",
        "李四": f"{b}/13800000002",
        "王五": "/13800000003",  # the contact phone: the first named, with a note
        "赵六": "/",
    }
    assert any("第一位信访人的电话" in w for _, w in report.warnings)


def test_a_ledger_imported_twice_adds_nothing_the_second_time(conn, clerk, messy):
    """Every row already in the desk (same time received, petitioners and summary) is skipped
    with the number of its case, never registered twice; the accounts still add up."""
    first = import_ledger(conn, messy, clerk, now=NOW)
    again = import_ledger(conn, messy, clerk, now=NOW)
    assert again.identity() == "读取 10 行 = 导入 0 + 拒绝 4 + 跳过 6"
    reasons = dict(again.skipped)
    for _sheet, row, number in first.imported:
        assert reasons[row].startswith(f"已在台账中（案件 {number}")
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 4


def test_a_row_repeated_in_the_file_is_imported_once(conn, clerk, tmp_path):
    wb = Workbook()
    october, november = wb.active, wb.create_sheet("11月")
    october.title = "10月"
    row = ["2025-10-31", "郑九", "青石村", "反映路灯不亮", "城乡建设"]
    for ws in (october, november):
        ws.append(["来访日期", "来访人", "住址", "反映问题", "问题类别"])
    october.append(row)
    october.append(row)  # pasted twice
    november.append(row)  # and again in the next month's sheet
    november.append(["2025-11-03", "郑九", "青石村", "反映路灯仍不亮", "城乡建设"])
    path = tmp_path / "two-months.xlsx"
    wb.save(path)
    report = import_ledger(conn, path, clerk, now=NOW)
    assert report.identity() == "读取 4 行 = 导入 2 + 拒绝 0 + 跳过 2"
    october_report, november_report = report.read_sheets
    assert october_report.skipped == [
        (3, "与第 2 行重复（收到时间、方式、信访人及身份证号和全部内容都相同），只导入一次")
    ]
    assert november_report.skipped == [
        (
            2,
            "与工作表“10月”第 2 行重复（收到时间、方式、信访人及身份证号和全部内容都相同），只导入一次",
        )
    ]


def test_rows_that_differ_in_a_person_or_in_their_text_are_both_imported(conn, clerk, tmp_path):
    """Same day, same name, same short summary: two people (their ID numbers differ), or one
    person with two requests, are two cases."""
    wb = Workbook()
    ws = wb.active
    ws.append(["来访日期", "来访人", "身份证号码", "住址", "反映问题", "问题类别"])
    for id_number, month in (
        ("11010519491231002X", 3),
        ("110105198001010016", 3),
        ("110105198001010016", 4),
    ):
        text = f"反映拖欠工资。要求支付{month}月工资"
        ws.append(["2025-5-6", "张伟", id_number, "青石村", text, "劳动和社会保障"])
    path = tmp_path / "zhangwei.xlsx"
    wb.save(path)
    report = import_ledger(conn, path, clerk, now=NOW)
    assert report.identity() == "读取 3 行 = 导入 3 + 拒绝 0 + 跳过 0"


def test_a_hidden_restricted_case_is_never_named_by_the_import(opened, conn, clerk, tmp_path):
    """A row equal to a 保密 case the importing clerk may not see is not reported as "already
    in the desk" (that would confirm who filed it); the registering clerk's import skips it."""
    from petition_desk.services.directory import get_user, insert_user
    from petition_desk.services.registration import register_case
    from tests.helpers import person

    secret = case_input(
        received_at=dt.datetime(2025, 6, 1, 9, 0),
        summary="反映秘密举报某村干部",
        request="要求查处",
        facts="",
        confidential=True,
        people=[person(name="赵秘密", id_number="")],
    )
    register_case(conn, secret, clerk, NOW)
    wb = Workbook()
    ws = wb.active
    ws.append(["来访日期", "来访人", "住址", "摘要", "诉求", "形式", "问题类别"])
    row = ["2025-6-1 9:00", "赵秘密", "青石镇东坑村3组", "反映秘密举报某村干部", "要求查处", "来访"]
    ws.append([*row, secret.category])
    path = tmp_path / "secret.xlsx"
    wb.save(path)
    insert_user(conn, "clerk2", "王五", "信访员")
    other = import_ledger(conn, path, get_user(conn, "clerk2"), dry_run=True, now=NOW)
    assert not any("已在台账中" in why for _, why in other.skipped)
    own = import_ledger(conn, path, clerk, dry_run=True, now=NOW)
    assert [why.startswith("已在台账中（案件 2025-") for _, why in own.skipped] == [True]
