"""The `reelgraph` command line, end to end over a real store and real models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from reelgraph.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"

# Our own small articles: one English, one Russian.
ARTICLES = {
    "harbor-lights.txt": (
        "Harbor Lights premieres in Lisbon\n\n"
        "The drama \"Harbor Lights\", directed by Marta Quinlan, premiered on Friday at the Tivoli cinema "
        "in Lisbon. The film stars Daniel Ostrow and Petra Lindqvist. It opens in cinemas across Portugal "
        "on March 3.\n"),
    "tikhaya-gavan.txt": (
        "«Тихая гавань» выходит в прокат\n\n"
        "12 марта в российский прокат выходит драма «Тихая гавань» режиссёра Анны Веретенниковой. "
        "Главные роли в фильме исполнили Павел Сорокин и Ирина Лебедева. Премьера картины прошла "
        "в кинотеатре «Маяк» в Самаре.\n"),
}


def run(*args: str, input: str | None = None):
    """Invoke the CLI in-process; stdout and stderr come back apart."""
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory, corpus) -> str:
    """A store holding the two articles, shared by the read-only tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'graph.db'}"
    result = run("ingest", str(corpus), "--db", url)
    assert result.exit_code == 0, result.stderr
    return url


def _commands() -> list[str]:
    return sorted(typer.main.get_command(app).commands)


def test_every_command_is_there():
    assert set(_commands()) >= {"extract", "ingest", "stats", "show", "facts", "search", "export", "evaluate",
                                "why", "merge", "split", "serve", "batch"}


@pytest.mark.parametrize("command", [None, *_commands()])
def test_help_shows_an_example(command):
    args = [command, "--help"] if command else ["--help"]
    result = run(*args)
    assert result.exit_code == 0
    assert f"Example: reelgraph {command or ''}".rstrip() in result.stdout


