"""Review sessions: verdicts, notes and manual links, saved as they are made (issue 5).

``model`` holds the values; ``store`` the SQLite store; ``apply`` puts manual
links and rejections into a comparison; ``export`` builds a report, which
``export_markdown``, ``export_html`` and ``export_json`` write; ``listing``
is what ``newsdiff review list`` prints.
"""
