"""立卷归档: a file is archived only when complete, into a numbered volume, and is read-only."""

import datetime as dt

import pytest

from conftest import audit_log
from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.domain.volumes import volume_number
from petition_desk.errors import TransitionError, ValidationError
from petition_desk.services import archive, documents, settings
from petition_desk.services.attachments import add_attachment
from petition_desk.services.cases import get_case, perform
from petition_desk.services.checks import check_database
from petition_desk.services.permissions import PermissionDenied
from petition_desk.services.registration import register_case
from tests.helpers import NOW, REPLY, case_input, person

AT = dt.datetime(2026, 11, 3, 10)
LATER = dt.datetime(2026, 11, 10, 10)
ASSIGN = (Action.ASSIGN, {"department_id": 1, "deadline": "2026-11-30"})


@pytest.fixture
def unit(conn):
    with transaction(conn):
        settings.save(
            conn,
            {
                "unit_name": "青石镇人民政府",
                "review_organ": "青山县人民政府",
                "review_organ_address": "青山县城关镇人民路1号",
            },
        )
    return conn


def case_through(conn, clerk, *steps, **case_kw):
    case_id, _ = register_case(conn, case_input(**case_kw), clerk, NOW)
    for action, params in steps:
        perform(conn, case_id, action, params, clerk, AT, NOW)
    return case_id


def issue(conn, clerk, case_id, *kinds):
    for kind in kinds:
        documents.issue(conn, case_id, kind, clerk, NOW)


def test_a_forwarded_case_needs_its_notice_or_a_reason(unit, clerk):
    case_id = case_through(unit, clerk, (Action.FORWARD, {"organ": "县人社局"}), (Action.CLOSE, {}))
    check = archive.check_file(unit, case_id)
    assert check.missing == ["信访事项转送告知书（缺 1 份）"]
    with pytest.raises(ValidationError, match="转送告知书"):
        archive.archive(unit, case_id, clerk, NOW)
    step = archive.archive(unit, case_id, clerk, NOW, no_notice_reason="信访人当场领取了纸质告知")
    assert step.data["no_notice_reason"] == "信访人当场领取了纸质告知"
    case = get_case(unit, case_id)
    assert case["state"] == "已归档" and case["volume_no"] == "2026-10年-0001"


def test_a_handled_case_needs_every_paper_the_history_called_for(unit, clerk):
    case_id = case_through(
        unit,
        clerk,
        ASSIGN,
        (Action.SUPERVISE, {"method": "书面督办", "content": "请加快进度"}),
        (Action.REPLY, REPLY),
        (Action.CLOSE, {}),
    )
    missing = archive.check_file(unit, case_id).missing
    assert missing == [
        "信访事项受理告知书（缺 1 份）",
        "信访事项交办单（缺 1 份）",
        "信访事项督办单（缺 1 份）",
        "信访事项处理意见书（缺 1 份）",
        "承办单位办结报告",
        "回访记录",
    ]
    issue(unit, clerk, case_id, "acceptance", "assignment", "supervision", "reply")
    assert archive.check_file(unit, case_id).missing == ["承办单位办结报告", "回访记录"]
    # a reason may excuse the missing 回访, never the department's report
    with pytest.raises(ValidationError, match="承办单位办结报告"):
        archive.archive(unit, case_id, clerk, NOW, no_follow_up_reason="信访人已外出务工，联系不上")


def test_the_department_report_stops_its_clock_and_completes_the_file(unit, clerk):
    case_id = case_through(unit, clerk, ASSIGN)
    assert get_case(unit, case_id)["next_due_kind"] == "书面告知"  # until the notice is issued
    issue(unit, clerk, case_id, "acceptance")
    assert get_case(unit, case_id)["next_due_kind"] == "承办单位报告"
    perform(unit, case_id, Action.DEPARTMENT_REPORT, {"content": "已补发"}, clerk, LATER, NOW)
    assert get_case(unit, case_id)["next_due_kind"] == "办理答复"  # the department is done
    for action, params in ((Action.REPLY, REPLY), (Action.FOLLOW_UP, {"satisfaction": "满意"})):
        perform(unit, case_id, action, params, clerk, LATER, NOW)
    perform(unit, case_id, Action.CLOSE, {}, clerk, LATER, NOW)
    issue(unit, clerk, case_id, "assignment", "reply")
    assert archive.check_file(unit, case_id).complete
    archive.archive(unit, case_id, clerk, NOW)
    assert get_case(unit, case_id)["volume_no"] == "2026-10年-0001"


