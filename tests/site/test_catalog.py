"""The Latvian catalog is complete: no string a person sees falls back to English."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

CATALOGS = [
    settings.BASE_DIR / "locale" / "lv" / "LC_MESSAGES" / "django.po",
    # django-import-export ships no Latvian: its strings are translated here.
    settings.BASE_DIR / "locale_vendor" / "lv" / "LC_MESSAGES" / "django.po",
]


def entries(po_file: Path) -> list[str]:
    return [block for block in po_file.read_text(encoding="utf-8").split("\n\n") if block.strip()]


def untranslated(block: str) -> bool:
    if re.search(r'^msgid ""\nmsgstr ""', block, re.M) and "Plural-Forms" in block:
        return False  # the header
    if block.lstrip().startswith("#~"):
        return False  # obsolete, not used
    msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
    if not msgstrs:
        return False
    return any(re.fullmatch(r'(""\s*)+', value.strip()) for value in msgstrs)


def test_every_entry_is_translated():
    for catalog in CATALOGS:
        missing = [block for block in entries(catalog) if untranslated(block)]

        assert missing == [], f"{catalog}: {len(missing)} untranslated, first: {missing[:3]}"


def test_every_string_in_the_code_has_its_latvian_translation(tmp_path):
    """`make messages` on a copy of the project finds no string the catalog lacks."""
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "var", "__pycache__", "node_modules"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "lv", "--no-obsolete"]
        + ["--ignore=.venv", "--ignore=tests", "-v0"],
        cwd=copy,
        env={**os.environ, "DEBUG": "1"},
        check=True,
        timeout=300,
    )
    regenerated = copy / "locale" / "lv" / "LC_MESSAGES" / "django.po"
    lacking = [
        block for block in entries(regenerated) if untranslated(block) or "#, fuzzy" in block
    ]

    assert lacking == [], f"{len(lacking)} strings lack a translation, first: {lacking[:3]}"


def test_no_entry_is_fuzzy():
    for catalog in CATALOGS:
        fuzzy = [block for block in entries(catalog) if "#, fuzzy" in block]

        assert fuzzy == [], f"{catalog}: fuzzy entries {fuzzy[:3]}"


def test_plural_entries_have_the_three_latvian_forms():
    for catalog in CATALOGS:
        text = catalog.read_text(encoding="utf-8")
        assert "nplurals=3;" in text
        for block in entries(catalog):
            if "msgid_plural" in block and not block.lstrip().startswith("#~"):
                assert "msgstr[2]" in block, block


def test_numbers_take_the_latvian_plural_forms():
    """1 and 21 singular, 2-9 and 22 plural, 0 and 10-20 the genitive ("10 vizīšu")."""
    with translation.override("lv"):
        forms = {
            n: ngettext(
                "%(count)d visit is now: %(status)s.", "%(count)d visits are now: %(status)s.", n
            )
            % {"count": n, "status": "x"}
            for n in (0, 1, 2, 5, 10, 11, 19, 21, 22, 100, 101, 111)
        }

    assert forms == {
        0: "0 vizīšu tagad: x.",
        1: "1 vizīte tagad: x.",
        2: "2 vizītes tagad: x.",
        5: "5 vizītes tagad: x.",
        10: "10 vizīšu tagad: x.",
        11: "11 vizīšu tagad: x.",
        19: "19 vizīšu tagad: x.",
        21: "21 vizīte tagad: x.",
        22: "22 vizītes tagad: x.",
        100: "100 vizīšu tagad: x.",
        101: "101 vizīte tagad: x.",
        111: "111 vizīšu tagad: x.",
    }
