"""Which notice may be issued when, how notices word the channel, and when a notice counts as
given."""

import datetime as dt

import pytest

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.vocab import Channel
from petition_desk.errors import ValidationError
from petition_desk.reports import wording
from petition_desk.reports.templates import KINDS
from petition_desk.services import documents, settings
from petition_desk.services.cases import clocks, get_case, perform
from petition_desk.services.document_rules import calling_steps
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input
from tests.test_documents import ASSIGN, REPLY, STEPS, UNIT_SETTINGS, pdf_text

AT = dt.datetime(2026, 11, 3, 10)


@pytest.fixture
def unit(conn):
    with transaction(conn):
        settings.save(conn, UNIT_SETTINGS)
    return conn


def make(conn, clerk, *steps, **kw):
    case_id, _ = register_case(conn, case_input(**kw), clerk, NOW)
    for action, params in steps:
        perform(conn, case_id, action, params, clerk, AT, NOW)
    return case_id


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "visit-form"])
def test_each_kind_is_refused_before_its_step(unit, clerk, kind):
    case_id = make(unit, clerk, channel=Channel.LETTER)
    with pytest.raises(ValidationError) as refused:
        documents.issue(unit, case_id, kind, clerk, NOW)
    if kind != "skip-level":
        assert any(
            f"“{step}" in str(refused.value) or step in str(refused.value)
            for step in calling_steps(kind)
        ), str(refused.value)
    assert unit.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


@pytest.mark.parametrize(
    "steps, wrong",
    [
        (STEPS["forward"], ["acceptance", "rejection", "reply", "assignment"]),
        (STEPS["rejection"], ["acceptance", "forward", "refuse-final"]),
        ([(Action.FILE, {"reason": "内容不清"})], ["acceptance", "rejection", "forward"]),
        ([(Action.ACCEPT, {})], ["rejection", "assignment", "extension", "reply"]),
    ],
)
def test_a_notice_for_another_disposition_is_refused(unit, clerk, steps, wrong):
    case_id = make(unit, clerk, *steps)
    for kind in wrong:
        with pytest.raises(ValidationError, match="本案尚未"):
            documents.issue(unit, case_id, kind, clerk, NOW)


def test_the_visit_form_is_for_visits_only(unit, clerk):
    letter = make(unit, clerk, channel=Channel.LETTER)
    with pytest.raises(ValidationError, match="只用于来访"):
        documents.issue(unit, letter, "visit-form", clerk, NOW)
    visit = make(unit, clerk)
    form = documents.issue(unit, visit, "visit-form", clerk, NOW)
    assert form.number == ""
    text = pdf_text(form.pdf)
    assert "2026年11月2日9时30分" in text and "信访人（签字）" in text
    assert "〔" not in text  # a form has no document number


def test_skip_level_notice_only_for_a_visit_flagged_as_skipping_a_level(unit, clerk):
    plain = make(unit, clerk, *STEPS["forward"])
    with pytest.raises(ValidationError, match="越级"):
        documents.issue(unit, plain, "skip-level", clerk, NOW)
    flagged = make(unit, clerk, skipped_level=True)
    with pytest.raises(ValidationError, match="尚未“不予受理”或“转送”"):
        documents.issue(unit, flagged, "skip-level", clerk, NOW)
    perform(unit, flagged, Action.FORWARD, {"organ": "县自然资源局"}, clerk, AT, NOW)
    with pytest.raises(ValidationError, match="县自然资源局：地址"):
        documents.issue(unit, flagged, "skip-level", clerk, NOW)


def test_the_reply_needs_the_review_organ(conn, clerk):
    with transaction(conn):
        settings.save(conn, {**UNIT_SETTINGS, "review_organ_address": ""})
    case_id = make(conn, clerk, ASSIGN, (Action.REPLY, REPLY))
    with pytest.raises(ValidationError, match="复查机关名称和地址"):
        documents.issue(conn, case_id, "reply", clerk, NOW)


def test_a_mediated_matter_gets_no_reply_letter(unit, clerk):
    case_id = make(unit, clerk, ASSIGN, (Action.REPLY, {"result": "调解", "text": "双方达成协议"}))
    assert "reply" not in [c.kind for c in documents.documents_called_for(unit, case_id)]
    with pytest.raises(ValidationError, match="以“调解”办结"):
        documents.issue(unit, case_id, "reply", clerk, NOW)


