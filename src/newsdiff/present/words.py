"""How counts read in the lines newsdiff writes: "1 article", "5 articles"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` (with thousands separated) and ``noun``, in the plural unless ``n`` is 1: ``plural``,
    or the noun with a plain ``-s``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
