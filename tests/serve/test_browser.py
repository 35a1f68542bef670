"""The UI in a real browser: Debian's Chromium driven by Playwright against a real uvicorn server.

The scenario a curator follows: upload an article, search for an actor, open
the film, find the actor's role in the cast table, open the evidence in the
article, reject the fact, and see it stay rejected when the article comes in
again. The film and document pages are saved as screenshots for docs/web.md.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest
import uvicorn

from reelgraph.serve.api import create_app

from serve_helpers import AUTH, RED_SILK, TOKEN

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server in a thread over a fresh SQLite store; yields its base URL."""
    db = tmp_path_factory.mktemp("browser") / "graph.db"
    port = free_port()
    config = uvicorn.Config(create_app(f"sqlite:///{db}", token=TOKEN), host="127.0.0.1", port=port,
                            log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(400):      # wait for the socket, not for a time
        if uv.started:
            break
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    else:
        raise RuntimeError("the server did not start")
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)    # the first upload loads the NLP model in the server
    yield tab
    context.close()


@pytest.fixture
def red_silk(server: str) -> str:
    """The server with the Red Silk article in (stored, or unchanged if the scenario put it there)."""
    response = httpx.post(f"{server}/api/documents", params={"source": RED_SILK.name},
                          content=RED_SILK.read_bytes(), headers=AUTH, timeout=120)
    assert response.status_code == 201, response.text
    return server


def cast_facts(base: str, film_id: str) -> list[dict]:
    response = httpx.get(f"{base}/api/facts", params={"subject": film_id, "predicate": "P161"})
    response.raise_for_status()
    return response.json()["facts"]


def test_curator_scenario(server: str, page):
    from playwright.sync_api import expect

    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    prompts: list[str] = []

    def answer(dialog) -> None:
        prompts.append(dialog.message)
        dialog.accept(TOKEN)
    page.on("dialog", answer)

    # Upload the article through the home page's form.
    page.goto(server + "/")
    page.set_input_files("#upload-form input[type=file]", str(RED_SILK))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(re.compile(r"/documents/\d+"))
    expect(page.locator("#doc-text")).to_contain_text("Red Silk")

    # Search as you type, open the actor, then his film.
    page.fill("#search-box", "Bikovic")
    hit = page.locator("#search-results a.hit.t-Person").first
    expect(hit).to_contain_text(re.compile(r"Milos B[iy]kovic"))
    hit.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    expect(page.locator("h1")).to_contain_text("Milos")
    page.locator("#films a.entity", has_text="Red Silk").first.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    expect(page.locator("h1")).to_contain_text("Red Silk")
    film_id = page.url.rsplit("/", 1)[1]

    # The cast table has the actor with his role.
    row = page.locator("table.cast tbody tr", has=page.locator("td.actor", has_text="Milos"))
    expect(row).to_have_count(1)
    expect(row.locator("td.role")).to_contain_text("Nikolai")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "film-page.png"), full_page=True)

    # Open the evidence, then the article with that sentence highlighted.
    fact_id = row.get_attribute("data-fact")
    row.locator(".tools .status").click()      # clicking anywhere on a fact opens its evidence
    quote = row.locator("details.evidence blockquote", has_text="Nikolai").first
    expect(quote).to_be_visible()
    quote.locator("a.open-evidence").click()
    page.wait_for_url(re.compile(rf"/documents/\d+\?fact={fact_id}"))
    active = page.locator(f'#doc-text .seg.active[data-facts~="{fact_id}"]')
    expect(active.first).to_be_visible()
    assert "Nikolai" in " ".join(active.all_inner_texts())
    expect(page.locator(f'.doc-facts .fact.active[data-fact="{fact_id}"]')).to_be_visible()
    active.filter(has_text="Nikolai").last.evaluate("node => node.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SCREENSHOTS / "document-page.png"))

    # Reject it from the article's fact list; the API stops listing it.
    tools = page.locator(f'.doc-facts .fact[data-fact="{fact_id}"] .tools')
    tools.locator('button[data-action="reject"]').click()
    expect(tools.locator(".status")).to_have_text("rejected")
    expect(page.locator("#toast button.undo")).to_be_visible()
    assert int(fact_id) not in {f["id"] for f in cast_facts(server, film_id)}

    # The same article again: the rejection holds.
    again = httpx.post(f"{server}/api/documents", params={"source": RED_SILK.name},
                       content=RED_SILK.read_bytes(), headers=AUTH, timeout=120)
    assert again.status_code == 201, again.text
    assert int(fact_id) not in {f["id"] for f in cast_facts(server, film_id)}
    page.goto(f"{server}/entities/{film_id}")
    expect(page.locator(f'table.cast tr[data-fact="{fact_id}"] .status')).to_have_text("rejected")
    assert len(prompts) == 1 and "Token" in prompts[0]    # asked once, then kept for the tab
    assert errors == []


def test_undo_from_the_toast(red_silk: str, page):
    server = red_silk
    from playwright.sync_api import expect

    page.on("dialog", lambda dialog: dialog.accept(TOKEN))
    film = httpx.get(f"{server}/api/search", params={"q": "Red Silk"}).json()["entities"][0]
    page.goto(f"{server}/entities/{film['id']}")
    row = page.locator("table.cast tbody tr", has=page.locator("td.actor", has_text="Zheng Hanyi"))
    fact_id = int(row.get_attribute("data-fact"))
    row.locator('button[data-action="confirm"]').click()
    expect(row.locator(".status")).to_have_text("confirmed")
    page.locator("#toast button.undo").click()
    page.wait_for_load_state("load")
    expect(page.locator(f'table.cast tr[data-fact="{fact_id}"] .status')).to_have_text("asserted")
    entries = httpx.get(f"{server}/api/audit").json()["audit"]
    assert [e["action"] for e in entries[:2]] == ["undo", "set_fact_status"] and entries[1]["undone"]


def test_neighbourhood_graph_is_drawn(red_silk: str, page):
    server = red_silk
    from playwright.sync_api import expect

    from reelgraph.serve.pages import BUNDLE

    if not BUNDLE.exists():
        pytest.skip("the graph bundle is not built (cd frontend && npm ci && npm run build)")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    film = httpx.get(f"{server}/api/search", params={"q": "Red Silk"}).json()["entities"][0]
    page.goto(f"{server}/entities/{film['id']}/graph")
    expect(page.locator("#graph")).to_have_attribute("data-drawn", "yes")
    expect(page.locator("#graph canvas").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "graph-page.png"))
    assert errors == []


