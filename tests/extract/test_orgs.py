"""extract: companies, distributors, people in organisations and countries of origin, on sentences we wrote."""

from __future__ import annotations

from .test_facts import plain_triples as triples
from .test_facts import run, types


# ---- typing ------------------------------------------------------------------

def test_a_demonym_is_no_company() -> None:
    ex = run('ASTANA, 3 March 2026 — Georgian and Kazakh producers on Monday signed an agreement to co-produce '
             '"Amber Caravan," a desert epic, with a budget of 90 million yuan, the largest ever for a Kazakh '
             "co-production.")
    assert "Organization" not in {t for name, t in types(ex).items() if name == "Kazakh"}


def test_a_name_after_a_kind_of_company_is_a_company() -> None:
    ex = run('Her last film, "Salt Meadow," was released in Finland that spring by the distributor Vallo Kerttu.')
    assert types(ex)["Vallo Kerttu"] == "Organization"
    assert ("Salt Meadow", "P750", "Vallo Kerttu") in triples(ex)


def test_docs_ends_a_company_name() -> None:
    ex = run('"The Slate Quarry," a documentary about Welsh miners, was produced by Anna Penhale for Trelowarren Docs.')
    assert ("Slate Quarry", "P272", "Trelowarren Docs") in triples(ex)


def test_a_company_name_beats_a_street_inside_it_and_an_s_possessive() -> None:
    ex = run('Marsh Lane Pictures will release the thriller "Low Water" in May. '
             "Marsh Lane Pictures' chairman, Edwin Tarrow, said the film was the company's biggest bet.")
    assert ("Marsh Lane Pictures", "P488", "Edwin Tarrow") in triples(ex)


def test_a_producers_company_after_an_s_possessive_and_a_city() -> None:
    ex = run('The drama "Blue Harbour" was produced by Andreas\' Lisbon company Maré Alta Filmes.')
    assert ("Blue Harbour", "P272", "Maré Alta Filmes") in triples(ex)
    assert ("Blue Harbour", "P272", "Andreas") not in triples(ex)   # the owner is no company


def test_a_companys_abbreviation_keeps_its_dot() -> None:
    ex = run('Hanul Film Co. will distribute the drama "Red Ferry" in South Korea.')
    assert ("Red Ferry", "P750", "Hanul Film Co.") in triples(ex)


def test_a_studio_named_with_film_glued_on_is_a_company_and_an_apposition_keeps_the_list() -> None:
    ex = run('The drama "Snow Pass" is a joint production of Tajikfilm, the state studio in Dushanbe, and '
             "Tehran-based Ravi Pictures.")
    assert types(ex)["Tajikfilm"] == "Organization"
    assert {("Snow Pass", "P272", "Tajikfilm"), ("Snow Pass", "P272", "Ravi Pictures")} <= triples(ex)


def test_a_weekday_is_no_distributor() -> None:
    ex = run("Posted February 6, 2025\n\nQuayside Pictures on Thursday released the first trailer for “Winter Locks,” "
             "Ana Bell’s adaptation of a novel.\n\nQuayside Pictures will release “Winter Locks” in US theaters on May 16.",
             published=None)
    assert ("Winter Locks", "P750", "Quayside Pictures") in triples(ex)
    assert not [t for t in triples(ex) if t[2] == "Thursday"]


# ---- production companies ------------------------------------------------------

def test_produced_by_a_person_of_a_company() -> None:
    ex = run('"Quiet Harbour" is a drama film about a fishing town. It was produced by Lena Moss of Fernfinch Films.')
    assert ("Quiet Harbour", "P272", "Fernfinch Films") in triples(ex)


def test_produced_by_a_company_with_another() -> None:
    ex = run("The film, a drama about two brothers who run a ferry on the river, was produced by Lima-based "
             'Lago Cine with Spain\'s Nube Producciones. "Ferry Days" opens in May.')
    assert ("Ferry Days", "P272", "Nube Producciones") in triples(ex)


def test_the_companys_project() -> None:
    ex = run("Harbor Light Pictures named a new chief executive on Monday. Her first decision will be the fate of the "
             'company\'s most expensive project, "Iron Wheat," a war film.')
    assert ("Iron Wheat", "P272", "Harbor Light Pictures") in triples(ex)


# ---- distributors ----------------------------------------------------------------

