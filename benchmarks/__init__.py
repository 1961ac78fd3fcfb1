"""Benchmarks of newsdiff (run and reported, never asserted).

``python -m benchmarks`` runs the whole set (see :mod:`benchmarks.suite`); the
single scripts (``python benchmarks/speed.py`` and so on) still run alone.
"""
