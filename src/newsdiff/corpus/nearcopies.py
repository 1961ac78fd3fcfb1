"""Near copies in a corpus: the articles the engine would call reprints of one another
(:mod:`newsdiff.engine.wire`), found at corpus scale without comparing every pair.

Stage 1 of story finding.  The engine's rule is containment: two articles are one source
when :data:`~newsdiff.engine.wire.WIRE_CONTAINMENT` (70 %) of the shorter one's word
5-grams occur in the other.  MinHash estimates Jaccard (shared over union), not
containment: a copy that keeps 60 % of its original has containment 1 but Jaccard 0.6, an
excerpt of a third 0.33.  So the work is split in three:

1. **Candidates**, at a low Jaccard: each article's 5-gram set (:func:`shingle_set`, the
   engine's own shingling) gets a MinHash signature (:func:`signatures`), cut into
   :data:`BANDS` bands of :data:`ROWS` values, each band hashed to a 64-bit key
   (:func:`band_keys`); articles sharing a key are candidates (:func:`candidate_pairs`).
   The banding's implied threshold is a Jaccard of about 0.125 (see :data:`BANDS`).
2. **Estimate**: the containment of a candidate pair estimated from its two signatures and
   5-gram counts (:func:`estimated_containment`) must reach :data:`ESTIMATE_FLOOR`; this
   drops pairs that only share a quote without reading their 5-grams.
3. **Verification**, exact: :func:`newsdiff.engine.wire.is_reprint` on the 5-gram sets.
   A group here is therefore never one the engine would not make; what the first two
   steps can cost is recall, measured by ``benchmarks/minhash_libraries.py`` (0.999 of
   the pairs of an original and its edited copy, 0.976 of all pairs the rule calls
   reprints; in every pair missed one article is at least twice the other's length,
   13 times at the median: a short piece inside a long one, which LSH on Jaccard cannot
   see, and which the engine's own ``wire_sources`` still finds once stage 2 puts both in
   one story).

Groups are the connected components of the verified pairs, as ``wire_sources`` closes its
relation (:func:`near_copy_groups` does all three steps in memory).  Everything is
deterministic: the same text has the same signature and band keys in any process, on any
run and thread count, and with rensa's scalar or SIMD kernel (measured), so ids built on
them are stable across reruns; signatures and keys are plain numpy arrays, so Dask workers
can compute them per partition (rows are independent) and a shuffle can group the keys
without this module.  Rensa batches use its own threads: a worker that already has a core
of its own should run with ``RAYON_NUM_THREADS=1``.

The MinHash library (rensa, chosen on the benchmark) is imported here only, and lazily:
the one-shot path never loads it.  Its digests change with its algorithm version (0.4 to
0.5 did), so stored signatures carry :func:`signature_scheme` and are never compared
across schemes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import numpy as np

from newsdiff.corpus.records import Record
from newsdiff.engine.wire import is_reprint, shingles
from newsdiff.text.tokens import WORD_RE
from newsdiff.values import Article, InputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import NDArray

Shingles = frozenset[tuple[str, ...]]
"""An article's word 5-grams, as :func:`newsdiff.engine.wire.shingles` makes them."""

PERMUTATIONS = 128
"""MinHash slots per signature, all of them in the bands (:data:`BANDS` x :data:`ROWS`).
Rensa's mean absolute error of Jaccard against exact Jaccard (pairs of J >= 0.1) is 0.024
at 128 slots, 0.036 at 64 and 0.016 at 256.  128 slots compute at about 50,000 signatures
a second on one thread (100,000 at 64, 33,000 at 256), against about 1.3 ms to read an
article and 0.25 ms to shingle it; 256 slots (128 bands of 2) would find 0.985 of the
rule's reprint pairs instead of 0.976 for twice the band keys to store and shuffle."""

ROWS = 2
"""Signature values per band.  Two articles share a band with probability J^ROWS: fewer
rows find reprints of lower Jaccard (excerpts, extended copies) and propose more pairs that
are not.  Measured at 128 slots on the benchmark's 10^4 articles: 2 rows (64 bands) find
0.999 of the original-copy reprint pairs and 0.976 of all pairs the rule calls reprints,
with 85,000 candidates; 3 rows (42 bands) 0.988 and 0.928 with 52,000; 4 rows (32 bands)
0.954 and 0.833.  The candidates that are no reprint are cheap (the estimate drops them
from the signatures alone); a missed reprint is not."""

BANDS = PERMUTATIONS // ROWS
"""Bands per signature (64).  The candidate probability 1 - (1 - J^2)^64 is 0.47 at
Jaccard 0.1, 0.93 at 0.2 and 0.998 at 0.3: it is 1/2 near (1/64)^(1/2) = 0.125, the
*implied candidate threshold*, far below the rule's 0.7 because the rule is containment
(two differently trimmed copies of one story, or an excerpt and the story, have a low
Jaccard and are still reprints)."""

