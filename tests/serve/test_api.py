"""The JSON API: its error shape, auth, uploads, reads, curation and exports."""

from __future__ import annotations

import io
import json
import logging
import zipfile

import rdflib
from fastapi.testclient import TestClient

from reelgraph.serve.api import create_app

from serve_helpers import AUTH, NOTE_TEXT, RED_SILK, TOKEN, cast_fact, find_entity, night_ferry

NOTE = ("Night Ferry, a drama directed by Ilse Marten, opens in Oslo on March 3. "
        "Actor Tomas Berg plays the captain Aksel in the film.\n")


def assert_error(response, status: int, code: str) -> dict:
    """Every error has the one shape: {"error": {"status", "code", "message"}}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return error


# ---------------------------------------------------------------- error shape


def test_unknown_route_is_404_in_the_error_shape(client: TestClient):
    error = assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert "/api/nothing-here" in error["message"]


def test_wrong_method_is_405_in_the_error_shape(client: TestClient):
    assert_error(client.delete("/api/search", headers=AUTH), 405, "method_not_allowed")


def test_validation_error_is_422_in_the_error_shape(client: TestClient):
    error = assert_error(client.get("/api/facts", params={"limit": "many"}), 422, "invalid_request")
    assert "limit" in error["message"]
    assert error["details"][0]["where"] == "query limit"


def test_missing_entity_is_404_in_the_error_shape(client: TestClient):
    assert_error(client.get("/api/entities/987654"), 404, "not_found")


def test_missing_document_is_404_in_the_error_shape(client: TestClient):
    assert_error(client.get("/api/documents/987654"), 404, "not_found")


def test_unknown_export_format_is_404(client: TestClient):
    error = assert_error(client.get("/api/export/xlsx"), 404, "not_found")
    assert "jsonl" in error["message"]


def test_a_browser_gets_errors_as_a_page(client: TestClient):
    response = client.get("/entities/987654", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "not found" in response.text


def test_a_bug_is_500_in_the_error_shape(db_url: str, monkeypatch):
    from reelgraph import query

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(query, "search", broken)
    with TestClient(create_app(db_url, token=TOKEN), raise_server_exceptions=False) as client:
        error = assert_error(client.get("/api/search", params={"q": "x"}), 500, "internal_error")
        assert "secret internals" not in error["message"]


# ---------------------------------------------------------------- auth


def test_write_without_token_is_401(client: TestClient):
    error = assert_error(client.post("/api/facts/1/reject"), 401, "unauthorized")
    assert "Bearer" in error["message"]


def test_write_with_wrong_token_is_401(client: TestClient):
    response = client.post("/api/facts/1/reject", headers={"Authorization": "Bearer nope"})
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_auth_is_checked_before_the_body(client: TestClient):
    response = client.patch("/api/facts/1", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(response, 401, "unauthorized")


def test_server_without_token_refuses_writes_and_warns(db_url: str, monkeypatch, caplog):
    monkeypatch.delenv("REELGRAPH_TOKEN", raising=False)
    with caplog.at_level(logging.WARNING, logger="reelgraph.serve.api"):
        app = create_app(db_url)
    assert any("REELGRAPH_TOKEN" in r.getMessage() for r in caplog.records)
    with TestClient(app) as client:
        assert client.get("/api/search", params={"q": "x"}).status_code == 200
        error = assert_error(client.post("/api/documents", content=NOTE, headers=AUTH), 403, "forbidden")
        assert "REELGRAPH_TOKEN" in error["message"]


def test_token_comes_from_the_environment(db_url: str, monkeypatch):
    monkeypatch.setenv("REELGRAPH_TOKEN", "from-env")
    with TestClient(create_app(db_url)) as client:
        response = client.post("/api/facts/987654/confirm", headers={"Authorization": "Bearer from-env"})
        assert_error(response, 404, "not_found")   # past auth: the fact just isn't there


# ---------------------------------------------------------------- uploads


def test_upload_over_the_limit_is_413(db_url: str):
    with TestClient(create_app(db_url, token=TOKEN, max_upload=100)) as client:
        error = assert_error(client.post("/api/documents", content=NOTE * 5, headers=AUTH),
                             413, "payload_too_large")
        assert "100" in error["message"]
        files = {"file": ("note.txt", NOTE * 5, "text/plain")}
        assert_error(client.post("/api/documents", files=files, headers=AUTH), 413, "payload_too_large")


def test_empty_upload_is_422(client: TestClient):
    assert_error(client.post("/api/documents", content=b"  \n", headers=AUTH), 422, "invalid_request")


def test_unreadable_upload_is_422_naming_the_file(client: TestClient):
    files = {"file": ("poster.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "image/png")}
    error = assert_error(client.post("/api/documents", files=files, headers=AUTH), 422, "invalid_input")
    assert error["message"].startswith("poster.png: ")


def test_upload_raw_text_then_find_it(client: TestClient):
    response = client.post("/api/documents", params={"source": "night-ferry.txt"}, content=NOTE.encode(),
                           headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "stored"
    docs = client.get("/api/search", params={"q": "night ferry"}).json()["documents"]
    assert [d["source"] for d in docs] == ["night-ferry.txt"]
    again = client.post("/api/documents", params={"source": "night-ferry.txt"}, content=NOTE.encode(),
                        headers={**AUTH, "Content-Type": "text/plain"})
    assert again.json()["status"] == "unchanged"


def test_upload_multipart_html(client: TestClient):
    page = (f"<html><head><title>Night Ferry opens</title></head><body><article><p>{NOTE}</p>"
            "</article></body></html>")
    files = {"file": ("night-ferry.html", page.encode(), "text/html")}
    response = client.post("/api/documents", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    doc_id = response.json()["document_id"]
    view = client.get(f"/api/documents/{doc_id}").json()
    assert "<p>" not in view["text"] and "Tomas Berg" in view["text"]


# ---------------------------------------------------------------- reads


def test_search_finds_entities_and_documents(ferry: TestClient):
    found = ferry.get("/api/search", params={"q": "berg"}).json()
    assert {"Tomas Berg", "Bergen"} <= {e["name"] for e in found["entities"]}
    assert [d["source"] for d in ferry.get("/api/search", params={"q": "night ferry"}).json()["documents"]] \
        == ["night-ferry.txt"]
    assert ferry.get("/api/search", params={"q": "  "}).json() == {"entities": [], "documents": []}


def test_search_ignores_case_and_accents(ferry: TestClient):
    assert find_entity(ferry, "NÍGHT férry", "Film")["name"] == "Night Ferry"


def test_entities_by_name(ferry: TestClient):
    found = ferry.get("/api/entities", params={"name": "Berg"}).json()["entities"]
    assert [e["name"] for e in found] == ["Tomas Berg"]


def test_film_card_has_cast_with_role_and_evidence(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    card = ferry.get(f"/api/entities/{film['id']}").json()
    assert card["type"] == "Film" and card["names"]["en"]["canonical"] == "Night Ferry"
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    assert fact["qualifiers"]["P453"]["entity"]["name"] == "Aksel"
    assert fact["evidence"][0]["source"] == "night-ferry.txt"
    assert fact["evidence"][0]["text"] == "Actor Tomas Berg plays the captain Aksel in the film."
    assert fact["id"] in {f["id"] for f in card["facts_out"]}


def test_person_card_has_facts_in(ferry: TestClient):
    person = find_entity(ferry, "Tomas Berg", "Person")
    card = ferry.get(f"/api/entities/{person['id']}").json()
    assert [(f["predicate"], f["subject"]["name"]) for f in card["facts_in"]] == [("P161", "Night Ferry")]


def test_facts_paginate(ferry: TestClient):
    everything = ferry.get("/api/facts", params={"limit": 1000}).json()
    assert everything["next"] is None and len(everything["facts"]) == 8
    first = ferry.get("/api/facts", params={"limit": 3}).json()
    assert len(first["facts"]) == 3 and "offset=3" in first["next"]
    second = ferry.get(first["next"]).json()
    assert second["offset"] == 3 and second["limit"] == 3
    assert [f["id"] for f in first["facts"] + second["facts"]] == [f["id"] for f in everything["facts"][:6]]


def test_facts_filter_by_subject_predicate_and_object(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    person = find_entity(ferry, "Ilse Marten", "Person")
    directed = ferry.get("/api/facts", params={"subject": film["id"], "predicate": "P57"}).json()["facts"]
    assert [f["object"]["entity"]["name"] for f in directed] == ["Ilse Marten"]
    by_object = ferry.get("/api/facts", params={"object": person["id"]}).json()["facts"]
    assert [f["predicate"] for f in by_object] == ["P57"]
    by_value = ferry.get("/api/facts", params={"object": "2026-03-03"}).json()["facts"]
    assert [f["predicate"] for f in by_value] == ["P577"]


def test_document_view_has_text_mentions_and_fact_spans(ferry: TestClient):
    doc = ferry.get("/api/search", params={"q": "night ferry"}).json()["documents"][0]
    view = ferry.get(f"/api/documents/{doc['id']}").json()
    assert view["text"] == NOTE_TEXT
    assert len(view["facts"]) == 8
    for m in view["mentions"]:
        assert view["text"][m["start"]:m["end"]] == m["text"]
    for f in view["facts"]:
        for ev in f["evidence"]:
            assert view["text"][ev["start"]:ev["end"]] == ev["text"]


def test_neighbourhood_of_the_film(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    hood = ferry.get(f"/api/entities/{film['id']}/neighbourhood").json()
    names = {n["name"] for n in hood["nodes"]}
    assert {"Night Ferry", "Tomas Berg", "Aksel", "Ilse Marten", "Harbour Film Week"} <= names
    ids = {n["id"] for n in hood["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in hood["edges"])


def test_openapi_docs_are_served(client: TestClient):
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/facts/{fact_id}/reject" in paths and "/api/documents" in paths


def test_red_silk_through_the_real_pipeline(red_silk: TestClient):
    """The shared article, read and extracted for real: the actor, found by surname, plays Nikolai."""
    person = find_entity(red_silk, "Bikovic", "Person")
    assert "Milos" in person["name"]
    film = find_entity(red_silk, "Red Silk", "Film")
    fact = cast_fact(red_silk, film["id"], "Milos")
    assert "Nikolai" in fact["qualifiers"]["P453"]["entity"]["name"]
    text = RED_SILK.read_text(encoding="utf-8")
    for ev in fact["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]


# ---------------------------------------------------------------- curation


def test_reject_hides_the_fact_and_survives_reingest(ferry: TestClient):
    store = ferry.app.state.store
    film = find_entity(ferry, "Night Ferry", "Film")
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    response = ferry.post(f"/api/facts/{fact['id']}/reject", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["audit_id"] and response.json()["status"] == "rejected"

    def cast() -> list[int]:
        rows = ferry.get("/api/facts", params={"subject": film["id"], "predicate": "P161"}).json()["facts"]
        return [f["id"] for f in rows]

    assert cast() == []
    assert store.ingest(night_ferry()).status == "unchanged"
    assert cast() == []
    # An edited version of the note replaces the old one; the curator's rejection still holds.
    assert store.ingest(night_ferry(extra="It runs 128 minutes.\n")).status == "replaced"
    assert cast() == []
    kept = ferry.get("/api/facts", params={"subject": film["id"], "predicate": "P161",
                                           "include_rejected": "true"}).json()["facts"]
    assert [(f["object"]["entity"]["name"], f["status"]) for f in kept] == [("Tomas Berg", "rejected")]


def test_reject_twice_and_missing_fact(ferry: TestClient):
    assert_error(ferry.post("/api/facts/987654/reject", headers=AUTH), 404, "not_found")
    assert_error(ferry.post("/api/audit/987654/undo", headers=AUTH), 404, "not_found")


def test_confirm_then_undo(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    audit_id = ferry.post(f"/api/facts/{fact['id']}/confirm", headers=AUTH).json()["audit_id"]
    assert cast_fact(ferry, film["id"], "Tomas Berg")["status"] == "confirmed"
    entries = ferry.get("/api/audit").json()["audit"]
    assert entries[0]["id"] == audit_id and entries[0]["actor"] == "api"
    assert entries[0]["action"] == "set_fact_status" and not entries[0]["undone"]
    undone = ferry.post(f"/api/audit/{audit_id}/undo", headers=AUTH)
    assert undone.status_code == 200 and undone.json()["undone"] == audit_id
    assert cast_fact(ferry, film["id"], "Tomas Berg")["status"] == "asserted"
    again = ferry.post(f"/api/audit/{audit_id}/undo", headers=AUTH)
    assert_error(again, 400, "bad_request")
    assert [a["action"] for a in ferry.get("/api/audit", params={"offset": 1}).json()["audit"]] == \
        ["set_fact_status"]


def test_edit_a_literal_value(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    [fact] = ferry.get("/api/facts", params={"subject": film["id"], "predicate": "P577"}).json()["facts"]
    response = ferry.patch(f"/api/facts/{fact['id']}", json={"value": "2026-03-04"}, headers=AUTH)
    assert response.status_code == 200, response.text
    [after] = ferry.get("/api/facts", params={"subject": film["id"], "predicate": "P577"}).json()["facts"]
    assert after["object"]["value"] == "2026-03-04" and after["object"]["original_value"] == "2026-03-03"


def test_edit_needs_a_value(ferry: TestClient):
    error = assert_error(ferry.patch("/api/facts/1", json={}, headers=AUTH), 422, "invalid_request")
    assert "value" in error["message"]


def test_merge_and_split_with_undo(ferry: TestClient):
    berg = find_entity(ferry, "Tomas Berg", "Person")
    marten = find_entity(ferry, "Ilse Marten", "Person")
    assert_error(ferry.post("/api/entities/merge", json={"keep": berg["id"], "other": berg["id"]},
                            headers=AUTH), 422, "invalid_request")
    merged = ferry.post("/api/entities/merge", json={"keep": berg["id"], "other": marten["id"]}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert_error(ferry.get(f"/api/entities/{marten['id']}"), 404, "not_found")
    assert "Ilse Marten" in json.dumps(ferry.get(f"/api/entities/{berg['id']}").json()["names"])
    split = ferry.post(f"/api/entities/{berg['id']}/split", json={"names": ["Ilse Marten"]}, headers=AUTH)
    assert split.status_code == 200, split.text
    new_id = split.json()["new_entity_id"]
    assert ferry.get(f"/api/entities/{new_id}").json()["name"] == "Ilse Marten"
    assert "Ilse Marten" not in json.dumps(ferry.get(f"/api/entities/{berg['id']}").json()["names"])
    actions = [a["action"] for a in ferry.get("/api/audit").json()["audit"]]
    assert actions == ["split_entity", "merge_entities"]
    undo = ferry.post(f"/api/audit/{split.json()['audit_id']}/undo", headers=AUTH)
    assert undo.status_code == 200, undo.text
    assert "Ilse Marten" in json.dumps(ferry.get(f"/api/entities/{berg['id']}").json()["names"])
    undo = ferry.post(f"/api/audit/{merged.json()['audit_id']}/undo", headers=AUTH)
    assert undo.status_code == 200, undo.text
    assert ferry.get(f"/api/entities/{marten['id']}").json()["name"] == "Ilse Marten"


def test_split_needs_names(ferry: TestClient):
    berg = find_entity(ferry, "Tomas Berg", "Person")
    assert_error(ferry.post(f"/api/entities/{berg['id']}/split", json={"names": []}, headers=AUTH),
                 422, "invalid_request")
    assert_error(ferry.post(f"/api/entities/{berg['id']}/split", json={"names": ["Nobody"]}, headers=AUTH),
                 400, "bad_request")


# ---------------------------------------------------------------- exports


def test_export_jsonl(ferry: TestClient):
    response = ferry.get("/api/export/jsonl")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert lines


def test_export_csv_is_a_zip(ferry: TestClient):
    response = ferry.get("/api/export/csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        assert any(n.endswith(".csv") for n in zf.namelist())
        assert any("Tomas Berg" in zf.read(n).decode("utf-8") for n in zf.namelist())


def test_export_jsonld_and_ttl_parse(ferry: TestClient):
    jsonld = ferry.get("/api/export/jsonld")
    assert jsonld.status_code == 200 and json.loads(jsonld.text)
    ttl = ferry.get("/api/export/ttl")
    assert ttl.status_code == 200
    graph = rdflib.Graph().parse(data=ttl.text, format="turtle")
    assert len(graph) > 10
