"""The JSON API: its error shape, auth, uploads, reads, curation and exports."""

from __future__ import annotations

import io
import json
import logging
import zipfile

import pytest
import rdflib
from fastapi.testclient import TestClient

from reelgraph.serve.api import create_app

from serve_helpers import AUTH, RED_SILK, TOKEN, cast_fact, find_entity

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


def test_search_finds_the_actor_by_surname(red_silk: TestClient):
    person = find_entity(red_silk, "Bikovic", "Person")
    assert "Milos" in person["name"]


def test_search_ignores_case_and_accents(red_silk: TestClient):
    assert find_entity(red_silk, "red silk", "Film")["name"] == "Red Silk"
    assert find_entity(red_silk, "RÉD SÍLK", "Film")["name"] == "Red Silk"


def test_film_card_has_cast_with_role_and_evidence(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    card = red_silk.get(f"/api/entities/{film['id']}").json()
    assert card["type"] == "Film" and "en" in card["names"]
    fact = cast_fact(red_silk, film["id"], "Milos")
    assert fact["qualifiers"]["P453"]["entity"]["name"].endswith("Nikolai")
    ev = fact["evidence"][0]
    assert ev["source"].endswith("red-silk-premiere.txt")
    text = RED_SILK.read_text(encoding="utf-8")
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert fact["id"] in {f["id"] for f in card["facts_out"]}


def test_person_card_has_facts_in(red_silk: TestClient):
    person = find_entity(red_silk, "Bikovic", "Person")
    card = red_silk.get(f"/api/entities/{person['id']}").json()
    assert any(f["predicate"] == "P161" and f["subject"]["name"] == "Red Silk" for f in card["facts_in"])


def test_facts_paginate(red_silk: TestClient):
    everything = red_silk.get("/api/facts", params={"limit": 1000}).json()
    assert everything["next"] is None and len(everything["facts"]) >= 4
    first = red_silk.get("/api/facts", params={"limit": 2}).json()
    assert len(first["facts"]) == 2 and "offset=2" in first["next"]
    second = red_silk.get(first["next"]).json()
    assert second["offset"] == 2
    assert [f["id"] for f in first["facts"] + second["facts"]] == [f["id"] for f in everything["facts"][:4]]


def test_facts_filter_by_predicate(red_silk: TestClient):
    facts = red_silk.get("/api/facts", params={"predicate": "P161"}).json()["facts"]
    assert facts and {f["predicate"] for f in facts} == {"P161"}


def test_document_view_has_text_mentions_and_fact_spans(red_silk: TestClient):
    doc = red_silk.get("/api/search", params={"q": "red silk"}).json()["documents"][0]
    view = red_silk.get(f"/api/documents/{doc['id']}").json()
    assert view["text"] == RED_SILK.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
    assert view["mentions"] and view["facts"]
    for m in view["mentions"]:
        assert view["text"][m["start"]:m["end"]] == m["text"]


def test_neighbourhood_of_the_film(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    hood = red_silk.get(f"/api/entities/{film['id']}/neighbourhood").json()
    ids = {n["id"] for n in hood["nodes"]}
    assert film["id"] in ids and hood["edges"]
    assert all(e["source"] in ids and e["target"] in ids for e in hood["edges"])


def test_openapi_docs_are_served(client: TestClient):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/facts/{fact_id}/reject" in paths and "/api/documents" in paths


# ---------------------------------------------------------------- curation


def test_reject_hides_the_fact_and_survives_reingest(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    fact = cast_fact(red_silk, film["id"], "Milos")
    response = red_silk.post(f"/api/facts/{fact['id']}/reject", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["audit_id"]

    def listed() -> set[int]:
        rows = red_silk.get("/api/facts", params={"subject": film["id"], "predicate": "P161"}).json()["facts"]
        return {f["id"] for f in rows}

    assert fact["id"] not in listed()
    data = RED_SILK.read_bytes()
    again = red_silk.post("/api/documents", params={"source": RED_SILK.name}, content=data, headers=AUTH)
    assert again.status_code == 201, again.text
    assert fact["id"] not in listed()
    # An edited version of the article replaces the old one; the curator's rejection still holds.
    edited = data + b"\nThe film runs 128 minutes.\n"
    replaced = red_silk.post("/api/documents", params={"source": RED_SILK.name}, content=edited, headers=AUTH)
    assert replaced.json()["status"] in ("replaced", "stored"), replaced.text
    assert not any("Milos" in (f["object"].get("entity") or {}).get("name", "")
                   for f in red_silk.get("/api/facts", params={"subject": film["id"], "predicate": "P161"}
                                         ).json()["facts"])
    rejected = red_silk.get("/api/facts", params={"subject": film["id"], "predicate": "P161",
                                                  "include_rejected": True}).json()["facts"]
    assert any(f["status"] == "rejected" and "Milos" in f["object"]["entity"]["name"] for f in rejected)


def test_confirm_then_undo(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    fact = cast_fact(red_silk, film["id"], "Milos")
    audit_id = red_silk.post(f"/api/facts/{fact['id']}/confirm", headers=AUTH).json()["audit_id"]
    assert cast_fact(red_silk, film["id"], "Milos")["status"] == "confirmed"
    entries = red_silk.get("/api/audit").json()["audit"]
    assert entries[0]["id"] == audit_id and entries[0]["actor"] == "api"
    assert red_silk.post(f"/api/audit/{audit_id}/undo", headers=AUTH).status_code == 200
    assert cast_fact(red_silk, film["id"], "Milos")["status"] == "asserted"


def test_edit_a_literal_value(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    dates = red_silk.get("/api/facts", params={"subject": film["id"], "predicate": "P577"}).json()["facts"]
    assert dates, "the release date fact is missing"
    fact = dates[0]
    response = red_silk.patch(f"/api/facts/{fact['id']}", json={"value": "2025-02-21"}, headers=AUTH)
    assert response.status_code == 200, response.text
    after = red_silk.get("/api/facts", params={"subject": film["id"], "predicate": "P577"}).json()["facts"]
    assert "2025-02-21" in {f["object"]["value"] for f in after}


def test_edit_needs_a_value(red_silk: TestClient):
    assert_error(red_silk.patch("/api/facts/1", json={}, headers=AUTH), 422, "invalid_request")


def test_merge_and_split_with_undo(red_silk: TestClient):
    moscow = find_entity(red_silk, "Moscow", "City")
    kazan = find_entity(red_silk, "Kazan", "City")
    assert_error(red_silk.post("/api/entities/merge", json={"keep": moscow["id"], "other": moscow["id"]},
                               headers=AUTH), 422, "invalid_request")
    merged = red_silk.post("/api/entities/merge", json={"keep": moscow["id"], "other": kazan["id"]}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert red_silk.get(f"/api/entities/{kazan['id']}").status_code == 404
    assert "Kazan" in json.dumps(red_silk.get(f"/api/entities/{moscow['id']}").json()["names"])
    split = red_silk.post(f"/api/entities/{moscow['id']}/split", json={"names": ["Kazan"]}, headers=AUTH)
    assert split.status_code == 200, split.text
    assert "Kazan" not in json.dumps(red_silk.get(f"/api/entities/{moscow['id']}").json()["names"])
    actions = [a["action"] for a in red_silk.get("/api/audit").json()["audit"]]
    assert len(actions) == 2
    undo = red_silk.post(f"/api/audit/{split.json()['audit_id']}/undo", headers=AUTH)
    assert undo.status_code == 200, undo.text
    assert "Kazan" in json.dumps(red_silk.get(f"/api/entities/{moscow['id']}").json()["names"])


# ---------------------------------------------------------------- exports


def test_export_jsonl(red_silk: TestClient):
    response = red_silk.get("/api/export/jsonl")
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert lines


def test_export_csv_is_a_zip(red_silk: TestClient):
    response = red_silk.get("/api/export/csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
        names = zf.namelist()
        assert any(n.endswith(".csv") for n in names)


def test_export_jsonld_and_ttl_parse(red_silk: TestClient):
    jsonld = red_silk.get("/api/export/jsonld")
    assert jsonld.status_code == 200 and json.loads(jsonld.text)
    ttl = red_silk.get("/api/export/ttl")
    assert ttl.status_code == 200
    graph = rdflib.Graph().parse(data=ttl.text, format="turtle")
    assert len(graph) > 10
