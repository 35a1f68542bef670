"""The schema: Alembic builds exactly schema.py's tables, records its version, and reopens cleanly;
a URL that is no database is a usage error and a server that is down a one-line store error."""

from __future__ import annotations

from pathlib import Path

import socket

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reelgraph.errors import StoreError, UsageError
from reelgraph.store import dialects, open_store
from reelgraph.store.schema import include_object_for, metadata
from reelgraph.store.store import migrate

HEAD = "0002"


def test_schema_version_is_recorded(store):
    assert store.schema_version() == HEAD
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD


def test_migrations_build_exactly_the_declared_schema(store):
    with store.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object_for(conn.dialect.name)})
        assert compare_metadata(context, metadata) == []


def test_trigram_indexes_exist_on_postgresql_only(store):
    with store.read() as conn:
        indexes = {i["name"] for t in ("names", "documents") for i in sa.inspect(conn).get_indexes(t)}
        if conn.dialect.name == "postgresql":
            assert {"ix_names_key_trgm", "ix_documents_title_key_trgm"} <= indexes
            assert conn.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        else:
            assert not any(name.endswith("_trgm") for name in indexes)


def test_a_store_at_the_first_revision_is_upgraded_with_its_data(db_url, articles):
    engine = dialects.create_engine(db_url)
    try:
        migrate(engine, "0001")
    finally:
        engine.dispose()
    with open_store(db_url) as s:
        assert s.schema_version() == HEAD
        s.ingest(articles["premiere"]())
        assert s.stats()["documents"] == 1


def test_reopening_keeps_data_and_version(db_url, articles):
    with open_store(db_url) as first:
        first.ingest(articles["premiere"]())
        before = first.stats()
    with open_store(db_url) as again:
        assert again.schema_version() == HEAD
        assert again.stats() == before


def test_default_url_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("REELGRAPH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with open_store() as s:
        assert s.stats()["documents"] == 0
    assert (tmp_path / "env.db").exists()


def test_default_url_without_environment_is_a_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("REELGRAPH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with open_store():
        pass
    assert (tmp_path / "reelgraph.db").exists()


def test_sqlite_has_foreign_keys_and_wal(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    with open_store(db_url) as s, s.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.parametrize("url", ["notaurl", "not a url", "postgresql://ana:s3cret@host:port/db"])
def test_a_string_that_is_no_url_is_a_usage_error(url):
    with pytest.raises(UsageError, match="^not a database URL: ") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)


def test_an_unsupported_backend_is_a_usage_error_naming_it():
    with pytest.raises(UsageError, match="^nosuchdb://somewhere/x: not a supported database"):
        open_store("nosuchdb://somewhere/x")


def test_plain_postgresql_urls_use_psycopg_3():
    assert dialects.parse_url("postgresql://ana@db.example/graph").drivername == "postgresql+psycopg"
    assert dialects.parse_url("postgresql+psycopg://ana@db.example/graph").drivername == "postgresql+psycopg"
    assert dialects.parse_url("sqlite:///x.db").drivername == "sqlite"


def test_a_server_that_is_down_is_one_line_naming_the_url_without_its_password():
    with socket.socket() as probe:   # a loopback port nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://ana:s3cret@127.0.0.1:{port}/graph")
    message = str(caught.value)
    assert "\n" not in message and "s3cret" not in message
    assert message.startswith(f"postgresql://ana:***@127.0.0.1:{port}/graph: cannot open the store: ")
