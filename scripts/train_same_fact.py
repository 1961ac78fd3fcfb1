"""Train the same-fact model (``src/newsdiff/data/same_fact_model.json``) on real labelled news.

    .venv/bin/python scripts/train_same_fact.py [--data ../shared/data] [--gold ../shared/gold-dev]
        [--rows FILE] [--features SET] [--gate G] [--partners K] [--scorer NAME] [--no-write]
                                                                                    # ~15 min

What it reads (each set's licence and label mapping: its ``SOURCE.md``):

- ECB+ topics 1-35 (``ecbplus/``) and the Gun Violence Corpus validation split
  (``gvc/``): article pairs on one event (and on two look-alike events, where
  every link is false), with sentence units and cross-document event gold.  A
  unit pair is a positive under the *strict* gold of ``../shared/tools/
  eval_external.py``: one event plus a shared participant, time or place (ECB+),
  a victim's outcome in common (GVC);
- STS 2013 headlines (``sts-headlines/``): a pair is one fact when its human
  score is at least 3, not when below 2 (the band between is left out);
- the sample story's hand-labelled pairs (``gold-dev/``): every sentence pair
  of the two articles, positive when the gold aligns it.

MSRP is not used here: the paraphrase model, one of this model's inputs, is
trained on it.

Every pair of articles goes through the engine's own sentence graph, so the
features are exactly what the engine computes at run time.  Choices, all by 5-fold
cross-validation grouped by topic (ECB+), incident (GVC), headline pair (STS) and
story (the sample story is one group), in two stages:

1. unit pairs: each feature set, regularisation C and graph (``Graphing``: the
   alias share, the scorer's gate and bound, the number of candidate partners),
   with a threshold chosen inside each fold.  A unit pair is predicted linked
   when one of its sentence pairs is a candidate and the model gives it at least
   the threshold; it is trained on its most similar sentence pair.  Each feature
   set's best configuration is a finalist;
2. the engine: per finalist and fold, the model fitted and the link and claim
   thresholds, the claims' linkage (``engine.claims``) and the detail-slot cap
   chosen on the other folds, then the held-out article pairs compared by the
   pair engine itself (``linked_views``: claims, strong links, detail slots).
   The finalist with the best held-out objective ships, refitted on everything,
   with the slot cap of ``chosen_slot_cap`` (each cap cross-validated on its own;
   the largest within one standard error of the best, fold by fold).

Each dataset weighs the same in fitting and in the objective (the mean of the four
datasets' MCC over unit pairs); every threshold keeps false links on look-alike
article pairs within ``MAX_CROSS_FALSE``.  The tables printed (held-out folds
only) go to ``benchmarks/README.md``.  ``--rows`` keeps the stage-1 measurements in
a file and reuses them; ``--features``, ``--gate`` and ``--partners`` restrict the
choice (for experiments: the shipped file comes from a run without them).

Needs the ``train`` extra (numpy, scikit-learn).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdiff.engine.annotate import ArticleAnalysis, annotate
from newsdiff.engine.candidates import candidate_pairs
from newsdiff.engine.claims import LINKAGES
from newsdiff.engine.graph import SentenceGraph
from newsdiff.engine.pair import claim_links, slot_links, strong_links
from newsdiff.engine.scoring import SCORER_NAMES, same_fact_file, scorer_named
from newsdiff.engine.scoring.same_fact import FEATURE_NAMES, MODEL_FILE, SameFactModel
from newsdiff.engine.similarity import across, relative_similarity
from newsdiff.run.inprocess import InProcess
from newsdiff.sources import load_article

SCRIPT_VERSION = 2
DATASETS = ("ecbplus", "gvc", "sts", "sample")
FOLDS = 5
PARTNER_CHOICES = (4, 8, 12, 16)
GATE_CHOICES = (0.1, 0.2, 0.3)
#: The containment from which the scorer is not asked (1.0: asked up to a full match).
ENOUGH_CHOICES = (0.4, 0.6, 0.8, 1.0)
#: The share of a comparison's sentences that makes a person its subject (no alias).
SHARE_CHOICES = (0.3, 0.5, 0.7)
C_CHOICES = (0.1, 1.0, 10.0)
THRESHOLDS = [round(0.02 * k, 2) for k in range(5, 48)]
#: The most false links on look-alike article pairs a threshold may make (issue 15's floor).
MAX_CROSS_FALSE = 0.05
#: The link and claim thresholds the engine's cross-validation chooses among.
ENGINE_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The detail-slot caps (sentences filling one slot) it chooses among.
SLOT_CHOICES = (5, 10, 20, 40)
GVC_OUTCOMES = ("death", "hitting", "injuring", "missing")
FEATURE_SETS = {
    "similarity": ("similarity",),
    "pair": ("similarity", "containment", "cosine"),
    "pair + articles": ("similarity", "containment", "cosine", "articles_cosine",
                        "log_sentence_pairs"),
    "pair + relative": ("similarity", "containment", "cosine", "relative_lower",
                        "relative_higher"),
    "pair + articles + relative": ("similarity", "containment", "cosine", "articles_cosine",
                                   "log_sentence_pairs", "relative_lower", "relative_higher"),
    "all": FEATURE_NAMES,
}
#: The graph is built with every partner a choice may keep and the scorer asked about
#: every pair a choice may ask it about; the placeholder model's probability is not used
#: (the features are read, not the scores).
PLACEHOLDER = SameFactModel(used=(), weights=(), bias=0.0, link_threshold=1.0,
                            claim_threshold=1.0, claim_linkage=LINKAGES[0],
                            scorer_gate=min(GATE_CHOICES), scorer_enough=max(ENOUGH_CHOICES),
                            partners=max(PARTNER_CHOICES), max_slot_sentences=max(SLOT_CHOICES),
                            max_named_share=0.5,
                            metadata={})


class Graphing(NamedTuple):
    """The choices that shape a comparison's graph before the model weighs it."""

    share: float  # a person named in more of the sentences gets no alias
    gate: float  # the scorer is asked from this containment ...
    enough: float  # ... up to this one
    partners: int  # candidate partners per sentence

    def model(self) -> SameFactModel:
        """The placeholder model with these choices (what a graph is built with)."""
        return replace(PLACEHOLDER, max_named_share=self.share, scorer_gate=self.gate,
                       scorer_enough=self.enough, partners=self.partners)


