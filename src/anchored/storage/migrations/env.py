"""Alembic environment. Anchored always passes an open connection (the vault's engine)."""

from __future__ import annotations

from alembic import context

from anchored.storage.base import Base
from anchored.storage.search import is_search_table

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "Anchored runs its migrations itself when a vault is unlocked; "
        "the alembic command line is not used directly."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=lambda name, type_, _parent: (
        not (type_ == "table" and name is not None and is_search_table(name))
    ),
)
with context.begin_transaction():
    context.run_migrations()
