"""An HTML page's article: main text, title and date, through trafilatura.

Offsets of everything extracted later point into the text returned here,
which the Document carries, so the page itself is never needed again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Less than this many letters or digits is navigation or a cookie notice,
# not an article worth extracting facts from.
MIN_BODY_CHARS = 40

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:html|head|body|article|p|div)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """What a page says: its main text and the metadata found for it."""

    text: str
    title: str | None
    published: str | None
    emphasis: tuple[str, ...] = ()   # texts the page set in italics, as they read in `text`


def looks_like_html(text: str) -> bool:
    """True when `text` starts like an HTML page or is full of block tags."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 3


def extract_article(html: str) -> Article | None:
    """The page's main text and metadata; None when it has no article body."""
    import trafilatura   # slow import: only when a page is actually read

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(found, "text", None) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if sum(ch.isalnum() for ch in text) < MIN_BODY_CHARS:
        return None
    title = (getattr(found, "title", None) or "").strip() or None
    published = _iso_date(getattr(found, "date", None))
    return Article(text=text, title=title, published=published, emphasis=_emphasised(html))


# Longer than this an italic run is a quotation or a caption, not a title.
MAX_EMPHASIS_CHARS = 120


def _emphasised(html: str) -> tuple[str, ...]:
    """The texts of the page's <i>, <em> and <cite> elements, white space collapsed, each once.

    Style guides set film titles in italics, so these are title candidates; the
    extractor decides. A page lxml cannot parse simply has none.
    """
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ()
    found = (" ".join(el.text_content().split()) for el in root.iter("i", "em", "cite"))
    return tuple(dict.fromkeys(t for t in found if 2 <= len(t) <= MAX_EMPHASIS_CHARS))


def emphasis_spans(text: str, emphasised: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Every place in `text` where an emphasised string stands as whole words."""
    spans = set()
    for phrase in emphasised:
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            spans.add((m.start(), m.end()))
    return tuple(sorted(spans))


def _iso_date(value: str | None) -> str | None:
    """trafilatura gives YYYY-MM-DD; keep it only if it has that shape."""
    if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
        return value.strip()
    return None