GRAPHINGS = [Graphing(*g) for g in itertools.product(SHARE_CHOICES, GATE_CHOICES,
                                                     ENOUGH_CHOICES, PARTNER_CHOICES)]
#: The hand-set values this script's choices replaced (for the table's baseline row).
HAND_SET = Graphing(share=0.5, gate=0.2, enough=0.6, partners=8)


class EngineChoice(NamedTuple):
    """What the pair engine decides with a fitted model (chosen on the engine itself)."""

    link: float  # link threshold
    claim: float  # claim threshold ...
    linkage: str  # ... and linkage
    max_slot: int  # detail-slot cap


@dataclass
class ArticlePair:
    """Two analysed articles with their gold: which unit pairs tell one fact."""

    first: ArticleAnalysis
    second: ArticleAnalysis
    units_a: list[set[int]]  # each unit's story sentences (by index) in the first article
    units_b: list[set[int]]
    labels: dict[tuple[int, int], int]
    dataset: str
    group: str
    cross: bool  # the articles are about different events


@dataclass
class UnitPair:
    """One labelled pair of units (sentences, or a gold unit's sentences) of two articles."""

    dataset: str
    group: str
    cross: bool  # the articles are about different events
    label: int
    share: float  # the alias share the graph was built with
    sentence_pairs: list[dict]  # containment, paraphrase, the other features, candidate rank


