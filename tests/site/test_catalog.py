"""The Latvian catalog is complete: no string a person sees falls back to English."""

import re
from pathlib import Path

from django.conf import settings

CATALOGS = [
    settings.BASE_DIR / "locale" / "lv" / "LC_MESSAGES" / "django.po",
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
