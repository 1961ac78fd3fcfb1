"""Language at the level of one text: words, sentences, boilerplate, names, details, diffs.

Everything here looks at one text (or, for diffs and detail conflicts, two)
and knows nothing of articles being compared: the engine builds on it, and
reading articles (``sources``) uses its segmenter and boilerplate rules.
"""