def main() -> None:
    args = parse_args()
    scorer = scorer_named(args.scorer)
    pairs = article_pairs(Path(args.data), Path(args.gold))
    if args.rows and Path(args.rows).exists():
        units = [UnitPair(**json.loads(line)) for line in Path(args.rows).read_text().splitlines()]
    else:
        units = [u for share in SHARE_CHOICES for pair in pairs
                 for u in unit_pairs(pair, scorer, share)]
        if args.rows:
            Path(args.rows).write_text("\n".join(json.dumps(u.__dict__) for u in units))
    # the same labelled pairs in the same order under each share
    units_of = {share: [u for u in units if u.share == share] for share in SHARE_CHOICES}
    if len({tuple((u.dataset, u.group, u.label) for u in us) for us in units_of.values()}) != 1:
        raise SystemExit("the unit pairs differ between alias shares: rebuild --rows")
    units = units_of[SHARE_CHOICES[0]]
    import numpy as np

    print(f"{len(units)} unit pairs: " + ", ".join(
        f"{d} {sum(u.dataset == d for u in units)} ({sum(u.dataset == d and u.label for u in units)}"
        " linked)" for d in DATASETS), flush=True)
    groups = sorted({(u.dataset, u.group) for u in units})
    random.Random(0).shuffle(groups)
    fold_of = {g: k % FOLDS for k, g in enumerate(groups)}
    folds = np.array([fold_of[(u.dataset, u.group)] for u in units])
    results = {}
    tables = {g: Table(units_of[g.share], g) for g in GRAPHINGS}
    for graphing, table in tables.items():
        for name, features in FEATURE_SETS.items():
            for c in C_CHOICES:
                results[(name, c, graphing)] = cross_validate(table, features, c, folds)
        for baseline in ("cosine", "similarity"):
            results[(f"{baseline} alone", None, graphing)] = cross_validate(
                table, (baseline,), None, folds)
    results[("previous hand-set rule: similarity >= 0.45", None, HAND_SET)] = held_out_fixed(
        tables[HAND_SET], "similarity", 0.45)
    finalists = {name: max((k for k in results if k[0] == name and k[1] is not None
                            and args.gate in (None, k[2].gate)
                            and args.partners in (None, k[2].partners)),
                           key=lambda k: results[k]["objective"])
                 for name in FEATURE_SETS if args.features in (None, name)}
    print_table(results, set(finalists.values()))
    pair_folds = np.array([fold_of[(p.dataset, p.group)] for p in pairs])
    engine_results, graphs_of = {}, {}
    for name, (_, c, graphing) in finalists.items():
        if graphing not in graphs_of:
            graphs_of[graphing] = [SentenceGraph((p.first, p.second), scorer, graphing.model(),
                                                 InProcess(), graphing.partners) for p in pairs]
        engine_results[name] = engine_cross_validation(
            pairs, graphs_of[graphing], tables[graphing], (FEATURE_SETS[name], c, graphing),
            folds, pair_folds)
    print_engine_table(engine_results, finalists)
    name = max(engine_results, key=lambda n: engine_results[n]["objective"])
    _, c, graphing = finalists[name]
    by_slot_cap = {cap: engine_cross_validation(
        pairs, graphs_of[graphing], tables[graphing], (FEATURE_SETS[name], c, graphing), folds,
        pair_folds, (cap,)) for cap in SLOT_CHOICES}
    by_linkage = {linkage: engine_cross_validation(
        pairs, graphs_of[graphing], tables[graphing], (FEATURE_SETS[name], c, graphing), folds,
        pair_folds, linkages=(linkage,)) for linkage in LINKAGES}
    model = fit(tables[graphing], FEATURE_SETS[name], c, np.ones(len(units), bool))
    cap = chosen_slot_cap(by_slot_cap)
    engine = choose_engine_thresholds(
        pairs, engine_links(pairs, graphs_of[graphing], shipped(model, graphing)),
        np.ones(len(pairs), bool), (cap,))
    print_choice_tables(results, (name, c, graphing), by_slot_cap, by_linkage, engine)
    out = {
        "format": "newsdiff.same_fact/1",
        "script": f"scripts/train_same_fact.py v{SCRIPT_VERSION}",
        "scorer": args.scorer,
        "features": list(FEATURE_SETS[name]),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "choices": {"link_threshold": engine.link, "claim_threshold": engine.claim,
                    "claim_linkage": engine.linkage, "max_slot_sentences": engine.max_slot,
                    "scorer_gate": graphing.gate, "scorer_enough": graphing.enough,
                    "max_named_share": graphing.share, "partners": graphing.partners,
                    "feature_set": name, "C": c},
        "data": "ECB+ topics 1-35 (strict gold), GVC validation split (strict gold), "
                "STS 2013 headlines (score >= 3 / < 2), newsdiff gold-dev (3 sample-story pairs)",
        "licences": "ECB+ CC BY 3.0; GVC CC BY 4.0; STS 2013 headlines: research use (see "
                    "SOURCE.md); gold-dev: the project's own",
        "cross_validation": {"folds": FOLDS, "grouped_by": "topic / incident / headline pair / "
                             "story", "unit_pairs": rounded(results[finalists[name]]),
                             "engine": rounded(engine_results[name]),
                             "engine_after_choosing_the_slot_cap": rounded(by_slot_cap[cap])},
    }
    print(json.dumps(out["choices"]), json.dumps(out["cross_validation"]))
    if not args.no_write:
        path = ROOT / "src" / "newsdiff" / "data" / (same_fact_file(scorer) or MODEL_FILE)
        path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold-dev"))
    parser.add_argument("--rows", help="keep the built unit pairs in this file and reuse them")
    parser.add_argument("--features", choices=sorted(FEATURE_SETS),
                        help="ship the best model of this feature set (default: of any)")
    parser.add_argument("--gate", type=float, choices=GATE_CHOICES,
                        help="ship the best model with this scorer gate (default: any)")
    parser.add_argument("--partners", type=int, choices=PARTNER_CHOICES,
                        help="ship the best model with this many partners (default: any)")
    parser.add_argument("--scorer", choices=SCORER_NAMES, default=SCORER_NAMES[0],
                        help="the scorer whose answers the model weighs (encoder: the "
                        "optional extra; its model goes to its own file)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the model")
    return parser.parse_args()


