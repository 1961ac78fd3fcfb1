"""MinHash libraries for corpus near-copy finding: rensa against datasketch (run and reported,
never asserted).

    .venv/bin/python -m benchmarks.minhash_libraries [--n 10000] [--quick]

The corpus: the real news articles of ``../shared`` (ECB+, GVC dev, the sample story; read,
never copied) and edited copies of them up to ``--n`` articles, each original followed by
variants of these kinds, chosen at random (seeded):

* ``trim``: 10-30 % of the sentences dropped;
* ``lead``: only the headline and the first 40-70 % of the sentences (an excerpt);
* ``retitle``: another article's headline, 1-5 words changed;
* ``extend``: up to 10 % dropped, 1-4 sentences of another article added (local add-ons);
* ``edit``: 10-30 % dropped, retitled and 1-5 words changed;
* ``rewrite``: 5-20 % of the words changed, which puts a copy on either side of the rule.

Every article is shingled as the engine does (:func:`newsdiff.engine.wire.shingles`) and
the truth is the engine's rule on *every* pair, computed exactly (a sparse product of the
5-gram sets): a pair is a reprint when 70 % of the shorter one's 5-grams occur in the
other.  On the same 5-gram strings each library computes signatures in a child process
(one thread, ``RAYON_NUM_THREADS=1``: a Dask worker's share of a core), timed, with its
peak memory above the loaded input.  Then, at the same number of permutations:

* error of Jaccard: mean absolute error of the signatures' estimate (share of equal
  slots) against exact Jaccard, over the pairs whose exact Jaccard is at least 0.1;
* LSH: candidates are pairs sharing a band key (:func:`newsdiff.corpus.nearcopies.
  band_keys` and ``candidate_pairs``, the same code for both libraries); recall is the
  share of the reprint pairs that are candidates (of an original and its own copy, and of
  all pairs the rule calls reprints), precision the share of candidates that are reprints,
  group recall the share of reprint pairs in one group after the containment estimate and
  the exact check (a pair missed may still be joined through a third copy);
* determinism: signatures from a second process with another ``PYTHONHASHSEED`` and each
  article's 5-grams in another order; for rensa also its scalar kernel
  (``RENSA_FORCE_KERNEL=scalar``) against the default (AVX2 here), two threads against
  one, and its ASCII fast path turned off; and the signatures of two halves computed in two
  processes and stacked against one call on all (what Dask workers would do);
* what a worker can hand back: whether the library's objects pickle, and the signatures
  as a plain numpy array.

A second table sweeps permutations and bands x rows for rensa: recall by exact Jaccard,
candidates before and after the containment estimate (``ESTIMATE_FLOOR``), the
non-reprints left to verify, group recall and the time of the whole stage-1 path after
the signatures (keys, pairs, estimate, exact check, groups); a third, recall by kind of
copy.  About a minute on 2 cores; ``--quick`` (1,000 articles, no sweep) about 10 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np

SHARED = ROOT.parent / "shared"
SOURCES = [("ecbplus", SHARED / "data" / "ecbplus" / "docs", "*/*.txt"),
           ("gvc", SHARED / "data" / "gvc" / "docs", "*/*/*.txt"),
           ("seeds", SHARED / "seeds", "*.txt")]
KINDS = ("trim", "lead", "retitle", "extend", "edit", "rewrite")
SEED = 1


# ------------------------------------------------------------------ the corpus


def originals() -> list[str]:
    """The real articles' texts, in path order."""
    texts = []
    for _, folder, pattern in SOURCES:
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob(pattern))]
    return texts


