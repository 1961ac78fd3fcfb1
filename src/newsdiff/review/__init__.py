"""Review sessions: verdicts, notes and manual links, saved as they are made (issue 5).

``model`` holds the values; ``store`` the SQLite store; ``apply`` puts manual
links and rejections into a comparison; ``export`` writes the reports.
"""
