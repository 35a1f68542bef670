"""extract/en.py mention finding and typing: which spans become mentions, their types and names."""

from __future__ import annotations

from reelgraph.model import Extraction

from .test_facts import run


def by_name(ex: Extraction) -> dict:
    return {e.name: e for e in ex.entities}


def test_honorific_form_is_an_alias() -> None:
    ex = run("The festival is chaired by the banker Sir Alden Frost. Its patron, Dr. Mira Castell, opened it.")
    people = by_name(ex)
    assert "Sir Alden Frost" in people["Alden Frost"].aliases
    assert "Dr. Mira Castell" in people["Mira Castell"].aliases


def test_initialled_name_is_a_person_not_a_company() -> None:
    ex = run("Harbour Lights is a 2015 drama film. The music is by P. Ganesh Kumar. It stars Tessa Moor.")
    assert by_name(ex)["P. Ganesh Kumar"].type == "Person"


def test_initialled_name_keeps_the_surname_spacy_left_out() -> None:
    ex = run("Harbour Lights is a 2019 Malayalam drama film directed by V. K. Gireesh Kumar. The film stars Tessa Moor.")
    people = by_name(ex)
    assert people["V. K. Gireesh Kumar"].type == "Person"
    director = next(f for f in ex.facts if f.predicate == "P57")
    assert director.object.entity == people["V. K. Gireesh Kumar"].id


def test_lead_runs_past_an_initial() -> None:
    ex = run("Harbour Lights is a 2019 Malayalam drama film directed by V. K. Gireesh Kumar. The film stars Tessa Moor.")
    date = next(f for f in ex.facts if f.predicate == "P577")
    assert date.evidence[0].text.endswith("Gireesh Kumar.")


def test_series_title_with_a_given_name_is_no_person() -> None:
    ex = run("She is known for playing Lisa Moor in The Nora Belle Adventures for the BBC.")
    assert by_name(ex)["Nora Belle Adventures"].type != "Person"


def test_mid_sentence_the_title_is_no_company() -> None:
    ex = run("Tessa Moor starred in the film Quiet Wards. He went on to write the screenplay for The Business of "
             "Lanterns in 2001, which earned him a nomination at the Sundance Film Festival.")
    assert by_name(ex)["Business of Lanterns"].type == "Film"


def test_accented_given_name_makes_a_person_shape() -> None:
    ex = run("Half a century later, Siobhán Ní Bhraonáin's rural drama is coming back.")
    assert by_name(ex)["Siobhán Ní Bhraonáin"].type == "Person"


def test_particle_name_after_a_job_title_is_a_person() -> None:
    ex = run("It stars Dutch actress Femke de Bruin as a hiker.")
    assert by_name(ex)["Femke de Bruin"].type == "Person"


def test_writer_of_a_novel_is_a_person() -> None:
    ex = run("The drama is based on Horace McTavish's 1935 novel of the same name.")
    assert by_name(ex)["Horace McTavish"].type == "Person"


def test_decade_is_no_name() -> None:
    ex = run('Critics praised "Ash Season," Omar Lateef\'s noir about a crime reporter in 1970s Lahore, which opens '
             'in cinemas on Friday.')
    assert not any(e.name.endswith("0s") for e in ex.entities)


def test_honorific_dot_ends_no_sentence() -> None:
    ex = run('Ben Lowe played a companion to Dr. Yes in the 1966 feature film "Skyraiders", directed by Ann Velt.')
    director = next(f for f in ex.facts if f.predicate == "P57")
    assert director.evidence[0].text.startswith("Ben Lowe played")


def test_quoted_town_nickname_is_no_film() -> None:
    ex = run('The drama "Grey Harbour" was directed by Ana Velt and stars Ben Lowe. The film was shot in Valmora, '
             'a town known locally as "Little Hollywood" for the number of films made there.')
    assert by_name(ex)["Little Hollywood"].type != "Film"


def test_name_goes_on_past_a_family_particle() -> None:
    ex = run("The cinematography is by Marco Vale, and the score is by Dona Inês do Riacho.")
    assert by_name(ex)["Dona Inês do Riacho"].type == "Person"


def test_one_word_company_with_a_stem_spacy_missed() -> None:
    ex = run("Shares of Cinaflix rose on Monday after the deal.")
    assert by_name(ex)["Cinaflix"].type == "Organization"


def test_long_company_name_is_one_mention() -> None:
    ex = run("The film is jointly produced by Huaxia Lantern Film Co., Ltd. and Guizhou Qianling Media Group, the location "
             "shooting was carried out in Qiandongnan in Guizhou and the film premiered in Guiyang.")
    names = by_name(ex)
    assert names["Guizhou Qianling Media Group"].type == "Organization"
    assert names["Guizhou"].type == "Region"


def test_province_starting_a_company_name_stays_a_place() -> None:
    ex = run("The film is jointly produced by Hanlin Film Co. and Yunnan Qingfeng Media Group, and was shot in Yunnan.")
    names = by_name(ex)
    assert names["Yunnan"].type == "Region"
    assert "Yunnan" not in names["Yunnan Qingfeng Media Group"].aliases
