"""Each kind of document: its text, its embedded fonts, and the refusals before printing."""

import datetime as dt
import hashlib
import io
import re
import subprocess

import pytest
from pdfminer.high_level import extract_text

from petition_desk.cli import main
from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import ValidationError
from petition_desk.reports import templates
from petition_desk.services import documents, settings
from petition_desk.services.cases import history, perform
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input, person

AT = dt.datetime(2026, 11, 3, 10)


UNIT_SETTINGS = {
    "unit_name": "青石镇人民政府",
    "doc_prefix_acceptance": "青信受",
    "doc_prefix_reply": "青信复",
    "doc_prefix_assignment": "青信交",
    "review_organ": "青山县人民政府",
    "review_organ_address": "青山县城关镇人民路1号",
    "organ_addresses": ["县人力资源和社会保障局：青山县城关镇解放路8号"],
}


@pytest.fixture
def unit(conn):
    with transaction(conn):
        settings.save(conn, UNIT_SETTINGS)
    return conn


def case_through(conn, clerk, *steps):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    for action, params in steps:
        perform(conn, case_id, action, params, clerk, AT, NOW)
    return case_id


ASSIGN = (Action.ASSIGN, {"department_id": 1, "deadline": "2026-11-30"})
REPLY = {
    "result": "支持",
    "facts_found": "经实地丈量，征用承包地1.2亩，已发放补偿款一半。",
    "basis": "《中华人民共和国农村土地承包法》",
    "reasoning": "补偿款应当足额发放",
    "text": "经调查核实，同意补发补偿款。",
}
STEPS = {
    "acceptance": [(Action.ACCEPT, {})],
    "rejection": [(Action.REJECT, {"ground": "应通过诉讼途径解决", "where_to_go": "县人民法院"})],
    "forward": [(Action.FORWARD, {"organ": "县人力资源和社会保障局"})],
    "extension": [
        ASSIGN,
        (Action.EXTEND, {"leader": "刘建平", "reason": "需现场测量", "days": 20}),
    ],
    "reply": [
        ASSIGN,
        (Action.REPLY, REPLY),
    ],
    "refuse-final": [(Action.REFUSE_FINAL, {"basis": "该事项已经县信访局复核终结"})],
    "assignment": [ASSIGN],
    "supervision": [ASSIGN, (Action.SUPERVISE, {"method": "书面督办", "content": "请加快进度"})],
    "visit-form": [],
    "skip-level": [(Action.FORWARD, {"organ": "县人力资源和社会保障局"})],
}
NUMBERS = {
    "acceptance": "青信受〔2026〕1号",
    "reply": "青信复〔2026〕1号",
    "assignment": "青信交〔2026〕1号",
    "rejection": "信不受〔2026〕1号",
    "visit-form": "",
}
EXPECTED = {
    "acceptance": ["信访事项受理告知书", "张建国：", "予以受理", "60日内办结"],
    "rejection": ["不予受理告知书", "应当通过诉讼途径解决。", "县人民法院"],
    "forward": ["转送告知书", "县人力资源和社会保障局"],
    "extension": [
        "延期办理告知书",
        "需现场测量",
        "刘建平",
        "20日",
        "2027年1月2日",
        "2027年1月22日",
    ],
    "reply": [
        "信访事项处理意见书",
        "青信复〔2026〕1号",
        "你于2026年11月2日来访反映的“征地补偿款未足额发放”一事",
        "二、查明的事实",
        "经实地丈量，征用承包地1.2亩",
        "三、处理依据",
        "《中华人民共和国农村土地承包法》。",
        "补偿款应当足额发放。",
        "同意补发补偿款",
        "本机关决定：对你的信访请求予以支持。",
        "30日内，向青山县人民政府（地址：青山县城关镇人民路1号）请求复",
    ],
    "refuse-final": ["不再受理告知书", "复核终结"],
    "assignment": ["交办单", "农业农村办：", "2026年11月30日", "办结报告"],
    "supervision": ["督办单", "书面督办", "请加快进度"],
    "visit-form": [
        "来访登记表",
        "张建国",
        "110105********002X",
        "138****1234",
        "信访人签字",
        "2026年11月2日9时30分",
    ],
    "skip-level": ["越级上访告知单", "县人力资源和社会保障局", "青山县城关镇解放路8号", "第十八条"],
}


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", extract_text(io.BytesIO(pdf)))


