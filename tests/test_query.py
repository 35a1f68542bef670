"""Query shapes (docs/design.md) over a store holding the two sample articles."""

from __future__ import annotations

import pytest

from reelgraph import query
from reelgraph.errors import NotFoundError
from reelgraph.model import Term

FACT_KEYS = {"id", "predicate", "label", "status", "subject", "object", "qualifiers", "confidence", "evidence"}
EVIDENCE_KEYS = {"document_id", "source", "title", "start", "end", "text", "confidence"}


@pytest.mark.parametrize("text", ["kovacic", "KOVAČIĆ", "Anja Kovačić", "  anja   KOVACIC "])
def test_search_ignores_case_and_accents(filled, text):
    found = query.search(filled, text)
    assert [e["name"] for e in found["entities"]] == ["Anja Kovačić"]
    assert set(found["entities"][0]) == {"id", "type", "name", "matched"}


def test_search_finds_cyrillic_names_typed_in_cyrillic(store, articles):
    text = "Фильм «Серебряная гавань» снял режиссёр Аня Кович."
    store.ingest(articles["build"]("ru/gavan.txt", text, [("e1", "Person", "Аня Кович", []),
                                                          ("e2", "Film", "Серебряная гавань", [])],
                                   [("e2", "P57", "director", "e1", {}, 0.9, "снял режиссёр Аня Кович")],
                                   lang="ru"))
    assert [e["name"] for e in query.search(store, "кович")["entities"]] == ["Аня Кович"]
    assert [e["name"] for e in query.search(store, "kovich")["entities"]] == ["Аня Кович"]


def test_search_ranks_exact_names_first_and_finds_documents(filled):
    found = query.search(filled, "silver harbour")
    assert found["entities"][0]["name"] == "Silver Harbour"
    assert {d["source"] for d in found["documents"]} == {"news/silver-harbour-premiere.txt",
                                                         "news/kovacic-interview.txt"}
    assert query.search(filled, "interview")["documents"][0]["source"] == "news/kovacic-interview.txt"
    assert query.search(filled, " ,. ") == {"entities": [], "documents": []}
    assert len(query.search(filled, "a", limit=2)["entities"]) == 2


@pytest.mark.parametrize("text, name", [("kovacich", "Anja Kovačić"), ("lindqvst", "Tomas Lindqvist"),
                                        ("silver harbor", "Silver Harbour")])
def test_search_on_postgresql_finds_a_misspelt_word_by_trigrams(filled, text, name):
    if filled.engine.dialect.name != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's (pg_trgm); SQLite matches substrings only")
    assert query.search(filled, text)["entities"][0]["name"] == name


def test_search_puts_substring_hits_before_similar_words(store, articles):
    text = "Anna Lindqvist left Lindqvist Studios for Erik Lindquist's company."
    store.ingest(articles["build"]("news/lindqvist.txt", text, [
        ("e1", "Person", "Anna Lindqvist", []), ("e2", "Organization", "Lindqvist Studios", []),
        ("e3", "Person", "Erik Lindquist", [])], []))
    names = [e["name"] for e in query.search(store, "LINDQVIST")["entities"]]
    if store.engine.dialect.name == "postgresql":   # a word like it comes after the substring hits
        assert names == ["Lindqvist Studios", "Anna Lindqvist", "Erik Lindquist"]
    else:
        assert names == ["Lindqvist Studios", "Anna Lindqvist"]


def test_find_entities_matches_whole_names_and_aliases(filled):
    (person,) = query.find_entities(filled, "lindqvist")
    assert person["name"] == "Tomas Lindqvist" and person["type"] == "Person"
    assert {(n["name"], n["lang"]) for n in person["names"]} == {("Tomas Lindqvist", "en"), ("Lindqvist", "en")}
    assert query.find_entities(filled, "Lind") == []


def test_entity_card_has_names_facts_documents_and_resolution(filled):
    (film,) = query.find_entities(filled, "Silver Harbour")
    card = query.entity_card(filled, film["id"])
    assert card["type"] == "Film" and card["names"]["en"]["canonical"] == "Silver Harbour"
    assert {f["predicate"] for f in card["facts_out"]} == {"P57", "P1191", "P161", "P272", "P2142"}
    assert all(set(f) == FACT_KEYS for f in card["facts_out"])
    assert all(set(e) == EVIDENCE_KEYS for f in card["facts_out"] for e in f["evidence"])
    assert [d["source"] for d in card["documents"]] == ["news/silver-harbour-premiere.txt",
                                                        "news/kovacic-interview.txt"]
    assert [r["kind"] for r in card["resolution"]] == ["new", "matched"]
    (character,) = query.find_entities(filled, "Captain Reyes")
    incoming = query.entity_card(filled, character["id"])["facts_in"]
    assert [f["predicate"] for f in incoming] == ["P161"]       # reached through the P453 qualifier
    with pytest.raises(NotFoundError):
        query.entity_card(filled, 999)