# ---------------------------------------------------------------- the labelled unit pairs


def article_pairs(data: Path, gold: Path) -> list[ArticlePair]:
    return [*event_pairs(data / "ecbplus", "topic", ecb_strict),
            *event_pairs(data / "gvc", "incident", gvc_strict),
            *headline_pairs(data / "sts-headlines"), *sample_pairs(gold)]


def ecb_strict(u: dict, v: dict) -> bool:
    events = set(u["events"]) & set(v["events"])
    return bool(events) and len(events) + len(set(u["others"]) & set(v["others"])) >= 2


def gvc_strict(u: dict, v: dict) -> bool:
    shared = set(u["chains"]) & set(v["chains"])
    classes = dict(zip(u["chains"], u["classes"], strict=True))
    return any(classes[c] in GVC_OUTCOMES for c in shared)


def event_pairs(folder: Path, group_key: str, strict) -> Iterator[ArticlePair]:
    """ECB+ or GVC: every unit pair of every article pair (same event or look-alike)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for pair in json.loads((folder / "pairs.json").read_text(encoding="utf-8")):
        a, b = gold[pair["a"]], gold[pair["b"]]
        first = annotate(load_article(str(folder / a["file"])))
        second = annotate(load_article(str(folder / b["file"])))
        cross = pair["kind"] != "same"
        group = str(pair["topic"]) if group_key == "topic" else (
            pair["incident"] if not cross else min(pair["incidents"]))
        units_a = [unit_sentences(first, folder / a["file"], u["span"]) for u in a["units"]]
        units_b = [unit_sentences(second, folder / b["file"], u["span"]) for u in b["units"]]
        labels = {(x, y): int(not cross and strict(u, v))
                  for x, u in enumerate(a["units"]) for y, v in enumerate(b["units"])}
        yield ArticlePair(first, second, units_a, units_b, labels, folder.name, group, cross)


def unit_sentences(article: ArticleAnalysis, path: Path, span: list[int]) -> set[int]:
    """The story sentences of ``article`` that a gold unit (a span of the file) overlaps,
    found by its text as the evaluation tool finds it."""
    fragment = path.read_text(encoding="utf-8")[span[0]:span[1]].strip()
    start = article.article.text.find(fragment)
    if start < 0:
        return set()
    end = start + len(fragment)
    return {s.sentence.index for s in article.sentences
            if s.sentence.start < end and start < s.sentence.end}


def headline_pairs(folder: Path) -> Iterator[ArticlePair]:
    with tempfile.TemporaryDirectory() as tmp:
        for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if 2 <= row["score"] < 3:
                continue
            articles = []
            for side in ("a", "b"):
                path = Path(tmp, f"{side}.txt")
                path.write_text(row[side] + "\n", encoding="utf-8")
                articles.append(annotate(load_article(str(path))))
            units = [{s.sentence.index for s in a.sentences} for a in articles]
            yield ArticlePair(*articles, [units[0]], [units[1]],
                              {(0, 0): int(row["score"] >= 3)}, "sts", str(row["id"]), False)


def sample_pairs(gold: Path) -> Iterator[ArticlePair]:
    for path in sorted(gold.glob("*__*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        first, second = (annotate(load_article(str(ROOT / "seeds" / pair[side])))
                         for side in ("a", "b"))
        linked = {(sentence_at(first, p["a"]), sentence_at(second, p["b"])) for p in pair["pairs"]}
        units_a = [{s.sentence.index} for s in first.sentences]
        units_b = [{s.sentence.index} for s in second.sentences]
        labels = {(x, y): int((next(iter(u)), next(iter(v))) in linked)
                  for x, u in enumerate(units_a) for y, v in enumerate(units_b)}
        yield ArticlePair(first, second, units_a, units_b, labels, "sample", "sample", False)


def sentence_at(article: ArticleAnalysis, snippet: str) -> int | None:
    at = article.article.text.find(snippet)
    return next((s.sentence.index for s in article.sentences
                 if s.sentence.start <= at < s.sentence.end), None)


def unit_pairs(pair: ArticlePair, scorer, share: float) -> Iterator[UnitPair]:
    """The unit pairs of two articles, each with what the engine measures of its sentence
    pairs (through the engine's own graph, with this alias share) under every graphing
    of this share."""
    placeholder = replace(PLACEHOLDER, max_named_share=share)
    graph = SentenceGraph((pair.first, pair.second), scorer, placeholder, InProcess(),
                          placeholder.partners)
    similarity = graph.similarity
    rank = {}
    for partners in sorted(PARTNER_CHOICES, reverse=True):
        for candidate in candidate_pairs(graph.node_terms, similarity.weights, partners):
            rank[candidate] = partners
    view_at = {(graph.owner[v], s.sentence.index): v for v, s in enumerate(graph.views)}
    paraphrase = {nodes: similarity.paraphrase(*nodes) for nodes in rank
                  if similarity.asks_scorer(*nodes)}
    best: dict[str, dict[int, float]] = {}
    for graphing in (g for g in GRAPHINGS if g.share == share):
        tops = best[graphing_key(graphing)] = {}
        model = graphing.model()
        for nodes, kept in rank.items():
            if kept <= graphing.partners and across(*(graph.sides[n] for n in nodes)):
                value = gated(similarity.containment(*nodes), paraphrase.get(nodes), model)
                for n in nodes:
                    tops[n] = max(tops.get(n, 0.0), value)
    measured: dict[tuple[int, int], dict] = {}
    for (x, y), label in pair.labels.items():
        rows = []
        for i in pair.units_a[x]:
            for j in pair.units_b[y]:
                n, m = graph.node_of[view_at[(0, i)]], graph.node_of[view_at[(1, j)]]
                if n == m:
                    rows.append({"copy": True})
                    continue
                key = (min(n, m), max(n, m))
                if key not in measured:
                    measured[key] = {
                        "paraphrase": paraphrase.get(key) or similarity.paraphrase(*key),
                        "features": similarity.features(*key, 0.0, (0.0, 0.0)),
                        "partners": rank.get(key),
                        "best": {k: [tops.get(n, 0.0) for n in key] for k, tops in best.items()},
                    }
                rows.append(measured[key])
        yield UnitPair(pair.dataset, pair.group, pair.cross, label, share, rows)


# ---------------------------------------------------------------- cross-validation


class Table:
    """The unit pairs (built with ``graphing.share``) as arrays under one graphing: each unit
    pair's most similar candidate sentence pair (what it is trained and judged on)."""

    def __init__(self, units: list[UnitPair], graphing: Graphing) -> None:
        import numpy as np

        self.y = np.array([u.label for u in units])
        self.dataset = np.array([u.dataset for u in units])
        self.cross = np.array([u.cross for u in units])
        self.copy = np.array([any(r.get("copy") for r in u.sentence_pairs) for u in units])
        rows, candidate = [], []
        model = graphing.model()
        for u in units:
            options = [with_gate(r, graphing, model) for r in u.sentence_pairs
                       if not r.get("copy") and r["partners"] is not None
                       and r["partners"] <= graphing.partners]
            best = max(options, key=lambda f: f[0], default=None)
            candidate.append(best is not None)
            rows.append(best or [0.0] * len(FEATURE_NAMES))
        self.X = np.array(rows)
        self.candidate = np.array(candidate)
        counts = {d: (self.dataset == d).sum() for d in DATASETS}
        self.weight = np.array([len(units) / len(DATASETS) / counts[d] for d in self.dataset])

    def columns(self, names: tuple[str, ...]):
        return self.X[:, [FEATURE_NAMES.index(n) for n in names]]


def graphing_key(graphing: Graphing) -> str:
    """A sentence pair's row keeps each sentence's best partner under each graphing of its
    share, by this key."""
    return f"{graphing.gate}/{graphing.enough}/{graphing.partners}"


def gated(containment: float, paraphrase: float | None, model: SameFactModel) -> float:
    """The similarity the engine computes when the scorer is asked as ``model`` says."""
    if paraphrase is not None and model.asks_scorer(containment):
        return max(containment, paraphrase)
    return containment


def with_gate(row: dict, graphing: Graphing, model: SameFactModel) -> list[float]:
    """A sentence pair's features as the engine computes them under this graphing
    (``model``: its placeholder)."""
    features = list(row["features"])
    value = features[0] = gated(features[1], row["paraphrase"], model)
    relative = sorted(relative_similarity(value, top)
                      for top in row["best"][graphing_key(graphing)])
    features[FEATURE_NAMES.index("relative_lower")] = relative[0]
    features[FEATURE_NAMES.index("relative_higher")] = relative[1]
    return features


def fit(table: Table, names: tuple[str, ...], c: float, train):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(table.columns(names)[train], table.y[train], sample_weight=table.weight[train])
    model.names = names
    return model


def probabilities(table: Table, model, rows):
    """P(same fact) of the chosen sentence pairs (copies 1, non-candidates 0); ``model`` is
    a fitted regression or, for a baseline, the name of the one feature it thresholds."""
    import numpy as np

    if isinstance(model, str):  # a baseline: one feature, thresholded
        p = table.columns((model,))[rows][:, 0]
    else:
        p = model.predict_proba(table.columns(model.names)[rows])[:, 1]
    p = np.where(table.candidate[rows], p, 0.0)
    return np.where(table.copy[rows], 1.0, p)


def objective(y, p, dataset, threshold) -> float:
    return float(sum(mcc(y[dataset == d], p[dataset == d] >= threshold) for d in DATASETS)
                 / len(DATASETS))


def mcc(y, predicted) -> float:
    tp = int((y & predicted).sum())
    tn = int((~y.astype(bool) & ~predicted).sum())
    fp = int((~y.astype(bool) & predicted).sum())
    fn = int((y.astype(bool) & ~predicted).sum())
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else 0.0


def choose_threshold(table: Table, model, rows) -> float:
    """The threshold of the best objective among those that keep false links on each
    dataset's look-alike (cross-event) article pairs within ``MAX_CROSS_FALSE``."""
    p = probabilities(table, model, rows)
    cross = {d: table.cross[rows] & (table.dataset[rows] == d) for d in ("ecbplus", "gvc")}

    def allowed(t: float) -> bool:
        return all((p[c] >= t).mean() <= MAX_CROSS_FALSE for c in cross.values() if c.any())

    return max(THRESHOLDS, key=lambda t: (allowed(t),
                                          objective(table.y[rows], p, table.dataset[rows], t), -t))


def cross_validate(table: Table, names: tuple[str, ...], c: float | None, folds) -> dict:
    """Held-out predictions of every fold, each from a model and threshold chosen on the
    other folds; their per-dataset MCC, mean and cross-event false-link share."""
    import numpy as np

    predicted = np.zeros(len(table.y), bool)
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        model = names[0] if c is None else fit(table, names, c, train)
        threshold = choose_threshold(table, model, train)
        predicted[test] = probabilities(table, model, test) >= threshold
    per_fold = [scored(table, predicted, folds == k)["objective"] for k in range(FOLDS)]
    return {**scored(table, predicted), "standard_error": standard_error(per_fold)}


def held_out_fixed(table: Table, feature: str, threshold: float) -> dict:
    """The scores of one feature thresholded at a value chosen by hand (nothing is fitted,
    so every row is held out)."""
    import numpy as np

    return scored(table, probabilities(table, feature, np.ones(len(table.y), bool)) >= threshold)


def scored(table: Table, predicted, rows=None) -> dict:
    """Per-dataset MCC of predicted links (of ``rows``, default all), their mean, and the
    cross-event false-link share."""
    import numpy as np

    rows = np.ones(len(table.y), bool) if rows is None else rows
    scores = {d: mcc(table.y[rows & (table.dataset == d)], predicted[rows & (table.dataset == d)])
              for d in DATASETS}
    cross = {d: rows & table.cross & (table.dataset == d) for d in ("ecbplus", "gvc")}
    return {**scores, "objective": sum(scores.values()) / len(DATASETS),
            **{f"{d}_cross_false": float(predicted[c].mean()) for d, c in cross.items()}}


def shipped(model, graphing: Graphing) -> SameFactModel:
    """A fitted regression as the engine's model (its thresholds and slot cap are chosen
    afterwards, on the engine)."""
    return replace(graphing.model(), used=tuple(FEATURE_NAMES.index(n) for n in model.names),
                   weights=tuple(float(w) for w in model.coef_[0]),
                   bias=float(model.intercept_[0]))


class EngineLinks:
    """The unit pairs the pair engine links in one article pair under each link threshold,
    claim threshold and linkage, and slot cap (a unit pair is linked when a link joins a
    sentence of each, as the evaluation tool counts).  Each of ``linked_views``' three sources is
    computed once per value and the combinations are their unions."""

    def __init__(self, pair: ArticlePair, graph: SentenceGraph) -> None:
        unit_of_a = {i: [x for x, u in enumerate(pair.units_a) if i in u]
                     for u in pair.units_a for i in u}
        unit_of_b = {j: [y for y, u in enumerate(pair.units_b) if j in u]
                     for u in pair.units_b for j in u}

        def units(views: set[tuple[int, int]]) -> frozenset[tuple[int, int]]:
            return frozenset(
                (x, y) for v, w in views
                for x in unit_of_a.get(graph.views[v].sentence.index, ())
                for y in unit_of_b.get(graph.views[w].sentence.index, ()))

        self.claims = {(t, linkage): units(claim_links(graph, t, linkage))
                       for t in ENGINE_THRESHOLDS for linkage in LINKAGES}
        self.strong = {t: units(strong_links(graph, t)) for t in ENGINE_THRESHOLDS}
        self.slots = {m: units(slot_links(graph, m)) for m in SLOT_CHOICES}

    def linked(self, choice: EngineChoice) -> frozenset[tuple[int, int]]:
        return (self.claims[(choice.claim, choice.linkage)] | self.strong[choice.link]
                | self.slots[choice.max_slot])


def engine_scores(pairs: list[ArticlePair], predicted: list[set], rows) -> dict:
    """Per-dataset MCC of the engine's unit links over the article pairs ``rows``, their
    mean, and the false-link share on each dataset's look-alike pairs."""
    import numpy as np

    y, hit, dataset, cross = [], [], [], []
    for n in np.flatnonzero(rows):
        for key, label in pairs[n].labels.items():
            y.append(label)
            hit.append(key in predicted[n])
            dataset.append(pairs[n].dataset)
            cross.append(pairs[n].cross)
    y, hit, dataset, cross = map(np.array, (y, hit, dataset, cross))
    scores = {d: mcc(y[dataset == d], hit[dataset == d]) for d in DATASETS}
    out = {**scores, "objective": sum(scores.values()) / len(DATASETS)}
    for d in ("ecbplus", "gvc"):
        look_alike = cross & (dataset == d)
        out[f"{d}_cross_false"] = float(hit[look_alike].mean()) if look_alike.any() else 0.0
    return out


def engine_links(pairs, graphs, model: SameFactModel) -> list[EngineLinks]:
    """Every article pair's engine links under every engine choice, with ``model``."""
    for graph in graphs:
        graph.rescore(model)
    return [EngineLinks(p, g) for p, g in zip(pairs, graphs, strict=True)]


def choose_engine_thresholds(pairs, links: list[EngineLinks], rows, slot_choices=SLOT_CHOICES,
                             linkages=LINKAGES) -> EngineChoice:
    """The link and claim thresholds, claim linkage (of ``linkages``) and slot cap (of
    ``slot_choices``) of the best engine objective on the article pairs ``rows`` among
    those within ``MAX_CROSS_FALSE`` on look-alike pairs; of equals, higher thresholds, then the
    linkage listed first in ``LINKAGES``, then a lower cap."""
    best, best_key = None, None
    for choice in itertools.starmap(EngineChoice, itertools.product(
            ENGINE_THRESHOLDS, ENGINE_THRESHOLDS, linkages, slot_choices)):
        predicted = [links[n].linked(choice) if rows[n] else set() for n in range(len(pairs))]
        r = engine_scores(pairs, predicted, rows)
        allowed = all(r[f"{d}_cross_false"] <= MAX_CROSS_FALSE for d in ("ecbplus", "gvc"))
        key = (allowed, r["objective"], choice.link, choice.claim,
               -LINKAGES.index(choice.linkage), -choice.max_slot)
        if best_key is None or key > best_key:
            best, best_key = choice, key
    return best


def engine_cross_validation(pairs, graphs, table: Table, choice, folds, pair_folds,
                            slot_choices=SLOT_CHOICES, linkages=LINKAGES) -> dict:
    """The engine's held-out unit links: per fold, the model (``choice``: features, C and
    graphing) fitted and the thresholds, linkage (of ``linkages``) and slot cap (of
    ``slot_choices``) chosen on the other folds, then the held-out article pairs compared
    with them."""
    import numpy as np

    names, c, graphing = choice
    predicted: list[frozenset] = [frozenset() for _ in pairs]
    for k in range(FOLDS):
        links = engine_links(pairs, graphs, shipped(fit(table, names, c, folds != k), graphing))
        engine = choose_engine_thresholds(pairs, links, pair_folds != k, slot_choices,
                                          linkages)
        for n in np.flatnonzero(pair_folds == k):
            predicted[n] = links[n].linked(engine)
        print(f"fold {k}: link {engine.link}, claim {engine.claim} ({engine.linkage}), "
              f"slot cap {engine.max_slot}", flush=True)
    per_fold = []
    for k in range(FOLDS):
        held_out = engine_scores(pairs, predicted, pair_folds == k)
        present = {pairs[n].dataset for n in np.flatnonzero(pair_folds == k)}
        per_fold.append(sum(held_out[d] for d in present) / len(present))
    return {**engine_scores(pairs, predicted, np.ones(len(pairs), bool)),
            "standard_error": standard_error(per_fold), "per_fold": per_fold}


def standard_error(values: list[float]) -> float:
    """The standard error of the mean of ``values`` (one per fold)."""
    return statistics.stdev(values) / math.sqrt(len(values))


def chosen_slot_cap(by_slot_cap: dict[int, dict]) -> int:
    """The largest slot cap whose held-out engine objective falls short of the best cap's
    by no more than one standard error of that shortfall.

    The objective counts links against gold, and the gold rarely pairs the sentences
    that slot pairs exist for (two counts or months of one thing, often in conflict:
    the divergences issue 15 asks to name).  So when cross-validation cannot tell
    caps apart, the cap that keeps the most slot pairs ships.  The comparison is
    paired, fold by fold (each fold's objective over the datasets it holds), so that
    what a fold holds (the sample story is in one fold only) is not taken for noise.
    """
    best = max(by_slot_cap.values(), key=lambda r: statistics.mean(r["per_fold"]))
    within = []
    for cap, r in by_slot_cap.items():
        shortfall = [b - x for b, x in zip(best["per_fold"], r["per_fold"], strict=True)]
        if statistics.mean(shortfall) <= standard_error(shortfall):
            within.append(cap)
    return max(within)


def rounded(scores: dict) -> dict:
    """The scores as written to the model file (the per-fold list left out)."""
    return {k: round(v, 4) for k, v in scores.items() if k != "per_fold"}


def _scores(r: dict) -> str:
    """A table row's scores: each dataset's MCC, their mean, the look-alike false links."""
    return (" | ".join(f"{r[d]:.3f}" for d in DATASETS) + f" | {r['objective']:.3f} | "
            f"{100 * r['ecbplus_cross_false']:.1f} % / {100 * r['gvc_cross_false']:.1f} % |")


_SCORE_COLUMNS = ("ECB+ MCC | GVC MCC | STS MCC | sample MCC | mean | "
                  "cross-event false links, ECB+ / GVC |")


def _graphing(g: Graphing) -> str:
    return f"{g.share} | {g.gate} | {g.enough} | {g.partners} | "


def print_engine_table(results: dict, finalists: dict) -> None:
    """The engine's grouped-CV table: each feature set's best unit-pair model, compared by
    the whole pair engine (thresholds and slot cap chosen inside each fold)."""
    print("\n| model (the engine's links) | alias share | gate | enough | partners | "
          + _SCORE_COLUMNS + "\n" + "|---" * 11 + "|")
    best = max(results, key=lambda n: results[n]["objective"])
    for name, r in results.items():
        _, c, graphing = finalists[name]
        mark = " **(shipped)**" if name == best else ""
        print(f"| {name} (C={c}){mark} | " + _graphing(graphing) + _scores(r), flush=True)


def print_table(results: dict, finalists: set) -> None:
    """The unit-pair grouped-CV table: the best row of each model and baseline kind (the
    finalists go on to the engine's cross-validation)."""
    print("\n| model | alias share | gate | enough | partners | " + _SCORE_COLUMNS + "\n"
          + "|---" * 11 + "|")
    kinds = sorted({k[0] for k in results}, key=lambda n: (n in FEATURE_SETS, not n.startswith("prev"), n))
    for kind in kinds:
        key = max((k for k in results if k[0] == kind), key=lambda k: results[k]["objective"])
        label = kind + (f" (C={key[1]})" if key[1] is not None else "")
        mark = " (finalist)" if key in finalists else ""
        print(f"| {label}{mark} | " + _graphing(key[2]) + _scores(results[key]))


def print_choice_tables(results: dict, chosen: tuple, by_slot_cap: dict, by_linkage: dict,
                        engine: EngineChoice) -> None:
    """The shipped model's grouped-CV scores under each value of the alias share and the
    scorer's bounds (stage 1, the other choices as shipped), and of the slot cap and the
    claims' linkage (the engine, the other engine choices made inside each fold)."""
    name, c, graphing = chosen
    print(f"\nStage 1, {name} (C={c}), one choice varied:\n\n| choice | value | "
          + _SCORE_COLUMNS + "\n" + "|---" * 8 + "|")
    for field, values in (("share", SHARE_CHOICES), ("gate", GATE_CHOICES),
                          ("enough", ENOUGH_CHOICES), ("partners", PARTNER_CHOICES)):
        for value in values:
            varied = graphing._replace(**{field: value})
            mark = " **(shipped)**" if varied == graphing else ""
            print(f"| {field} | {value}{mark} | " + _scores(results[(name, c, varied)]))
    print("\nThe engine, slot cap fixed:\n\n| slot cap | " + _SCORE_COLUMNS
          + " standard error |\n" + "|---" * 8 + "|")
    for cap, r in by_slot_cap.items():
        mark = " **(shipped)**" if cap == engine.max_slot else ""
        print(f"| {cap}{mark} | " + _scores(r) + f" {r['standard_error']:.3f} |", flush=True)
    print("\nThe engine, claim linkage fixed:\n\n| linkage | " + _SCORE_COLUMNS
          + " standard error |\n" + "|---" * 8 + "|")
    for linkage, r in by_linkage.items():
        mark = " **(shipped)**" if linkage == engine.linkage else ""
        print(f"| {linkage}{mark} | " + _scores(r) + f" {r['standard_error']:.3f} |",
              flush=True)


if __name__ == "__main__":
    main()
