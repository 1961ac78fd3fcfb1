"""What every front end shows, decided once: passages, marks, labels, the summary, safe text.

The one-shot renderers (``render``), the review exports and the reader draw
the same view model from here, so they cannot drift apart.  Free of Rich and
Textual, so the command line imports it cheaply.
"""
