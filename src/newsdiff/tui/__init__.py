"""The terminal reader: a Textual application over the engine's values.

It renders :class:`~newsdiff.values.Comparison` values and computes nothing of
its own: alignment, kinds and word diffs come from the engine, which passages
to show and how they are marked from :mod:`newsdiff.render`.  Importing the
engine never imports this package (nor Textual).

Article text is untrusted.  It reaches the screen only as :class:`rich.text.Text`
built from :func:`~newsdiff.present.visible`, never as a markup string.
"""

from __future__ import annotations

from newsdiff.tui.app import NewsdiffApp

__all__ = ["NewsdiffApp"]
