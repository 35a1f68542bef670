"""Russian date expressions: «20 февраля», «в 1927 году», «с 1 по 12 сентября 2025 года».

A date without a year gets the document's year: its reference date when
known, else a year the text implies (a weekday that fits only one nearby
year, «до наступления 2031 года», «год Дракона», a festival «– 2025»).
Dates are ISO at the precision the text gives.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reelgraph.extract.date_notes import ResolvedDate, note_resolutions
from reelgraph.extract.dates import iso_date
from reelgraph.extract.ru_lex import Lexicon, fold

_MONTH = (r"(?P<{name}>(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)"
          r"(?:[ьяейуа]|ом)?)(?![а-яё])")
_YEAR = r"(?P<{name}>1[89]\d\d|20\d\d)(?:\s*(?:года|году|год|г\.))?"
_DAY = r"(?P<{name}>[12]\d|3[01]|0?[1-9])"
_WEEKDAY = r"(?:(?:в|во)\s+)?(?P<wd>понедельник|вторник|среду|среда|четверг|пятницу|пятница|субботу|суббота|воскресенье),?\s+"


def _rx() -> re.Pattern:
    range_ = (rf"(?:с\s+)?{_DAY.format(name='d1')}(?:\s+{_MONTH.format(name='m1')})?\s*(?:по|–|-|—|до)\s*"
              rf"{_DAY.format(name='d2')}\s+{_MONTH.format(name='m2')}(?:\s+{_YEAR.format(name='y2')})?")
    single = rf"(?:{_WEEKDAY})?{_DAY.format(name='d')}\s+{_MONTH.format(name='m')}(?:\s+{_YEAR.format(name='y')})?"
    month_year = rf"(?:(?:в|во|с|к|до|на)\s+)?{_MONTH.format(name='mm')}(?:\s+{_YEAR.format(name='my')})?"
    year = (r"(?<![\d–-])(?P<yy>1[89]\d\d|20\d\d)(?:-?(?:м|го|й))?"
            r"(?=\s*(?:года|году|год|г\.|-м\b)|\)|\s*(?:–|-)\s*(?:1[89]|20)\d\d)")
    relative = (r"(?P<rel>позавчера|вчера|сегодня|завтра|послезавтра)(?![а-яё])"
                r"|(?P<relyear>в\s+(?:этом|текущем|прошлом|следующем|будущем)\s+году)")
    return re.compile(rf"(?<![\w\d])(?:(?P<range>{range_})|(?P<single>{single})|(?P<month_year>{month_year})|(?P<year>{year})"
                      rf"|{relative})", re.IGNORECASE)


_DATE_RE = _rx()


@dataclass(frozen=True)
class RuDate:
    """A date found in text; year None means the text gave none. `end` fields are set for ranges."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    weekday: int | None = None

    def iso(self, year: int | None = None) -> str | None:
        """ISO at the text's precision; `year` fills a missing year."""
        return iso_date(self.year or year, self.month, self.day)

    def end_iso(self, year: int | None = None) -> str | None:
        if self.end_day is None:
            return None
        return iso_date(self.end_year or self.year or year, self.end_month, self.end_day)

    @property
    def is_range(self) -> bool:
        return self.end_day is not None


def _month(word: str | None, lex: Lexicon) -> int | None:
    if not word:
        return None
    w = fold(word)
    for stem, number in lex.months:
        if w.startswith(stem):
            return number
    return None


def _weekday(word: str | None, lex: Lexicon) -> int | None:
    if not word:
        return None
    w = fold(word)
    return next((n for stem, n in lex.weekdays if w.startswith(stem)), None)


_RELATIVE = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}


def find_dates(text: str, lex: Lexicon, reference: str | None = None) -> list[RuDate]:
    """Every date expression in `text`, in order, longest shape first.

    «вчера», «сегодня», «завтра» resolve only against a full reference date.
    A bare month («в сентябре») is kept only with a preposition before it.
    """
    out = []
    ref = dt.date.fromisoformat(reference) if reference and re.fullmatch(r"\d{4}-\d\d-\d\d", reference) else None
    if reference and not re.match(r"\d{4}", reference):
        reference = None
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["relyear"]:
            if ref is not None or reference:
                base = ref.year if ref is not None else int(reference[:4])
                word = g["relyear"].split()[1].lower()
                shift = {"прошлом": -1, "следующем": 1, "будущем": 1}.get(word, 0)
                out.append(RuDate(m.start(), m.end(), m.group(0), base + shift))
            continue
        if g["rel"]:
            if ref is not None:
                day = ref + dt.timedelta(days=_RELATIVE[g["rel"].lower()])
                out.append(RuDate(m.start(), m.end(), m.group(0), day.year, day.month, day.day))
            continue
        if g["month_year"] and not g["my"] and not re.match(r"(?:в|во|с|к|до|на)\s", m.group(0), re.I):
            continue
        if g["range"]:
            y = int(g["y2"]) if g["y2"] else None
            m2 = _month(g["m2"], lex)
            m1 = _month(g["m1"], lex) or m2
            out.append(RuDate(m.start(), m.end(), m.group(0), y, m1, int(g["d1"]), y, m2, int(g["d2"])))
        elif g["single"]:
            out.append(RuDate(m.start(), m.end(), m.group(0), int(g["y"]) if g["y"] else None,
                              _month(g["m"], lex), int(g["d"]), weekday=_weekday(g["wd"], lex)))
        elif g["month_year"]:
            out.append(RuDate(m.start(), m.end(), m.group(0), int(g["my"]) if g["my"] else None, _month(g["mm"], lex)))
        else:
            out.append(RuDate(m.start(), m.end(), m.group(0), int(g["yy"])))
    return out


