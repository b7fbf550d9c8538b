"""保密 cases (issue 12): who sees them in full, and what everybody else sees — the matrix of
users × places (ledger rows, search, export rows, case detail, figure and workbench lists)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from conftest import admin_of, audit_log
from petition_desk.db.ledger_query import (
    COLUMN_KEYS,
    STUB,
    STUB_TEXT,
    LedgerFilter,
    Sort,
    count,
    count_sql,
    fetch_page,
    select_list,
    where_clause,
)
from petition_desk.domain.idcard import check_digit
from petition_desk.reports.ledger_export import export_and_record, ledger_rows
from petition_desk.services import audit
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import open_case
from petition_desk.services.directory import add_leader, get_user, insert_user
from petition_desk.services.figures import overdue_cases
from petition_desk.services.leaders import assign_owner, owned_cases, pass_for_review
from petition_desk.services.people import find_matches
from petition_desk.services.permissions import Role
from petition_desk.services.registration import register_case
from petition_desk.services.search_audit import SearchAudit, id_search_kind
from petition_desk.services.visibility import RestrictedCase, can_see, visible_sql
from petition_desk.services.workbench import workbench
from tests.helpers import NOW, case_input, person

SECRET_ID = "110105198001011234"[:17]
SECRET_ID += check_digit(SECRET_ID)
SECRET = "反映秘密举报某村干部贪污"
TODAY = dt.date(2026, 11, 16)
LATER = dt.date(2027, 6, 1)  # every open case of the desk is overdue by then

#: login -> may the user see the restricted case in full?
MATRIX = {
    "admin": True,  # the administrator
    "clerk": True,  # registered it
    "clerk2": False,  # another clerk
    "chen": True,  # 领导 陈国华, the case was passed to him for 阅批
    "li": False,  # 领导 李明, not named on the case
    "viewer": False,  # 查阅
    "wang": False,  # a clerk who happens to share a leader's name is not that leader
}


@pytest.fixture
def desk(conn, clerk):
    """A desk with one ordinary and one restricted case, and users of every kind."""
    insert_user(conn, "clerk2", "王五", Role.CLERK)
    insert_user(conn, "chen", "陈国华", Role.LEADER)
    insert_user(conn, "li", "李明", Role.LEADER)
    insert_user(conn, "viewer", "查阅员", Role.VIEWER)
    insert_user(conn, "wang", "陈国华", Role.CLERK)
    chen = add_leader(conn, "陈国华", "党委书记", principal=True, actor=admin_of(conn))
    add_leader(conn, "李明", "镇长", actor=admin_of(conn))
    plain, _ = register_case(conn, case_input(), clerk, NOW)
    secret_input = case_input(
        summary=SECRET,
        request="要求查处",
        facts="秘密",
        confidential=True,
        people=[person(name="赵秘密", id_number=SECRET_ID, phone="13900001111")],
    )
    secret, number = register_case(conn, secret_input, clerk, NOW)
    pass_for_review(conn, secret, chen, clerk, NOW)
    return {"plain": plain, "secret": secret, "number": number}


def rows_for(conn, login: str, **filters) -> list:
    f = LedgerFilter(visible=visible_sql(get_user(conn, login)), **filters)
    q = where_clause(f, TODAY, 3, 30)
    rows = fetch_page(conn, q, Sort(), 200, 0).rows
    assert count(conn, q) == len(rows)
    return rows


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_ledger_rows(conn, desk, login, sees):
    rows = {r[11]: r for r in rows_for(conn, login)}  # by case id (first of EXTRA)
    assert set(rows) == {desk["plain"], desk["secret"]}  # a restricted case is listed to all
    secret = rows[desk["secret"]]
    assert secret[0] == desk["number"] and secret[1].startswith("2026-11-02")
    if sees:
        assert secret[6] == SECRET
    else:
        assert secret[2:11] == (STUB_TEXT,) * 2 + (None,) + (STUB_TEXT,) * 4 + (None, STUB_TEXT)
        assert secret[12:] == (None, None, 0, 0)
    assert rows[desk["plain"]][6] == "反映征地补偿款未足额发放"


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
@pytest.mark.parametrize(
    "text",
    [SECRET[2:8], "秘密", "贪", SECRET_ID[:8], SECRET_ID, "13900001111", "zmm", "检秘"],
)
def test_search_never_finds_a_hidden_case(conn, desk, login, sees, text):
    """Every path of the search (trigram, 2-gram, LIKE, people's numbers, pinyin)."""
    found = {r[11] for r in rows_for(conn, login, search=text)}
    expect_secret = sees and text != "检秘"
    assert (desk["secret"] in found) is expect_secret


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_a_detail_filter_leaves_a_hidden_case_out_but_a_date_range_keeps_it(
    conn, desk, login, sees
):
    by_category = {r[11] for r in rows_for(conn, login, category="国土资源(征地拆迁)")}
    assert (desk["secret"] in by_category) is sees
    by_date = {r[11] for r in rows_for(conn, login, date_from=dt.date(2026, 11, 1))}
    assert desk["secret"] in by_date


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_case_detail(conn, desk, login, sees):
    user = get_user(conn, login)
    assert can_see(conn, user, desk["secret"]) is sees
    assert can_see(conn, user, desk["plain"])
    before = len(audit_log(conn))
    if sees:
        assert open_case(conn, desk["secret"], user)["summary"] == SECRET
        entry = audit_log(conn, 1)[0]
        assert (entry["actor"], entry["action"]) == (user.name, "查看案件个人信息")
        assert audit.describe(json.loads(entry["details"])) == f"案件：{desk['number']}"
    else:
        with pytest.raises(RestrictedCase, match=f"案件{desk['number']}是保密案件.*管理员"):
            open_case(conn, desk["secret"], user)
        assert len(audit_log(conn)) == before  # nothing was shown


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_export_rows(conn, desk, login, sees):
    f = LedgerFilter(visible=visible_sql(get_user(conn, login)))
    limits = load_limits(conn)
    rows = list(ledger_rows(conn, TODAY.replace(day=1), TODAY, limits, TODAY, ledger_filter=f))
    assert [r[1] for r in rows] == sorted([r[1] for r in rows]) and len(rows) == 2
    secret = next(r for r in rows if r[1] == desk["number"])
    if sees:
        assert SECRET in secret
    else:
        assert secret[3:] == [STUB_TEXT] * (len(secret) - 3)
        assert all(SECRET_ID not in str(v) for v in secret)


def test_the_exported_file_holds_stubs_and_says_so_in_the_audit(conn, desk, tmp_path):
    other = get_user(conn, "clerk2")
    out = tmp_path / "台账.xlsx"
    limits = load_limits(conn)
    first, last = TODAY.replace(day=1), TODAY
    result = export_and_record(conn, out, first, last, limits, TODAY, other, unmasked=True)
    assert result.cases == 2
    cells = [str(c) for row in load_workbook(out)["台账"].iter_rows(values_only=True) for c in row]
    assert desk["number"] in cells and SECRET not in " ".join(cells)
    assert all(SECRET_ID not in c for c in cells)
    entry = audit_log(conn, 1)[0]
    details = json.loads(entry["details"])
    assert entry["action"] == "导出台账"
    assert (details["cases"], details["unmasked"]) == (2, True) and "filter" not in details


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_figure_and_workbench_details(conn, desk, login, sees):
    vis = visible_sql(get_user(conn, login))
    overdue = {o.number: o for o in overdue_cases(conn, LATER, vis)}
    assert len(overdue) == 2  # both are overdue: the count counts the hidden one
    secret = overdue[desk["number"]]
    assert (secret.summary == SECRET) is sees
    if not sees:
        assert {secret.people, secret.category, secret.state, secret.clock} == {STUB_TEXT}
    items = [i for g in workbench(conn, LATER, load_limits(conn), vis).groups for i in g.items]
    mine = [i for i in items if i.case_id == desk["secret"]]
    assert mine  # listed
    for item in mine:
        assert (item.summary == SECRET) is sees
        assert (item.who == STUB_TEXT) is not sees


def test_the_rule_uses_indexes(conn, desk):
    """The ledger's first page keeps its plan: the rule's look-ups go through indexes."""
    vis = visible_sql(get_user(conn, "li"))
    plan = [
        r[3]
        for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT {select_list(vis)} FROM cases c "
            "LEFT JOIN departments d ON d.id = c.department_id "
            "ORDER BY c.received_at DESC, c.id DESC LIMIT 200"
        )
    ]
    scans = [p for p in plan if p.startswith("SCAN") and not p.startswith("SCAN l")]
    assert scans and all("USING" in p for p in scans), plan  # leaders: a few rows
    assert not any("case_events" in p for p in plan), plan  # the registrar is on the row
    assert any("leader_reviews_case" in p for p in plan), plan


