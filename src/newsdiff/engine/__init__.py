"""The comparison engine: which sentences of several articles tell the same fact, and how.

``compare(a, b)`` (:mod:`~newsdiff.engine.pair`) compares two articles and
``compare_story(articles)`` (:mod:`~newsdiff.engine.story`) a whole story;
both take the caller's ``scorer`` and ``executor`` (defaults: the shipped
pair model, this machine's worker processes when a step is worth them).
The stages, in the order the data goes through them:

- :mod:`~newsdiff.engine.annotate`: each article's story sentences analysed
  once (words, terms, facts, detail slots), reused by every comparison;
- :mod:`~newsdiff.engine.graph`: the sentences of the articles compared as
  one graph of distinct texts, with candidate pairs
  (:mod:`~newsdiff.engine.candidates`) scored by
  :mod:`~newsdiff.engine.similarity` (containment, the paraphrase scorer and
  the articles' context, joined by the learned same-fact model of
  :mod:`~newsdiff.engine.scoring`);
- :mod:`~newsdiff.engine.claims`: the sentences clustered into claims;
- :mod:`~newsdiff.engine.judge`: each link or passage classified and
  word-diffed, one way for pairs, stories and reviewers' links;
- for stories, :mod:`~newsdiff.engine.quotes` and
  :mod:`~newsdiff.engine.wire` beside the claims.

:mod:`~newsdiff.engine.cached` serves both through the result cache.  The
engine imports nothing of the front ends (``present``, ``render``,
``review``, ``tui``, the command line), and this package imports none of
its modules, so importing one stage stays cheap.
"""
