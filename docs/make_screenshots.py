"""Regenerate the README screenshots from a demo database.

QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).parent


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    from petition_desk.services.demo import build_demo
    from petition_desk.ui.app import make_app, open_window

    db = tmp / "demo.sqlite"
    build_demo(db, 3000, seed=1, until=dt.date.today())
    app = make_app()
    window = open_window(db)
    window.resize(1366, 768)
    window.show()

    def settle(seconds: float = 1.0) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    settle()
    window.show_page("workbench")
    settle(1.5)
    window.grab().save(str(HERE / "workbench.png"))
    window.show_page("ledger")
    settle(1.5)
    window.grab().save(str(HERE / "ledger.png"))
    window.show_page("registration")
    page = window.registration
    person = window.ctx.conn.execute(
        "SELECT p.name, p.id_number FROM people p JOIN case_people cp ON cp.person_id = p.id "
        "WHERE p.id_number IS NOT NULL GROUP BY p.id HAVING count(*) >= 2 LIMIT 1"
    ).fetchone()
    page.people[0].id_number.setText(person[1])
    page.people[0].id_number.textEdited.emit(person[1])
    settle(1.5)
    window.grab().save(str(HERE / "registration.png"))
    window.show_page("reception")
    settle(1.0)
    window.grab().save(str(HERE / "reception.png"))
    page.reset()  # else closing asks whether to discard the typed ID number
    window.close()
    wizard_screenshot(tmp / "empty.sqlite", settle)


def wizard_screenshot(db: Path, settle) -> None:
    """The first-start wizard on an empty database, at its leaders step."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidgetItem

    from petition_desk.ui.app import open_window
    from petition_desk.ui.setup_wizard import PAGE_IDS

    window = open_window(db)
    wizard = window.run_setup_wizard()
    wizard.unit.unit_name.setText("青石镇人民政府")
    while wizard.currentId() != PAGE_IDS["leaders"]:
        wizard.next()
    for row, (name, title) in enumerate(
        [("陈国华", "党委书记"), ("王强", "镇长"), ("李敏", "副镇长")]
    ):
        wizard.leaders.table.setItem(row, 0, QTableWidgetItem(name))
        wizard.leaders.table.setItem(row, 1, QTableWidgetItem(title))
    wizard.leaders.table.item(0, 2).setCheckState(Qt.CheckState.Checked)
    settle(0.5)
    wizard.grab().save(str(HERE / "setup-wizard.png"))
    wizard.reject()
    window.close()


if __name__ == "__main__":
    main()
