"""The quality section of ``python -m benchmarks`` reads the shared tools' output into rows
with the right met / not-met flags, and degrades to one note, never a traceback.

The fixtures are the real output of one run (2026-12-07, commit e2f949d): eval_external's
last line trimmed to the keys the section reads, score_gold's lines as printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks import quality, suite

EXTERNAL = """\
# STS 2013 headlines: 750 pairs; tool .venv/bin/python (lib; newsdiff 0.1.0)
  Spearman with gold (all 750): newsdiff best score 0.62, TF-IDF cosine 0.74

{"ecbplus": {"dataset": "ECB+ dev (topics 1-35)", "pairs_same": 198, "pairs_cross": 33, \
"strict": {"newsdiff": {"P": 0.923, "R": 0.316, "F1": 0.471, "MCC": 0.279, "unit_recall": 0.407}, \
"tfidf": {"P": 0.83, "R": 0.699, "F1": 0.759, "MCC": 0.354, "unit_recall": 0.82}}, \
"cross_event": {"newsdiff": {"false_links": 5, "candidates": 99, "rate": 0.051, \
"pairs_with_any_link": 2}, "tfidf": {"false_links": 30, "candidates": 99, "rate": 0.303, \
"pairs_with_any_link": 17}}}, \
"gvc": {"dataset": "GVC dev (val split)", "pairs_same": 51, "pairs_cross": 20, \
"strict": {"newsdiff": {"P": 0.716, "R": 0.154, "F1": 0.253, "MCC": 0.204, "unit_recall": 0.351}, \
"tfidf": {"P": 0.611, "R": 0.511, "F1": 0.557, "MCC": 0.32, "unit_recall": 0.775}}, \
"cross_event": {"newsdiff": {"false_links": 5, "candidates": 572, "rate": 0.009, \
"pairs_with_any_link": 4}, "tfidf": {"false_links": 23, "candidates": 572, "rate": 0.04, \
"pairs_with_any_link": 11}}}, \
"sts_headlines": {"dataset": "STS 2013 headlines (dev)", "pairs": 750, \
"same_fact_binary": {"newsdiff": {"P": 0.758, "R": 0.865, "F1": 0.808, "MCC": 0.539, "n": 628}, \
"tfidf": {"P": 0.809, "R": 0.841, "F1": 0.825, "MCC": 0.599, "n": 628}}, \
"spearman_vs_gold": {"newsdiff_score": 0.622, "tfidf_cosine": 0.744}, \
"divergence": {"consistent_pairs": 153, "newsdiff": {"false_divergent_rate": 0.007}, \
"baseline_numbers_or_negation": {"false_divergent_rate": 0.007}}}, "total_secs": 56.7}
"""

GOLD = {
    "000 × 004": '{"link_P": 1.0, "link_R": 0.765, "link_F1": 0.867, "kind_acc": 1.0, '
                 '"kind_macroF1": 0.582, "boiler_F1": 1.0, "max_s": 0.39}',
    "001 × 003": '{"link_P": 0.571, "link_R": 0.5, "link_F1": 0.533, "kind_acc": 1.0, '
                 '"kind_macroF1": 0.4, "boiler_F1": 1.0, "max_s": 0.36}',
    "002 × 004": '{"link_P": 0.852, "link_R": 0.767, "link_F1": 0.807, "kind_acc": 0.957, '
                 '"kind_macroF1": 0.556, "boiler_F1": 1.0, "max_s": 0.42}',
}
POOLED = ('{"link_P": 0.851, "link_R": 0.727, "link_F1": 0.784, "kind_acc": 0.975, '
          '"kind_macroF1": 0.768, "boiler_F1": 1.0, "max_s": 0.34}')


def by_name(rows: list[suite.Row]) -> dict[str, suite.Row]:
    return {row.measurement: row for row in rows}


def test_external_rows_put_newsdiff_beside_tfidf_against_the_floors() -> None:
    rows = by_name(quality.external_rows(quality.last_json(EXTERNAL)))
    ecb = "ECB+ dev (topics 1–35), strict gold, 198 same-event pairs"
    assert rows[f"{ecb}: link precision / recall"].cells() == [
        f"{ecb}: link precision / recall", "0.92 / 0.32 (TF-IDF 0.83 / 0.70)", "", ""]
    assert rows[f"{ecb}: MCC"].cells()[1:] == ["0.28 (TF-IDF 0.35)", "≥ 0.40", "**no**"]
    recall = rows[f"{ecb}: unit recall (at precision)"]
    assert (recall.result, recall.goal, recall.met) == (
        "0.41 at 0.92 (TF-IDF 0.82 at 0.83)", "≥ 0.75 at precision ≥ 0.80", False)
    cross = rows["ECB+ dev, 33 cross-event pairs: false links / candidate unit pairs"]
    assert (cross.result, cross.met) == ("5.1 %, 5/99 (TF-IDF 30.3 %, 30/99)", False)
    gvc = "GVC dev (val), strict gold, 51 same-event pairs"
    assert (rows[f"{gvc}: MCC"].goal, rows[f"{gvc}: MCC"].met) == ("≥ 0.30", False)
    assert rows[f"{gvc}: unit recall (at precision)"].met is None
    spearman = next(r for r in rows.values() if "Spearman" in r.measurement)
    assert (spearman.result, spearman.goal, spearman.met) == (
        "0.62 (TF-IDF 0.74)", "≥ 0.78 (on STS 2014–15)", False)
    same = next(r for r in rows.values() if "same fact" in r.measurement)
    assert (same.result, same.goal, same.met) == ("0.54 (TF-IDF 0.60)", "≥ 0.68", False)
    divergent = next(r for r in rows.values() if "false `divergent`" in r.measurement)
    assert (divergent.result, divergent.met) == ("0.7 % (numbers-or-negation rule 0.7 %)", None)


def test_external_rows_are_met_when_newsdiff_clears_the_floors() -> None:
    metrics = quality.last_json(EXTERNAL)
    metrics["ecbplus"]["strict"]["newsdiff"].update(P=0.85, MCC=0.45, unit_recall=0.76)
    metrics["ecbplus"]["cross_event"]["newsdiff"]["false_links"] = 4
    metrics["gvc"]["strict"]["newsdiff"]["MCC"] = 0.30
    metrics["sts_headlines"]["spearman_vs_gold"]["newsdiff_score"] = 0.80
    metrics["sts_headlines"]["same_fact_binary"]["newsdiff"]["MCC"] = 0.70
    flags = [row.met for row in quality.external_rows(metrics) if row.goal]
    assert flags == [True] * 6


def test_the_story_view_has_a_row_when_the_tool_scored_it() -> None:
    metrics = quality.last_json(EXTERNAL)
    assert not any("story view" in r.measurement for r in quality.external_rows(metrics))
    metrics["ecbplus"]["story_view_loose"] = {"P": 0.864, "R": 0.333, "stories": 66}
    (story,) = [r for r in quality.external_rows(metrics) if "story view" in r.measurement]
    assert story.measurement.startswith("ECB+ dev, each sub-topic with 3 or more articles")
    assert "(66 stories)" in story.measurement
    assert (story.result, story.goal, story.met) == ("0.86 / 0.33", "", None)


def test_unit_recall_needs_the_precision_too() -> None:
    metrics = quality.last_json(EXTERNAL)
    metrics["ecbplus"]["strict"]["newsdiff"].update(P=0.79, unit_recall=0.90)
    recall = next(r for r in quality.external_rows(metrics) if "unit recall" in r.measurement)
    assert recall.met is False


def test_gold_rows_each_pair_then_mean_and_pooled_against_the_floors() -> None:
    rows = quality.gold_rows({label: json.loads(line) for label, line in GOLD.items()},
                             json.loads(POOLED))
    assert [r.cells() for r in rows[:3]] == [
        ["sample story gold-dev pair 000 × 004: link F1 / kind macro-F1 / boilerplate F1",
         "0.867 / 0.582 / 1.000", "", ""],
        ["sample story gold-dev pair 001 × 003: link F1 / kind macro-F1 / boilerplate F1",
         "0.533 / 0.400 / 1.000", "", ""],
        ["sample story gold-dev pair 002 × 004: link F1 / kind macro-F1 / boilerplate F1",
         "0.807 / 0.556 / 1.000", "", ""],
    ]
    assert [r.cells()[1:] for r in rows[3:]] == [
        ["0.736", "≥ 0.75", "**no**"], ["0.513", "≥ 0.70", "**no**"], ["1.000", "≥ 0.95", "yes"],
        ["0.784", "≥ 0.75", "yes"], ["0.768", "≥ 0.70", "yes"], ["1.000", "≥ 0.95", "yes"],
    ]
    assert rows[3].measurement == "· sample story gold-dev, mean of the 3 pairs: link F1"
    assert rows[8].measurement == "· sample story gold-dev, the 3 pairs pooled: boilerplate F1"


def test_gold_rows_leave_out_boilerplate_when_score_gold_does() -> None:
    scores = {k: v for k, v in json.loads(POOLED).items() if k != "boiler_F1"}
    rows = quality.gold_rows({"000 × 004": scores}, scores)
    assert rows[0].measurement.endswith(": link F1 / kind macro-F1")
    assert not any("boilerplate" in r.measurement for r in rows)


def test_pair_label_is_the_seed_numbers() -> None:
    gold = Path("000_f419c35983c40fbf__004_c499ed9efbb86aed.json")
    assert quality.pair_label(gold) == "000 × 004"


@pytest.mark.parametrize("stdout", ["", "no json here\n", '["a list"]\n',
                                    EXTERNAL.replace('"gvc"', '"GVC"')])
def test_output_the_parser_cannot_read_is_one_note(stdout: str) -> None:
    rows, notes = quality.section("eval", lambda: quality.external_rows(quality.last_json(stdout)))
    assert rows == []
    assert len(notes) == 1 and notes[0].startswith("eval: not scored (")
    assert "\n" not in notes[0]


def test_without_the_shared_folder_the_section_is_one_skip_note(tmp_path: Path) -> None:
    rows, notes = quality.run(tmp_path / "main")
    assert rows == []
    assert len(notes) == 1 and notes[0].startswith("Quality skipped: no shared folder at ")


def test_a_run_of_one_part_keeps_the_other_in_results(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suite, "RESULTS", tmp_path / "RESULTS.md")
    monkeypatch.setattr(suite, "ROOT", tmp_path)
    suite.write_results("# Benchmark results\n\nspeed 1", f"{suite.QUALITY_HEADING}\n\nquality 1")
    suite.write_results(None, f"{suite.QUALITY_HEADING}\n\nquality 2")
    assert suite.RESULTS.read_text() == (
        f"# Benchmark results\n\nspeed 1\n\n{suite.QUALITY_HEADING}\n\nquality 2\n")
    suite.write_results("# Benchmark results\n\nspeed 2", None)
    assert suite.RESULTS.read_text() == (
        f"# Benchmark results\n\nspeed 2\n\n{suite.QUALITY_HEADING}\n\nquality 2\n")


STORIES = ('{"newsdiff": {"ECB+": {"P": 0.898, "R": 0.944, "F1": 0.921, "ARI": 0.88}, '
           '"GVC": {"P": 1.0, "R": 0.983, "F1": 0.991, "ARI": 0.98}}, '
           '"tfidf": {"ECB+": {"P": 0.799, "R": 0.955, "F1": 0.87, "ARI": 0.809}, '
           '"GVC": {"P": 1.0, "R": 0.97, "F1": 0.985, "ARI": 0.969}}, '
           '"near_copies": {"ECB+": {"P": 1.0, "R": 0.098, "F1": 0.179, "ARI": 0.024}, '
           '"GVC": {"P": 1.0, "R": 0.483, "F1": 0.651, "ARI": 0.038}}}')


def test_corpus_story_rows_put_newsdiff_beside_both_baselines_against_the_floor() -> None:
    ecb, gvc = quality.corpus_story_rows(quality.last_json("table\n" + STORIES))
    assert (ecb.result, ecb.goal, ecb.met) == (
        "0.898 / 0.944 / 0.921, 0.880 (TF-IDF F1 0.870, near-copies alone 0.179)",
        "F1 ≥ 0.90", True)
    assert gvc.met is None and "0.991" in gvc.result
