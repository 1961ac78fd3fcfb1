"""newsdiff: compare news articles about the same story, passage by passage."""

__version__ = "0.1.0"
