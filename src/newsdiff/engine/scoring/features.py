"""Features of a sentence pair, for the learned paraphrase classifier.

Every feature is symmetric in the two sentences (swapping A and B gives the
same vector), so the classifier's verdict mirrors exactly when the articles
are given in the other order.  Features lean on things that carry over from
the training corpus (MSRP) to arbitrary news: overlap of stems, n-grams and
character n-grams after typography folding, names, numbers and negation.
The only vocabulary-specific parts are the term weights (IDF, TF-KLD),
learned from MSRP train and shipped in a ``Lexicon``; a word the lexicon
never saw still counts through every other feature.

On top of set overlaps, machine-translation metrics as paraphrase evidence
(after Madnani, Tetreault & Chodorow 2012): a METEOR-style alignment in
stages (same word, same stem, same WordNet lemma - met/meet, said/say - ,
shared WordNet synonym group - buy/purchase - , same 5-letter prefix), with
its precision, recall, fragmentation and unaligned content; smoothed BLEU-4
with each side as candidate; word edit distance (TER without shifts) and
character LCS.  Features whose computation could depend on which side comes
first (the greedy alignment) are computed on the pair in a canonical order,
and directional scores enter as (min, max), so every feature is exactly
symmetric.  WordNet comes from ``newsdiff.text.wordnet`` (a compact shipped map).

Work that depends on one sentence only is done once in ``profile`` (cached),
so scoring the thousands of candidate pairs of two articles costs only set
intersections and a few arithmetic operations per pair.

Pure Python on purpose: importing this module must stay cheap for the CLI.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from newsdiff.text.distance import Masks, common_subsequence, edit_distance, position_masks
from newsdiff.text.tokens import STOPWORDS, WORD_RE, fold_typography, stem, strip_possessive
from newsdiff.text.wordnet import lemmas, synonym_groups

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED_RE = re.compile(r"[A-Z][\w'-]*")
_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twice": "2",
    "dozen": "12",
    "hundred": "100",
    "thousand": "1000",
}
_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nobody", "nothing", "without"})

_PREFIX = 5
_OVERLAP_KINDS = ("word", "stem", "stem2", "stem3", "content", "prefix", "char4")
_OVERLAP_STATS = ("dice", "min_containment", "max_containment")

FEATURE_NAMES: tuple[str, ...] = (
    *(f"{kind}_{stat}" for kind in _OVERLAP_KINDS for stat in _OVERLAP_STATS),
    "names_covered_min",
    "names_covered_max",
    "names_uncovered_log",
    *(f"idf_{stat}" for stat in _OVERLAP_STATS),
    *(f"kld_{stat}" for stat in _OVERLAP_STATS),
    "unmatched_fewer_log",
    "unmatched_more_log",
    "unmatched_idf_fewer",
    "unmatched_idf_more",
    "unmatched_idf_max",
    "lcs_over_longer",
    "lcs_over_shorter",
    "length_ratio",
    "length_shorter_log",
    "numbers_unmatched",
    "numbers_mismatch",
    "numbers_none",
    "negation_mismatch",
    *(f"align_{stat}" for stat in _OVERLAP_STATS),
    *(f"align_content_{stat}" for stat in _OVERLAP_STATS),
    "align_fragmentation",
    "meteor_min",
    "meteor_max",
    "align_synonym_log",
    "aligned_unmatched_fewer_log",
    "aligned_unmatched_more_log",
    "aligned_unmatched_idf_fewer",
    "aligned_unmatched_idf_more",
    "aligned_unmatched_idf_max",
    "bleu_min",
    "bleu_max",
    "stem4_max_containment",
    "edit_over_longer",
    "edit_over_shorter",
    "char_lcs_over_longer",
    "char_lcs_over_shorter",
    "numbers_conflict",
    "numbers_shared_log",
)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Term statistics learned from MSRP train (see scripts/train_paraphrase.py).

    ``idf`` and ``kld`` map stems to weights; stems not listed get the default
    (an unseen word is rare, so it gets the largest IDF).  Compared by
    identity, so that profiles can be cached per lexicon.
    """

    idf: dict[str, float]
    kld: dict[str, float]
    default_idf: float
    default_kld: float

    @classmethod
    def empty(cls) -> Lexicon:
        """A lexicon with no learned weights: every stem weighs 1."""
        return cls(idf={}, kld={}, default_idf=1.0, default_kld=1.0)