def variant(head: str, body: list[str], kind: str, rng: random.Random,
            others: list[tuple[str, list[str]]], vocabulary: list[str]) -> str:
    """An edited copy of the article ``head`` + ``body`` (its story sentences)."""
    def drop(share_low: float, share_high: float, sentences: list[str]) -> list[str]:
        share = rng.uniform(share_low, share_high)
        return [s for s in sentences if rng.random() >= share] or sentences[:1]

    def change(words_to_change: int, sentences: list[str]) -> list[str]:
        tokens = [s.split() for s in sentences]
        spots = [(i, k) for i, t in enumerate(tokens) for k in range(len(t))]
        for i, k in rng.sample(spots, min(words_to_change, len(spots))):
            tokens[i][k] = rng.choice(vocabulary)
        return [" ".join(t) for t in tokens]

    def word_count(sentences: list[str]) -> int:
        return sum(len(s.split()) for s in sentences)

    other_head, other_body = rng.choice(others)
    if kind == "trim":
        body = drop(0.1, 0.3, body)
    elif kind == "lead":
        body = body[:max(1, round(len(body) * rng.uniform(0.4, 0.7)))]
    elif kind == "retitle":
        head, body = other_head, change(rng.randint(1, 5), body)
    elif kind == "extend":
        body = drop(0.0, 0.1, body)
        for _ in range(rng.randint(1, 4)):
            if other_body:
                body.insert(rng.randrange(len(body) + 1), rng.choice(other_body))
    elif kind == "edit":
        head, body = other_head, change(rng.randint(1, 5), drop(0.1, 0.3, body))
    else:  # rewrite
        body = change(round(word_count(body) * rng.uniform(0.05, 0.2)), body)
    return head + "\n\n" + "\n\n".join(body)


