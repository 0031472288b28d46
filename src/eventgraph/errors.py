"""The one exception hierarchy; the CLI turns each into ``Error: ...`` and exit code 1."""

from __future__ import annotations


class EventGraphError(Exception):
    """Base class of every error a user can act on."""


class InvalidValue(EventGraphError, ValueError):
    """A single value (a date, an event type, a certainty) is not valid."""


class InputError(EventGraphError):
    """An input file cannot be read or does not follow its format.

    ``location`` names where: the file, and the event index and field when known.
    """

    def __init__(self, message: str, *, location: str = "") -> None:
        self.location = location
        self.reason = message
        super().__init__(f"{location}: {message}" if location else message)


class StoreError(EventGraphError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


class StoreMissingError(StoreError):
    """A command that reads the store found none at the given location."""


class QueryError(EventGraphError):
    """A SPARQL query or update is malformed or failed."""


class NotFoundError(EventGraphError):
    """A named thing (article, query, actor) does not exist."""
