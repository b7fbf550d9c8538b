"""The UI speaks Chinese: every string in the catalogue is translated and compiled."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).parent.parent
TS = ROOT / "resources" / "i18n" / "petition_desk_zh_CN.ts"


def test_every_message_is_translated():
    tree = ET.parse(TS)
    untranslated = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"
        or not "".join(m.find("translation").itertext()).strip()
    ]
    assert untranslated == []


def test_catalogue_and_compiled_file_match_the_code():
    result = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "i18n" / "update.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