def corpus(n: int) -> tuple[list[str], list[str]]:
    """``n`` texts (the originals, each followed by its variants, while ``n`` allows) and
    each one's kind (``original`` or a variant kind)."""
    from newsdiff.sources.formats.text import parse_article

    rng = random.Random(SEED)
    real = originals()
    parsed = [[s.text for s in parse_article(t, f"{k}.txt").story_sentences] for k, t in
              enumerate(real)]
    split = [(p[0], p[1:] or p[:1]) for p in parsed if p]
    vocabulary = sorted({w for p in parsed for s in p for w in s.split()})
    per = max(1, -(-n // len(real)))
    texts, kinds = [], []
    for text, sentences in zip(real, parsed):
        texts.append(text)
        kinds.append("original")
        for _ in range(per - 1 if sentences else 0):
            kind = rng.choice(KINDS)
            texts.append(variant(sentences[0], sentences[1:] or sentences[:1], kind, rng,
                                 split, vocabulary))
            kinds.append(kind)
    return texts[:n], kinds[:n]


# ------------------------------------------------------------------ exact truth


class Truth:
    """The engine's rule on every pair of 5-gram sets sharing one, exactly (sparse product)."""

    def __init__(self, sets: list[frozenset[tuple[str, ...]]], kinds: list[str]):
        from scipy import sparse

        from newsdiff.engine.wire import WIRE_CONTAINMENT

        ids: dict[tuple[str, ...], int] = {}
        rows, cols = [], []
        for i, s in enumerate(sets):
            for gram in s:
                rows.append(i)
                cols.append(ids.setdefault(gram, len(ids)))
        x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                              shape=(len(sets), max(1, len(ids))))
        product = sparse.triu(x @ x.T, k=1).tocoo()
        self.n = len(sets)
        self.i, self.j = product.row.astype(np.int64), product.col.astype(np.int64)
        inter = product.data.astype(np.float64)
        self.sizes = np.array([len(s) for s in sets], dtype=np.int64)
        a, b = self.sizes[self.i], self.sizes[self.j]
        small = np.minimum(a, b)
        self.jaccard = inter / (a + b - inter)
        self.reprint = (small > 0) & (inter >= WIRE_CONTAINMENT * small)
        # original-copy pairs: an original and one of its own variants
        kind = np.array(kinds)
        family = np.cumsum(kind == "original")
        self.copy_pair = (self.reprint & (family[self.i] == family[self.j])
                          & ((kind[self.i] == "original") | (kind[self.j] == "original")))
        self.kind_of_copy = np.where(kind[self.i] == "original", kind[self.j], kind[self.i])

    def codes(self, mask: np.ndarray) -> np.ndarray:
        return self.i[mask] * self.n + self.j[mask]


def stage1(sigs: np.ndarray, sets: list, bands: int, rows: int) -> dict:
    """:func:`newsdiff.corpus.nearcopies.near_copy_groups` step by step at ``bands`` x
    ``rows``, on ``sigs``: its candidates, the ones kept by the estimate, its groups."""
    from newsdiff.corpus import nearcopies
    from newsdiff.engine.wire import is_reprint

    start = time.perf_counter()
    pairs = nearcopies.candidate_pairs(nearcopies.band_keys(sigs, bands, rows))
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    kept = pairs[nearcopies.estimated_containment(sigs, sizes, pairs)
                 >= nearcopies.ESTIMATE_FLOOR]
    groups = nearcopies.groups_of(len(sets), kept.tolist(),
                                  lambda i, j: is_reprint(sets[i], sets[j]))
    return {"pairs": pairs, "kept": kept, "groups": groups,
            "seconds": time.perf_counter() - start}


def scores(truth: Truth, run: dict) -> dict:
    """Recall and precision of ``run``'s candidates against the truth, and of its groups."""
    n = truth.n
    found = run["pairs"][:, 0] * n + run["pairs"][:, 1]
    kept = run["kept"][:, 0] * n + run["kept"][:, 1]
    true = truth.codes(truth.reprint)
    hit = np.isin(true, found)
    label = np.arange(n)
    for g in run["groups"]:
        label[g] = g[0]
    ti, tj = truth.i[truth.reprint], truth.j[truth.reprint]
    copies = truth.copy_pair[truth.reprint]
    reprints_found = np.isin(found, true).sum()
    return {"candidates": len(found), "recall": hit.mean(), "hit": hit,
            "copy_recall": hit[copies].mean(), "precision": reprints_found / max(1, len(found)),
            "kept": len(kept), "kept_recall": np.isin(true, kept).mean(),
            "false_per_1000": (len(kept) - np.isin(kept, true).sum()) / n * 1000,
            "group_recall": (label[ti] == label[tj]).mean()}


# ------------------------------------------------------------------ the libraries (child side)


def compute(library: str, tokens: list[list[str]], perm: int) -> np.ndarray:
    """``library``'s signatures of ``tokens`` as an n x perm numpy array."""
    if library == "rensa":
        from rensa import RMinHash

        matrix = RMinHash.digest_matrix_from_token_sets(tokens, perm, 0x6E657773)
        return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(tokens), perm)
    from datasketch import MinHash

    kwargs: dict = {"num_perm": perm, "seed": 1}
    if library == "datasketch-crc32":
        import zlib

        kwargs["hashfunc"] = zlib.crc32
    encoded = [[t.encode("utf-8") for t in doc] for doc in tokens]
    return np.vstack([m.hashvalues for m in MinHash.bulk(encoded, **kwargs)]).astype(np.uint32)


def child(args: argparse.Namespace) -> None:
    """One signature run: read tokens, compute, write the signatures and a JSON line."""
    with open(args.tokens, "rb") as f:
        tokens = pickle.load(f)
    if args.part:
        a, b = args.part.split(":")
        tokens = tokens[int(a or 0):int(b) if b else None]
    if args.shuffle:
        rng = random.Random(args.shuffle)
        tokens = [rng.sample(doc, len(doc)) for doc in tokens]
    gc.collect()
    base = reset_peak()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        sigs = compute(args.child, tokens, args.perm)
        times.append(time.perf_counter() - start)
    np.save(args.out, sigs)
    print(json.dumps({"seconds": min(times), "peak_kib": peak_kib() - base}))


def reset_peak() -> int:
    """Reset the process's peak resident memory (Linux ``clear_refs``); the current one, KiB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return status_kib("VmRSS")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_kib() -> int:
    """The process's peak resident memory since :func:`reset_peak`, KiB."""
    try:
        return status_kib("VmHWM")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise OSError(field)


