"""Format-independent typesetting rules (Chinese line breaking and justification)."""

from yearbook.typeset.linebreak import Line, Measure, break_lines, break_opportunities, segments

__all__ = ["Line", "Measure", "break_lines", "break_opportunities", "segments"]
