"""The portal's Chinese catalogs are complete, and a word means one thing: Django merges every
app's catalog into one, so a msgid translated two ways in two apps ("open" as 打开 for a link
and 办理中 for a case) would show one app's word in every app. Such words carry a context."""

import re
from collections import defaultdict
from pathlib import Path

from django.conf import settings

CATALOGS = sorted(path for path in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
                  if ".venv" not in path.parts and "node_modules" not in path.parts)


def _string(lines: list[str]) -> str:
    return "".join(re.match(r'^(?:msg\w+(?:\[\d+\])? )?"(.*)"$', line).group(1) for line in lines)


def entries(path: Path):
    """(flags, msgctxt, msgid, [msgstr…]) of each live entry (obsolete ones are not compiled)."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line and not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, list[str]] = defaultdict(list)
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            keyword = re.match(r"^(msg\w+(?:\[\d+\])?) ", line)
            if keyword:
                current = keyword.group(1)
            fields[current].append(line)
        if "msgid" not in fields:
            continue
        strings = [_string(value) for key, value in fields.items() if key and key.startswith("msgstr")]
        yield flags, _string(fields["msgctxt"]) if "msgctxt" in fields else None, _string(fields["msgid"]), strings


def test_every_catalog_is_found():
    assert len(CATALOGS) == 7, CATALOGS


def test_every_entry_is_translated_and_none_is_fuzzy():
    problems = []
    for path in CATALOGS:
        for flags, context, msgid, strings in entries(path):
            if msgid and ("fuzzy" in flags or not all(strings)):
                problems.append(f"{path.relative_to(settings.BASE_DIR)}: {context or ''}|{msgid}")
    assert not problems, problems


def test_a_word_is_translated_one_way_in_every_app():
    seen: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in CATALOGS:
        for _flags, context, msgid, strings in entries(path):
            if msgid:
                seen[(context, msgid)]["/".join(strings)].append(str(path.relative_to(settings.BASE_DIR)))
    clashes = {key: dict(found) for key, found in seen.items() if len(found) > 1}
    assert not clashes, clashes