def test_filed_letters_and_anonymous_matters_need_no_notice(unit, clerk):
    filed = case_through(unit, clerk, (Action.FILE, {"reason": "重复来信，已答复"}))
    assert archive.check_file(unit, filed).complete
    assert archive.retention_of(unit, get_case(unit, filed)) == "2年"
    anonymous = case_through(
        unit, clerk, (Action.FORWARD, {"organ": "县人社局"}), (Action.CLOSE, {}), anonymous=True
    )
    assert archive.check_file(unit, anonymous).complete


def test_volume_numbers_follow_the_scheme_per_year_and_retention(unit, clerk):
    forward = (Action.FORWARD, {"organ": "县人社局"})

    def closed(**kw):
        return case_through(unit, clerk, forward, (Action.CLOSE, {}), **kw)

    ordinary = [
        closed(people=[person(name=f"李{n}", id_number="", phone=f"1391234567{i}")])
        for i, n in enumerate("一二")
    ]
    repeat = closed(people=[person(name="李一", id_number="", phone="13912345670")])
    collective = closed(
        collective=True,
        head_count=8,
        people=[person(role="代表"), person(name="王五", id_number="", role="代表")],
    )
    numbers = []
    for case_id in [*ordinary, repeat, collective]:
        archive.archive(unit, case_id, clerk, NOW, no_notice_reason="当场送达")
        numbers.append(get_case(unit, case_id)["volume_no"])
    # ordinary files 10 years, a repeat petition 30, a collective visit permanently
    assert numbers == ["2026-10年-0001", "2026-10年-0002", "2026-30年-0001", "2026-永久-0001"]
    assert (
        volume_number("{年度}（{保管期限}）第{序号}卷", 2026, "30年", 45) == "2026（30年）第0045卷"
    )
    with pytest.raises(ValidationError, match="序号"), transaction(unit):
        settings.save(unit, {"volume_scheme": "{年度}-{保管期限}"})


def test_cases_of_one_petitioner_can_share_a_volume(unit, clerk):
    forward = (Action.FORWARD, {"organ": "县人社局"})
    first = case_through(unit, clerk, forward, (Action.CLOSE, {}))
    archive.archive(unit, first, clerk, NOW, no_notice_reason="当场送达")
    second = case_through(unit, clerk, forward, (Action.CLOSE, {}))  # same ID number: same person
    other = case_through(
        unit, clerk, forward, (Action.CLOSE, {}), people=[person(name="王芳", id_number="")]
    )
    [volume] = archive.volumes_of_petitioner(unit, second)
    archive.archive(unit, second, clerk, NOW, volume_id=volume.id, no_notice_reason="当场送达")
    assert get_case(unit, second)["volume_no"] == get_case(unit, first)["volume_no"]
    with pytest.raises(ValidationError, match="同一信访人"):
        archive.archive(unit, other, clerk, NOW, volume_id=volume.id, no_notice_reason="当场送达")


def test_an_archived_case_is_read_only_until_reopened_with_a_reason(
    unit, clerk, db_path, tmp_path, opened
):
    case_id = case_through(unit, clerk, (Action.FORWARD, {"organ": "县人社局"}), (Action.CLOSE, {}))
    issue(unit, clerk, case_id, "forward")
    archive.archive(unit, case_id, clerk, NOW)
    scan = tmp_path / "复查意见.png"
    scan.write_bytes(b"\x89PNG fake")
    with pytest.raises(TransitionError, match="已归档"):
        add_attachment(unit, db_path, case_id, scan, clerk, NOW)
    with pytest.raises(TransitionError):
        perform(
            unit,
            case_id,
            Action.CORRECT,
            {"changes": {"summary": "新"}, "reason": "x"},
            clerk,
            NOW,
            NOW,
        )
    kept = documents.documents_of(unit, case_id)[0]
    documents.log_reprint(unit, kept.id, clerk, now=NOW)  # reading and reprinting stay possible
    with pytest.raises(ValidationError, match="重新启用的原因"):
        archive.reopen(unit, case_id, " ", clerk, NOW)
    archive.reopen(unit, case_id, "县信访局复查意见送达，补充归档", clerk, NOW)
    add_attachment(unit, db_path, case_id, scan, clerk, NOW)
    case = get_case(unit, case_id)
    assert case["state"] == "已办结" and case["volume_no"]  # the volume number is kept
    unit.commit() if unit.in_transaction else None
    assert check_database(db_path, key=opened.key).healthy


