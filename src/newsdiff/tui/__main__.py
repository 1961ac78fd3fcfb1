"""``python -m newsdiff.tui [PATH...]``: open the reader (no paths: the bundled sample story)."""

from __future__ import annotations

import sys

from newsdiff.tui.app import NewsdiffApp


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in args):
        print("usage: python -m newsdiff.tui [PATH...]\n\n"
              "Open the newsdiff reader on article files or folders "
              "(none: the bundled sample story).")
        return 0
    app = NewsdiffApp(args)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
