"""The web UI: server-rendered pages over the same query functions as the API.

Each page takes one query result (an entity card, a document view) and sorts
its facts into what a reader looks for: a film's cast with roles, a person's
films, an article with its mentions and evidence highlighted. Jinja escapes
everything, article text included.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import Any, Iterable

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from reelgraph import query
from reelgraph.store import Store

HOME_ARTICLES = 100      # the home page lists this many articles, oldest first
BUNDLE = Path(__file__).resolve().parent / "ui" / "static" / "build" / "graph.js"

CREW = (("P57", "Director"), ("P58", "Screenwriter"), ("P162", "Producer"), ("P86", "Composer"),
        ("P344", "Director of photography"))
COMPANIES = ("P272", "P750")
FILM_ROLES = {"P161": "cast member", "P57": "director", "P162": "producer", "P58": "screenwriter",
              "P86": "composer", "P344": "director of photography"}
POSTS = {"P488": "chair", "P169": "chief executive officer", "P108": "employee"}
DATE_PROPS = ("P585", "P580", "P582")
# How a qualifier reads after a fact ("cast member Tomas Berg as Aksel"); unknown ones show their P-id.
QUALIFIER_WORDS = {"P453": "as", "P291": "in", "P276": "at", "P131": "in", "P17": "in", "P580": "from",
                   "P582": "until", "P585": "on", "P1810": "credited as", "rg:date_resolution": "dated by"}
# Neighbourhood edges from qualifiers carry only the property id as their label.
QUALIFIER_LABELS = {"P453": "character role", "P291": "place of publication", "P276": "location",
                    "P131": "located in", "P17": "country"}


def term_text(term: dict[str, Any] | None) -> str:
    """An object or qualifier as a reader sees it."""
    if not term:
        return ""
    if term.get("entity"):
        return str(term["entity"].get("name", ""))
    value = str(term.get("value", ""))
    return f"{value} {term['unit']}" if term.get("unit") else value


def term_entity(term: dict[str, Any] | None) -> dict[str, Any] | None:
    return term.get("entity") if term else None


def card_facts(card: dict[str, Any], direction: str) -> list[dict[str, Any]]:
    """Facts of a card going `out` of the entity (it is the subject) or coming `in`."""
    facts = card.get(f"facts_{direction}")
    if facts is None:
        facts = card.get(direction) or []
    return list(facts)


def card_names(card: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(language, names) pairs from a card's `{lang: {"canonical", "aliases"}}`, canonical first."""
    out = []
    for lang, slot in sorted((card.get("names") or {}).items()):
        values = [slot.get("canonical"), *(slot.get("aliases") or [])]
        out.append((lang, list(dict.fromkeys(v for v in values if v))))
    return out


def _date_key(value: str | None) -> tuple[int, str]:
    """Sorts dated items first, by ISO date; undated ones last."""
    return (0, value) if value else (1, "")


def film_sections(store: Store | None, card: dict[str, Any]) -> dict[str, Any]:
    """A film's card sorted into director, cast, crew, companies, countries and a timeline."""
    out = card_facts(card, "out")
    by_pred: dict[str, list[dict[str, Any]]] = {}
    for fact in out:
        by_pred.setdefault(fact["predicate"], []).append(fact)
    cast = [{"actor": fact["object"], "role": (fact.get("qualifiers") or {}).get("P453"), "fact": fact}
            for fact in by_pred.get("P161", [])]
    crew = [{"title": title, "facts": by_pred[p]} for p, title in CREW if by_pred.get(p)]
    timeline = []
    for fact in by_pred.get("P577", []):
        quals = fact.get("qualifiers") or {}
        timeline.append({"date": term_text(fact["object"]), "what": "Release",
                         "where": [quals[p] for p in ("P291",) if p in quals], "fact": fact})
    for fact in by_pred.get("P1191", []):
        quals = fact.get("qualifiers") or {}
        timeline.append({"date": term_text(fact["object"]), "what": "Premiere",
                         "where": [quals[p] for p in ("P276", "P131") if p in quals], "fact": fact})
    for fact in by_pred.get("P5072", []):
        event = term_entity(fact["object"])
        timeline.append({"date": _event_date(store, event), "what": "Presented at",
                         "where": [fact["object"]], "fact": fact})
    timeline.sort(key=lambda item: _date_key(item["date"]))
    shown = {"P161", "P577", "P1191", "P5072", "P495", *COMPANIES, *(p for p, _ in CREW)}
    return {"cast": cast, "crew": crew,
            "directors": by_pred.get("P57", []),
            "companies": [f for p in COMPANIES for f in by_pred.get(p, [])],
            "countries": by_pred.get("P495", []),
            "releases": [t for t in timeline if t["what"] == "Release"],
            "timeline": timeline,
            "other": [f for f in out if f["predicate"] not in shown],
            "facts_in": card_facts(card, "in")}