def test_territory_deals() -> None:
    ex = run('"Glass River" is a thriller film about a ferry pilot. Mistral Distribution has taken France and '
             "Belgium, and Kranich Verleih has picked up Germany.")
    assert {("Glass River", "P750", "Mistral Distribution"), ("Glass River", "P750", "Kranich Verleih")} <= triples(ex)


def test_the_film_went_to_and_in_another_country_to() -> None:
    ex = run('"Glass River" is a thriller film. In Portugal the film went to Rayo Releasing, and in Scotland to the '
             "arthouse label Red Kite Pictures.")
    assert {("Glass River", "P750", "Rayo Releasing"), ("Glass River", "P750", "Red Kite Pictures")} <= triples(ex)
    assert not [t for t in triples(ex) if t[1] == "P495"]   # "In Portugal the film": no Portuguese film


def test_a_company_has_the_film_for_a_country() -> None:
    ex = run('The drama "Glass River" opens in the US in May. Pathway Films has the film for the United Kingdom, '
             "where it opens a week later.")
    assert ("Glass River", "P750", "Pathway Films") in triples(ex)


def test_acquired_for_distribution_by_a_company_spacy_took_for_a_person() -> None:
    ex = run('The documentary "Salt Flats" was acquired for Canadian distribution by Vega Austral, which plans an '
             "autumn release.")
    assert ("Salt Flats", "P750", "Vega Austral") in triples(ex)
    assert types(ex)["Vega Austral"] == "Organization"


def test_a_company_handles_the_release() -> None:
    ex = run('"Rangoli" is produced by Surya Studios, while Orbit Global handles the overseas release.')
    assert ("Rangoli", "P750", "Orbit Global") in triples(ex)


def test_a_film_which_it_distributed() -> None:
    ex = run('Plumtree, the streaming service, announced that the 2022 animated film "Candy Comet," which it '
             "distributed, will get a sequel.")
    assert ("Candy Comet", "P750", "Plumtree") in triples(ex)


def test_the_studios_next_release() -> None:
    ex = run("Harbor Light Pictures reported higher profits on Monday. The studio's next release, the thriller "
             '"Undertow," opens in May.')
    assert ("Undertow", "P750", "Harbor Light Pictures") in triples(ex)


# ---- chairs and employees ------------------------------------------------------------

def test_chairman_of_the_board_of() -> None:
    ex = run("The chairman of the board of the Northern Screen Fund, Pavel Orlov, praised the film.")
    assert ("Northern Screen Fund", "P488", "Pavel Orlov") in triples(ex)


def test_a_founder_becomes_chairman() -> None:
    ex = run("Marlow Studios named Kate Dunn chief executive. She replaces Peter Vance, who founded Marlow Studios "
             "in 1990. Vance becomes chairman.")
    assert ("Marlow Studios", "P488", "Peter Vance") in triples(ex)


def test_the_festival_is_chaired_by() -> None:
    ex = run("The Moorland Film Festival opened on Friday in Whitby. The festival, which runs from 4 to 8 June, is "
             "directed by Ruth Ames and chaired by the novelist Sir Hugh Pell.")
    assert ("Moorland Film Festival", "P488", "Hugh Pell") in triples(ex)


def test_the_festivals_chair() -> None:
    ex = run("The Moorland Film Festival opened on Friday in Whitby. The screening will be followed by a reception "
             "hosted by the festival's chair, Dr. Ann Wu.")
    assert ("Moorland Film Festival", "P488", "Ann Wu") in triples(ex)


def test_a_name_is_chaired_by() -> None:
    ex = run("Northern Lights is chaired by Duncan Reid, a former head of the funding body Screen Borders.")
    assert ("Northern Lights", "P488", "Duncan Reid") in triples(ex)


def test_she_has_been_president_of() -> None:
    ex = run("Lina Cruz is a Filipino actress and producer. Since 2020 she has been president of the Visayan "
             "Actors' Guild, a union based in Cebu.")
    assert ("Visayan Actors' Guild", "P488", "Lina Cruz") in triples(ex)


def test_two_officers_of_a_company() -> None:
    ex = run("Marlow Studios' chief financial officer, Ann Patel, and head of production, Tom Reed, will report to "
             "Dunn.")
    assert {("Ann Patel", "P108", "Marlow Studios"), ("Tom Reed", "P108", "Marlow Studios")} <= triples(ex)


def test_a_company_run_by_its_managing_director() -> None:
    ex = run('"Night Bus" made $3 million. Its distributor, Bluecastle Releasing, is run by managing director '
             "Sara Khan, who bought the film early.")
    assert ("Sara Khan", "P108", "Bluecastle Releasing") in triples(ex)


