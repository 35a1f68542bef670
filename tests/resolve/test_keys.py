"""Blocking keys: spellings of one name meet across scripts; different kinds never meet."""

from __future__ import annotations

import pytest

from reelgraph.errors import PatternError
from reelgraph.resolve import keys
from reelgraph.resolve.keys import blocking_keys, readings, skeleton

# From the product brief: one actor as the three languages write him.
BIKOVIC = [("Milos Bikovic", "en"), ("Milos Bykovic", "en"), ("Miloš Biković", "en"),
           ("Милош Бикович", "ru"), ("Милошем Биковичем", "ru"), ("米洛斯·比科维奇", "zh")]
SURNAMES = [("Bikovic", "en"), ("Бикович", "ru"), ("比科维奇", "zh")]


def test_latin_and_cyrillic_spellings_share_the_full_name_key() -> None:
    key = "person:n:bikovic milos"
    for name, lang in BIKOVIC[:5]:
        assert key in blocking_keys([name], "Person", lang), name


def test_chinese_transliteration_meets_on_the_skeleton() -> None:
    latin = blocking_keys(["Milos Bikovic"], "Person", "en")
    chinese = blocking_keys(["米洛斯·比科维奇"], "Person", "zh")
    assert "person:s:mrs pkfc" in latin & chinese


def test_surname_alone_shares_the_surname_key_with_every_full_form() -> None:
    for name, lang in SURNAMES:
        lone = blocking_keys([name], "Person", lang)
        for full, flang in BIKOVIC:
            assert lone & blocking_keys([full], "Person", flang), (name, full)


def test_russian_case_endings_are_stripped() -> None:
    nominative = readings("Андрей Соколов", "Person", "ru")[0].tokens
    assert readings("Андрея Соколова", "Person", "ru")[0].tokens == nominative
    assert readings("Андреем Соколовым", "Person", "ru")[0].tokens == nominative
    assert readings("Andrei Sokolov", "Person", "en")[0].tokens == nominative
    assert readings("Andrey Sokolov", "Person", "en")[0].tokens == nominative


def test_russian_spelling_of_a_chinese_name_reads_as_pinyin() -> None:
    # Palladius: Чжан Ивэнь is Zhang Yiwen; 张一文 is written with a common surname first
    pinyin = {r.tokens for r in readings("Чжан Ивэнь", "Person", "ru") if r.source == "palladius"}
    latin = {r.tokens for r in readings("Zhang Yiwen", "Person", "en")}
    han = {r.tokens for r in readings("张一文", "Person", "zh") if r.source == "pinyin"}
    assert pinyin & latin & han


def test_a_chinese_name_gives_surname_keys_for_both_ends() -> None:
    lone = blocking_keys(["Zhang"], "Person", "en")
    assert lone & blocking_keys(["张一文"], "Person", "zh")
    assert lone & blocking_keys(["Zhang Yiwen"], "Person", "en")


def test_type_family_keeps_a_person_from_a_city() -> None:
    person = blocking_keys(["Paris"], "Person", "en")
    city = blocking_keys(["Paris"], "City", "en")
    assert person and city and not person & city
    assert all(k.startswith("person:") for k in person)


def test_gazetteer_joins_names_that_are_not_transliterations() -> None:
    forms = [("Beijing", "en"), ("Пекине", "ru"), ("北京", "zh")]
    for name, lang in forms:
        assert "place:g:beijing" in blocking_keys([name], "City", lang), name


def test_generic_words_are_dropped_or_translated() -> None:
    # "Lake X", "озеро X" and "X湖" read alike; "New" is the same modifier in all three
    lake = {r.tokens for r in readings("Lake Tana", "Region", "en")}
    assert lake == {("tan",)}
    assert ("tan",) in {r.tokens for r in readings("озеро Тана", "Region", "ru")}
    assert readings("New Town", "Other", "en")[0].tokens == ("new", "tovn")


def test_keys_stay_few_per_name() -> None:
    for name, lang in BIKOVIC + SURNAMES:
        assert len(blocking_keys([name], "Person", lang)) <= 8, name


def test_skeleton_ignores_vowels_and_voicing() -> None:
    assert skeleton("bikovic") == skeleton("pikofic") == "pkfc"
    assert skeleton("volgin") == skeleton("forkin")


