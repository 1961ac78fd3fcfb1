"""Review sessions: verdicts, notes and manual links, saved as they are made (issue 5).

``model`` holds the values a session records; ``store`` keeps them in one
SQLite file; ``apply`` puts manual links and rejections into a comparison;
``report`` decides what a report of a session holds, which
``export_markdown``, ``export_html`` and ``export_json`` write and ``export``
picks among (``newsdiff review export``); ``listing`` is what ``newsdiff
review list`` prints; ``progress`` counts how much is reviewed, the one count
the reader's header, the list and every export show.

Reviews are drawn with ``newsdiff.present`` and ``newsdiff.render``'s
helpers; nothing here knows about the reader or the command line.
"""
