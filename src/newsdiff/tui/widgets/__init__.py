"""The screens' widgets, a module for each area of a screen: ``passage`` for the compare
screen's two panes, ``claim`` for the story screen's claim matrix and passage stack."""
