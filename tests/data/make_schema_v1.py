"""Recreate ``schema_v1.sqlite``: a file as schema version 1 (the first release) wrote it.

Run once when the file must be rebuilt: ``python tests/data/make_schema_v1.py``. It uses the
frozen SQL of migration 1, never the current code paths, so it stays a faithful old file.
"""

import sqlite3
from pathlib import Path

from petition_desk.db.migrations import V1_SQL, split_sql

HERE = Path(__file__).parent


def main() -> None:
    target = HERE / "schema_v1.sqlite"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN")
    for statement in split_sql(V1_SQL):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO users(login, name) VALUES ('clerk', '信访员')")
    conn.execute(
        "INSERT INTO people(name, gender, id_number, phone, address, village, created_at) "
        "VALUES ('张建国', '男', '11010519491231002X', '13812341234', '青石镇东坑村3组', '东坑村', "
        "'2026-03-05T09:00:00')"
    )
    conn.execute(
        "INSERT INTO cases(number, year, seq, channel, received_at, registered_by, registered_at,"
        " category, summary, request, facts, village, people_names, state, next_due, next_due_kind)"
        " VALUES ('2026-0001', 2026, 1, '来访', '2026-03-05T09:00', 1, '2026-03-05T09:05:00',"
        " '国土资源(征地拆迁)', '反映征地补偿款未足额发放', '要求足额发放补偿款',"
        " '去年修路征用承包地，补偿款只发一半。', '东坑村', '张建国', '已登记', '2026-03-20', '书面告知')"
    )
    conn.execute("INSERT INTO case_people VALUES (1, 1, '信访人', 0)")
    conn.execute(
        "INSERT INTO case_events(case_id, at, actor_id, actor, action, state_before, state_after,"
        " data) VALUES (1, '2026-03-05T09:05:00', 1, '信访员', '登记', NULL, '已登记', '{}')"
    )
    conn.execute("INSERT INTO number_sequences VALUES ('case', 2026, 1)")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


if __name__ == "__main__":
    main()
