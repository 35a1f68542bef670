"""Dates in article text: ISO at the precision the text gives, and how each was resolved.

A date without a year takes the year of the document's reference date (the
publication date when known, else a year inferred from the text). Relative
dates ("last Friday", "next month") need a full reference date and are
resolved against it. Rules handle the common English shapes quickly;
dateparser handles the rest (and other languages).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger(__name__)

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?,? )?"

# Ordered: the first alternative that matches at a position wins, so longer shapes come first.
DATE_RE = re.compile(
    rf"\b(?:"
    rf"(?P<range_md>{_WD}{_MON} {_DAY} ?(?:to|until|till|through|-|–|—) ?(?:{_MON} )?{_DAY}(?:,? {_YEAR})?)"
    rf"|(?P<range_dmdm>{_DAY} {_MON} ?(?:to|until|till|through|-|–|—) ?{_DAY} {_MON}(?:,? {_YEAR})?)"
    rf"|(?P<range_dm>{_DAY} ?(?:to|until|-|–|—) ?{_DAY} {_MON}(?:,? {_YEAR})?)"
    rf"|(?P<mdy>{_WD}{_MON} {_DAY}(?:,? {_YEAR}|(?: of)? (?:this|last|next) year)?)(?![\d:])"
    rf"|(?P<dmy>{_WD}{_DAY} (?:of )?{_MON}(?:,? {_YEAR}|(?: of)? (?:this|last|next) year)?)"
    rf"|(?P<my>{_MON},? {_YEAR})"
    rf"|(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?P<relmonth>(?:last|next|this) (?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
    rf"|(?P<relative>(?:last|next|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)|yesterday|today|tomorrow)"
    rf"|(?P<month>(?<=\bin )(?:early |mid-|late )?{_MON}(?!\w))"
    rf"|(?P<weekday>(?:(?<=\bon )|(?<=\bopened )|(?<=\bopens )|(?<=\bbowed )|(?<=\bbows )|(?<=\bdebuted )|(?<=\bdebuts )|(?<=\bopening )"
    rf"|(?<=\btheaters )|(?<=\btheatres )|(?<=\bcinemas ))"
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?(?![\w,]* ?\d))"
    rf"|(?P<year>(?<![\d-]){_YEAR}(?![\d-]|s\b))"
    rf")", re.IGNORECASE)

# A range inside one match: "September 1st to 12th", "1-12 September".
_RANGE_SPLIT = re.compile(r"\s*(?:to|until|till|through|-|–|—)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text; `end_iso` is set for ranges."""

    start: int
    end: int
    text: str
    iso: str | None
    how: str
    end_iso: str | None = None


def _year_of(reference: str | None) -> int | None:
    if reference and re.match(r"\d{4}", reference):
        return int(reference[:4])
    return None


