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
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import ValidationError
from petition_desk.reports import templates
from petition_desk.services import documents, settings
from petition_desk.services.cases import history, perform
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input, person

AT = dt.datetime(2026, 11, 3, 10)


@pytest.fixture
def unit(conn):
    with transaction(conn):
        settings.save(conn, {"unit_name": "青石镇人民政府"})
    return conn


def case_through(conn, clerk, *steps):
    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    for action, params in steps:
        perform(conn, case_id, action, params, clerk, AT, NOW)
    return case_id


ASSIGN = (Action.ASSIGN, {"department_id": 1, "deadline": "2026-11-30"})
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
        (
            Action.REPLY,
            {
                "result": "支持",
                "facts_found": "经查，情况属实。",
                "basis": "《信访工作条例》第三十二条",
                "reasoning": "符合政策规定。",
                "text": "经调查核实，同意补发补偿款。",
            },
        ),
    ],
    "refuse-final": [(Action.REFUSE_FINAL, {"basis": "该事项已经县信访局复核终结"})],
    "assignment": [ASSIGN],
    "supervision": [ASSIGN, (Action.SUPERVISE, {"method": "书面督办", "content": "请加快进度"})],
    "visit-form": [],
}
EXPECTED = {
    "acceptance": ["信访事项受理告知书", "张建国：", "予以受理", "60日内办结"],
    "rejection": ["不予受理告知书", "应通过诉讼途径解决", "县人民法院"],
    "forward": ["转送告知书", "县人力资源和社会保障局"],
    "extension": [
        "延期办理告知书",
        "需现场测量",
        "刘建平",
        "20日",
        "2027年1月2日",
        "2027年1月22日",
    ],
    "reply": ["信访事项处理意见书", "同意补发补偿款", "支持", "30日内", "复查"],
    "refuse-final": ["不再受理告知书", "复核终结"],
    "assignment": ["交办单", "农业农村办：", "2026年11月30日", "办结报告"],
    "supervision": ["督办单", "书面督办", "请加快进度"],
    "visit-form": ["来访登记表", "张建国", "110105********002X", "138****1234", "信访人签字"],
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
    case_id = case_through(unit, clerk, *STEPS[kind])
    doc = documents.issue(unit, case_id, kind, clerk, NOW)
    assert doc.number == "〔2026〕1号"
    text = pdf_text(doc.pdf)
    for phrase in EXPECTED[kind]:
        assert phrase in text, phrase
    assert "青石镇人民政府" in text and ("2026年11月16日" in text or kind == "visit-form")
    assert "{" not in text and "None" not in text
    rows = fonts_of(doc.pdf, tmp_path)  # pdffonts (poppler-utils) is required: CI installs it
    assert rows and all(r[-5] == "yes" for r in rows), rows  # the "emb" column


def test_numbers_per_kind_and_year_and_the_document_is_kept(unit, clerk):
    case_id = case_through(unit, clerk, ASSIGN)
    a = documents.issue(unit, case_id, "assignment", clerk, NOW)
    b = documents.issue(unit, case_id, "acceptance", clerk, NOW)
    c = documents.issue(unit, case_id, "assignment", clerk, NOW)
    assert (a.number, b.number, c.number) == ("〔2026〕1号", "〔2026〕1号", "〔2026〕2号")
    kept = documents.get_document(unit, a.id)
    assert kept.pdf == a.pdf and hashlib.sha256(kept.pdf).hexdigest() == a.sha256
    with pytest.raises(Exception, match="kept as issued"):
        unit.execute("UPDATE documents SET pdf = x'00' WHERE id = ?", (a.id,))
    documents.log_reprint(unit, a.id, clerk, now=NOW)
    events = [e.action for e in history(unit, case_id)]
    assert events.count("出具文书") == 3 and events.count("重印文书") == 1
    assert unit.execute("SELECT count(*) FROM document_prints").fetchone()[0] == 1


def test_missing_value_is_refused_before_printing(unit, clerk):
    case_id = case_through(unit, clerk, (Action.ACCEPT, {}))
    with pytest.raises(ValidationError, match="不予受理理由、告知去向"):
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
    assert letter("rejection", tmp_path / "x.pdf") == 2
    assert "缺失" in capsys.readouterr().err


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
