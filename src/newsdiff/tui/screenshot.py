"""Where the command palette's Screenshot goes, and what the reader says when it cannot.

Textual saves to the platform's Downloads folder, which many machines do not
have (a server, a container, a fresh account), and then says only "Failed to
save screenshot".  A reviewer who asks for a screenshot wants a file they can
find, or the reason there is none: so the folder is one that exists and can be
written (the current directory, where the reader was started, as ``git`` and
``less`` users expect; else the platform's pictures folder; else newsdiff's own
data folder, made if need be), and a failure names the folder and the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App

from newsdiff.present.visible import visible


def screenshot_folder() -> Path:
    """The first writable folder of: the current directory, the user's pictures folder,
    ``screenshots`` in newsdiff's data folder (made here).  OSError if none can be had."""
    from platformdirs import user_data_dir, user_pictures_dir

    for candidate in (_cwd(), Path(user_pictures_dir())):
        if candidate is not None and candidate.is_dir() and os.access(candidate,
                                                                      os.W_OK | os.X_OK):
            return candidate
    own = Path(user_data_dir("newsdiff", appauthor=False)) / "screenshots"
    own.mkdir(parents=True, exist_ok=True)
    return own


def save_screenshot(app: App, filename: str | None = None, folder: str | None = None) -> None:
    """Save the screen as SVG (:meth:`App.save_screenshot`) and say where, or why not.

    ``filename`` (default: the app's title and the time) in ``folder`` (default:
    :func:`screenshot_folder`), as Textual's ``screenshot`` action takes them.
    """
    try:
        folder = folder or str(screenshot_folder())
    except OSError as e:
        app.notify(f"Screenshot not saved: no folder to save it in ({_reason(e)}).",
                   title="Screenshot", severity="error", timeout=8, markup=False)
        return
    try:
        saved = app.save_screenshot(filename, folder)
    except OSError as e:
        app.notify(f"Screenshot not saved in {visible(folder)}: {_reason(e)}.",
                   title="Screenshot",
                   severity="error", timeout=8, markup=False)
        return
    app.notify(f"Saved to {visible(saved)}", title="Screenshot", timeout=6, markup=False)


def _cwd() -> Path | None:
    """The current directory, or None when it was removed since the reader started."""
    try:
        return Path.cwd()
    except OSError:
        return None


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()
