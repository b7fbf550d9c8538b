"""Render one page of each kind of document into this folder (what the README shows).

    python docs/documents/make.py [--pdf-dir DIR]   # DIR: also keep the PDFs there

Builds a throwaway database with the demo township's settings, takes one case through the
step each kind needs, issues the document through ``documents.issue`` and turns its first page
into a PNG with ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from petition_desk.db.connection import transaction  # noqa: E402
from petition_desk.db.keyring import CHEAP_KDF  # noqa: E402
from petition_desk.domain.lifecycle import Action  # noqa: E402
from petition_desk.services import documents, settings  # noqa: E402
from petition_desk.services.access import init_desk  # noqa: E402
from petition_desk.services.cases import perform  # noqa: E402
from petition_desk.services.demo import DOC_SETTINGS, UNIT  # noqa: E402
from petition_desk.services.directory import add_department  # noqa: E402
from petition_desk.services.registration import CaseInput, PersonInput, register_case  # noqa: E402

RECEIVED = dt.datetime(2026, 11, 2, 9, 30)
AT = dt.datetime(2026, 11, 3, 10)
NOW = dt.datetime(2026, 11, 28, 10)
ASSIGN = (Action.ASSIGN, {"department_id": 1, "deadline": "2026-11-30"})
REPLY = {
    "result": "支持",
    "facts_found": "经镇农业农村办会同东坑村委会实地丈量，2025年修建村道征用张建国承包地"
    "1.2亩，应付补偿款36,000元，已发放18,000元，余款18,000元因资金未到位尚未发放。",
    "basis": "《中华人民共和国农村土地承包法》第十七条；《青山县集体土地征收补偿安置办法》",
    "reasoning": "征收补偿款应当足额、及时支付，未发放部分系资金拨付滞后所致，"
    "信访人的请求有事实和政策依据",
    "text": "镇财政所已于11月25日将余款18,000元拨付至东坑村委会，村委会将于12月5日前"
    "转付到信访人账户。",
}
STEPS = {
    "acceptance": [(Action.ACCEPT, {})],
    "rejection": [
        (Action.REJECT, {"ground": "应通过诉讼途径解决", "where_to_go": "青山县人民法院"})
    ],
    "forward": [(Action.FORWARD, {"organ": "县人力资源和社会保障局"})],
    "extension": [
        ASSIGN,
        (Action.EXTEND, {"leader": "刘建平", "reason": "需会同县自然资源局现场测量", "days": 20}),
    ],
    "reply": [ASSIGN, (Action.REPLY, REPLY)],
    "refuse-final": [(Action.REFUSE_FINAL, {"basis": "该事项已经青山县信访局复核终结"})],
    "assignment": [ASSIGN],
    "supervision": [ASSIGN, (Action.SUPERVISE, {"method": "书面督办", "content": "请加快进度"})],
    "visit-form": [],
    "skip-level": [(Action.FORWARD, {"organ": "县人力资源和社会保障局"})],
}


def main() -> None:
    keep = Path(sys.argv[sys.argv.index("--pdf-dir") + 1]) if "--pdf-dir" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        # An encrypted desk like every other (issue 12); its administrator issues the letters.
        desk, _recovery = init_desk(
            Path(tmp) / "docs.sqlite", UNIT, "admin", "管理员", "docs-password", kdf=CHEAP_KDF
        )
        conn = desk.conn
        add_department(conn, "农业农村办")
        with transaction(conn):
            settings.save(conn, {"unit_name": UNIT, **DOC_SETTINGS})
        clerk = desk.user
        for kind, steps in STEPS.items():
            case = CaseInput(
                channel="来访",
                received_at=RECEIVED,
                category="国土资源(征地拆迁)",
                summary="反映修建村道征用承包地的补偿款未足额发放",
                request="要求足额发放征地补偿款",
                facts="2025年修建村道征用承包地1.2亩，补偿款只发放了一半。",
                skipped_level=kind == "skip-level",
                people=[
                    PersonInput(
                        name="张建国",
                        id_number="11010519491231002X",
                        phone="13812341234",
                        address="青石镇东坑村3组",
                        village="东坑村",
                    )
                ],
            )
            case_id, _ = register_case(conn, case, clerk, RECEIVED)
            for action, params in steps:
                perform(conn, case_id, action, params, clerk, AT, NOW)
            doc = documents.issue(conn, case_id, kind, clerk, NOW)
            pdf = (keep or Path(tmp)) / f"{kind}.pdf"
            pdf.write_bytes(doc.pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(HERE / kind),
                ],
                check=True,
            )
            print(f"{kind}.png  {doc.number or '（无编号）'}")
        conn.close()


if __name__ == "__main__":
    main()