@dataclass(frozen=True, slots=True)
class SentenceProfile:
    """Everything about one sentence that pair features need, computed once."""

    words: frozenset[str]
    stems: tuple[str, ...]
    stem1: frozenset[str]
    stem2: frozenset[str]
    stem3: frozenset[str]
    content: frozenset[str]
    prefixes: frozenset[str]
    char4: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    negated: bool
    idf: dict[str, float]
    kld: dict[str, float]
    idf_total: float
    kld_total: float
    lcs_masks: Masks
    tokens: tuple[str, ...]
    token_lemmas: tuple[frozenset[str], ...]
    token_groups: tuple[frozenset[int], ...]
    token_idf: tuple[float, ...]
    word_pos: dict[str, tuple[int, ...]]
    stem_pos: dict[str, tuple[int, ...]]
    lemma_pos: dict[str, tuple[int, ...]]
    group_pos: dict[int, tuple[int, ...]]
    stem4: frozenset[str]
    token_prefixes: tuple[str, ...]
    prefix_pos: dict[str, tuple[int, ...]]
    char_masks: Masks
    joined: str


@lru_cache(maxsize=16384)
def profile(text: str, lexicon: Lexicon) -> SentenceProfile:
    """The profile of ``text`` under ``lexicon``, kept for the next pair that asks: a
    sentence is in many candidate pairs, in this process and in a worker's chunks."""
    folded = fold_typography(text)
    tokens = [strip_possessive(w) for w in WORD_RE.findall(folded.lower())]
    stems = tuple(stem(w) for w in tokens)
    content = frozenset(s for w, s in zip(tokens, stems) if w not in STOPWORDS and len(w) > 1)
    idf = {s: lexicon.idf.get(s, lexicon.default_idf) for s in content}
    kld = {s: lexicon.kld.get(s, lexicon.default_kld) for s in content}
    is_content = [w not in STOPWORDS and len(w) > 1 and not w.isdigit() for w in tokens]
    token_lemmas = tuple(lemmas(w) if c else frozenset() for w, c in zip(tokens, is_content))
    token_groups = tuple(
        synonym_groups(w) if c else frozenset() for w, c in zip(tokens, is_content)
    )
    joined = " ".join(tokens)
    token_prefixes = tuple(
        s[:_PREFIX] if c and len(s) >= _PREFIX else "" for s, c in zip(stems, is_content)
    )
    return SentenceProfile(
        words=frozenset(tokens),
        stems=stems,
        stem1=frozenset(stems),
        stem2=frozenset(_ngrams(stems, 2)),
        stem3=frozenset(_ngrams(stems, 3)),
        content=content,
        prefixes=frozenset(s[:_PREFIX] for s in content),
        char4=frozenset(_char_ngrams(" ".join(tokens), 4)),
        names=_names(folded),
        numbers=_numbers(folded, tokens),
        negated=any(w in _NEGATIONS or w.endswith("n't") for w in tokens),
        idf=idf,
        kld=kld,
        idf_total=math.fsum(idf.values()),
        kld_total=math.fsum(kld.values()),
        lcs_masks=position_masks(stems),
        tokens=tuple(tokens),
        token_lemmas=token_lemmas,
        token_groups=token_groups,
        token_idf=tuple(idf.get(s, 0.0) for s in stems),
        word_pos=_positions((w,) for w in tokens),
        stem_pos=_positions((s,) for s in stems),
        lemma_pos=_positions(token_lemmas),
        group_pos=_positions(token_groups),
        stem4=frozenset(_ngrams(stems, 4)),
        token_prefixes=token_prefixes,
        prefix_pos=_positions((p,) if p else () for p in token_prefixes),
        char_masks=position_masks(joined),
        joined=joined,
    )


