"""SQLite and PostgreSQL differences, kept in one place.

SQLAlchemy Core hides most of them; what is left is which URLs we accept,
connection setup (SQLite pragmas, PostgreSQL timeouts), insert-or-ignore,
the writers' and the schema's locks, and how a name search is phrased
(LIKE on SQLite; pg_trgm's indexed LIKE and word similarity on PostgreSQL).
"""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, URL

from reelgraph.errors import UsageError

WRITE_OPTION = "reelgraph_write"   # execution option marking a connection that will write
BACKENDS = ("sqlite", "postgresql")
EXAMPLE_URLS = "sqlite:///reelgraph.db or postgresql://user@host/dbname"


def shown(url: str | URL) -> str:
    """`url` as it may appear in a message: the password replaced by ***."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return re.sub(r"(://[^/:@]*:)[^/@]*@", r"\1***@", url)


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL of a store; a plain `postgresql://` means psycopg 3, the driver
    the `postgres` extra installs (SQLAlchemy's default would be psycopg2).

    Raises UsageError for a string that is no URL or names a backend the store does not support.
    """
    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        raise UsageError(f"not a database URL: {shown(url)} (e.g. {EXAMPLE_URLS})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in BACKENDS:
        raise UsageError(f"{shown(parsed)}: not a supported database (e.g. {EXAMPLE_URLS})")
    return parsed


def create_engine(url: str) -> Engine:
    """An Engine for `url`, with the per-dialect settings the store relies on."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        # A writer waits for another (CLI and API on one file) instead of failing at once.
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    # A server that is down or unreachable fails within seconds instead of hanging.
    return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


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
    on PostgreSQL the trigram GIN indexes of migration 0002 serve it.
    """
    return column.like(f"%{_escape_like(needle)}%", escape="\\")


def starts_with(column: sa.ColumnElement, prefix: str) -> sa.ColumnElement[bool]:
    """`column` begins with `prefix` literally."""
    return column.like(f"{_escape_like(prefix)}%", escape="\\")


def key_search(conn: Connection, column: sa.ColumnElement,
               key: str) -> tuple[sa.ColumnElement[bool], list[sa.ColumnElement[Any]]]:
    """The WHERE clause and ORDER BY terms of a search for `key` in a column of name keys.

    Both dialects find keys containing `key` and rank the exact key first, then
    keys starting with it, then the rest. PostgreSQL also finds keys like `key`
    by pg_trgm's trigrams, whole (`%`, similarity over 0.3 by default) or one
    of their words (`%>`, word similarity over 0.6): `kovacich` finds `anja
    kovacic`. These come after the substring matches, and hits within a rank
    come by similarity; the GIN trigram index of revision 0002 serves all
    three tests. SQLite has no such index: LIKE scans the keys.
    """
    found = contains(column, key)
    tiers: list[tuple[sa.ColumnElement[bool], int]] = [(column == key, 0), (starts_with(column, key), 1)]
    if conn.dialect.name != "postgresql":
        return found, [sa.case(*tiers, else_=2)]
    needle = sa.literal(key, sa.Text)
    rank = sa.case(*tiers, (found, 2), else_=3)
    close = sa.func.greatest(sa.func.similarity(column, needle), sa.func.word_similarity(needle, column))
    return sa.or_(found, column.op("%")(needle), column.op("%>")(needle)), [rank, close.desc()]


def chunked(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    """Slices of at most `size`: keeps IN lists under SQLite's variable limit."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


# Any fixed numbers: the keys of PostgreSQL's advisory locks that writers and migrations queue on.
_WRITER_LOCK = 0x7265656C   # "reel"
_SCHEMA_LOCK = 0x7265656D
# How long a migration waits for a lock, or may sit idle inside its transaction, before
# the server gives up on it: a stuck peer becomes an error instead of a hang.
_SCHEMA_TIMEOUT = "120s"


def lock_writers(conn: Connection) -> None:
    """Let one writing transaction run at a time, as SQLite's BEGIN IMMEDIATE does.

    Ingest-time entity matching reads candidates then creates entities; two
    documents ingested at once on PostgreSQL would otherwise each create the
    same new entity. The advisory lock is released at commit or rollback.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITER_LOCK})


def lock_schema(conn: Connection) -> None:
    """Let one migration run at a time, and no ingest beside it; call first in the transaction.

    On PostgreSQL the schema's advisory lock queues concurrent `open_store`s
    on a new database (the first creates the tables, the rest find them at
    head), and the writers' lock keeps ingests of already-open stores out.
    Both go at commit or rollback. Timeouts make a lock that never comes, or
    a migration stuck idle in its transaction, an error rather than a hang.
    SQLite's BEGIN IMMEDIATE (see `_sqlite_on_begin`) does all this already.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"SET LOCAL lock_timeout = '{_SCHEMA_TIMEOUT}'"))
        conn.execute(sa.text(f"SET LOCAL idle_in_transaction_session_timeout = '{_SCHEMA_TIMEOUT}'"))
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        lock_writers(conn)


@contextmanager
def scratch_database(server: str, prefix: str = "rg_") -> Iterator[str]:
    """A new empty PostgreSQL database on `server` (a URL of any database there), dropped afterwards.

    For tests and benchmarks that need a clean database each: yields its URL.
    """
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
