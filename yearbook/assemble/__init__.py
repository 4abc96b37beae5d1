"""Model to document tree: numbering, generated tables, computed text, dates."""

from yearbook.assemble.book import assemble

__all__ = ["assemble"]