def _full_reference(reference: str | None) -> dt.date | None:
    if reference and re.fullmatch(r"\d{4}-\d\d-\d\d", reference):
        return dt.date.fromisoformat(reference)
    return None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def iso_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 at the precision given (YYYY, YYYY-MM or YYYY-MM-DD); None without a year
    or for a date that does not exist (31 February, month 13)."""
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    try:
        when = dt.date(year, month, day or 1)
    except ValueError:
        return None
    return when.isoformat() if day is not None else f"{year:04d}-{month:02d}"


def _explicit_year(text: str) -> int | None:
    m = re.search(_YEAR, text)
    return int(m.group(0)) if m else None


def _resolve_year(text: str, reference: str | None) -> tuple[int | None, str]:
    """The year `text` states, else one relative to the reference ("this year"...)."""
    explicit = _explicit_year(text)
    if explicit:
        return explicit, "explicit"
    ref = _year_of(reference)
    if ref is None:
        return None, "no year and no reference"
    low = text.lower()
    if "last year" in low:
        return ref - 1, f"'last year' from reference {reference}"
    if "next year" in low:
        return ref + 1, f"'next year' from reference {reference}"
    return ref, f"year from reference {reference}"


def _relative(text: str, reference: str | None) -> tuple[str, str] | None:
    ref = _full_reference(reference)
    low = text.lower()
    ref_year = _year_of(reference)
    if low in ("this year", "last year", "next year") and ref_year:
        year = ref_year + {"this": 0, "last": -1, "next": 1}[low.split()[0]]
        return str(year), f"'{low}' from reference {reference}"
    if ref is None:
        return None
    if low in ("today", "yesterday", "tomorrow"):
        day = ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[low])
        return day.isoformat(), f"'{low}' from reference {reference}"
    which, unit = low.split()
    if unit in WEEKDAYS:
        target = WEEKDAYS.index(unit)
        delta = (ref.weekday() - target) % 7 or 7
        day = ref - dt.timedelta(days=delta) if which == "last" else ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
        if which == "this":
            day = ref + dt.timedelta(days=target - ref.weekday())
        return day.isoformat(), f"'{low}' from reference {reference}"
    if unit == "month":
        month = ref.month + {"this": 0, "last": -1, "next": 1}[which]
        year = ref.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}", f"'{low}' from reference {reference}"
    if unit == "week":
        return None   # a week has no ISO precision we can state honestly
    return None


def _from_match(m: re.Match, reference: str | None) -> tuple[str | None, str, str | None]:
    """(iso, how, end_iso) for one DATE_RE match."""
    kind = m.lastgroup
    text = m.group(0)
    if kind == "iso":
        return text, "explicit", None
    if kind == "year":
        return text, "explicit", None
    if kind == "relmonth":
        # "last November" from October 2024 is November 2023; "next March" the coming March.
        which, mon = text.split()
        ref = _full_reference(reference)
        ref_year = _year_of(reference)
        if ref_year is None:
            return None, "relative date without a reference", None
        month, year = _month(mon), ref_year
        if ref is not None and which.lower() == "last" and month >= ref.month:
            year -= 1
        elif ref is not None and which.lower() == "next" and month <= ref.month:
            year += 1
        elif ref is None and which.lower() != "this":
            return None, "relative date without a full reference", None
        return iso_date(year, month, None), f"'{text.lower()}' from reference {reference}", None
    if kind == "relative":
        got = _relative(text, reference)
        return (got[0], got[1], None) if got else (None, "relative date without a full reference", None)
    if kind == "my":
        mon = re.match(_MON, text, re.IGNORECASE).group(0)
        return iso_date(_explicit_year(text), _month(mon), None), "explicit", None
    if kind == "month":
        mon = re.search(_MON, text, re.IGNORECASE).group(0)
        year, how = _resolve_year(text, reference)
        return iso_date(year, _month(mon), None), how, None
    year, how = _resolve_year(text, reference)
    body = re.sub(rf"^{_WD}", "", text, flags=re.IGNORECASE)
    if kind == "mdy":
        mon = re.match(_MON, body, re.IGNORECASE).group(0)
        day = _day(body[len(mon):].strip())
        return iso_date(year, _month(mon), day), how, None
    if kind == "dmy":
        day = _day(body)
        mon = re.search(_MON, body, re.IGNORECASE).group(0)
        return iso_date(year, _month(mon), day), how, None
    if kind == "range_md":
        first, second = _RANGE_SPLIT.split(re.sub(rf",? {_YEAR}$", "", body), maxsplit=1)
        mon = re.match(_MON, first, re.IGNORECASE).group(0)
        d1 = _day(first[len(mon):].strip())
        m2 = re.match(_MON, second, re.IGNORECASE)
        mon2 = m2.group(0) if m2 else mon
        d2 = _day(second[len(m2.group(0)):].strip() if m2 else second)
        return iso_date(year, _month(mon), d1), how, iso_date(year, _month(mon2), d2)
    if kind == "range_dmdm":
        first, second = _RANGE_SPLIT.split(re.sub(rf",? {_YEAR}$", "", body), maxsplit=1)
        m1 = re.search(_MON, first, re.IGNORECASE).group(0)
        m2 = re.search(_MON, second, re.IGNORECASE).group(0)
        return iso_date(year, _month(m1), _day(first)), how, iso_date(year, _month(m2), _day(second))
    if kind == "range_dm":
        mon = re.search(_MON, body, re.IGNORECASE).group(0)
        nums = re.findall(r"\d+", body.split(mon)[0])
        return iso_date(year, _month(mon), int(nums[0])), how, iso_date(year, _month(mon), int(nums[1]))
    return None, "unknown", None


# Before a bare weekday, the nearest word saying when: a present or future release verb ("opens", "will
# open", "is set to open", "hits theaters") looks ahead; a past one ("opened", "said") looks back.
_FUTURE = (r"will|'ll|is set to|are set to|is to|are to|to be|opens|open|premieres|bows|debuts|arrives|hits|lands|"
           r"starts|begins|is scheduled|are scheduled|is due|are due|releases|is released|are released|comes out|"
           r"goes on release|screens")
_PAST = (r"opened|premiered|bowed|debuted|arrived|hit|landed|started|began|was released|were released|released|"
         r"came out|screened|aired|said|announced|told|reported|confirmed|revealed|was|were|had|did")
_TENSE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b")
# A past form after a future auxiliary is future: "will hit", "is set to be released".
_AUX_BEFORE = re.compile(r"\b(?:will|'ll|to|shall)(?: be)?\s+$")


def _looks_ahead(before: str) -> bool:
    """Whether the clause before a bare weekday speaks of what is to come, by its nearest tense word."""
    last = None
    for last in _TENSE.finditer(before):
        pass
    if last is None:
        return False
    return last.lastgroup == "future" or bool(_AUX_BEFORE.search(before[:last.start()]))


def _weekday(m: re.Match, text: str, reference: str | None) -> tuple[str | None, str]:
    """A bare weekday ("on Friday"): the nearest one before the reference date, or after it when
    the sentence speaks of what is to come. The how says which ("next friday", "last friday")."""
    ref = _full_reference(reference)
    if ref is None:
        return None, "relative date without a full reference"
    day = m.group(0).split()[0]
    target = WEEKDAYS.index(day.lower())
    before = text[max(0, m.start() - 80):m.start()]
    before = re.split(r"[.!?]\s", before)[-1]
    if _looks_ahead(before.lower()):
        # "opens on Friday" in Friday's paper is a week on: today's opening would say "today".
        when = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
        which = "the coming one"
    else:
        # "said on Wednesday" in Wednesday's paper is that day.
        when = ref - dt.timedelta(days=(ref.weekday() - target) % 7)
        which = "the same day" if when == ref else "the last one"
    return when.isoformat(), f"'{day.lower()}' from reference {reference}, {which}"


def find_dates(text: str, reference: str | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every English date expression in text[start:end], resolved against `reference`."""
    out = []
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        if m.lastgroup == "weekday":
            iso, how = _weekday(m, text, reference)
            out.append(DateMention(m.start(), m.end(), m.group(0), iso, how))
            continue
        iso, how, end_iso = _from_match(m, reference)
        if iso and how == f"year from reference {reference}":
            iso, how, end_iso = _nearest_year(iso, how, end_iso, text, m.start(), reference)
        out.append(DateMention(m.start(), m.end(), m.group(0), iso, how, end_iso))
    return out


