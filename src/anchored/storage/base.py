"""What every table shares: the declarative base, aware UTC times, and the free-text marker.

Each feature keeps its own tables in its ``models.py``; they all share this ``Base`` (one
metadata, one linear Alembic history in ``storage/migrations``). Every table holding a
person's records carries ``owner_id`` so hosted mode can share tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, String, Text, TypeDecorator, literal
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column
from sqlalchemy.sql.functions import FunctionElement

# Stable constraint names, so batch migrations on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always returns an aware datetime (SQLite keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


FREE_TEXT = "free_text"


class _Cipher:
    """How free text is sealed and opened on PostgreSQL: ``storage.atrest`` fills this in
    when it is imported (it builds on this module, so this module never imports it). Until
    then a write of free text to PostgreSQL is refused, never stored in plain text."""

    seal: Callable[[str | None], str | None] | None = None
    open: Callable[[str | None], str | None] | None = None

    def sealed(self, value: str | None) -> str | None:
        if self.seal is None:
            raise RuntimeError(
                "free text on PostgreSQL needs hosted mode's keys (anchored.storage.atrest); "
                "refused rather than stored in plain text"
            )
        return self.seal(value)

    def opened(self, value: str | None) -> str | None:
        if self.open is None:
            raise RuntimeError("free text on PostgreSQL needs anchored.storage.atrest to open")
        return self.open(value)


CIPHER = _Cipher()


class FreeText(TypeDecorator[str]):
    """Words a person wrote: ``String(length)`` (or ``Text``) in a personal vault, where the
    whole file is already encrypted (SQLCipher) and this type adds nothing, not even a call.

    On PostgreSQL (hosted mode) every value is encrypted by the application before it leaves
    the process and decrypted when read (``storage/atrest.py``: AES-256-GCM under the
    person's data key), stored as ``Text`` whatever the declared length (the ciphertext is
    longer; the app's own limits on the words still apply).
    """

    impl = String
    cache_ok = True

    def __init__(self, length: int | None = None) -> None:
        super().__init__(length)
        self.length = length

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql" or self.length is None:
            return Text()
        return String(self.length)

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "postgresql":
            return None  # SQLite: the driver takes the text as it is
        return CIPHER.sealed

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name != "postgresql":
            return None
        return CIPHER.opened

    def literal_processor(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            raise NotImplementedError("free text is never written into SQL as a literal")
        return super().literal_processor(dialect)


class _Opening(TypeDecorator[str]):
    """The type of :func:`opening_of`: on PostgreSQL the whole value arrives encrypted, is
    decrypted, and cut to ``length`` characters here."""

    impl = Text
    cache_ok = True

    def __init__(self, length: int) -> None:
        super().__init__()
        self.length = length

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        if dialect.name != "postgresql":
            return None
        length = self.length

        def cut(value: str | None) -> str | None:
            opened = CIPHER.opened(value)
            return None if opened is None else opened[:length]

        return cut


class opening_of(FunctionElement[str]):
    """The first ``length`` characters of a free-text column, in a select: ``substr`` in a
    personal vault (less to read); on PostgreSQL the words are encrypted, so the whole value
    is read and cut once decrypted."""

    inherit_cache = True
    name = "opening_of"

    def __init__(self, column: Any, length: int) -> None:
        super().__init__(column, literal(1), literal(length))
        self.type = _Opening(length)


@compiles(opening_of)
def _opening_in_sqlite(element: opening_of, compiler: Any, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)})"


@compiles(opening_of, "postgresql")
def _opening_in_postgresql(element: opening_of, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses.clauses[0], **kw))


def free_text(length: int | None = None, **kwargs: Any) -> MappedColumn[Any]:
    """A column holding words the person wrote (``String(length)``, or ``Text``).

    Marked so the crisis check can be proven to cover it (every feature's ``free_text`` hook
    is tested against these columns) and so hosted mode encrypts it at rest (``FreeText``).
    """
    return mapped_column(FreeText(length), info={FREE_TEXT: True}, **kwargs)


def is_free_text(column: Any) -> bool:
    return bool(column.info.get(FREE_TEXT))


REFERS_TO = "refers_to"


def refers_to(table: str, *, separator: str = "", prefix: str = "") -> dict[str, Any]:
    """``info`` for a column holding the id of a record in ``table`` without a foreign key
    (another feature's table, named and never imported): export and import carry the
    reference over to the record's new id. ``separator`` when the column holds several ids
    (``"3,7"``), ``prefix`` when the id follows some text (``"pause:12"``)."""
    return {REFERS_TO: {"table": table, "separator": separator, "prefix": prefix}}
