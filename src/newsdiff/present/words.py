"""How counts read in the lines newsdiff writes: "1 article", "5 articles"."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (nouns with a plain ``-s`` plural)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
