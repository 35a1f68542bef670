"""reelgraph.read: files, folders, bytes and standard input into Documents."""

from __future__ import annotations

import importlib.util
import io
import sys
import types
from pathlib import Path

import pytest

from reelgraph.errors import InputError, UsageError
from reelgraph.read import MAX_BYTES, iter_paths, read_bytes, read_path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"

RU = "Премьера фильма «Тестовый свет» состоялась в Москве. Режиссёр рассказал журналистам о съёмках.\n"
ZH = "电影《测试之光》在北京举行首映礼。导演向记者介绍了拍摄过程。\n"
FR = ("Le film « Amélie » a été présenté au festival de Cannes, où la réalisatrice a reçu un prix. "
      "Les critiques étaient très élogieuses.\n") * 3
EN = "The premiere of the film was held in a cinema downtown. The director spoke to reporters about the shoot.\n"


def _validate_module() -> types.ModuleType:
    """The contract's own reader, so our offsets are checked against it."""
    spec = importlib.util.spec_from_file_location("shared_validate", SHARED / "tools" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shared_dev_documents_read_as_validate_reads_them():
    read_text = _validate_module().read_text
    paths = sorted((SHARED / "corpus").rglob("*.txt"))
    assert paths, "shared corpus not found beside the checkout"
    for path in paths:
        doc = read_path(str(path))
        assert doc.text == read_text(str(path))
        assert doc.source == str(path)
        assert doc.title == next(line.strip() for line in doc.text.split("\n") if line.strip())


def test_language_is_detected_per_document():
    assert read_path(str(SHARED / "corpus" / "dev-ru" / "kholop.txt")).language == "ru"
    assert read_path(str(SHARED / "corpus" / "dev-zh" / "changjinhu.txt")).language == "zh"
    assert read_path(str(SHARED / "corpus" / "dev" / "red-silk-premiere.txt")).language == "en"


def test_bom_and_line_endings_are_normalised_like_the_contract(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfA title\r\n\r\nFirst line.\rSecond line.\r\n")
    doc = read_path(path)
    assert doc.text == "A title\n\nFirst line.\nSecond line.\n"
    assert doc.text == _validate_module().read_text(str(path))
    assert doc.title == "A title"


@pytest.mark.parametrize("text, codec, lang", [(RU * 3, "cp1251", "ru"), (ZH * 3, "gb18030", "zh"),
                                                (ZH + "导演 Andrei Volkov 和 Milos Petrović 出席。" + ZH, "gb18030", "zh"),
                                                (FR, "latin-1", "en")])
def test_other_encodings_are_decoded_when_clear(tmp_path, text, codec, lang):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(text.encode(codec))
    doc = read_path(path)
    assert doc.text == text
    assert doc.language == lang


@pytest.mark.parametrize("data", [
    b"The film opened \x81\x8d\x8f\x90\x9d here \x81\x81\x90\x90 and \x9d\x9d there.",
    b"The film opened \xc3\x28 date \xa0\xa1 and \x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e",
    b"The film opened " + bytes((i * 97 + 131) % 128 + 128 for i in range(80)) + b" there.",
])
def test_undecodable_text_is_refused_naming_the_byte(tmp_path, data):
    path = tmp_path / "mess.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(path)
    assert err.value.path == str(path)
    assert err.value.problem == "not UTF-8 at byte 16 and no other encoding fits"


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        read_path(tmp_path / "nowhere.txt")


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\xef\xbb\xbf \r\n\t\n")
    with pytest.raises(InputError, match="empty file"):
        read_path(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="only white space"):
        read_path(tmp_path / "blank.txt")


def test_binary_junk_is_refused(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"some text")
    with pytest.raises(InputError, match=r"binary data, not text \(NUL byte at 8\)"):
        read_path(tmp_path / "image.txt")
    with pytest.raises(InputError, match="binary data, not text"):
        read_path(tmp_path / "controls.txt")


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:      # sparse: no 20 MB are written
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="file is 20.0 MB, over the 20 MB limit"):
        read_path(path)
    with pytest.raises(InputError, match="over the 20 MB limit"):
        read_bytes(b"x" * (MAX_BYTES + 1), "upload")


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_lang_overrides_detection_and_is_checked():
    assert read_bytes(EN.encode(), "a.txt", lang="ru").language == "ru"
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        read_bytes(EN.encode(), "a.txt", lang="fr")


PAGE = """<!DOCTYPE html><html><head><title>Premiere night | Film Desk</title>
<meta property="article:published_time" content="2025-09-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Premiere night</h1>
<p>The premiere of the new spy film was held at a large cinema in the capital on Thursday evening.</p>
<p>The film opens across the country on Saturday, its distributor said in a statement.</p></article>
<footer>Copyright notice and a cookie banner</footer></body></html>"""


def test_html_file_gives_article_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_path(path)
    assert "The premiere of the new spy film was held" in doc.text
    assert "Copyright" not in doc.text and "About" not in doc.text
    assert doc.title == "Premiere night"
    assert doc.published == "2025-09-05"
    assert doc.reference_date == "2025-09-05" and doc.reference_how == "HTML metadata"
    assert doc.language == "en"


def test_html_is_sniffed_from_bytes_and_can_be_forced_off():
    assert "spy film" in read_bytes(PAGE.encode(), "upload").text
    assert read_bytes(PAGE.encode(), "upload", html=False).text.startswith("<!DOCTYPE html>")


def test_html_without_article_body_is_refused(tmp_path):
    path = tmp_path / "nav.htm"
    path.write_text("<html><head><title>Menu</title></head><body><nav>Home | About</nav></body></html>")
    with pytest.raises(InputError, match="HTML page has no article body"):
        read_path(path)


def test_plain_text_dateline_becomes_published():
    doc = read_bytes(("Premiere night\nMOSCOW, September 5, 2025 — " + EN).encode(), "a.txt")
    assert doc.published == "2025-09-05"
    assert doc.reference_how == "dateline"
    assert read_bytes(EN.encode(), "b.txt").published is None


def test_dash_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RU.encode("utf-8"))))
    doc = read_path("-")
    assert doc.source == "<stdin>"
    assert doc.text == RU and doc.language == "ru"


def test_iter_paths_walks_folders_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(EN)
    (tmp_path / "b" / "a.HTML").write_text(PAGE)
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text(EN)
    (tmp_path / "c.txt").write_text(EN)
    single = tmp_path / "b" / "z.md"
    found = list(iter_paths([str(tmp_path), "-", single]))
    assert [Path(p).relative_to(tmp_path).as_posix() if p != "-" else p for p in found] == [
        "a.txt", "b/a.HTML", "b/z.md", "c.txt", "-", "b/z.md"]


def test_iter_paths_is_lazy_and_raises_on_a_missing_path_when_reached(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    paths = iter_paths([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    assert isinstance(paths, types.GeneratorType)
    assert next(paths) == str(tmp_path / "a.txt")
    with pytest.raises(InputError, match="missing.txt: no such file or directory"):
        next(paths)


def test_iter_paths_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "loop").symlink_to(tmp_path)
    assert list(iter_paths([tmp_path])) == [str(tmp_path / "a.txt")]


def test_utf16_with_its_byte_order_mark(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(RU.encode("utf-16"))
    doc = read_path(path)
    assert doc.text == RU and doc.language == "ru"
