"""Files, folders, standard input and uploads into Documents.

Plain text is decoded exactly as `shared/tools/validate.py` reads it (UTF-8,
leading byte-order mark removed, every line ending turned into `\\n`), so
offsets computed on `Document.text` point at the same characters in the
file. Text in another encoding (cp1251 Russian, GB18030 Chinese, Latin-1) is
decoded when charset-normalizer is confident about it; HTML is reduced to its
article text, which the Document then carries. Anything that cannot be read
raises `InputError(path, problem)` naming what is wrong.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from reelgraph.errors import InputError, UsageError
from reelgraph.model import Document
from reelgraph.read.dates import dateline_date
from reelgraph.read.html import emphasis_spans, extract_article, looks_like_html
from reelgraph.read.lang import LANGUAGES, detect_language

__all__ = ["MAX_BYTES", "SUFFIXES", "STDIN", "read_path", "read_bytes", "iter_paths", "detect_language"]

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
STDIN = "-"
STDIN_SOURCE = "<stdin>"
NUL = b"\x00"

# charset-normalizer's "mess" score of its best guess; above this the decoded
# text has too many odd symbols to be what the author wrote.
MAX_CHAOS = 0.1
# Legacy encodings film news in our three languages (and in Western Europe)
# actually comes in; exotic code pages only ever "fit" bytes that are not text.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "gb18030", "gbk", "gb2312",
                    "big5", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2")
# More control characters than this share of the text: binary data.
MAX_CONTROL_SHARE = 0.01
_WORD = re.compile(r"[^\W\d_]+")
# Control characters (Unicode Cc) that text does not use; tab, newlines, form
# feed and escape (terminal colours in pasted logs) are left alone.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
              (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_big(size: int) -> str:
    return f"file is {_megabytes(size)}, over the {MAX_BYTES // (1024 * 1024)} MB limit"


def read_path(path: str | os.PathLike[str], lang: str | None = None) -> Document:
    """Read one file (.txt .md .html .htm; `-` is standard input) into a Document.

    `lang` (en, ru, zh) overrides language detection. The size is checked
    before reading, so a huge file is refused without loading it.
    """
    name = os.fspath(path)
    if name == STDIN:
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        return read_bytes(data, STDIN_SOURCE, lang=lang)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from err
    if os.path.isdir(name):
        raise InputError(name, "is a folder, not a file")
    if info.st_size > MAX_BYTES:
        raise InputError(name, _too_big(info.st_size))
    try:
        with open(name, "rb") as fh:
            # Bounded read: a pipe or device can be larger than stat says.
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from err
    if len(data) > MAX_BYTES:
        raise InputError(name, f"file is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    suffix = os.path.splitext(name)[1].lower()
    html = True if suffix in HTML_SUFFIXES else False if suffix in (".txt", ".md") else None
    return read_bytes(data, name, lang=lang, html=html)


def read_bytes(data: bytes, source: str, lang: str | None = None, html: bool | None = None) -> Document:
    """Bytes (standard input, an HTTP upload) into a Document named `source`.

    `html` None means sniff: a page is recognised by its opening tags.
    """
    if lang is not None and lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    if len(data) > MAX_BYTES:
        raise InputError(source, _too_big(len(data)))
    if not data:
        raise InputError(source, "empty file")
    raw = _decode(data, source)
    if html is None:
        html = looks_like_html(raw)
    published = how = None
    emphasis: tuple[tuple[int, int], ...] = ()
    if html:
        article = extract_article(raw)
        if article is None:
            raise InputError(source, "HTML page has no article body")
        text, title, published = article.text, article.title, article.published
        emphasis = emphasis_spans(text, article.emphasis)
        how = "HTML metadata" if published else None
    else:
        text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        title = None
    if not text.strip():
        raise InputError(source, "no text, only white space")
    if title is None:
        title = _first_line(text)
    language = lang or detect_language(text)
    if not html:
        published = dateline_date(text, language)
        how = "dateline" if published else None
    return Document(source=source, text=text, title=title, language=language, published=published,
                    reference_date=published, reference_how=how, emphasis=emphasis)


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def _decode(data: bytes, source: str) -> str:
    """UTF-8 when it is; else an encoding charset-normalizer is sure of; else refuse."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise InputError(source, f"not {codec.upper()} at byte {err.start} despite its byte-order mark") from None
    if NUL in data:
        raise InputError(source, f"binary data, not text (NUL byte at {data.index(NUL)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        text = _decode_other(data, source, err.start)
    _refuse_control_characters(text, source)
    return text


def _decode_other(data: bytes, source: str, bad_at: int) -> str:
    from charset_normalizer import from_bytes   # only non-UTF-8 files pay for it

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.chaos > MAX_CHAOS or not _plausible(str(best)):
        raise InputError(source, f"not UTF-8 at byte {bad_at} and no other encoding fits")
    log.info("%s: not UTF-8, decoded as %s", source, best.encoding)
    return str(best)


def _plausible(text: str) -> bool:
    """Does a legacy decoding read like prose? Prose is mostly lower case and its
    words are cased as words are (lower, Capitalised, UPPER); bytes read in the
    wrong code page give runs like БНПРЭ or ЃЌЏђќ."""
    words = [w for w in _WORD.findall(text) if any(ord(ch) > 127 for ch in w)]
    cased = [ch for w in words for ch in w if ch.lower() != ch.upper()]
    if len(cased) < 4:
        return True
    if sum(ch.islower() for ch in cased) < 0.5 * len(cased):
        return False
    odd = sum(1 for w in words if any(ch.lower() != ch.upper() for ch in w)
              and not (w.islower() or w.isupper() or w[1:].islower()))
    return odd <= 0.2 * len(words)


def _refuse_control_characters(text: str, source: str) -> None:
    sample = text[:100_000]
    controls = len(_CONTROLS.findall(sample))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise InputError(source, f"binary data, not text ({controls} control characters)")


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand arguments into the files to read, lazily.

    A file is yielded as given; a folder is walked recursively in sorted
    order, yielding only .txt .md .html .htm files (hidden entries and other
    files are skipped); `-` (standard input) is yielded as is. A missing path
    raises InputError when the generator reaches it.
    """
    for arg in paths:
        name = os.fspath(arg)
        if name == STDIN:
            yield STDIN
        elif os.path.isdir(name):
            yield from _walk(name, set())
        elif os.path.exists(name):
            yield name
        else:
            raise InputError(name, "no such file or directory")


def _walk(folder: str, seen: set[str]) -> Iterator[str]:
    real = os.path.realpath(folder)
    if real in seen:            # a symlink loop back into a folder already walked
        log.debug("skipping %s: already walked", folder)
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        raise InputError(folder, f"cannot list folder: {err.strerror or err}") from err
    for entry in entries:
        if entry.name.startswith("."):
            log.debug("skipping hidden %s", entry.path)
        elif entry.is_dir():
            yield from _walk(entry.path, seen)
        elif Path(entry.name).suffix.lower() in SUFFIXES:
            yield entry.path
        else:
            log.debug("skipping %s: not one of %s", entry.path, " ".join(SUFFIXES))
