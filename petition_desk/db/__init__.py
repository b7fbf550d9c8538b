"""The SQLite store: opening and migrating the file, and the queries the services use."""

from petition_desk.db.connection import (
    LATEST_VERSION,
    CorruptDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StoreError,
    connect,
    open_store,
    transaction,
)

__all__ = [
    "LATEST_VERSION",
    "CorruptDatabaseError",
    "NewerSchemaError",
    "NotADatabaseError",
    "StoreError",
    "connect",
    "open_store",
    "transaction",
]