ESTIMATE_FLOOR = 0.4
"""Least containment, estimated from two signatures and the two 5-gram counts
(:func:`estimated_containment`), for a candidate pair to be verified exactly.  The estimate
is rough (its error grows with the size ratio), so the floor sits well under the rule's
0.7: on the benchmark it dropped no reprint pair (the lowest estimate among them was 0.45;
a floor of 0.5 loses 9 of 35,000) and 24,000 of the 85,000 candidates.  Pairs that only
share a quote or some phrases (Jaccard 0.05 between equal sizes estimates 0.1) go without
their 5-grams being read; at scale they are most candidates, and verifying one means
fetching both articles' 5-grams."""

SEED = 0x6E657773
"""The MinHash seed ("news"): fixed, so that signatures are the same on every run."""

BUCKET_CAP = 50
"""Most articles sharing one band key that are all paired with one another.  A key shared
by k articles makes k(k-1)/2 pairs, and a wire story reprinted by a thousand outlets, or a
quote or footer printed in a thousand articles, puts a thousand articles under some keys
(half a million pairs a band).  Past the cap a bucket is *split* instead: each member is
paired with the bucket's first member and with the next, 2(k-1) pairs, so a bucket costs
at most cap(cap-1)/2 = 1,225 pairs and beyond that grows linearly.  The copies in a large
bucket are still joined (through its first member, or a neighbour, or a smaller bucket of
another band).  A bound on cost, not a tuned value: on the benchmark's 10^4 articles the
largest bucket had 62 articles, 99 % of the shared keys 12 or fewer."""

EMPTY = np.uint32(0xFFFFFFFF)
"""Every slot of the signature of an article with no 5-gram (fewer than five words): it
gets no band key and is never a near copy, as :func:`~newsdiff.engine.wire.wire_sources`
never calls such an article a reprint."""

NO_KEY = np.uint64(0)
"""The band key of an empty signature; no other band key is 0."""

_CHUNK = 4096  # articles hashed per call into the library: bounds the token lists in memory

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def shingle_set(item: Shingles | Record | Article | str) -> Shingles:
    """The engine's 5-gram set of ``item``: an article's story sentences
    (:func:`newsdiff.engine.wire.shingles`); a :class:`Record` is read with
    :meth:`Record.article`, a ``str`` as a record's text is (title on its first line,
    boilerplate dropped); a set is taken as already shingled.  Under five words: empty."""
    if isinstance(item, AbstractSet):
        return frozenset(item)
    if isinstance(item, str):
        if not WORD_RE.search(item):
            return frozenset()
        item = Record(id="", outlet="", text=item)
    if isinstance(item, Record):
        try:
            item = item.article()
        except InputError:  # no sentence at all
            return frozenset()
    return shingles(item)


def signature_scheme() -> str:
    """What the signatures are, to store beside them: digests of another library version,
    slot count or seed must not be compared with these."""
    import rensa

    version = _library_version()
    return (f"rensa {version} R-MinHash v{rensa.RMinHash.ALGORITHM_VERSION} "
            f"perm={PERMUTATIONS} seed={SEED}")


def signatures(items: Sequence[Shingles | Record | Article | str]) -> NDArray[np.uint32]:
    """MinHash signatures (``len(items)`` x :data:`PERMUTATIONS`, uint32) of the items'
    5-gram sets (see :func:`shingle_set`).

    Rensa's R-MinHash over each 5-gram's words joined by spaces; it is order-free, so the
    set's iteration order (which varies with ``PYTHONHASHSEED``) does not matter.  An
    article with no 5-gram gets a row of :data:`EMPTY`.  Rows are independent, so
    signatures computed in parts (Dask partitions) and stacked equal one call on all.
    """
    from rensa import RMinHash

    out = np.full((len(items), PERMUTATIONS), EMPTY, dtype=np.uint32)
    for start in range(0, len(items), _CHUNK):
        sets = [shingle_set(item) for item in items[start:start + _CHUNK]]
        rows = [k for k, s in enumerate(sets) if s]
        if not rows:
            continue
        tokens = [[" ".join(gram) for gram in sets[k]] for k in rows]
        digests = RMinHash.digest_matrix_from_token_sets(tokens, PERMUTATIONS, SEED)
        out[start + np.asarray(rows)] = np.asarray(digests.to_rows(), dtype=np.uint32)
    return out


def band_keys(sigs: NDArray[np.unsignedinteger], bands: int = BANDS,
              rows: int = ROWS) -> NDArray[np.uint64]:
    """One 64-bit key per LSH band (``n`` x ``bands``, uint64): the band's ``rows`` signature
    values and its number hashed (splitmix64 finalizer), so equal keys mean the same band
    equal and keys of different bands differ.  Plain numpy, so a pipeline can bucket
    articles by key (a shuffle, a groupby) without the MinHash library.  An empty signature
    gets :data:`NO_KEY` in every band."""
    sigs = np.asarray(sigs)
    if sigs.ndim != 2 or sigs.shape[1] < bands * rows:
        raise ValueError(f"signatures of shape {sigs.shape} have fewer than {bands} x {rows} "
                         "values a row")
    n = sigs.shape[0]
    values = sigs[:, :bands * rows].astype(np.uint64).reshape(n, bands, rows)
    keys = np.broadcast_to(_mix(np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN),
                           (n, bands)).copy()
    for r in range(rows):
        keys = _mix(keys ^ values[:, :, r])
    keys[keys == NO_KEY] = 1
    keys[(sigs == EMPTY).all(axis=1)] = NO_KEY
    return keys


