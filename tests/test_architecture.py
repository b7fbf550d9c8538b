"""Qt lives only in petition_desk/ui/: the core, the store and the reports stay Qt-free."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "petition_desk"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_qt_is_imported_only_under_ui():
    leaks = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        for name in imported_modules(path):
            if name.split(".")[0] in QT:
                leaks.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert leaks == []


def test_the_scan_would_see_a_leak(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in imported_modules(bad)


def test_the_domain_is_pure():
    """``domain/`` holds rules only: no database, no services, no Qt, no report builders."""
    banned = ("sqlite3", "petition_desk.db", "petition_desk.services", "petition_desk.reports")
    leaks = []
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imported_modules(path):
            if any(name == b or name.startswith(b + ".") for b in banned):
                leaks.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert leaks == []


def test_services_do_not_reach_into_the_window():
    leaks = []
    for folder in ("services", "db", "reports", "domain"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for name in imported_modules(path):
                if name.startswith("petition_desk.ui") or name == "petition_desk.cli":
                    leaks.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert leaks == []


def test_the_window_and_the_command_line_call_services_not_sql():
    """Widgets and the CLI do not run SQL or write the audit log: services do, once, for both."""
    import re

    pattern = re.compile(r"\.execute(many)?\(|executescript\(|\baudit\.record\(")
    files = [*(PACKAGE / "ui").rglob("*.py"), PACKAGE / "cli.py"]
    hits = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert hits == []


def test_the_sql_scan_would_see_a_call():
    import re

    pattern = re.compile(r"\.execute(many)?\(|executescript\(|\baudit\.record\(")
    assert pattern.search('rows = self.ctx.conn.execute("SELECT 1")')
    assert pattern.search("audit.record(conn, user, '导出', {})")
    assert not pattern.search("self.task = LongTask(self, ctx, title, run)")


def test_sqlite_comes_from_the_sqlcipher_engine():
    """The standard ``sqlite3`` cannot open the encrypted file, and its exception classes are
    not the ones SQLCipher raises: every module takes ``sqlite3`` from ``db/engine.py``."""
    leaks = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).as_posix() == "db/engine.py":
            continue
        if "sqlite3" in imported_modules(path):
            leaks.append(str(path.relative_to(PACKAGE)))
    assert leaks == []
