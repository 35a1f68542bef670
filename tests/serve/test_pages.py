"""The UI pages: how cards become film and person pages, highlighting, and escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from reelgraph.serve import pages

from serve_helpers import AUTH, cast_fact, find_entity

FILM = {"id": 1, "type": "Film", "name": "Night Ferry"}
ACTOR = {"id": 2, "type": "Person", "name": "Tomas Berg"}
ROLE = {"id": 3, "type": "Character", "name": "Aksel"}
OSLO = {"id": 4, "type": "City", "name": "Oslo"}
FEST = {"id": 5, "type": "Event", "name": "Harbour Film Week"}
NOTE = "Night Ferry opens in Oslo on March 3. Tomas Berg plays Aksel."


def fact(fid: int, pred: str, obj: dict, subject: dict = FILM, quals: dict | None = None,
         span: tuple[int, int] = (0, 10)) -> dict:
    return {"id": fid, "predicate": pred, "label": pred, "status": "asserted", "subject": subject,
            "object": obj, "qualifiers": quals or {}, "confidence": 0.9,
            "evidence": [{"document_id": 7, "source": "note.txt", "title": None,
                          "start": span[0], "end": span[1], "text": NOTE[span[0]:span[1]]}]}


def test_highlight_cuts_at_mentions_and_evidence():
    view = {"id": 7, "text": NOTE,
            "mentions": [{"start": 0, "end": 11, "text": "Night Ferry", "entity": FILM},
                         {"start": 38, "end": 48, "text": "Tomas Berg", "entity": ACTOR}],
            "facts": [fact(11, "P161", {"entity": ACTOR}, span=(38, 61))]}
    segments = pages.highlight(view, active=11)
    assert "".join(s["text"] for s in segments) == NOTE
    berg = next(s for s in segments if s["text"] == "Tomas Berg")
    assert berg["entity"] == ACTOR and berg["facts"] == [11] and berg["active"]
    title = segments[0]
    assert title["text"] == "Night Ferry" and title["facts"] == [] and not title["active"]
    assert any(s["text"] == " plays Aksel." and s["facts"] == [11] for s in segments)


def test_highlight_ignores_evidence_from_other_documents():
    other = fact(12, "P57", {"entity": ACTOR}, span=(0, 20))
    other["evidence"][0]["document_id"] = 99
    segments = pages.highlight({"id": 7, "text": NOTE, "mentions": [], "facts": [other]})
    assert segments == [{"text": NOTE, "start": 0, "entity": None, "facts": [], "active": False}]


def test_film_sections_sort_cast_crew_and_timeline(monkeypatch):
    monkeypatch.setattr(pages.query, "entity_card", lambda store, eid: {
        "id": eid, "facts_out": [fact(30, "P585", {"value": "2025-05-02", "datatype": "date"}, FEST)]})
    card = {**FILM, "facts_out": [
        fact(20, "P161", {"entity": ACTOR}, quals={"P453": {"entity": ROLE}}),
        fact(21, "P57", {"entity": ACTOR}),
        fact(22, "P577", {"value": "2025-03-03", "datatype": "date"}, quals={"P291": {"entity": OSLO}}),
        fact(23, "P1191", {"value": "2025-01-20", "datatype": "date"}),
        fact(24, "P5072", {"entity": FEST}),
        fact(25, "P136", {"value": "drama", "datatype": "string"}),
    ], "facts_in": []}
    sections = pages.film_sections(None, card)
    assert [(r["actor"]["entity"]["name"], r["role"]["entity"]["name"]) for r in sections["cast"]] == \
        [("Tomas Berg", "Aksel")]
    assert [f["id"] for f in sections["directors"]] == [21]
    assert [(t["date"], t["what"]) for t in sections["timeline"]] == \
        [("2025-01-20", "Premiere"), ("2025-03-03", "Release"), ("2025-05-02", "Presented at")]
    assert sections["releases"][0]["where"] == [{"entity": OSLO}]
    assert [f["id"] for f in sections["other"]] == [25]


def test_person_sections_list_films_with_roles_and_posts():
    studio = {"id": 8, "type": "Organization", "name": "North Pictures"}
    card = {**ACTOR, "facts_in": [fact(20, "P161", {"entity": ACTOR}, quals={"P453": {"entity": ROLE}}),
                                  fact(26, "P488", {"entity": ACTOR}, subject=studio)],
            "facts_out": []}
    sections = pages.person_sections(card)
    assert [(f["film"]["name"], f["as"], f["role"]["entity"]["name"]) for f in sections["films"]] == \
        [("Night Ferry", "cast member", "Aksel")]
    assert [(p["organization"]["name"], p["post"]) for p in sections["posts"]] == [("North Pictures", "chair")]


def test_names_by_language():
    card = {"names": {"ru": ["Томас Берг"], "en": ["Tomas Berg", "Berg"]}}
    assert pages.card_names(card) == [("en", ["Tomas Berg", "Berg"]), ("ru", ["Томас Берг"])]


# ---------------------------------------------------------------- the pages, rendered


def test_home_and_search_pages(red_silk: TestClient):
    assert "documents" in red_silk.get("/").text
    page = red_silk.get("/search", params={"q": "Bikovic"}).text
    assert re.search(r'href="/entities/\d+"[^>]*>Milos B[iy]kovic</a>', page)


def test_film_page_shows_cast_with_roles(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    page = red_silk.get(f"/entities/{film['id']}").text
    fact = cast_fact(red_silk, film["id"], "Milos")
    row = re.search(rf'<tr class="fact s-asserted" id="fact-{fact["id"]}".*?</tr>', page, re.S)
    assert row and "Milos" in row.group(0) and "Nikolai" in row.group(0)
    assert "Director" in page and "Timeline" in page


def test_person_page_lists_films_and_names(red_silk: TestClient):
    person = find_entity(red_silk, "Bikovic", "Person")
    page = red_silk.get(f"/entities/{person['id']}").text
    assert "Red Silk" in page and "Names in every language" in page


def test_document_page_highlights_the_asked_fact(red_silk: TestClient):
    film = find_entity(red_silk, "Red Silk", "Film")
    fact = cast_fact(red_silk, film["id"], "Milos")
    doc_id = fact["evidence"][0]["document_id"]
    page = red_silk.get(f"/documents/{doc_id}", params={"fact": fact["id"]}).text
    assert re.search(rf'class="seg ev active" data-facts="[^"]*\b{fact["id"]}\b', page)
    assert f'id="fact-{fact["id"]}"' in page


def test_article_text_is_escaped(client: TestClient):
    text = ("Night Ferry opens in Oslo. <script>alert('x')</script> Actor Tomas Berg plays Aksel. "
            "<img src=x onerror=alert(1)>\n")
    response = client.post("/api/documents", params={"source": "<b>evil</b>.txt", "html": "false"},
                           content=text.encode(), headers={**AUTH, "Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    page = client.get(f"/documents/{response.json()['document_id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>evil</b>" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;evil&lt;/b&gt;" in page


def test_graph_page_works_without_the_bundle(red_silk: TestClient, monkeypatch, tmp_path):
    monkeypatch.setattr(pages, "BUNDLE", tmp_path / "absent.js")
    film = find_entity(red_silk, "Red Silk", "Film")
    page = red_silk.get(f"/entities/{film['id']}/graph").text
    assert "build/graph.js" not in page and "npm run build" in page
    assert re.search(r"<table class=\"edges\">.*Red Silk", page, re.S)


@pytest.mark.parametrize("path", ["/static/app.js", "/static/style.css"])
def test_static_files_are_served(client: TestClient, path: str):
    assert client.get(path).status_code == 200
