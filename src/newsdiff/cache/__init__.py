"""What newsdiff keeps on disk to save time: the comparisons it computed.

:mod:`~newsdiff.cache.store` keeps the files (whose folder, checked when read,
written whole, size-bounded); :mod:`~newsdiff.cache.results` says what an
entry is.  Entries are data only (JSON), never code.  Nothing here imports
the engine: the engine hands in what to compute and the fingerprint of its
code.
"""
