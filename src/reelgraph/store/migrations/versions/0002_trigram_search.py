"""Trigram search on PostgreSQL: the pg_trgm extension and GIN indexes on the name and title keys.

A no-op on SQLite, whose search keeps using LIKE on the same keys.
`CREATE EXTENSION` needs a role allowed to create it: pg_trgm is a trusted
extension (PostgreSQL 13+), so the database's owner is enough.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index("ix_names_key_trgm", "names", ["key"], unique=False,
                    postgresql_using="gin", postgresql_ops={"key": "gin_trgm_ops"})
    op.create_index("ix_documents_title_key_trgm", "documents", ["title_key"], unique=False,
                    postgresql_using="gin", postgresql_ops={"title_key": "gin_trgm_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # The extension stays: other schemas in the database may use it.
    op.drop_index("ix_documents_title_key_trgm", table_name="documents")
    op.drop_index("ix_names_key_trgm", table_name="names")