def test_an_id_search_is_audited_once(conn, clerk):
    clock = [dt.datetime(2026, 11, 16, 9, 0)]
    log = SearchAudit(conn, clerk, lambda: clock[0])
    typed = ["3", "36", "3607", "360721", "36072119", "360721198001011234", "36072119"]
    assert [log.searched(t) for t in typed] == [False] * 3 + [True] + [False] * 3
    assert log.searched("张建国") is False and log.searched("2026-0137") is False
    assert log.searched("13800001111") is True  # another number
    clock[0] += dt.timedelta(minutes=10)
    assert log.searched("1380000") is True  # later: a new search
    entries = [e for e in audit_log(conn) if e["action"] == "按身份证号查询"]
    assert len(entries) == 3
    texts = [audit.describe(json.loads(e["details"])) for e in reversed(entries)]
    assert texts[0] == "内容：身份证号或电话号码的前6位"
    assert all("360721" not in e["details"] for e in entries)  # never the number


def test_what_counts_as_an_id_search():
    assert id_search_kind(" 110105198001011234 ") == "完整身份证号"
    assert id_search_kind("11010519800101123x") == "完整身份证号"
    assert id_search_kind("11010") is None
    assert id_search_kind("2026-0137") is None
    assert id_search_kind("zjg") is None


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_earlier_cases_of_a_person_on_the_registration_form(conn, desk, login, sees):
    """The match panel lists the person's cases: a hidden one by number and date only."""
    vis = visible_sql(get_user(conn, login))
    (match,) = find_matches(conn, id_number=SECRET_ID, visible=vis)
    (case,) = match.cases
    assert case.number == desk["number"] and case.received_at.startswith("2026-11-02")
    assert (case.summary == SECRET) is sees
    if not sees:
        assert (case.category, case.state, case.next_due) == (STUB_TEXT, STUB_TEXT, None)


