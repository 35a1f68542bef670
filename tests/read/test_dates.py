"""reelgraph.read.dates: a dateline's date, and only a dateline's."""

import pytest

from reelgraph.read.dates import dateline_date


@pytest.mark.parametrize("text, lang", [
    ("Premiere night\nSeptember 5, 2025\n\nThe film opened.", "en"),
    ("Premiere night\nMOSCOW, Sept. 5, 2025 — The film opened on Tuesday.", "en"),
    ("Premiere night\nPublished: Friday, September 5, 2025\nThe film opened.", "en"),
    ("Премьера\n5 сентября 2025\nФильм вышел.", "ru"),
    ("Премьера\nМосква, 5 сентября 2025 года — Фильм вышел в прокат.", "ru"),
    ("首映\n2025年9月5日\n影片上映。", "zh"),
])
def test_datelines(text, lang):
    assert dateline_date(text, lang) == "2025-09-05"


@pytest.mark.parametrize("text, lang", [
    ("Premiere night\nOn September 4, 2025, the premiere was held at a cinema in the capital city.", "en"),
    ("Умерла актриса\n27 декабря 2016 года в возрасте 60 лет умерла актриса, сыгравшая принцессу.", "ru"),
    ("Premiere night\nSeptember 2025\nThe film opened.", "en"),            # no day: not a full date
    ("Premiere night\nThe 2025 festival — a review of the programme", "en"),
    ("9月30日，影片在全国上映。", "zh"),                                     # no year
    ("One\nTwo\nThree\nFour\nFive\nSeptember 5, 2025\n", "en"),             # too far down
])
def test_not_datelines(text, lang):
    assert dateline_date(text, lang) is None