def fonts_of(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


@pytest.mark.parametrize("kind", list(STEPS))
def test_each_kind_of_document(unit, clerk, kind, tmp_path):
    skipped = kind == "skip-level"
    case_id, _ = register_case(unit, case_input(skipped_level=skipped), clerk, NOW)
    for action, params in STEPS[kind]:
        perform(unit, case_id, action, params, clerk, AT, NOW)
    doc = documents.issue(unit, case_id, kind, clerk, NOW)
    assert doc.number == NUMBERS.get(kind, doc.number)
    assert (doc.number == "") == (kind == "visit-form")
    text = pdf_text(doc.pdf)
    for phrase in EXPECTED[kind]:
        assert phrase in text, phrase
    assert "青石镇人民政府" in text and ("2026年11月16日" in text or kind == "visit-form")
    assert "{" not in text and "None" not in text
    rows = fonts_of(doc.pdf, tmp_path)  # pdffonts (poppler-utils) is required: CI installs it
    assert rows and all(r[-5] == "yes" for r in rows), rows  # the "emb" column


def test_numbers_are_official_and_never_collide_across_kinds(unit, clerk):
    case_id = case_through(unit, clerk, ASSIGN)
    a = documents.issue(unit, case_id, "assignment", clerk, NOW)
    b = documents.issue(unit, case_id, "acceptance", clerk, NOW)
    c = documents.issue(
        unit, case_id, "assignment", clerk, NOW, reason="原件遗失，承办单位重新领取"
    )
    assert (a.number, b.number, c.number) == (
        "青信交〔2026〕1号",
        "青信受〔2026〕1号",
        "青信交〔2026〕2号",
    )
    kept = documents.get_document(unit, a.id)
    assert kept.pdf == a.pdf and hashlib.sha256(kept.pdf).hexdigest() == a.sha256
    with pytest.raises(Exception, match="kept as issued"):
        unit.execute("UPDATE documents SET pdf = x'00' WHERE id = ?", (a.id,))
    again = documents.log_reprint(unit, a.id, clerk, now=NOW)
    assert again.number == a.number and again.pdf == a.pdf  # a reprint keeps the number
    events = [e for e in history(unit, case_id)]
    issued = [e for e in events if e.action == "出具文书"]
    assert len(issued) == 3 and [e.action for e in events].count("重印文书") == 1
    assert issued[-1].data["reason"] == "原件遗失，承办单位重新领取"
    assert issued[-1].data["reissue_of"] == "青信交〔2026〕1号"
    assert unit.execute("SELECT count(*) FROM document_prints").fetchone()[0] == 1


def test_the_schema_refuses_a_number_twice(unit, clerk):
    index = unit.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'documents_official_number'"
    ).fetchone()[0]
    assert "UNIQUE" in index.upper() and "(number)" in index
    case_id = case_through(unit, clerk, ASSIGN)
    doc = documents.issue(unit, case_id, "assignment", clerk, NOW)
    with pytest.raises(sqlite3.IntegrityError):
        unit.execute(
            "INSERT INTO documents(case_id, kind, year, seq, number, sha256, pdf, font, issued_at,"
            " issuer, official) VALUES (?, 'acceptance', 2026, 99, ?, '', x'00', '', '', '', 1)",
            (case_id, doc.number),
        )


