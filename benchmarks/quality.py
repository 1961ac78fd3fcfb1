"""The quality section of ``python -m benchmarks`` (issue 15): newsdiff's accuracy on the
development data of ``../shared``, every number beside TF-IDF from the same run.

Two shared tools do the scoring, and this module only runs them and reads their output,
so that the benchmark reports exactly what the tools report and never a second
implementation of their metrics:

* ``tools/eval_external.py`` on ECB+ (topics 1–35), GVC (val) and STS 2013 headlines,
  with a TF-IDF cosine baseline whose threshold is cross-fitted on the same data (its
  last stdout line is one JSON object with every metric);
* ``tools/score_gold.py`` on each hand-labelled pair of the sample story in ``gold-dev/``
  (one JSON line each; no TF-IDF there), then on all of them at once;
* ``scripts/tune_corpus_stories.py --no-write`` (issue 16): corpus mode's stories against
  ECB+'s and GVC's events, held out by topic, beside TF-IDF clustering and near-copies
  alone (its last line is one JSON object).

The goal column holds the floors of issue 15. They are set for the *held-back* sets
(ECB+ topics 36–45, GVC test, STS 2014–15, more sample-story pairs), which nobody here
sees; on dev data, which tuning may use, meeting a floor is necessary, not
sufficient. A tool that fails or prints something unreadable costs its rows and
leaves one line in the notes, so the speed figures of the same run are never lost.
"""

from __future__ import annotations

import json
import shlex
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.suite import NEWSDIFF, ROOT, Row

#: eval_external takes about a minute on 2 cores; a loaded machine may take several.
EXTERNAL_TIMEOUT = 1800
#: score_gold runs newsdiff once per gold file (under a second each; 120 s at most).
GOLD_TIMEOUT = 600
#: tune_corpus_stories takes about two minutes on 2 cores.
STORIES_TIMEOUT = 1800
#: Issue 16's floor for corpus story finding on ECB+'s held-back topics.
STORIES_FLOOR = 0.90

#: Printed under the table: how to read it.
READING = (
    "Dev data: ECB+ topics 1–35, GVC val, STS 2013 headlines and the sample story's gold-dev "
    "pairs, on which tuning is allowed (the sample story's constants were chosen on those "
    "pairs). The floors are issue 15's for the held-back sets, so one met here is necessary, "
    "not sufficient. TF-IDF: cosine with a threshold cross-fitted in the same eval_external "
    "run. A pair's kind macro-F1 averages the three kinds and counts 0 for a kind its gold "
    "lacks, so the pooled figure is the one to read."
)


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def beside(ours: float, tfidf: float, fmt: Callable[[float], str] = "{:.2f}".format,
           baseline: str = "TF-IDF") -> str:
    """newsdiff's figure with the baseline's from the same run in brackets."""
    return f"{fmt(ours)} ({baseline} {fmt(tfidf)})"


