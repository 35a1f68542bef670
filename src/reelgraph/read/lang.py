"""Which of our three languages a text is written in.

lingua is restricted to English, Russian and Chinese: those are the only
languages the extractors handle, and a small candidate set is both faster and
more accurate on short news texts.
"""

from __future__ import annotations

import functools
import logging

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ru", "zh")
_CODES = {Language.ENGLISH: "en", Language.RUSSIAN: "ru", Language.CHINESE: "zh"}

# The first couple of thousand characters settle the language of a news
# article; reading all of a long one only costs time.
SAMPLE_CHARS = 2000


@functools.lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """Built once per process: loading the language models is the slow part."""
    return LanguageDetectorBuilder.from_languages(*_CODES).build()


def detect_language(text: str) -> str:
    """`en`, `ru` or `zh` for `text`; `en` when nothing tells (digits, empty)."""
    found = _detector().detect_language_of(text[:SAMPLE_CHARS])
    if found is None:
        log.debug("no language recognised, assuming en")
        return "en"
    return _CODES[found]