def test_export_entries_read_in_chinese():
    details = {"from": "2026-11-01", "cases": 2, "unmasked": False, "filter": "类别：民政"}
    assert (
        audit.describe(details)
        == "起：2026-11-01；件数：2；身份证号和电话：已打码；筛选条件：类别：民政"
    )
    assert audit.describe({"year": 2026, "rows": 3}) == "年度：2026；行数：3"


def test_a_search_count_subtracts_hidden_cases_from_the_restricted_index(conn, desk):
    """Counting a search for a user who may not see everything does not read every match:
    the hidden matches are found from index cases_confidential."""
    f = LedgerFilter(search="秘密", visible=visible_sql(get_user(conn, "li")))
    q = where_clause(f, TODAY, 3, 30)
    sql, params = count_sql(q)
    plan = " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "cases_confidential" in plan, plan
    assert count(conn, q) == 0
    assert count(conn, where_clause(LedgerFilter(search="秘密"), TODAY, 3, 30)) == 1


@pytest.mark.parametrize(("login", "sees"), MATRIX.items())
def test_a_leaders_owned_cases_on_the_reception_page(conn, desk, clerk, login, sees):
    chen = conn.execute("SELECT id FROM leaders WHERE name = '陈国华'").fetchone()[0]
    assign_owner(conn, desk["secret"], chen, dt.date(2026, 12, 31), clerk, NOW)
    (case,) = owned_cases(conn, chen, visible_sql(get_user(conn, login)))
    assert case.number == desk["number"] and case.owner_due == "2026-12-31"
    assert (case.summary, case.state) == ((SECRET, "已登记") if sees else (STUB_TEXT,) * 2)


def test_the_monthly_report_lists_a_restricted_case_by_number_only(conn, desk):
    """The 信访分析报告 leaves the desk: a 保密 case is a stub whoever issues it."""
    from petition_desk.services import analysis_reports

    data = analysis_reports.gather(conn, "2027-05", LATER, load_limits(conn), analysis="无")
    overdue = {o.number: o for o in data.overdue}
    assert overdue[desk["number"]].summary == STUB_TEXT
    assert overdue[desk["number"]].people == STUB_TEXT
    assert any(o.summary not in (STUB_TEXT, SECRET) for o in data.overdue)  # the plain one