def candidate_pairs(keys: NDArray[np.uint64], cap: int = BUCKET_CAP) -> NDArray[np.int64]:
    """Pairs of rows sharing a band key (``m`` x 2, ``i < j``, sorted, no repeats).

    A bucket (the rows with one key) of at most ``cap`` rows gives all its pairs; a larger
    one is split (see :data:`BUCKET_CAP`): each member with the first and with the next.
    """
    n, bands = keys.shape
    flat = keys.ravel()
    rows = np.repeat(np.arange(n, dtype=np.int64), bands)
    keep = flat != NO_KEY
    flat, rows = flat[keep], rows[keep]
    order = np.lexsort((rows, flat))
    flat, rows = flat[order], rows[order]
    if flat.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, flat.size])
    parts = [np.empty((0, 2), dtype=np.int64)]
    for size in np.unique(sizes[sizes > 1]):
        members = rows[starts[sizes == size][:, None] + np.arange(size)]
        if size <= cap:
            first, second = np.triu_indices(size, k=1)
            parts.append(np.stack([members[:, first].ravel(),
                                   members[:, second].ravel()], axis=1))
        else:
            lead = np.repeat(members[:, :1], size - 1, axis=1)
            parts.append(np.stack([lead.ravel(), members[:, 1:].ravel()], axis=1))
            parts.append(np.stack([members[:, :-1].ravel(), members[:, 1:].ravel()], axis=1))
    pairs = np.concatenate(parts)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def estimated_containment(sigs: NDArray[np.unsignedinteger], sizes: NDArray[np.integer],
                          pairs: NDArray[np.int64]) -> NDArray[np.float64]:
    """For each pair ``(i, j)``, the share of the smaller 5-gram set estimated to occur in
    the other: Jaccard J estimated as the share of equal signature slots, then
    J (a + b) / (1 + J) / min(a, b) for 5-gram counts ``a`` and ``b`` (at most 1)."""
    i, j = pairs[:, 0], pairs[:, 1]
    jaccard = np.empty(len(pairs))
    for start in range(0, len(pairs), 65536):  # bounds the compared rows in memory
        part = slice(start, start + 65536)
        jaccard[part] = (sigs[i[part]] == sigs[j[part]]).mean(axis=1)
    a, b = sizes[i].astype(np.float64), sizes[j].astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        shared = jaccard * (a + b) / (1 + jaccard) / np.minimum(a, b)
    return np.nan_to_num(np.minimum(shared, 1.0))


def near_copy_groups(items: Sequence[Shingles | Record | Article | str],
                     sigs: NDArray[np.unsignedinteger] | None = None,
                     cap: int = BUCKET_CAP) -> list[list[int]]:
    """The items' groups of near copies: indices of items the engine calls reprints of one
    another, closed under that relation as ``wire_sources`` closes it, of at least two
    items each (an item in no group has no near copy), each sorted, ordered by first item.

    ``sigs`` are the items' :func:`signatures` when already computed.  Candidates are the
    pairs sharing a band key (:func:`candidate_pairs`) whose :func:`estimated_containment`
    reaches :data:`ESTIMATE_FLOOR`; each is verified with
    :func:`~newsdiff.engine.wire.is_reprint` unless verified pairs already join it.
    """
    sets = [shingle_set(item) for item in items]
    if sigs is None:
        sigs = signatures(sets)
    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    return verified_groups(sigs, sizes, lambda wanted: {i: sets[i] for i in wanted}, cap)


def verified_groups(sigs: NDArray[np.unsignedinteger], sizes: NDArray[np.integer],
                    sets_of: Callable[[set[int]], dict[int, Shingles]],
                    cap: int = BUCKET_CAP) -> list[list[int]]:
    """:func:`near_copy_groups` from the items' signatures and 5-gram counts alone:
    ``sets_of(indices)`` gives the 5-gram sets of the items in a surviving candidate pair
    (only those are needed, so a corpus reads back only their texts)."""
    pairs = candidate_pairs(band_keys(sigs), cap)
    pairs = pairs[estimated_containment(sigs, sizes, pairs) >= ESTIMATE_FLOOR]
    sets = sets_of(set(pairs.ravel().tolist()))
    return groups_of(len(sizes), pairs.tolist(), lambda i, j: is_reprint(sets[i], sets[j]))


def groups_of(n: int, pairs: Iterable[Sequence[int]],
              verify: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components (of two or more) of the ``pairs`` that ``verify`` accepts, among
    ``n`` items; a pair whose items are already joined is not verified, which leaves the
    components as they are and saves most checks in a large group of copies."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(int(i)), root(int(j))
        if a != b and verify(int(i), int(j)):
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(root(i), []).append(i)
    return sorted(g for g in members.values() if len(g) > 1)


def _mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64's finalizer, element-wise (a bijection of 64-bit values; wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _library_version() -> str:
    from importlib.metadata import version

    return version("rensa")
