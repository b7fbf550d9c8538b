"""Text is cleaned at the door: every service that stores text stores only clean text."""

import datetime as dt
import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, admin_of, case_input, person
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.person import USE_STORED
from petition_desk.domain.text import clean_line, clean_text
from petition_desk.errors import ValidationError
from petition_desk.reports import templates
from petition_desk.services import directory, people, roster
from petition_desk.services import settings as settings_svc
from petition_desk.services.cases import perform
from petition_desk.services.leaders import pass_for_review, record_review
from petition_desk.services.registration import register_case

#: Every character a paste can bring: controls, separators, surrogate-free odd ones.
NASTY = "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x9f\r\u2028\u2029\ufeff\ufffe\uffff"
nasty_text = st.text(
    # "\u0301" after "e" is a decomposed é, which NFC composes.
    alphabet=st.sampled_from(list(NASTY) + list("张建国 诉求abc\n\t1ée\u0301")),
    min_size=0,
    max_size=30,
)


def is_clean(text: str) -> bool:
    """No control character but newline and tab, NFC, no blanks at either end."""
    return (
        all(unicodedata.category(c) != "Cc" or c in "\n\t" for c in text)
        and not any(c in text for c in "\ufeff\ufffe\uffff\u2028\u2029")
        and unicodedata.is_normalized("NFC", text)
        and text == text.strip()
    )


def test_clean_text_rules():
    assert clean_text("  a\x0bb\x1f\r\nc\u2028d\t ") == "ab\nc\nd"
    assert clean_text("e\u0301") == "é"  # NFC
    assert clean_text(None) == ""
    assert clean_line("a\n\tb") == "a b"
    with pytest.raises(ValidationError, match="空字符"):
        clean_text("a\x00b", "姓名", "name")


@given(nasty_text)
def test_clean_text_is_clean_and_idempotent(text):
    if "\x00" in text:
        with pytest.raises(ValidationError):
            clean_text(text)
        return
    out = clean_text(text)
    assert is_clean(out)
    assert clean_text(out) == out


def _stored_texts(conn) -> list[str]:
    """Every text value in the tables the services write."""
    found = []
    for table in (
        "cases",
        "people",
        "case_events",
        "departments",
        "users",
        "leaders",
        "settings",
        "templates",
        "roster",
        "roster_log",
        "leader_reviews",
    ):
        try:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        except Exception:
            continue
        for row in rows:
            for value in row:
                if isinstance(value, str):
                    found.append(value)
    return found


def _assert_all_clean(conn):
    for value in _stored_texts(conn):
        try:  # JSON event data: check the strings inside
            data = json.loads(value)
        except ValueError:
            data = value
        for s in _strings(data):
            assert is_clean(s), repr(s)


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=nasty_text, summary=nasty_text, facts=nasty_text, address=nasty_text)
def test_registration_stores_only_clean_text(conn, clerk, name, summary, facts, address):
    before = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    case = case_input(
        summary=summary,
        facts=facts + "事实",
        people=[
            person(name=name + "张", address=address + "东坑村", id_number="", on_file=USE_STORED)
        ],
    )
    try:
        register_case(conn, case, clerk, NOW)
    except ValidationError as exc:
        # Refused (a NUL, or something else wrong) and said in Chinese; nothing saved.
        assert exc.problems and all(m for m in exc.problems.values())
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == before
        return
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == before + 1
    _assert_all_clean(conn)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=nasty_text)
def test_every_text_taking_service_cleans_or_refuses(conn, clerk, admin, text):
    """Services other than registration: settings, templates, directory, roster, leaders,
    corrections and lifecycle steps."""
    case_id, _ = register_case(conn, case_input(people=[person(id_number="")]), clerk, NOW)
    (pid,) = conn.execute(
        "SELECT person_id FROM case_people WHERE case_id = ?", (case_id,)
    ).fetchone()
    leader = directory.add_leader(
        conn, "王" + text.replace("\x00", "") + "镇长", actor=admin_of(conn)
    )
    calls = [
        lambda: settings_svc.update(conn, {"unit_name": text + "镇"}, admin),
        lambda: settings_svc.update(conn, {"villages": [text + "村", "东坑村"]}, admin),
        lambda: templates.save(conn, "acceptance", text + "告知书", text + "正文 {编号}"),
        lambda: directory.add_department(conn, text + "办", actor=admin),
        lambda: directory.insert_user(conn, "u" + str(abs(hash(text))), text + "李", "信访员"),
        lambda: people.correct_person(
            conn, case_id, pid, {"workplace": text + "厂"}, text + "原因", clerk, NOW
        ),
        lambda: perform(
            conn,
            case_id,
            Action.ANSWER_DIRECTLY,
            {"answer": text + "答复"},
            clerk,
            dt.datetime(2026, 11, 3),
            NOW,
        ),
        lambda: record_review(
            conn,
            pass_for_review(conn, case_id, leader, clerk, NOW),
            text + "批示",
            text,
            clerk,
            NOW,
        ),
    ]
    for call in calls:
        try:
            call()
        except ValidationError as exc:
            assert str(exc)  # refused in Chinese, never a crash
    _assert_all_clean(conn)


def test_roster_reasons_are_cleaned(conn, clerk):
    with pytest.raises(ValidationError, match="空字符"):
        roster.edit(conn, 1, clerk, note="a\x00b")
