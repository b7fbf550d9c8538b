"""Builders of test data: a fixed clock, a person and a case as the registration form fills
them. Shared by the tests through ``tests.helpers`` (never imported from another test module)."""

from __future__ import annotations

import datetime as dt

from petition_desk.domain.vocab import Channel
from petition_desk.services.registration import CaseInput, PersonInput

#: A fixed "now" for tests: a Monday in a year the holiday package knows.
NOW = dt.datetime(2026, 11, 16, 10, 0)


def person(**kw) -> PersonInput:
    base = dict(
        name="张建国",
        id_number="11010519491231002X",
        phone="13812341234",
        address="青石镇东坑村3组",
        village="东坑村",
    )
    base.update(kw)
    return PersonInput(**base)


def case_input(**kw) -> CaseInput:
    base = dict(
        channel=Channel.VISIT,
        received_at=dt.datetime(2026, 11, 2, 9, 30),
        category="国土资源(征地拆迁)",
        summary="反映征地补偿款未足额发放",
        request="要求足额发放征地补偿款",
        facts="去年修路征用承包地1.2亩，补偿款只发放一半。",
        people=[person()],
    )
    base.update(kw)
    return CaseInput(**base)


#: A complete 答复 (Arts. 32-35): decision, facts found, basis, reasoning and the reply text.
REPLY = {
    "result": "支持",
    "facts_found": "经查，情况属实。",
    "basis": "《信访工作条例》第三十二条",
    "reasoning": "符合政策规定。",
    "text": "经调查核实，同意补发补偿款。",
}
