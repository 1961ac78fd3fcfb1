"""A compact slice of WordNet 3.0: irregular forms to lemmas, lemmas to synonym groups.

Built by ``scripts/build_wordnet_map.py`` from the WordNet database files and
shipped as ``data/wordnet_map.json`` (loaded on first use).  It lets the
paraphrase features see that "met" is a form of "meet", "spoke" of "speak",
and that "purchase" and "buy" or "big" and "large" can name the same thing.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
Redistributed under the WordNet 3.0 licence; its notice and disclaimer are in
the data file's ``licence`` field and in benchmarks/README.md and must
accompany every copy.

Pure Python, no nltk: lemmatisation is WordNet's own "morphy" procedure
(exception list first, then the regular suffix rules, a candidate counting
only if WordNet lists it) restricted to the lemmas kept in the map.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache

from newsdiff.resources import package_dir

MAP_FILE = "wordnet_map.json"

# WordNet's morphy detachment rules (suffix, replacement), all parts of speech together.
_SUFFIX_RULES = (
    ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("s", ""),
    ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
    ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)  # fmt: skip


@cache
def _load() -> tuple[dict[str, str], dict[str, list[int]]]:
    """Irregular forms to lemmas, and lemmas to their synonym group ids, as the file has
    them (the ids become sets per word asked about, not for all 60,000 lemmas up front:
    that took half the load time of every run)."""
    data = _read_map()
    return data["lemmas"], data["groups"]


def metadata() -> dict:
    """The map's provenance fields (source, licence, build parameters)."""
    return {k: v for k, v in _read_map().items() if k not in ("lemmas", "groups")}


def _read_map() -> dict:
    return json.loads((package_dir("data") / MAP_FILE).read_text(encoding="utf-8"))


def irregular_base(word: str) -> str | None:
    """The base form WordNet's exception lists give an irregular form ("met" -> "meet")."""
    return _load()[0].get(word)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """WordNet lemmas ``word`` (lower case) can be a form of; empty if it knows none.

    >>> sorted(lemmas("met"))
    ['meet']
    """
    irregular, groups = _load()
    found = set()
    if word in irregular:
        found.add(irregular[word])
    if word in groups:
        found.add(word)
    for suffix, replacement in _SUFFIX_RULES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            candidate = word[: len(word) - len(suffix)] + replacement
            if candidate in groups:
                found.add(candidate)
    return frozenset(found)


@lru_cache(maxsize=65536)
def synonym_groups(word: str) -> frozenset[int]:
    """Ids of the synonym groups (frequent WordNet synsets) of any lemma of ``word``."""
    _, groups = _load()
    return frozenset(i for lemma in lemmas(word) for i in groups.get(lemma, ()))
