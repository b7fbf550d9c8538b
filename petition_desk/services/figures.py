"""Every figure the desk shows or sends, each defined once (domain.md §6).

The status bar, the 统计 page and its charts, the 统计 and 超期 sheets of the ledger export,
the 信访分析报告 and ``petition-desk stats`` all call this module, so a figure has one value
wherever it appears. Each figure is declared in ``DEFINITIONS`` with its stable key (the JSON
key of ``petition-desk stats --json``), its Chinese label, the tooltip the GUI shows, its
period rule and its denominator.

Period rules (``Period``):
- RECEIVED: cases received (``received_at``) in the period;
- SETTLED_ON_TIME: handled cases whose on-time status became known in the period: answered in
  the period within the limit, or the limit passed in the period without an answer (so a case
  counts as overdue in 按期办结率 for the period it fell overdue in);
- REPLIED: cases answered (``replied_at``) in the period, followed up / settled by the as-of day;
- AS_OF: the state of running clocks on the as-of day, whatever the period;
- PASSED: letters passed to leaders in the period (阅批率).
Every date compared with the as-of day uses only what had happened by then, so a month's
figures computed later do not count a reply given after the as-of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits
from petition_desk.domain.vocab import Disposition, Satisfaction, State
from petition_desk.services.visibility import masked


class Period(StrEnum):
    RECEIVED = "收到日期在本期"
    SETTLED_ON_TIME = "按期答复或超期发生在本期"
    REPLIED = "答复日期在本期"
    AS_OF = "截至统计日"
    PASSED = "呈阅日期在本期"


@dataclass(frozen=True)
class Definition:
    """How one figure is computed, written once for the code, the GUI and the README."""

    key: str
    label: str
    tooltip: str
    period: Period
    denominator: str = ""  # empty for a count
    target_setting: str | None = None  # settings key of the rate's target (%), if any

    def explain(self) -> str:
        """The full definition as one text: tooltip, 口径 column of the 统计 sheet, README."""
        base = f"{self.label}（{self.period.value}"
        base += f"；分母：{self.denominator}）" if self.denominator else "）"
        return f"{base}：{self.tooltip}"


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "cases",
        "信访总量（批次）",
        "本期收到的信访事项件数，一件为一批次，不论人数。",
        Period.RECEIVED,
    ),
    Definition(
        "persons", "人次", "本期收到事项的信访人数之和（集体访 30 人计 30 人次）。", Period.RECEIVED
    ),
    Definition(
        "letters", "来信件数", "形式为“来信”的事项件数（来信按件统计，不计人次）。", Period.RECEIVED
    ),
    Definition(
        "visit_batches", "来访批次", "形式为“来访”或“领导接访”的事项件数。", Period.RECEIVED
    ),
    Definition("visit_persons", "来访人次", "来访批次的人数之和。", Period.RECEIVED),
    Definition(
        "collective_batches",
        "集体访批次",
        "登记为集体访的事项件数（人数达到集体访人数标准的来访一律为集体访）。",
        Period.RECEIVED,
    ),
    Definition("collective_persons", "集体访人次", "集体访事项的人数之和。", Period.RECEIVED),
    Definition(
        "repeat",
        "重复信访件数",
        "标记为重复信访（同一人就同一事项再次信访）的件数。",
        Period.RECEIVED,
    ),
    Definition(
        "timely_acceptance",
        "及时受理率",
        "书面告知（受理、转送、不予受理等告知书）在收到之日起告知期限内实际出具的件数 ÷ 应告知件数。"
        "应告知：本期收到、非匿名、处理方式不是直接答复或存信，且已告知或告知期限已过。",
        Period.RECEIVED,
        "本期收到、应书面告知且已告知或告知期限已过的件数",
        "timely_acceptance_target",
    ),
    Definition(
        "on_time",
        "按期办结率",
        "受理、交办的事项中，本期在期限内答复的件数 ÷（本期在期限内答复的件数 + 答复期限在本期届满而未按期答复的件数）。"
        "期限为受理日加办理期限加延期天数；超过期限后才批准的延期（逾期后延期）不延长期限，该件仍计为超期。",
        Period.SETTLED_ON_TIME,
        "本期按期答复件数 + 本期届满未按期答复件数",
        "on_time_target",
    ),
    Definition(
        "satisfaction",
        "群众满意率",
        "本期答复的事项中，回访评价为满意或基本满意的件数 ÷ 已回访评价的件数。",
        Period.REPLIED,
        "本期答复且截至统计日已回访评价的件数",
        "satisfaction_target",
    ),
    Definition(
        "participation",
        "参评率",
        "本期答复的事项中，截至统计日已回访评价的件数 ÷ 本期答复件数。",
        Period.REPLIED,
        "本期答复件数",
        "participation_target",
    ),
    Definition(
        "settled",
        "息诉息访率",
        "本期答复的事项中，截至统计日已登记息诉息访的件数 ÷ 本期答复件数。",
        Period.REPLIED,
        "本期答复件数",
        "settled_target",
    ),
    Definition(
        "overdue",
        "超期件数",
        "截至统计日，有期限正在计算且已过期限（期限早于统计日）的事项件数，不论何时收到。",
        Period.AS_OF,
    ),
    Definition(
        "review",
        "领导阅批率",
        "本期呈送领导阅批的信件中已批示的比例，按领导分列；主要领导与其他领导目标不同。",
        Period.PASSED,
        "本期呈该领导阅批的件数",
    ),
)
BY_KEY = {d.key: d for d in DEFINITIONS}
RATE_KEYS = ("timely_acceptance", "on_time", "satisfaction", "participation", "settled")
COUNT_KEYS = tuple(d.key for d in DEFINITIONS if not d.denominator)
BREAKDOWNS = {
    "by_channel": "按信访形式",
    "by_category": "按问题类别",
    "by_disposition": "按处理方式",
    "by_village": "按村（社区）",
}
VISIT_CHANNELS = ("来访", "领导接访")
LETTER_CHANNEL = "来信"
NO_NOTICE = (Disposition.ANSWER_DIRECTLY.value, Disposition.FILE.value)
HANDLED = (Disposition.ACCEPT.value, Disposition.ASSIGN.value)
UNDECIDED = "未处理"
NO_VILLAGE = "（未填）"


@dataclass(frozen=True)
class Rate:
    """A ratio shown as a percentage, with its parts so a county form can be checked."""

    numerator: int
    denominator: int
    target: int | None = None  # percent; None when no target is set

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else 100.0 * self.numerator / self.denominator

    @property
    def below_target(self) -> bool:
        """True when there is a target and a value and the value is under it (shown red)."""
        p = self.percent
        return self.target is not None and p is not None and p < self.target

    def __str__(self) -> str:
        p = self.percent
        return "—" if p is None else f"{p:.1f}%"

    def as_json(self) -> dict:
        p = self.percent
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "percent": None if p is None else round(p, 1),
            "target": self.target,
            "below_target": self.below_target,
        }


@dataclass(frozen=True)
class LeaderRate:
    leader: str
    principal: bool
    rate: Rate


@dataclass
class Figures:
    """The figures of one period, as of one day."""

    first: dt.date
    last: dt.date
    as_of: dt.date
    cases: int = 0
    persons: int = 0
    letters: int = 0
    visit_batches: int = 0
    visit_persons: int = 0
    collective_batches: int = 0
    collective_persons: int = 0
    repeat: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_disposition: dict[str, int] = field(default_factory=dict)
    by_village: dict[str, int] = field(default_factory=dict)
    timely_acceptance: Rate = Rate(0, 0)
    on_time: Rate = Rate(0, 0)
    satisfaction: Rate = Rate(0, 0)
    participation: Rate = Rate(0, 0)
    settled: Rate = Rate(0, 0)
    overdue: int = 0
    review: list[LeaderRate] = field(default_factory=list)

    def rate(self, key: str) -> Rate:
        return getattr(self, key)

    def as_json(self) -> dict:
        """The stable machine-readable form (keys documented in README "Command line")."""
        return {
            "period": {
                "from": self.first.isoformat(),
                "to": self.last.isoformat(),
                "as_of": self.as_of.isoformat(),
            },
            "counts": {k: getattr(self, k) for k in COUNT_KEYS if k != "review"},
            "rates": {k: self.rate(k).as_json() for k in RATE_KEYS},
            **{k: dict(getattr(self, k)) for k in BREAKDOWNS},
            "review": [
                {"leader": r.leader, "principal": r.principal, **r.rate.as_json()}
                for r in self.review
            ],
        }


def month_bounds(month: str | dt.date) -> tuple[dt.date, dt.date]:
    """``2026-10`` (or any day of it) -> (2026-10-01, 2026-10-31)."""
    first = (dt.date.fromisoformat(f"{month}-01") if isinstance(month, str) else month).replace(
        day=1
    )
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def _next_day(day: dt.date) -> str:
    return (day + dt.timedelta(days=1)).isoformat()


#: The reply due date of each handled case for 按期办结率 (``due``). An extension approved after
#: the due date had passed (逾期后延期: marked ``late``, or dated after its ``old_due``) does
#: not move it: the case stays overdue in that period. Materialized so that ``due`` is
#: computed once per case, not once per use.
ON_TIME_SQL = """
WITH late AS (
    SELECT case_id, min(id),
        coalesce(json_extract(data, '$.overdue_since'), json_extract(data, '$.old_due')) AS due
    FROM case_events WHERE action = '延期'
    AND (json_extract(data, '$.late') = 1 OR date(at) > json_extract(data, '$.old_due'))
    GROUP BY case_id
), handled AS MATERIALIZED (
    SELECT c.replied_at, coalesce(late.due,
        date(c.accepted_at, '+' || (:handling + c.extension_days) || ' days')) AS due
    FROM cases c LEFT JOIN late ON late.case_id = c.id
    WHERE c.accepted_at IS NOT NULL AND c.disposition IN ({handled})
), settled AS MATERIALIZED (
    SELECT (replied_at IS NOT NULL AND date(replied_at) <= due) AS on_time, due, replied_at
    FROM handled
)
-- ``known``: the day the on-time status was settled: the answer when on time, else the day
-- after the due date (the first day overdue).
SELECT coalesce(sum(on_time), 0), count(*) FROM (
    SELECT on_time, CASE WHEN on_time THEN date(replied_at) ELSE date(due, '+1 day') END AS known
    FROM settled)
