import datetime as dt

import pytest

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.person import CORRECT_STORED, USE_STORED
from petition_desk.domain.vocab import Role
from petition_desk.errors import ValidationError
from petition_desk.services import documents, settings
from petition_desk.services.cases import case_people, get_case, history, perform
from petition_desk.services.registration import PersonDiffersError, register_case
from petition_desk.services.repeat import PersonKey, earlier_cases
from tests.helpers import NOW, REPLY, case_input, person


def test_register_saves_case_people_and_first_event(conn, clerk):
    case_id, number = register_case(conn, case_input(), clerk, NOW)
    assert number == "2026-0001"
    case = get_case(conn, number)
    assert case["id"] == case_id and case["state"] == "已登记"
    assert case["next_due"] == "2026-11-17" and case["next_due_kind"] == "书面告知"
    assert [p["name"] for p in case_people(conn, case_id)] == ["张建国"]
    (event,) = history(conn, case_id)
    assert (event.action, event.actor, event.state_after) == ("登记", "信访员", "已登记")


def test_numbers_are_per_year_and_a_failed_save_uses_none(conn, clerk):
    assert register_case(conn, case_input(), clerk, NOW)[1] == "2026-0001"
    with pytest.raises(ValidationError):
        register_case(conn, case_input(request=""), clerk, NOW)
    assert register_case(conn, case_input(), clerk, NOW)[1] == "2026-0002"
    old = case_input(received_at=dt.datetime(2025, 12, 30, 9, 0))
    assert register_case(conn, old, clerk, NOW)[1] == "2025-0001"
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 3


def test_every_problem_is_reported_with_its_field(conn, clerk):
    bad = case_input(
        request="",
        facts="",
        summary="",
        category="不存在",
        received_at=NOW + dt.timedelta(days=1),
        people=[
            person(name="", address="", village="", id_number="110105194912310021", phone="123")
        ],
    )
    with pytest.raises(ValidationError) as exc:
        register_case(conn, bad, clerk, NOW)
    assert set(exc.value.problems) == {
        "request",
        "facts",
        "category",
        "received_at",
        "people.0.name",
        "people.0.address",
        "people.0.id_number",
        "people.0.phone",
    }
    assert "校验位错误，应为 X" in exc.value.problems["people.0.id_number"]
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_gender_must_agree_with_the_id_number(conn, clerk):
    with pytest.raises(ValidationError, match="性别与身份证号不符"):
        register_case(conn, case_input(people=[person(gender="男")]), clerk, NOW)


def test_anonymous_letter_needs_no_name(conn, clerk):
    case_id, _ = register_case(
        conn, case_input(anonymous=True, people=[], channel="来信"), clerk, NOW
    )
    assert get_case(conn, case_id)["anonymous"] == 1


def reps(n):
    return [
        person(name=f"代表{i}", id_number="", phone=f"1391234567{i}", role=Role.REPRESENTATIVE)
        for i in range(n)
    ]


def test_collective_visit_takes_head_count_and_at_most_five_representatives(conn, clerk):
    case_id, _ = register_case(
        conn, case_input(collective=True, head_count=30, people=reps(5)), clerk, NOW
    )
    assert get_case(conn, case_id)["head_count"] == 30
    with pytest.raises(ValidationError, match="不得超过5人，现有6人"):
        register_case(conn, case_input(collective=True, head_count=30, people=reps(6)), clerk, NOW)
    with pytest.raises(ValidationError, match="至少为2人"):
        register_case(conn, case_input(collective=True, head_count=1, people=reps(1)), clerk, NOW)


