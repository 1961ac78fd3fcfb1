"""What newsdiff keeps on disk to save time: comparisons, compiled generated code.

:mod:`~newsdiff.cache.store` keeps files (where, written whole, size-bounded);
:mod:`~newsdiff.cache.results` and :mod:`~newsdiff.cache.code` say what an
entry of each kind is.  Nothing here imports the engine: the engine hands
in what to compute and the fingerprint of its code.
"""