def _event_date(store: Store | None, event: dict[str, Any] | None) -> str | None:
    """An event's own date (point in time, else start time), from its card."""
    if not event or event.get("id") is None:
        return None
    try:
        card = query.entity_card(store, event["id"])
    except Exception:   # a missing event card only costs the timeline its date
        return None
    dates = {f["predicate"]: term_text(f["object"]) for f in card_facts(card, "out")
             if f["predicate"] in DATE_PROPS}
    return dates.get("P585") or dates.get("P580")


def person_sections(card: dict[str, Any]) -> dict[str, Any]:
    """A person's card sorted into films (with roles), organizations and posts."""
    films, posts, other_in = [], [], []
    for fact in card_facts(card, "in"):
        pred = fact["predicate"]
        if pred in FILM_ROLES:
            role = (fact.get("qualifiers") or {}).get("P453")
            films.append({"film": fact["subject"], "as": FILM_ROLES[pred], "role": role, "fact": fact})
        elif pred in POSTS:
            posts.append({"organization": fact["subject"], "post": POSTS[pred], "fact": fact})
        else:
            other_in.append(fact)
    other_out = []
    for fact in card_facts(card, "out"):
        if fact["predicate"] in POSTS and term_entity(fact["object"]):
            posts.append({"organization": term_entity(fact["object"]), "post": POSTS[fact["predicate"]],
                          "fact": fact})
        else:
            other_out.append(fact)
    films.sort(key=lambda f: (f["film"].get("name") or "").casefold())
    return {"films": films, "posts": posts, "other_out": other_out, "other_in": other_in}


def _spans(view: dict[str, Any]) -> tuple[list[tuple[int, int, dict]], list[tuple[int, int, int]]]:
    """Mention spans (with their entity) and evidence spans (with their fact id) of one document."""
    doc_id = view.get("id")
    mentions = []
    for m in view.get("mentions") or []:
        entity = m.get("entity") or {"id": m.get("entity_id"), "type": m.get("type"), "name": m.get("name")}
        mentions.append((int(m["start"]), int(m["end"]), entity))
    evidence = []
    for fact in view.get("facts") or []:
        for ev in fact.get("evidence") or []:
            if ev.get("document_id") not in (None, doc_id):
                continue
            evidence.append((int(ev["start"]), int(ev["end"]), fact["id"]))
    return mentions, evidence


def highlight(view: dict[str, Any], active: int | None = None) -> list[dict[str, Any]]:
    """The document text cut where a mention or an evidence span starts or ends.

    Each segment says which entity it mentions (if any) and which facts it is
    evidence for, so the template can mark both without ever building HTML here.
    """
    text = view.get("text") or ""
    mentions, evidence = _spans(view)
    bounds = {0, len(text)}
    for start, end, _ in (*mentions, *evidence):
        bounds.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    cuts = sorted(bounds)
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        entity = next((e for s, t, e in mentions if s <= a and b <= t), None)
        facts = sorted({f for s, t, f in evidence if s <= a and b <= t})
        segments.append({"text": text[a:b], "start": a, "entity": entity, "facts": facts,
                         "active": active in facts if active is not None else False})
    return segments


