"""The fixed vocabulary of petition work (docs/domain.md §2, §3, §6).

These are legal terms stored in the database and printed in ledgers, not UI chrome, so they
live here as data. Codes are English; labels are the Chinese terms a county expects to read.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """形式: how the petition reached the desk."""

    LETTER = "来信"
    VISIT = "来访"
    PHONE = "来电"
    ONLINE = "网上/电子邮件"
    FAX = "传真"
    ASSIGNED_FROM_ABOVE = "上级交办"
    FORWARDED_FROM_ABOVE = "上级转送"
    LEADER_RECEPTION = "领导接访"


#: Channels whose matters were sent to us by a higher organ (5-working-day objection clock).
FROM_ABOVE = frozenset({Channel.ASSIGNED_FROM_ABOVE, Channel.FORWARDED_FROM_ABOVE})
#: Written channels that the local "reply to a letter" rule (seed 篇十) applies to.
WRITTEN = frozenset({Channel.LETTER, Channel.ONLINE, Channel.FAX})


class Purpose(StrEnum):
    """信访目的."""

    DEMAND = "求决"
    ACCUSATION = "揭发控告"
    SUGGESTION = "意见建议"
    CONSULTATION = "咨询"


DEFAULT_CATEGORIES: tuple[str, ...] = (
    "城乡建设",
    "国土资源(征地拆迁)",
    "农村农业",
    "劳动和社会保障",
    "民政",
    "教育文体",
    "卫生健康",
    "环境保护",
    "交通运输",
    "经济管理",
    "组织人事",
    "党务政务",
    "纪检监察",
    "涉法涉诉",
    "其他",
)


class State(StrEnum):
    """Where a case stands in its lifecycle (see ``lifecycle.TRANSITIONS``)."""

    REGISTERED = "已登记"
    ACCEPTED = "已受理"
    ASSIGNED = "已交办"
    FORWARDED = "已转送"
    REJECTED = "不予受理"
    REFUSED_FINAL = "不再受理"
    FILED = "存信"
    REPLIED = "已答复"
    REVIEWING = "复查中"
    REVIEWED = "已复查"
    REREVIEWING = "复核中"
    REREVIEWED = "已复核"
    CLOSED = "已办结"
    ARCHIVED = "已归档"


#: States in which the desk still owes the petitioner something.
OPEN_STATES = tuple(s.value for s in State if s not in (State.CLOSED, State.ARCHIVED, State.FILED))


class Disposition(StrEnum):
    """处理方式 chosen after registration (docs/domain.md §3)."""

    ACCEPT = "受理"
    ANSWER_DIRECTLY = "直接答复"
    ASSIGN = "交办"
    FORWARD = "转送"
    REJECT = "不予受理"
    REFUSE_FINAL = "不再受理"
    FILE = "存信"


class ReplyResult(StrEnum):
    """The decision of a 信访事项处理意见书, or how else the matter ended."""

    SUPPORT = "支持"
    EXPLAIN = "解释说明"
    NOT_SUPPORT = "不予支持"
    MEDIATED = "调解"
    SETTLED = "和解"


class ReviewResult(StrEnum):
    """Outcome of a 复查 or 复核 by the body above."""

    UPHELD = "维持"
    CHANGED = "变更"
    REVOKED = "撤销"


class Satisfaction(StrEnum):
    """回访 satisfaction."""

    SATISFIED = "满意"
    BASICALLY = "基本满意"
    DISSATISFIED = "不满意"


class SupervisionMethod(StrEnum):
    """督办 methods."""

    WRITTEN = "书面督办"
    INTERVIEW = "约谈督办"
    ON_SITE = "实地督查"
    JOINT = "联合督办"


class RejectGround(StrEnum):
    """Grounds for 不予受理 (docs/domain.md §3), each with where the petitioner should go instead."""

    LITIGATION = "应通过诉讼途径解决"
    ARBITRATION = "应通过仲裁途径解决"
    ADMIN_REVIEW = "应通过行政复议途径解决"
    IN_PROGRESS = "已在办理期限内"
    SKIPPED_LEVEL = "越级信访"
    OTHER = "其他"


class Role(StrEnum):
    """How a person belongs to a case."""

    PETITIONER = "信访人"
    REPRESENTATIVE = "代表"
    SIGNATORY = "联名人"


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


#: At most this many representatives speak for a collective visit (Art. 20).
MAX_REPRESENTATIVES = 5
