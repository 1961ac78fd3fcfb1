"""Widgets of the compare screen."""

from newsdiff.tui.widgets.passage import Gap, Pane, PassageView

__all__ = ["Gap", "Pane", "PassageView"]
