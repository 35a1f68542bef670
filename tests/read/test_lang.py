"""reelgraph.read.lang: en, ru or zh."""

from reelgraph.read.lang import SAMPLE_CHARS, detect_language


def test_three_languages():
    assert detect_language("The film premieres in Moscow on Tuesday.") == "en"
    assert detect_language("Премьера фильма состоится во вторник в Москве.") == "ru"
    assert detect_language("这部电影将于周二在莫斯科首映。") == "zh"


def test_names_in_latin_letters_do_not_make_chinese_english():
    assert detect_language("《海港之光》由Marta Quinlan执导，Daniel Ostrow主演，9月6日全国上映。") == "zh"


def test_nothing_to_tell_is_english():
    assert detect_language("2025 - 09 - 05 ... 123") == "en"
    assert detect_language("") == "en"


def test_only_the_opening_is_read():
    text = "The film premieres in Moscow on Tuesday. " * (SAMPLE_CHARS // 20) + "这部电影将于周二在莫斯科首映。" * 500
    assert detect_language(text) == "en"
