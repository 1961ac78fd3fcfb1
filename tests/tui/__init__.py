"""Tests of the Textual reader (a package, so its conftest does not shadow tests/conftest.py)."""