WHERE known >= :first AND known < :end AND known <= :as_of
"""

#: A case is overdue on the as-of day when a clock is running and its due date has passed.
OVERDUE_WHERE = "c.next_due IS NOT NULL AND c.next_due < :as_of"


def _targets(settings: Mapping[str, Any]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for d in DEFINITIONS:
        if d.target_setting:
            value = int(settings.get(d.target_setting) or 0)
            out[d.key] = value or None  # 0 means "no target set"
    return out


def compute(
    conn: sqlite3.Connection, first: dt.date, last: dt.date, as_of: dt.date, limits: Limits
) -> Figures:
    """Every figure for the period ``first``..``last`` (inclusive) as of ``as_of``."""
    from petition_desk.services.leaders import review_rates

    p = {
        "first": first.isoformat(),
        "end": _next_day(last),
        "as_of": as_of.isoformat(),
        "as_of_end": _next_day(as_of),
        "notice": f"+{limits.days('notice_days')} days",
        "handling": limits.days("handling_days"),
    }
    received = "c.received_at >= :first AND c.received_at < :end"
    f = Figures(first, last, as_of)
    marks = ",".join(f"'{v}'" for v in VISIT_CHANNELS)
    row = conn.execute(
        f"SELECT count(*), coalesce(sum(head_count), 0),"
        f" coalesce(sum(channel = '{LETTER_CHANNEL}'), 0),"
        f" coalesce(sum(channel IN ({marks})), 0),"
        f" coalesce(sum(CASE WHEN channel IN ({marks}) THEN head_count END), 0),"
        f" coalesce(sum(collective), 0), coalesce(sum(CASE WHEN collective THEN head_count END), 0),"
        f" coalesce(sum(repeat), 0) FROM cases c WHERE {received}",
        p,
    ).fetchone()
    (
        f.cases,
        f.persons,
        f.letters,
        f.visit_batches,
        f.visit_persons,
        f.collective_batches,
        f.collective_persons,
        f.repeat,
    ) = row
    for key, column in (
        ("by_channel", "c.channel"),
        ("by_category", "c.category"),
        ("by_disposition", f"coalesce(c.disposition, '{UNDECIDED}')"),
        ("by_village", f"coalesce(nullif(c.village, ''), '{NO_VILLAGE}')"),
    ):
        rows = conn.execute(
            f"SELECT {column}, count(*) FROM cases c WHERE {received} GROUP BY 1 ORDER BY 2 DESC, 1",
            p,
        )
        setattr(f, key, dict(rows.fetchall()))
    targets = _targets(limits.settings)
    no_notice = ",".join(f"'{v}'" for v in NO_NOTICE)
    # A notice counts once actually issued (notice_at); a case still waiting past its limit on
    # the as-of day counts against the rate.
    n = conn.execute(
        f"SELECT coalesce(sum(notice_at < :as_of_end AND date(notice_at) <= date(received_at, :notice)), 0),"
        f" coalesce(sum(notice_at < :as_of_end OR date(received_at, :notice) < :as_of), 0)"
        f" FROM cases c WHERE {received} AND NOT anonymous"
        f" AND coalesce(disposition, '') NOT IN ({no_notice})",
        p,
    ).fetchone()
    f.timely_acceptance = Rate(n[0], n[1], targets["timely_acceptance"])
    handled = ",".join(f"'{v}'" for v in HANDLED)
    r = conn.execute(ON_TIME_SQL.format(handled=handled), p).fetchone()
    f.on_time = Rate(r[0], r[1], targets["on_time"])
    good = (Satisfaction.SATISFIED.value, Satisfaction.BASICALLY.value)
    s = conn.execute(
        "SELECT count(*), coalesce(sum(rated), 0), coalesce(sum(rated AND satisfaction IN (:good1, :good2)), 0),"
        " coalesce(sum(settled_at < :as_of_end), 0) FROM ("
        " SELECT c.*, (followed_up_at < :as_of_end AND satisfaction IS NOT NULL) AS rated"
        " FROM cases c WHERE replied_at >= :first AND replied_at < :end"
        " AND replied_at < :as_of_end)",
        {**p, "good1": good[0], "good2": good[1]},
    ).fetchone()
    replied, rated, satisfied, settled = s
    f.satisfaction = Rate(satisfied, rated, targets["satisfaction"])
    f.participation = Rate(rated, replied, targets["participation"])
    f.settled = Rate(settled, replied, targets["settled"])
    f.overdue = overdue_count(conn, as_of)
    f.review = [
        LeaderRate(x.leader, x.principal, Rate(x.reviewed, x.passed, x.target))
        for x in review_rates(conn, first, last)
    ]
    return f


def overdue_count(conn: sqlite3.Connection, as_of: dt.date) -> int:
    """超期件数 (see ``DEFINITIONS``): running clocks past due on ``as_of``."""
    return conn.execute(
        f"SELECT count(*) FROM cases c WHERE {OVERDUE_WHERE}", {"as_of": as_of.isoformat()}
    ).fetchone()[0]


def clock_counts(conn: sqlite3.Connection, as_of: dt.date, limits: Limits) -> tuple[int, int]:
    """(due soon, overdue) for the status bar; overdue is the same figure as ``compute``'s."""
    soon_end = as_of + dt.timedelta(days=limits.days("due_soon_days"))
    soon = conn.execute(
        "SELECT count(*) FROM cases WHERE next_due BETWEEN ? AND ?",
        (as_of.isoformat(), soon_end.isoformat()),
    ).fetchone()[0]
    return soon, overdue_count(conn, as_of)