def test_list_facts_filters_and_pages(filled):
    everything = query.list_facts(filled)
    assert len(everything) == 5
    (director,) = query.list_facts(filled, subject="silver harbour", predicate="P57")
    assert director["subject"]["name"] == "Silver Harbour"
    assert director["object"]["entity"]["name"] == "Anja Kovačić"
    assert query.list_facts(filled, object="Anja Kovacic") == [director]
    assert query.list_facts(filled, object=director["object"]["entity"]["id"]) == [director]
    (money,) = query.list_facts(filled, object="21600000")
    assert money["predicate"] == "P2142"
    pages = [query.list_facts(filled, limit=2, offset=o) for o in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [f["id"] for p in pages for f in p] == [f["id"] for f in everything]
    filled.set_fact_status(director["id"], "rejected", "ana")
    assert len(query.list_facts(filled)) == 4
    assert len(query.list_facts(filled, include_rejected=True)) == 5


def test_fact_shape_matches_the_design(filled):
    (cast,) = query.list_facts(filled, predicate="P161")
    assert cast["label"] == "cast member" and cast["status"] == "asserted"
    assert cast["qualifiers"]["P453"]["entity"]["name"] == "Captain Reyes"
    assert set(cast["subject"]) == {"id", "type", "name"}
    (date,) = query.list_facts(filled, predicate="P1191")
    assert date["object"] == {"value": "2024-03-12", "datatype": "date"}


def test_document_view_keeps_its_own_evidence_only(filled):
    view = query.document_view(filled, 2)
    assert view["source"] == "news/kovacic-interview.txt" and view["language"] == "en"
    assert view["text"].startswith("Director Anja Kovacic")
    for m in view["mentions"]:
        assert view["text"][m["start"]:m["end"]] == m["text"]
    assert {m["entity"]["name"] for m in view["mentions"]} == {"Anja Kovačić", "Silver Harbour",
                                                                "Tomas Lindqvist", "Captain Reyes"}
    assert {f["predicate"] for f in view["facts"]} == {"P57", "P161"}
    for f in view["facts"]:
        assert f["evidence"] and all(e["document_id"] == 2 for e in f["evidence"])
        assert all(view["text"][e["start"]:e["end"]] == e["text"] for e in f["evidence"])
    assert query.document_view(filled, view["hash"])["id"] == 2
    with pytest.raises(NotFoundError):
        query.document_view(filled, 42)


def test_neighbourhood_grows_with_depth(filled):
    (actor,) = query.find_entities(filled, "Tomas Lindqvist")
    one = query.neighbourhood(filled, actor["id"], depth=1)
    assert {n["name"] for n in one["nodes"]} == {"Tomas Lindqvist", "Silver Harbour", "Captain Reyes"}
    assert {(e["predicate"]) for e in one["edges"]} == {"P161", "P453"}
    two = query.neighbourhood(filled, actor["id"], depth=2)
    names = {n["name"]: n["depth"] for n in two["nodes"]}
    assert names["Anja Kovačić"] == 2 and names["Northlight Pictures"] == 2 and names["Tomas Lindqvist"] == 0
    ids = {n["id"] for n in two["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in two["edges"])
    assert len(query.neighbourhood(filled, actor["id"], depth=2, max_nodes=2)["nodes"]) == 2
    with pytest.raises(NotFoundError):
        query.neighbourhood(filled, 999)


def test_neighbourhood_leaves_out_rejected_facts(filled):
    (cast,) = query.list_facts(filled, predicate="P161")
    filled.set_fact_status(cast["id"], "rejected", "ana")
    actor = cast["object"]["entity"]["id"]
    assert query.neighbourhood(filled, actor)["edges"] == []


def test_literal_terms_round_trip_through_the_store(store, articles):
    text = "Silver Harbour opens in May 2024 as a thriller."
    store.ingest(articles["build"]("news/opening.txt", text, [("e1", "Film", "Silver Harbour", [])],
                                   [("e1", "P577", "publication date", Term(value="2024-05", datatype="date"), {},
                                     0.7, "opens in May 2024"),
                                    ("e1", "P136", "genre", Term(value="thriller"), {}, 0.6, "a thriller")]))
    facts = {f["predicate"]: f["object"] for f in query.list_facts(store)}
    assert facts == {"P577": {"value": "2024-05", "datatype": "date"},
                     "P136": {"value": "thriller", "datatype": "string"}}
