"""What every front end shows, decided once: passages, marks, labels, the summary, safe text.

The one-shot renderers (``newsdiff.render``), the review exports
(``newsdiff.review``) and the reader (``newsdiff.tui``) draw the same view
model from here, so they cannot drift apart:

- ``passages``: a comparison's passages, in reading order, and their text;
- ``story``: the story view's claims matrix, quotes and divergences;
- ``summary``: how much of each article is shared, paraphrased, … and its table;
- ``markers``: how each kind is marked (``[=]``, colour, label);
- ``diffs``: word diffs as runs of text tagged with the side that has them;
- ``visible``: untrusted text made safe to show.

It depends on ``newsdiff.values`` (and ``text`` for word counts) only, and is
free of Rich and Textual, so the command line imports it cheaply.
"""
