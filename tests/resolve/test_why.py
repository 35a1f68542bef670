"""explain: keys, scores, evidence and the store's recorded decisions for two names."""

from __future__ import annotations

from reelgraph.resolve import explain
from reelgraph.resolve.why import compare_names


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
