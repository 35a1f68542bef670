"""The UI pages: how cards become film and person pages, highlighting, and escaping."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from reelgraph.model import Document, Entity, Extraction, Span
from reelgraph.serve import pages

from serve_helpers import AUTH, cast_fact, find_entity, night_ferry

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
    card = {"names": {"ru": {"canonical": "Томас Берг", "aliases": []},
                      "en": {"canonical": "Tomas Berg", "aliases": ["Berg", "Tomas Berg"]},
                      "zh": {"canonical": None, "aliases": ["托马斯·贝格"]}}}
    assert pages.card_names(card) == [("en", ["Tomas Berg", "Berg"]), ("ru", ["Томас Берг"]),
                                      ("zh", ["托马斯·贝格"])]


# ---------------------------------------------------------------- the pages, rendered


def test_home_and_search_pages(ferry: TestClient):
    home = ferry.get("/").text
    assert "documents" in home
    assert re.search(r'<a href="/documents/\d+">Night Ferry</a>\s*<span class="muted">night-ferry.txt', home)
    page = ferry.get("/search", params={"q": "berg"}).text
    assert re.search(r'href="/entities/\d+"[^>]*>Tomas Berg</a>', page)
    assert re.search(r'href="/entities/\d+"[^>]*>Bergen</a>', page)


def test_film_page_shows_cast_with_roles_and_timeline(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    page = ferry.get(f"/entities/{film['id']}").text
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    row = re.search(rf'<tr class="fact s-asserted" id="fact-{fact["id"]}".*?</tr>', page, re.S)
    assert row, page
    assert re.search(r'<td class="actor"><a [^>]*>Tomas Berg</a></td>\s*<td class="role"><a [^>]*>Aksel</a>',
                     row.group(0))
    assert "Actor Tomas Berg plays the captain Aksel in the film." in row.group(0)
    assert f'href="/documents/{fact["evidence"][0]["document_id"]}?fact={fact["id"]}"' in row.group(0)
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', page, re.S).group(1)
    assert re.findall(r"<time>(.*?)</time>", timeline) == ["2025-05-02", "2025-05-02", "2026-03-03"]
    assert "Nordlys Pictures" in page and "Ilse Marten" in page


def test_person_page_lists_films_and_names(ferry: TestClient):
    person = find_entity(ferry, "Tomas Berg", "Person")
    page = ferry.get(f"/entities/{person['id']}").text
    films = re.search(r'<table class="films">.*?</table>', page, re.S).group(0)
    assert "Night Ferry" in films and "Aksel" in films and "cast member" in films
    names = re.search(r'<table class="names">.*?</table>', page, re.S).group(0)
    assert "Tomas Berg · Berg" in names


def test_person_page_shows_names_in_every_language(ferry: TestClient):
    text = "Томас Берг сыграл капитана Акселя."
    note = Extraction(Document("berg-ru.txt", text, title=None, language="ru"),
                      [Entity("e1", "Person", "Томас Берг", [], [Span(0, 10, "Томас Берг")])], [])
    ferry.app.state.store.ingest(note)
    person = find_entity(ferry, "Tomas Berg", "Person")
    page = ferry.get(f"/entities/{person['id']}").text
    names = re.search(r'<table class="names">.*?</table>', page, re.S).group(0)
    assert re.search(r'<td class="lang">ru</td><td>Томас Берг</td>', names)


def test_document_page_highlights_the_asked_fact(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    doc_id = fact["evidence"][0]["document_id"]
    page = ferry.get(f"/documents/{doc_id}", params={"fact": fact["id"]}).text
    active = re.findall(rf'<span class="seg ev active" data-facts=" {fact["id"]} ">(.*?)</span>', page)
    assert "".join(re.sub(r"<[^>]+>", "", a) for a in active) == \
        "Actor Tomas Berg plays the captain Aksel in the film."
    assert re.search(r'<a class="mention t-Person" href="/entities/\d+"[^>]*>Tomas Berg</a>', page)
    assert f'id="fact-{fact["id"]}"' in page


def test_article_text_is_escaped(client: TestClient):
    evil = "<script>alert('x')</script>"
    extraction = night_ferry(extra=f"{evil} <img src=x onerror=alert(1)>\n")
    extraction.document = dataclasses.replace(extraction.document, title=f"Night {evil}", source="<b>evil</b>.txt")
    result = client.app.state.store.ingest(extraction)
    page = client.get(f"/documents/{result.document_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>evil</b>" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;evil&lt;/b&gt;" in page
    search = client.get("/search", params={"q": "night"}).text
    assert "<script>alert" not in search and "&lt;script&gt;alert(" in search


def test_graph_page_works_without_the_bundle(ferry: TestClient, monkeypatch, tmp_path):
    monkeypatch.setattr(pages, "BUNDLE", tmp_path / "absent.js")
    film = find_entity(ferry, "Night Ferry", "Film")
    page = ferry.get(f"/entities/{film['id']}/graph").text
    assert "build/graph.js" not in page and "npm run build" in page
    edges = re.search(r'<table class="edges">.*?</table>', page, re.S).group(0)
    assert re.search(r">Night Ferry</a></td><td>cast member</td><td><a [^>]*>Tomas Berg</a>", edges)


def test_graph_page_loads_the_bundle_when_built(ferry: TestClient, monkeypatch, tmp_path):
    built = tmp_path / "graph.js"
    built.write_text("// built", encoding="utf-8")
    monkeypatch.setattr(pages, "BUNDLE", built)
    film = find_entity(ferry, "Night Ferry", "Film")
    page = ferry.get(f"/entities/{film['id']}/graph").text
    assert "build/graph.js" in page and f'data-url="/api/entities/{film["id"]}/neighbourhood?depth=1"' in page


def test_audit_page_lists_steps(ferry: TestClient):
    film = find_entity(ferry, "Night Ferry", "Film")
    fact = cast_fact(ferry, film["id"], "Tomas Berg")
    audit_id = ferry.post(f"/api/facts/{fact['id']}/reject", headers=AUTH).json()["audit_id"]
    page = ferry.get("/audit").text
    assert f'<button type="button" class="undo" data-audit="{audit_id}">' in page


@pytest.mark.parametrize("path", ["/static/app.js", "/static/style.css"])
def test_static_files_are_served(client: TestClient, path: str):
    assert client.get(path).status_code == 200


def test_a_qualifier_reads_in_words_after_its_fact(client: TestClient):
    macros = client.app.state.templates.env.get_template("macros.html").module
    release = fact(22, "P577", {"value": "2025-03-03", "datatype": "date"},
                   quals={"P291": {"entity": OSLO},
                          "rg:date_resolution": {"value": "year from publication date 2025-02-01", "datatype": "string"}})
    html = str(macros.qualifiers(release))
    assert re.search(r'title="P291">in</span>', html), html
    assert re.search(r'title="rg:date_resolution">dated by</span> <span class="value dt-string">year from publication date 2025-02-01</span>', html), html
