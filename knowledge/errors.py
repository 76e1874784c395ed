"""The knowledge exception tree."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Answering, drafting or charting could not be done."""


class ChartFontMissing(KnowledgeError):
    """No font with Chinese glyphs is installed, so a chart would show empty boxes."""
