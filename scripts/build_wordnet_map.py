"""Build newsdiff's compact WordNet map (irregular forms -> lemma, lemma -> synonym groups).

Run from the repository root, after ``apt-get install -y wordnet-base`` (the
WordNet 3.0 database files under /usr/share/wordnet; no nltk needed)::

    .venv/bin/python scripts/build_wordnet_map.py            # writes src/newsdiff/data/wordnet_map.json
    .venv/bin/python scripts/build_wordnet_map.py --wordnet DIR --out FILE --senses 3

What is kept, so that the shipped file stays small (a few hundred KiB):

* ``lemmas``: the irregular forms of the ``*.exc`` exception lists (met -> meet,
  spoke -> speak, said -> say, children -> child, better -> good), single words only.
* ``groups``: for each single-word lemma that has at least one sense-tagged
  occurrence in WordNet's own sense counts (``tagsense_cnt`` in ``index.*``:
  a corpus-independent "reasonably frequent word" test), the ids of its
  ``--senses`` most frequent synsets per part of speech (``index.*`` lists a
  lemma's synsets most frequent first).  Only synsets shared by at least two
  kept lemmas are listed (a group with one member can never link two words),
  and synsets get small integer ids.  Lemmas with no such group are still
  listed (with no ids) so that run-time lemmatisation knows them.

The file carries WordNet's licence notice, which must accompany every copy:
WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
(full text in the file's ``licence`` field and in benchmarks/README.md).

The output is deterministic (sorted keys, ids in first-seen order of sorted lemmas).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WORDNET = Path("/usr/share/wordnet")
DEFAULT_OUT = REPO / "src" / "newsdiff" / "data" / "wordnet_map.json"
POS = ("noun", "verb", "adj", "adv")

LICENCE = """WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by \
Princeton University under the following license. By obtaining, using and/or copying this software \
and database, you agree that you have read, understood, and will comply with these terms and \
conditions.: Permission to use, copy, modify and distribute this software and database and its \
documentation for any purpose and without fee or royalty is hereby granted, provided that you agree \
to comply with the following copyright notice and statements, including the disclaimer, and that the \
same appear on ALL copies of the software, database and documentation, including modifications that \
you make for internal use or for distribution. WordNet 3.0 Copyright 2006 by Princeton University. \
All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES \
NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, \
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY \
PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT \
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton \
University or Princeton may not be used in advertising or publicity pertaining to distribution of \
the software and/or database. Title to copyright in this software, database and any associated \
documentation shall at all times remain with Princeton University and LICENSEE agrees to preserve \
same."""


def read_index(path: Path) -> list[tuple[str, int, list[str]]]:
    """(lemma, tagged sense count, synset offsets most frequent first) per line of index.POS.

    Line format (wndb(5)): lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
    tagsense_cnt synset_offset...; licence header lines start with two spaces.
    """
    entries = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
        tagged = int(fields[5 + p_cnt])
        offsets = fields[6 + p_cnt : 6 + p_cnt + synset_cnt]
        entries.append((lemma, tagged, offsets))
    return entries


def read_exceptions(path: Path) -> dict[str, str]:
    """Irregular form -> its first base form, from a ``*.exc`` list (single words only)."""
    forms = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if len(fields) < 2 or "_" in fields[0] or "_" in fields[1]:
            continue
        forms.setdefault(fields[0], fields[1])
    return forms


def build(wordnet: Path, senses: int, min_tagged: int) -> dict:
    members: dict[str, set[str]] = {}  # "pos:offset" -> kept lemmas with it among top senses
    known: set[str] = set()
    per_lemma: dict[str, list[str]] = {}
    for pos in POS:
        for lemma, tagged, offsets in read_index(wordnet / f"index.{pos}"):
            if "_" in lemma or not lemma.isalpha():
                continue
            known.add(lemma)
            if tagged < min_tagged:
                continue
            for offset in offsets[:senses]:
                key = f"{pos[0]}{offset}"
                members.setdefault(key, set()).add(lemma)
                per_lemma.setdefault(lemma, []).append(key)
    ids: dict[str, int] = {}
    groups: dict[str, list[int]] = {}
    for lemma in sorted(per_lemma):
        shared = [k for k in per_lemma[lemma] if len(members[k]) >= 2]
        for key in shared:
            ids.setdefault(key, len(ids))
        groups[lemma] = sorted({ids[k] for k in shared})
    lemmas: dict[str, str] = {}
    for pos in POS:
        for form, base in read_exceptions(wordnet / f"{pos}.exc").items():
            if form != base and base.isalpha() and form.isalpha():
                lemmas.setdefault(form, base)
    # Run-time lemmatisation only needs to know which lemmas exist among the frequent ones.
    for lemma in sorted(known & set(lemmas.values()) - set(groups)):
        groups[lemma] = []
    return {
        "source": "WordNet 3.0 (Princeton University), Debian package wordnet-base, "
        "files index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc",
        "script": "scripts/build_wordnet_map.py",
        "senses_per_pos": senses,
        "min_tagged_senses": min_tagged,
        "licence_notice": "WordNet 3.0 Copyright 2006 by Princeton University. All rights "
        "reserved. Redistributed under the WordNet 3.0 licence, whose notice and disclaimer "
        "must appear on all copies (full text below and in benchmarks/README.md).",
        "licence": LICENCE,
        "groups_count": len(ids),
        "lemmas": dict(sorted(lemmas.items())),
        "groups": groups,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_WORDNET)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--senses", type=int, default=3, help="most frequent synsets per POS")
    parser.add_argument("--min-tagged", type=int, default=1, help="min tagged sense count")
    args = parser.parse_args(argv)
    document = build(args.wordnet, args.senses, args.min_tagged)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(
        json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(tmp, args.out)  # atomic: a concurrent reader never sees half a file
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): "
        f"{len(document['lemmas'])} irregular forms, {len(document['groups'])} lemmas, "
        f"{document['groups_count']} synonym groups"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
