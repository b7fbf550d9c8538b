"""The 工作台 lists against cases set up by hand: what is due, when, and the status bar's count."""

import datetime as dt

import pytest

from conftest import NOW, admin_of, case_input, person
from petition_desk.domain import reception
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import ValidationError
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import perform
from petition_desk.services.directory import add_leader, list_departments
from petition_desk.services.figures import clock_counts
from petition_desk.services.leaders import assign_owner, pass_for_review
from petition_desk.services.registration import register_case
from petition_desk.services.workbench import Period, follow_up_due, workbench

REPLY = {
    "result": "支持",
    "facts_found": "经查，情况属实。",
    "basis": "《信访工作条例》第三十二条",
    "reasoning": "符合政策规定。",
    "text": "同意",
}
TODAY = NOW.date()  # Monday 16 Nov 2026


def _case(conn, clerk, received: dt.datetime, name: str) -> int:
    people = [person(name=name, id_number="", phone=f"139{abs(hash(name)) % 10**8:08d}")]
    return register_case(conn, case_input(received_at=received, people=people), clerk, NOW)[0]


@pytest.fixture
def desk(conn, clerk):
    """One case in each list, each due at a known distance from today."""
    ids = {}
    # Received 30 Oct: the 15-day notice fell due 14 Nov -> overdue.
    ids["late_notice"] = _case(conn, clerk, dt.datetime(2026, 10, 30, 9), "甲")
    # Received 1 Nov: notice due 16 Nov -> due today.
    ids["notice_today"] = _case(conn, clerk, dt.datetime(2026, 11, 1, 9), "乙")
    # Assigned with a department deadline of 20 Nov -> within 7 days.
    ids["assigned"] = _case(conn, clerk, dt.datetime(2026, 11, 10, 9), "丙")
    dept = list_departments(conn)[0][0]
    perform(
        conn,
        ids["assigned"],
        Action.ASSIGN,
        {"department_id": dept, "deadline": dt.date(2026, 11, 20)},
        clerk,
        dt.datetime(2026, 11, 10, 10),
        NOW,
    )
    # Replied 1 Nov: with the default 15 days the 回访 fell due 16 Nov -> today.
    ids["replied"] = _case(conn, clerk, dt.datetime(2026, 10, 20, 9), "丁")
    perform(conn, ids["replied"], Action.ACCEPT, {}, clerk, dt.datetime(2026, 10, 21, 9), NOW)
    perform(conn, ids["replied"], Action.REPLY, REPLY, clerk, dt.datetime(2026, 11, 1, 9), NOW)
    # 包案 due yesterday -> overdue; 阅批 waiting since 12 Nov.
    ids["owned"] = _case(conn, clerk, dt.datetime(2026, 11, 12, 9), "戊")
    perform(conn, ids["owned"], Action.ACCEPT, {}, clerk, dt.datetime(2026, 11, 12, 10), NOW)
    leader = add_leader(conn, "陈国华", "党委书记", principal=True, actor=admin_of(conn))
    assign_owner(
        conn, ids["owned"], leader, dt.date(2026, 11, 15), clerk, dt.datetime(2026, 11, 12, 12)
    )
    pass_for_review(conn, ids["owned"], leader, clerk, dt.datetime(2026, 11, 12, 11))
    return ids


def _where(wb, case_id):
    return {(g.key, i.period(wb.today)) for g in wb.groups for i in g.items if i.case_id == case_id}


def test_each_case_in_its_list_and_period(conn, desk):
    wb = workbench(conn, TODAY, load_limits(conn))
    assert _where(wb, desk["late_notice"]) == {("notices", Period.OVERDUE)}
    assert _where(wb, desk["notice_today"]) == {("notices", Period.TODAY)}
    assert _where(wb, desk["assigned"]) == {("departments", Period.WEEK)}
    assert _where(wb, desk["replied"]) == {("follow_ups", Period.TODAY)}
    assert _where(wb, desk["owned"]) == {
        ("owners", Period.OVERDUE),
        ("leader_reviews", Period.WAITING),
    }
    item = wb.group("departments").items[0]
    assert item.what == "农业农村办" and item.due == dt.date(2026, 11, 20)


