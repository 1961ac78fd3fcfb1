"""Fixtures of the view model's tests: the hand-built stories of :mod:`tests.stories`."""

from tests.stories import extent_story, story  # noqa: F401  (fixtures, found by name)