def doc_facts(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's facts, in the order their first evidence appears in the text."""
    def first(fact: dict[str, Any]) -> int:
        starts = [ev["start"] for ev in fact.get("evidence") or []]
        return min(starts) if starts else 1 << 30
    return sorted(view.get("facts") or [], key=first)


def setup_templates(templates: Jinja2Templates) -> None:
    """Helpers the templates call to show facts."""
    templates.env.filters["basename"] = lambda path: str(path or "the article").replace("\\", "/").rsplit("/", 1)[-1]
    templates.env.globals.update(term_text=term_text, term_entity=term_entity,
                                 evidence_links=evidence_links, unique_names=unique_names,
                                 qualifier_words=QUALIFIER_WORDS, qualifier_labels=QUALIFIER_LABELS)


def unique_names(names: list[tuple[str, list[str]]]) -> list[str]:
    """Every name of an entity once, whatever its language."""
    return list(dict.fromkeys(v for _, values in names for v in values))


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("has_bundle", BUNDLE.exists())
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _store(request: Request) -> Store:
    return request.app.state.store


def router() -> APIRouter:
    """The UI's pages; every piece of data they show comes from `reelgraph.query`."""
    ui = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @ui.get("/")
    def home(request: Request, store: Store = Depends(_store)) -> Response:
        articles = list(islice(query.iter_documents(store, with_text=False), HOME_ARTICLES))
        return _render(request, "index.html", {"stats": store.stats(), "articles": articles,
                                               "more": len(articles) == HOME_ARTICLES})

    @ui.get("/search")
    def search(request: Request, q: str = Query(""), store: Store = Depends(_store)) -> Response:
        results = query.search(store, q, limit=50) if q.strip() else {"entities": [], "documents": []}
        return _render(request, "search.html", {"q": q, "results": results})

    @ui.get("/entities/{entity_id}")
    def entity(request: Request, entity_id: int, store: Store = Depends(_store)) -> Response:
        card = query.entity_card(store, entity_id)
        context: dict[str, Any] = {"card": card, "names": card_names(card)}
        if card.get("type") == "Film":
            context.update(film_sections(store, card))
            return _render(request, "film.html", context)
        if card.get("type") == "Person":
            context.update(person_sections(card))
            return _render(request, "person.html", context)
        context.update({"facts_out": card_facts(card, "out"), "facts_in": card_facts(card, "in")})
        return _render(request, "entity.html", context)

    @ui.get("/entities/{entity_id}/graph")
    def graph(request: Request, entity_id: int, depth: int = Query(1, ge=1, le=3),
              store: Store = Depends(_store)) -> Response:
        card = query.entity_card(store, entity_id)
        hood = query.neighbourhood(store, entity_id, depth=depth)
        names = {n["id"]: n for n in hood.get("nodes") or []}
        return _render(request, "graph.html", {"card": card, "hood": hood, "nodes": names, "depth": depth})

    @ui.get("/documents/{doc_id}")
    def document(request: Request, doc_id: int, fact: int | None = Query(None),
                 store: Store = Depends(_store)) -> Response:
        view = query.document_view(store, doc_id)
        return _render(request, "document.html", {"doc": view, "segments": highlight(view, fact),
                                                  "facts": doc_facts(view), "active": fact})

    @ui.get("/audit")
    def audit(request: Request, store: Store = Depends(_store)) -> Response:
        return _render(request, "audit.html", {"entries": store.audit_entries(limit=200)})

    return ui


def evidence_links(fact: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Each evidence span of a fact with the link that opens it highlighted in its article."""
    for ev in fact.get("evidence") or []:
        doc = ev.get("document_id")
        yield {**ev, "href": f"/documents/{doc}?fact={fact['id']}" if doc is not None else None}
