"""The terminal reader: a Textual application over the engine's values.

It renders :class:`~newsdiff.values.Comparison` values and computes nothing of
its own: alignment, kinds and word diffs come from the engine, which passages
to show and how they are marked from :mod:`newsdiff.present`.  Importing the
engine never imports this package (nor Textual).

Article text is untrusted.  It reaches the screen only as :class:`rich.text.Text`
built from :func:`~newsdiff.present.visible`, never as a markup string.  So do
paths, addresses, servers' and the store's words: every notification is shown
with ``markup=False`` (``tests/tui/test_tui_messages.py`` checks each call), so
``[/b]`` in a file name cannot break a toast, nor ``[@click=…]`` make it a button.

Imports run one way, from the app down (``tests/tui/test_tui_imports.py`` keeps it so):

- ``app``: :class:`NewsdiffApp`, which loads the articles, caches the comparisons
  and opens the screens;
- ``screens/``: a module per screen, and the review keys and panels two of them share;
- ``widgets/``: a module per screen area, ``passage`` (compare) and ``claim`` (story);
- ``texts``: the Rich texts of the compare screen, its detail panel and the reviews;
- ``entries`` (the library's rows), ``bindings`` (the keys as help lists them),
  ``targets`` (what a review is about), ``session`` (the review store, off the event
  loop), ``config`` (the settings file);
- ``compat``: every use of Textual's private API, and nowhere else.
"""

from __future__ import annotations

from newsdiff.tui.app import NewsdiffApp

__all__ = ["NewsdiffApp"]
