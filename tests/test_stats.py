"""Figures checked against counts worked out by hand for a small known set."""

import datetime as dt

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.services import documents, settings
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.cases import perform
from petition_desk.services.registration import register_case
from petition_desk.services.stats import due_counts, figures
from tests.helpers import NOW, case_input, person


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
    perform(
        conn,
        a,
        Action.REPLY,
        {
            "result": "支持",
            "facts_found": "经查，情况属实。",
            "basis": "《信访工作条例》第三十二条",
            "reasoning": "符合政策规定。",
            "text": "同意",
        },
        clerk,
        at,
        NOW,
    )
    perform(conn, a, Action.FOLLOW_UP, {"satisfaction": "基本满意"}, clerk, at, NOW)
    perform(conn, b, Action.ACCEPT, {}, clerk, dt.datetime(2026, 11, 16, 9), NOW)  # day 14
    perform(conn, c, Action.FORWARD, {"organ": "县人社局"}, clerk, at, NOW)
    month = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    # A notice counts when it is issued, not when the decision is taken.
    f = figures(conn, *month, dt.date(2026, 11, 20), load_limits(conn))
    assert (f.timely_notice.numerator, f.timely_notice.denominator) == (0, 3)
    with transaction(conn):
        settings.save(conn, {"unit_name": "青石镇人民政府"})
    documents.issue(conn, a, "acceptance", clerk, at)
    documents.issue(conn, b, "acceptance", clerk, dt.datetime(2026, 11, 16, 9, 30))
    documents.issue(conn, c, "forward", clerk, at)
    f = figures(conn, *month, NOW.date(), load_limits(conn))
    assert (f.batches, f.persons, f.collective, f.collective_persons) == (3, 32, 1, 30)
    assert f.by_channel == {"来访": 2, "来信": 1}
    assert f.by_disposition == {"受理": 2, "转送": 1}
    assert (f.timely_notice.numerator, f.timely_notice.denominator) == (3, 3)
    # a: replied on time; b: accepted 16 Nov, reply not yet due -> not counted.
    assert (f.on_time_reply.numerator, f.on_time_reply.denominator) == (1, 1)
    assert str(f.satisfaction) == "100.0%" and str(f.participation) == "100.0%"
    assert f.settled.denominator == 1 and f.settled.numerator == 0
    # The 30 Oct case, never handled, passes its 15-day notice limit on 14 Nov.
    assert due_counts(conn, NOW.date(), load_limits(conn)) == (0, 1)
    # Received 4 Nov: the notice is due 19 Nov, three days from "today" (16 Nov) -> due soon.
    register_case(conn, case_input(received_at=dt.datetime(2026, 11, 4, 9)), clerk, NOW)
    assert due_counts(conn, NOW.date(), load_limits(conn)) == (1, 1)