@pytest.mark.parametrize(("login", "sees"), [("viewer", False), ("li", False), ("clerk", True)])
@pytest.mark.parametrize("column", [c for c in COLUMN_KEYS if c in STUB])
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_a_hidden_column_tells_nothing(
    conn, desk, clerk, login, sees, column, descending
):
    """Sorted by a column a hidden case does not show, it comes after every case the viewer
    sees, whatever its real value; page by page the rows are the same as in one page."""
    for category, summary in (("民政", "反映低保评定不公"), ("城乡建设", "反映道路损毁")):
        register_case(conn, case_input(category=category, summary=summary), clerk, NOW)
    f = LedgerFilter(visible=visible_sql(get_user(conn, login)))
    q = where_clause(f, TODAY, 3, 30)
    sort = Sort(column, descending)
    whole = [r[11] for r in fetch_page(conn, q, sort, 200, 0).rows]
    assert len(whole) == 4 and desk["secret"] in whole
    if not sees:
        assert whole[-1] == desk["secret"]
    paged = [r[11] for offset in range(0, 5, 2) for r in fetch_page(conn, q, sort, 2, offset).rows]
    assert paged == whole


def test_a_leader_user_is_linked_to_the_leader_not_to_a_name(opened, conn, desk, admin):
    """Renaming the leader keeps the link; a second leader of the same name sees nothing;
    the administrator links a user explicitly, and only a 领导 user."""
    from petition_desk.errors import ValidationError
    from petition_desk.services import access, directory
    from petition_desk.services.permissions import PermissionDenied

    chen = get_user(conn, "chen")
    assert chen.leader_id is not None and get_user(conn, "wang").leader_id is None
    directory.update_leader(conn, chen.leader_id, "陈国华同志", "党委书记", True, admin, NOW)
    assert can_see(conn, get_user(conn, "chen"), desk["secret"])
    namesake = add_leader(conn, "陈国华同志", "镇人大主席", actor=admin)  # not chen's leader
    insert_user(conn, "chen2", "陈国华同志", Role.LEADER)
    chen2 = get_user(conn, "chen2")
    assert chen2.leader_id is None  # two leaders of that name: nobody guesses which
    assert not can_see(conn, chen2, desk["secret"])
    access.set_leader(opened, "chen2", namesake)
    assert get_user(conn, "chen2").leader_id == namesake
    assert not can_see(conn, get_user(conn, "chen2"), desk["secret"])
    assert audit_log(conn, 1)[0]["details"].find("陈国华同志") >= 0
    with pytest.raises(ValidationError, match="已对应用户"):
        access.set_leader(opened, "chen2", chen.leader_id)
    with pytest.raises(ValidationError, match="不是领导角色"):
        access.set_leader(opened, "wang", namesake)
    as_clerk = dataclasses.replace(opened, user=get_user(conn, "clerk"))
    with pytest.raises(PermissionDenied):
        access.set_leader(as_clerk, "chen2", None)


def test_a_removed_link_stays_removed_and_a_former_leader_loses_it(opened, conn, desk, admin):
    """The administrator unlinks 陈国华 (another person of that name): adding users and leaders
    or changing roles never links him back; a 领导 user made a clerk loses the link."""
    from petition_desk.services import access

    access.set_leader(opened, "chen", None)
    add_leader(conn, "周敏", "副镇长", actor=admin)
    access.add_user(opened, "zhou", "周敏", Role.LEADER, "zhou-password")
    access.set_role(opened, "li", Role.LEADER, True)
    assert get_user(conn, "chen").leader_id is None
    assert not can_see(conn, get_user(conn, "chen"), desk["secret"])
    zhou = get_user(conn, "zhou")
    assert zhou.leader_id is not None  # the new user, linked by a name only they have
    assert any(e["action"] == "修改用户" and "周敏" in e["details"] for e in audit_log(conn, 3))
    access.set_role(opened, "zhou", Role.CLERK, True)
    assert get_user(conn, "zhou").leader_id is None
