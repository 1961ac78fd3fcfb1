"""Regenerate ``screenshots/review-report.png``: the HTML review report, as headless Chromium draws it.

    .venv/bin/python scripts/review_report_screenshot.py [--out FILE] [--html FILE] [--size WxH]

Builds a real review session in a temporary database, as the reader would
save it: the sample story's first and last articles compared, one passage
accepted, one rejected with a corrected kind and a note, one flagged with a
note, and one manual link.  It exports the session with ``newsdiff review
export --format html`` (the real command) and has Chromium (Debian's
``chromium``) take the screenshot.  ``--html`` keeps the report too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdiff.engine.pair import compare
from newsdiff.present.passages import Passage, passages
from newsdiff.resources import sample_story
from newsdiff.review.model import ManualLink, Review, Spans, Target, content_hash
from newsdiff.review.progress import pair_view
from newsdiff.review.store import ReviewStore
from newsdiff.sources import load_article
from newsdiff.values import Article

#: The passages reviewed, by a sentence of A and one of B each one holds (0-based).
ACCEPTED, REJECTED, FLAGGED = (4, 7), (5, 9), (13, 4)
#: The manual link: A's sentence 12 and B's 14 both say the meetings were routine.
LINK = ((12,), (14,))


def build_session(db: Path) -> str:
    """The sample session in the database ``db``: three verdicts and a link; its key."""
    story = sample_story()
    # Named as the README names them (seeds/ links to the bundled story), not by absolute path.
    a, b = (replace(load_article(str(p)), path=f"seeds/{p.name}") for p in (story[0], story[-1]))
    shown = passages(compare(a, b))
    with ReviewStore(db, writable=True) as store:
        info = store.open_session([a, b])
        session = info.id
        store.set_view(session, pair_view(content_hash(a.text), content_hash(b.text)),
                       {_target(a, b, p).key for p in shown})
        store.record(session, Review(_target(a, b, _find(shown, ACCEPTED)), "shared",
                                     "accepted"))
        store.record(session, Review(
            _target(a, b, _find(shown, REJECTED)), "paraphrase", "rejected", "divergent",
            "B says only \u201cJuly\u201d; A places it after a Heritage Foundation event, "
            "in a group setting. Same meeting, but B drops the setting: check with the AP.",
        ))
        store.record(session, Review(
            _target(a, b, _find(shown, FLAGGED)), "shared", "flagged",
            note="The quote matches, but B pairs it with the Franken exchange. Ask the desk.",
        ))
        store.add_link(session, ManualLink(content_hash(a.text), content_hash(b.text),
                                           _spans(a, LINK[0]), _spans(b, LINK[1])))
    return info.key


def _find(shown: list[Passage], held: tuple[int, int]) -> Passage:
    """The passage holding A's sentence ``held[0]`` and B's ``held[1]`` (alone or in a group:
    whichever the engine makes of them)."""
    return next(p for p in shown if held[0] in p.a and held[1] in p.b)


def _target(a: Article, b: Article, p: Passage) -> Target:
    return Target("pair", (content_hash(a.text), content_hash(b.text)),
                  (_spans(a, p.a), _spans(b, p.b)))


def _spans(article: Article, indices: tuple[int, ...]) -> Spans:
    return tuple((article.sentences[i].start, article.sentences[i].end) for i in indices)


def screenshot(html: Path, out: Path, size: str) -> None:
    """Chromium's screenshot of ``html`` in a ``size`` (``WxH``) window."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not found: apt-get install chromium")
    width, height = size.split("x")
    subprocess.run(
        [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
         f"--screenshot={out.resolve()}", f"--window-size={width},{height}",
         html.resolve().as_uri()],
        check=True, capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "review-report.png")
    parser.add_argument("--html", type=Path, help="also keep the HTML report here")
    parser.add_argument("--size", default="1200x2100")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db, html = Path(tmp) / "reviews.sqlite3", args.html or Path(tmp) / "report.html"
        key = build_session(db)
        subprocess.run(
            [sys.executable, "-m", "newsdiff", "review", "export", key[:8], "--format", "html",
             "--output", str(html), "--db", str(db)],
            check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        screenshot(html, args.out, args.size)
    print(args.out)


if __name__ == "__main__":
    main()
