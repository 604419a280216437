"""One root exception, one subclass per stage; the CLI maps them to exit status 2."""

from __future__ import annotations


class UnodcKgError(Exception):
    """Root of every error unodc-kg raises on purpose."""


class ConfigError(UnodcKgError):
    """A setting is malformed."""


class SourceError(UnodcKgError):
    """A source document is malformed or has a layout the extractor does not know.

    Names the file, the line and what was expected there.
    """

    def __init__(self, path: str, line: int | None, message: str, text: str | None = None) -> None:
        self.path = path
        self.line = line
        self.text = text
        where = f"{path}:{line}" if line is not None else path
        detail = f"\n    the line reads: {text[:160]!r}" if text is not None else ""
        super().__init__(f"{where}: {message}{detail}")


class CorrectionError(UnodcKgError):
    """The corrections file is malformed or no longer matches its source."""


class BuildError(UnodcKgError):
    """Turning records into RDF or writing the outputs failed."""


class ValidationError(UnodcKgError):
    """SHACL validation could not run (not: the data does not conform)."""


class StoreError(UnodcKgError):
    """The query store could not be loaded or opened."""


class StoreUnavailable(StoreError):
    """A remote store did not answer, or answered with a server error: not the caller's fault (503)."""


class QueryError(UnodcKgError):
    """A SPARQL query is malformed or failed."""


class QueryTimeout(UnodcKgError):
    """The query ran past its time limit and was stopped."""


class UnknownKeyError(UnodcKgError):
    """A key names nothing in the graph; the message says what keys look like."""
