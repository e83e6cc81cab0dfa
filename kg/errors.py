"""Domain errors: library code raises these; only the CLI and server turn them into messages."""


class KGError(Exception):
    """Base class of every error alliance-kg reports to a user."""


class CorpusError(KGError):
    """An article or metadata file cannot be read."""


class DataFileError(KGError):
    """A gazetteer, pattern or rule file is malformed; the message lists every problem found."""


class QueryError(KGError):
    """A SPARQL query cannot be parsed or evaluated."""


class BuildMissingError(KGError):
    """No built graph where one was expected."""
