"""Every guarded service called as every role: the services enforce the table (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW, admin_of, audit_log, case_input, person
from petition_desk.db.connection import transaction
from petition_desk.domain import reception
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import DeskError
from petition_desk.reports.ledger_export import export_and_record
from petition_desk.reports.ledger_import import import_ledger
from petition_desk.services import (
    access,
    analysis_reports,
    archive,
    archive_papers,
    audit,
    destruction,
    directory,
    documents,
    leaders,
    reception_store,
    roster,
    roster_notice,
)
from petition_desk.services import settings as settings_mod
from petition_desk.services.access import Desk
from petition_desk.services.attachments import add_attachment
from petition_desk.services.backup import make_backup_as
from petition_desk.services.calendar_store import (
    confirm_year,
    load_limits,
    remove_override,
    set_override,
)
from petition_desk.services.cases import case_people, perform
from petition_desk.services.directory import add_leader, get_user, insert_user
from petition_desk.services.people import correct_person
from petition_desk.services.permissions import GRANTS, Permission, PermissionDenied, Role, allowed
from petition_desk.services.registration import register_case

P = Permission


def _calls(opened: Desk, tmp_path, case_id: int, leader_id: int):
    """(name, permission(s) needed, call taking the acting user)."""
    conn = opened.conn
    review = leaders.pass_for_review(conn, case_id, leader_id, get_user(conn, "clerk"), NOW)
    scan = tmp_path / "scan.txt"
    scan.write_text("scan")
    sheet = tmp_path / "none.xlsx"
    first, last = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    pid = case_people(conn, case_id)[0]["id"]

    def as_desk(user):
        return Desk(opened.db_path, opened.key, conn, user)

    return [
        (
            "register_case",
            P.REGISTER,
            lambda u: register_case(conn, case_input(people=[person(id_number="")]), u, NOW),
        ),
        ("perform", P.HANDLE, lambda u: perform(conn, case_id, Action.ACCEPT, {}, u, NOW, NOW)),
        (
            "correct_person",
            P.HANDLE,
            lambda u: correct_person(conn, case_id, pid, {"phone": "13900000000"}, "笔误", u, NOW),
        ),
        (
            "add_attachment",
            P.HANDLE,
            lambda u: add_attachment(conn, opened.db_path, case_id, scan, u, NOW),
        ),
        (
            "issue",
            P.ISSUE_DOCUMENTS,
            lambda u: documents.issue(conn, case_id, "acceptance", u, NOW),
        ),
        (
            "issue unmasked",
            (P.ISSUE_DOCUMENTS, P.VIEW_UNMASKED),
            lambda u: documents.issue(conn, case_id, "visit_form", u, NOW, unmasked=True),
        ),
        (
            "pass_for_review",
            P.HANDLE,
            lambda u: leaders.pass_for_review(conn, case_id, leader_id, u, NOW),
        ),
        (
            "record_review",
            P.REVIEW,
            lambda u: leaders.record_review(conn, review, "阅", "", u, NOW),
        ),
        (
            "assign_owner",
            P.REVIEW,
            lambda u: leaders.assign_owner(conn, case_id, leader_id, dt.date(2027, 1, 1), u, NOW),
        ),
        (
            "generate_month",
            P.MANAGE_ROSTER,
            lambda u: roster.generate_month(conn, 2026, 12, u, NOW),
        ),
        (
            "export",
            P.EXPORT,
            lambda u: export_and_record(
                conn, tmp_path / "a.xlsx", first, last, load_limits(conn), NOW.date(), u
            ),
        ),
        (
            "export unmasked",
            (P.EXPORT, P.EXPORT_UNMASKED),
            lambda u: export_and_record(
                conn,
                tmp_path / "b.xlsx",
                first,
                last,
                load_limits(conn),
                NOW.date(),
                u,
                unmasked=True,
            ),
        ),
        ("import_ledger", P.IMPORT, lambda u: import_ledger(conn, sheet, u, dry_run=True)),
        (
            "add_user",
            P.MANAGE_USERS,
            lambda u: access.add_user(
                as_desk(u), f"new-{u.login}", "新人", Role.VIEWER, "password-9"
            ),
        ),
        (
            "reset_password",
            P.MANAGE_USERS,
            lambda u: access.reset_password(as_desk(u), "clerk", "password-8"),
        ),
        ("new_recovery_key", P.MANAGE_USERS, lambda u: access.new_recovery_key(as_desk(u))),
        ("set_leader", P.MANAGE_USERS, lambda u: access.set_leader(as_desk(u), "clerk", None)),
        (
            "backup",
            P.BACKUP,
            lambda u: make_backup_as(as_desk(u), tmp_path / "bk" / f"{u.login}.sqlite"),
        ),
        # Filing, archives and destruction.
        ("archive", P.HANDLE, lambda u: archive.archive(conn, case_id, u, NOW)),
        ("reopen", P.HANDLE, lambda u: archive.reopen(conn, case_id, "复查意见送达", u, NOW)),
        (
            "print_volume",
            P.HANDLE,
            lambda u: archive_papers.print_volume(conn, 1, opened.db_path, u),
        ),
        (
            "packing_list",
            P.HANDLE,
            lambda u: archive_papers.packing_list(
                conn, archive_papers.Bundle("东坑村", 2026, (case_id,)), u, NOW.date()
            ),
        ),
        (
            "write_volume_list",
            P.EXPORT,
            lambda u: archive_papers.write_volume_list(conn, 2026, tmp_path / "v.xlsx", u),
        ),
        (
            "destroy",
            P.DESTROY,
            lambda u: destruction.destroy(conn, opened.db_path, NOW.date(), "期满", u, NOW),
        ),
        # Numbered reports and notices.
        (
            "issue_report",
            P.ISSUE_DOCUMENTS,
            lambda u: analysis_reports.issue_report(
                conn, "2026-11", NOW.date(), load_limits(conn), "情况平稳。", u, NOW
            ),
        ),
        (
            "roster_notice.export",
            P.EXPORT,
            lambda u: roster_notice.export(
                roster_notice.gather(conn, 2026, 11), tmp_path / "r.xlsx", u, conn, NOW.date()
            ),
        ),
        (
            "roster_notice.record_printed",
            P.READ,
            lambda u: roster_notice.record_printed(conn, u, 2026, 11),
        ),
        # Settings and the lists behind them.
        (
            "settings.update",
            P.MANAGE_SETTINGS,
            lambda u: settings_mod.update(conn, {"follow_up_days": 21}, u, NOW),
        ),
        (
            "add_department",
            P.MANAGE_SETTINGS,
            lambda u: directory.add_department(conn, "司法所", actor=u),
        ),
        (
            "add_leader",
            P.MANAGE_SETTINGS,
            lambda u: directory.add_leader(conn, "周敏", "副镇长", actor=u),
        ),
        (
            "rename_department",
            P.MANAGE_SETTINGS,
            lambda u: directory.rename_department(conn, 1, "农业农村综合服务中心", u, NOW),
        ),
        (
            "set_department_active",
            P.MANAGE_SETTINGS,
            lambda u: directory.set_department_active(conn, 2, True, u, NOW),
        ),
        (
            "update_leader",
            P.MANAGE_SETTINGS,
            lambda u: directory.update_leader(
                conn, leader_id, "陈国华", "镇党委书记", True, u, NOW
            ),
        ),
        (
            "set_leader_active",
            P.MANAGE_SETTINGS,
            lambda u: directory.set_leader_active(conn, leader_id, True, u, NOW),
        ),
        ("add_village", P.MANAGE_SETTINGS, lambda u: directory.add_village(conn, "南塘村", u, NOW)),
        # The work calendar (it moves legal due dates), the reception roster, the audit log.
        (
            "set_override",
            P.MANAGE_SETTINGS,
            lambda u: set_override(conn, dt.date(2027, 2, 10), False, "春节", actor=u),
        ),
        (
            "remove_override",
            P.MANAGE_SETTINGS,
            lambda u: remove_override(conn, dt.date(2027, 2, 10), actor=u),
        ),
        ("confirm_year", P.MANAGE_SETTINGS, lambda u: confirm_year(conn, 2027, actor=u)),
        (
            "add_reception_rule",
            P.MANAGE_ROSTER,
            lambda u: reception_store.add_reception_rule(conn, reception.weekly(2), actor=u),
        ),
        (
            "remove_reception_rule",
            P.MANAGE_ROSTER,
            lambda u: reception_store.remove_reception_rule(conn, 1, actor=u),
        ),
        ("audit.entries", P.VIEW_AUDIT, lambda u: audit.entries(conn, 5, viewer=u)),
    ]


@pytest.mark.parametrize("role", list(Role))
def test_every_service_as_every_role(opened, tmp_path, role):
    conn = opened.conn
    with transaction(conn):
        settings_mod.save(conn, {"unit_name": "青石镇人民政府"})
    leader_id = add_leader(conn, "陈国华", "党委书记", principal=True, actor=admin_of(conn))
    case_id, _ = register_case(conn, case_input(), get_user(conn, "clerk"), NOW)
    insert_user(conn, f"as-{role.name.lower()}", "某人", role)
    user = get_user(conn, f"as-{role.name.lower()}")
    calls = _calls(opened, tmp_path, case_id, leader_id)
    for name, permission, call in calls:
        events = conn.execute("SELECT count(*) FROM case_events").fetchone()[0]
        needed = permission if isinstance(permission, tuple) else (permission,)
        if all(allowed(user, p) for p in needed):
            try:
                call(user)
            except PermissionDenied as exc:  # pragma: no cover - the failure message
                pytest.fail(f"{role} may {name} but was refused: {exc}")
            except DeskError:
                pass  # refused for another reason (e.g. no rules for the roster): not ours
        else:
            with pytest.raises(PermissionDenied, match="无权"):
                call(user)
            after = conn.execute("SELECT count(*) FROM case_events").fetchone()[0]
            assert after == events, f"{name} wrote history before refusing {role}"


def test_the_table_reads_as_the_issue_says():
    assert GRANTS[Role.ADMIN] == frozenset(Permission)
    assert P.EXPORT_UNMASKED not in GRANTS[Role.LEADER] and P.REVIEW in GRANTS[Role.LEADER]
    assert GRANTS[Role.VIEWER] == {P.READ}
    assert P.MANAGE_USERS not in GRANTS[Role.CLERK]
    # 管理员 (users, settings, retention): destruction and settings are the administrator's.
    for role in (Role.CLERK, Role.LEADER, Role.VIEWER):
        assert P.DESTROY not in GRANTS[role] and P.MANAGE_SETTINGS not in GRANTS[role]


def test_the_work_calendar_is_the_administrators_and_audited(opened):
    import datetime as dt

    from petition_desk.domain import reception
    from petition_desk.services import reception_store
    from petition_desk.services.calendar_store import confirm_year, set_override
    from petition_desk.services.directory import get_user

    clerk, admin = get_user(opened.conn, "clerk"), get_user(opened.conn, "admin")
    with pytest.raises(PermissionDenied, match="修改设置"):
        set_override(opened.conn, dt.date(2027, 2, 10), False, "春节", actor=clerk)
    set_override(opened.conn, dt.date(2027, 2, 10), False, "春节", actor=admin)
    confirm_year(opened.conn, 2027, actor=admin)
    entries = [e["action"] for e in audit_log(opened.conn, 2)]
    assert entries == ["确认全年节假日", "修改工作日历"]
    # The reception days are the roster's: a clerk keeps them, a viewer may not.
    reception_store.add_reception_rule(opened.conn, reception.weekly(0), actor=clerk)
    from petition_desk.services.directory import insert_user

    insert_user(opened.conn, "zhao", "赵查阅", "查阅")
    with pytest.raises(PermissionDenied):
        reception_store.add_reception_rule(
            opened.conn, reception.weekly(1), actor=get_user(opened.conn, "zhao")
        )
