"""A staged pipeline that turns raw texts of early Soviet foreign-policy documents
into a validated TEI P5 edition: ingest -> repair -> segment -> encode -> validate."""

__version__ = "0.3.0"
