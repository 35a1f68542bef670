"""Chinese dates (9月6日, 2025年2月20日, 9月1日至12日, 5月, 今年2月20日) and the year of an undated article.

Dates are ISO at the precision the text gives. A date without a year takes
the document year: the reference date's year when the reader found one,
else a year inferred from the text (a year in an event name, the end of a
span like 2024—2025, an anniversary such as 成立100周年).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from reelgraph.extract.date_notes import ResolvedDate, note_resolutions
from reelgraph.extract.dates import iso_date
from reelgraph.extract.zh_resources import words

_NUM = "〇零一二三四五六七八九十两"
_N = rf"(?:\d{{1,2}}|[{_NUM}]{{1,3}})"
_DAYPART = r"(?:晚间|晚上|晚|早上|早|上午|中午|下午|凌晨|傍晚|夜)?"
_REL = r"(?P<rel>今年|去年|明年|前年)?"

DATE_RE = re.compile(
    rf"{_REL}(?:(?P<y>\d{{4}})年)?(?P<m>{_N})月(?:(?P<d>{_N})[日号]{_DAYPART}"
    rf"(?:(?:至|到|~|－|-|—|–)(?:(?P<m2>{_N})月)?(?P<d2>{_N})[日号])?)?"
    rf"|(?P<yo>\d{{4}})年(?![代度]|\d|[{_NUM}])"
    rf"|(?P<day>今天|今日|昨天|昨日|明天|明日)")


@dataclass(frozen=True)
class ZhDate:
    """A date expression: ISO (None when no year could be had), and an end for ranges."""

    start: int
    end: int
    text: str
    iso: str | None
    end_iso: str | None = None
    how: str = ""


def chinese_number(text: str) -> int | None:
    """Digits or Chinese numerals up to the thousands (十二, 二十五, 一百, 100)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "两": 2})
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """A Chinese date always names its month: without one it is no date."""
    return iso_date(year, month, day) if month is not None else None


_DAY_ONLY = re.compile(rf"(?<![\d月〇零一二三四五六七八九十])(?P<d>\d{{1,2}})[日号]{_DAYPART}(?![电讯])")


def find_dates(text: str, year: int | None, reference: str | None = None) -> list[ZhDate]:
    """Every date expression in `text`; `year` fills a missing year, `reference` (full ISO) resolves 今天.
    A day alone (18日晚) takes the month of the last date before it that has one."""
    out = _find_dates(text, year, reference)
    taken = [(d.start, d.end) for d in out]
    for m in _DAY_ONLY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        months = [d for d in out if d.end <= m.start() and d.iso and len(d.iso) >= 7]
        if not months:
            continue
        base = months[-1].iso
        iso = _iso(int(base[:4]), int(base[5:7]), int(m.group("d")))
        if iso:
            out.append(ZhDate(m.start(), m.end(), m.group(0), iso, how=f"month of {months[-1].text}"))
    return sorted(out, key=lambda d: d.start)


def _find_dates(text: str, year: int | None, reference: str | None) -> list[ZhDate]:
    out = []
    for m in DATE_RE.finditer(text):
        if m.group("day"):
            if reference and re.fullmatch(r"\d{4}-\d\d-\d\d", reference):
                shift = {"今": 0, "昨": -1, "明": 1}[m.group("day")[0]]
                day = dt.date.fromisoformat(reference) + dt.timedelta(days=shift)
                out.append(ZhDate(m.start(), m.end(), m.group(0), day.isoformat(), how="relative to reference"))
            continue
        if m.group("yo"):
            # a bare year right after a dash is the end of a span (2024—2025), not a date of its own
            if m.start() > 0 and text[m.start() - 1] in "—–-~至到":
                continue
            out.append(ZhDate(m.start(), m.end(), m.group(0), m.group("yo"), how="explicit"))
            continue
        month = chinese_number(m.group("m"))
        day = chinese_number(m.group("d")) if m.group("d") else None
        if m.group("y"):
            y, how = int(m.group("y")), "explicit"
        elif m.group("rel") and year is not None:
            y = year + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[m.group("rel")]
            how = f"{m.group('rel')} from document year {year}"
        else:
            y, how = year, f"document year {year}" if year else "no year"
        end_iso = None
        if m.group("d2"):
            m2 = chinese_number(m.group("m2")) if m.group("m2") else month
            end_iso = _iso(y, m2, chinese_number(m.group("d2")))
        out.append(ZhDate(m.start(), m.end(), m.group(0), _iso(y, month, day), end_iso, how))
    return out