def test_clock_lists_add_up_to_the_status_bar(conn, desk):
    limits = load_limits(conn)
    wb = workbench(conn, TODAY, limits)
    soon, overdue = clock_counts(conn, TODAY, limits)
    assert (wb.due_soon, wb.overdue) == (soon, overdue)
    clock_keys = ("notices", "departments", "replies", "reviews")
    assert sum(wb.group(k).counts(TODAY)[Period.OVERDUE] for k in clock_keys) == overdue
    # Later, the department's deadline has passed too: both figures move together.
    later = TODAY + dt.timedelta(days=6)
    wb = workbench(conn, later, limits)
    overdue = clock_counts(conn, later, limits)[1]
    assert sum(wb.group(k).counts(later)[Period.OVERDUE] for k in clock_keys) == overdue == 3


def test_follow_up_follows_the_setting(conn, clerk, admin, desk):
    limits = load_limits(conn)
    assert follow_up_due("2026-11-01", limits) == dt.date(2026, 11, 16)
    settings_mod.update(conn, {"follow_up_days": 30}, admin, NOW)
    limits = load_limits(conn)
    assert follow_up_due("2026-11-01", limits) == dt.date(2026, 12, 1)
    wb = workbench(conn, TODAY, limits)
    assert wb.group("follow_ups").items == ()  # 1 Dec is past this week
    wb = workbench(conn, dt.date(2026, 11, 25), limits)
    assert [i.case_id for i in wb.group("follow_ups").items] == [desk["replied"]]
    # Followed up: off the list.
    perform(conn, desk["replied"], Action.FOLLOW_UP, {"satisfaction": "满意"}, clerk, NOW, NOW)
    wb = workbench(conn, dt.date(2026, 12, 5), limits)
    assert wb.group("follow_ups").items == ()


def test_since_yesterday(conn, desk):
    wb = workbench(conn, TODAY, load_limits(conn))
    s = wb.since_yesterday
    assert s.due_today == {"待书面告知": 1, "待回访": 1}
    assert s.newly_overdue == {"领导包案到期": 1}  # due 15 Nov, a Sunday


def test_reception_today_and_next(conn, clerk, admin, desk):
    from petition_desk.services import reception_store, roster

    reception_store.add_reception_rule(conn, reception.weekly(0), actor=admin_of(conn))  # Mondays
    roster.generate_month(conn, 2026, 11, clerk, NOW)
    wb = workbench(conn, TODAY, load_limits(conn))
    assert [e.day for e in wb.receiving_today] == [TODAY]
    assert [e.day for e in wb.next_reception] == [dt.date(2026, 11, 23)]
    # Office hours (seed 篇十 8:00—16:00) give the reception times.
    assert wb.receiving_today[0].time == "8:00—12:00"
    settings_mod.update(conn, {"office_hours": "8:30—17:30"}, admin, NOW)
    assert workbench(conn, TODAY, load_limits(conn)).receiving_today[0].time == "8:30—12:00"


def test_office_hours_parsing():
    assert reception.half_day_times("8:00—16:00") == {
        "上午": "8:00—12:00",
        "下午": "14:00—16:00",
        "全天": "8:00—16:00",
    }
    assert reception.parse_office_hours(" 8：30 - 17:30 ") == (dt.time(8, 30), dt.time(17, 30))
    # Office hours that start after noon have no morning worth the name: it is clipped.
    assert reception.half_day_times("13:00-18:00")["下午"] == "14:00—18:00"
    for bad in ("", "八点", "16:00—8:00", "25:00—26:00"):
        with pytest.raises(ValidationError):
            reception.parse_office_hours(bad)
    assert settings_mod.coerce("office_hours", "8:00-16:00") == "8:00—16:00"
