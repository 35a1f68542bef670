"""The FastAPI app: a JSON API under /api and the web UI, both over one store.

Reads are open; every write needs `Authorization: Bearer <token>`. Every error,
API or not, has one shape: `{"error": {"status", "code", "message"}}` (UI pages
asked for by a browser get the same error as an HTML page). All data access
goes through `reelgraph.store` and `reelgraph.query`, like the CLI.
"""

from __future__ import annotations

import dataclasses
import hmac
import io
import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable

from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from reelgraph import query
from reelgraph.errors import (InputError, ModelMissingError, NotFoundError, PatternError,
                              ReelgraphError, StoreError, UsageError)
from reelgraph.store import Store, open_store

log = logging.getLogger(__name__)

UI_DIR = Path(__file__).resolve().parent / "ui"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024          # bytes; REELGRAPH_MAX_UPLOAD overrides
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACTOR = "api"

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error",
         503: "unavailable"}

EXPORT_MEDIA = {"jsonl": ("application/x-ndjson", "reelgraph.jsonl"),
                "csv": ("application/zip", "reelgraph-csv.zip"),
                "jsonld": ("application/ld+json", "reelgraph.jsonld"),
                "ttl": ("text/turtle", "reelgraph.ttl")}


class ApiError(Exception):
    """An error the API reports as it is, in the one error shape."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one error shape every failing request gets."""
    error: dict[str, Any] = {"status": status, "code": code or CODES.get(status, "error"),
                             "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def _status_of(exc: ReelgraphError) -> tuple[int, str]:
    """HTTP status and code for a library error."""
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, InputError):
        return 422, "invalid_input"
    if isinstance(exc, UsageError):
        return 400, "bad_request"
    if isinstance(exc, StoreError):
        return 409, "conflict"
    if isinstance(exc, ModelMissingError):
        return 503, "model_missing"
    if isinstance(exc, PatternError):
        return 500, "bad_pattern"
    return 500, "internal_error"


