"""Ordered schema migrations. Migration *n* takes a file from ``user_version`` n-1 to n.

Never edit a released migration: add a new one. ``tests/data/schema_v1.sqlite`` is a file made
by migration 1 alone, and the tests upgrade it.
"""

from __future__ import annotations

from collections.abc import Callable

from petition_desk.db.engine import sqlite3

V1_SQL = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE leaders (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    principal INTEGER NOT NULL DEFAULT 0,
    rotation INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE holiday_overrides (
    day TEXT PRIMARY KEY,
    workday INTEGER NOT NULL CHECK (workday IN (0, 1)),
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE holiday_years (
    year INTEGER PRIMARY KEY,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE number_sequences (
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    gender TEXT,
    id_number TEXT,
    id_legacy INTEGER NOT NULL DEFAULT 0,
    phone TEXT,
    address TEXT NOT NULL DEFAULT '',
    village TEXT NOT NULL DEFAULT '',
    workplace TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX people_phone ON people(phone) WHERE phone IS NOT NULL;
CREATE INDEX people_name ON people(name);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    channel TEXT NOT NULL,
    received_at TEXT NOT NULL,
    registered_by INTEGER NOT NULL REFERENCES users(id),
    registered_at TEXT NOT NULL,
    purpose TEXT,
    category TEXT NOT NULL,
    summary TEXT NOT NULL,
    request TEXT NOT NULL DEFAULT '',
    facts TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    village TEXT NOT NULL DEFAULT '',
    head_count INTEGER NOT NULL DEFAULT 1,
    collective INTEGER NOT NULL DEFAULT 0,
    repeat INTEGER NOT NULL DEFAULT 0,
    anonymous INTEGER NOT NULL DEFAULT 0,
    skipped_level INTEGER NOT NULL DEFAULT 0,
    law_related INTEGER NOT NULL DEFAULT 0,
    confidential INTEGER NOT NULL DEFAULT 0,
    urgent INTEGER NOT NULL DEFAULT 0,
    people_names TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    disposition TEXT,
    notice_at TEXT,
    accepted_at TEXT,
    department_id INTEGER REFERENCES departments(id),
    assigned_at TEXT,
    assign_due TEXT,
    forwarded_to TEXT,
    reject_ground TEXT,
    extension_days INTEGER NOT NULL DEFAULT 0,
    supervision_count INTEGER NOT NULL DEFAULT 0,
    replied_at TEXT,
    reply_result TEXT,
    replied_on_time INTEGER,
    satisfaction TEXT,
    followed_up_at TEXT,
    settled_at TEXT,
    review_requested_at TEXT,
    review_result TEXT,
    review_answered_at TEXT,
    rereview_requested_at TEXT,
    rereview_result TEXT,
    rereview_answered_at TEXT,
    closed_at TEXT,
    archived_at TEXT,
    volume_no TEXT,
    next_due TEXT,
    next_due_kind TEXT,
    next_due_confirmed INTEGER NOT NULL DEFAULT 1,
    UNIQUE (year, seq)
);
CREATE INDEX cases_received ON cases(received_at);
CREATE INDEX cases_next_due ON cases(next_due) WHERE next_due IS NOT NULL;
CREATE INDEX cases_state ON cases(state, received_at);
CREATE INDEX cases_category ON cases(category, received_at);
CREATE INDEX cases_channel ON cases(channel, received_at);
CREATE INDEX cases_village ON cases(village, received_at);
CREATE INDEX cases_department ON cases(department_id, received_at);
CREATE TABLE case_people (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (case_id, person_id)
) WITHOUT ROWID;
CREATE INDEX case_people_person ON case_people(person_id, case_id);
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    state_before TEXT,
    state_after TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);
-- History is never rewritten: the database itself refuses.
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
BEGIN SELECT RAISE(ABORT, 'cases are never deleted'); END;
"""

# Version 2: full-text search (trigram, so Chinese needs no word segmentation) over the names
# and texts of a case, and pinyin initials of people for "zjg" -> 张建国.
V2_SQL = """
ALTER TABLE people ADD COLUMN initials TEXT NOT NULL DEFAULT '';
CREATE INDEX people_initials ON people(initials);
CREATE VIRTUAL TABLE cases_fts USING fts5(
    people_names, summary, request, facts,
    content='cases', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts(rowid, people_names, summary, request, facts)
    VALUES (new.id, new.people_names, new.summary, new.request, new.facts);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF people_names, summary, request, facts ON cases
BEGIN
    INSERT INTO cases_fts(cases_fts, rowid, people_names, summary, request, facts)
    VALUES ('delete', old.id, old.people_names, old.summary, old.request, old.facts);
    INSERT INTO cases_fts(rowid, people_names, summary, request, facts)
    VALUES (new.id, new.people_names, new.summary, new.request, new.facts);
END;
INSERT INTO cases_fts(cases_fts) VALUES ('rebuild');
"""


def _v2_initials(conn: sqlite3.Connection) -> None:
    """Fill pinyin initials for people already in a version-1 file."""
    from petition_desk.domain.pinyin import initials

    rows = conn.execute("SELECT id, name FROM people").fetchall()
    conn.executemany(
        "UPDATE people SET initials = ? WHERE id = ?", [(initials(n), i) for i, n in rows]
    )


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain ``;`` of their own)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if not buf and (not line.strip() or line.strip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement: {buf[:80]}")
    return statements


# Version 3: attachments, and the leaders of a case (首问责任人 and 包案 owner).
V3_SQL = """
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    added_by INTEGER REFERENCES users(id)
);
CREATE INDEX attachments_case ON attachments(case_id);
ALTER TABLE cases ADD COLUMN first_leader_id INTEGER REFERENCES leaders(id);
ALTER TABLE cases ADD COLUMN owner_leader_id INTEGER REFERENCES leaders(id);
ALTER TABLE cases ADD COLUMN owner_due TEXT;
ALTER TABLE cases ADD COLUMN reception_kind TEXT;
CREATE INDEX cases_first_leader ON cases(first_leader_id) WHERE first_leader_id IS NOT NULL;
CREATE INDEX cases_owner_leader ON cases(owner_leader_id) WHERE owner_leader_id IS NOT NULL;
"""

# Version 4: issued documents kept byte for byte, their reprints, editable letter templates,
# and the audit log of exports and printouts.
V4_SQL = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases(id),
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BLOB NOT NULL,
    font TEXT NOT NULL,
    masked INTEGER NOT NULL DEFAULT 1,
    issued_at TEXT NOT NULL,
    issued_by INTEGER REFERENCES users(id),
    issuer TEXT NOT NULL,
    UNIQUE (kind, year, seq)
);
CREATE INDEX documents_case ON documents(case_id);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'issued documents are kept as issued'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'issued documents are kept as issued'); END;
CREATE TABLE document_prints (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    what TEXT NOT NULL
);
CREATE TABLE templates (
    kind TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
-- The ledger sorts by these on a million cases; without them each sort is a full scan.
CREATE INDEX cases_due_sort ON cases(coalesce(next_due, '9999-12-31'), id);
CREATE INDEX cases_people_names ON cases(people_names, id);
"""

# Version 5: leaders' reception-day rules and roster with its change log, and 阅批 records.
V5_SQL = """
CREATE TABLE reception_rules (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('weekly', 'lunar', 'monthly')),
    params TEXT NOT NULL,
    half_day TEXT NOT NULL DEFAULT '上午',
    place TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE roster (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    half_day TEXT NOT NULL,
    leader_id INTEGER NOT NULL REFERENCES leaders(id),
    place TEXT NOT NULL DEFAULT '',
    accompany_department_id INTEGER REFERENCES departments(id),
    manual INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (day, half_day)
);
CREATE TABLE roster_changes (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER,  -- no foreign key: the log outlives entries removed by a rule change
    day TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    old_leader_id INTEGER REFERENCES leaders(id),
    new_leader_id INTEGER REFERENCES leaders(id),
    reason TEXT NOT NULL DEFAULT '',
    late_override INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER roster_changes_no_update BEFORE UPDATE ON roster_changes
BEGIN SELECT RAISE(ABORT, 'the roster log is append-only'); END;
CREATE TRIGGER roster_changes_no_delete BEFORE DELETE ON roster_changes
BEGIN SELECT RAISE(ABORT, 'the roster log is append-only'); END;
CREATE TABLE leader_reviews (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    leader_id INTEGER NOT NULL REFERENCES leaders(id),
    passed_at TEXT NOT NULL,
    reviewed_at TEXT,
    instruction TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT ''
);
CREATE INDEX leader_reviews_leader ON leader_reviews(leader_id, passed_at);
CREATE INDEX leader_reviews_case ON leader_reviews(case_id);
ALTER TABLE leaders ADD COLUMN department_id INTEGER REFERENCES departments(id);
"""

# Version 6: finding the notices still to issue without reading the whole history.
V6_SQL = """
CREATE INDEX case_events_action ON case_events(action, at);
"""

# 立卷归档: volumes numbered by a scheme (year, retention period, sequence) that several cases
# of one petitioner may share; the department's 办结报告 recorded on the case.
ARCHIVE_SQL = """
CREATE TABLE volumes (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    retention TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (year, retention, seq)
);
ALTER TABLE cases ADD COLUMN volume_id INTEGER REFERENCES volumes(id);
ALTER TABLE cases ADD COLUMN dept_reported_at TEXT;
ALTER TABLE cases ADD COLUMN destroyed_at TEXT;
CREATE INDEX cases_volume ON cases(volume_id) WHERE volume_id IS NOT NULL;
-- 销毁: a batch approved by an administrator erases the personal data and content of files
-- past their retention; a minimal record of each case stays, naming the batch.
CREATE TABLE destruction_batches (
    id INTEGER PRIMARY KEY,
    approved_at TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    as_of TEXT NOT NULL,
    cases INTEGER NOT NULL
);
CREATE TRIGGER destruction_batches_no_update BEFORE UPDATE ON destruction_batches
BEGIN SELECT RAISE(ABORT, 'a destruction batch is kept as approved'); END;
CREATE TRIGGER destruction_batches_no_delete BEFORE DELETE ON destruction_batches
BEGIN SELECT RAISE(ABORT, 'a destruction batch is kept as approved'); END;
ALTER TABLE cases ADD COLUMN destruction_batch_id INTEGER REFERENCES destruction_batches(id);
-- History stays append-only, with one lawful exception: the content of a destroyed case's
-- events and kept documents is blanked (nothing else of the row may change).
DROP TRIGGER case_events_no_update;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT (
    new.data = '{"已销毁": true}'
    AND new.id = old.id AND new.case_id = old.case_id AND new.at = old.at
    AND new.actor IS old.actor AND new.actor_id IS old.actor_id AND new.action = old.action
    AND new.state_before IS old.state_before AND new.state_after = old.state_after
    AND (SELECT destroyed_at FROM cases WHERE id = old.case_id) IS NOT NULL
)
BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
DROP TRIGGER documents_no_update;
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
WHEN NOT (
    length(new.pdf) = 0 AND new.id = old.id AND new.number = old.number
    AND new.sha256 = old.sha256 AND new.kind = old.kind AND new.case_id IS old.case_id
    AND (SELECT destroyed_at FROM cases WHERE id = old.case_id) IS NOT NULL
)
BEGIN SELECT RAISE(ABORT, 'issued documents are kept as issued'); END;
"""

# Official document numbers (青信受〔2026〕12号): unique across the whole database. Documents
# issued before carry numbers without the organ's code (〔2026〕1号 for several kinds) and are
# kept as issued, so the constraint covers the numbers issued under the new scheme
# (``official`` = 1; forms such as the 来访登记表 have no number). Each document names the
# step (event) that called for it; issuing one twice for the same step records why.
DOC_NUMBERS_SQL = """
ALTER TABLE documents ADD COLUMN official INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN step_event_id INTEGER REFERENCES case_events(id);
ALTER TABLE documents ADD COLUMN reissue_reason TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX documents_official_number ON documents(number) WHERE official = 1;
CREATE INDEX documents_step ON documents(step_event_id) WHERE step_event_id IS NOT NULL;
"""


#: The distinct 2-character grams of a case's names and texts, as one space-separated string
#: (``{x}`` is ``new`` or ``old`` in a trigger). Positions come from ``gram_positions``, which
#: the triggers first extend when a text is longer than any seen before. Grams holding a space
#: are left out: a search is whitespace-normalised, so a 2-character search never has one.
_GRAMS_OF = """(SELECT group_concat(g, ' ') FROM (
    SELECT DISTINCT substr(t.v, p.n, 2) AS g
    FROM (SELECT {x}.people_names AS v UNION ALL SELECT {x}.summary
          UNION ALL SELECT {x}.request UNION ALL SELECT {x}.facts) AS t
    JOIN gram_positions AS p ON p.n < length(t.v)
    WHERE instr(g, ' ') = 0))"""
_GROW_POSITIONS = """INSERT OR IGNORE INTO gram_positions(n)
    WITH RECURSIVE r(n) AS (
        SELECT (SELECT max(n) FROM gram_positions) + 1
        UNION ALL SELECT n + 1 FROM r
        WHERE n < max(length(new.people_names), length(new.summary), length(new.request),
                      length(new.facts)))
    SELECT n FROM r
    WHERE n < max(length(new.people_names), length(new.summary), length(new.request),
                  length(new.facts));"""

# Search as you type on a million cases. 1-2 character searches used LIKE over every row;
# now a contentless FTS5 table of the 2-character grams (each gram one token, unicode61,
# detail=none: only which cases hold it, about 40 bytes a case) answers them from an index,
# newest case first. Partial indexes make the repeat / collective filters walk only flagged
# cases, newest first.
SEARCH_GRAMS_SQL = f"""
CREATE TABLE gram_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 512)
INSERT INTO gram_positions(n) SELECT n FROM r;
CREATE VIRTUAL TABLE cases_grams USING fts5(
    grams, content='', tokenize='unicode61 remove_diacritics 0', detail=none, columnsize=0
);
CREATE TRIGGER cases_grams_insert AFTER INSERT ON cases BEGIN
    {_GROW_POSITIONS}
    INSERT INTO cases_grams(rowid, grams) VALUES (new.id, {_GRAMS_OF.format(x="new")});
END;
CREATE TRIGGER cases_grams_update AFTER UPDATE OF people_names, summary, request, facts ON cases
BEGIN
    {_GROW_POSITIONS}
    INSERT INTO cases_grams(cases_grams, rowid, grams)
    VALUES ('delete', old.id, {_GRAMS_OF.format(x="old")});
    INSERT INTO cases_grams(rowid, grams) VALUES (new.id, {_GRAMS_OF.format(x="new")});
END;
CREATE INDEX cases_repeat ON cases(received_at) WHERE repeat = 1;
CREATE INDEX cases_collective ON cases(received_at) WHERE collective = 1;
CREATE INDEX cases_repeat_collective ON cases(received_at) WHERE repeat = 1 AND collective = 1;
-- The overdue and due-soon filters sort their few open cases without reading each row.
DROP INDEX cases_next_due;
CREATE INDEX cases_next_due_received ON cases(next_due, received_at) WHERE next_due IS NOT NULL;
-- The latest date received among each block of 256 case ids: proves in a few rows that no
-- case below an id was received after a date (ledger_query.fetch_page). Only ever raised, so
-- a date corrected backwards leaves it too high: the proof then fails safe.
CREATE TABLE case_id_blocks (block INTEGER PRIMARY KEY, latest TEXT NOT NULL);
INSERT INTO case_id_blocks(block, latest) SELECT id >> 8, max(received_at) FROM cases GROUP BY 1;
CREATE TRIGGER case_id_blocks_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_id_blocks(block, latest) VALUES (new.id >> 8, new.received_at)
    ON CONFLICT(block) DO UPDATE SET latest = max(latest, excluded.latest);
END;
CREATE TRIGGER case_id_blocks_update AFTER UPDATE OF received_at ON cases BEGIN
    INSERT INTO case_id_blocks(block, latest) VALUES (new.id >> 8, new.received_at)
    ON CONFLICT(block) DO UPDATE SET latest = max(latest, excluded.latest);
END;
-- How many cases there are (they are never deleted): the unfiltered ledger counts in no time.
CREATE TABLE case_total (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
INSERT INTO case_total(one, n) SELECT 1, count(*) FROM cases;
CREATE TRIGGER case_total_insert AFTER INSERT ON cases BEGIN
    UPDATE case_total SET n = n + 1;
END;
"""


def case_grams(*texts: str) -> str:
    """The same gram string as ``_GRAMS_OF`` computes in SQL (Python slices code points as
    SQLite's ``substr`` counts characters); used to fill the index of an existing file fast."""
    grams = {t[i : i + 2] for t in texts for i in range(len(t) - 1)}
    return " ".join(sorted(g for g in grams if " " not in g))


def _fill_case_grams(conn: sqlite3.Connection) -> None:
    """Index the cases already in the file (three times faster than the SQL of the trigger)."""
    longest = conn.execute(
        "SELECT max(max(length(people_names), length(summary), length(request), length(facts)))"
        " FROM cases"
    ).fetchone()[0]
    if longest and longest > 512:
        conn.executemany(
            "INSERT OR IGNORE INTO gram_positions(n) VALUES (?)",
            ((n,) for n in range(513, longest)),
        )
    rows = conn.execute("SELECT id, people_names, summary, request, facts FROM cases")
    while batch := rows.fetchmany(20000):
        conn.executemany(
            "INSERT INTO cases_grams(rowid, grams) VALUES (?, ?)",
            [(r[0], case_grams(*r[1:])) for r in batch],
        )


# The monthly 信访分析报告: issued like a notice (a row of ``documents`` with no case) and kept
# with the clerk's analysis paragraph and the figures it printed.
ANALYSIS_REPORTS_SQL = """
CREATE TABLE analysis_reports (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    month TEXT NOT NULL,
    as_of TEXT NOT NULL,
    analysis TEXT NOT NULL,
    figures TEXT NOT NULL
);
CREATE INDEX analysis_reports_month ON analysis_reports(month);
CREATE TRIGGER analysis_reports_no_update BEFORE UPDATE ON analysis_reports
BEGIN SELECT RAISE(ABORT, 'issued documents are kept as issued'); END;
CREATE TRIGGER analysis_reports_no_delete BEFORE DELETE ON analysis_reports
BEGIN SELECT RAISE(ABORT, 'issued documents are kept as issued'); END;
"""

# Access and tamper evidence (issue 12): each user's role; the hash chains of the case history
# and the audit log (services/chain.py), filled in for rows written before.
ACCESS_SQL = """
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT '信访员';
ALTER TABLE case_events ADD COLUMN case_hash BLOB;
ALTER TABLE case_events ADD COLUMN chain_hash BLOB;
ALTER TABLE audit_log ADD COLUMN anchor_id INTEGER;
ALTER TABLE audit_log ADD COLUMN anchor BLOB;
ALTER TABLE audit_log ADD COLUMN hash BLOB;
-- Keys kept inside the encrypted file, e.g. the one that encrypts attachment files.
CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


# 保密 cases (issue 12): the few restricted cases listed straight from an index, so a search's
# exact count can subtract the ones the viewer may not see without reading every match's row
# (db/ledger_query.count_sql). Partial: it holds only the restricted cases.
CONFIDENTIAL_INDEX_SQL = """
CREATE INDEX cases_confidential ON cases(id) WHERE confidential = 1;
"""


def _chain_existing(conn: sqlite3.Connection) -> None:
    """Chain the history and audit entries already in the file, oldest first.

    The append-only triggers are lifted for this one update inside the migration's
    transaction and put back exactly as they were.
    """
    from petition_desk.services import chain

    triggers = {
        name: sql
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN "
            "('case_events_no_update', 'audit_log_no_update')"
        )
    }
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    cols = ", ".join(chain.EVENT_FIELDS)
    rows = conn.execute(f"SELECT id, {cols}, data FROM case_events ORDER BY id").fetchall()
    links = chain.link_events(conn, [(r[1:8], r[8]) for r in rows])
    conn.executemany(
        "UPDATE case_events SET case_hash = ?, chain_hash = ? WHERE id = ?",
        [(ch, link, r[0]) for (ch, link), r in zip(links, rows, strict=True)],
    )
    anchor_id, anchor = chain.events_head(conn)
    prev = None
    acols = ", ".join(chain.AUDIT_FIELDS)
    for row in conn.execute(f"SELECT id, {acols} FROM audit_log ORDER BY id").fetchall():
        prev = chain.audit_hash(prev, row[1:], anchor_id, anchor)
        conn.execute(
            "UPDATE audit_log SET anchor_id = ?, anchor = ?, hash = ? WHERE id = ?",
            (anchor_id, anchor, prev, row[0]),
        )
    for sql in triggers.values():
        conn.execute(sql)


# Size (issue 14): the index of the whole history by (action, time) was 8 % of the file and
# served two questions only. The notices still to print look at the steps that call for a
# notice (``lifecycle.STEP_DOCUMENTS``, written out here as literals: a partial index is used
# only when the query names the same literals, see ``documents.pending`` and
# tests/test_size_indexes.py); the on-time figures look at extensions. Two partial indexes
# hold a third of the entries.
NOTICE_INDEX_SQL = """
DROP INDEX case_events_action;
CREATE INDEX case_events_notices ON case_events(action, at)
    WHERE action IN ('不予受理', '不再受理', '交办', '受理', '延期', '督办', '答复', '转送');
CREATE INDEX case_events_extensions ON case_events(case_id) WHERE action = '延期';
"""

# The few restricted (保密) cases with every column the viewer's rule reads (services/
# visibility.py: the registering user, the leaders named on the case) and the department: the
# hidden ones among a department's cases, or among a search's matches, are then counted from
# this index alone instead of reading each restricted case (0.2-0.4 s for 20,000 of them).
CONFIDENTIAL_COVER_SQL = """
DROP INDEX cases_confidential;
CREATE INDEX cases_confidential
    ON cases(confidential, department_id, registered_by, first_leader_id, owner_leader_id)
    WHERE confidential = 1;
"""

# A 领导 user is linked to their leader record by id, no longer by equal names (a rename of
# either broke the link; two leaders of one name shared their restricted cases). Users already
# matching exactly one leader by name, and no other 领导 user by it, keep that leader.
USER_LEADER_SQL = """
ALTER TABLE users ADD COLUMN leader_id INTEGER REFERENCES leaders(id);
UPDATE users SET leader_id = (SELECT l.id FROM leaders l WHERE l.name = users.name)
WHERE role = '领导'
  AND (SELECT count(*) FROM leaders l WHERE l.name = users.name) = 1
  AND (SELECT count(*) FROM users u WHERE u.role = '领导' AND u.name = users.name) = 1;
CREATE UNIQUE INDEX users_leader ON users(leader_id) WHERE leader_id IS NOT NULL;
"""

Step = str | Callable[[sqlite3.Connection], None]

#: MIGRATIONS[n-1] produces version n; each is run in one transaction.
MIGRATIONS: list[list[Step]] = [
    [V1_SQL],
    [V2_SQL, _v2_initials],
    [V3_SQL],
    [V4_SQL],
    [V5_SQL],
    [V6_SQL],
    [ARCHIVE_SQL],
    [DOC_NUMBERS_SQL],
    [SEARCH_GRAMS_SQL, _fill_case_grams],
    [ANALYSIS_REPORTS_SQL],
    [ACCESS_SQL, _chain_existing],
    [CONFIDENTIAL_INDEX_SQL],
    [NOTICE_INDEX_SQL],
    [CONFIDENTIAL_COVER_SQL],
    [USER_LEADER_SQL],
]
