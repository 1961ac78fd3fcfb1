"""The comparison engine: which sentences of several articles tell the same fact, and how.

:func:`newsdiff.engine.pair.compare` compares two articles and
:func:`newsdiff.engine.story.compare_story` a whole story.  Imports nothing of
the front ends (``present``, ``render``, ``review``, ``tui``, the command line).
"""