def infer_year(text: str, dates: list[RuDate], lex: Lexicon, reference: str | None = None,
               today: dt.date | None = None) -> tuple[int | None, str]:
    """The year a yearless date in this document belongs to, and how it was found."""
    if reference and re.match(r"\d{4}", reference):
        return int(reference[:4]), "reference date"
    years = sorted({d.year for d in dates if d.year} | {d.end_year for d in dates if d.end_year}
                   | {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)})
    dateline = _dateline(text, lex)
    if dateline:
        return int(dateline[:4]), "dateline"
    near = sorted({y + k for y in years for k in (-1, 0, 1)})
    for d in dates:
        if d.weekday and d.year is None and d.month and d.day:
            fits = [y for y in near if iso_date(y, d.month, d.day)
                    and dt.date(y, d.month, d.day).isoweekday() == d.weekday]
            mentioned = [y for y in fits if y in years]
            if mentioned or fits:
                return max(mentioned or fits), f"weekday of «{d.text.strip()}»"
    m = re.search(r"(?:наступлени[яем]|встреч[еи]|канун[ еу]|накануне)\s+(?:нового\s+)?(1[89]\d\d|20\d\d)\s+год", text, re.I)
    if m:
        return int(m.group(1)) - 1, f"«{m.group(0)}»"
    m = re.search(r"\bгода?\s+([А-ЯЁ]?[а-яё]+)", text)
    for m in re.finditer(r"\bгод[аеу]?\s+([А-ЯЁа-яё]+)", text):
        animal = _zodiac_lemma(m.group(1), lex)
        if animal is not None:
            now = (today or dt.date.today()).year
            year = animal + 12 * ((now - animal) // 12)
            return year, f"«{m.group(0)}»"
    m_years = [int(y) for y in re.findall(r"(?:–|-|—)\s*((?:19|20)\d\d)(?!\d)", text)]
    if m_years:
        return max(m_years), "year in an event name"
    full = next((d for d in dates if d.year and d.month and d.day), None)
    if full is not None:
        return full.year, f"first full date «{full.text.strip()}»"
    if years:
        return None, "no year for dates without one"
    return None, "no year in the text"


def _zodiac_lemma(word: str, lex: Lexicon) -> int | None:
    w = fold(word)
    for lemma, year in lex.zodiac.items():
        # animal names in the genitive: свиньи, быка, тигра, дракона, змеи, лошади, козы, обезьяны...
        if w == lemma or (w[:-1] == lemma[:-1] and len(w) == len(lemma)) or w in (lemma + "а", lemma[:-1] + "и", lemma[:-1] + "ы"):
            return year
    return None


_DATELINE_RE = re.compile(r"^[А-ЯЁA-Z][А-ЯЁа-яё\w .-]{1,40},\s+(\d{1,2})\s+([а-яё]+)(?:\s+(\d{4})\s*(?:года|г\.)?)?",
                          re.MULTILINE)


def _dateline(text: str, lex: Lexicon) -> str | None:
    """«Москва, 3 марта 2025 года.» on one of the first lines: the article's own date (ISO), if it has a year."""
    for m in _DATELINE_RE.finditer(text[:600]):
        month = _month(m.group(2), lex)
        if month and m.group(3):
            return iso_date(int(m.group(3)), month, int(m.group(1)))
    return None


def reference_of(text: str, lex: Lexicon, reference: str | None = None) -> str | None:
    """The date relative words resolve against: the given one, else the dateline's."""
    if reference:
        return reference
    return _dateline(text, lex)


def resolution(d: RuDate, year: int | None, how: str, reference: str | None, reference_how: str | None) -> str | None:
    """How the year of date `d` was found, in a few words for a reader (None when it has no year).

    `year, how` are the document's year for yearless dates and how it was found
    (`infer_year`); `reference` the date relative words count from, and
    `reference_how` where that came from (the publication date or the dateline).
    """
    if d.year is not None:
        if re.search(rf"(?<!\d){d.year}(?!\d)", d.text) or (d.end_year and str(d.end_year) in d.text):
            return "explicit"
        return f"relative to reference date {reference} ({d.text.strip()})" if reference else None
    if year is None:
        return None
    if how == "reference date" and reference:
        source = "dateline" if reference_how == "dateline" else "publication date"
        return f"year from {source} {reference}"
    if how == "dateline":
        return f"year from dateline {reference or year}"
    return f"year inferred from text: {year} ({how})"


def add_date_resolutions(facts: list, dates: list[RuDate], year: int | None, how: str,
                         reference: str | None, reference_how: str | None) -> None:
    """Qualify every fact holding a date with how its year was found (`rg:date_resolution`)."""
    note_resolutions(facts, [ResolvedDate(d.start, d.end, frozenset(v for v in (d.iso(year), d.end_iso(year)) if v),
                                          resolution(d, year, how, reference, reference_how)) for d in dates])
