"""Leaders, departments and villages are corrected and retired, never deleted; the audit log
keeps the old values."""

import datetime as dt
import json

import pytest

from conftest import NOW, admin_of, audit_log, case_input
from petition_desk.errors import ValidationError
from petition_desk.services import directory
from petition_desk.services import settings as settings_mod
from petition_desk.services.cases import get_case
from petition_desk.services.registration import register_case


def _last_audit(conn):
    row = audit_log(conn, 1)[0]
    return row["action"], json.loads(row["details"])


def test_leader_corrected_and_retired(conn, admin):
    leader = directory.add_leader(conn, "陈国华", "党委书记", principal=True, actor=admin_of(conn))
    directory.update_leader(conn, leader, "陈国华", "党委副书记", False, admin, NOW)
    action, details = _last_audit(conn)
    assert action == "修改领导信息"
    assert details["title"] == {"old": "党委书记", "new": "党委副书记"}
    assert details["principal"] == {"old": True, "new": False}
    directory.set_leader_active(conn, leader, False, admin, NOW)
    assert [r["name"] for r in directory.list_leaders(conn)] == []
    assert directory.leader_names(conn) == {leader: "陈国华"}  # still known to old cases
    assert _last_audit(conn) == ("停用领导", {"leader": "陈国华"})
    with pytest.raises(ValidationError):
        directory.update_leader(conn, leader, " ", "", False, admin, NOW)


def test_department_renamed_and_retired(conn, admin):
    dept, name = directory.list_departments(conn)[0]
    other = directory.list_departments(conn)[1][1]
    with pytest.raises(ValidationError, match="已存在"):
        directory.rename_department(conn, dept, other, admin, NOW)
    directory.rename_department(conn, dept, "农业农村综合服务中心", admin, NOW)
    assert _last_audit(conn) == (
        "修改承办单位",
        {"name": {"old": name, "new": "农业农村综合服务中心"}},
    )
    directory.set_department_active(conn, dept, False, admin, NOW)
    assert dept not in dict(directory.list_departments(conn))
    assert directory.department_names(conn)[dept] == "农业农村综合服务中心"


def test_village_renamed_retired_and_kept_on_old_cases(conn, admin):
    directory.add_village(conn, "东坑村", admin, NOW)
    directory.add_village(conn, "西岭村", admin, NOW)
    with pytest.raises(ValidationError):
        directory.add_village(conn, "东坑村", admin, NOW)
    case_id, _ = register_case(conn, case_input(), admin, NOW)  # its petitioner is in 东坑村
    directory.rename_village(conn, "西岭村", "西岭社区", admin, NOW)
    directory.set_village_active(conn, "东坑村", False, admin, NOW)
    assert directory.villages_with_status(conn) == [("西岭社区", True), ("东坑村", False)]
    values = settings_mod.load(conn)
    assert values["villages"] == ["西岭社区"] and values["retired_villages"] == ["东坑村"]
    assert get_case(conn, case_id)["village"] == "东坑村"  # the case says what it said
    action, details = _last_audit(conn)
    assert action == "修改设置" and details["村（社区）"]["old"] == ["东坑村", "西岭社区"]
    directory.set_village_active(conn, "东坑村", True, admin, dt.datetime(2026, 11, 17))
    assert directory.villages_with_status(conn) == [("西岭社区", True), ("东坑村", True)]