def test_extract_prints_one_contract_object_per_document(corpus):
    result = run("extract", str(corpus), "--format", "json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert [Path(o["document"]["source"]).name for o in objects] == sorted(ARTICLES)
    assert [o["document"]["language"] for o in objects] == ["en", "ru"]
    for obj in objects:
        assert set(obj) == {"document", "entities", "facts"}
        text = obj["document"]["text"]
        assert text == ARTICLES[Path(obj["document"]["source"]).name]
        for entity in obj["entities"]:
            for m in entity["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]


def test_extract_output_passes_the_shared_validator(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(run("extract", str(corpus)).stdout, encoding="utf-8")
    check = subprocess.run([sys.executable, str(SHARED / "tools" / "validate.py"), str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "2 documents (2 with text checked)" in check.stdout


def test_extract_reads_standard_input_and_lang_overrides():
    result = run("extract", "-", "--lang", "en", input=ARTICLES["harbor-lights.txt"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)["document"]
    assert doc["source"] == "<stdin>" and doc["language"] == "en"
    assert doc["title"] == "Harbor Lights premieres in Lisbon"


def test_extract_table(corpus):
    result = run("extract", str(corpus / "harbor-lights.txt"), "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "harbor-lights.txt (en): Harbor Lights" in result.stdout
    assert "predicate" in result.stdout and "evidence" in result.stdout


def test_ingest_counts_and_is_idempotent(corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    first = run("ingest", str(corpus), "--db", url)
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == "ingested 2 documents: 2 stored, 0 unchanged, 0 replaced, 0 failed"
    again = run("ingest", str(corpus), "--db", url)
    assert again.stdout.strip() == "ingested 2 documents: 0 stored, 2 unchanged, 0 replaced, 0 failed"


def test_db_defaults_to_the_environment(corpus, tmp_path, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("REELGRAPH_DB", f"sqlite:///{path}")
    assert run("ingest", str(corpus / "harbor-lights.txt")).exit_code == 0
    assert path.exists()
    assert json.loads(run("stats", "--format", "json").stdout)["documents"] == 1


def test_stats(db):
    counts = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert counts["documents"] == 2
    assert counts["entities"] > 0 and counts["facts"] > 0 and counts["mentions"] > 0
    table = run("stats", "--db", db)
    assert table.exit_code == 0 and "documents" in table.stdout


def _an_entity(db: str, type_: str = "Person") -> dict:
    found = json.loads(run("search", "Lindqvist", "--db", db, "--format", "json").stdout)
    return next(e for e in found["entities"] if e["type"] == type_)


def test_search_and_show(db):
    person = _an_entity(db)
    assert "Lindqvist" in person["name"]
    card = run("show", person["name"], "--db", db)
    assert card.exit_code == 0, card.stderr
    assert person["name"] in card.stdout and "Person" in card.stdout
    by_id = run("show", str(person["id"]), "--db", db, "--format", "json")
    assert json.loads(by_id.stdout.splitlines()[0])["id"] == person["id"]


def test_show_unknown_name_fails_on_one_line(db):
    result = run("show", "Nobody Atall", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == "reelgraph: error: no entity named 'Nobody Atall'\n"
    assert result.stdout == ""


def test_facts_filters(db):
    rows = [json.loads(x) for x in run("facts", "--db", db, "--format", "json").stdout.splitlines()]
    assert rows
    predicate = rows[0]["predicate"]
    only = [json.loads(x) for x in run("facts", "--db", db, "--format", "json", "--predicate", predicate)
            .stdout.splitlines()]
    assert only and all(r["predicate"] == predicate for r in only)
    limited = run("facts", "--db", db, "--format", "json", "--limit", "1").stdout.splitlines()
    assert len(limited) == 1
    assert run("facts", "--db", db).exit_code == 0


@pytest.mark.parametrize("fmt", ["jsonl", "jsonld", "ttl"])
def test_export_to_stdout_and_file(db, tmp_path, fmt):
    to_stdout = run("export", "--format", fmt, "--db", db)
    assert to_stdout.exit_code == 0, to_stdout.stderr
    assert to_stdout.stdout.strip()
    target = tmp_path / f"graph.{fmt}"
    assert run("export", "--format", fmt, "--db", db, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == to_stdout.stdout


def test_export_into_a_reader_that_stops_early_ends_quietly(db):
    """`reelgraph export | head -1`: the closed pipe is no error message."""
    proc = subprocess.Popen([sys.executable, "-m", "reelgraph", "export", "--format", "ttl", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    first = proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first and "error" not in stderr, stderr


def test_export_csv_needs_a_folder(db, tmp_path):
    refused = run("export", "--format", "csv", "--db", db)
    assert refused.exit_code == 2
    assert refused.stderr.startswith("reelgraph: error: export --format csv writes a folder")
    assert run("export", "--format", "csv", "--db", db, "-o", str(tmp_path / "csv")).exit_code == 0
    assert any((tmp_path / "csv").iterdir()) or (tmp_path / "csv").is_file()


def test_evaluate_against_shared_gold():
    pytest.importorskip("reelgraph.evaluate")   # written by another helper
    result = run("evaluate", "--gold", str(SHARED / "gold" / "dev"), str(SHARED / "corpus" / "dev"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_why_merge_split(corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'curate.db'}"
    assert run("ingest", str(corpus), "--db", url).exit_code == 0
    entities = json.loads(run("search", "a", "--db", url, "--format", "json", "--limit", "100").stdout)["entities"]
    people = [e for e in entities if e["type"] == "Person"]
    assert len(people) >= 2
    keep, other = people[0], people[1]

    why = run("why", keep["name"], other["name"], "--db", url)
    assert why.exit_code == 0, why.stderr
    assert isinstance(json.loads(why.stdout), dict)

    merged = run("merge", str(keep["id"]), other["name"], "--db", url, "--actor", "test")
    assert merged.exit_code == 0, merged.stderr
    assert merged.stdout.strip().startswith(f"merged entity #{other['id']} into #{keep['id']}")
    card = json.loads(run("show", other["name"], "--db", url, "--format", "json").stdout.splitlines()[0])
    assert card["id"] == keep["id"]

    split = run("split", str(keep["id"]), other["name"], "--db", url, "--actor", "test")
    assert split.exit_code == 0, split.stderr
    assert f"from entity #{keep['id']} to new entity #" in split.stdout


def test_merge_same_entity_is_a_usage_error(db):
    person = _an_entity(db)
    result = run("merge", str(person["id"]), str(person["id"]), "--db", db)
    assert result.exit_code == 2
    assert "are the same entity" in result.stderr


def test_installed_entry_point_runs(corpus, tmp_path):
    """The real `reelgraph` script, as a user runs it."""
    exe = REPO / ".venv" / "bin" / "reelgraph"
    if not exe.exists():
        pytest.skip("no installed entry point in .venv")
    url = f"sqlite:///{tmp_path / 'sub.db'}"
    env = {**os.environ, "REELGRAPH_DB": url}
    done = subprocess.run([str(exe), "ingest", str(corpus / "harbor-lights.txt")], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ingested 1 document: 1 stored, 0 unchanged, 0 replaced, 0 failed\n"
    assert done.stderr == ""
    stats = subprocess.run([str(exe), "stats", "--format", "json"], capture_output=True, text=True, env=env)
    assert json.loads(stats.stdout)["documents"] == 1
    module = subprocess.run([sys.executable, "-m", "reelgraph", "--help"], capture_output=True, text=True)
    assert module.returncode == 0 and "Usage: reelgraph" in module.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_over_http(db):
    """`reelgraph serve` in its own process, asked for the stats over HTTP."""
    import time

    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "reelgraph", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):          # wait for it to listen (a readiness poll, not a timing check)
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    pytest.fail(f"server exited: {server.stderr.read()}")
                time.sleep(0.2)
        else:
            pytest.fail("server never answered")
        assert answer.status_code == 200
        assert answer.json()["documents"] == 2
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.spark
def test_batch_on_spark(corpus, tmp_path):
    pytest.importorskip("pyspark")
    folder = tmp_path / "in"      # one English article: the job, not the models, is under test
    folder.mkdir()
    (folder / "harbor-lights.txt").write_text(ARTICLES["harbor-lights.txt"], encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    result = run("batch", "--engine", "spark", str(folder), str(tmp_path / "out"), "--master", "local[2]",
                 "--db", url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("batch: 1 documents,")
    assert json.loads(run("stats", "--db", url, "--format", "json").stdout)["documents"] == 1


def test_a_name_two_entities_share_is_a_usage_error_listing_them(tmp_path):
    """A film and the festival named after it: `merge` by that name must ask which."""
    from reelgraph.model import Document, Entity, Extraction, Span
    from reelgraph.store import open_store

    text = "Night Ferry opened the Night Ferry festival."
    doc = Document(source="ferry.txt", text=text, title=text, language="en")
    film = Entity("e1", "Film", "Night Ferry", [], [Span(0, 11, "Night Ferry")])
    event = Entity("e2", "Event", "Night Ferry", [], [Span(23, 34, "Night Ferry")])
    url = f"sqlite:///{tmp_path / 'ferry.db'}"
    with open_store(url) as store:
        store.ingest(Extraction(doc, [film, event], []))
    result = run("merge", "Night Ferry", "1", "--db", url)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith("reelgraph: error: 'Night Ferry' names 2 entities: ")
    assert "(Film #" in line and "(Event #" in line and line.endswith("give the id instead")
    shown = run("show", "Night Ferry", "--db", url, "--format", "json").stdout.splitlines()
    assert sorted(json.loads(x)["type"] for x in shown) == ["Event", "Film"]
