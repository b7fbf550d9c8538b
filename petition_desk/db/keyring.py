"""The data key of an encrypted database and the copies of it wrapped by passwords.

A random 32-byte *data key* encrypts the database file (SQLCipher, raw key: no second key
derivation inside SQLCipher, so opening a connection per worker thread costs nothing). The key
is never stored in clear: the *key file* beside the database (``desk.sqlite`` → ``desk.keys``,
JSON) holds one copy per user, each wrapped with a key derived from that user's password, and
one copy wrapped with the *recovery key* printed at first start for the office safe.

Why a key file rather than SQLCipher's plaintext header: the header can hold 32 bytes, not a
slot per user; the wrapped copies have to be readable before the database is decrypted; and a
separate small file can be rewritten atomically when one password changes without touching the
database. Without the key file the database cannot be opened (except by a recovery key that
still has its slot), so backups carry a copy of it (see ``services/backup.py``).

Derivation: ``hashlib.scrypt`` (memory-hard, in the standard library — no extra native
dependency to ship; N=2^17, r=8: 128 MiB and about half a second, OWASP's recommendation).
Wrapping: AES-256-GCM from ``cryptography`` (authenticated: a wrong password is detected by the
tag, never yields a wrong key) with the slot name and the file id as associated data, so a slot
copied onto another user's name or into another desk's key file does not open.

The lock-out counters also live here: they must be updated when a password is wrong, i.e. when
the database cannot be opened. Failed logins are queued here too and moved into the (chained)
audit log by the next successful login.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from petition_desk.errors import DeskError

FORMAT = "petition-desk-keys/1"
RECOVERY = "recovery"
#: Wrong passwords allowed before the account is locked; each further one doubles the wait.
FREE_ATTEMPTS = 5
FIRST_LOCK = dt.timedelta(seconds=30)
LONGEST_LOCK = dt.timedelta(hours=1)


class KeyError_(DeskError):
    """The key file is missing, damaged, or a password/recovery key does not open it."""


class WrongPasswordError(KeyError_):
    pass


class LockedError(KeyError_):
    pass


@dataclass(frozen=True)
class Kdf:
    """scrypt parameters; stored with each slot so old slots keep opening if defaults change."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def derive(self, secret: str, salt: bytes) -> bytes:
        return hashlib.scrypt(
            secret.encode("utf-8"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=256 * self.n * self.r + (1 << 20),
            dklen=32,
        )


#: What a real desk uses.
STRONG_KDF = Kdf()
#: For tests only, passed explicitly: the same code path with a trivially cheap derivation.
CHEAP_KDF = Kdf(n=2**4, r=1, p=1)


def keys_path(db_path: str | Path) -> Path:
    """The key file of a database: same folder, same stem, ``.keys``."""
    return Path(db_path).with_suffix(".keys")


def database_salt(db_path: str | Path) -> str | None:
    """The random salt SQLCipher keeps in clear in the first 16 bytes of a database file (hex),
    which tells two desks apart without their keys; None if the file is shorter or unreadable
    (a new desk in WAL mode has its first page in the ``-wal`` until a checkpoint)."""
    try:
        with open(db_path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if len(head) < 16 or head.startswith(b"SQLite format 3"):
        return None
    return head.hex()


def has_key_file(db_path: str | Path) -> bool:
    """Whether ``db_path`` is a desk made by ``init`` (its key file is beside it)."""
    return keys_path(db_path).exists()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def new_recovery_key() -> str:
    """160 random bits as 8 groups of 4 base32 characters (no 0/1/8 look-alikes to misread)."""
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key typed in lower case, with spaces or without dashes."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


class Keyring:
    """The parsed key file; ``save()`` writes it atomically."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = Path(path)
        self.data = data

    # -- creating and loading -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, kdf: Kdf = STRONG_KDF) -> tuple[Keyring, bytes, str]:
        """A new key file with a fresh data key; returns it, the data key and the recovery key."""
        path = Path(path)
        if path.exists():
            raise KeyError_(f"密钥文件“{path}”已存在，程序不会覆盖它")
        ring = cls(
            path,
            {
                "format": FORMAT,
                "file_id": secrets.token_hex(16),
                "kdf": asdict(kdf),
                "slots": {},
                "lockout": {},
                "pending": [],
            },
        )
        key = secrets.token_bytes(32)
        recovery = new_recovery_key()
        ring._wrap(RECOVERY, recovery, key)
        return ring, key, recovery

    @classmethod
    def load(cls, path: Path) -> Keyring:
        path = Path(path)
        if not path.exists():
            raise KeyError_(
                f"找不到密钥文件“{path}”。数据库已加密，没有密钥文件无法打开；"
                "请把备份时一同保存的 .keys 文件放回数据库旁"
            )
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KeyError_(
                f"无法读取密钥文件“{path}”（没有权限或磁盘出错）。请检查文件权限和磁盘后再试"
            ) from exc
        try:
            data = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyError_(
                f"密钥文件“{path}”已损坏，无法读取。请把备份时与数据库一同保存的 .keys 文件"
                "放回数据库旁（改名为与数据库同名）"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyError_(f"“{path}”不是信访接待台的密钥文件")
        return cls(path, data)

    def save(self) -> None:
        """Write the key file atomically and durably, readable by its owner only.

        Losing this file loses the database, so it is written to a side file, flushed to the
        disk and then renamed over the old one: a crash leaves the old or the new file whole.
        """
        part = self.path.with_name(self.path.name + ".part")
        data = json.dumps(self.data, ensure_ascii=False, indent=1).encode("utf-8")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(part, self.path)
        except BaseException:
            part.unlink(missing_ok=True)  # a full disk or a refused rename leaves no side file
            raise

    @property
    def kdf(self) -> Kdf:
        return Kdf(**self.data["kdf"])

    # -- slots ----------------------------------------------------------------------------

    @staticmethod
    def user_slot(login: str) -> str:
        return f"user:{login}"

    def has_user(self, login: str) -> bool:
        return self.user_slot(login) in self.data["slots"]

    def logins(self) -> list[str]:
        return [s[5:] for s in self.data["slots"] if s.startswith("user:")]

    def _aad(self, slot: str) -> bytes:
        return f"{self.data['file_id']}/{slot}".encode()

    def _wrap(self, slot: str, secret: str, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf = self.kdf
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(kdf.derive(secret, salt)).encrypt(nonce, key, self._aad(slot))
        self.data["slots"][slot] = {
            "kdf": asdict(kdf),
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }

    def _unwrap(self, slot: str, secret: str, early: EarlyUnlock | None = None) -> bytes | None:
        entry = self.data["slots"].get(slot)
        if entry is None:
            return None
        wrapping = early.wrapping_key(entry) if early is not None else None
        if wrapping is None:
            wrapping = Kdf(**entry["kdf"]).derive(secret, _unb64(entry["salt"]))
        # Imported after the derivation: a login started at launch (``EarlyUnlock``) begins
        # scrypt before this 10 ms import, which the window's start shares with it anyway.
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(wrapping).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad(slot)
            )
        except InvalidTag:
            return None

    def set_password(self, login: str, password: str, key: bytes) -> None:
        """Wrap the data key for ``login`` (new user, change, reset); other slots untouched."""
        self._wrap(self.user_slot(login), password, key)
        self.data["lockout"].pop(login, None)

    def remove_user(self, login: str) -> None:
        self.data["slots"].pop(self.user_slot(login), None)
        self.data["lockout"].pop(login, None)

    def replace_recovery(self, key: bytes) -> str:
        """A new recovery key (the old one stops working); returns it to be shown once."""
        recovery = new_recovery_key()
        self._wrap(RECOVERY, recovery, key)
        return recovery

    # -- unlocking ------------------------------------------------------------------------

    def unlock(
        self,
        login: str,
        password: str,
        now: dt.datetime | None = None,
        early: EarlyUnlock | None = None,
    ) -> bytes:
        """The data key, if ``password`` is ``login``'s; counts failures and locks (saved).

        ``early``: the derivation started at launch for this login (``EarlyUnlock.for_login``).
        """
        now = now or dt.datetime.now()
        state = self.data["lockout"].get(login, {})
        until = state.get("until")
        if until and now < dt.datetime.fromisoformat(until):
            wait = dt.datetime.fromisoformat(until) - now
            raise LockedError(
                f"密码错误次数过多，账号“{login}”已锁定，请{_minutes(wait)}后再试。{_FORGOT}"
            )
        key = self._unwrap(self.user_slot(login), password, early)
        if key is not None:
            if login in self.data["lockout"]:
                self.data["lockout"].pop(login)
                self.save()
            return key
        failures = int(state.get("failures", 0)) + 1
        state = {"failures": failures}
        event = "登录失败"
        if failures >= FREE_ATTEMPTS:
            delay = min(FIRST_LOCK * 2 ** (failures - FREE_ATTEMPTS), LONGEST_LOCK)
            state["until"] = (now + delay).isoformat(timespec="seconds")
            event = "账号锁定"
        self.data["lockout"][login] = state
        self.data["pending"].append(
            {"at": now.isoformat(timespec="seconds"), "login": login, "event": event}
        )
        self.save()
        if event == "账号锁定":
            wait = dt.datetime.fromisoformat(state["until"]) - now
            raise LockedError(
                f"密码连续错误 {failures} 次，账号“{login}”已锁定，请{_minutes(wait)}后再试。"
                + _FORGOT
            )
        raise WrongPasswordError(
            f"用户名或密码不正确（还可再试 {FREE_ATTEMPTS - failures} 次，之后账号将被锁定）"
        )

    def unlock_recovery(self, recovery: str) -> bytes:
        key = self._unwrap(RECOVERY, normalise_recovery_key(recovery))
        if key is None:
            raise WrongPasswordError("恢复密钥不正确，请核对打印件上的字符")
        return key

    def check_password(self, login: str, password: str) -> bool:
        """Whether ``password`` opens ``login``'s slot (no counting; unlocking a locked screen)."""
        return self._unwrap(self.user_slot(login), password) is not None

    def bind(self, db_path: Path) -> None:
        """Record which database file this key file opens (the file's salt, ``database_salt``),
        so a refused password can say when the key file is another desk's. Saved only when it
        changed: after ``init``, a restore or a copy made by a backup."""
        salt = database_salt(db_path)
        if salt is not None and self.data.get("db_salt") != salt:
            self.data["db_salt"] = salt
            try:
                self.save()
            except OSError:  # a read-only folder: only the hint is lost, never the login
                self.data["db_salt"] = None

    def belongs_elsewhere(self, db_path: Path) -> bool:
        """Whether this key file was last used with another database file than ``db_path``."""
        recorded, salt = self.data.get("db_salt"), database_salt(db_path)
        return recorded is not None and salt is not None and recorded != salt

    def take_pending(self) -> list[dict[str, str]]:
        """Failed logins and locks since the last successful one, removed from the file."""
        pending = list(self.data.get("pending", []))
        if pending:
            self.data["pending"] = []
            self.save()
        return pending


#: Where a locked-out user turns: a clerk to the administrator, the administrator to the
#: recovery key.
_FORGOT = (
    "忘记密码的，请管理员在“设置 → 用户”中重设；管理员本人可在登录窗口点“忘记密码…”，用恢复密钥重设"
)


def _minutes(delta: dt.timedelta) -> str:
    seconds = max(1, int(delta.total_seconds()))
    return f"{seconds}秒" if seconds < 120 else f"{(seconds + 59) // 60}分钟"


def sql_key(key: bytes) -> str:
    """The ``PRAGMA key`` argument for a raw 256-bit key (hex, never interpolated from text)."""
    if len(key) != 32:
        raise ValueError("the data key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def login_from_environment(user: str | None = None) -> tuple[str, str] | None:
    """(login, password) for a start that logs in without asking — ``PETITION_DESK_PASSWORD``
    with ``user`` or ``PETITION_DESK_USER`` (scripted kiosks, CI's smoke test) — else None."""
    password = os.environ.get("PETITION_DESK_PASSWORD")
    login = user or os.environ.get("PETITION_DESK_USER")
    return (login, password) if login and password is not None else None


class EarlyUnlock:
    """A login's key derivation started on a thread before the window's modules load.

    ``petition-desk`` with the credentials in the environment (scripted kiosks, CI's smoke
    test) knows the password at launch: scrypt then runs in C without the GIL on one core while
    Qt and the window's modules load on the other, instead of after them. The thread only reads
    the key file and derives the wrapping key of the user's slot; everything else — the lock-out,
    the check of the password, counting a failure, saving the key file — is the login's, after
    the desk's single-instance lock is held (``Keyring.unlock(early=...)``). The derivation is
    used only for the slot it was made from (same salt and parameters, and the same desk, user
    and password: ``for_login``); otherwise the login derives again.
    """

    def __init__(self, db_path: Path, login: str, password: str) -> None:
        self._for = (Path(db_path), login, password)
        self._derived: tuple[dict[str, Any], bytes] | None = None  # (the slot, its wrapping key)
        self._thread = threading.Thread(target=self._run, name="petition-desk-unlock", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        db_path, login, password = self._for
        try:
            ring = Keyring.load(keys_path(db_path))
            entry = ring.data["slots"].get(ring.user_slot(login))
            if entry is not None:
                wrapping = Kdf(**entry["kdf"]).derive(password, _unb64(entry["salt"]))
                self._derived = (dict(entry), wrapping)
        except Exception:  # the login reads the file again and says what is wrong with it
            self._derived = None

    def for_login(self, db_path: Path, login: str, password: str) -> EarlyUnlock | None:
        """This derivation if it was started for this desk, user and password, else None."""
        return self if (Path(db_path), login, password) == self._for else None

    def wrapping_key(self, entry: dict[str, Any]) -> bytes | None:
        """The wrapping key derived for ``entry`` (waits for it), if the slot is unchanged."""
        self._thread.join()
        if self._derived is None or self._derived[0] != entry:
            return None
        return self._derived[1]


def unlock_early(db_path: Path, login: str, password: str) -> EarlyUnlock | None:
    """Start deriving ``login``'s key now, if ``db_path`` is an encrypted desk with its key
    file (a new, empty or plain file takes the usual way through the login)."""
    db_path = Path(db_path)
    try:
        if db_path.stat().st_size == 0 or not keys_path(db_path).is_file():
            return None
    except OSError:
        return None
    return EarlyUnlock(db_path, login, password)