def last_json(stdout: str) -> dict:
    """The last non-empty line of a tool's output, read as one JSON object."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise ValueError("no output")
    value = json.loads(lines[-1])
    if not isinstance(value, dict):
        raise TypeError("last line is not a JSON object")
    return value


def strict_rows(name: str, data: dict, mcc_floor: float, recall_floor: bool) -> list[Row]:
    """One corpus's sentence links against strict gold (same event and a shared
    participant, time or place: the closer match to what newsdiff calls "the same
    fact"). Unit recall is read beside precision: linking every unit pair reaches
    recall 1, so the floor asks for both (ECB+ only)."""
    ours, tfidf = data["strict"]["newsdiff"], data["strict"]["tfidf"]
    where = f"{name}, strict gold, {data['pairs_same']} same-event pairs"
    return [
        Row(f"{where}: link precision / recall",
            f"{ours['P']:.2f} / {ours['R']:.2f} (TF-IDF {tfidf['P']:.2f} / {tfidf['R']:.2f})"),
        Row(f"{where}: MCC", beside(ours["MCC"], tfidf["MCC"]), f"≥ {mcc_floor:.2f}",
            ours["MCC"] >= mcc_floor),
        Row(f"{where}: unit recall (at precision)",
            f"{ours['unit_recall']:.2f} at {ours['P']:.2f} "
            f"(TF-IDF {tfidf['unit_recall']:.2f} at {tfidf['P']:.2f})",
            "≥ 0.75 at precision ≥ 0.80" if recall_floor else "",
            ours["unit_recall"] >= 0.75 and ours["P"] >= 0.80 if recall_floor else None),
    ]


def story_rows(where: str, data: dict) -> list[Row]:
    """The story view's claims (units of two articles in one claim count as linked), against
    loose gold; none when the tool ran without the story view."""
    story = data.get("story_view_loose")
    if not story:
        return []
    return [Row(f"{where} with 3 or more articles as one story ({story['stories']} stories): "
                "story view, loose gold, precision / recall",
                f"{story['P']:.2f} / {story['R']:.2f}")]


def external_rows(metrics: dict) -> list[Row]:
    """Rows from eval_external's JSON: ECB+ and GVC links, ECB+ links between articles
    on different events (every one false), and the STS headline pairs."""
    ecb, sts = metrics["ecbplus"], metrics["sts_headlines"]
    cross = ecb["cross_event"]

    def false_links(who: str) -> str:
        found, candidates = cross[who]["false_links"], cross[who]["candidates"]
        return f"{pct(found / candidates)}, {found}/{candidates}"

    rate = cross["newsdiff"]["false_links"] / cross["newsdiff"]["candidates"]
    same, rank = sts["same_fact_binary"], sts["spearman_vs_gold"]
    divergence = sts["divergence"]
    return [
        *strict_rows("ECB+ dev (topics 1–35)", ecb, 0.40, recall_floor=True),
        Row(f"ECB+ dev, {ecb['pairs_cross']} cross-event pairs: false links / candidate "
            "unit pairs", f"{false_links('newsdiff')} (TF-IDF {false_links('tfidf')})",
            "≤ 5 %", rate <= 0.05),
        *story_rows("ECB+ dev, each sub-topic", ecb),
        *strict_rows("GVC dev (val)", metrics["gvc"], 0.30, recall_floor=False),
        *story_rows("GVC dev, each incident", metrics["gvc"]),
        Row(f"STS 2013 headlines (dev), Spearman of the best alignment score with gold "
            f"({sts['pairs']} pairs)", beside(rank["newsdiff_score"], rank["tfidf_cosine"]),
            "≥ 0.78 (on STS 2014–15)", rank["newsdiff_score"] >= 0.78),
        Row(f"STS 2013 headlines (dev), same fact (gold ≥ 3) vs not (< 2): MCC of "
            f"\"aligned anything\" ({same['newsdiff']['n']} pairs)",
            beside(same["newsdiff"]["MCC"], same["tfidf"]["MCC"]), "≥ 0.68",
            same["newsdiff"]["MCC"] >= 0.68),
        Row(f"STS 2013 headlines (dev), false `divergent` on "
            f"{divergence['consistent_pairs']} consistent pairs",
            beside(divergence["newsdiff"]["false_divergent_rate"],
                   divergence["baseline_numbers_or_negation"]["false_divergent_rate"], pct,
                   "numbers-or-negation rule")),
    ]


#: score_gold's keys, the row's name for each, and the floor of issue 15.
GOLD_FLOORS = {"link_F1": ("link F1", 0.75), "kind_macroF1": ("kind macro-F1", 0.70),
               "boiler_F1": ("boilerplate F1", 0.95)}


def gold_rows(per_pair: dict[str, dict], pooled: dict) -> list[Row]:
    """Rows from score_gold's JSON for each pair (label → scores) and for all pairs at
    once: each pair's figures, then the mean of the pairs and the pooled score (every
    link of every pair counted together, as a held-back set is scored) against the
    floors.  Boilerplate F1 only where score_gold reports it."""
    keys = [k for k in GOLD_FLOORS if k in pooled]
    names = " / ".join(GOLD_FLOORS[k][0] for k in keys)
    rows = [Row(f"sample story gold-dev pair {label}: {names}",
                " / ".join(f"{scores[k]:.3f}" for k in keys))
            for label, scores in per_pair.items()]
    for how, value in (
            (f"mean of the {len(per_pair)} pairs",
             lambda k: statistics.fmean(s[k] for s in per_pair.values())),
            (f"the {len(per_pair)} pairs pooled", lambda k: pooled[k])):
        for k in keys:
            name, floor = GOLD_FLOORS[k]
            rows.append(Row(f"· sample story gold-dev, {how}: {name}", f"{value(k):.3f}",
                            f"≥ {floor:.2f}", value(k) >= floor))
    return rows


def corpus_story_rows(data: dict) -> list[Row]:
    """Corpus mode's stories against the real events (B-cubed, held out by topic or
    incident), beside TF-IDF clustering and near-copies alone from the same run."""
    rows = []
    for name in ("ECB+", "GVC"):
        ours, tfidf, copies = (data[k][name] for k in ("newsdiff", "tfidf", "near_copies"))
        rows.append(Row(
            f"corpus stories, {name} events (5-fold CV by topic): B-cubed P / R / F1, ARI",
            f"{ours['P']:.3f} / {ours['R']:.3f} / {ours['F1']:.3f}, {ours['ARI']:.3f} "
            f"(TF-IDF F1 {tfidf['F1']:.3f}, near-copies alone {copies['F1']:.3f})",
            f"F1 ≥ {STORIES_FLOOR:.2f}" if name == "ECB+" else "",
            ours["F1"] >= STORIES_FLOOR if name == "ECB+" else None))
    return rows


def pair_label(gold: Path) -> str:
    """``000_f419…__004_c499….json`` → ``000 × 004`` (the seed files' numbers)."""
    return " × ".join(side.split("_")[0] for side in gold.stem.split("__"))


def run_tool(argv: list[str], timeout: int) -> dict:
    """A tool's last JSON line; a failure is raised as one line of text."""
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"exit {done.returncode}: {tail}")
    return last_json(done.stdout)


