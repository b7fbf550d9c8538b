"""Every figure of the demo database's October 2026, computed a second way and compared.

The second way is plain SQL and a Python loop written here, independently of
``services.figures``; a difference means one of the two definitions is wrong.
"""

import datetime as dt
import json

import pytest

from conftest import demo_key
from petition_desk.db.connection import connect
from petition_desk.services import figures as F
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.demo import build_demo

FIRST, LAST, AS_OF = dt.date(2026, 10, 1), dt.date(2026, 10, 31), dt.date(2026, 11, 28)
IN_OCT = "received_at >= '2026-10-01' AND received_at < '2026-11-01'"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "d.sqlite"
    build_demo(path, 3000, seed=1, until=dt.date(2026, 11, 28))
    conn = connect(path, key=demo_key(path))
    conn.row_factory = None  # plain tuples, as the standard module gives
    yield conn, F.compute(conn, FIRST, LAST, AS_OF, load_limits(conn))
    conn.close()


def one(conn, sql):
    return conn.execute(sql).fetchone()[0] or 0


def test_counts(demo):
    conn, f = demo
    assert f.cases == one(conn, f"SELECT count(*) FROM cases WHERE {IN_OCT}") > 0
    assert f.persons == one(conn, f"SELECT sum(head_count) FROM cases WHERE {IN_OCT}")
    assert f.letters == one(conn, f"SELECT count(*) FROM cases WHERE {IN_OCT} AND channel='来信'")
    visits = f"{IN_OCT} AND channel IN ('来访','领导接访')"
    assert f.visit_batches == one(conn, f"SELECT count(*) FROM cases WHERE {visits}")
    assert f.visit_persons == one(conn, f"SELECT sum(head_count) FROM cases WHERE {visits}")
    coll = f"{IN_OCT} AND collective = 1"
    assert f.collective_batches == one(conn, f"SELECT count(*) FROM cases WHERE {coll}") > 0
    assert f.collective_persons == one(conn, f"SELECT sum(head_count) FROM cases WHERE {coll}")
    assert f.repeat == one(conn, f"SELECT count(*) FROM cases WHERE {IN_OCT} AND repeat = 1")
    for key, column in (
        ("by_channel", "channel"),
        ("by_category", "category"),
        ("by_disposition", "ifnull(disposition, '未处理')"),
        ("by_village", "CASE WHEN village = '' THEN '（未填）' ELSE village END"),
    ):
        expected = dict(
            conn.execute(f"SELECT {column}, count(*) FROM cases WHERE {IN_OCT} GROUP BY 1")
        )
        assert getattr(f, key) == expected
        assert sum(expected.values()) == f.cases


def test_overdue_is_every_running_clock_past_due(demo):
    conn, f = demo
    rows = conn.execute("SELECT next_due FROM cases").fetchall()
    assert f.overdue == sum(1 for (d,) in rows if d and dt.date.fromisoformat(d[:10]) < AS_OF) > 0


def test_timely_acceptance(demo):
    conn, f = demo
    num = den = 0
    for received, notice, disposition, anonymous in conn.execute(
        f"SELECT received_at, notice_at, disposition, anonymous FROM cases WHERE {IN_OCT}"
    ):
        if anonymous or disposition in ("直接答复", "存信"):
            continue
        limit = dt.date.fromisoformat(received[:10]) + dt.timedelta(days=15)
        given = notice and dt.date.fromisoformat(notice[:10]) <= AS_OF
        if given or limit < AS_OF:
            den += 1
            num += bool(given and dt.date.fromisoformat(notice[:10]) <= limit)
    assert (f.timely_acceptance.numerator, f.timely_acceptance.denominator) == (num, den)
    assert den > 0


def test_on_time_with_late_extensions(demo):
    conn, f = demo
    late_due = {}
    for case_id, at, data in conn.execute(
        "SELECT case_id, at, data FROM case_events WHERE action = '延期' ORDER BY id"
    ):
        d = json.loads(data)
        if d.get("late") or at[:10] > d["old_due"]:
            late_due.setdefault(case_id, d.get("overdue_since") or d["old_due"])
    num = den = 0
    for case_id, accepted, ext, replied in conn.execute(
        "SELECT id, accepted_at, extension_days, replied_at FROM cases"
        " WHERE accepted_at IS NOT NULL AND disposition IN ('受理', '交办')"
    ):
        due = dt.date.fromisoformat(accepted[:10]) + dt.timedelta(days=60 + ext)
        if case_id in late_due:
            due = dt.date.fromisoformat(late_due[case_id])
        reply = replied and dt.date.fromisoformat(replied[:10])
        on_time = bool(reply and reply <= due)
        known = reply if on_time else due + dt.timedelta(days=1)
        if FIRST <= known <= LAST and known <= AS_OF:
            den += 1
            num += on_time
    assert (f.on_time.numerator, f.on_time.denominator) == (num, den)
    assert den > 0


def test_follow_up_rates(demo):
    conn, f = demo
    replied = rated = good = settled = 0
    for sat, followed, settled_at in conn.execute(
        "SELECT satisfaction, followed_up_at, settled_at FROM cases"
        " WHERE replied_at >= '2026-10-01' AND replied_at < '2026-11-01'"
    ):
        replied += 1
        if sat and followed and followed[:10] <= AS_OF.isoformat():
            rated += 1
            good += sat in ("满意", "基本满意")
        settled += bool(settled_at and settled_at[:10] <= AS_OF.isoformat())
    assert (f.satisfaction.numerator, f.satisfaction.denominator) == (good, rated)
    assert (f.participation.numerator, f.participation.denominator) == (rated, replied)
    assert (f.settled.numerator, f.settled.denominator) == (settled, replied)
    assert replied > 0


def test_review_rates(demo):
    conn, f = demo
    expected = conn.execute(
        "SELECT l.name, count(r.id), count(r.reviewed_at) FROM leaders l LEFT JOIN leader_reviews r"
        " ON r.leader_id = l.id AND substr(r.passed_at, 1, 7) = '2026-10' WHERE l.active"
        " GROUP BY l.id ORDER BY l.rotation, l.id"
    ).fetchall()
    got = [(r.leader, r.rate.denominator, r.rate.numerator) for r in f.review]
    assert got == expected


def test_trend_matches_month_counts(demo):
    conn, _f = demo
    trend = F.monthly_trend(conn, FIRST)
    assert [m for m, _, _ in trend][-1] == "2026-10" and len(trend) == 12
    for month, n, last_year in trend:
        assert n == one(conn, f"SELECT count(*) FROM cases WHERE substr(received_at,1,7)='{month}'")
        prev = f"{int(month[:4]) - 1}{month[4:]}"
        assert last_year == one(
            conn, f"SELECT count(*) FROM cases WHERE substr(received_at,1,7)='{prev}'"
        )