def _wants_html(request: Request) -> bool:
    """UI pages asked for by a browser get errors as HTML; everything else gets JSON."""
    path = request.url.path
    if path.startswith("/api") or path in ("/docs", "/openapi.json", "/redoc"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _plain(value: Any) -> Any:
    """Dataclasses and tuples from the library as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def _id(value: str | None) -> int | str | None:
    """Store ids are integers; a non-numeric filter (a name or a P-id) passes as text."""
    if value is None or value == "":
        return None
    return int(value) if value.lstrip("-").isdigit() else value


def _replay(body: bytes) -> Callable:
    """An ASGI receive that hands back a body already read (to parse it as a form)."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return receive


async def _read_capped(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise ApiError(413, f"the upload is {int(length)} bytes; the limit is {limit} bytes")
    buf = bytearray()
    async for chunk in request.stream():
        buf += chunk
        if len(buf) > limit:
            raise ApiError(413, f"the upload is over the limit of {limit} bytes")
    return bytes(buf)


def _ingest(store: Store, lock: threading.Lock, data: bytes, source: str, lang: str | None,
            html: bool | None) -> dict[str, Any]:
    """read -> extract -> store.ingest, the same path as `reelgraph ingest`."""
    from reelgraph.extract import extract
    from reelgraph.read import read_bytes

    doc = read_bytes(data, source, lang=lang, html=html)
    extraction = extract(doc)
    with lock:
        result = store.ingest(extraction)
    out = _plain(result)
    if not isinstance(out, dict):
        out = {"result": out}
    out.setdefault("source", doc.source)
    out.setdefault("title", doc.title)
    out.setdefault("language", doc.language)
    out.setdefault("entities_extracted", len(extraction.entities))
    out.setdefault("facts_extracted", len(extraction.facts))
    return out


def _export(store: Store, fmt: str) -> bytes:
    """One export format as bytes; csv comes as a zip of its files."""
    if fmt not in EXPORT_MEDIA:
        raise ApiError(404, f"no export format {fmt!r}; known: {', '.join(EXPORT_MEDIA)}")
    from reelgraph.export import EXPORTERS

    if fmt == "csv":      # a binary stream gets the nodes and edges files as one zip
        buf = io.BytesIO()
        EXPORTERS[fmt](store, buf)
        return buf.getvalue()
    out = io.StringIO()
    EXPORTERS[fmt](store, out)
    return out.getvalue().encode("utf-8")


def _store(request: Request) -> Store:
    return request.app.state.store


def _lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


def _api_router() -> APIRouter:
    """Every /api route; writes are checked for the token by the app's middleware."""
    api = APIRouter(prefix="/api")

    @api.get("/search", summary="Entities and documents matching a text")
    def search(q: str = Query("", description="text to look for; case- and accent-insensitive"),
               limit: int = Query(20, ge=1, le=200), store: Store = Depends(_store)) -> dict[str, Any]:
        if not q.strip():
            return {"entities": [], "documents": []}
        return _plain(query.search(store, q, limit=limit))

    @api.get("/entities", summary="Entities having a name or alias")
    def entities_by_name(name: str = Query(..., min_length=1),
                         store: Store = Depends(_store)) -> dict[str, Any]:
        return {"entities": _plain(query.find_entities(store, name))}

    @api.get("/entities/{entity_id}", summary="One entity: names in every language, facts in and out")
    def entity(entity_id: int, store: Store = Depends(_store)) -> dict[str, Any]:
        return _plain(query.entity_card(store, entity_id))

    @api.get("/entities/{entity_id}/neighbourhood", summary="Nodes and edges around an entity")
    def neighbourhood(entity_id: int, depth: int = Query(1, ge=1, le=3),
                      store: Store = Depends(_store)) -> dict[str, Any]:
        return _plain(query.neighbourhood(store, entity_id, depth=depth))

    @api.get("/facts", summary="Facts, filtered and paginated")
    def facts(request: Request,
              subject: str | None = Query(None, description="subject entity id"),
              predicate: str | None = Query(None, description="a P-id such as P161"),
              object: str | None = Query(None, description="object entity id or value"),
              limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
              include_rejected: bool = Query(False),
              store: Store = Depends(_store)) -> dict[str, Any]:
        rows = query.list_facts(store, subject=_id(subject), predicate=predicate or None,
                                object=_id(object), limit=limit, offset=offset,
                                include_rejected=include_rejected)
        nxt = None
        if len(rows) == limit:
            nxt = str(request.url.include_query_params(offset=offset + limit))
        return {"facts": _plain(rows), "limit": limit, "offset": offset, "next": nxt}

    @api.get("/documents/{doc_id}", summary="A document: text, entity mentions, facts with spans")
    def document(doc_id: str, store: Store = Depends(_store)) -> dict[str, Any]:
        return _plain(query.document_view(store, _id(doc_id)))

    @api.post("/documents", status_code=201, summary="Upload an article and ingest it",
              openapi_extra={"requestBody": {
                  "description": "the article as a multipart `file` field, or as the raw body "
                                 "(text/plain or text/html)",
                  "content": {"multipart/form-data": {"schema": {
                      "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
                      "text/plain": {"schema": {"type": "string"}},
                      "text/html": {"schema": {"type": "string"}}}}})
    async def upload(request: Request,
                     source: str | None = Query(None, description="name to keep as the document's source"),
                     lang: str | None = Query(None, pattern="^(en|ru|zh)$"),
                     html: bool | None = Query(None, description="force HTML (true) or text (false)"),
                     ) -> dict[str, Any]:
        body = await _read_capped(request, request.app.state.max_upload)
        ctype = request.headers.get("content-type", "")
        name = source
        if ctype.startswith("multipart/form-data"):
            form = await Request(request.scope, _replay(body)).form()
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ApiError(422, "the multipart upload needs a `file` field with the article")
            data = await upload.read()
            name = name or upload.filename or "upload"
            if html is None and (upload.content_type or "").startswith("text/html"):
                html = True
        else:
            data = body
            if html is None and ctype.startswith("text/html"):
                html = True
        if not data.strip():
            raise ApiError(422, "the upload is empty")
        return await run_in_threadpool(_ingest, request.app.state.store, request.app.state.write_lock,
                                       data, name or "upload", lang, html)

    @api.get("/export/{fmt}", summary="The whole graph as jsonl, csv (zip), jsonld or ttl",
             response_class=Response)
    def export(fmt: str, store: Store = Depends(_store)) -> Response:
        data = _export(store, fmt)
        media, filename = EXPORT_MEDIA[fmt]
        return Response(data, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    @api.post("/facts/{fact_id}/confirm", summary="Mark a fact as confirmed (audited, undoable)")
    def confirm(fact_id: int, store: Store = Depends(_store),
                lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        return _set_fact_status(store, lock, fact_id, "confirmed")

    @api.post("/facts/{fact_id}/reject", summary="Reject a fact; it stays rejected on re-ingest")
    def reject(fact_id: int, store: Store = Depends(_store),
               lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        return _set_fact_status(store, lock, fact_id, "rejected")

    @api.patch("/facts/{fact_id}", summary="Edit a fact's literal value")
    def edit(fact_id: int, value: str = Body(..., embed=True, min_length=1),
             store: Store = Depends(_store), lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        with lock:
            audit_id = store.edit_fact(fact_id, value, ACTOR)
        return {"ok": True, "audit_id": audit_id, "fact_id": fact_id, "value": value}

    @api.post("/entities/merge", summary="Merge entity `other` into entity `keep`")
    def merge(keep: int = Body(...), other: int = Body(...), store: Store = Depends(_store),
              lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        if keep == other:
            raise ApiError(422, f"cannot merge entity {keep} with itself")
        with lock:
            audit_id = store.merge_entities(keep, other, ACTOR)
        return {"ok": True, "audit_id": audit_id, "keep": keep, "other": other}

    @api.post("/entities/{entity_id}/split", summary="Move some names of an entity to a new one")
    def split(entity_id: int, names: list[str] = Body(..., embed=True, min_length=1),
              store: Store = Depends(_store), lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        with lock:
            new_id = store.split_entity(entity_id, names, ACTOR)
            # split_entity returns the new entity; its audit entry is the newest one naming it.
            audit_id = next((a["id"] for a in store.audit_entries(limit=20)
                             if a["action"] == "split_entity" and (a["payload"] or {}).get("new_id") == new_id),
                            None)
        return {"ok": True, "audit_id": audit_id, "entity_id": entity_id, "new_entity_id": new_id}

    @api.post("/audit/{audit_id}/undo", summary="Undo one curation step")
    def undo(audit_id: int, store: Store = Depends(_store),
             lock: threading.Lock = Depends(_lock)) -> dict[str, Any]:
        with lock:
            undo_id = store.undo(audit_id, ACTOR)
        return {"ok": True, "audit_id": undo_id, "undone": audit_id}

    @api.get("/audit", summary="Curation steps, newest first")
    def audit(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
              store: Store = Depends(_store)) -> dict[str, Any]:
        return {"audit": _plain(store.audit_entries(limit=limit + offset)[offset:]),
                "limit": limit, "offset": offset}

    @api.get("/stats", summary="Counts of documents, entities, facts, mentions, names, evidence")
    def stats(store: Store = Depends(_store)) -> dict[str, Any]:
        return _plain(store.stats())

    return api


def _write_refusal(request: Request, token: str | None) -> ApiError | None:
    """Why a write request may not go on, or None when its token is right."""
    if not token:
        return ApiError(403, "writes are disabled on this server: start it with REELGRAPH_TOKEN set")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return ApiError(401, "this request changes the graph: send Authorization: Bearer <token>",
                        headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        return ApiError(401, "the token is wrong", headers={"WWW-Authenticate": "Bearer"})
    return None


def create_app(db_url: str | None = None, token: str | None = None,
               max_upload: int | None = None) -> "FastAPI":
    """The API and UI over the store at `db_url` (None: $REELGRAPH_DB or the default file).

    `token` guards every write (None: $REELGRAPH_TOKEN); without one the app refuses writes.
    `max_upload` caps an upload in bytes (None: $REELGRAPH_MAX_UPLOAD or 5 MB).
    """
    from reelgraph import __version__
    from reelgraph.serve import pages

    token = token if token is not None else os.environ.get("REELGRAPH_TOKEN") or None
    if max_upload is None:
        max_upload = int(os.environ.get("REELGRAPH_MAX_UPLOAD") or DEFAULT_MAX_UPLOAD)
    if not token:
        log.warning("REELGRAPH_TOKEN is not set: the server answers reads and refuses every write")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.store.close()     # give the connection pool back when the server stops

    app = FastAPI(title="reelgraph", version=__version__, lifespan=lifespan, docs_url=None,
                  description="Film news as a knowledge graph: every fact with its evidence. "
                              "Reads are open; writes need `Authorization: Bearer <token>`.")
    app.state.store = open_store(db_url)
    app.state.write_lock = threading.Lock()   # one writer at a time, as SQLite wants
    app.state.max_upload = max_upload
    app.state.token = token
    app.state.templates = Jinja2Templates(directory=str(UI_DIR / "templates"))
    pages.setup_templates(app.state.templates)

    @app.middleware("http")
    async def guard_writes(request: Request, call_next: Callable) -> Response:
        if request.method in WRITE_METHODS and request.url.path.startswith("/api"):
            refusal = _write_refusal(request, request.app.state.token)
            if refusal is not None:
                return _error_response(request, refusal.status, refusal.message, refusal.code,
                                       headers=refusal.headers)
        return await call_next(request)

    _add_error_handlers(app)
    app.include_router(_api_router())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(directory=str(UI_DIR / "static")), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        """The OpenAPI page, with Swagger UI's files from our own build (no CDN, works offline)."""
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="reelgraph API",
                                   **_swagger_assets())
    return app


def _swagger_assets() -> dict[str, str]:
    """Swagger UI from the npm build (`make ui`) when it is there, else FastAPI's CDN default."""
    if (UI_DIR / "static" / "build" / "swagger" / "swagger-ui-bundle.js").is_file():
        return {"swagger_js_url": "/static/build/swagger/swagger-ui-bundle.js",
                "swagger_css_url": "/static/build/swagger/swagger-ui.css",
                "swagger_favicon_url": "/static/build/swagger/favicon-32x32.png"}
    return {}


def _set_fact_status(store: Store, lock: threading.Lock, fact_id: int, status: str) -> dict[str, Any]:
    """Confirm or reject a fact under the write lock; the answer names the audit entry to undo."""
    with lock:
        audit_id = store.set_fact_status(fact_id, status, ACTOR)
    return {"ok": True, "audit_id": audit_id, "fact_id": fact_id, "status": status}


def _error_response(request: Request, status: int, message: str, code: str | None = None,
                    details: list[dict[str, Any]] | None = None,
                    headers: dict[str, str] | None = None) -> Response:
    body = error_body(status, message, code, details)
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"error": body["error"]},
                                          status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error, from routing, validation, the library or a bug, in the one shape."""

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.message, exc.code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        return _error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for err in exc.errors():
            where = " ".join(str(p) for p in err.get("loc", ()))
            details.append({"where": where, "problem": err.get("msg", "invalid")})
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return _error_response(request, 422, message, details=details)

    @app.exception_handler(ReelgraphError)
    async def on_library(request: Request, exc: ReelgraphError) -> Response:
        status, code = _status_of(exc)
        if status >= 500:
            log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return _error_response(request, status, str(exc), code)

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")