def test_reply_parts_missing_from_an_old_event_are_refused(unit, clerk):
    """A reply recorded before the 答复 step asked for them has no facts found or basis."""
    from petition_desk.reports.templates import DEFAULTS, fill

    values = {"信访人": "张建国", "来源": "你于2026年11月2日来访反映", "摘要": "x"}
    with pytest.raises(ValidationError, match=r"查明事实.*法律政策依据|法律政策依据.*查明事实"):
        fill(DEFAULTS["reply"], values)


def test_channel_wording():
    day = dt.date(2026, 3, 5)
    expected = {
        Channel.LETTER: "你于2026年3月5日来信反映",
        Channel.VISIT: "你于2026年3月5日来访反映",
        Channel.PHONE: "你于2026年3月5日来电反映",
        Channel.ONLINE: "你于2026年3月5日通过网上信访渠道反映",
        Channel.ASSIGNED_FROM_ABOVE: "本机关于2026年3月5日收到上级机关交办的你反映",
        Channel.FORWARDED_FROM_ABOVE: "本机关于2026年3月5日收到上级机关转来的你反映",
    }
    for channel, phrase in expected.items():
        assert wording.source(channel.value, day) == phrase
    for channel in Channel:
        assert "形式反映" not in wording.source(channel.value, day)
    assert wording.matter("反映征地补偿款未足额发放。") == "征地补偿款未足额发放"
    assert wording.sentence("同意补发。。") == "同意补发。"
    assert wording.sentence("是否可以？") == "是否可以？"
    assert wording.tidy("张三：\n一、查明的事实\n经查属实\n\n特此告知") == (
        "张三：\n一、查明的事实\n经查属实。\n特此告知。"
    )


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_reads_right_in_a_notice(unit, clerk, channel):
    case_id = make(unit, clerk, (Action.ACCEPT, {}), channel=channel, summary="反映低保申请")
    text = pdf_text(documents.issue(unit, case_id, "acceptance", clerk, NOW).pdf)
    assert "形式反映" not in text and "反映的“反映" not in text
    assert "反映的“低保申请”一事" in text
    assert "2026年11月2日" in text and "2026年11月02日" not in text


def test_the_notice_counts_when_issued_not_when_decided(unit, clerk):
    case_id = make(unit, clerk, (Action.ACCEPT, {}))
    case = get_case(unit, case_id)
    assert case["notice_at"] is None
    assert "书面告知" in [c.kind.value for c in clocks(unit, case_id)]
    assert case["next_due"] == "2026-11-17"
    documents.issue(unit, case_id, "acceptance", clerk, dt.datetime(2026, 11, 10, 9))
    case = get_case(unit, case_id)
    assert case["notice_at"] == "2026-11-10"
    assert "书面告知" not in [c.kind.value for c in clocks(unit, case_id)]
    assert case["next_due"] == "2027-01-02"  # the handling clock now leads


def test_anonymous_and_no_notice_dispositions_count_when_decided(unit, clerk):
    anon, _ = register_case(unit, case_input(anonymous=True, people=[]), clerk, NOW)
    perform(unit, anon, Action.ACCEPT, {}, clerk, AT, NOW)
    assert get_case(unit, anon)["notice_at"] == "2026-11-03"
    filed = make(unit, clerk, (Action.FILE, {"reason": "内容不清"}))
    assert get_case(unit, filed)["notice_at"] == "2026-11-03"


def test_demo_notices_are_real_documents_for_recent_cases(tmp_path):
    from conftest import demo_key
    from petition_desk.db.connection import open_store
    from petition_desk.services.demo import RECENT_DAYS, build_demo

    until = dt.date(2026, 11, 16)
    path = tmp_path / "demo.sqlite"
    build_demo(path, 400, seed=3, until=until)
    conn = open_store(path, demo_key(path))
    try:
        docs = conn.execute(
            "SELECT d.kind, d.number, d.issued_at, c.notice_at FROM documents d "
            "JOIN cases c ON c.id = d.case_id"
        ).fetchall()
        assert docs, "recent dispositions get their notices issued"
        recent = (until - dt.timedelta(days=RECENT_DAYS)).isoformat()
        for _kind, number, issued_at, notice_at in docs:
            assert number.startswith("青信") and notice_at == issued_at[:10] >= recent[:10]
        # Older dispositions were told on paper: a date, no invented document.
        told = conn.execute(
            "SELECT count(*) FROM cases WHERE notice_at IS NOT NULL AND id NOT IN "
            "(SELECT case_id FROM documents)"
        ).fetchone()[0]
        assert told > 100
    finally:
        conn.close()
