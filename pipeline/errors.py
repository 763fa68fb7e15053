"""Typed errors raised by the library; only the CLI and HTTP edges turn them into codes."""


class GeonewsError(Exception):
    """Base class of every error geonews raises on purpose."""


class UsageError(GeonewsError):
    """A setting, option or argument is wrong (CLI exit code 2)."""


class ArticleError(GeonewsError):
    """An article cannot be read: empty, binary, undecodable, too large or malformed."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(GeonewsError):
    """The store cannot be opened or written."""


class ValidationFailed(GeonewsError):
    """A graph does not conform to the shapes."""

    def __init__(self, message: str, report: str = ""):
        super().__init__(message)
        self.report = report


class WikidataError(GeonewsError):
    """The Wikidata API refused a request, answered with an error, or stayed unavailable."""
