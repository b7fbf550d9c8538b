"""Reception days, the roster, swaps, 阅批 and 包案.

Lunar dates are checked against dates worked out by hand from published anchors, not with
lunardate: 春节 2026-02-17 and 2027-02-06 are 正月初一; 端午 2026-06-19 is 五月初五 and
中秋 2026-09-25 is 八月十五 (the State Council's holiday notice for 2026). Within one lunar
month, lunar day d falls (d - anchor) days after the anchor.
"""

import datetime as dt

import pytest

from conftest import admin_of
from petition_desk.db.connection import transaction
from petition_desk.domain import reception
from petition_desk.domain.workdays import WorkCalendar
from petition_desk.errors import ValidationError
from petition_desk.services import leaders, reception_store, roster
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_calendar
from petition_desk.services.directory import add_leader
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input

D = dt.date
DAYS_369 = (3, 6, 9, 13, 16, 19, 23, 26, 29)


def by_hand(anchor: dt.date, anchor_lunar_day: int) -> list[dt.date]:
    return [anchor + dt.timedelta(days=d - anchor_lunar_day) for d in DAYS_369]


HAND = {
    "2026 正月": by_hand(D(2026, 2, 17), 1),
    "2026 五月": by_hand(D(2026, 6, 19), 5),
    "2026 八月": by_hand(D(2026, 9, 25), 15),
    "2027 正月": by_hand(D(2027, 2, 6), 1),
}
RULE = reception.lunar(reception.lunar_days_ending_in((3, 6, 9)))


def all_slots(year, month, cal, rest=True):
    return [
        s.day for s in reception.month_slots([RULE], year, month, cal, include_rest_days=rest).slots
    ]


def test_369_means_nine_lunar_days():
    assert reception.lunar_days_ending_in((3, 6, 9)) == DAYS_369
    assert RULE.describe() == "农历逢三、六、九上午"


@pytest.mark.parametrize("month", list(HAND))
def test_lunar_days_agree_with_hand_computation(month):
    cal = WorkCalendar()
    expected = HAND[month]
    found = set()
    for ym in {(d.year, d.month) for d in expected}:
        found |= set(all_slots(*ym, cal))
    assert set(expected) <= found


def test_spring_festival_and_weekends_are_skipped_2026():
    cal = WorkCalendar()
    days = set(all_slots(2026, 2, cal, rest=False)) | set(all_slots(2026, 3, cal, rest=False))
    hand = HAND["2026 正月"]  # 2/19 2/22 2/25 3/1 3/4 3/7 3/11 3/14 3/17
    assert D(2026, 2, 19) in hand and D(2026, 2, 19) not in days  # 春节 holiday
    assert D(2026, 2, 22) not in days  # still the holiday
    assert D(2026, 3, 1) not in days and D(2026, 3, 7) not in days  # Sunday, Saturday
    assert {D(2026, 2, 25), D(2026, 3, 4), D(2026, 3, 11), D(2026, 3, 17)} <= days


def test_national_day_week_is_skipped():
    cal = WorkCalendar()
    days = set(all_slots(2026, 10, cal, rest=False))
    # 八月廿三 = 10/3 and 廿六 = 10/6 fall in the 国庆 holiday; 廿九 = 10/9 is a Friday.
    assert D(2026, 10, 3) not in days and D(2026, 10, 6) not in days
    assert D(2026, 10, 9) in days


