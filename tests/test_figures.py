"""Figures checked against counts worked out by hand for a small known set."""

import datetime as dt

import pytest

from petition_desk.domain.lifecycle import Action
from petition_desk.services import figures as F
from petition_desk.services import settings as settings_mod
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import get_case, perform
from petition_desk.services.registration import register_case
from tests.helpers import NOW, REPLY, case_input, person

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_month_figures(conn, clerk):
    at = dt.datetime(2026, 11, 3, 10)
    a, _ = register_case(conn, case_input(), clerk, NOW)  # 2 Nov, 来访
    b, _ = register_case(
        conn,
        case_input(
            channel="来信",
            category="民政",
            people=[person(name="王芳", id_number="", phone="13900001111")],
        ),
        clerk,
        NOW,
    )
    c, _ = register_case(
        conn,
        case_input(
            collective=True,
            head_count=30,
            people=[person(name="李四", id_number="", phone="13900002222", role="代表")],
        ),
        clerk,
        NOW,
    )
    register_case(conn, case_input(received_at=dt.datetime(2026, 10, 30, 9)), clerk, NOW)
    perform(conn, a, Action.ACCEPT, {}, clerk, at, NOW)
    perform(conn, a, Action.REPLY, REPLY, clerk, at, NOW)
    perform(conn, a, Action.FOLLOW_UP, {"satisfaction": "基本满意"}, clerk, at, NOW)
    perform(conn, b, Action.ACCEPT, {}, clerk, dt.datetime(2026, 11, 16, 9), NOW)  # day 14
    perform(conn, c, Action.FORWARD, {"organ": "县人社局"}, clerk, at, NOW)
    f = F.compute(conn, *NOV, NOW.date(), load_limits(conn))
    assert (f.cases, f.persons, f.collective_batches, f.collective_persons) == (3, 32, 1, 30)
    assert (f.letters, f.visit_batches, f.visit_persons) == (1, 2, 31)
    assert f.by_channel == {"来访": 2, "来信": 1}
    assert f.by_disposition == {"受理": 2, "转送": 1}
    # a: replied on time in November; b: accepted 16 Nov, reply not yet due -> not counted.
    assert (f.on_time.numerator, f.on_time.denominator) == (1, 1)
    assert str(f.satisfaction) == "100.0%" and str(f.participation) == "100.0%"
    assert f.settled.denominator == 1 and f.settled.numerator == 0
    assert f.settled.target == 95 and f.settled.below_target
    # The 30 Oct case, never handled, passes its 15-day notice limit on 14 Nov. Of the three
    # received 2 Nov, the notices of a (受理) and c (转送) were never issued: their 15-day clock
    # runs to 17 Nov, one day from "today" (16 Nov) -> due soon; b's handling clock runs on.
    soon, overdue = F.clock_counts(conn, NOW.date(), load_limits(conn))
    assert (overdue, f.overdue) == (1, 1)
    # Received 4 Nov: the notice is due 19 Nov, three days from "today" -> one more due soon.
    register_case(conn, case_input(received_at=dt.datetime(2026, 11, 4, 9)), clerk, NOW)
    assert F.clock_counts(conn, NOW.date(), load_limits(conn)) == (soon + 1, 1)


def test_timely_acceptance_follows_the_notice_actually_given(conn, clerk):
    a, _ = register_case(conn, case_input(received_at=dt.datetime(2026, 10, 1, 9)), clerk, NOW)
    perform(conn, a, Action.ACCEPT, {}, clerk, dt.datetime(2026, 10, 2, 9), NOW)
    first, last = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
    notice = get_case(conn, a)["notice_at"]
    f = F.compute(conn, first, last, NOW.date(), load_limits(conn))
    # Given (notice_at set) within 15 days: timely; never given and past the limit: not.
    expected = (1, 1) if notice and notice[:10] <= "2026-10-16" else (0, 1)
    assert (f.timely_acceptance.numerator, f.timely_acceptance.denominator) == expected


def test_late_extension_leaves_the_case_overdue_in_its_month(conn, clerk):
    received = dt.datetime(2026, 7, 30, 9)
    a, _ = register_case(conn, case_input(received_at=received), clerk, NOW)
    perform(conn, a, Action.ACCEPT, {}, clerk, dt.datetime(2026, 8, 1, 9), NOW)  # due 30 Sep
    late = {
        "leader": "陈国华",
        "reason": "情况复杂",
        "days": 30,
        "late": True,
        "late_reason": "逾期后补批",
    }
    perform(conn, a, Action.EXTEND, late, clerk, dt.datetime(2026, 10, 5, 9), NOW)
    perform(
        conn,
        a,
        Action.REPLY,
        REPLY,
        clerk,
        dt.datetime(2026, 10, 20, 9),
        NOW,
    )
    limits = load_limits(conn)
    sep = F.compute(conn, dt.date(2026, 9, 1), dt.date(2026, 9, 30), NOW.date(), limits)
    octo = F.compute(conn, dt.date(2026, 10, 1), dt.date(2026, 10, 31), NOW.date(), limits)
    nov = F.compute(conn, *NOV, NOW.date(), limits)
    # It fell overdue on 1 Oct: October counts it, as not on time, whatever the extension says.
    assert (octo.on_time.numerator, octo.on_time.denominator) == (0, 1)
    assert sep.on_time.denominator == 0 and nov.on_time.denominator == 0


def test_extension_in_time_moves_the_due_date(conn, clerk):
    a, _ = register_case(conn, case_input(received_at=dt.datetime(2026, 7, 30, 9)), clerk, NOW)
    perform(conn, a, Action.ACCEPT, {}, clerk, dt.datetime(2026, 8, 1, 9), NOW)  # due 30 Sep
    params = {"leader": "陈国华", "reason": "情况复杂", "days": 30}
    perform(conn, a, Action.EXTEND, params, clerk, dt.datetime(2026, 9, 20, 9), NOW)
    perform(
        conn,
        a,
        Action.REPLY,
        REPLY,
        clerk,
        dt.datetime(2026, 10, 20, 9),
        NOW,
    )
    octo = F.compute(
        conn, dt.date(2026, 10, 1), dt.date(2026, 10, 31), NOW.date(), load_limits(conn)
    )
    assert (octo.on_time.numerator, octo.on_time.denominator) == (1, 1)


@pytest.mark.parametrize(("head_count", "collective"), [(4, False), (5, True), (9, True)])
def test_a_visit_of_five_is_collective_whatever_the_checkbox(conn, clerk, head_count, collective):
    reps = [person(name="李四", id_number="", phone="13900002222", role="代表")]
    a, _ = register_case(
        conn, case_input(head_count=head_count, collective=False, people=reps), clerk, NOW
    )
    assert bool(get_case(conn, a)["collective"]) is collective


def test_collective_threshold_is_a_setting(conn, clerk):
    settings_mod.save(conn, {"collective_threshold": 10})
    conn.commit()
    a, _ = register_case(conn, case_input(head_count=9, collective=False), clerk, NOW)
    assert not get_case(conn, a)["collective"]


def test_every_figure_has_one_definition():
    keys = [d.key for d in F.DEFINITIONS]
    assert len(keys) == len(set(keys))
    for d in F.DEFINITIONS:
        assert d.label and d.tooltip and d.period and d.label in d.explain()
    for key in F.RATE_KEYS:
        assert F.BY_KEY[key].denominator and F.BY_KEY[key].target_setting
        settings_mod.declared(F.BY_KEY[key].target_setting)