def pair_features_from_profiles(pa: SentenceProfile, pb: SentenceProfile) -> list[float]:
    """The feature vector of two already profiled sentences (symmetric in ``pa``, ``pb``)."""
    features: list[float] = []
    for x, y in (
        (pa.words, pb.words),
        (pa.stem1, pb.stem1),
        (pa.stem2, pb.stem2),
        (pa.stem3, pb.stem3),
        (pa.content, pb.content),
        (pa.prefixes, pb.prefixes),
        (pa.char4, pb.char4),
    ):
        features += _overlap(len(x & y), len(x), len(y))
    features += _name_coverage(pa, pb)
    shared = pa.content & pb.content
    features += _weighted_overlap(pa.idf, shared, pa.idf_total, pb.idf_total)
    features += _weighted_overlap(pa.kld, shared, pa.kld_total, pb.kld_total)
    features += _unmatched(pa, pb)
    features += _lcs_ratios(pa, pb)
    features += _lengths(len(pa.stems), len(pb.stems))
    features += _number_features(pa.numbers, pb.numbers)
    features.append(float(pa.negated != pb.negated))
    if _canonical_key(pb) < _canonical_key(pa):
        pa, pb = pb, pa
    features += _alignment_features(pa, pb)
    features += _bleu(pa, pb)
    features.append(_overlap(len(pa.stem4 & pb.stem4), len(pa.stem4), len(pb.stem4))[2])
    features += _edit_ratios(pa, pb)
    features += _char_lcs(pa, pb)
    shared_numbers = len(pa.numbers & pb.numbers)
    features.append(float(bool(pa.numbers - pb.numbers) and bool(pb.numbers - pa.numbers)))
    features.append(math.log1p(shared_numbers))
    return features


def _canonical_key(p: SentenceProfile) -> tuple:
    return (p.stems, p.tokens)


def _positions(keys) -> dict:
    found: dict = {}
    for i, ks in enumerate(keys):
        for k in ks:
            found.setdefault(k, []).append(i)
    return {k: tuple(v) for k, v in found.items()}


def _align(pa: SentenceProfile, pb: SentenceProfile) -> tuple[list[tuple[int, int]], int]:
    """METEOR-style greedy alignment in stages: word, stem, WordNet lemma, WordNet synonym.

    Returns the aligned (i, j) pairs and how many came from the WordNet stages.
    Called with the pair in canonical order, so the result is symmetric.
    """
    la = len(pa.tokens)
    used_a = [False] * la
    used_b = [False] * len(pb.tokens)
    pairs = []
    wordnet_matches = 0
    stages = (
        (pa.tokens, pb.word_pos, True),
        (pa.stems, pb.stem_pos, True),
        (pa.token_lemmas, pb.lemma_pos, False),
        (pa.token_groups, pb.group_pos, False),
        (pa.token_prefixes, pb.prefix_pos, True),
    )
    for stage, (keys_a, index_b, single) in enumerate(stages):
        if not index_b:
            continue
        for i in range(la):
            if used_a[i]:
                continue
            for key in (keys_a[i],) if single else keys_a[i]:
                for j in index_b.get(key, ()):
                    if not used_b[j]:
                        used_a[i] = used_b[j] = True
                        pairs.append((i, j))
                        wordnet_matches += stage >= 2
                        break
                if used_a[i]:
                    break
    return pairs, wordnet_matches