@pytest.mark.parametrize(
    "day",
    [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
)
def test_makeup_working_weekends_count(day):
    cal = WorkCalendar()
    assert day.weekday() >= 5
    rule = reception.monthly(day.day)
    slots = reception.month_slots([rule], day.year, day.month, cal).slots
    assert [s.day for s in slots] == [day]


def test_weekly_rule_on_wednesday_mornings():
    cal = WorkCalendar()
    slots = reception.month_slots([reception.weekly(2)], 2026, 10, cal).slots
    assert [s.day.day for s in slots] == [14, 21, 28]  # 10/7 is in the 国庆 holiday
    assert reception.weekly(2).describe() == "每周三上午"


def test_rules_combine_without_duplicates():
    cal = WorkCalendar()
    both = reception.month_slots([RULE, reception.weekly(2)], 2026, 11, cal).slots
    assert len({(s.day, s.half_day) for s in both}) == len(both)
    assert D(2026, 11, 11) in [s.day for s in both]  # both a Wednesday and 十月初三


def test_year_without_holiday_data_is_flagged():
    slots = reception.month_slots([RULE], 2027, 3, WorkCalendar())
    assert slots.unconfirmed_year and not any(s.confirmed for s in slots.slots)


def test_lunar_text():
    assert reception.lunar_text(D(2026, 9, 25)) == "八月十五"
    assert reception.lunar_text(D(2026, 2, 17)) == "正月初一"
    assert reception.lunar_text(D(2026, 11, 11)) == "十月初三"


@pytest.fixture
def desk(conn):
    for name, title, principal in (
        ("陈国华", "党委书记", True),
        ("刘建平", "镇长", False),
        ("周敏", "副镇长", False),
    ):
        add_leader(conn, name, title, principal=principal, actor=admin_of(conn))
    reception_store.add_reception_rule(conn, RULE, actor=admin_of(conn))
    return conn


def test_rotation_is_fair_over_a_year(desk, clerk):
    for month in range(1, 13):
        roster.generate_month(desk, 2026, month, clerk, NOW)
    counts = roster.counts(desk, D(2026, 1, 1), D(2026, 12, 31))
    assert len(counts) == 3 and max(counts.values()) - min(counts.values()) <= 1
    assert sum(counts.values()) > 60


def test_regenerating_keeps_manual_changes(desk, clerk):
    entries = roster.generate_month(desk, 2026, 12, clerk, NOW).entries
    first = entries[0]
    roster.edit(desk, first.id, clerk, place="东坑村委会", department_id=1)
    again = roster.generate_month(desk, 2026, 12, clerk, NOW)
    kept = next(e for e in again.entries if e.day == first.day)
    assert kept.place == "东坑村委会" and kept.department == "农业农村办" and kept.manual
    assert again.kept_manual == 1 and len(again.entries) == len(entries)


def test_late_swap_refused_and_override_recorded(desk, clerk):
    entries = roster.generate_month(desk, 2026, 12, clerk, NOW).entries
    day = entries[0]  # 12/1? whichever comes first
    other = next(i for i in (1, 2, 3) if i != day.leader_id)
    today = day.day - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="须至少提前2天"):
        roster.swap(desk, day.id, other, clerk, today=today)
    with pytest.raises(ValidationError):
        roster.swap(desk, day.id, other, clerk, today=today, override=True)  # no reason
    swapped = roster.swap(
        desk, day.id, other, clerk, today=today, override=True, reason="县里临时开会"
    )
    assert swapped.leader_id == other and swapped.manual
    log = roster.changes(desk, day.day, day.day)
    assert log[-1]["action"] == "调换" and log[-1]["late_override"] == 1
    assert log[-1]["reason"] == "县里临时开会"


def test_timely_swap_exchanges_days(desk, clerk):
    entries = roster.generate_month(desk, 2026, 12, clerk, NOW).entries
    a = entries[0]
    b_leader = next(e.leader_id for e in entries if e.leader_id != a.leader_id)
    roster.swap(desk, a.id, b_leader, clerk, today=a.day - dt.timedelta(days=5))
    after = roster.month_entries(desk, 2026, 12)
    assert after[0].leader_id == b_leader
    # b's next own day after a's went to a's leader in return
    assert [e.leader_id for e in after].count(a.leader_id) == [e.leader_id for e in entries].count(
        a.leader_id
    )


def test_generation_needs_rules_and_leaders(conn, clerk):
    with pytest.raises(ValidationError, match="规则"):
        roster.generate_month(conn, 2026, 12, clerk)


