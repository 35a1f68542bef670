"""SQLite and PostgreSQL differences, kept in one place.

SQLAlchemy Core hides most of them; what is left is connection setup
(SQLite pragmas), insert-or-ignore, and how a name search is phrased.
"""

from __future__ import annotations

from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine


WRITE_OPTION = "reelgraph_write"   # execution option marking a connection that will write


def create_engine(url: str) -> Engine:
    """An Engine for `url`, with the per-dialect settings the store relies on."""
    if url.startswith("sqlite"):
        # A writer waits for another (CLI and API on one file) instead of failing at once.
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's implicit transactions skip
    # DDL and SAVEPOINT); foreign keys are off in SQLite unless asked for;
    # WAL lets readers go on while one document is written.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # A writer takes the write lock at the start so two writers queue (busy
    # timeout) instead of failing when a read lock cannot be upgraded.
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def insert_ignore(conn: Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows, skipping any that would break a unique constraint."""
    rows = list(rows)
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing()
    elif conn.dialect.name == "sqlite":
        stmt = sqlite.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - only the two dialects above are supported
        raise NotImplementedError(conn.dialect.name)
    conn.execute(stmt, rows)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: sa.ColumnElement, needle: str) -> sa.ColumnElement[bool]:
    """`column` contains `needle` literally (LIKE with its wildcards escaped).

    The keys are already casefolded, so plain LIKE is right on both dialects;
    PostgreSQL could add a pg_trgm index on `names.key` to make this fast.
    """
    return column.like(f"%{_escape_like(needle)}%", escape="\\")


def starts_with(column: sa.ColumnElement, prefix: str) -> sa.ColumnElement[bool]:
    """`column` begins with `prefix` literally."""
    return column.like(f"{_escape_like(prefix)}%", escape="\\")


def chunked(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    """Slices of at most `size`: keeps IN lists under SQLite's variable limit."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


# Any fixed number: the key of PostgreSQL's advisory lock that writers queue on.
_WRITER_LOCK = 0x7265656C   # "reel"


def lock_writers(conn: Connection) -> None:
    """Let one writing transaction run at a time, as SQLite's BEGIN IMMEDIATE does.

    Ingest-time entity matching reads candidates then creates entities; two
    documents ingested at once on PostgreSQL would otherwise each create the
    same new entity. The advisory lock is released at commit or rollback.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITER_LOCK})