@dataclass(frozen=True)
class OverdueCase:
    number: str
    received: dt.date
    people: str
    category: str
    summary: str
    clock: str
    due: dt.date
    days_over: int
    department: str
    owner: str  # 包案领导
    state: str


def overdue_cases(
    conn: sqlite3.Connection, as_of: dt.date, visible: str = "1"
) -> list[OverdueCase]:
    """The cases behind 超期件数, oldest due first, with who holds them.

    ``visible``: the viewer's rule (``services.visibility.visible_sql``); a hidden 保密 case is
    listed (it counts in 超期件数) with its number and dates only.
    """
    text = [
        masked(visible, sql)
        for sql in (
            "c.people_names",
            "c.category",
            "c.summary",
            "c.next_due_kind",
            "coalesce(d.name, c.forwarded_to, '')",
            "coalesce(l.name, '')",
            "c.state",
        )
    ]
    rows = conn.execute(
        f"SELECT c.number, c.received_at, {text[0]}, {text[1]}, {text[2]}, {text[3]},"
        f" c.next_due, {text[4]}, {text[5]}, {text[6]}"
        " FROM cases c LEFT JOIN departments d ON d.id = c.department_id"
        " LEFT JOIN leaders l ON l.id = c.owner_leader_id"
        f" WHERE {OVERDUE_WHERE} ORDER BY c.next_due, c.id",
        {"as_of": as_of.isoformat()},
    )
    out = []
    for r in rows:
        due = dt.date.fromisoformat(r[6][:10])
        out.append(
            OverdueCase(
                r[0],
                dt.date.fromisoformat(r[1][:10]),
                r[2],
                r[3],
                r[4],
                r[5] or "",
                due,
                (as_of - due).days,
                r[7],
                r[8],
                r[9],
            )
        )
    return out


