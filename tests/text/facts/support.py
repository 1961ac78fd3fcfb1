"""What the detail tests ask of two sentences given as text: the details they conflict on."""

from __future__ import annotations

from newsdiff.text.facts import diverging_details, extract_facts
from newsdiff.values import Detail


def compare(a: str, b: str) -> list[Detail]:
    """``diverging_details`` of two sentences given as text."""
    return diverging_details(extract_facts(a), extract_facts(b))


def details(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(d.type, d.a, d.b) for d in compare(a, b)]


def types(a: str, b: str) -> list[str]:
    return [d.type for d in compare(a, b)]


def mirrored(found: list[Detail]) -> list[Detail]:
    return [d.swapped() for d in found]
