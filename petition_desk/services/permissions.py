"""Who may do what: the roles and their permissions, declared once and checked by services.

Each service that writes, exports or shows unmasked personal data starts with
``require(actor, Permission.X)``; hiding a button is a courtesy, this is the rule.
"""

from __future__ import annotations

import enum
from typing import Protocol

from petition_desk.errors import DeskError


class Role(enum.StrEnum):
    ADMIN = "管理员"
    CLERK = "信访员"
    LEADER = "领导"
    VIEWER = "查阅"


class Permission(enum.Enum):
    """Each value is the Chinese phrase used in the refusal message."""

    READ = "查看案件"
    VIEW_UNMASKED = "查看未打码的身份证号和电话"
    REGISTER = "登记信访事项"
    HANDLE = "办理信访事项"
    ISSUE_DOCUMENTS = "出具文书"
    EXPORT = "导出台账"
    EXPORT_UNMASKED = "导出未打码的个人信息"
    IMPORT = "导入台账"
    REVIEW = "领导阅批、包案"
    MANAGE_ROSTER = "安排领导接待日"
    MANAGE_SETTINGS = "修改设置"
    MANAGE_USERS = "管理用户"
    BACKUP = "备份数据库"
    RESTORE = "从备份恢复"
    VIEW_AUDIT = "查看操作日志"
    DESTROY = "批准销毁保管期满的案卷"


P = Permission
_CLERK = frozenset(
    {
        P.READ,
        P.VIEW_UNMASKED,
        P.REGISTER,
        P.HANDLE,
        P.ISSUE_DOCUMENTS,
        P.EXPORT,
        P.EXPORT_UNMASKED,
        P.IMPORT,
        P.REVIEW,
        P.MANAGE_ROSTER,
        P.BACKUP,
    }
)

#: The one table of rights. 领导 read, 阅批 and 包案 but export nothing unmasked; 查阅 read masked.
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: _CLERK,
    Role.LEADER: frozenset({P.READ, P.VIEW_UNMASKED, P.REVIEW, P.EXPORT}),
    Role.VIEWER: frozenset({P.READ}),
}


class PermissionDenied(DeskError):
    """The logged-in user's role does not allow this."""


class Actor(Protocol):
    """Anyone with a name and a role (``directory.User``; read-only attributes suffice)."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


def allowed(user: Actor, permission: Permission) -> bool:
    """Whether ``user``'s role grants ``permission`` (an unknown role grants nothing)."""
    try:
        role = Role(user.role)
    except ValueError:
        return False
    return permission in GRANTS[role]


def require(user: Actor, permission: Permission) -> None:
    """Raise ``PermissionDenied`` (a Chinese sentence) unless ``user`` may do ``permission``."""
    if not allowed(user, permission):
        raise PermissionDenied(
            f"“{user.name}”（{user.role}）无权{permission.value}；如确需办理，请联系管理员"
        )