def run_child(library: str, tokens_file: str, perm: int, env: dict | None = None,
              part: str = "", shuffle: int = 0, repeat: int = 1) -> tuple[np.ndarray, dict]:
    """Run :func:`child` in a fresh interpreter; its signatures and report."""
    with tempfile.NamedTemporaryFile(suffix=".npy", delete=False) as f:
        out = f.name
    environment = {**os.environ, "RAYON_NUM_THREADS": "1", **(env or {})}
    command = [sys.executable, "-m", "benchmarks.minhash_libraries", "--child", library,
               "--tokens", tokens_file, "--out", out, "--perm", str(perm),
               "--part", part, "--shuffle", str(shuffle), "--repeat", str(repeat)]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True,
                          text=True, check=True)
    sigs = np.load(out)
    os.unlink(out)
    return sigs, json.loads(done.stdout.strip().splitlines()[-1])


def picklable(library: str) -> str:
    """What a worker can send back: the library's sketch objects pickled, or arrays."""
    if library == "rensa":
        from rensa import RMinHash

        sketch = RMinHash.from_token_sets([["a b c d e"]], num_perm=16, seed=1)[0]
        ok = pickle.loads(pickle.dumps(sketch)).digest() == sketch.digest()
        try:
            pickle.dumps(RMinHash.digest_matrix_from_token_sets([["a"]], 16, 1))
            matrix = "yes"
        except TypeError:
            matrix = "no"
        return f"sketch pickles: {'yes' if ok else 'no'}; digest matrix: {matrix}; rows → numpy"
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=16)
    m.update(b"a b c d e")
    ok = pickle.loads(pickle.dumps(LeanMinHash(m))) == LeanMinHash(m)
    return f"sketch pickles: {'yes' if ok else 'no'}; hashvalues are numpy"


# ------------------------------------------------------------------ the report


