"""The first few records of a list that can grow, and how many there are in all: for a
page that shows a few (a recommendation's visits, a municipality's good practices) and
links to the full list elsewhere."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

SHOWN = 10


@dataclass(frozen=True)
class Excerpt:
    items: list[Any]
    total: int

    @classmethod
    def of(cls, records: QuerySet, size: int = SHOWN) -> "Excerpt":
        """The first ``size`` of ``records`` in their order and their count (two queries)."""
        total = records.count()
        return cls(items=list(records[:size]) if total else [], total=total)

    @property
    def is_partial(self) -> bool:
        """Whether some are left out, so the page links to the full list."""
        return self.total > len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
