"""Latvian alphabetical order on both databases.

PostgreSQL gets an ICU collation named "lv" (see the platform_site migration); SQLite
gets a Python collation of the same name on every connection, so that
``order_by(Collate("name", "lv"))`` sorts Ā after A, Č after C, Š after S and Ž last
whichever database runs.
"""

import unicodedata

# The Latvian alphabet in order: Č, Ģ, Ķ, Ļ, Ņ, Š, Ž are letters of their own.
_LETTERS = tuple("abcčdefgģhijkķlļmnņopqrsštuvwxyzž")
_PRIMARY = {letter: position for position, letter in enumerate(_LETTERS)}
# Long vowels differ from the short ones only at the secondary level (CLDR Latvian rules).
_LONG_VOWELS = {"ā": "a", "ē": "e", "ī": "i", "ō": "o", "ū": "u"}


def lv_sort_key(text: str) -> tuple[list[int], list[int], list[int]]:
    primary, secondary, tertiary = [], [], []
    for char in unicodedata.normalize("NFC", text or ""):
        lower = char.lower()
        base = _LONG_VOWELS.get(lower, lower)
        primary.append(_PRIMARY.get(base, 1000 + ord(base)))
        secondary.append(1 if lower in _LONG_VOWELS else 0)
        tertiary.append(0 if char == lower else 1)  # lower case first, as ICU does
    return primary, secondary, tertiary


def lv_collate(a: str, b: str) -> int:
    key_a, key_b = lv_sort_key(a), lv_sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation("lv", lv_collate)