def test_same_prefix_for_two_kinds_is_refused(unit, clerk):
    with transaction(unit):
        settings.save(unit, {"doc_prefix_acceptance": "青信交"})
    case_id = case_through(unit, clerk, ASSIGN)
    with pytest.raises(ValidationError, match="前缀都是“青信交”"):
        documents.issue(unit, case_id, "assignment", clerk, NOW)


def test_a_second_issue_for_the_same_step_asks_first(unit, clerk):
    case_id = case_through(unit, clerk, (Action.ACCEPT, {}))
    first = documents.issue(unit, case_id, "acceptance", clerk, NOW)
    with pytest.raises(documents.AlreadyIssued) as refused:
        documents.issue(unit, case_id, "acceptance", clerk, NOW)
    assert refused.value.number == first.number and "受理" in str(refused.value)
    assert documents.reissue_of(unit, case_id, "acceptance") == first.number
    assert unit.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_each_extension_calls_for_its_own_notice(unit, clerk):
    case_id = case_through(
        unit,
        clerk,
        ASSIGN,
        (Action.EXTEND, {"leader": "刘建平", "reason": "需现场测量", "days": 20}),
    )
    documents.issue(unit, case_id, "extension", clerk, NOW)
    assert "extension" not in [c.kind for c in documents.documents_called_for(unit, case_id)]


def test_a_kind_not_called_for_is_refused_before_a_number_is_taken(unit, clerk):
    case_id = case_through(unit, clerk, (Action.ACCEPT, {}))
    with pytest.raises(ValidationError, match="尚未“不予受理”"):
        documents.issue(unit, case_id, "rejection", clerk, NOW)
    assert unit.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert (
        unit.execute("SELECT count(*) FROM number_sequences WHERE kind LIKE 'doc:%'").fetchone()[0]
        == 0
    )


def test_unit_name_is_required(conn, clerk):
    case_id = case_through(conn, clerk, (Action.ACCEPT, {}))
    with pytest.raises(ValidationError, match="单位名称"):
        documents.issue(conn, case_id, "acceptance", clerk, NOW)


def test_anonymous_petitions_get_no_petitioner_notice(unit, clerk):
    case_id, _ = register_case(unit, case_input(anonymous=True, people=[]), clerk, NOW)
    perform(unit, case_id, Action.ACCEPT, {}, clerk, AT, NOW)
    with pytest.raises(ValidationError, match="匿名"):
        documents.issue(unit, case_id, "acceptance", clerk, NOW)


def test_templates_are_editable_and_checked(unit, clerk):
    with pytest.raises(ValidationError, match=r"\{身份证\}"):
        templates.save(unit, "acceptance", "受理告知书", "{信访人}：{身份证}")
    with pytest.raises(ValidationError, match="花括号"):
        templates.save(unit, "acceptance", "受理告知书", "{信访人：")
    templates.save(
        unit, "acceptance", "受理通知", "{信访人}：\n你反映的事项已受理，编号{编号}。{{备注}}"
    )
    case_id = case_through(unit, clerk, (Action.ACCEPT, {}))
    text = pdf_text(documents.issue(unit, case_id, "acceptance", clerk, NOW).pdf)
    assert "受理通知" in text and "编号2026-0001" in text and "{备注}" in text


def test_visit_form_unmasked_on_request(unit, clerk):
    case_id = case_through(unit, clerk)
    text = pdf_text(documents.issue(unit, case_id, "visit-form", clerk, NOW, unmasked=True).pdf)
    assert "11010519491231002X" in text and "13812341234" in text


def test_pending_notices(unit, clerk):
    a = case_through(unit, clerk, (Action.ACCEPT, {}))
    b = case_through(unit, clerk, ASSIGN)
    pending = {(c, k) for c, _n, k, _at in documents.pending(unit, today=NOW.date())}
    assert pending == {(a, "acceptance"), (b, "acceptance"), (b, "assignment")}
    assert {(c.kind, c.step) for c in documents.documents_called_for(unit, b)} == {
        ("visit-form", "登记来访"),
        ("acceptance", "交办"),
        ("assignment", "交办"),
    }
    documents.issue(unit, b, "assignment", clerk, NOW)
    assert (b, "assignment") not in {
        (c, k) for c, _n, k, _at in documents.pending(unit, today=NOW.date())
    }


