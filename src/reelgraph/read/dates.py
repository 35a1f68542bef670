"""The publication date a plain-text article states in a dateline.

Only a line that clearly is a dateline counts: one of the first lines,
holding nothing but a full date (day, month and year), optionally after a
short place or label ("MOSCOW, September 5, 2025 —", "Published: 5 сентября
2025"). A sentence that merely starts with a date ("On September 4, the
premiere...") is not a dateline; guessing there would hand every relative
date in the article a wrong year.
"""

from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

# A dateline sits near the top: the title, maybe a byline, then the date.
DATELINE_LINES = 5
# Longer than this and it is a sentence, not a dateline.
MAX_DATELINE_CHARS = 60
# A place or label before the date: a few words, no digits.
_PREFIX = re.compile(r"^[^\W\d][^\d,:：]{0,40}[,:：]\s*")
# Dash that ends a dateline and starts the story: "MOSCOW, Sept 5, 2025 — The..."
_DASH = re.compile(r"\s+[—–-]{1,2}\s+|\s*—\s*")
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


@functools.lru_cache(maxsize=1)
def _dateparser():
    """dateparser is slow to import; only pay for it when a line looks like a date."""
    import dateparser

    return dateparser


def _parse_full_date(text: str, lang: str) -> str | None:
    """ISO date when `text` is a complete date (day, month, year), else None."""
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    languages = [lang] if lang == "en" else [lang, "en"]
    try:
        when = _dateparser().parse(text, languages=languages, settings=settings)
    except (ValueError, OverflowError):   # dateparser raises on odd digit runs
        return None
    return when.date().isoformat() if when else None


def _candidates(line: str) -> list[str]:
    """The parts of one line that could be the whole dateline date."""
    line = line.strip()
    parts = _DASH.split(line, maxsplit=1)
    head = parts[0].strip()
    if len(parts) == 1 and len(line) > MAX_DATELINE_CHARS:
        return []
    if len(head) > MAX_DATELINE_CHARS or not _YEAR.search(head):
        return []
    out = [head]
    prefix = _PREFIX.match(head)
    if prefix and len(prefix.group(0).split()) <= 4:
        out.append(head[prefix.end():])
    return out


def _first_lines(text: str) -> list[str]:
    """The non-blank lines of the top of `text`, where a dateline may stand."""
    return [ln for ln in text.split("\n", 40)[:40] if ln.strip()][:DATELINE_LINES]


def dateline_date(text: str, lang: str) -> str | None:
    """ISO date of the dateline among the first lines of `text`, or None."""
    for line in _first_lines(text):
        for candidate in _candidates(line):
            found = _parse_full_date(candidate, lang)
            if found:
                log.debug("dateline %r gives %s", line.strip(), found)
                return found
    return None


# An English dateline without a year: "TOKYO, Jan. 6 (Kyodo) —", "LOS ANGELES, March 3 —".
_MONTH_DAY = re.compile(
    r"^[^\W\d][^\d,:]{0,40},\s*(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(?P<day>[12]\d|3[01]|0?[1-9])(?:\s*\([^()\d]{1,30}\))?$")
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def dateline_month_day(text: str) -> tuple[int, int] | None:
    """(month, day) of an English dateline that states no year, among the first lines of `text`.

    Only a place, the month and day, maybe an agency in brackets, then the dash that starts the story.
    The caller supplies the year (the publication's or one inferred from the text)."""
    for line in _first_lines(text):
        parts = _DASH.split(line.strip(), maxsplit=1)
        if len(parts) < 2:
            continue
        m = _MONTH_DAY.match(parts[0].strip())
        if m and not _YEAR.search(parts[0]):
            month = _MONTH_NUMBER[m.group("mon")[:3].lower()]
            log.debug("dateline %r gives month %d, day %d", line.strip(), month, int(m.group("day")))
            return month, int(m.group("day"))
    return None
