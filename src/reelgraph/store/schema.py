"""The graph's tables in SQLAlchemy Core: the only description of the schema.

Alembic revisions under `store/migrations/versions/` build these tables; a test
compares the migrated database with this metadata so the two cannot drift.
To change the schema, edit the tables here and add a revision file beside
`0001_initial.py` whose `down_revision` is the latest (alembic's autogenerate
against a database at head writes most of it); `open_store` applies it.
Entity ids are integers; `names.key` and `documents.title_key` hold the
accent-free casefolded form that search and lookups compare against.
A few objects exist on one dialect only (`ONLY_ON`); `include_object_for`
tells Alembic's comparison to leave them out elsewhere.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import sqlalchemy as sa

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
})


def utcnow() -> datetime:
    """Timestamps are stored in UTC."""
    return datetime.now(timezone.utc)


def _id() -> sa.Column:
    # With sqlite_autoincrement on each table, SQLite never reuses the id of a
    # deleted row, as PostgreSQL sequences do not: exported IRIs and audit
    # entries never come to point at a different row.
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, nullable: bool = False, ondelete: str = "CASCADE") -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


documents = sa.Table(
    "documents", metadata, _id(),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),   # sha256 of the normalized text
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("title_key", sa.Text),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("published", sa.String(32)),
    sa.Column("reference_date", sa.String(32)),
    sa.Column("reference_how", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sqlite_autoincrement=True,
)

entities = sa.Table(
    "entities", metadata, _id(),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),        # canonical display name
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sqlite_autoincrement=True,
)

names = sa.Table(
    "names", metadata, _id(),
    _fk("entity_id", "entities.id"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False, index=True),   # accent-free, casefolded
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("canonical", sa.Boolean, nullable=False, default=False),  # one per entity and language
    sa.UniqueConstraint("entity_id", "name", "lang"),
    sqlite_autoincrement=True,
)

entity_keys = sa.Table(
    "entity_keys", metadata,
    _fk("entity_id", "entities.id"),
    sa.Column("key", sa.Text, nullable=False, index=True),
    sa.PrimaryKeyConstraint("entity_id", "key"),
)

mentions = sa.Table(
    "mentions", metadata, _id(),
    _fk("document_id", "documents.id"),
    _fk("entity_id", "entities.id"),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sqlite_autoincrement=True,
)

facts = sa.Table(
    "facts", metadata, _id(),
    _fk("subject_id", "entities.id"),
    sa.Column("predicate", sa.String(64), nullable=False, index=True),
    sa.Column("label", sa.Text, nullable=False, default=""),
    _fk("object_id", "entities.id", nullable=True),
    sa.Column("value", sa.Text),          # literal object; NULL when object_id is set
    sa.Column("datatype", sa.String(16)),  # date | string | quantity
    sa.Column("unit", sa.String(16)),      # ISO 4217 for money
    sa.Column("content_key", sa.String(64), nullable=False, unique=True),  # dedup across documents
    sa.Column("confidence", sa.Float, nullable=False, default=0.5),
    sa.Column("status", sa.String(16), nullable=False, default="asserted"),
    sa.Column("edited_value", sa.Text),   # a curator's correction of a literal object
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.CheckConstraint("status IN ('asserted', 'confirmed', 'rejected')", name="status"),
    sa.CheckConstraint("(object_id IS NULL) <> (value IS NULL)", name="object"),
    sqlite_autoincrement=True,
)

fact_qualifiers = sa.Table(
    "fact_qualifiers", metadata, _id(),
    _fk("fact_id", "facts.id"),
    sa.Column("property", sa.String(64), nullable=False),
    _fk("entity_id", "entities.id", nullable=True),
    sa.Column("value", sa.Text),
    sa.Column("datatype", sa.String(16)),
    sa.Column("unit", sa.String(16)),
    sa.UniqueConstraint("fact_id", "property"),
    sqlite_autoincrement=True,
)

evidence = sa.Table(
    "evidence", metadata, _id(),
    _fk("fact_id", "facts.id"),
    _fk("document_id", "documents.id"),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.UniqueConstraint("fact_id", "document_id", "start", "end"),
    sqlite_autoincrement=True,
)

# Why a document's entity went to the store entity it did (automatic or manual).
resolutions = sa.Table(
    "resolutions", metadata, _id(),
    _fk("entity_id", "entities.id"),
    _fk("document_id", "documents.id", nullable=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),   # new | matched | must_link | manual_merge | manual_split
    sa.Column("score", sa.Float),
    sa.Column("reasons", sa.JSON, nullable=False, default=list),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sqlite_autoincrement=True,
)

# A curator's merge or split, consulted at every later ingest.
resolution_rules = sa.Table(
    "resolution_rules", metadata, _id(),
    sa.Column("kind", sa.String(16), nullable=False),   # must_link | cannot_link
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("name_key", sa.Text, nullable=False, index=True),
    _fk("entity_id", "entities.id"),
    sa.Column("audit_id", sa.Integer, sa.ForeignKey("audit_log.id", ondelete="SET NULL"), nullable=True),
    sa.CheckConstraint("kind IN ('must_link', 'cannot_link')", name="kind"),
    sqlite_autoincrement=True,
)

ingest_log = sa.Table(
    "ingest_log", metadata, _id(),
    sa.Column("hash", sa.String(64)),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),   # stored | unchanged | replaced | failed
    sa.Column("message", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sqlite_autoincrement=True,
)

audit_log = sa.Table(
    "audit_log", metadata, _id(),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, default=utcnow),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("undone", sa.Boolean, nullable=False, default=False),
    sqlite_autoincrement=True,
)

# PostgreSQL's search aid (revision 0002, which also creates the pg_trgm extension):
# trigram GIN indexes serve `LIKE '%key%'` and word-similarity matches on the keys.
# SQLite has no such index type; its search scans the keys with LIKE.
_TRIGRAM_INDEXES = [
    sa.Index("ix_names_key_trgm", names.c.key, postgresql_using="gin",
             postgresql_ops={"key": "gin_trgm_ops"}),
    sa.Index("ix_documents_title_key_trgm", documents.c.title_key, postgresql_using="gin",
             postgresql_ops={"title_key": "gin_trgm_ops"}),
]
for _index in _TRIGRAM_INDEXES:
    _index.ddl_if(dialect="postgresql")   # metadata.create_all skips them on SQLite too

ONLY_ON: dict[str, str] = {index.name: "postgresql" for index in _TRIGRAM_INDEXES}


def include_object_for(dialect: str) -> Callable[..., bool]:
    """Alembic's `include_object` hook for `dialect`: leaves out objects that exist on another dialect only."""
    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return ONLY_ON.get(name or "", dialect) == dialect
    return include
