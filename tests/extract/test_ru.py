"""extract/ru.py (with ru_morph, ru_dates, ru_lex): names in the nominative, each cue on
sentences we wrote, the dev-ru article end to end, and the dev-ru gold score.

The sentences here are ours; their films and people are made up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.extract import ru, ru_dates, ru_lex
from reelgraph.extract.ru_morph import name_stem, nominative_title, nominative_word
from reelgraph.model import Document, Extraction

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DEV_RU = SHARED / "corpus" / "dev-ru"
RED_SILK_RU = DEV_RU / "krasny-shelk-pekin.txt"


def run(text: str, published: str | None = "2025-10-20") -> Extraction:
    return ru.extract(Document(source="mine.txt", text=text, language="ru", published=published))


def names(ex: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in ex.entities}


def facts(ex: Extraction) -> set[tuple]:
    """(subject, predicate, object) with names (or literal values) for easy asserts."""
    n = names(ex)
    return {(n[f.subject], f.predicate, n[f.object.entity] if f.object.entity else f.object.value)
            for f in ex.facts}


def fact(ex: Extraction, subject: str, predicate: str, obj: str):
    n = names(ex)
    for f in ex.facts:
        o = n[f.object.entity] if f.object.entity else f.object.value
        if n[f.subject] == subject and f.predicate == predicate and o == obj:
            return f
    return None


def entity(ex: Extraction, name: str):
    return next(e for e in ex.entities if e.name == name)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("word, case, gender, expected", [
    ("Андрея", "Gen", "Masc", "Андрей"),
    ("Петровым", "Ins", "Masc", "Петров"),
    ("Марине", "Dat", "Fem", "Марина"),
    ("Соколовой", "Dat", "Fem", "Соколова"),
    ("Глинского", "Gen", "Masc", "Глинский"),     # adjectival surname
    ("Миной", "Ins", "Fem", "Мина"),
    ("Вэя", "Gen", "Masc", "Вэй"),                 # Chinese given name pymorphy does not know
    ("Цзуном", "Ins", "Masc", "Цзун"),
    ("Шаня", "Gen", "Masc", "Шань"),
    ("Ли", "Gen", "Masc", "Ли"),                   # indeclinable
    ("Зотов", "Nom", "Masc", "Зотов"),
])
def test_nominative_word(word: str, case: str, gender: str, expected: str) -> None:
    assert nominative_word(word, case, gender) == expected


@pytest.mark.parametrize("title, expected", [
    ("Белого тигра", "Белый тигр"),
    ("Золотой рыбке", "Золотая рыбка"),
    ("Тихих вечеров над рекой", "Тихие вечера над рекой"),   # genitive complement stays
    ("Дорогах, или Долгой истории странствий", "Дороги, или Долгая история странствий"),
    ("Последний катер", "Последний катер"),                     # already nominative
    ("Высших курсах", "Высших курсах"),                         # no stem-changing «высочайшие»
    ("Казанском международном кинофестивале", "Казанский международный кинофестиваль"),
    ("Байкало-Амурском экспрессе", "Байкало-Амурский экспресс"),   # a compound adjective read as a name
])
def test_nominative_title(title: str, expected: str) -> None:
    assert nominative_title(title) == expected


def test_name_stem_joins_case_forms() -> None:
    assert name_stem("Зотовым") == name_stem("Зотова") == name_stem("Зотов")
    assert name_stem("Гусев") != name_stem("Гусак")


def test_inflected_title_and_person_forms_join_one_entity() -> None:
    ex = run("Премьера «Белого тигра» Сергея Орешина прошла в Казани.\n\n"
             "Фильм «Белый тигр» снял Сергей Орешин. С Орешиным работал оператор Илья Сорин.")
    film = entity(ex, "Белый тигр")
    assert film.type == "Film" and "Белого тигра" in film.aliases
    director = entity(ex, "Сергей Орешин")
    assert {"Сергея Орешина", "Орешиным"} <= set(director.aliases)
    for m in director.mentions:
        assert ex.document.text[m.start:m.end] == m.text


def test_chinese_names_declined_in_russian() -> None:
    ex = run("Фильм «Дальний берег» режиссёра Чжан Вэя вышел в прокат. В главной роли снялся Ли Шань.\n"
             "Картина с Ли Шанем уже собрала много зрителей, а фильм Чжан Вэя хвалят критики.")
    assert "Чжан Вэй" in names(ex).values()
    assert ("Дальний берег", "P57", "Чжан Вэй") in facts(ex)
    shan = entity(ex, "Ли Шань")
    assert "Ли Шанем" in shan.aliases


# ---------------------------------------------------------------- cues

ARTICLE = """Премьера «Белого тигра» Сергея Орешина прошла в Казани