def archived_forward(conn, clerk, db_path, scan, **case_kw) -> int:
    """A forwarded case with its notice and one scanned attachment, archived: its volume."""
    case_id = case_through(
        conn, clerk, (Action.FORWARD, {"organ": "县人社局"}), (Action.CLOSE, {}), **case_kw
    )
    issue(conn, clerk, case_id, "forward")
    scan.write_bytes(b"\x89PNG fake")
    add_attachment(conn, db_path, case_id, scan, clerk, NOW)
    archive.archive(conn, case_id, clerk, NOW)
    return get_case(conn, case_id)["volume_id"]


def test_volume_papers_list_every_paper_with_its_pages(unit, clerk, db_path, tmp_path):
    import subprocess

    from petition_desk.services import archive_papers

    volume_id = archived_forward(unit, clerk, db_path, tmp_path / "来信.png")
    papers = archive_papers.volume_papers(unit, volume_id, db_path)
    titles = [r.title for r in papers.rows]
    assert titles[0].startswith("信访事项登记（2026-0001）")
    assert any(t.startswith("信访事项转送告知书") for t in titles) and "来信.png" in titles
    assert papers.number == "2026-10年-0001" and papers.cases == ["2026-0001"]
    pdf = archive_papers.print_volume(unit, volume_id, db_path, clerk)
    out = tmp_path / "卷内目录.pdf"
    out.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    assert all(line.split()[-5] == "yes" for line in fonts.stdout.splitlines()[2:])
    from pdfminer.high_level import extract_text

    text = extract_text(str(out))
    assert "卷内目录" in text and "卷内备考表" in text and "共有文件材料 3 件" in text


def test_filed_letters_are_packed_by_village_and_year(unit, clerk, tmp_path):
    from petition_desk.services import archive_papers

    for village in ("东坑村", "东坑村", "西岭村"):
        case_through(
            unit,
            clerk,
            (Action.FILE, {"reason": "内容不清"}),
            # no ID number: three letters, not one person on file with three villages
            people=[person(village=village, id_number="")],
        )
    bundles = archive_papers.filed_bundles(unit)
    assert [(b.village, b.year, len(b.case_ids)) for b in bundles] == [
        ("东坑村", 2026, 2),
        ("西岭村", 2026, 1),
    ]
    pdf = archive_papers.packing_list(unit, bundles[0], clerk, NOW.date())
    (tmp_path / "p.pdf").write_bytes(pdf)
    from pdfminer.high_level import extract_text

    text = extract_text(str(tmp_path / "p.pdf"))
    assert (
        "存信清单（东坑村，2026年）" in text and "本包共 2 件" in text and "2028年12月31日" in text
    )


def test_retention_lists_what_has_passed_its_period(unit, clerk):
    from petition_desk.services.retention import due_for_destruction

    filed = case_through(unit, clerk, (Action.FILE, {"reason": "内容不清"}))
    forwarded = case_through(
        unit,
        clerk,
        (Action.FORWARD, {"organ": "县人社局"}),
        (Action.CLOSE, {}),
        people=[person(name="王芳", id_number="", phone="13900001111")],  # not a repeat
    )
    archive.archive(unit, forwarded, clerk, NOW, no_notice_reason="当场送达")
    assert due_for_destruction(unit, dt.date(2028, 12, 31)) == []
    due = due_for_destruction(unit, dt.date(2029, 1, 1))
    assert [(d.case_id, d.kind, d.kept_until) for d in due] == [
        (filed, "存信", dt.date(2028, 12, 31))
    ]
    later = due_for_destruction(unit, dt.date(2037, 1, 1))
    assert [(d.case_id, d.retention) for d in later] == [(filed, "2年"), (forwarded, "10年")]


