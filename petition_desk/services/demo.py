"""A realistic synthetic database for trying the desk and for measuring it at scale.

Cases walk the real lifecycle (``lifecycle.apply``) with the real clocks, so the integrity
check passes on the result and overdue cases are overdue for the same reasons as in real
life. Rows are written in bulk; a seed and an end date make the output reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from petition_desk.db.connection import open_store, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import STRONG_KDF, Kdf, Keyring, keys_path
from petition_desk.domain import reception
from petition_desk.domain.deadlines import Limits, due_fields
from petition_desk.domain.idcard import check_digit
from petition_desk.domain.lifecycle import Action, apply
from petition_desk.domain.pinyin import initials
from petition_desk.domain.vocab import (
    Channel,
    Purpose,
    RejectGround,
    ReplyResult,
    ReviewResult,
    Role,
    Satisfaction,
    State,
    SupervisionMethod,
)
from petition_desk.services import leaders, reception_store, roster
from petition_desk.services import settings as settings_mod
from petition_desk.services.access import DEMO_USERS
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import get_user, insert_user
from petition_desk.services.events import EventRow, insert_rows
from petition_desk.services.numbering import case_number

UNIT = "青石镇人民政府"
#: The demo township's document numbers (青信受〔2026〕12号) and the organs its notices name.
DOC_SETTINGS = {
    "doc_prefix_acceptance": "青信受",
    "doc_prefix_rejection": "青信不受",
    "doc_prefix_forward": "青信转",
    "doc_prefix_extension": "青信延",
    "doc_prefix_reply": "青信复",
    "doc_prefix_refuse-final": "青信不再",
    "doc_prefix_assignment": "青信交",
    "doc_prefix_supervision": "青信督",
    "doc_prefix_skip-level": "青信越",
    "review_organ": "青山县人民政府",
    "review_organ_address": "青山县城关镇人民路1号",
    "organ_addresses": ["县人力资源和社会保障局：青山县城关镇解放路8号"],
}
#: Dispositions a petitioner is told of in writing, and the notice each calls for.
NOTICE_OF = {
    Action.ACCEPT: "acceptance",
    Action.ASSIGN: "acceptance",
    Action.FORWARD: "forward",
    Action.REJECT: "rejection",
    Action.REFUSE_FINAL: "refuse-final",
}
#: Cases decided in the last days before ``until`` get real notices issued through
#: ``documents.issue`` (numbered, kept, in the history); older ones were told on paper before
#: this desk printed its notices: their notice date is kept, no document is invented.
RECENT_DAYS = 21
VILLAGES = (
    "青石村",
    "东坑村",
    "西岭村",
    "南塘村",
    "北岗村",
    "上湾村",
    "下湾村",
    "桃源村",
    "石桥村",
    "枫林村",
    "新圩社区",
    "镇区社区",
)
DEPARTMENTS = (
    "党政办",
    "农业农村办",
    "自然资源所",
    "社会事务办",
    "综治中心",
    "司法所",
    "城建办",
    "财政所",
    "派出所",
    "卫生院",
)
LEADERS = (("陈国华", "党委书记", True), ("刘建平", "镇长", False), ("周敏", "副镇长", False))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "建国华明伟芳秀英丽军平红霞玉兰金海强斌桂珍志勇春梅永德福生文娟小云宝林"
AREA = "360727"  # a county area code; every number gets a correct check digit
#: (category, summary, request, facts) templates; {v} is a village
TOPICS = (
    (
        "国土资源(征地拆迁)",
        "反映{v}征地补偿款未足额发放",
        "要求足额发放征地补偿款",
        "去年{v}修路征用本人承包地1.2亩，补偿款至今只发放一半。",
    ),
    (
        "城乡建设",
        "反映{v}邻居违章建房影响采光",
        "要求查处违章建筑",
        "邻居在{v}新建三层楼房，未办理规划手续，挡住本户采光。",
    ),
    (
        "劳动和社会保障",
        "反映工地拖欠农民工工资",
        "要求追讨拖欠工资",
        "本人在镇区某工地务工五个月，老板拖欠工资两万余元。",
    ),
    (
        "民政",
        "申请办理低保",
        "要求纳入最低生活保障",
        "家中老人长期患病，无劳动能力，收入低于当地低保标准。",
    ),
    (
        "农村农业",
        "反映{v}土地承包经营权纠纷",
        "要求确认土地承包经营权",
        "本户承包地被同组村民占用耕种，多次协商无果。",
    ),
    (
        "环境保护",
        "反映{v}养殖场污水直排",
        "要求整治养殖污染",
        "养殖场污水直接排入水渠，气味难闻，影响饮水安全。",
    ),
    ("交通运输", "反映{v}村道损毁", "要求修复村道", "村道路面塌陷，雨天无法通行，学生上学不便。"),
    (
        "卫生健康",
        "反映卫生院服务态度问题",
        "要求改进服务",
        "在卫生院就诊时工作人员态度恶劣，未按规定收费。",
    ),
    (
        "教育文体",
        "反映{v}小学撤并后上学路远",
        "要求解决子女就近入学",
        "村小学撤并后孩子需到镇上就读，路程十余公里。",
    ),
    (
        "纪检监察",
        "反映{v}村干部优亲厚友",
        "要求查处村干部违纪问题",
        "村干部在危房改造名额分配中照顾亲属。",
    ),
    ("涉法涉诉", "对法院判决不服", "要求重新审理", "本人与他人借款纠纷一案判决不公。"),
    ("其他", "咨询农村医保缴费政策", "要求解释医保缴费标准", "咨询今年城乡居民医保缴费标准。"),
)
CHANNEL_WEIGHTS = (
    (Channel.VISIT, 40),
    (Channel.LETTER, 20),
    (Channel.PHONE, 15),
    (Channel.ONLINE, 10),
    (Channel.ASSIGNED_FROM_ABOVE, 6),
    (Channel.FORWARDED_FROM_ABOVE, 4),
    (Channel.FAX, 1),
    (Channel.LEADER_RECEPTION, 4),
)
CASE_COLUMNS = (
    "id",
    "number",
    "year",
    "seq",
    "channel",
    "received_at",
    "registered_by",
    "registered_at",
    "purpose",
    "category",
    "summary",
    "request",
    "facts",
    "place",
    "village",
    "head_count",
    "collective",
    "repeat",
    "anonymous",
    "skipped_level",
    "law_related",
    "confidential",
    "urgent",
    "people_names",
    "state",
    "disposition",
    "notice_at",
    "accepted_at",
    "department_id",
    "assigned_at",
    "assign_due",
    "forwarded_to",
    "reject_ground",
    "extension_days",
    "supervision_count",
    "replied_at",
    "reply_result",
    "replied_on_time",
    "satisfaction",
    "followed_up_at",
    "settled_at",
    "review_requested_at",
    "review_result",
    "review_answered_at",
    "rereview_requested_at",
    "rereview_result",
    "rereview_answered_at",
    "closed_at",
    "archived_at",
    "volume_no",
    "next_due",
    "next_due_kind",
    "next_due_confirmed",
    "first_leader_id",
    "reception_kind",
)


@dataclass
class _Person:
    id: int
    name: str
    village: str
    row: tuple


class DemoBuilder:
    """Builds ``n`` cases ending at ``until``, deterministic for a seed and an end date."""

    def __init__(self, conn: sqlite3.Connection, rules: Limits, seed: int, until: dt.date):
        self.conn, self.rules, self.until = conn, rules, until
        self.rnd = random.Random(seed)
        # A stream of its own, so the notices do not change the cases a seed gives.
        self.notices = random.Random(seed + 7919)
        self.to_issue: list[tuple[int, str, dt.datetime]] = []
        self.people: list[_Person] = []
        self.person_rows: list[tuple] = []
        self.ids_used: set[str] = set()
        # person id -> [(received date, category)] of their cases, for the repeat flag
        self.raised: dict[int, list[tuple[dt.date, str]]] = {}
        self.window = dt.timedelta(days=int(rules.settings["repeat_window_days"]))
        self.channels = [c for c, _ in CHANNEL_WEIGHTS]
        self.channel_weights = [w for _, w in CHANNEL_WEIGHTS]

    # -- people ------------------------------------------------------------------------------
    def new_person(self) -> _Person:
        r = self.rnd
        name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))
        village = r.choice(VILLAGES)
        male = r.random() < 0.6
        while True:
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=r.randrange(0, 365 * 62))
            seq = r.randrange(0, 500) * 2 + (1 if male else 0)
            first17 = f"{AREA}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_digit(first17)
            if number not in self.ids_used:
                self.ids_used.add(number)
                break
        has_id = r.random() < 0.85
        phone = f"1{r.choice('3578')}{r.randrange(10**9):09d}" if r.random() < 0.9 else None
        group = r.randrange(1, 9)
        address = f"{UNIT[:3]}{village}{group}组{r.randrange(1, 80)}号"
        pid = len(self.people) + 1
        row = (
            pid,
            name,
            "男" if male else "女",
            number if has_id else None,
            0,
            phone,
            address,
            village,
            "",
            "2020-01-01T00:00:00",
            initials(name),
        )
        person = _Person(pid, name, village, row)
        self.people.append(person)
        self.person_rows.append(row)
        return person

    def is_repeat(self, person_ids: list[int], received: dt.date, category: str) -> bool:
        """The rule of ``repeat.is_repeat``, kept in memory while the cases are generated."""
        repeat = False
        for pid in person_ids:
            seen = self.raised.setdefault(pid, [])
            repeat = repeat or any(c == category and received - d <= self.window for d, c in seen)
            seen.append((received, category))
        return repeat

    def pick_people(self, collective: bool) -> list[tuple[_Person, Role]]:
        r = self.rnd
        if self.people and r.random() < 0.18:  # a repeat petitioner
            lead = self.people[int(len(self.people) * r.random() ** 0.5)]
        else:
            lead = self.new_person()
        if not collective:
            return [(lead, Role.PETITIONER)]
        reps = [lead] + [self.new_person() for _ in range(r.randrange(1, 5))]
        return [(p, Role.REPRESENTATIVE) for p in reps]

    # -- cases -------------------------------------------------------------------------------
    def build_case(self, case_id: int, received: dt.datetime, seq: int):
        r = self.rnd
        channel = r.choices(self.channels, self.channel_weights)[0]
        collective = channel is Channel.VISIT and r.random() < 0.06
        people = self.pick_people(collective)
        category, summary, request, facts = r.choice(TOPICS)
        village = people[0][0].village
        repeat = self.is_repeat([p.id for p, _ in people], received.date(), category)
        case = dict.fromkeys(CASE_COLUMNS)
        case.update(
            id=case_id,
            number=case_number(received.year, seq),
            year=received.year,
            seq=seq,
            channel=channel.value,
            received_at=received.isoformat(timespec="minutes"),
            registered_by=1,
            registered_at=received.isoformat(timespec="seconds"),
            purpose=(Purpose.CONSULTATION if category == "其他" else Purpose.DEMAND).value,
            category=category,
            summary=summary.format(v=village),
            request=request,
            facts=facts.format(v=village),
            place=village,
            village=village,
            head_count=r.randrange(6, 40) if collective else 1,
            collective=int(collective),
            repeat=int(repeat),
            anonymous=0,
            skipped_level=int(r.random() < 0.03),
            law_related=int(category == "涉法涉诉"),
            confidential=int(r.random() < 0.02),
            urgent=int(r.random() < 0.03),
            people_names=" ".join(p.name for p, _ in people),
            state=State.REGISTERED.value,
            extension_days=0,
            supervision_count=0,
        )
        case.update(due_fields(case, self.rules))
        events: list[tuple[Any, ...]] = [
            (
                case_id,
                case["registered_at"],
                1,
                "信访员",
                Action.REGISTER.value,
                None,
                State.REGISTERED.value,
                json.dumps({"number": case["number"]}),
            )
        ]
        if channel is Channel.LEADER_RECEPTION:
            # Received by the leader on duty: he stays the 首问责任人 until it is closed.
            leader = 1 + case_id % len(LEADERS)
            kind = r.choice(("随机接访", "随机接访", "专题约访", "现场接访"))
            case.update(first_leader_id=leader, reception_kind=kind)
            events.append(
                (
                    case_id,
                    case["registered_at"],
                    1,
                    "信访员",
                    Action.LEADER_RECEPTION.value,
                    State.REGISTERED.value,
                    State.REGISTERED.value,
                    json.dumps(
                        {"leader": LEADERS[leader - 1][0], "reception_kind": kind},
                        ensure_ascii=False,
                    ),
                )
            )
        self.walk(case, received, events)
        links = [(case_id, p.id, role.value, i) for i, (p, role) in enumerate(people)]
        return case, links, events

    def walk(self, case: dict, received: dt.datetime, events: list) -> None:
        """Take the case through a plausible path, stopping at ``until``."""
        r = self.rnd
        at = received
        plan = self.plan(case)
        for action, params, gap in plan:
            at = at + dt.timedelta(days=gap, hours=r.randrange(0, 5))
            if at.date() > self.until:
                return
            if "_days" in params:  # a department deadline counted from the day of assignment
                due = at.date() + dt.timedelta(days=params["_days"])
                params = {"department_id": params["department_id"], "deadline": due.isoformat()}
            step = apply(case, action, params, at, self.rules)
            case.update(step.updates)
            if step.state_before is State.REGISTERED and action in NOTICE_OF:
                self.notice(case, NOTICE_OF[action], at)
            events.append(
                (
                    case["id"],
                    at.isoformat(timespec="seconds"),
                    1,
                    "信访员",
                    action.value,
                    step.state_before.value,
                    step.state_after.value,
                    json.dumps(step.data, ensure_ascii=False, default=str),
                )
            )

    def notice(self, case: dict, kind: str, at: dt.datetime) -> None:
        """The written notice of the disposition just taken (see ``RECENT_DAYS``)."""
        if case["anonymous"] or case.get("notice_at"):
            return
        r = self.notices
        if at.date() < self.until - dt.timedelta(days=RECENT_DAYS):
            day = min(at.date() + dt.timedelta(days=r.choice((0, 0, 1, 2, 3, 6))), self.until)
            case["notice_at"] = day.isoformat()
            case.update(due_fields(case, self.rules))
        elif r.random() < 0.85:  # the rest wait in the batch printing list, as on a real desk
            when = at + dt.timedelta(hours=r.randrange(1, 30))
            last = dt.datetime.combine(self.until, dt.time(17, 30))
            self.to_issue.append((case["id"], kind, min(when, last)))

    def issue_notices(self) -> None:
        """Issue the recent notices for real: numbered, rendered, kept and in the history."""
        from petition_desk.services import documents

        clerk = get_user(self.conn, "clerk")
        for case_id, kind, when in sorted(self.to_issue, key=lambda t: t[2]):
            documents.issue(self.conn, case_id, kind, clerk, when)

    def plan(self, case: dict) -> list[tuple[Action, dict, int]]:
        r = self.rnd
        # A few cases sit unattended well past their notice limit: the overdue list is real.
        first_gap = r.choice((1, 2, 3, 5, 8, 12)) if r.random() > 0.03 else r.randrange(20, 60)
        roll = r.random()
        if roll < 0.08:
            return [(Action.ANSWER_DIRECTLY, {"answer": "已当场解释政策，信访人表示理解。"}, 0)]
        if roll < 0.14:
            return [
                (Action.FORWARD, {"organ": "县人力资源和社会保障局"}, first_gap),
                (Action.CLOSE, {}, 3),
            ]
        if roll < 0.19:
            return [
                (
                    Action.REJECT,
                    {"ground": RejectGround.LITIGATION.value, "where_to_go": "县人民法院"},
                    first_gap,
                ),
                (Action.CLOSE, {}, 2),
            ]
        if roll < 0.20:
            return [
                (Action.REFUSE_FINAL, {"basis": "该事项已经县信访局复核终结"}, first_gap),
                (Action.CLOSE, {}, 2),
            ]
        if roll < 0.23:
            return [(Action.FILE, {"reason": "重复来信，已答复"}, first_gap)]
        steps: list[tuple[Action, dict, int]] = []
        deadline_days = r.choice((15, 20, 30, 45))
        if roll < 0.6:
            dept = r.randrange(1, len(DEPARTMENTS) + 1)
            steps.append(
                (
                    Action.ASSIGN,
                    {"department_id": dept, "deadline": None, "_days": deadline_days},
                    first_gap,
                )
            )
        else:
            steps.append((Action.ACCEPT, {}, first_gap))
        if r.random() < 0.3:
            steps.append(
                (
                    Action.SUPERVISE,
                    {
                        "method": r.choice(list(SupervisionMethod)).value,
                        "content": "请加快办理进度，按期报送办结报告",
                    },
                    r.randrange(10, 25),
                )
            )
        if r.random() < 0.08:
            steps.append(
                (
                    Action.EXTEND,
                    {"leader": LEADERS[1][0], "reason": "情况复杂，需进一步调查", "days": 30},
                    r.randrange(10, 30),
                )
            )
        late = r.random() < 0.05
        steps.append(
            (
                Action.REPLY,
                {
                    "result": r.choices(list(ReplyResult)[:3], (35, 45, 20))[0].value,
                    "facts_found": "经调查核实，信访人反映的情况基本属实。",
                    "basis": "《信访工作条例》第三十二条及相关政策规定",
                    "reasoning": "根据查明的事实和相关规定作出处理。",
                    "text": "经调查核实，现答复如下……",
                },
                r.randrange(55, 90) if late else r.randrange(10, 45),
            )
        )
        if r.random() < 0.7:
            steps.append(
                (
                    Action.FOLLOW_UP,
                    {"satisfaction": r.choices(list(Satisfaction), (70, 20, 10))[0].value},
                    r.randrange(3, 15),
                )
            )
        if r.random() < 0.6:
            steps.append((Action.SETTLE, {}, r.randrange(1, 10)))
        if r.random() < 0.05:
            steps.append(
                (
                    Action.REQUEST_REVIEW,
                    {"requester": case["people_names"].split()[0], "body": "县信访局"},
                    r.randrange(5, 25),
                )
            )
            steps.append(
                (Action.REVIEW_RESULT, {"result": ReviewResult.UPHELD.value}, r.randrange(10, 30))
            )
        steps.append((Action.CLOSE, {}, 31))
        if r.random() < 0.6:
            steps.append(
                (
                    Action.ARCHIVE,
                    {"volume_no": f"{case['year']}-卷{r.randrange(1, 40):02d}"},
                    r.randrange(5, 60),
                )
            )
        return steps

    def run(
        self, n: int, progress: Callable[[int, int], bool] | None = None, span_days: int = 730
    ) -> None:
        """Generate and write ``n`` cases; ``progress(done, n)`` returning False cancels."""
        # Cases arrive in office hours up to the day before ``until``, so none lies in the
        # future of a clerk trying the demo today; numbers follow the order of receipt.
        first_day = self.until - dt.timedelta(days=span_days)
        arrivals = sorted(
            dt.datetime.combine(
                first_day + dt.timedelta(days=self.rnd.randrange(span_days)),
                dt.time(8 + self.rnd.randrange(9), self.rnd.randrange(60)),
            )
            for _ in range(n)
        )
        seqs: dict[int, int] = {}
        batch_cases, batch_links, batch_events = [], [], []
        base_id = self.conn.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()[0]
        for i, received in enumerate(arrivals):
            seqs[received.year] = seq = seqs.get(received.year, 0) + 1
            case, links, events = self.build_case(base_id + i + 1, received, seq)
            batch_cases.append(tuple(case[c] for c in CASE_COLUMNS))
            batch_links.extend(links)
            batch_events.extend(events)
            if len(batch_cases) >= 20000 or i == n - 1:
                self.flush(batch_cases, batch_links, batch_events)
                batch_cases, batch_links, batch_events = [], [], []
                if progress and progress(i + 1, n) is False:
                    break
        with transaction(self.conn):
            self.conn.executemany(
                "INSERT INTO number_sequences(kind, year, last) VALUES ('case', ?, ?) "
                "ON CONFLICT(kind, year) DO UPDATE SET last = max(last, excluded.last)",
                list(seqs.items()),
            )

    def flush(self, cases: list, links: list, events: list) -> None:
        marks = ",".join("?" * len(CASE_COLUMNS))
        with transaction(self.conn):
            self.conn.executemany(
                "INSERT INTO people(id, name, gender, id_number, id_legacy, phone, address, "
                "village, workplace, created_at, initials) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                self.person_rows,
            )
            self.person_rows = []
            self.conn.executemany(
                f"INSERT INTO cases({','.join(CASE_COLUMNS)}) VALUES ({marks})", cases
            )
            self.conn.executemany("INSERT INTO case_people VALUES (?,?,?,?)", links)
            insert_rows(self.conn, [EventRow(*e) for e in events])


def setup_directory(conn: sqlite3.Connection) -> None:
    """Users, unit name, villages, departments and leaders of the demo township."""
    for login, name, role, _password in DEMO_USERS:
        if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone() is None:
            insert_user(conn, login, name, role)
    with transaction(conn):
        settings_mod.save(conn, {"unit_name": UNIT, "villages": list(VILLAGES), **DOC_SETTINGS})
        conn.executemany(
            "INSERT OR IGNORE INTO departments(name) VALUES (?)", [(d,) for d in DEPARTMENTS]
        )
        if conn.execute("SELECT count(*) FROM leaders").fetchone()[0] == 0:
            conn.executemany(
                "INSERT INTO leaders(name, title, principal, rotation) VALUES (?,?,?,?)",
                [(n, t, int(p), i + 1) for i, (n, t, p) in enumerate(LEADERS)],
            )
        conn.execute("INSERT OR IGNORE INTO users(login, name) VALUES ('clerk2', '李文静')")
    if not reception_store.load_reception_rules(conn):
        reception_store.add_reception_rule(
            conn,
            reception.lunar(reception.lunar_days_ending_in((3, 6, 9))),
            actor=get_user(conn, "admin"),
        )


def leaders_part(conn: sqlite3.Connection, seed: int, until: dt.date) -> None:
    """Rosters around ``until``, some 包案 and some letters passed for 阅批."""
    rnd = random.Random(seed)
    clerk = get_user(conn, "clerk")
    first = (until.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    month = first
    while month <= (until.replace(day=1) + dt.timedelta(days=40)).replace(day=1):
        roster.generate_month(
            conn, month.year, month.month, clerk, dt.datetime.combine(first, dt.time(9))
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)
    open_cases = conn.execute(
        "SELECT id, accepted_at FROM cases WHERE state IN ('已受理', '已交办') "
        "AND accepted_at < ? ORDER BY id DESC LIMIT 40",
        (until.isoformat(),),
    ).fetchall()
    for case_id, accepted in open_cases[::4]:
        # A leader takes charge the day after acceptance, so the history reads in order.
        at = dt.datetime.fromisoformat(accepted) + dt.timedelta(days=1, hours=10)
        leaders.assign_owner(
            conn, case_id, 1 + case_id % len(LEADERS), at.date() + dt.timedelta(days=45), clerk, at
        )
    letters = conn.execute(
        # Archived files are read-only: only letters still in hand go to the leaders.
        "SELECT id, received_at FROM cases WHERE channel = '来信' AND received_at >= ? "
        "AND state <> '已归档' ORDER BY id LIMIT 60",
        ((until - dt.timedelta(days=90)).isoformat(),),
    ).fetchall()
    for case_id, received in letters:
        at = dt.datetime.fromisoformat(received) + dt.timedelta(days=1)
        review = leaders.pass_for_review(conn, case_id, 1 + case_id % len(LEADERS), clerk, at)
        if rnd.random() < 0.85 and at.date() + dt.timedelta(days=3) <= until:
            leaders.record_review(
                conn,
                review,
                "请相关部门调查核实，依法依规处理",
                "已交承办单位",
                clerk,
                at + dt.timedelta(days=2),
            )


def build_demo(
    path: Path,
    cases: int,
    seed: int = 1,
    until: dt.date | None = None,
    progress: Callable[[int, int], bool] | None = None,
    *,
    kdf: Kdf = STRONG_KDF,
) -> bytes:
    """Create an encrypted demo desk at ``path`` (a new file); returns its data key.

    Its users are ``DEMO_USERS`` (admin/demo-admin, clerk/demo-clerk), documented in README.
    """
    path = Path(path)
    if path.exists() or keys_path(path).exists():
        raise FileExistsError(f"“{path}”已存在，演示数据只能写入新数据库")
    # The key file is written first: its folder must exist (an unwritable one says so).
    path.parent.mkdir(parents=True, exist_ok=True)
    ring, key, _recovery = Keyring.create(keys_path(path), kdf)
    for login, _name, _role, password in DEMO_USERS:
        ring.set_password(login, password, key)
    ring.save()
    conn = open_store(path, key)
    try:
        if conn.execute("SELECT 1 FROM cases LIMIT 1").fetchone():
            raise FileExistsError(f"“{path}”中已有案件，演示数据只能写入新数据库")
        setup_directory(conn)
        # Bulk load: the repeat flag and the deadline fields come from the lifecycle itself.
        conn.execute("PRAGMA cache_size = -200000")
        builder = DemoBuilder(conn, load_limits(conn), seed, until or dt.date.today())
        builder.run(cases, progress)
        builder.issue_notices()
        leaders_part(conn, seed, builder.until)
        conn.execute("PRAGMA optimize")
    finally:
        conn.close()
    return key
