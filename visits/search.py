"""Search that ignores Latvian diacritics and case, the same on SQLite and PostgreSQL.

Neither database folds "Ā" to "a" by itself in the same way (SQLite's ``LIKE`` and
``lower()`` know ASCII only; PostgreSQL would need the unaccent extension), so the
folding happens here, in Python, on both sides: each searchable record keeps a folded
copy of its text in a ``search_text`` column, and a query is folded the same way and
matched word by word with a plain ``LIKE '%word%'`` (Django's ``contains``).

Folding: lower case, letters decomposed (NFKD) and their diacritics dropped (ā→a, č→c,
ģ→g, ķ→k, ļ→l, ņ→n, š→s, ž→z …), everything that is not a letter or a digit turned
into a single space. So "Viļakas novads" is stored as "vilakas novads" and the query
"VILAKA" becomes the word "vilaka", which it contains.
"""

import re
import unicodedata
from collections.abc import Iterable

# A query longer than this many words searches with its first ones only.
MAX_QUERY_WORDS = 10

_NOT_A_WORD_CHARACTER = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, without diacritics, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_A_WORD_CHARACTER.sub(" ", without_marks).strip()


def search_text(parts: Iterable[str]) -> str:
    """The folded text a record is found by: its parts, one per line, folded."""
    return "\n".join(folded for folded in (fold(part) for part in parts) if folded)


def query_words(query: str) -> list[str]:
    """The folded words of a reader's query, each once, in the order typed."""
    words = dict.fromkeys(fold(query).split())
    return list(words)[:MAX_QUERY_WORDS]
