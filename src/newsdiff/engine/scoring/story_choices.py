"""The story view's own choices, chosen by cross-validation on whole stories.

A story clusters the sentences of all its outlets at once
(:mod:`newsdiff.engine.story`): a claim carried by ten outlets must hold
together across forty-five article pairs, where a pair comparison needs one.
So the story keeps its own claim threshold and linkage and its own number of
candidate partners per other outlet, all chosen by ``scripts/tune_story.py`` (5-fold
cross-validation grouped by topic, incident and story, over ECB+ sub-topics,
Gun Violence Corpus incidents and the sample story, scoring which units end up
in one claim).  They ship in ``data/story_choices.json`` with their
cross-validated scores; the same-fact model they were chosen with is the one
shipped beside them (re-run the script after retraining it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsdiff.engine.claims import known_linkage
from newsdiff.resources import package_dir

CHOICES_FILE = "story_choices.json"


@dataclass(frozen=True, slots=True)
class StoryChoices:
    """How a story finds and groups its claims."""

    partners_per_outlet: int
    """Candidate partners each sentence keeps per other outlet (see ``engine.story``)."""
    claim_threshold: float
    """A story's sentences are grouped into claims while their linkage similarity is this
    high."""
    claim_linkage: str
    """How two groups of sentences are judged alike (see :mod:`~newsdiff.engine.claims`)."""
    metadata: dict[str, Any]


@cache
def load_story_choices() -> StoryChoices:
    """The shipped choices, read once per process."""
    data = json.loads((package_dir("data") / CHOICES_FILE).read_text(encoding="utf-8"))
    return story_choices_from_dict(data)


def story_choices_from_dict(data: dict[str, Any]) -> StoryChoices:
    choices = data["choices"]
    return StoryChoices(
        partners_per_outlet=int(choices["partners_per_outlet"]),
        claim_threshold=float(choices["claim_threshold"]),
        claim_linkage=known_linkage(choices["claim_linkage"], "re-run scripts/tune_story.py"),
        metadata={k: v for k, v in data.items() if k != "choices"},
    )
