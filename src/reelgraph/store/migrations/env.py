"""Alembic environment: always run programmatically by `reelgraph.store.open_store`.

The caller passes an open connection in `config.attributes["connection"]`, so
migrations run inside the store's own engine (SQLite pragmas included).
"""

from alembic import context

from reelgraph.store.schema import include_object_for, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    # Autogenerate compares only what this dialect has (no trigram indexes on SQLite).
    include_object=include_object_for(connection.dialect.name),
)
with context.begin_transaction():
    context.run_migrations()