def _alignment_features(pa: SentenceProfile, pb: SentenceProfile) -> list[float]:
    """METEOR-like statistics of the staged alignment (Banerjee & Lavie 2005).

    Overlap of aligned tokens (all, and content words only), fragmentation
    (chunks per aligned token), METEOR's fragmentation-penalised F-mean with
    each side as the hypothesis (min, max), how many links needed WordNet, and
    the content words left unaligned on each side (count and IDF weight).
    """
    pairs, wordnet_matches = _align(pa, pb)
    la, lb = len(pa.tokens), len(pb.tokens)
    m = len(pairs)
    features = list(_overlap(m, la, lb))
    content_a = [i for i, l in enumerate(pa.token_idf) if l > 0.0]
    content_b = [j for j, l in enumerate(pb.token_idf) if l > 0.0]
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    mc = sum(1 for i, j in pairs if pa.token_idf[i] > 0.0 and pb.token_idf[j] > 0.0)
    features += _overlap(mc, len(content_a), len(content_b))
    if m:
        pairs.sort()
        chunks = 1
        for (i0, j0), (i1, j1) in pairwise(pairs):
            if i1 != i0 + 1 or j1 != j0 + 1:
                chunks += 1
        frag = chunks / m
        penalty = 1.0 - 0.5 * frag**3
        pr, rc = m / la, m / lb
        f_ab = pr * rc / (0.9 * pr + 0.1 * rc)
        f_ba = pr * rc / (0.1 * pr + 0.9 * rc)
        features += (frag, min(f_ab, f_ba) * penalty, max(f_ab, f_ba) * penalty)
    else:
        features += (1.0, 0.0, 0.0)
    features.append(math.log1p(wordnet_matches))
    only_a = [pa.token_idf[i] for i in content_a if i not in matched_a]
    only_b = [pb.token_idf[j] for j in content_b if j not in matched_b]
    counts = sorted((len(only_a), len(only_b)))
    weights = sorted((math.fsum(only_a), math.fsum(only_b)))
    features += (
        math.log1p(counts[0]),
        math.log1p(counts[1]),
        weights[0],
        weights[1],
        max(only_a + only_b, default=0.0),
    )
    return features


def _bleu(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, float]:
    """Smoothed sentence BLEU-4 over stem n-gram sets, each side as candidate; (min, max)."""
    la, lb = len(pa.stems), len(pb.stems)
    if not la or not lb:
        return (0.0, 0.0)
    log_a = log_b = 0.0
    for n, (x, y) in enumerate(
        ((pa.stem1, pb.stem1), (pa.stem2, pb.stem2), (pa.stem3, pb.stem3), (pa.stem4, pb.stem4))
    ):
        shared = len(x & y)
        smooth = 0 if n == 0 else 1
        log_a += math.log((shared + smooth + 1e-9) / (len(x) + smooth + 1e-9))
        log_b += math.log((shared + smooth + 1e-9) / (len(y) + smooth + 1e-9))
    bleu_a = math.exp(log_a / 4 + min(0.0, 1.0 - lb / la))
    bleu_b = math.exp(log_b / 4 + min(0.0, 1.0 - la / lb))
    return (min(bleu_a, bleu_b), max(bleu_a, bleu_b))


def _edit_ratios(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, float]:
    """Word (stem) Levenshtein distance, over the longer and the shorter sentence."""
    la, lb = len(pa.stems), len(pb.stems)
    if not la or not lb:
        return (1.0, 1.0)
    d = edit_distance(pa.stems, pb.stems, pa.lcs_masks)
    return (d / max(la, lb), d / min(la, lb))


def _char_lcs(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, float]:
    """Longest common subsequence of characters (words joined by spaces), over each length."""
    la, lb = len(pa.joined), len(pb.joined)
    if not la or not lb:
        return (0.0, 0.0)
    lcs = common_subsequence(pa.joined, pb.joined, pa.char_masks)
    return (lcs / max(la, lb), lcs / min(la, lb))


def _ngrams(items: tuple[str, ...], n: int) -> list[str]:
    return [" ".join(items[i : i + n]) for i in range(len(items) - n + 1)]


def _char_ngrams(text: str, n: int) -> list[str]:
    return [text[i : i + n] for i in range(len(text) - n + 1)]


