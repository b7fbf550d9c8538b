import datetime as dt

import pytest

from petition_desk.domain.deadlines import ClockKind, Limits, Tier, running_clocks
from petition_desk.domain.workdays import WorkCalendar
from petition_desk.services.settings import SETTINGS

RULES = Limits({s.key: s.default for s in SETTINGS}, WorkCalendar())


def case(**kw):
    base = {"state": "已登记", "channel": "来访", "received_at": "2026-09-28T09:00"}
    base.update(kw)
    return base


def test_registered_visit_has_the_notice_clock():
    (clock,) = running_clocks(case(), RULES)
    assert (clock.kind, clock.due, clock.working_days) == (
        ClockKind.NOTICE,
        dt.date(2026, 10, 13),
        False,
    )


def test_matter_from_above_runs_the_objection_clock_in_working_days():
    clocks = running_clocks(case(channel="上级转送"), RULES)
    objection = next(c for c in clocks if c.kind is ClockKind.OBJECTION)
    assert objection.due == dt.date(2026, 10, 10) and objection.working_days  # across 国庆


def test_letter_reply_rule_can_be_switched_off():
    kinds = [c.kind for c in running_clocks(case(channel="来信"), RULES)]
    assert ClockKind.LETTER_REPLY in kinds
    off = Limits({**RULES.settings, "letter_reply_working_days": 0}, RULES.calendar)
    assert ClockKind.LETTER_REPLY not in [c.kind for c in running_clocks(case(channel="来信"), off)]


def test_settings_change_the_clock():
    rules = Limits({**RULES.settings, "notice_days": 10}, RULES.calendar)
    assert running_clocks(case(), rules)[0].due == dt.date(2026, 10, 8)


def test_petitioner_window_is_not_an_obligation():
    (clock,) = running_clocks(case(state="已答复", replied_at="2026-10-20"), RULES)
    assert clock.kind is ClockKind.REVIEW_WINDOW and not clock.obligation
    assert clock.due == dt.date(2026, 11, 19)


@pytest.mark.parametrize(
    "today, tier",
    [
        (dt.date(2026, 10, 1), Tier.ON_TIME),
        (dt.date(2026, 10, 10), Tier.DUE_SOON),
        (dt.date(2026, 10, 13), Tier.DUE_SOON),
        (dt.date(2026, 10, 14), Tier.OVERDUE),
        (dt.date(2026, 11, 12), Tier.OVERDUE),
        (dt.date(2026, 11, 13), Tier.SERIOUS),
    ],
)
def test_tiers(today, tier):
    (clock,) = running_clocks(case(), RULES)
    assert clock.tier(today, RULES) is tier


def test_unknown_year_due_date_is_flagged():
    clocks = running_clocks(case(channel="上级交办", received_at="2026-12-29T09:00"), RULES)
    objection = next(c for c in clocks if c.kind is ClockKind.OBJECTION)
    assert objection.due == dt.date(2027, 1, 5) and not objection.confirmed