def test_bad_gazetteer_line_names_file_and_line(tmp_path, monkeypatch) -> None:
    (tmp_path / "translit_zh_chars.tsv").write_text("# comment\n克\tk\nnot-a-char\n", encoding="utf-8")
    monkeypatch.setattr(keys, "GAZETTEERS", tmp_path)
    keys._zh_chars.cache_clear()
    try:
        with pytest.raises(PatternError) as err:
            keys._zh_chars()
        assert err.value.line == 3 and "translit_zh_chars.tsv" in err.value.path
    finally:
        keys._zh_chars.cache_clear()


def test_country_names_and_demonyms_share_the_gazetteer_key() -> None:
    # countries.tsv (the extraction side's gazetteer) gives English, demonym, Russian and Chinese forms
    for name, lang in [("France", "en"), ("French", "en"), ("Франции", "ru"), ("法国", "zh")]:
        assert "place:g:france" in blocking_keys([name], "Country", lang), name


def test_declined_palladius_place_keeps_its_lost_soft_sign() -> None:
    # Далянь (Dalian) is "в Даляне" in a sentence: the ь goes, the pinyin must not change
    key = "place:n:dalian"
    for name, lang in [("Далянь", "ru"), ("Даляне", "ru"), ("大连", "zh"), ("Dalian", "en")]:
        assert key in blocking_keys([name], "City", lang), name


def test_names_made_of_generic_words_read_alike_in_translation() -> None:
    # generic words (party, communist, a month, cinema) from translit_words.tsv, places from the gazetteer
    for name, lang in [("Communist Party of France", "en"), ("Коммунистической партии Франции", "ru"),
                       ("法国共产党", "zh")]:
        got = [r.tokens for r in readings(name, "Organization", lang) if r.source == keys.TRANSLATED]
        assert got == [("communist", "france", "party")], name
    for name, lang in [("Oktyabr", "en"), ("Октябре", "ru"), ("“十月”影院", "zh")]:
        assert "org:n:october" in blocking_keys([name], "Venue", lang), name


def test_a_name_with_an_unknown_word_has_no_translated_reading() -> None:
    assert not [r for r in readings("Communist Party of Narnia", "Organization", "en")
                if r.source == keys.TRANSLATED]


def test_place_like_types_share_keys_but_people_do_not() -> None:
    venue = blocking_keys(["Lake Tana"], "Venue", "en")
    assert "place:n:tan" in venue and "place:n:tan" in blocking_keys(["озеро Тана"], "Region", "ru")
    assert not any(k.startswith("place:") for k in blocking_keys(["Tana"], "Person", "en"))


def test_merged_type_does_not_depend_on_order() -> None:
    for a, b in [("Venue", "City"), ("City", "Region"), ("Other", "Region"), ("Organization", "Venue")]:
        assert keys.merged_type(a, b) == keys.merged_type(b, a)
    assert keys.merged_type("Other", "Region") == "Region"
    assert keys.merged_type("Venue", "Organization") == "Venue"


def test_combining_forms_and_concepts_translate_and_years_stay_apart() -> None:
    # name_words.tsv: one Chinese character for a country (法, 印), Russian compounds (транс-)
    want = ("culture", "france", "india", "year")
    for name, lang in [("France-India Year of Culture 2026", "en"), ("Годы культуры Франции и Индии 2026", "ru"),
                       ("法印文化年", "zh")]:
        [r] = [r for r in readings(name, "Event", lang) if r.source == keys.TRANSLATED]
        assert r.tokens == want, name
        assert r.years == (() if lang == "zh" else ("2026",))
        assert "event:n:culture france india year" in blocking_keys([name], "Event", lang)
    for name, lang in [("Trans-Siberian Railway", "en"), ("Транссибирская магистраль", "ru"), ("西伯利亚铁路", "zh")]:
        assert [r.tokens for r in readings(name, "Other", lang) if r.source == keys.TRANSLATED] == [("rail", "siberia")]


def test_bad_name_words_line_names_file_and_line(tmp_path, monkeypatch) -> None:
    for f in keys.GAZETTEERS.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "name_words.tsv").write_text("# c\ta\ten\tru\tzh\nrail\tkeep\trailway\tpoezd\t铁路\n", encoding="utf-8")
    monkeypatch.setattr(keys, "GAZETTEERS", tmp_path)
    keys._concepts.cache_clear()
    try:
        with pytest.raises(PatternError) as err:
            keys._concepts()
        assert err.value.line == 2 and err.value.path.endswith("name_words.tsv") and "not Cyrillic" in err.value.problem
    finally:
        monkeypatch.undo()
        keys._concepts.cache_clear()