def _names(folded: str) -> frozenset[str]:
    """Capitalised words as lower-case prefixes: names survive rewording, so they must match.

    Prefixes let "Russian" match "Russia's".  The sentence's first word is
    skipped because it is capitalised regardless.
    """
    found = _CAPITALISED_RE.findall(folded)
    if found and folded.lstrip().startswith(found[0]):
        found = found[1:]
    lowered = (w.lower() for w in found)
    return frozenset(w[:_PREFIX] for w in lowered if len(w) > 1 and w not in STOPWORDS)


def _numbers(folded: str, tokens: list[str]) -> frozenset[str]:
    """Numbers written with digits (thousands separators dropped) or as common number words."""
    digits = {m.replace(",", "") for m in _NUMBER_RE.findall(folded)}
    return frozenset(digits | {_NUMBER_WORDS[w] for w in tokens if w in _NUMBER_WORDS})


def _overlap(shared: int, na: int, nb: int) -> tuple[float, float, float]:
    """Dice, containment in the larger set and containment in the smaller set."""
    if not na or not nb:
        return (0.0, 0.0, 0.0)
    return (2.0 * shared / (na + nb), shared / max(na, nb), shared / min(na, nb))


def _weighted_overlap(
    weights: dict[str, float], shared: frozenset[str], ta: float, tb: float
) -> tuple[float, float, float]:
    """``_overlap`` with each word counted by its (lexicon) weight instead of once.

    Weights depend on the word only, so either side's map serves for the
    shared words; fsum is exactly rounded, so the sums cannot depend on order.
    """
    if ta <= 0.0 or tb <= 0.0:
        return (0.0, 0.0, 0.0)
    common = math.fsum(weights[s] for s in shared)
    return (2.0 * common / (ta + tb), common / max(ta, tb), common / min(ta, tb))


def _name_coverage(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, float, float]:
    """How many of each side's names the other side mentions (capitalised or not)."""
    missing_a = len(pa.names - pb.prefixes - pb.names)
    missing_b = len(pb.names - pa.prefixes - pa.names)
    cover_a = 1.0 - missing_a / len(pa.names) if pa.names else 1.0
    cover_b = 1.0 - missing_b / len(pb.names) if pb.names else 1.0
    return (min(cover_a, cover_b), max(cover_a, cover_b), math.log1p(missing_a + missing_b))


def _unmatched(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, ...]:
    """Content one side has that the other lacks: per side (fewer, more), and the rarest word.

    A sentence that adds a whole clause the other lacks is MSRP's typical
    non-paraphrase, so the side with more unmatched content matters most.
    """
    only_a = [w for s, w in pa.idf.items() if s not in pb.idf]
    only_b = [w for s, w in pb.idf.items() if s not in pa.idf]
    counts = sorted((len(only_a), len(only_b)))
    weights = sorted((sum(only_a), sum(only_b)))
    return (
        math.log1p(counts[0]),
        math.log1p(counts[1]),
        weights[0],
        weights[1],
        max(only_a + only_b, default=0.0),
    )


def _lcs_ratios(pa: SentenceProfile, pb: SentenceProfile) -> tuple[float, float]:
    """Longest common subsequence of stems, over the longer and the shorter sentence."""
    la, lb = len(pa.stems), len(pb.stems)
    if not la or not lb:
        return (0.0, 0.0)
    lcs = common_subsequence(pa.stems, pb.stems, pa.lcs_masks)
    return (lcs / max(la, lb), lcs / min(la, lb))


def _lengths(la: int, lb: int) -> tuple[float, float]:
    if not la or not lb:
        return (0.0, 0.0)
    return (min(la, lb) / max(la, lb), math.log(min(la, lb)))


def _number_features(na: frozenset[str], nb: frozenset[str]) -> tuple[float, float, float]:
    """Numbers on one side only (a strong sign of a different fact), and 'no numbers at all'."""
    unmatched = len(na ^ nb)
    return (math.log1p(unmatched), float(unmatched > 0), float(not na and not nb))
