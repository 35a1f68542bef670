"""extract/zh.py: names, cues, dates and whole articles in Chinese.

The sentences here are ones we wrote (made-up films, people and companies);
the whole-article tests read the shared dev set beside the repository.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.evaluate import evaluate
from reelgraph.extract import zh, zh_resources
from reelgraph.extract.zh_dates import chinese_number, find_dates, infer_year
from reelgraph.model import Document, Extraction

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DEV_ZH = SHARED / "corpus" / "dev-zh"


def run(text: str, **kw) -> Extraction:
    return zh.extract(Document(source="test.txt", text=text, language="zh", **kw))


def names(ex: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in ex.entities}


def facts(ex: Extraction) -> set[tuple]:
    """(subject name, predicate, object name or value, qualifiers as sorted name pairs).

    Project qualifiers (rg:date_resolution) are left out; their own tests check them.
    """
    n = names(ex)

    def term(t):
        return n[t.entity] if t.entity else (t.value, t.unit) if t.unit else t.value

    return {(n[f.subject], f.predicate, term(f.object),
             tuple(sorted((k, term(v)) for k, v in f.qualifiers.items() if not k.startswith("rg:"))))
            for f in ex.facts}


def simple(ex: Extraction) -> set[tuple]:
    """Facts without their qualifiers."""
    return {f[:3] for f in facts(ex)}


def entity(ex: Extraction, name: str):
    return next(e for e in ex.entities if e.name == name)


def check_offsets(ex: Extraction) -> None:
    text = ex.document.text
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for f in ex.facts:
        assert f.evidence and 0 <= f.confidence <= 1
        for s in f.evidence:
            assert text[s.start:s.end] == s.text


# --- names ---------------------------------------------------------------------------------------

def test_title_in_brackets_is_a_film_without_the_brackets():
    ex = run("影片《北方的灯塔》今日上映。作家的小说《冰河》也很畅销。")
    assert entity(ex, "北方的灯塔").type == "Film"
    assert entity(ex, "冰河").type == "Other"
    check_offsets(ex)


def test_dotted_name_and_its_forms_join_one_person():
    text = ("《雪原》由俄罗斯导演伊万·彼得罗夫执导，安娜·斯米尔诺娃主演。"
            "安娜斯米尔诺娃饰演女教师玛莎。彼得罗夫表示，拍摄非常艰苦。")
    ex = run(text)
    director = entity(ex, "伊万·彼得罗夫")
    assert director.type == "Person" and "彼得罗夫" in director.aliases
    actress = entity(ex, "安娜·斯米尔诺娃")
    assert "安娜斯米尔诺娃" in actress.aliases
    assert ("雪原", "P161", "安娜·斯米尔诺娃", (("P453", "玛莎"),)) in facts(ex)
    check_offsets(ex)


def test_hyphenated_given_name_and_company_with_its_place():
    ex = run("《远山》由法国导演让-皮埃尔·卢梭执导，卢梭表示满意。影片由云南星河影业出品，星河影业董事长高远致辞。")
    assert "卢梭" in entity(ex, "让-皮埃尔·卢梭").aliases
    assert "星河影业" in entity(ex, "云南星河影业").aliases


def test_dotted_names_next_to_each_other_stay_apart():
    ex = run("丹麦演员卡尔·汉森在片中饰演彼得·拉森。")
    assert {"卡尔·汉森", "彼得·拉森"} <= set(names(ex).values())
    assert entity(ex, "彼得·拉森").type == "Character"


def test_chinese_names_found_by_their_cue():
    ex = run("《远山》由周明远、何立执导，孙晓梅饰演护士林小雨。")
    assert {("远山", "P57", "周明远"), ("远山", "P57", "何立")} <= simple(ex)
    assert ("远山", "P161", "孙晓梅", (("P453", "林小雨"),)) in facts(ex)


def test_quoted_venue_and_suffix_organisations():
    ex = run("《海港》在“曙光”影院举行首映礼。影片由星河影业集团出品，星河影业董事长高远出席。")
    assert entity(ex, "“曙光”影院").type == "Venue"
    org = entity(ex, "星河影业集团")
    assert org.type == "Organization" and "星河影业" in org.aliases
    assert ("星河影业集团", "P488", "高远") in simple(ex)


def test_elected_chair_and_no_organisation_from_a_bare_title():
    ex = run("北方电影协会召开理事会 周明远当选主席\n\n会议选举周明远为北方电影协会主席，王思远为名誉主席。")
    assert ("北方电影协会", "P488", "周明远") in simple(ex)
    assert [e.name for e in ex.entities if e.type == "Organization"] == ["北方电影协会"]
    assert ("北方电影协会", "P488", "王思远") not in simple(ex)


def test_generic_cinemas_are_no_venue():
    ex = run("3月8日，《晨光》在法国各地影院上映。")
    assert not [e for e in ex.entities if e.type == "Venue"]


def test_surname_only_mention_in_headline_joins_full_name():
    ex = run("卡琳娜与高远亮相\n\n演员玛丽亚·卡琳娜饰演记者索尼娅。", reference_date="2024-05-01")
    maria = entity(ex, "玛丽亚·卡琳娜")
    assert "卡琳娜" in maria.aliases and any(m.start == 0 for m in maria.mentions)


# --- one test per cue ------------------------------------------------------------------------------

CUES = [
    ("《远山》由导演周明远执导。", ("远山", "P57", "周明远")),
    ("导演周明远的新作《远山》备受期待。", ("远山", "P57", "周明远")),
    ("《远山》由孙晓梅、何立主演。", ("远山", "P161", "何立")),
    ("《远山》主演为孙晓梅、何立。", ("远山", "P161", "孙晓梅")),
    ("《远山》中，何立扮演一名老兵。", ("远山", "P161", "何立")),
    ("演员孙晓梅也参演了《远山》。", ("远山", "P161", "孙晓梅")),
    ("《远山》由李春华担任制片人。", ("远山", "P162", "李春华")),
    ("《远山》的制片人为李春华。", ("远山", "P162", "李春华")),
    ("《远山》由王思远担任编剧。", ("远山", "P58", "王思远")),
    ("《远山》编剧为王思远。", ("远山", "P58", "王思远")),
    ("《远山》由陈默担任配乐。", ("远山", "P86", "陈默")),
    ("《远山》作曲为陈默。", ("远山", "P86", "陈默")),
    ("《远山》摄影指导为赵一鸣。", ("远山", "P344", "赵一鸣")),
    ("《远山》由远景影业出品。", ("远山", "P272", "远景影业")),
    ("《远山》出品方为“北辰传媒”。", ("远山", "P272", "北辰传媒")),
    ("《远山》由东方院线发行公司发行。", ("远山", "P750", "东方院线发行公司")),
    ("北辰传媒董事长刘长青出席了活动。《远山》上映。", ("北辰传媒", "P488", "刘长青")),
    ("远景影业总经理马骏表示满意。《远山》获好评。", ("远景影业", "P169", "马骏")),
    ("远景影业总经理马骏表示满意。《远山》获好评。", ("马骏", "P108", "远景影业")),
    ("远景影业总裁马骏表示满意。《远山》获好评。", ("远景影业", "P488", "马骏")),
    ("《远山》发行由东方影业负责。", ("远山", "P750", "东方影业")),
    ("《远山》的摄影指导由青年摄影师赵一鸣担任。", ("远山", "P344", "赵一鸣")),
    ("最佳编剧奖由王思远获得。", ("王思远", "P166", "最佳编剧奖")),
    ("评委会大奖授予《远山》。", ("远山", "P166", "评委会大奖")),
    ("周末三天，《远山》以1.2亿元的成绩登顶。", ("远山", "P2142", ("120000000", "CNY"))),
    ("《远山》票房突破新台币8000万元。", ("远山", "P2142", ("80000000", "TWD"))),
    ("他执导的《远山》（1987）广受好评。", ("远山", "P577", "1987")),
    ("他的遗作是2012年的纪录片《远山》。", ("远山", "P577", "2012")),
    ("小演员何立演外孙小虎。《远山》开拍。", ("远山", "P161", "何立")),
    ("演员孙晓梅在片中客串了一位护士。《远山》开拍。", ("远山", "P161", "孙晓梅")),
    ("影片《远山》将于5月1日在星海视频独家上线。", ("远山", "P750", "星海视频")),
    ("影片《远山》的外景拍摄于冰岛。", ("远山", "P915", "冰岛")),
    ("《远山》大部分场景在重庆的摄影棚中完成。", ("远山", "P915", "重庆")),
    ("中法合拍片《远山》杀青。", ("远山", "P495", "法国")),
    ("这部西班牙电影《远山》获得好评。", ("远山", "P495", "西班牙")),
    ("2023年8月2日，悬疑片《远山》在全国上映。", ("远山", "P577", "2023-08-02")),
    ("2023年7月30日晚，《远山》首映礼在上海大光明影城举行。", ("远山", "P1191", "2023-07-30")),
    ("影片《远山》在云南大理取景。", ("远山", "P915", "大理")),
    ("《远山》作为“青年导演展映周”的闭幕影片亮相。", ("远山", "P5072", "青年导演展映周")),
    ("《远山》上映首周票房达2.5亿元。", ("远山", "P2142", ("250000000", "CNY"))),
    ("《远山》北美票房突破1200万美元。", ("远山", "P2142", ("12000000", "USD"))),
    ("《远山》全球票房超过$3亿。", ("远山", "P2142", ("300000000", "USD"))),
    ("孙晓梅凭借《远山》获得最佳女主角奖。", ("孙晓梅", "P166", "最佳女主角奖")),
    ("悬疑片《远山》今日发布海报。", ("远山", "P136", "悬疑片")),
]


@pytest.mark.parametrize("text,fact", CUES, ids=[f"{c[1][1]}-{i}" for i, c in enumerate(CUES)])
def test_cue(text: str, fact: tuple):
    ex = run(text)
    assert fact in simple(ex), sorted(simple(ex))
    check_offsets(ex)


def test_release_nationwide_is_china_and_place_is_qualifier():
    ex = run("2023年8月2日，《远山》在全国上映。2023年9月9日，该片在日本上映。")
    got = facts(ex)
    assert ("远山", "P577", "2023-08-02", (("P291", "中国"),)) in got
    assert ("远山", "P577", "2023-09-09", (("P291", "日本"),)) in got


def test_premiere_venue_with_city():
    ex = run("2023年7月30日晚，《远山》首映礼在上海大光明影城举行。")
    assert ("远山", "P1191", "2023-07-30", (("P131", "上海"), ("P276", "大光明影城"))) in facts(ex)


def test_filming_places_drop_the_province_before_the_town():
    ex = run("影片《远山》在云南大理和青海湖畔取景。")
    got = simple(ex)
    assert ("远山", "P915", "大理") in got and ("远山", "P915", "云南") not in got


def test_festival_places_and_dates():
    ex = run("6月10日至18日，“2023西部电影节”在西安、兰州举行。")
    got = simple(ex)
    assert {("2023西部电影节", "P580", "2023-06-10"), ("2023西部电影节", "P582", "2023-06-18"),
            ("2023西部电影节", "P276", "西安"), ("2023西部电影节", "P276", "兰州")} <= got


def test_ceremony_date_is_not_the_festival_date_and_venue_keeps_its_city():
    ex = run("6月15日晚，第20届海滨国际电影节颁奖典礼在青岛大剧院举行。本届电影节6月9日开幕，6月18日闭幕。",
             reference_date="2024-06-16")
    got = simple(ex)
    assert ("第20届海滨国际电影节", "P276", "青岛大剧院") in got and ("第20届海滨国际电影节", "P276", "青岛") in got
    assert ("第20届海滨国际电影节", "P580", "2024-06-09") in got and ("第20届海滨国际电影节", "P582", "2024-06-18") in got
    assert not [f for f in ex.facts if f.predicate == "P585"]


def test_rumour_and_denial_state_nothing():
    ex = run("网传周明远将执导电影《远山》。对此，远景影业回应称，周明远并未出演该片。", reference_date="2024-01-01")
    assert not ex.facts


def test_role_before_the_actor():
    ex = run("《远山》开机。“老船长”一角由何立出演。")
    assert ("远山", "P161", "何立", (("P453", "老船长"),)) in facts(ex)


def test_planned_release_is_not_stated():
    ex = run("2023年5月1日，出品方计划将《远山》在全国上映。")
    assert not [f for f in ex.facts if f.predicate == "P577"]


def test_forecast_box_office_is_not_stated():
    ex = run("业内人士预计，《远山》的最终票房有望突破12亿元。")
    assert not [f for f in ex.facts if f.predicate == "P2142"]


def test_film_of_a_later_sentence_is_the_last_one_named_in_the_paragraph():
    ex = run("《远山》周末第一。排名第二的是喜剧片《晨光》。这部由何立执导的影片收获5000万元。")
    assert ("晨光", "P57", "何立") in simple(ex)
    assert ("晨光", "P2142", ("50000000", "CNY")) in simple(ex)


def test_traditional_characters_keep_their_own_names():
    ex = run("由導演林思遠執導的國片《海港之夜》於3月8日在台灣上映，陳美華在片中飾演漁夫的女兒阿珠。", reference_date="2024-03-09")
    got = simple(ex)
    assert ("海港之夜", "P57", "林思遠") in got and ("海港之夜", "P577", "2024-03-08") in got
    assert ("海港之夜", "P161", "陳美華", (("P453", "阿珠"),)) in facts(ex)
    check_offsets(ex)


def test_pronoun_is_the_person_named_before():
    ex = run("导演高志远1950年出生于沈阳。1982年，他执导的影片《远山》上映。")
    assert ("远山", "P57", "高志远") in simple(ex)


def test_one_director_of_several_listed_films():
    ex = run("导演高志远先后执导了《远山》（1983）和《近水》（1987）。")
    got = simple(ex)
    assert {("远山", "P57", "高志远"), ("近水", "P57", "高志远"), ("远山", "P577", "1983")} <= got


def test_gloss_ordinal_and_rare_surname_before_a_name():
    ex = run("由周明远（Ming Chow）执导的《远山》今日上映。孙晓梅第三次饰演女排主教练郎小平。")
    got = facts(ex)
    assert ("远山", "P57", "周明远", ()) in got
    assert ("远山", "P161", "孙晓梅", (("P453", "郎小平"),)) in got


def test_title_with_subtitle_is_the_same_film():
    ex = run("《远山2》宣传\n\n影片《远山2：归途》由周明远执导。")
    film = entity(ex, "远山2：归途")
    assert "远山2" in film.aliases


def test_nickname_character_and_full_name_starting_like_one():
    got = facts(run("《远山》开拍。何立饰演刑警老鲁，孙晓梅饰演小女孩武小文。"))
    assert ("远山", "P161", "何立", (("P453", "老鲁"),)) in got
    assert ("远山", "P161", "孙晓梅", (("P453", "武小文"),)) in got


def test_two_films_named_before_share_a_cue():
    ex = run("他执导了《远山》和《近水》。两部影片均由编剧孙国庆担任编剧，摄影师李长河掌镜。")
    got = simple(ex)
    assert {("远山", "P58", "孙国庆"), ("近水", "P58", "孙国庆"), ("远山", "P344", "李长河")} <= got


def test_employer_from_work_place():
    ex = run("高志远1963年毕业后进入长春电影制片厂工作。")
    assert ("高志远", "P108", "长春电影制片厂") in simple(ex)


def test_voice_cast_with_quoted_character():
    ex = run("动画电影《远山》上映。青年演员孙晓梅为小狐狸“阿橙”配音。")
    assert ("远山", "P161", "孙晓梅", (("P453", "阿橙"),)) in facts(ex)


def test_performer_after_a_relative_clause():
    ex = run("最佳女演员奖颁给了在《远山》中饰演歌女阿玲的演员孙晓梅。")
    got = facts(ex)
    assert ("远山", "P161", "孙晓梅", (("P453", "阿玲"),)) in got
    assert ("孙晓梅", "P166", "最佳女演员奖", ()) in got


def test_reported_speech_is_not_modal_but_a_forecast_lead_in_is():
    assert ("远山", "P915", "重庆") in simple(run("导演表示，影片《远山》在重庆取景。"))
    assert not run("业内人士预计，《远山》将于5月1日在全国上映。", reference_date="2024-01-01").facts


def test_count_date_is_not_a_release_date():
    ex = run("截至2023年8月20日，《远山》上映以来票房达3亿元。")
    assert not [f for f in ex.facts if f.predicate == "P577"]


# --- dates ------------------------------------------------------------------------------------------

def test_dates_at_the_precision_given():
    got = [(d.text, d.iso, d.end_iso) for d in find_dates("2025年2月20日与9月6日、5月，9月1日至12日", 2025)]
    assert got == [("2025年2月20日", "2025-02-20", None), ("9月6日", "2025-09-06", None),
                   ("5月", "2025-05", None), ("9月1日至12日", "2025-09-01", "2025-09-12")]


def test_relative_year_words():
    got = {d.text: d.iso for d in find_dates("今年2月18日晚、去年12月", 2024)}
    assert got == {"今年2月18日晚": "2024-02-18", "去年12月": "2023-12"}


def test_year_inferred_from_names_spans_and_anniversaries():
    assert infer_year("“2023西部电影节”在西安举行")[0] == 2023
    assert infer_year("作为2022—2023“中法文化年”的项目")[0] == 2023
    assert infer_year("为庆祝新中国成立七十周年而拍摄，故事发生在1950年")[0] == 2019
    assert infer_year("故事发生在1927年") is None
    assert chinese_number("二十五") == 25 and chinese_number("一百") == 100


def test_day_alone_takes_the_month_before_it():
    got = {d.text: d.iso for d in find_dates("本报杭州10月19日电 电影周18日晚闭幕。", 2025)}
    assert got == {"10月19日": "2025-10-19", "18日晚": "2025-10-18"}


def test_year_from_founding_and_edition():
    assert infer_year("西岭电影节创办于2011年，每年举办一届。第五届西岭电影节昨日开幕。")[0] == 2015


def test_reference_date_wins_and_missing_year_gives_no_date():
    ex = run("9月6日，《远山》在全国上映。", reference_date="2022-09-07")
    assert ("远山", "P577", "2022-09-06") in simple(ex)
    assert not [f for f in run("9月6日，《远山》在全国上映。").facts if f.predicate == "P577"]


# --- data files -----------------------------------------------------------------------------------

def test_bad_word_line_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "zh_words.tsv"
    bad.write_text("# comment\n导演\trole\n影院\tnot_a_kind\n", encoding="utf-8")
    with pytest.raises(PatternError) as err:
        zh_resources.words(bad)
    assert err.value.line == 3 and "zh_words.tsv" in str(err.value)


def test_bad_cue_regex_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "zh_cues.jsonl"
    bad.write_text('{"id": "x", "predicate": "P57", "pattern": "执导(", "options": ["names_before"]}\n',
                   encoding="utf-8")
    with pytest.raises(PatternError) as err:
        zh_resources.cues(bad)
    assert err.value.line == 1


def test_bad_surname_line(tmp_path: Path):
    bad = tmp_path / "zh_surnames.tsv"
    bad.write_text("王\nabc\n", encoding="utf-8")
    with pytest.raises(PatternError):
        zh_resources.surnames(bad)


def test_shipped_data_loads():
    assert len(zh_resources.cues()) > 20 and "王" in zh_resources.surnames()
    assert zh_resources.places()["莫斯科"].type == "City"


def test_jieba_prints_nothing():
    code = ("from reelgraph.extract.zh import extract\nfrom reelgraph.model import Document\n"
            "extract(Document(source='a.txt', text='《远山》由周明远执导。', language='zh'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""


# --- whole articles ---------------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(not DEV_ZH.is_dir(), reason="shared dev set not beside the repository")


def _read(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    return Document(source=str(path), text=text, language="zh")


@needs_shared
def test_red_silk_china_release_article():
    ex = zh.extract(_read(DEV_ZH / "hongsichou-quanguo-shangying.txt"))
    check_offsets(ex)
    got = facts(ex)
    assert ("红丝绸", "P57", "安德烈·沃金", ()) in got
    assert ("红丝绸", "P161", "格列布·卡柳日尼", (("P453", "阿尔乔姆"),)) in got
    assert ("红丝绸", "P577", "2025-09-06", (("P291", "中国"),)) in got
    assert ("红丝绸", "P577", "2025-02-20", (("P291", "俄罗斯"),)) in got
    assert ("中国电影集团公司", "P488", "傅若清", ()) in got
    assert ("2025俄罗斯电影节", "P582", "2025-09-12", ()) in got
    assert "格列布卡柳日尼" in entity(ex, "格列布·卡柳日尼").aliases
    assert ex.document.reference_date == "2025"
    json.dumps(ex.to_json(), ensure_ascii=False)


@needs_shared
def test_dev_zh_gold_score():
    docs = [zh.extract(_read(p)) for p in sorted(DEV_ZH.glob("*.txt"))]
    report = evaluate(SHARED / "gold" / "dev-zh", docs)
    assert report.total.prf()[2] >= 0.85, report.render(verbose=True)
    assert report.false_merges == 0


def _resolutions(ex: Extraction) -> dict[tuple, str]:
    n = names(ex)
    return {(n[f.subject], f.predicate, f.object.value): f.qualifiers["rg:date_resolution"].value
            for f in ex.facts if "rg:date_resolution" in f.qualifiers}


def test_date_facts_say_how_their_year_was_found():
    ex = run("2023年8月2日，《远山》在全国上映。", reference_date="2024-05-01", reference_how="publication date")
    assert _resolutions(ex) == {("远山", "P577", "2023-08-02"): "explicit"}
    ex = run("《远山》将于9月9日在全国上映。", reference_date="2024-05-01", reference_how="publication date")
    assert _resolutions(ex) == {("远山", "P577", "2024-09-09"): "year from publication date 2024-05-01"}
    ex = run("《远山》今年9月9日在全国上映。", reference_date="2024-05-01", reference_how="publication date")
    assert _resolutions(ex) == {("远山", "P577", "2024-09-09"): "relative to reference year 2024 (今年)"}
    # no reference date: the year the text implies, and why
    ex = run("2024—2025“中法文化年”期间，《远山》于9月9日在全国上映。")
    [(key, how)] = _resolutions(ex).items()
    assert key == ("远山", "P577", "2025-09-09") and how.startswith("year inferred from text: ")
    # a qualifier only: each fact once
    assert len(ex.facts) == len({(f.subject, f.predicate, f.object) for f in ex.facts})


def test_a_transliterated_railway_is_a_thing_not_a_region():
    ex = run("电影《远山》的故事发生在阿穆尔铁路列车上。")
    assert entity(ex, "阿穆尔铁路").type == "Other"


def test_an_abbreviation_jieba_knows_joins_the_one_organisation_it_shortens():
    ex = run("中国共产党成立于1921年。片中，她饰演一名中共地下党员。")
    party = entity(ex, "中国共产党")
    assert "中共" in party.aliases