def test_he_taught_at() -> None:
    ex = run("Imre Kovacs was a Hungarian film director. In the 1990s he taught directing at the Szeged Film Academy.")
    assert ("Imre Kovacs", "P108", "Szeged Film Academy") in triples(ex)


# ---- country of origin ----------------------------------------------------------------

def test_a_demonym_western() -> None:
    ex = run('The Chilean western "Dust Road" earned $2 million in its first weekend.')
    assert ("Dust Road", "P495", "Chile") in triples(ex)


def test_a_superlative_kind_of_film_names_no_film() -> None:
    ex = run('"Low Tide" is a film about a ferry. Its director praised some of the boldest Danish drama of the decade.')
    assert not [t for t in triples(ex) if t[1] == "P495"]


def test_a_coproduction_between_two_countries() -> None:
    ex = run('The closing-night film is "Salt Charts," a co-production between Norway and Finland directed by '
             "Eira Lund.")
    assert {("Salt Charts", "P495", "Norway"), ("Salt Charts", "P495", "Finland")} <= triples(ex)


def test_a_demonym_pic() -> None:
    ex = run('Italian period pic "Villa Sole" held the top spot in Spain for a third frame.')
    assert ("Villa Sole", "P495", "Italy") in triples(ex)


def test_the_studio_behind_a_title_that_starts_with_the() -> None:
    ex = run('LONDON, 3 May 2026 — Ashgrove Studios, the independent producer behind the war drama "The Quiet Field," '
             "has appointed Mara Quint as its chief executive.")
    assert ("Quiet Field", "P272", "Ashgrove Studios") in triples(ex)


def test_a_company_based_somewhere_is_no_venue() -> None:
    ex = run('The film "Wine Road" is produced by Tbilisi-based Mzeo Films and Paris-based Les Films du Lac, with '
             "support from the national film centre.")
    assert types(ex)["Les Films du Lac"] == "Organization"
    assert ("Wine Road", "P272", "Les Films du Lac") in triples(ex)


def test_a_film_from_a_company() -> None:
    ex = run("FAMILY\n\nBramble and Moss (U, 90 min)\nGentle animated adventure from Tinpot Animation about a mole "
             "and a wren who share a greenhouse; directed by Ewan Lusk. Opens Friday.")
    assert ("Bramble and Moss", "P272", "Tinpot Animation") in triples(ex)


def test_a_company_named_with_a_glued_stem_is_no_producer() -> None:
    ex = run("Cabin Flippers is a Canadian reality television series that is produced by Cineprime.")
    assert ("Cabin Flippers", "P272", "Cineprime") in triples(ex)
    assert ("Cabin Flippers", "P162", "Cineprime") not in triples(ex)


def test_a_companys_feature_after_an_s_possessive() -> None:
    ex = run("Mira is a main character who appears in Harbor Light Pictures' 12th animated feature film The Lantern "
             "Fox (2011).")
    assert types(ex)["Harbor Light Pictures"] == "Organization"
    assert ("Lantern Fox", "P272", "Harbor Light Pictures") in triples(ex)


def test_this_company_feature() -> None:
    ex = run("Stars Over Dunmore is a 1952 American musical film. This Harbor Light Pictures feature was produced by "
             "Ann Lee and directed by Tom Ray.")
    assert ("Stars Over Dunmore", "P272", "Harbor Light Pictures") in triples(ex)


def test_a_journalist_of_a_broadcaster() -> None:
    ex = run("Dana Pell is an American journalist. She later served as CNN’s Rome correspondent. Based in Boston, "
             "Pell was a long time CNN Vatican Analyst.")
    assert ("Dana Pell", "P108", "CNN") in triples(ex)


def test_a_city_after_a_decade_is_no_company() -> None:
    ex = run('Leila Rahman shot "Smoke Over Quetta," Imran Shah\'s noir about a crime reporter in 1970s Quetta, '
             "which opens in cinemas on 31 October.")
    assert types(ex)["Quetta"] == "City"


def test_the_maker_of_a_short_is_a_person() -> None:
    ex = run('The jury, chaired by Latvian animator Ilze Berzina, gave its special mention to "The Tenth Floor," an '
             'Estonian animated short by Kaja Tamm, and the audience award went to the Latvian documentary short '
             '"Sunflower Road" by Anna Berzina.')
    assert types(ex)["Kaja Tamm"] == "Person"