def _shift_year(iso: str | None, delta: int) -> str | None:
    if not iso or not delta:
        return iso
    return iso_date(int(iso[:4]) + delta, int(iso[5:7]), int(iso[8:10]) if len(iso) == 10 else None)


def _nearest_year(iso: str, how: str, end_iso: str | None, text: str, at: int,
                  reference: str) -> tuple[str | None, str, str | None]:
    """A date without a year next to a full reference date: the year before or after the reference's
    when the tense says so ("opened on Nov. 29" in a January dateline is last November; "will open on
    Feb. 14" in a November one is next February), and only when that year puts it nearer the reference
    ("opened on 13 May" in a March paper keeps its year). Without a tense word the reference's year stays."""
    ref = _full_reference(reference)
    if ref is None:
        return iso, how, end_iso
    before = re.split(r"[.!?]\s|\n", text[max(0, at - 120):at])[-1].lower()
    if not _TENSE.search(before):
        return iso, how, end_iso
    ahead = _looks_ahead(before)
    when = dt.date.fromisoformat(iso if len(iso) == 10 else f"{iso}-15")
    if ahead and when < ref:
        delta, which = 1, "the coming one"
    elif not ahead and when > ref:
        delta, which = -1, "the last one"
    else:
        return iso, how, end_iso
    shifted = _shift_year(iso, delta)
    if shifted is None or abs(dt.date.fromisoformat(shifted if len(shifted) == 10 else f"{shifted}-15") - ref) \
            >= abs(when - ref):
        return iso, how, end_iso
    return shifted, f"{how}, {which}", _shift_year(end_iso, delta)


@functools.lru_cache(maxsize=1)
def _dateparser():
    """dateparser is slow to import; only pay for it when the rules give up."""
    import dateparser

    return dateparser


def parse_date(text: str, reference: str | None, lang: str) -> tuple[str, str] | None:
    """ISO date at the precision `text` gives, and how it was resolved; None if it is no date.

    `reference` is an ISO date or year ("2025-09-05", "2025"); a text without
    a year gets the reference's year, a relative text needs a full reference.
    """
    text = text.strip()
    if lang == "en":
        m = DATE_RE.fullmatch(text)
        if m:
            iso, how, _ = _from_match(m, reference)
            return (iso, how) if iso else None
    return _parse_with_dateparser(text, reference, lang)


def _parse_with_dateparser(text: str, reference: str | None, lang: str) -> tuple[str, str] | None:
    dp = _dateparser()
    ref = _full_reference(reference)
    ref_year = _year_of(reference)
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if ref:
        settings["RELATIVE_BASE"] = dt.datetime(ref.year, ref.month, ref.day)
    elif ref_year:
        settings["RELATIVE_BASE"] = dt.datetime(ref_year, 1, 1)
    try:
        data = dp.date.DateDataParser(languages=[lang] if lang != "en" else ["en"],
                                      settings=settings).get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if not data or not data.date_obj:
        return None
    has_year = bool(re.search(r"\d{4}", text))
    if not has_year and not ref_year:
        return None
    how = "explicit" if has_year else f"year from reference {reference}"
    when = data.date_obj.date()
    if data.period == "year":
        return f"{when.year:04d}", how
    if data.period == "month":
        return f"{when.year:04d}-{when.month:02d}", how
    return when.isoformat(), how