def test_openapi_page_works_offline(server: str, page):
    """/docs draws the API's operations from Swagger UI files we serve, asking no other host."""
    from playwright.sync_api import expect

    from reelgraph.serve.api import UI_DIR

    if not (UI_DIR / "static" / "build" / "swagger" / "swagger-ui-bundle.js").exists():
        pytest.skip("the front-end build is missing (cd frontend && npm ci && npm run build)")
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(server) else None)
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    assert elsewhere == []


def test_live_search_escapes_names(server: str, page):
    page.goto(server + "/")
    page.fill("#search-box", "<img src=x onerror=alert(1)>")
    expect_text = page.locator("#search-results")
    expect_text.wait_for(state="visible")
    assert page.locator("#search-results img").count() == 0


def test_merge_from_the_entity_page_then_undo(red_silk: str, page):
    server = red_silk
    from playwright.sync_api import expect

    page.on("dialog", lambda dialog: dialog.accept(TOKEN))
    def city(name: str) -> int:
        hits = httpx.get(f"{server}/api/search", params={"q": name}).json()["entities"]
        return next(e["id"] for e in hits if e["type"] == "City" and e["name"] == name)
    keep, other = city("Moscow"), city("Kazan")
    page.goto(f"{server}/entities/{keep}")
    page.fill("form.merge-form input[name=other]", str(other))
    page.click("form.merge-form button[type=submit]")
    expect(page.locator("#toast")).to_contain_text(f"Merged entity {other}")
    expect(page.locator("table.names")).to_contain_text("Kazan")
    assert httpx.get(f"{server}/api/entities/{other}").status_code == 404
    page.locator("#toast button.undo").click()
    expect(page.locator("#toast")).to_contain_text("Undone")
    expect(page.locator("table.names")).not_to_contain_text("Kazan")
    assert httpx.get(f"{server}/api/entities/{other}").json()["name"] == "Kazan"