def estimate_mae(truth: Truth, sigs: np.ndarray, floor: float = 0.1) -> tuple[float, float]:
    """Mean absolute and mean signed error of Jaccard estimated from ``sigs``."""
    mask = truth.jaccard >= floor
    i, j = truth.i[mask], truth.j[mask]
    est = np.empty(len(i))
    for start in range(0, len(i), 100_000):
        a, b = sigs[i[start:start + 100_000]], sigs[j[start:start + 100_000]]
        est[start:start + 100_000] = (a == b).mean(axis=1)
    err = est - truth.jaccard[mask]
    return float(np.abs(err).mean()), float(err.mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (10000)")
    parser.add_argument("--quick", action="store_true", help="1,000 articles, no sweep")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--perm", type=int, default=128, help=argparse.SUPPRESS)
    parser.add_argument("--part", default="", help=argparse.SUPPRESS)
    parser.add_argument("--shuffle", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not SHARED.is_dir():
        sys.exit(f"no shared data at {SHARED}")
    report(1_000 if args.quick else args.n, sweep=not args.quick)


def report(n: int, sweep: bool) -> None:
    from importlib.metadata import version

    from newsdiff.corpus import nearcopies
    from newsdiff.corpus.records import Record
    from newsdiff.engine.wire import is_reprint, shingles

    start = time.perf_counter()
    texts, kinds = corpus(n)
    articles = [Record(id=str(k), outlet="", text=t).article() for k, t in enumerate(texts)]
    read = time.perf_counter() - start
    start = time.perf_counter()
    sets = [shingles(a) for a in articles]
    shingling = time.perf_counter() - start
    tokens = [sorted(" ".join(g) for g in s) for s in sets]
    truth = Truth(sets, kinds)
    # the sparse truth agrees with the engine's own check (a sample of pairs)
    sample = random.Random(2).sample(range(len(truth.i)), min(2000, len(truth.i)))
    assert all(truth.reprint[k] == is_reprint(sets[truth.i[k]], sets[truth.j[k]])
               for k in sample)
    print(f"{n} articles ({kinds.count('original')} real), mean "
          f"{np.mean([len(s) for s in sets]):.0f} 5-grams; {int(truth.reprint.sum())} pairs "
          f"the engine's rule calls reprints, {int(truth.copy_pair.sum())} of them an "
          f"original and its copy; {len(truth.i)} pairs share a 5-gram. Reading "
          f"{read / n * 1e3:.2f} ms/article, shingling {shingling / n * 1e3:.2f} ms/article.\n")

    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as f:
        pickle.dump(tokens, f)
        tokens_file = f.name
    with tempfile.NamedTemporaryFile(suffix=".pkl", delete=False) as f:
        pickle.dump(tokens[:1000], f)
        small_file = f.name
    bands, rows = nearcopies.BANDS, nearcopies.ROWS
    try:
        print("| library | signatures/s, 1 thread | peak memory | Jaccard MAE (bias) | "
              "candidate recall: copies / all reprints | candidate precision | group recall | "
              "deterministic | worker output |")
        print("|---|---|---|---|---|---|---|---|---|")
        sigs_of = {}
        for library in ("rensa", "datasketch", "datasketch-crc32"):
            base = library.split("-")[0]
            sigs, info = run_child(library, tokens_file, 128,
                                   repeat=3 if base == "rensa" else 1)
            sigs_of[library] = sigs
            speed = f"{n / info['seconds']:,.0f}"
            memory = f"{info['peak_kib'] / 1024:.1f} MiB"
            if library == "datasketch-crc32":
                print(f"| datasketch {version(base)}, `zlib.crc32` as hashfunc | {speed} | "
                      f"{memory} | – | – | – | – | – | – |")
                continue
            if base == "rensa":
                threaded = run_child("rensa", tokens_file, 128, env={"RAYON_NUM_THREADS": "2"},
                                     repeat=3)[1]
                speed += f" ({n / threaded['seconds']:,.0f} on 2)"
            mae, bias = estimate_mae(truth, sigs)
            got = scores(truth, stage1(sigs, sets, bands, rows))
            checks = determinism(library, tokens_file, small_file, sigs)
            print(f"| {base} {version(base)} | {speed} | {memory} | {mae:.4f} ({bias:+.4f}) | "
                  f"{got['copy_recall']:.4f} / {got['recall']:.4f} | {got['precision']:.3f} | "
                  f"{got['group_recall']:.4f} | {checks} | {picklable(base)} |")
        print(f"\n128 permutations each; LSH {bands} bands x {rows} rows, bucket cap "
              f"{nearcopies.BUCKET_CAP}, the same code on both libraries' signatures.")
        module = nearcopies.signatures(sets)
        print("`newsdiff.corpus.nearcopies.signatures` equals the rensa child's: "
              f"{np.array_equal(module, sigs_of['rensa'])}")
        groups = nearcopies.near_copy_groups(sets, module)
        print("`near_copy_groups` equals the step-by-step run: "
              f"{groups == stage1(module, sets, bands, rows)['groups']}\n")
        if sweep:
            sweep_table(truth, sets, tokens_file, sigs_of["rensa"])
    finally:
        os.unlink(tokens_file)
        os.unlink(small_file)


def determinism(library: str, tokens_file: str, small_file: str, sigs: np.ndarray) -> str:
    """Which of the determinism checks hold (see the module docstring)."""
    small = sigs[:1000]
    half = len(sigs) // 2
    checks = {}
    other, _ = run_child(library, small_file, 128, env={"PYTHONHASHSEED": "12345"}, shuffle=7)
    checks["other process, hash seed and order"] = np.array_equal(other, small)
    parts = [run_child(library, tokens_file if library == "rensa" else small_file, 128,
                       part=part)[0]
             for part in ((f"0:{half}", f"{half}:") if library == "rensa" else ("0:500", "500:"))]
    whole = sigs if library == "rensa" else small
    checks["two halves in two processes"] = np.array_equal(np.vstack(parts), whole)
    if library == "rensa":
        for name, env in (("scalar kernel", {"RENSA_FORCE_KERNEL": "scalar"}),
                          ("2 threads", {"RAYON_NUM_THREADS": "2"}),
                          ("no ASCII fast path", {"RENSA_ASCII_FAST_PATH": "0"})):
            checks[name] = np.array_equal(run_child(library, tokens_file, 128, env=env)[0],
                                          sigs)
    failed = [k for k, ok in checks.items() if not ok]
    return "yes (" + ", ".join(checks) + ")" if not failed else "NO: " + ", ".join(failed)


def sweep_table(truth: Truth, sets: list, tokens_file: str, sigs128: np.ndarray) -> None:
    """Bands x rows for rensa: recall by exact Jaccard, candidates, stage-1 time."""
    from newsdiff.corpus import nearcopies

    by_perm, speed = {128: sigs128}, {128: 0.0}
    for perm in (64, 256):
        by_perm[perm], info = run_child("rensa", tokens_file, perm, repeat=3)
        speed[perm] = truth.n / info["seconds"]
    bins = [(0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 1.01)]
    reprint_j = truth.jaccard[truth.reprint]
    counts = [int(((reprint_j >= lo) & (reprint_j < hi)).sum()) for lo, hi in bins]
    kinds = truth.kind_of_copy[truth.reprint]
    copies = truth.copy_pair[truth.reprint]
    print("rensa, bands x rows. Reprint pairs by exact Jaccard: "
          + ", ".join(f"[{lo:.1f}, {min(hi, 1):.1f}) {c}" for (lo, hi), c in zip(bins, counts))
          + f". Estimate floor {nearcopies.ESTIMATE_FLOOR}.\n")
    print("| perms | bands x rows | (1/b)^(1/r) | Jaccard MAE | recall: copies | all reprints | "
          "J < 0.2 | 0.2–0.3 | 0.3–0.4 | 0.4–0.5 | candidates | after estimate (recall) | "
          "non-reprints kept / 1000 articles | group recall | stage 1 s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    configs = [(64, 32, 2), (64, 21, 3), (128, 64, 2), (128, 42, 3), (128, 32, 4),
               (128, 16, 8), (256, 128, 2), (256, 85, 3)]
    by_kind = {}
    for perm, bands, rows in configs:
        got = scores(truth, run := stage1(by_perm[perm], sets, bands, rows))
        hit = got["hit"]
        by_bin = []
        for lo, hi in bins[:4]:
            mask = (reprint_j >= lo) & (reprint_j < hi)
            by_bin.append(f"{hit[mask].mean():.3f}" if mask.any() else "–")
        mae, _ = estimate_mae(truth, by_perm[perm])
        if perm == 128:
            by_kind[f"{bands} x {rows}"] = {
                k: hit[copies & (kinds == k)].mean() for k in KINDS}
        print(f"| {perm} | {bands} x {rows} | {(1 / bands) ** (1 / rows):.2f} | {mae:.4f} | "
              f"{got['copy_recall']:.4f} | {got['recall']:.4f} | {' | '.join(by_bin)} | "
              f"{got['candidates']:,} | {got['kept']:,} ({got['kept_recall']:.4f}) | "
              f"{got['false_per_1000']:.0f} | {got['group_recall']:.4f} | "
              f"{run['seconds']:.2f} |")
    print("\nrensa signatures/s (1 thread): " + ", ".join(
        f"{perm} permutations {speed[perm]:,.0f}" for perm in (64, 256)))
    print("\nrecall of original-copy pairs by kind of copy, 128 permutations:\n")
    print("| bands x rows | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for name, recall in by_kind.items():
        print(f"| {name} | " + " | ".join(f"{recall[k]:.4f}" for k in KINDS) + " |")


if __name__ == "__main__":
    main()
