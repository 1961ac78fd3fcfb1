"""The one-shot renderers: what ``newsdiff A B`` (and ``newsdiff A B C …``) prints, once.

Each module turns a comparison or a story into one string in one format:

- ``text``, ``story_text``: the terminal views (Rich ``Text``, laid out by
  ``columns``, colour optional);
- ``json_out``, ``story_json``: the JSON contracts ``newsdiff.comparison/1``
  and ``newsdiff.story/1``, for other tools;
- ``markdown``, ``story_markdown``: reports to paste into a ticket or a memo.

What they show is decided in ``newsdiff.present``; here is only how it is
drawn.  The review exports and the reader reuse the drawing helpers
(``render.text``'s marked words, ``render.markdown``'s escaping,
``render.json_out``'s JSON text); nothing here knows about reviews, the reader
or the command line.
"""
