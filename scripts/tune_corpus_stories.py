"""Choose how corpus mode groups articles into stories, by cross-validation grouped by topic.

    .venv/bin/python scripts/tune_corpus_stories.py [--data ../shared/data] [--no-write]  # ~2 min

Corpus mode (``newsdiff.corpus.stories``) clusters articles by the cosine of
their weighted terms at a threshold and linkage.  This script scores every
combination on the two sets whose articles are grouped by the real event they
report (each set's ``SOURCE.md``):

- ECB+ topics 1-35: 770 articles, each topic two look-alike events (two
  earthquakes, two rehab check-ins), so a choice that merges look-alikes loses;
- the Gun Violence Corpus validation split: 78 articles on 37 shootings.

The score is B-cubed F1 of the found stories against the events (the adjusted
Rand index beside it).  5-fold cross-validation grouped by topic (ECB+) and
incident (GVC): each fold's choice is the one with the best mean F1 over the two
sets on the other folds' articles (clustered alone), scored on its own fold's
articles (clustered alone).  Beside it, in the same run, the two baselines of
issue 16: near-copies alone (the engine's reprint test, what MinHash finds) and
TF-IDF of single words with average linkage, its threshold chosen by the same
folds.  The choice best over all folds ships in ``data/corpus_story_choices.json``;
the last line printed is every held-out score as one JSON object.
Term weights (IDF) come from all of a set's articles, as corpus mode weighs a
corpus by itself.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdiff.corpus.records import Record
from newsdiff.corpus.stories import CHOICES_FILE, StoryChoices, find_stories
from newsdiff.corpus.vectors import DocumentFrequencies, article_terms, weigh
from newsdiff.engine.claims import LINKAGES
from newsdiff.engine.wire import wire_sources
from newsdiff.resources import package_dir

SCRIPT_VERSION = 1
FOLDS = 5
THRESHOLDS = tuple(round(0.05 + 0.01 * k, 2) for k in range(36))  # 0.05 .. 0.40


@dataclass
class EventSet:
    """A set's articles, the event each reports, and the group its fold is chosen by."""

    name: str
    ids: list[str]
    texts: list[str]
    events: list[str]
    groups: list[str]

    def folds(self) -> np.ndarray:
        groups = sorted(set(self.groups))
        fold_of = {g: k % FOLDS for k, g in enumerate(groups)}
        return np.array([fold_of[g] for g in self.groups])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    args = parser.parse_args()
    data = Path(args.data)
    sets = [ecb_events(data / "ecbplus"), gvc_events(data / "gvc")]
    grid = list(itertools.product(THRESHOLDS, LINKAGES))
    ours = {s.name: OursOnSet(s) for s in sets}
    tfidf = {s.name: TfidfOnSet(s) for s in sets}

    def ours_at(s: EventSet, idx, choice) -> list[list[int]]:
        return ours[s.name].stories(idx, StoryChoices(*choice))

    rows = []
    for name, method, choices in (
            ("newsdiff: words and word pairs, sparse clustering", ours_at, grid),
            ("TF-IDF of words, average linkage", lambda s, idx, t: tfidf[s.name].stories(idx, t),
             THRESHOLDS)):
        held_out, chosen = cross_validate(sets, method, choices)
        rows.append((name, held_out, chosen))
    copies = {s.name: score(s, range(len(s.ids)), near_copy_stories(s)) for s in sets}
    best = max(grid, key=lambda c: (mean_f1({s.name: score(s, range(len(s.ids)),
                                                           ours_at(s, None, c)) for s in sets}),
                                    -LINKAGES.index(c[1]), c[0]))
    print_table(sets, rows, copies, best)
    cross_validated = {"newsdiff": rows[0][1], "tfidf": rows[1][1], "near_copies": copies}
    if not args.no_write:
        path = package_dir("data") / CHOICES_FILE
        path.write_text(json.dumps({
            "script_version": SCRIPT_VERSION,
            "threshold": best[0], "linkage": best[1],
            "cross_validated": {name: held_out for name, held_out, _ in rows},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    print(json.dumps(cross_validated))  # the last line: for benchmarks/quality.py


# ---------------------------------------------------------------- the gold


def ecb_events(folder: Path) -> EventSet:
    stories = json.loads((folder / "stories.json").read_text(encoding="utf-8"))
    ids, texts, events, groups = [], [], [], []
    for story in stories:
        for doc in story["docs"]:
            ids.append(doc)
            texts.append((folder / "docs" / str(story["topic"]) / f"{doc}.txt").read_text(
                encoding="utf-8"))
            events.append(story["sub"])
            groups.append(str(story["topic"]))
    return EventSet("ECB+", ids, texts, events, groups)


def gvc_events(folder: Path) -> EventSet:
    stories = json.loads((folder / "stories.json").read_text(encoding="utf-8"))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    ids, texts, events = [], [], []
    for story in stories:
        for doc in story["docs"]:
            ids.append(doc)
            texts.append((folder / gold[doc]["file"]).read_text(encoding="utf-8"))
            events.append(story["sub"])
    return EventSet("GVC", ids, texts, events, list(events))


# ---------------------------------------------------------------- the methods


class OursOnSet:
    """Corpus mode's story finding on one set: the articles read and weighed once."""

    def __init__(self, s: EventSet) -> None:
        self.ids = s.ids
        articles = [Record(i, "x", t).article() for i, t in zip(s.ids, s.texts, strict=True)]
        self.articles = articles
        terms = [article_terms(a) for a in articles]
        frequencies = DocumentFrequencies()
        frequencies.add(f for f, _ in terms)
        self.vectors = weigh(terms, frequencies)

    def stories(self, idx, choices: StoryChoices) -> list[list[int]]:
        idx = list(range(len(self.ids))) if idx is None else list(idx)
        found = find_stories([self.ids[i] for i in idx], self.vectors[idx], [None] * len(idx),
                             [], choices)
        return [[idx[k] for k in g] for g in found]


class TfidfOnSet:
    """The baseline: scikit-learn TF-IDF of single words, average linkage (dense)."""

    def __init__(self, s: EventSet) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer  # the train extra

        vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(s.texts)
        self.similarity = (vectors @ vectors.T).toarray()

    def stories(self, idx, threshold: float) -> list[list[int]]:
        idx = list(range(len(self.similarity))) if idx is None else list(idx)
        if len(idx) < 2:
            return [idx]
        distance = np.clip(1.0 - self.similarity[np.ix_(idx, idx)], 0.0, None)
        np.fill_diagonal(distance, 0.0)
        labels = fcluster(linkage(squareform(distance, checks=False), method="average"),
                          1.0 - threshold, criterion="distance")
        groups: dict[int, list[int]] = defaultdict(list)
        for k, label in zip(idx, labels, strict=True):
            groups[label].append(k)
        return list(groups.values())


def near_copy_stories(s: EventSet) -> list[list[int]]:
    """Near-copies alone: the engine's reprints grouped, every other article on its own."""
    articles = [Record(i, "x", t).article() for i, t in zip(s.ids, s.texts, strict=True)]
    return [list(g) for g in wire_sources(articles)]


# ---------------------------------------------------------------- scoring


def bcubed(groups: Sequence[Sequence[int]], events: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``groups`` (indices into ``events``)."""
    found = {i: set(g) for g in groups for i in g}
    by_event: dict[str, set[int]] = defaultdict(set)
    for i in found:
        by_event[events[i]].add(i)
    precision = sum(len(found[i] & by_event[events[i]]) / len(found[i]) for i in found)
    recall = sum(len(found[i] & by_event[events[i]]) / len(by_event[events[i]]) for i in found)
    precision, recall = precision / len(found), recall / len(found)
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(s: EventSet, idx: Sequence[int], groups: Sequence[Sequence[int]]) -> dict:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(groups, s.events)
    label = {i: k for k, g in enumerate(groups) for i in g}
    idx = sorted(idx)
    ari = adjusted_rand_score([s.events[i] for i in idx], [label[i] for i in idx])
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3), "ARI": round(ari, 3)}


def mean_f1(scores: dict[str, dict]) -> float:
    return sum(v["F1"] for v in scores.values()) / len(scores)


def cross_validate(sets: Sequence[EventSet], method: Callable, choices: Sequence
                   ) -> tuple[dict[str, dict], list]:
    """Held-out scores (stories of every fold pooled) and each fold's choice."""
    folds = {s.name: s.folds() for s in sets}
    held_out: dict[str, list[list[int]]] = {s.name: [] for s in sets}
    chosen = []
    for fold in range(FOLDS):
        def trained(choice, fold=fold) -> float:
            return mean_f1({s.name: score(s, np.where(folds[s.name] != fold)[0],
                                          method(s, np.where(folds[s.name] != fold)[0], choice))
                            for s in sets})
        choice = max(choices, key=trained)
        chosen.append(choice)
        for s in sets:
            held_out[s.name] += method(s, np.where(folds[s.name] == fold)[0], choice)
    return {s.name: score(s, range(len(s.ids)), held_out[s.name]) for s in sets}, chosen


def print_table(sets, rows, copies, best) -> None:
    print(f"| stories found ({FOLDS}-fold CV by topic / incident, held out) | "
          + " | ".join(f"{s.name} B-cubed P / R / F1, ARI" for s in sets) + " | choices |")
    print("|---|" + "---|" * (len(sets) + 1))
    for name, held_out, chosen in rows:
        print(f"| {name} | " + " | ".join(_cell(held_out[s.name]) for s in sets)
              + f" | {', '.join(map(str, chosen))} |")
    print("| near-copies alone (reprints) | "
          + " | ".join(_cell(copies[s.name]) for s in sets) + " | — |")
    print(f"shipped: threshold {best[0]}, {best[1]} linkage")


def _cell(v: dict) -> str:
    return f"{v['P']:.3f} / {v['R']:.3f} / {v['F1']:.3f}, {v['ARI']:.3f}"


if __name__ == "__main__":
    main()