def test_same_id_number_links_the_existing_person(conn, clerk):
    register_case(conn, case_input(), clerk, NOW)
    register_case(conn, case_input(people=[person(phone="")]), clerk, NOW)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_a_known_id_with_other_details_asks_and_never_drops_what_was_typed(conn, clerk):
    register_case(conn, case_input(), clerk, NOW)
    cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    typed = person(phone="13900001111", name="张建军")
    with pytest.raises(PersonDiffersError) as err:
        register_case(conn, case_input(people=[typed]), clerk, NOW)
    assert err.value.differences == {
        0: {"name": ("张建国", "张建军"), "phone": ("13812341234", "13900001111")}
    }
    assert "请选择使用已登记的信息" in str(err.value)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == cases  # nothing saved

    typed.on_file = USE_STORED
    register_case(conn, case_input(people=[typed]), clerk, NOW)
    row = conn.execute("SELECT name, phone FROM people").fetchone()
    assert tuple(row) == ("张建国", "13812341234")

    typed = person(phone="13900001111", name="张建军", on_file=CORRECT_STORED)
    case_id, _ = register_case(conn, case_input(people=[typed]), clerk, NOW)
    row = conn.execute("SELECT name, phone FROM people").fetchone()
    assert tuple(row) == ("张建军", "13900001111")
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    actions = [
        r[0]
        for r in conn.execute(
            "SELECT action FROM case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
    ]
    assert actions[-1] == Action.CORRECT.value
    names = conn.execute("SELECT people_names FROM cases WHERE id = ?", (case_id,)).fetchone()
    assert names[0] == "张建军"


@pytest.mark.parametrize(
    "first, again",
    [
        (person(), PersonKey(id_number="11010519491231002X")),
        (person(id_number=""), PersonKey(phone="13812341234")),
        (person(id_number="", phone=""), PersonKey(name="张建国", address="青石镇东坑村3组")),
    ],
    ids=["by-id", "by-phone", "by-name-address"],
)
def test_repeat_detection_by_each_key(conn, clerk, first, again):
    first_id, _ = register_case(conn, case_input(people=[first]), clerk, NOW)
    second_id, _ = register_case(
        conn, case_input(received_at=dt.datetime(2026, 11, 10, 9, 0), people=[first]), clerk, NOW
    )
    found = earlier_cases(conn, again)
    assert [c.id for c in found] == [second_id, first_id]  # newest first
    assert get_case(conn, second_id)["repeat"] == 1
    assert get_case(conn, first_id)["repeat"] == 0


def test_other_category_or_outside_window_is_not_a_repeat(conn, clerk):
    register_case(conn, case_input(received_at=dt.datetime(2025, 10, 1, 9)), clerk, NOW)
    later, _ = register_case(conn, case_input(), clerk, NOW)  # 13 months later
    other, _ = register_case(conn, case_input(category="民政"), clerk, NOW)
    assert get_case(conn, later)["repeat"] == 0
    assert get_case(conn, other)["repeat"] == 0


def test_a_case_goes_through_its_life_with_history(conn, clerk):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    at = dt.datetime(2026, 11, 3, 10)
    perform(
        conn, case_id, Action.ASSIGN, {"department_id": 1, "deadline": "2026-11-30"}, clerk, at, NOW
    )
    perform(
        conn, case_id, Action.SUPERVISE, {"method": "书面督办", "content": "加快"}, clerk, at, NOW
    )
    perform(
        conn,
        case_id,
        Action.EXTEND,
        {"leader": "刘建平", "reason": "复杂", "days": 20},
        clerk,
        at,
        NOW,
    )
    # The 15-day notice clock runs until the 受理告知书 is actually issued.
    assert get_case(conn, case_id)["next_due"] == "2026-11-17"
    with transaction(conn):
        settings.save(conn, {"unit_name": "青石镇人民政府"})
    documents.issue(conn, case_id, "acceptance", clerk, at)
    assert get_case(conn, case_id)["notice_at"] == "2026-11-03"
    assert get_case(conn, case_id)["next_due"] == "2026-11-30"  # the department's deadline
    perform(
        conn,
        case_id,
        Action.REPLY,
        {**REPLY, "text": "同意补发"},
        clerk,
        at,
        NOW,
    )
    perform(conn, case_id, Action.FOLLOW_UP, {"satisfaction": "满意"}, clerk, at, NOW)
    perform(conn, case_id, Action.CLOSE, {}, clerk, NOW, NOW)
    case = get_case(conn, case_id)
    assert case["state"] == "已办结" and case["replied_on_time"] == 1
    assert case["next_due"] is None
    assert [e.action for e in history(conn, case_id)] == [
        "登记",
        "交办",
        "督办",
        "延期",
        "出具文书",
        "答复",
        "回访",
        "办结",
    ]


def test_unknown_department_is_refused(conn, clerk):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    with pytest.raises(ValidationError, match="承办单位不存在"):
        perform(
            conn,
            case_id,
            Action.ASSIGN,
            {"department_id": 99, "deadline": "2026-11-30"},
            clerk,
            NOW,
            NOW,
        )


def test_future_step_is_refused(conn, clerk):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    with pytest.raises(ValidationError, match="不能晚于现在"):
        perform(conn, case_id, Action.ACCEPT, {}, clerk, NOW + dt.timedelta(days=1), NOW)


def test_person_correction_is_an_event_and_follows_into_search(conn, clerk):
    from petition_desk.db.search import search_clause
    from petition_desk.services.people import correct_person

    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    person_id = case_people(conn, case_id)[0]["id"]
    with pytest.raises(ValidationError, match="校验位"):
        correct_person(conn, case_id, person_id, {"id_number": "110105194912310021"}, "错", clerk)
    with pytest.raises(ValidationError, match="更正原因"):
        correct_person(conn, case_id, person_id, {"name": "张建军"}, "", clerk)
    recorded = correct_person(
        conn,
        case_id,
        person_id,
        {"name": "张建军", "phone": "139 0000 1111"},
        "录入错字",
        clerk,
        NOW,
    )
    assert recorded == {
        "name": {"old": "张建国", "new": "张建军"},
        "phone": {"old": "13812341234", "new": "13900001111"},
    }
    assert get_case(conn, case_id)["people_names"] == "张建军"
    last = history(conn, case_id)[-1]
    assert last.action == "更正" and last.data["reason"] == "录入错字"
    where, args = search_clause("zjj")
    assert conn.execute(f"SELECT count(*) FROM cases c WHERE {where}", args).fetchone()[0] == 1


def test_a_correction_is_checked_like_a_registration(conn, clerk):
    """One validator: a gender the ID number contradicts, or 未知, is refused in both."""
    from petition_desk.services.people import correct_person

    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    person_id = conn.execute("SELECT person_id FROM case_people WHERE case_id = ?", (case_id,))
    person_id = person_id.fetchone()[0]
    for gender in ("未知", "男"):  # 11010519491231002X belongs to a woman
        with pytest.raises(ValidationError) as exc:
            correct_person(conn, case_id, person_id, {"gender": gender}, "录入错误", clerk, NOW)
        assert "gender" in exc.value.problems
    with pytest.raises(ValidationError, match="请填写姓名"):
        correct_person(conn, case_id, person_id, {"name": " "}, "录入错误", clerk, NOW)
