"""explain: keys, scores, evidence and the store's recorded decisions for two names."""

from __future__ import annotations

from reelgraph.model import Term
from reelgraph.resolve import explain
from reelgraph.resolve.why import compare_names

from .test_graph import english, russian


def test_compare_names_across_scripts() -> None:
    out = compare_names("Milos Bikovic", "Милошем Биковичем")
    assert out["name_score"]["passes"] and out["name_score"]["kind"] == "full name"
    assert "person:n:bikovic milos" in out["shared_keys"]
    assert out["readings"]["Милошем Биковичем"][0]["tokens"] == ["milos", "bikovic"]


def test_compare_names_of_namesakes() -> None:
    out = compare_names("Andrei Orlov", "Sergei Orlov")
    assert not out["name_score"]["passes"]
    assert "person:t:orlov" in out["shared_keys"]      # they block together, and the score keeps them apart


def test_explain_one_entity_with_recorded_reasons(filled) -> None:
    out = explain(filled, "Anja Kovačić", "Anja Kovacic")
    assert out["verdict"] == "one entity"
    assert out["entities"]["Anja Kovacic"][0]["id"] == out["entities"]["Anja Kovačić"][0]["id"]
    matched = [r for r in out["recorded"] if r["kind"] == "matched" and r["name"] == "Anja Kovacic"]
    assert matched and any("shared related keys" in reason for reason in matched[0]["reasons"])


def test_explain_lone_surname(filled) -> None:
    out = explain(filled, "Lindqvist", "Tomas Lindqvist")
    assert out["verdict"] == "one entity"
    assert out["name_score"]["kind"] == "surname only"


def test_explain_two_entities_and_a_manual_merge(filled) -> None:
    out = explain(filled, "Anja Kovacic", "Tomas Lindqvist")
    assert out["verdict"] == "different entities"
    [pair] = out["entity_pairs"]
    assert not pair["would_merge"] and pair["shared_evidence"]     # both linked to the same film
    keep, other = out["entities"]["Anja Kovacic"][0]["id"], out["entities"]["Tomas Lindqvist"][0]["id"]
    filled.merge_entities(keep, other, "tester")
    after = explain(filled, "Anja Kovacic", "Tomas Lindqvist")
    assert after["verdict"] == "one entity"
    assert any(r["kind"] == "manual_merge" for r in after["recorded"])
    assert any(r["kind"] == "must_link" for r in after["rules"])


def test_explain_name_not_in_store(filled) -> None:
    out = explain(filled, "Anja Kovacic", "Анья Ковачич")
    assert out["verdict"].startswith("not in the store")
    assert out["name_score"]["passes"]


def test_explain_says_a_graph_evidence_merge_is_one(store, articles) -> None:
    store.ingest(english(articles["build"]))
    store.ingest(russian(articles["build"]))
    out = explain(store, "Glass River", "Стеклянная река")
    assert not out["name_score"]["passes"]          # the names alone say nothing
    [pair] = out["entity_pairs"]
    assert pair["same_entity"] and pair["would_merge"] and pair["by"] == "graph evidence"
    assert any("same P57" in r for r in pair["reasons"])


def test_explain_weighs_graph_evidence_between_two_entities(store, articles) -> None:
    build = articles["build"]
    store.ingest(english(build))
    # the sequel shares the director, the cast and the premiere, but its number says another film
    store.ingest(russian(build, "Стеклянная река 2", venue="Орион"))
    [pair] = explain(store, "Glass River", "Стеклянная река 2")["entity_pairs"]
    assert pair["graph_evidence"]["weight"] >= 2 and pair["graph_evidence"]["conflict"]
    assert not pair["would_merge"] and pair["by"] is None
    # a Russian title whose relations came in two articles, each too few alone: the store now
    # holds enough, and explain says so
    store.ingest(build("ru/a.txt", "Фильм «Тихая заводь» режиссёра Петры Новак.",
                       [("e1", "Film", "Тихая заводь", []), ("e2", "Person", "Петра Новак", ["Петры Новак"])],
                       [("e1", "P57", "director", "e2", {}, 0.9, "режиссёра Петры Новак")], lang="ru"))
    store.ingest(build("ru/b.txt", "«Тихая заводь» с Иваном Хорватом выходит 4 мая 2023 года.",
                       [("e1", "Film", "Тихая заводь", []), ("e3", "Person", "Иван Хорват", ["Иваном Хорватом"])],
                       [("e1", "P161", "cast member", "e3", {}, 0.9, "с Иваном Хорватом"),
                        ("e1", "P577", "publication date", Term(value="2023-05-04", datatype="date"), {}, 0.8,
                         "выходит 4 мая 2023 года")], lang="ru"))
    out = explain(store, "Glass River", "Тихая заводь")
    assert out["verdict"] == "different entities"
    [pair] = out["entity_pairs"]
    assert pair["would_merge"] and pair["by"] == "graph evidence" and pair["graph_evidence"]["conflict"] is None
    assert {"P57", "P161", "P577"} <= set(pair["graph_evidence"]["predicates"])