Во вторник, 14 октября 2025 года, в казанском кинотеатре «Родина» состоялась премьера российской военной драмы «Белый тигр» режиссёра Сергея Орешина. Главную роль, капитана Дмитрия Фролова, сыграл Павел Зотов. Марина Соколова исполнила роль связистки Анны Крыловой, а Игорь Лаптев – в роли майора Петра Гусева. В картине также заняты Ольга Белова и Андрей Ким.

Продюсер фильма – Николай Ершов. Сценарий написала Вера Носова, музыку к фильму сочинил композитор Антон Гринев, оператором выступил Илья Сорин. Съёмки проходили в Карелии.

Производством картины занималась компания «Северный ветер». В широкий прокат по всей России фильм выйдет 23 октября. Кассовые сборы первого уик-энда составили 120 млн рублей.

Зотову роль Фролова принесла премию «Ника». Генеральный директор компании «Северный ветер» Олег Малинин рассказал, что продюсеры планируют показать фильм в Китае 5 декабря.
"""


@pytest.fixture(scope="module")
def article() -> Extraction:
    return run(ARTICLE, published=None)


def test_director_cue(article: Extraction) -> None:
    assert ("Белый тигр", "P57", "Сергей Орешин") in facts(article)


@pytest.mark.parametrize("actor, role", [
    ("Павел Зотов", "Дмитрий Фролов"),      # «Главную роль, X, сыграл Y»
    ("Марина Соколова", "Анна Крылова"),    # «исполнила роль»
    ("Игорь Лаптев", "Пётр Гусев"),         # «, а X – в роли Y»
])
def test_cast_with_role(article: Extraction, actor: str, role: str) -> None:
    f = fact(article, "Белый тигр", "P161", actor)
    assert f is not None
    assert names(article)[f.qualifiers["P453"].entity] == role
    assert entity(article, role).type == "Character"


def test_ensemble_cast(article: Extraction) -> None:
    assert {("Белый тигр", "P161", "Ольга Белова"), ("Белый тигр", "P161", "Андрей Ким")} <= facts(article)


@pytest.mark.parametrize("predicate, person", [
    ("P162", "Николай Ершов"), ("P58", "Вера Носова"), ("P86", "Антон Гринев"), ("P344", "Илья Сорин"),
])
def test_crew_cues(article: Extraction, predicate: str, person: str) -> None:
    assert ("Белый тигр", predicate, person) in facts(article)


def test_premiere_release_box_office(article: Extraction) -> None:
    premiere = fact(article, "Белый тигр", "P1191", "2025-10-14")
    assert premiere is not None and names(article)[premiere.qualifiers["P276"].entity] == "Родина"
    release = fact(article, "Белый тигр", "P577", "2025-10-23")   # year from the weekday-checked premiere date
    assert release is not None and names(article)[release.qualifiers["P291"].entity] == "Россия"
    money = fact(article, "Белый тигр", "P2142", "120000000")
    assert money is not None and money.object.unit == "RUB"


def test_company_origin_filming_award_officer(article: Extraction) -> None:
    got = facts(article)
    assert ("Белый тигр", "P272", "Северный ветер") in got
    assert ("Белый тигр", "P495", "Россия") in got
    assert ("Белый тигр", "P915", "Карелия") in got
    assert ("Павел Зотов", "P166", "Ника") in got
    assert ("Северный ветер", "P169", "Олег Малинин") in got


def test_planned_release_is_not_a_fact(article: Extraction) -> None:
    assert not any(f.predicate == "P577" and f.object.value.endswith("12-05") for f in article.facts)


def test_evidence_and_confidence(article: Extraction) -> None:
    text = article.document.text
    for f in article.facts:
        assert 0.0 <= f.confidence <= 1.0
        for ev in f.evidence:
            assert text[ev.start:ev.end] == ev.text


def test_nomination_is_not_an_award() -> None:
    ex = run("Актриса Ирма Белова номинирована на премию «Золотой орёл» за фильм «Ночной поезд».")
    assert not any(f.predicate == "P166" for f in ex.facts)


def test_honorary_title_and_employer() -> None:
    ex = run("Народный артист России Пётр Гаврилов скончался в Москве.\n"
             "Гаврилов служил в театре «Сфера», а в кино прославился ролью в фильме «Долгий путь».")
    assert ("Пётр Гаврилов", "P166", "народный артист россии") in {(a, b, c.casefold()) for a, b, c in facts(ex)}
    assert ("Долгий путь", "P161", "Пётр Гаврилов") in facts(ex)


def test_festival_event_dates_places_and_chair() -> None:
    ex = run("Фестиваль «Северное сияние – 2024» прошёл в Архангельске\n\n"
             "Фестиваль «Северное сияние – 2024», который с 3 по 9 марта проходил в Архангельске и Апатитах, "
             "открыла драма «Полярная ночь».\nПрезидент фестиваля Анна Гурова наградила победителей.")
    got = facts(ex)
    event = next(e.name for e in ex.entities if e.type == "Event")
    assert (event, "P580", "2024-03-03") in got
    assert (event, "P582", "2024-03-09") in got
    assert (event, "P276", "Архангельск") in got
    assert ("Полярная ночь", "P5072", event) in got
    assert (event, "P488", "Анна Гурова") in got


def test_organisation_chair() -> None:
    ex = run("На премьере выступил председатель совета директоров компании «Восход» Игорь Лебедев.")
    assert ("Восход", "P488", "Игорь Лебедев") in facts(ex)


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("text, expected", [
    ("В четверг, 4 сентября, состоялся показ. Фестиваль – 2025 продлится неделю.", (2025, "weekday")),
    ("26 декабря, за несколько дней до наступления 2031 года, фильм вышел.", (2030, "наступлени")),
    ("В первый день наступившего года Дракона фильм вышел в прокат.", (2024, "Дракона")),
    ("Москва, 3 марта 2022 года. Вчера прошла премьера.", (2022, "reference")),
])
def test_year_inference(text: str, expected: tuple[int, str]) -> None:
    lex = ru_lex.lexicon()
    ref = ru_dates.reference_of(text, lex)
    year, how = ru_dates.infer_year(text, ru_dates.find_dates(text, lex, ref), lex, ref, today=dt.date(2026, 1, 1))
    assert year == expected[0] and expected[1] in how


def test_date_shapes() -> None:
    lex = ru_lex.lexicon()
    found = {d.text: d for d in ru_dates.find_dates("с 1 по 12 сентября 2025 года; в 1927 году; 20 февраля; "
                                                     "в сентябре; вчера; в прошлом году", lex, "2025-10-20")}
    rng = found["с 1 по 12 сентября 2025 года"]
    assert (rng.iso(), rng.end_iso()) == ("2025-09-01", "2025-09-12")
    assert found["1927"].iso() == "1927"
    assert found["20 февраля"].iso(2025) == "2025-02-20"
    assert found["в сентябре"].iso(2025) == "2025-09"
    assert found["вчера"].iso() == "2025-10-19"
    assert found["в прошлом году"].iso() == "2024"


# ---------------------------------------------------------------- data files

def test_bad_cue_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "ru_cues.tsv"
    bad.write_text("# comment\nfilm_noun\tфильм\nno_such_group\tслово\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"ru_cues.tsv:3: unknown cue group"):
        ru_lex.load_cues(bad)


def test_bad_place_type_is_a_pattern_error(tmp_path: Path) -> None:
    bad = tmp_path / "ru_places.tsv"
    bad.write_text("Тула\tTown\t\tтульский\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r":1: type must be"):
        ru_lex.load_places(bad)


def test_shipped_lexicon_loads() -> None:
    lex = ru_lex.lexicon()
    assert "режиссер" in lex.words("director_noun")
    assert lex.adjectives["китайский"].name == "Китай"


# ---------------------------------------------------------------- shared dev articles

def _read(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return Document(source=path.name, text=text, language="ru", title=text.split("\n", 1)[0])


@pytest.mark.skipif(not RED_SILK_RU.exists(), reason="shared/ is not beside the checkout")
def test_red_silk_beijing_end_to_end() -> None:
    ex = ru.extract(_read(RED_SILK_RU))
    got = facts(ex)
    film = "Красный шёлк"
    assert (film, "P57", "Андрей Волгин") in got
    assert (film, "P1191", "2025-09-04") in got
    assert (film, "P577", "2025-09-06") in got and (film, "P577", "2025-02-20") in got
    assert {(film, "P495", "Россия"), (film, "P495", "Китай")} <= got
    assert ("China Film Group", "P488", "Фу Жоцин") in got
    role = fact(ex, film, "P161", "Милош Бикович")
    assert role is not None and names(ex)[role.qualifiers["P453"].entity] == "Николай Гарин"
    bikovic = entity(ex, "Милош Бикович")
    assert {"Милошем Биковичем", "Биковичу"} <= set(bikovic.aliases)
    for e in ex.entities:
        for m in e.mentions:
            assert ex.document.text[m.start:m.end] == m.text


@pytest.mark.skipif(not DEV_RU.exists(), reason="shared/ is not beside the checkout")
def test_dev_ru_gold_score() -> None:
    from reelgraph.evaluate import evaluate

    report = evaluate(SHARED / "gold" / "dev-ru", [ru.extract(_read(p)) for p in sorted(DEV_RU.glob("*.txt"))])
    p, r, f1 = report.total.prf()
    assert f1 >= 0.85, report.render(verbose=True)


# ---------------------------------------------------------------- more cues, each on its own sentences

def test_rumoured_casting_is_dropped_but_a_plot_may_is_not() -> None:
    ex = run("Фильм «Стеклянный город» снимает Антон Рыбин.\n"
             "По неподтверждённым данным, на роль злодея во второй части рассматривают Павла Крылова.\n"
             "Главную роль – инженера, который может видеть будущее, – исполнил Глеб Сорокин.")
    got = facts(ex)
    assert ("Стеклянный город", "P161", "Павел Крылов") not in got
    assert ("Стеклянный город", "P161", "Глеб Сорокин") in got


def test_award_won_by_a_film_through_a_participle() -> None:
    ex = run("Ранее Антон Рыбин снял драму «Долгая зима» (2019), получившую премию «Белый слон».")
    got = facts(ex)
    assert ("Долгая зима", "P166", "Белый слон") in got
    assert ("Долгая зима", "P577", "2019") in got
    assert ("Долгая зима", "P57", "Антон Рыбин") in got


def test_award_name_before_a_surname_is_a_person() -> None:
    ex = run("В фильме «Тихий порт» роль капитана досталась Оскару Ривасу.")
    assert ("Тихий порт", "P161", "Оскар Ривас") in facts(ex)


def test_adaptation_title_is_a_film_and_case_forms_join() -> None:
    ex = run("Игорь Лапин сыграет в экранизации «Сада у моря»\n\n"
             "Студия объявила состав экранизации романа «Сад у моря». Режиссёром картины станет Олег Дымов.")
    film = entity(ex, "Сад у моря")
    assert film.type == "Film" and "Сада у моря" in film.aliases
    assert ("Сад у моря", "P57", "Олег Дымов") in facts(ex)


def test_company_credits_and_posts() -> None:
    ex = run("Фильм «Горная тропа» вышел на экраны 3 марта 2024 года. Картину выпустила в прокат компания "
             "«Вершина Дистрибуция», производством занималась студия «Кедр».\n"
             "Генеральный продюсер студии «Кедр» Павел Громов рассказал о планах.")
    got = facts(ex)
    assert ("Горная тропа", "P750", "Вершина Дистрибуция") in got
    assert ("Горная тропа", "P272", "Кедр") in got
    assert ("Горная тропа", "P162", "Павел Громов") not in got


def test_genre_and_person_article_cast() -> None:
    ex = run("Умер актёр Семён Грачёв\n\nСемён Грачёв родился в Туле. Широкую известность ему принесла роль "
             "в исторической драме «Северный путь». Также он играл в «Зимней рыбалке» Ивана Орешина.")
    got = facts(ex)
    assert ("Северный путь", "P161", "Семён Грачёв") in got
    assert ("Северный путь", "P136", "историческая драма") in got
    assert {("Зимняя рыбалка", "P161", "Семён Грачёв"), ("Зимняя рыбалка", "P57", "Иван Орешин")} <= got


def test_reference_date_is_reported() -> None:
    ex = run("Москва, 3 марта 2025 года. Вчера в кинотеатре «Заря» прошла премьера фильма «Ветер».", published=None)
    assert ex.document.reference_date == "2025-03-03" and ex.document.reference_how == "dateline"
    assert ("Ветер", "P1191", "2025-03-02") in facts(ex)


def test_both_films_and_the_film_of_the_sentence_before() -> None:
    ex = run("Умер режиссёр Лев Сомов\n\nСомов снял драму «Серые ночи» (1978). Следующей его работой стал "
             "«Последний катер» (1985). Сценарий обоих фильмов Сомов написал вместе с Юрием Гладковым.\n"
             "Первое место занял фильм «Пятый двор». Картина снималась в Твери.")
    got = facts(ex)
    assert ("Последний катер", "P57", "Лев Сомов") in got
    for film in ("Серые ночи", "Последний катер"):
        assert {(film, "P58", "Лев Сомов"), (film, "P58", "Юрий Гладков")} <= got
    assert ("Пятый двор", "P915", "Тверь") in got


WIKINEWS = SHARED / "data" / "ru-wikinews-film"


@pytest.mark.skipif(not WIKINEWS.exists(), reason="shared/ is not beside the checkout")
def test_ru_wikinews_gold_score() -> None:
    """Real Wikinews obituaries and screenings: the harder, outside Russian set."""
    from reelgraph.evaluate import evaluate

    report = evaluate(WIKINEWS / "gold", [ru.extract(_read(p)) for p in sorted((WIKINEWS / "corpus").glob("*.txt"))])
    p, r, f1 = report.total.prf()
    assert f1 >= 0.75 and p >= 0.9, report.render(verbose=True)


def test_role_named_by_an_earlier_apposition() -> None:
    ex = run("В комедии «Старый двор» режиссёр Павел Ильин рассказывает о соседях. Сторож Пётр Кузьмич "
             "находит клад.\nСторожа сыграл Семён Вилков, а режиссёра Ильина в кадре нет.")
    f = fact(ex, "Старый двор", "P161", "Семён Вилков")
    assert f is not None and names(ex)[f.qualifiers["P453"].entity] == "Пётр Кузьмич"
    assert entity(ex, "Павел Ильин").type == "Person"


@pytest.mark.parametrize("first, surname, case, expected", [
    ("Нелли", "Громову", "Acc", "Нелли Громова"),        # a female first name makes the surname female
    ("Игорем", "Ясным", "Ins", "Игорь Ясный"),     # adjectival surname pymorphy reads as an adjective
    ("Ольгу", "Лебедянскую", "Acc", "Ольга Лебедянская"),
])
def test_person_names_in_context(first: str, surname: str, case: str, expected: str) -> None:
    verb = {"Acc": "Роль сыграла", "Ins": "Сценарий написан вместе с"}[case]
    ex = run(f"{verb} {first} {surname}.\nФильм «Тихий сад» вышел в прокат.")
    assert expected in names(ex).values()


def test_place_in_the_locative_agrees_with_its_adjective() -> None:
    assert nominative_title("Песчаной косе") == "Песчаная коса"


def _resolutions(ex: Extraction) -> dict[tuple, str]:
    n = names(ex)
    return {(n[f.subject], f.predicate, f.object.value): f.qualifiers["rg:date_resolution"].value
            for f in ex.facts if "rg:date_resolution" in f.qualifiers}


def test_date_facts_say_how_their_year_was_found() -> None:
    ex = run("Фильм «Тихий берег» выходит в прокат 4 сентября 2025 года.")
    assert _resolutions(ex) == {("Тихий берег", "P577", "2025-09-04"): "explicit"}
    ex = run("Фильм «Тихий берег» выходит в прокат 4 сентября.", published="2025-08-20")
    assert _resolutions(ex) == {("Тихий берег", "P577", "2025-09-04"): "year from publication date 2025-08-20"}
    ex = run("Фильм «Тихий берег» выходит в прокат 4 сентября.", published=None)
    assert _resolutions(ex) == {}          # no year at all: no date, nothing to qualify
    ex = run("Фильм «Тихий берег» покажут на фестивале «Осень – 2025». "
             "Фильм «Тихий берег» выходит в прокат 4 сентября.", published=None)
    assert _resolutions(ex) == {("Тихий берег", "P577", "2025-09-04"):
                                "year inferred from text: 2025 (year in an event name)"}
    # a qualifier only: each fact once
    assert len(ex.facts) == len({(f.subject, f.predicate, f.object) for f in ex.facts})


def test_cross_years_of_culture_are_an_event_and_a_train_is_no_region() -> None:
    ex = run("Во вторник в казанском кинотеатре «Заря» прошла премьера фильма «Тихий берег». "
             "Фильм «Тихий берег» стал одним из проектов перекрёстных Годов культуры Франции и Индии 2026–2027.")
    ev = entity(ex, "Годы культуры Франции и Индии 2026–2027")
    assert ev.type == "Event" and ev.aliases == ["Годов культуры Франции и Индии 2026–2027"]
    # a programme of years is held nowhere in particular: no venue or city of the article goes to it
    assert not [f for f in ex.facts if f.subject == ev.id and f.predicate == "P276"]
    ex = run("Действие фильма «Тихий берег» разворачивается в Восточном экспрессе, идущем через Европу.")
    assert entity(ex, "Восточный экспресс").type == "Other"


@pytest.mark.parametrize("word, case, expected", [
    ("Хэндяне", "Loc", "Хэндянь"),      # a Chinese name spells its syllable only with the soft sign
    ("Шанхае", "Loc", "Шанхай"),        # a vowel before the ending: a soft stem
    ("Пекине", "Loc", "Пекин"),
    ("Берлине", "Loc", "Берлин"),
])
def test_place_nominative_keeps_a_lost_soft_sign(word: str, case: str, expected: str) -> None:
    assert nominative_word(word, case, None, name_like=False) == expected


def test_a_country_inside_an_event_name_is_a_mention_of_that_country() -> None:
    ex = run("Фильм «Тихий берег» покажут во Франции. Он стал одним из проектов перекрёстных "
             "Годов культуры России и Франции 2026–2027.")
    france = entity(ex, "Франция")
    assert "Франции" in france.aliases and len(france.mentions) == 2
    assert entity(ex, "Годы культуры России и Франции 2026–2027").type == "Event"