def test_rest_day_setting_keeps_market_days(desk, clerk):
    with transaction(desk):
        settings_mod.save(desk, {"receive_on_rest_days": 1})
    entries = roster.generate_month(desk, 2026, 10, clerk, NOW).entries
    assert D(2026, 10, 3) in [e.day for e in entries]
    assert load_calendar(desk).is_working_day(D(2026, 10, 3)) is False


def test_review_rates_on_a_known_set(desk, clerk):
    ids = [register_case(desk, case_input(channel="来信"), clerk, NOW)[0] for _ in range(7)]
    at = dt.datetime(2026, 11, 5, 9)
    # principal (id 1): 4 passed, 3 annotated = 75% >= 70%; 刘建平 (2): 3 passed, 2 = 67% < 100%
    reviews = [
        leaders.pass_for_review(desk, c, 1 if i < 4 else 2, clerk, at) for i, c in enumerate(ids)
    ]
    for r in reviews[:3] + reviews[4:6]:
        leaders.record_review(desk, r, "请农业农村办核实", "已交办", clerk, at)
    rates = {r.leader: r for r in leaders.review_rates(desk, D(2026, 11, 1), D(2026, 11, 30))}
    assert (rates["陈国华"].passed, rates["陈国华"].reviewed) == (4, 3)
    assert rates["陈国华"].target == 70 and rates["陈国华"].meets_target
    assert (rates["刘建平"].passed, rates["刘建平"].reviewed) == (3, 2)
    assert rates["刘建平"].meets_target is False
    assert rates["周敏"].percent is None
    with pytest.raises(ValidationError, match="已登记批示"):
        leaders.record_review(desk, reviews[0], "再批", "", clerk, at)


def test_receiving_leader_is_first_responsible_and_stays(desk, clerk):
    case_id, _ = register_case(
        desk, case_input(channel="领导接访", leader_id=2, reception_kind="专题约访"), clerk, NOW
    )
    case = desk.execute(
        "SELECT first_leader_id, reception_kind FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    assert tuple(case) == (2, "专题约访")
    with pytest.raises(ValidationError, match="首问责任人已确定"):
        leaders.set_first_leader(desk, case_id, 3, "随机接访", clerk, NOW)
    owned = leaders.owned_cases(desk, 2)
    assert [c.id for c in owned] == [case_id] and owned[0].clocks


def test_owner_with_deadline(desk, clerk):
    case_id, _ = register_case(desk, case_input(), clerk, NOW)
    leaders.assign_owner(desk, case_id, 1, D(2026, 12, 31), clerk, NOW)
    assert [c.owner_due for c in leaders.owned_cases(desk, 1)] == ["2026-12-31"]
    with pytest.raises(ValidationError, match="不能早于今天"):
        leaders.assign_owner(desk, case_id, 1, D(2026, 1, 1), clerk, NOW)


def test_roster_cli_exports_pdf_and_xlsx(desk, db_path, tmp_path, capsys):
    import io
    import subprocess

    from openpyxl import load_workbook
    from pdfminer.high_level import extract_text

    from petition_desk.cli import main

    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    assert main(["roster", "--db", str(db_path), "--month", "2026-11", "--out", str(pdf)]) == 0
    assert main(["roster", "--db", str(db_path), "--month", "2026-11", "--out", str(xlsx)]) == 0
    text = "".join(extract_text(io.BytesIO(pdf.read_bytes())).split())
    assert "领导接待群众来访日安排表" in text and "十月初三" in text and "陈国华" in text
    rows = list(load_workbook(xlsx).active.iter_rows(min_row=4, values_only=True))
    assert rows[0][0] == "11月4日" and rows[0][2] == "九月廿六"
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    fonts = out.stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)
    assert main(["roster", "--db", str(db_path), "--month", "2026-13", "--out", str(pdf)]) == 2