# A year inside a capitalised name ("2025 China Film Festival") or a season span ("2024-2025").
_NAMED_YEAR = re.compile(rf"\b({_YEAR})(?:[-–]({_YEAR}))? (?:[A-Z][\w'’.-]*\s?){{1,8}}")
# A year after a capitalised name: "TIFF 2025", "Cannes 2024".
_YEAR_AFTER_NAME = re.compile(rf"\b[A-Z][\w-]+ ({_YEAR})\b(?![-–])")
_SPAN_YEAR = re.compile(rf"\b{_YEAR}[-–/]({_YEAR})\b")
_SHORT_SPAN_YEAR = re.compile(rf"\b({_YEAR})[-–/](\d\d)\b(?![-–/]\d)")


def infer_reference_year(text: str) -> tuple[str, str] | None:
    """The year an undated article is written in, and why: years in event names and spans weigh most."""
    votes: Counter[str] = Counter()
    why: dict[str, str] = {}
    for m in _NAMED_YEAR.finditer(text):
        year = m.group(2) or m.group(1)
        votes[year] += 3
        why.setdefault(year, f"{year} in '{m.group(0).strip()}'")
    for m in _YEAR_AFTER_NAME.finditer(text):
        votes[m.group(1)] += 3
        why.setdefault(m.group(1), f"{m.group(1)} in '{m.group(0).strip()}'")
    for m in _SPAN_YEAR.finditer(text):
        votes[m.group(1)] += 2
        why.setdefault(m.group(1), f"{m.group(1)} ending '{m.group(0)}'")
    for m in _SHORT_SPAN_YEAR.finditer(text):
        # "the 2024-25 season" ends in 2025.
        year = str(int(m.group(1)) // 100 * 100 + int(m.group(2)))
        if int(year) > int(m.group(1)):
            votes[year] += 2
            why.setdefault(year, f"{year} ending '{m.group(0)}'")
    headline = text.split("\n", 1)[0] if "\n" in text.strip() else ""
    for m in re.finditer(rf"(?<![\d-]){_YEAR}(?![\d-]|s\b)", text):
        # A headline's year is the article's ("unveils 2025 line-up"), more than a plan further down ("the 2026
        # festival would add a city").
        votes[m.group(0)] += 2 if m.end() <= len(headline) else 1
        why.setdefault(m.group(0), f"{m.group(0)} is the most frequent year")
    if not votes:
        return None
    year = max(votes, key=lambda y: (votes[y], y))
    return year, f"inferred from text: {why[year]}"


# Where a publication date comes from, as `Document.reference_how` says it.
_PUBLICATION = {None, "publication date", "dateline", "HTML metadata"}


# How a reference date built from a dateline that states no year begins ("dateline without a year; year ...").
DATELINE_NO_YEAR = "dateline without a year"


def resolution(date: DateMention, reference_how: str | None) -> str:
    """How a date's year was found, in a few words for a reader.

    "explicit" when the text states the year; otherwise the publication date,
    the year inferred from the text, or the relative phrase and its reference
    date ("relative to reference date 2025-09-05 (last Friday)"; a bare weekday says which way:
    "(Friday, the coming one)").
    """
    how = date.how
    if how == "explicit":
        return how
    m = re.fullmatch(r"year from reference ([^\s,]+)(?:, (the (?:coming|last) one))?", how)
    if m:
        which = f" ({m.group(2)})" if m.group(2) else ""
        if reference_how and reference_how.startswith("inferred from text"):
            return f"year {reference_how}{which}"
        if reference_how and reference_how.startswith(DATELINE_NO_YEAR):
            return f"year from reference date {m.group(1)} ({reference_how}){which}"
        if reference_how in _PUBLICATION:
            return f"year from publication date {m.group(1)}{which}"
        return f"year from {reference_how} {m.group(1)}{which}"
    m = re.fullmatch(r"'(.+)' from reference ([^\s,]+)(?:, (the (?:coming|last) one|the same day))?", how)
    if m:
        phrase = m.group(1)
        at = date.text.lower().find(phrase)
        if at >= 0:
            phrase = date.text[at:at + len(phrase)]   # as written: "last Friday"
        if m.group(3):
            phrase += f", {m.group(3)}"   # a bare weekday: which way from the reference date ("Friday, the coming one")
        kind = "year" if len(m.group(2)) == 4 else "date"
        return f"relative to reference {kind} {m.group(2)} ({phrase})"
    return how