def section(what: str, make: Callable[[], list[Row]]) -> tuple[list[Row], list[str]]:
    """``make()``'s rows, or no rows and one note saying why (a tool that failed, timed
    out, or printed what the parser cannot read): never a traceback in the table."""
    try:
        return make(), []
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, ZeroDivisionError,
            subprocess.TimeoutExpired) as error:
        text = " ".join(str(error).split()) or type(error).__name__
        return [], [f"{what}: not scored ({type(error).__name__}: {text[:200]})."]


def run(repo: Path = ROOT) -> tuple[list[Row], list[str]]:
    """Run both tools on ``repo``'s sibling ``shared`` folder: the rows, and the notes
    to print under them (how to read them, and anything that could not be scored).
    Without that folder (a checkout on its own) the section is one note."""
    shared = repo.parent / "shared"
    if not shared.is_dir():
        return [], [(f"Quality skipped: no shared folder at {shared} (it holds the dev "
                     "data and the scoring tools).")]
    tools = shared / "tools"
    rows, notes = section("ECB+ / GVC / STS (tools/eval_external.py)", lambda: external_rows(
        run_tool([sys.executable, str(tools / "eval_external.py"), sys.executable],
                 EXTERNAL_TIMEOUT)))
    golds = sorted((shared / "gold-dev").glob("*.json"))
    cmd = shlex.join([*NEWSDIFF, "--format", "json", "--no-cache", "{a}", "{b}"])

    def score(paths: list[Path]) -> dict:
        return run_tool([sys.executable, str(tools / "score_gold.py"), "--cmd", cmd,
                         *map(str, paths)], GOLD_TIMEOUT)

    more, more_notes = section("sample story gold-dev (tools/score_gold.py)", lambda: gold_rows(
        {pair_label(gold): score([gold]) for gold in golds}, score(golds)))
    found, found_notes = section("corpus stories (scripts/tune_corpus_stories.py)",
                                 lambda: corpus_story_rows(run_tool(
                                     [sys.executable, str(repo / "scripts" /
                                                          "tune_corpus_stories.py"),
                                      "--data", str(shared / "data"), "--no-write"],
                                     STORIES_TIMEOUT)))
    return rows + more + found, [READING, *notes, *more_notes, *found_notes]