_SPAN = re.compile(r"(?<!\d)(\d{4})\s*(?:—|–|-|－|~|至|到)+\s*(\d{4})(?!\d)")
_NAMED = re.compile(r"(?<![\d.])(\d{4})(?=[“\"]?[\u4e00-\u9fff])(?![年万亿千百元人部场家个多余次块米届天周月日号岁名位座])")
_DATED = re.compile(r"(?<!\d)(\d{4})年(?:\d{1,2}月|开年|年初|年底|年末|初|底|伊始|以来|春节|国庆|暑期|上半年|下半年)")


def infer_year(text: str) -> tuple[int, str] | None:
    """The year an undated Chinese article is written in, and why (None if the text does not say)."""
    votes: Counter[int] = Counter()
    why: dict[int, str] = {}

    def vote(year: int, weight: int, reason: str) -> None:
        if 1900 <= year <= 2100:
            votes[year] += weight
            why.setdefault(year, reason)

    for m in _SPAN.finditer(text):
        vote(int(m.group(2)), 2, f"end of the span {m.group(0)}")
    for m in _NAMED.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "—–-~":
            continue
        vote(int(m.group(1)), 3, f"the year in the name {text[m.start():m.start() + 12].split('”')[0]}")
    for m in _DATED.finditer(text):
        vote(int(m.group(1)), 2, f"'{m.group(0)}'")
    # a bare year counts a little, unless it dates the past (发生在1927年, 创办于2016年, 1941年出生)
    for m in re.finditer(r"(?<![\d.—–~-])((?:19|20)\d\d)年(?!代|\d|[〇零一二三四五六七八九十])", text):
        before = text[max(0, m.start() - 4):m.start()]
        after = text[m.end():m.end() + 4]
        if re.search(r"发生在|发生于|创办于|成立于|始于|出生|生于|毕业|上世纪|早在|回到|设定在|自$|从$|于$", before) \
                or re.match(r"出生|毕业|创办|成立|开始|起|至|到|的故事", after):
            continue
        vote(int(m.group(1)), 1, f"'{m.group(0)}'")
    # 创办于2016年 … 第十届 … 每年一届: the tenth edition is in 2025
    founded = re.search(r"(?:创办于|创立于|始创于|始于|首届[^，。]{0,10}?于)((?:19|20)\d\d)年", text)
    edition = re.search(r"第([\d〇零一二三四五六七八九十百两]+)届", text)
    if founded and edition and re.search(r"每年|每届|一年一届|年度", text):
        n = chinese_number(edition.group(1))
        if n:
            vote(int(founded.group(1)) + n - 1, 2, f"'{founded.group(0)}' and '{edition.group(0)}'")
    anchors = words()["anchor"]
    if anchors:
        alt = "|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True))
        for m in re.finditer(rf"({alt})\D{{0,4}}?(\d{{1,3}}|[〇零一二三四五六七八九十百两]+)\s*周年", text):
            n = chinese_number(m.group(2))
            if n:
                vote(int(anchors[m.group(1)]) + n, 3, f"'{m.group(0)}'")
    if not votes:
        return None
    year = max(votes, key=lambda y: (votes[y], y))
    return year, f"inferred from text: {why[year]}"


def resolution(d: ZhDate, year: int | None, reference: str | None, year_how: str | None) -> str | None:
    """How the year of date `d` was found, in a few words for a reader (None when it has no year).

    `year, reference, year_how` are the document's year, reference date and how
    the year was found (`zh.document_year`).
    """
    if d.how == "explicit":
        return "explicit"
    if d.how == "relative to reference":
        return f"relative to reference date {reference} ({d.text})"
    m = re.fullmatch(r"(\S+) from document year (\d{4})", d.how)
    if m:
        return f"relative to reference year {m.group(2)} ({m.group(1)})"
    if d.how.startswith("month of "):
        return f"year and month from the date before ({d.how[len('month of '):]})"
    if year is None or not d.iso:
        return None
    if year_how and year_how.startswith("inferred from text"):
        return f"year {year_how}"
    if reference:
        return f"year from {year_how or 'publication date'} {reference}"
    return f"year from {year_how or 'the document'} {year}"


def add_date_resolutions(facts: list, dates: list[ZhDate], year: int | None, reference: str | None,
                         year_how: str | None) -> None:
    """Qualify every fact holding a date with how its year was found (`rg:date_resolution`)."""
    note_resolutions(facts, [ResolvedDate(d.start, d.end, frozenset(v for v in (d.iso, d.end_iso) if v),
                                          resolution(d, year, reference, year_how)) for d in dates])