def monthly_trend(
    conn: sqlite3.Connection, last_month: dt.date, months: int = 12
) -> list[tuple[str, int, int]]:
    """(``2026-10``, cases received that month, cases the same month a year before), oldest
    first: the 批次 figure of ``compute`` month by month, in one query."""
    first = last_month.replace(day=1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    start = first.replace(year=first.year - 1)
    end = _next_day(month_bounds(last_month)[1])
    counts = dict(
        conn.execute(
            "SELECT substr(received_at, 1, 7), count(*) FROM cases"
            " WHERE received_at >= ? AND received_at < ? GROUP BY 1",
            (start.isoformat(), end),
        ).fetchall()
    )
    out, day = [], first
    for _ in range(months):
        key = f"{day:%Y-%m}"
        out.append((key, counts.get(key, 0), counts.get(f"{day.year - 1}-{day:%m}", 0)))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


#: States whose case is still being worked on (the ledger's "open" filter).
OPEN_STATES = tuple(s.value for s in State if s not in (State.CLOSED, State.ARCHIVED, State.FILED))


@dataclass(frozen=True)
class LeaderCases:
    """A leader's 包案: cases they own, still open and overdue on the as-of day."""

    leader: str
    owned: int
    open: int
    overdue: int


def leader_cases(conn: sqlite3.Connection, as_of: dt.date) -> list[LeaderCases]:
    """包案 per active leader as of ``as_of`` (state as it stands; overdue as ``overdue``)."""
    marks = ",".join("?" * len(OPEN_STATES))
    rows = conn.execute(
        f"SELECT l.name, count(c.id), coalesce(sum(c.state IN ({marks})), 0),"
        f" coalesce(sum(c.next_due IS NOT NULL AND c.next_due < ?), 0)"
        f" FROM leaders l LEFT JOIN cases c ON c.owner_leader_id = l.id"
        f" WHERE l.active GROUP BY l.id ORDER BY l.rotation, l.id",
        (*OPEN_STATES, as_of.isoformat()),
    )
    return [LeaderCases(*r) for r in rows]


def change_text(now: int | float, before: int | float, word: str) -> str:
    """``环比上升12.5%`` / ``同比下降3.0%`` / ``环比持平``; ``（上月为0）`` when undefined."""
    if before == 0:
        return f"{word}基数为0" if now else f"{word}持平"
    change = 100.0 * (now - before) / before
    if abs(change) < 0.05:
        return f"{word}持平"
    return f"{word}{'上升' if change > 0 else '下降'}{abs(change):.1f}%"
