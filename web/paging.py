"""Page links for a result list: previous, next, the first and last, and a window around the current page."""

from __future__ import annotations

from dataclasses import dataclass, field

_WINDOW = 2


@dataclass
class Pagination:
    page: int
    last: int
    first_shown: int
    last_shown: int
    pages: list[int | None] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return 1 < self.page <= self.last + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.last


def paginate(page: int, total: int, per_page: int, shown: int) -> Pagination:
    """Where `page` lies among ceil(total / per_page) pages; `shown` hits are on it. None in `pages` is a gap (…)."""
    last = max(1, -(-total // per_page))
    first_shown = (page - 1) * per_page + 1 if shown else 0
    numbers = sorted({1, last} | set(range(max(1, page - _WINDOW), min(last, page + _WINDOW) + 1)))
    pages: list[int | None] = []
    for number in numbers:
        if pages and number - (pages[-1] or 0) > 1:
            pages.append(None)
        pages.append(number)
    return Pagination(page, last, first_shown, first_shown + shown - 1 if shown else 0, pages)
