"""An ``--only`` selection that picks nothing says so, with what there is, in every text and
Markdown view; one that picks something adds no such line."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdiff.render.markdown import render_markdown
from newsdiff.render.story_markdown import render_story_markdown
from newsdiff.render.story_text import render_story_text
from newsdiff.render.text import render_text
from newsdiff.values import Comparison


@pytest.fixture
def agreeing(comparison) -> Comparison:
    """The fixture's comparison with its divergent pair (A0–B1) made unique on both sides:
    1 shared pair, 1 paraphrase pair, and 5 unique sentences (A0, A4, A5; B1, B3)."""
    return replace(comparison,
                   alignments=tuple(al for al in comparison.alignments if al.kind != "divergent"),
                   unique_a=(0, 4, 5), unique_b=(1, 3))


def pair_views(c: Comparison, kinds) -> dict[str, str]:
    return {"text": render_text(c, kinds=kinds, width=100),
            "markdown": render_markdown(c, kinds=kinds)}


def test_no_divergent_passage_is_said_with_the_counts_of_the_rest(agreeing):
    views = pair_views(agreeing, {"divergent"})
    line = "no divergent passages (1 shared, 1 paraphrase, 5 unique)"
    text = views["text"].splitlines()
    assert line in text
    # where the passages would be: after the legend's rule, before the boilerplate note
    assert text.index(line) == text.index("\u2500" * 100) + 1
    assert text.index(line) < next(n for n, s in enumerate(text) if "boilerplate sentences" in s)
    assert "_no divergent passages \\(1 shared, 1 paraphrase, 5 unique\\)_" in views["markdown"]
    assert "| | A | B | Details |" not in views["markdown"]  # no empty table


def test_several_kinds_asked_for_are_named_in_the_legend_order(agreeing):
    without_boilerplate = replace(agreeing, boilerplate_a=(), boilerplate_b=())
    for view in pair_views(without_boilerplate, {"boilerplate", "divergent"}).values():
        assert ("no divergent or boilerplate passages (1 shared, 1 paraphrase, 5 unique)"
                in view.replace("\\", ""))  # (Markdown escapes the brackets)
    only_unique = replace(agreeing, alignments=(), unique_a=(0, 1, 2, 4, 5),
                          unique_b=(0, 1, 2, 3))
    out = render_text(only_unique, kinds={"divergent", "paraphrase", "shared"}, width=100)
    assert "no shared, paraphrase or divergent passages (9 unique)" in out.splitlines()


def test_a_selection_with_passages_has_no_such_line(comparison):
    for view in pair_views(comparison, {"divergent"}).values():
        assert "no divergent" not in view and "passages (" not in view


def test_no_claim_of_a_kind_is_said_with_the_counts_of_the_rest(story):
    # claim 0 is divergent (its strongest relation), claim 1 shared, claims 2 and 3 unique
    line = "no paraphrase claims (1 shared, 1 divergent, 2 unique)"
    text = render_story_text(story, kinds={"paraphrase"}, width=100).splitlines()
    assert text[text.index(next(s for s in text if "Claims" in s)) + 1] == line
    assert "No claim of the selected kinds" not in "\n".join(text)
    markdown = render_story_markdown(story, kinds={"paraphrase"})
    assert "_no paraphrase claims \\(1 shared, 1 divergent, 2 unique\\)_" in markdown


def test_an_empty_matrix_with_unique_claims_keeps_its_own_note(story):
    """``--only unique`` shows claims (one outlet's each): the matrix note, no empty line."""
    out = render_story_text(story, kinds={"unique"}, width=100)
    assert "No claim of the selected kinds is carried by two or more outlets." in out
    assert "no unique claims" not in out
