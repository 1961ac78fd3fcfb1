"""The review report as JSON, ``newsdiff.review/1``: text exact, passages by span and by text."""

import json

from newsdiff.review.export_json import SCHEMA, render_report_json
from newsdiff.text.diffing import word_diff
from tests.review.sample import (
    A_SENTENCES,
    A_TEXT,
    B_SENTENCES,
    B_TEXT,
    HA,
    HOSTILE,
    NOTE,
    SESSION,
    T,
    a,
    b,
)


def test_json_round_trip_keeps_the_text_exact(report):
    raw = render_report_json(report)
    assert "\x1b" not in raw  # controls are written as \\u escapes
    data = json.loads(raw)
    assert data["schema"] == SCHEMA == "newsdiff.review/1"
    assert data["session"] == {"id": 7, "key": SESSION.key, "reviewed": 4, "total": 9,
                               "created": T, "updated": T}
    texts = {x["id"]: x["text"] for x in data["articles"]}
    assert texts == {"A": A_TEXT, "B": B_TEXT}
    assert data["articles"][0] == {"id": "A", "hash": HA, "outlet": "The <b>Post</b>",
                                   "title": "Twice [red]", "path": "a.txt", "text": A_TEXT}
    for item in [*data["reviews"], *({"passages": [ln["a"], ln["b"]]} for ln in data["links"])]:
        for p in item["passages"]:
            assert p["text"] == " ".join(texts[p["article"]][s:e] for s, e in p["spans"])


def test_json_reviews_and_links(report):
    data = json.loads(render_report_json(report))
    first, _, rejected, only_b, claim = data["reviews"]
    assert first == {
        "target": "pair",
        "passages": [{"article": "A", "spans": [list(a(0))], "text": A_SENTENCES[0]},
                     {"article": "B", "spans": [list(b(1))], "text": B_SENTENCES[1]}],
        "kind": "divergent", "verdict": "accepted", "corrected": None, "note": "",
        "updated": T,
        "diff": [list(run) for run in word_diff(A_SENTENCES[0], B_SENTENCES[1])],
    }
    assert (rejected["verdict"], rejected["corrected"], rejected["note"]) == (
        "rejected", "paraphrase", NOTE)
    assert only_b["passages"][0] == {"article": "A", "spans": [], "text": ""}
    assert only_b["diff"] is None
    assert claim["target"] == "claim" and claim["verdict"] is None
    assert data["links"] == [{"a": {"article": "A", "spans": [list(a(1))], "text": HOSTILE},
                              "b": {"article": "B", "spans": [list(b(2))],
                                    "text": B_SENTENCES[2]},
                              "created": T}]
