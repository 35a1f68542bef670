"""Store.ingest and curation on a real database file: idempotency, replacement, atomicity,
cross-document entity matching, and curators' decisions surviving re-ingest."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from reelgraph import query
from reelgraph.errors import NotFoundError, StoreError, UsageError
from reelgraph.model import Span, Term
from reelgraph.store.schema import evidence, ingest_log, resolution_rules

PREMIERE_V2 = ("Silver Harbour, directed by Anja Kovačić, premiered in Prague on 12 March 2024. "
               "Tomas Lindqvist plays Captain Reyes, a smuggler.")


def facts_by(store, predicate, **kw):
    return query.list_facts(store, predicate=predicate, include_rejected=True, **kw)


def test_ingest_stores_document_entities_facts_and_evidence(store, articles):
    result = store.ingest(articles["premiere"]())
    assert result.status == "stored"
    assert result.counts["entities_new"] == 6 and result.counts["facts_new"] == 5
    stats = store.stats()
    assert {k: stats[k] for k in ("documents", "entities", "facts", "mentions", "names", "evidence")} == {
        "documents": 1, "entities": 6, "facts": 5, "mentions": 6, "names": 6, "evidence": 5}
    (money,) = facts_by(store, "P2142")
    assert money["object"] == {"value": "21600000", "datatype": "quantity", "unit": "USD"}
    (premiere,) = facts_by(store, "P1191")
    assert premiere["qualifiers"]["P131"]["entity"]["name"] == "Prague"


def test_same_text_twice_adds_nothing(store, articles):
    first = store.ingest(articles["premiere"]())
    before = store.stats()
    again = store.ingest(dataclasses.replace(articles["premiere"](), document=dataclasses.replace(
        articles["premiere"]().document, source="elsewhere/copy.txt")))
    assert again.status == "unchanged" and again.document_id == first.document_id
    assert store.stats() == before
    with store.read() as conn:
        assert [r.status for r in conn.execute(sa.select(ingest_log.c.status).order_by(ingest_log.c.id))] == [
            "stored", "unchanged"]


def test_facts_from_two_documents_are_one_fact_with_two_evidence_rows(filled):
    (director,) = facts_by(filled, "P57")
    assert director["object"]["entity"]["name"] == "Anja Kovačić"
    assert [e["document_id"] for e in director["evidence"]] == [1, 2]
    assert director["confidence"] == 0.95        # the best of its evidence
    stats = filled.stats()
    assert stats["documents"] == 2 and stats["entities"] == 6 and stats["facts"] == 5


def test_a_date_found_two_ways_in_two_documents_is_one_fact(store, articles):
    """rg:date_resolution says how one article found a year; it does not make a second fact."""
    build = articles["build"]
    for source, text, how in [("a.txt", "Silver Harbour opens on 5 April 2024.", "explicit"),
                              ("b.txt", "Silver Harbour opens on 5 April.", "year from publication date 2024-03-13")]:
        store.ingest(build(source, text, [("e1", "Film", "Silver Harbour", [])],
                           [("e1", "P577", "publication date", Term(value="2024-04-05", datatype="date"),
                             {"rg:date_resolution": Term(value=how, datatype="string")}, 0.9, "opens on 5 April")]))
    (release,) = facts_by(store, "P577")
    assert [e["document_id"] for e in release["evidence"]] == [1, 2]
    assert store.stats()["facts"] == 1


def test_names_across_documents_resolve_to_one_entity_with_reasons(filled):
    (person,) = query.find_entities(filled, "Lindqvist")
    assert {n["name"] for n in person["names"]} == {"Tomas Lindqvist", "Lindqvist"}
    card = query.entity_card(filled, person["id"])
    matched = [r for r in card["resolution"] if r["kind"] == "matched"]
    assert matched and matched[0]["reasons"] and matched[0]["score"] > 0.5


def test_changed_version_of_a_source_replaces_only_its_own_facts(filled, articles):
    result = filled.ingest(articles["premiere"](PREMIERE_V2))
    assert result.status == "replaced" and result.document_id == 1
    assert facts_by(filled, "P272") == []                 # stated only by the old version
    assert facts_by(filled, "P2142") == []
    assert query.find_entities(filled, "Northlight Pictures") == []   # left with nothing, dropped
    (director,) = facts_by(filled, "P57")
    assert [e["document_id"] for e in director["evidence"]] == [1, 2]
    with filled.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(evidence)
                            .where(evidence.c.document_id == 2)).scalar_one() == 2
    assert filled.stats()["documents"] == 2


def test_a_failing_document_leaves_the_store_untouched(filled, articles):
    before = filled.stats()
    bad = articles["premiere"](source="news/broken.txt", text=PREMIERE_V2 + " Extra line.")
    # A span without offsets breaks the NOT NULL constraint on evidence, after
    # the document, entities, names, mentions and facts were already written.
    bad.facts[0].evidence.append(Span(None, None, "no offsets"))  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="^news/broken.txt: not stored: ") as caught:
        filled.ingest(bad)
    assert "\n" not in str(caught.value)   # the CLI prints it on one line
    assert filled.stats() == before
    with filled.read() as conn:
        assert conn.execute(sa.select(ingest_log.c.status).order_by(ingest_log.c.id.desc())).scalar() == "failed"


def test_a_fact_about_an_undefined_entity_is_refused(store, articles):
    ex = articles["premiere"]()
    ex.facts[0].subject = "e99"
    with pytest.raises(StoreError, match="e99"):
        store.ingest(ex)
    assert store.stats()["documents"] == 0


def test_rejected_fact_stays_rejected_after_reingest_and_undo_restores_it(filled, articles):
    (cast,) = facts_by(filled, "P161")
    audit = filled.set_fact_status(cast["id"], "rejected", "ana")
    assert query.list_facts(filled, predicate="P161") == []
    filled.ingest(articles["premiere"](PREMIERE_V2))
    (again,) = facts_by(filled, "P161")
    assert again["id"] == cast["id"] and again["status"] == "rejected"
    filled.undo(audit, "ana")
    assert facts_by(filled, "P161")[0]["status"] == "asserted"
    with pytest.raises(UsageError):
        filled.undo(audit, "ana")


def test_edited_fact_survives_losing_its_only_document(store, articles):
    store.ingest(articles["premiere"]())
    (money,) = facts_by(store, "P2142")
    store.edit_fact(money["id"], "21700000", "ana")
    store.ingest(articles["premiere"](PREMIERE_V2))   # the new version no longer states it
    (kept,) = facts_by(store, "P2142")
    assert kept["object"]["value"] == "21700000" and kept["object"]["original_value"] == "21600000"
    assert kept["evidence"] == []


def test_curation_checks_its_arguments(filled):
    (director,) = facts_by(filled, "P57")
    with pytest.raises(UsageError):
        filled.set_fact_status(director["id"], "maybe", "ana")
    with pytest.raises(UsageError):
        filled.edit_fact(director["id"], "someone", "ana")     # an entity object is merged, not edited
    with pytest.raises(NotFoundError):
        filled.set_fact_status(999, "confirmed", "ana")
    with pytest.raises(UsageError):
        filled.set_fact_status(director["id"], "confirmed", "")
    with pytest.raises(NotFoundError):
        filled.merge_entities(1, 999, "ana")
    with pytest.raises(NotFoundError):
        filled.undo(999, "ana")


STUDIO = "Harbour Works co-produced Silver Harbour with Northlight Pictures."


def test_manual_merge_folds_facts_is_kept_on_reingest_and_undone(filled, articles):
    ex = articles["build"]("news/studio.txt", STUDIO,
                           [("e1", "Organization", "Harbour Works", []), ("e2", "Film", "Silver Harbour", [])],
                           [("e2", "P272", "production company", "e1", {}, 0.8,
                             "Harbour Works co-produced Silver Harbour")])
    filled.ingest(ex)
    (keep,) = query.find_entities(filled, "Northlight Pictures")
    (other,) = query.find_entities(filled, "Harbour Works")
    assert keep["id"] != other["id"]
    before = filled.stats()
    audit = filled.merge_entities(keep["id"], other["id"], "ana")

    (merged,) = facts_by(filled, "P272")          # two P272 facts became one, with both evidence rows
    assert merged["object"]["entity"]["id"] == keep["id"]
    assert sorted(e["document_id"] for e in merged["evidence"]) == [1, 3]
    assert query.find_entities(filled, "Harbour Works")[0]["id"] == keep["id"]
    assert filled.stats()["entities"] == before["entities"] - 1

    # A changed version of the studio article: the merge decision holds. Its new
    # evidence rows get new ids, which the undo below must still sort out.
    filled.ingest(articles["build"]("news/studio.txt", STUDIO + " Filming starts in May.",
                                    [("e1", "Organization", "Harbour Works", []),
                                     ("e2", "Film", "Silver Harbour", [])],
                                    [("e2", "P272", "production company", "e1", {}, 0.8,
                                      "Harbour Works co-produced Silver Harbour")]))
    assert [e["id"] for e in query.find_entities(filled, "Harbour Works")] == [keep["id"]]
    assert len(facts_by(filled, "P272")) == 1

    filled.undo(audit, "ana")
    (restored,) = query.find_entities(filled, "Harbour Works")
    assert restored["id"] == other["id"]
    assert {n["name"] for n in restored["names"]} == {"Harbour Works"}
    p272 = {f["object"]["entity"]["name"]: f for f in facts_by(filled, "P272")}
    assert set(p272) == {"Northlight Pictures", "Harbour Works"}
    assert [e["document_id"] for e in p272["Harbour Works"]["evidence"]] == [3]
    assert [e["document_id"] for e in p272["Northlight Pictures"]["evidence"]] == [1]
    with filled.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(resolution_rules)).scalar_one() == 0


def test_split_moves_names_mentions_and_facts_and_holds_on_reingest(filled, articles):
    (person,) = query.find_entities(filled, "Tomas Lindqvist")
    new_id = filled.split_entity(person["id"], ["Lindqvist"], "ana")
    assert new_id != person["id"]
    assert [e["id"] for e in query.find_entities(filled, "Lindqvist")] == [new_id]
    interview = query.document_view(filled, 2)
    assert {m["entity"]["id"] for m in interview["mentions"] if "Lindqvist" in m["text"]} == {new_id}
    # The cast fact splits by document: the premiere still names the old entity,
    # the interview now only the new one, so its evidence goes to a fact about the new entity.
    cast = {f["object"]["entity"]["id"]: f for f in facts_by(filled, "P161")}
    assert set(cast) == {person["id"], new_id}
    assert [e["document_id"] for e in cast[person["id"]]["evidence"]] == [1]
    assert [e["document_id"] for e in cast[new_id]["evidence"]] == [2]
    assert cast[new_id]["qualifiers"]["P453"]["entity"]["name"] == "Captain Reyes"

    changed = articles["interview"]()
    changed = dataclasses.replace(changed, document=dataclasses.replace(
        changed.document, text=changed.document.text + " "))
    assert filled.ingest(changed).status == "replaced"
    assert [e["id"] for e in query.find_entities(filled, "Lindqvist")] == [new_id]

    audit = filled.audit_entries(1)[0]
    assert audit["action"] == "split_entity"
    filled.undo(audit["id"], "ana")
    (whole,) = query.find_entities(filled, "Lindqvist")
    assert whole["id"] == person["id"]
    assert {n["name"] for n in whole["names"]} == {"Tomas Lindqvist", "Lindqvist"}
    (cast,) = facts_by(filled, "P161")          # the two halves fold back into one fact
    assert [e["document_id"] for e in cast["evidence"]] == [1, 2]
    with pytest.raises(NotFoundError):
        query.entity_card(filled, new_id)


def test_split_refuses_to_take_every_name(filled):
    (person,) = query.find_entities(filled, "Prague")
    with pytest.raises(UsageError):
        filled.split_entity(person["id"], ["Prague"], "ana")
    with pytest.raises(UsageError):
        filled.split_entity(person["id"], ["Brno"], "ana")


def test_every_curation_is_audited(filled):
    (director,) = facts_by(filled, "P57")
    a1 = filled.set_fact_status(director["id"], "confirmed", "ana")
    a2 = filled.undo(a1, "bo")
    entries = filled.audit_entries()
    assert [(e["id"], e["action"], e["actor"], e["undone"]) for e in entries] == [
        (a2, "undo", "bo", False), (a1, "set_fact_status", "ana", True)]
    assert entries[1]["payload"] == {"fact_id": director["id"], "before": "asserted", "after": "confirmed"}


def test_ids_of_deleted_rows_are_never_reused(filled, articles):
    (company,) = facts_by(filled, "P272")
    filled.ingest(articles["premiere"](PREMIERE_V2))          # drops the P272 fact and its entity
    filled.ingest(articles["premiere"]())                     # and brings them back
    (again,) = facts_by(filled, "P272")
    assert again["id"] > company["id"]
    assert again["object"]["entity"]["id"] > company["object"]["entity"]["id"]


def test_a_document_with_nothing_extracted_is_still_stored(store, articles):
    empty = articles["build"]("news/empty.txt", "Nothing about films here.", [], [])
    empty = dataclasses.replace(empty, document=dataclasses.replace(empty.document, title=None, published=None))
    result = store.ingest(empty)
    assert result.status == "stored"
    assert query.document_view(store, result.document_id)["title"] is None
    assert store.stats()["entities"] == 0


def test_merge_keeps_a_canonical_name_per_language_and_folds_facts(filled, articles):
    text = "Режиссёр Аня Ковачич сняла «Серебряную гавань». Премьера «Серебряной гавани» прошла в Праге."
    filled.ingest(articles["build"]("ru/gavan.txt", text,
                                    [("e1", "Person", "Аня Ковачич", []),
                                     ("e2", "Film", "Серебряная гавань", ["Серебряную гавань", "Серебряной гавани"])],
                                    [("e2", "P57", "director", "e1", {}, 0.9, "Аня Ковачич сняла")], lang="ru"))
    (keep,) = query.find_entities(filled, "Silver Harbour")
    (other,) = query.find_entities(filled, "Серебряная гавань")
    assert other["id"] != keep["id"], "a translated title is not expected to match by itself"
    filled.merge_entities(keep["id"], other["id"], "ana")
    names = query.entity_card(filled, keep["id"])["names"]
    assert names["en"]["canonical"] == "Silver Harbour"
    assert names["ru"]["canonical"] == "Серебряная гавань"
    assert sorted(names["ru"]["aliases"]) == ["Серебряной гавани", "Серебряную гавань"]
    (director,) = query.list_facts(filled, predicate="P57")
    assert sorted(e["document_id"] for e in director["evidence"]) == [1, 2, 3]


def test_spans_that_miss_the_text_are_stored_with_a_warning(store, articles, caplog):
    ex = articles["premiere"]()
    ex.entities[0].mentions.append(Span(0, 6, "Golden"))
    with caplog.at_level("WARNING", logger="reelgraph.store.store"):
        assert store.ingest(ex).status == "stored"
    assert "1 spans do not match" in caplog.text