def test_destruction_erases_every_copy_inside_the_file_and_keeps_a_minimal_record(
    unit, clerk, admin, db_path, tmp_path, opened
):
    from pdfminer.high_level import extract_text

    from petition_desk.db.search import search_clause
    from petition_desk.services import destruction

    secret_id = "360727198001011235"
    filed = case_through(
        unit,
        clerk,
        (Action.FILE, {"reason": "内容不清"}),
        people=[person(name="欧阳秘密", id_number=secret_id, phone="13912349876")],
        summary="反映欧阳秘密家宅基地纠纷",
    )
    live = case_through(unit, clerk)  # another petitioner's open case: untouched
    scan = tmp_path / "来信.png"
    scan.write_bytes(b"\x89PNG fake")
    add_attachment(unit, db_path, filed, scan, clerk, NOW)
    with pytest.raises(PermissionDenied, match="无权批准销毁"):  # the administrator only
        destruction.destroy(
            unit, db_path, dt.date(2029, 1, 2), "期满", clerk, dt.datetime(2029, 1, 2)
        )
    with pytest.raises(ValidationError, match="没有保管期满"):
        destruction.destroy(
            unit, db_path, dt.date(2028, 12, 31), "期满", admin, dt.datetime(2028, 12, 31)
        )
    with pytest.raises(ValidationError, match="理由"):
        destruction.destroy(unit, db_path, dt.date(2029, 1, 2), " ", admin, dt.datetime(2029, 1, 2))
    batch = destruction.destroy(
        unit,
        db_path,
        dt.date(2029, 1, 2),
        "保管期满，经鉴定无保存价值",
        admin,
        dt.datetime(2029, 1, 2, 9),
    )
    assert [d.case_id for d in batch.due] == [filed] and batch.files_removed == 1
    assert get_case(unit, live)["summary"] == "反映征地补偿款未足额发放"
    case = get_case(unit, filed)
    assert case["summary"] == "（已销毁）" and case["people_names"] == "" and case["facts"] == ""
    assert case["number"] == "2026-0001" and case["category"] and case["state"] == "存信"
    assert case["destruction_batch_id"] == batch.id
    assert (
        unit.execute("SELECT count(*) FROM people WHERE id_number = ?", (secret_id,)).fetchone()[0]
        == 0
    )
    where, params = search_clause("欧阳秘密")
    assert unit.execute(f"SELECT count(*) FROM cases c WHERE {where}", params).fetchone()[0] == 0
    # The file is encrypted, so its raw bytes prove nothing: every page is decrypted into a
    # plain copy (free pages included: VACUUM ran) and that copy is searched.
    plain = tmp_path / "decrypted.sqlite"
    unit.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(plain),))
    unit.execute("SELECT sqlcipher_export('plaintext')")
    unit.execute("DETACH DATABASE plaintext")
    unit.close()
    raw = plain.read_bytes()
    assert secret_id.encode() not in raw and "欧阳秘密".encode() not in raw
    assert secret_id.encode() not in db_path.read_bytes()
    assert check_database(db_path, key=opened.key).healthy
    from petition_desk.db.connection import open_store

    conn = open_store(db_path, opened.key)
    assert audit_log(conn, limit=1)[0]["action"] == "批准销毁"
    with pytest.raises(Exception, match="append-only"):  # history stays closed to anything else
        conn.execute("UPDATE case_events SET data = '{}' WHERE case_id = ?", (filed,))
    pdf = destruction.destruction_list(conn, batch, dt.date(2029, 1, 2))
    (tmp_path / "清册.pdf").write_bytes(pdf)
    text = extract_text(str(tmp_path / "清册.pdf"))
    assert "信访档案销毁清册（第1批）" in text and "2026-0001" in text and "监销人" in text
    assert "欧阳秘密" not in text
    conn.close()