def test_long_reply_flows_onto_a_second_page(unit, clerk):
    text = "经调查核实，" + "该户承包地征收补偿款已按标准核算并公示。" * 60
    case_id = case_through(
        unit,
        clerk,
        ASSIGN,
        (
            Action.REPLY,
            {
                "result": "解释说明",
                "facts_found": "经查，情况属实。",
                "basis": "《信访工作条例》第三十二条",
                "reasoning": "符合政策规定。",
                "text": text,
            },
        ),
    )
    pdf = documents.issue(unit, case_id, "reply", clerk, NOW).pdf
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 2 or b"/Count 2" in pdf
    assert "—2—" in pdf_text(pdf)


def test_cli_letter(db_path, unit, clerk, tmp_path, capsys):
    case_through(
        unit,
        clerk,
        ASSIGN,
        (
            Action.REPLY,
            {
                "result": "支持",
                "facts_found": "经查，情况属实。",
                "basis": "《信访工作条例》第三十二条",
                "reasoning": "符合政策规定。",
                "text": "同意",
            },
        ),
    )

    def letter(kind: str, out) -> int:
        return main(
            [
                "letter",
                "--db",
                str(db_path),
                "--case",
                "2026-0001",
                "--kind",
                kind,
                "--out",
                str(out),
            ]
        )

    out = tmp_path / "reply.pdf"
    assert letter("reply", out) == 0
    assert "信访事项处理意见书" in pdf_text(out.read_bytes())
    capsys.readouterr()
    assert letter("rejection", tmp_path / "x.pdf") == 1
    err = capsys.readouterr().err
    assert "尚未“不予受理”" in err and "信访事项不予受理告知书" in err
    assert not (tmp_path / "x.pdf").exists()


def test_people_named_in_the_salutation(unit, clerk):
    case_id, _ = register_case(
        unit,
        case_input(people=[person(), person(name="王芳", id_number="", phone="13900001111")]),
        clerk,
        NOW,
    )
    perform(unit, case_id, Action.ACCEPT, {}, clerk, AT, NOW)
    assert "张建国、王芳：" in pdf_text(
        documents.issue(unit, case_id, "acceptance", clerk, NOW).pdf
    )


def test_pending_looks_back_a_limited_window(unit, clerk):
    case_through(unit, clerk, (Action.ACCEPT, {}))  # step taken 2026-11-03
    assert documents.pending(unit, today=NOW.date())
    assert documents.pending(unit, today=dt.date(2027, 3, 1)) == []


def test_a_hidden_restricted_case_gets_no_document_and_its_documents_stay_shut(unit, clerk):
    """保密 (issue 12): a user who may not see the case can neither issue its documents nor
    view or reprint the kept ones (services/visibility.py)."""
    from petition_desk.services.directory import get_user, insert_user
    from petition_desk.services.permissions import Role
    from petition_desk.services.visibility import RestrictedCase

    insert_user(unit, "clerk2", "王五", Role.CLERK)
    other = get_user(unit, "clerk2")
    case_id, number = register_case(unit, case_input(confidential=True), clerk, NOW)
    perform(unit, case_id, Action.ACCEPT, {}, clerk, AT, NOW)
    doc = documents.issue(unit, case_id, "acceptance", clerk, NOW)  # the registering clerk
    with pytest.raises(RestrictedCase, match=f"案件{number}是保密案件"):
        documents.issue(unit, case_id, "visit-form", other, NOW)
    with pytest.raises(RestrictedCase):
        documents.log_view(unit, doc.id, other)
    with pytest.raises(RestrictedCase):
        documents.log_reprint(unit, doc.id, other)
    assert unit.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