def test_retention_command_lists_then_destroys_with_approval(
    unit, clerk, db_path, tmp_path, capsys, monkeypatch
):
    from petition_desk.cli import main

    case_through(unit, clerk, (Action.FILE, {"reason": "内容不清"}))
    unit.close()
    assert main(["retention", "--db", str(db_path), "--as-of", "2029-01-01", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2026-0001\t存信\t保管期限 2年\t保管至 2028-12-31" in out and "保管期满：1 件" in out
    # a clerk lists but may not approve
    assert main(["retention", "--db", str(db_path), "--approve", "--reason", "期满"]) != 0
    assert "无权批准销毁" in capsys.readouterr().err
    monkeypatch.setenv("PETITION_DESK_USER", "admin")
    # approving needs a reason, and cannot reach into the future
    assert main(["retention", "--db", str(db_path), "--approve"]) != 0
    assert "请填写销毁的理由" in capsys.readouterr().err
    assert (
        main(
            [
                "retention",
                "--db",
                str(db_path),
                "--as-of",
                "2030-01-01",
                "--approve",
                "--reason",
                "期满",
            ]
        )
        != 0
    )
    assert "截至今天" in capsys.readouterr().err


@pytest.mark.parametrize(
    "steps, missing",
    [
        ([(Action.ANSWER_DIRECTLY, {"answer": "已当场解释政策"})], []),
        (
            [
                (Action.REJECT, {"ground": "应通过诉讼途径解决", "where_to_go": "县人民法院"}),
                (Action.CLOSE, {}),
            ],
            ["信访事项不予受理告知书（缺 1 份）"],
        ),
        (
            [(Action.REFUSE_FINAL, {"basis": "已经县信访局复核终结"}), (Action.CLOSE, {})],
            ["信访事项不再受理告知书（缺 1 份）"],
        ),
        (
            [(Action.ACCEPT, {}), (Action.REPLY, REPLY), (Action.CLOSE, {})],
            ["信访事项受理告知书（缺 1 份）", "信访事项处理意见书（缺 1 份）", "回访记录"],
        ),
        (
            [
                (Action.ACCEPT, {}),
                (Action.EXTEND, {"leader": "刘建平", "reason": "需测量", "days": 20}),
                (Action.REPLY, {"result": "调解", "text": "双方达成调解协议"}),
                (Action.FOLLOW_UP, {"satisfaction": "满意"}),
                (Action.REQUEST_REVIEW, {"requester": "张建国", "body": "县信访局"}),
                (Action.REVIEW_RESULT, {"result": "维持"}),
                (Action.CLOSE, {}),
            ],
            ["信访事项受理告知书（缺 1 份）", "信访事项延期办理告知书（缺 1 份）"],
        ),
        ([(Action.FILE, {"reason": "重复来信，已答复"})], []),
    ],
    ids=["answered", "rejected", "refused", "accepted", "mediated-reviewed", "filed"],
)
def test_completeness_for_each_disposition(unit, clerk, steps, missing):
    case_id = case_through(unit, clerk, *steps)
    assert archive.check_file(unit, case_id).missing == missing


def test_archive_papers_show_a_restricted_case_to_those_who_may_see_it(
    unit, clerk, db_path, tmp_path
):
    """A 保密 letter in a bundle, and a 保密 case in a volume: another clerk's print lists
    them by number and date only, as the ledger does; the registering clerk's in full."""
    from pdfminer.high_level import extract_text

    from petition_desk.services import archive_papers
    from petition_desk.services.directory import get_user, insert_user

    insert_user(unit, "clerk2", "王五", "信访员")
    other = get_user(unit, "clerk2")
    secret = {"summary": "反映秘密举报某村干部", "confidential": True}
    case_through(
        unit,
        clerk,
        (Action.FILE, {"reason": "匿名举报"}),
        people=[person(name="赵秘密", village="东坑村", id_number="")],
        **secret,
    )
    (bundle,) = archive_papers.filed_bundles(unit)
    for who, sees in ((clerk, True), (other, False)):
        (tmp_path / "p.pdf").write_bytes(archive_papers.packing_list(unit, bundle, who, NOW.date()))
        text = extract_text(str(tmp_path / "p.pdf"))
        assert "2026-0001" in text
        assert ("赵秘密" in text and "秘密举报" in text and "匿名举报" in text) is sees
        assert ("（保密）" in text) is not sees

    volume_id = archived_forward(unit, clerk, db_path, tmp_path / "举报材料.png", **secret)
    for who, sees in ((clerk, True), (other, False)):
        titles = [r.title for r in archive_papers.volume_papers(unit, volume_id, db_path, who).rows]
        assert titles[0] == (
            "信访事项登记（2026-0002）：" + (secret["summary"] if sees else "（保密）")
        )
        assert ("举报材料.png" in titles) is sees
        assert any(t.startswith("信访事项转送告知书") for t in titles) is sees
        assert ("文书（保密）" in titles) is not sees
