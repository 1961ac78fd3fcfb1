"""``NewsdiffApp``: loads articles in a worker, caches comparisons, hosts the screens.

Every message it shows that may carry a path, an address, a server's words or
a settings file's text (a file that cannot be read, a database that cannot be
used) is shown literally: ``markup=False``, and control characters spelled out
by :func:`~newsdiff.present.visible.visible`, so ``[/b]`` in a file name
cannot break a toast, nor ``[@click=app.quit]`` make it a button.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.resources import sample_story
from newsdiff.sources import expand_paths, load_article
from newsdiff.tui.bindings import bindings_of
from newsdiff.tui.config import Config, load_config, save_theme
from newsdiff.tui.entries import Entry, entry_of
from newsdiff.values import Article, Comparison, Story
from newsdiff.values.errors import InputError

if TYPE_CHECKING:
    from newsdiff.engine.annotate import ArticleAnalysis
    from newsdiff.review.store import StoreError
    from newsdiff.tui.session import ReviewSession

#: How long the reader waits before trying again to save the changes the store failed.
RETRY_SAVES_S = 5.0


def compare(a: Article | ArticleAnalysis, b: Article | ArticleAnalysis) -> Comparison:
    """The pairwise engine through the comparison cache, imported on first use in the
    worker thread that runs it.

    The engine's modules take a tenth of a second to import; imported here they
    load while the first screen is being drawn instead of before it, and not at
    all when the cache holds the comparison.
    """
    from newsdiff.engine.cached import cached_compare

    return cached_compare(a, b)


def compare_story(articles: Sequence[Article | ArticleAnalysis]) -> Story:
    """The story engine through the comparison cache, imported on first use in its worker
    thread (see :func:`compare`)."""
    from newsdiff.engine.cached import cached_compare_story

    return cached_compare_story(articles)


class NewsdiffApp(App[None]):
    """The terminal reader: library, reader, side-by-side comparison."""

    CSS_PATH = "newsdiff.tcss"

    #: While loading: articles read, articles in all, the file being read (the library
    #: watches it).
    load_progress: reactive[tuple[int, int, str] | None] = reactive(None)
    TITLE = "newsdiff"
    #: The ``id`` of a binding is its name in the config file's ``[keys]`` table.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("f1", "help", "Help", show=False, id="help_f1"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_anywhere"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, id="theme"),
    ]

    def __init__(self, paths: Sequence[str | Path] | None = None, *,
                 config_path: Path | None = None, db_path: Path | None = None,
                 corpus: Path | None = None) -> None:
        """``paths``: article files or folders (none: the sample story).

        ``corpus``: instead, a corpus run's output folder (``newsdiff corpus``): its
        stories are listed, and the one chosen is read as a folder of its articles.

        ``config_path``: the settings file (default: :func:`newsdiff.tui.config.config_path`).
        ``db_path``: the review database (default:
        :func:`newsdiff.review.store.default_db_path`).
        """
        super().__init__()
        #: Article files, and web addresses (as strings), in reading order.
        self.corpus = corpus
        self.paths: list[Path | str] = (
            [] if corpus else expand_paths(paths) if paths else sample_story())
        self.db_path = db_path
        #: The review session of the loaded articles, once it is open.
        self.review: ReviewSession | None = None
        #: Why there is no review session at all, when even a scratch one failed.
        self.review_off: str | None = None
        #: Whether quitting was asked once while changes wait to be saved: the next quits.
        self._warned_unsaved = False
        #: Whether :meth:`retry_saves` is trying the changes the store failed again.
        self._retrying = False
        self.entries: list[Entry] = []
        self.load_errors: list[str] = []
        self.loaded = asyncio.Event()
        self._comparisons: dict[tuple[int, int], Comparison] = {}
        #: Comparisons under way, by (lower, higher) article index.
        self._computing: dict[tuple[int, int], asyncio.Task[Comparison]] = {}
        #: Every article compared at once (the story screen), started when first asked for.
        self._story: asyncio.Task[Story] | None = None
        #: Each article's analysis, made by the first comparison it is in and kept for the
        #: others (the library compares every article with the selected one).
        self._analyses: dict[int, ArticleAnalysis] = {}
        self._analyses_lock = threading.Lock()
        self.config: Config = load_config(config_path)
        #: Binding id -> keys as the user wrote them, for the keys the config file overrides.
        self.key_overrides: dict[str, str] = {}
        self._saved_theme = self.theme
        if self.config.theme is not None:
            if self.config.theme in self.available_themes:
                self.theme = self._saved_theme = self.config.theme
            else:
                self.config.warnings.append(
                    f"{self.config.path}: unknown theme {self.config.theme!r}; using "
                    f"{self.theme!r}.")

    def on_mount(self) -> None:
        from newsdiff.tui.screens.library import LibraryScreen

        self.apply_key_overrides()
        for warning in self.config.warnings:
            self.notify(visible(warning), title="Settings", severity="warning", timeout=8,
                        markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.corpus is not None:
            from newsdiff.tui.screens.corpus import CorpusScreen

            self.push_screen(CorpusScreen(self.corpus))
            return
        self.push_screen(LibraryScreen())
        self.load_articles()

    # -- settings ---------------------------------------------------------------------

    def apply_key_overrides(self) -> None:
        """Put the config file's ``[keys]`` into the keymap; unknown names are a warning.

        With no ``[keys]`` there is nothing to check, and the screens' modules are
        left to load when first opened rather than all before the first screen.
        """
        if not self.config.keys:
            return
        known = known_binding_ids()
        unknown = sorted(set(self.config.keys) - known)
        if unknown:
            self.config.warnings.append(
                f"{self.config.path}: no key named {', '.join(unknown)} "
                f"(known: {', '.join(sorted(known))}); ignored.")
        self.key_overrides = {k: v for k, v in self.config.keys.items() if k in known}
        self.set_keymap(self.key_overrides)

    def _remember_theme(self, theme: Theme) -> None:
        """Write a newly chosen theme to the config file (never a broken one)."""
        if theme.name == self._saved_theme or not self.config.writable:
            return
        try:
            save_theme(self.config.path, theme.name)
        except (OSError, ValueError) as e:
            self.notify(visible(f"Could not remember the theme: {e}"), severity="warning",
                        timeout=6, markup=False)
            return
        self._saved_theme = theme.name

    @work(exclusive=True, group="load")
    async def load_articles(self) -> None:
        """Read the articles one by one off the event loop, reporting progress; then fill
        the library.  An unreadable file is a notification, not the end of the others."""
        from newsdiff.tui.screens.library import LibraryScreen

        entries: list[Entry] = []
        for done, path in enumerate(self.paths):
            self.load_progress = (done, len(self.paths), getattr(path, "name", path))
            try:
                article = await asyncio.to_thread(load_article, str(path))
            except InputError as e:
                self.load_errors.append(str(e))
                self.notify(visible(str(e)), title="Could not read", severity="error",
                            timeout=8, markup=False)
                continue
            entries.append(entry_of(len(entries), article))
        self.entries = entries
        self.loaded.set()
        self.load_progress = None
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen) and self.on_stack(screen):
                screen.show_entries()
        await self.open_review()

    async def use_articles(self, articles: Sequence[Article]) -> bool:
        """Read ``articles`` from now on instead of those before (a corpus's story chosen):
        the previous review session closed, every comparison of the previous articles
        forgotten, and the new ones' session opened.  Called with no screen of the previous
        articles open.

        Not while changes to the previous session wait to be saved: they would be lost
        with it, so they are tried once more and, if the store still fails, the switch is
        refused with a notification (False), as quitting is.
        """
        from newsdiff.review.store import StoreError

        session = self.review
        if session is not None and session.unsaved:
            with suppress(StoreError):
                await session.flush()
            if session.unsaved:
                self.notify(visible(f"{counted(len(session.unsaved), 'change')} to this story "
                                    f"not saved ({session.save_error}); open another when "
                                    "they are."), title="Not saved", severity="error",
                            timeout=15, markup=False)
                return False
        if session is not None:
            await session.close()
            self.review = None
        self.review_off = None
        self._warned_unsaved = False
        self._comparisons, self._computing, self._analyses = {}, {}, {}
        self._story = None
        self.entries = [entry_of(n, article) for n, article in enumerate(articles)]
        self.load_errors = []
        self.loaded.set()
        await self.open_review()
        return True

    async def open_review(self) -> None:
        """Open the review database and resume the loaded articles' session if it has one,
        off the event loop (a new session is made by the first verdict, note or link).

        A database that cannot be used keeps the reviews in a scratch one until
        the reader closes, with a warning; the screens already open then show
        the session's reviews.
        """
        from newsdiff.review.store import StoreError
        from newsdiff.tui.screens.reviewing import ReviewScreen
        from newsdiff.tui.session import ReviewSession

        if not self.entries:
            return
        try:
            self.review = await ReviewSession.open(self.db_path,
                                                   [e.article for e in self.entries])
        except (StoreError, OSError) as e:
            self.review_off = f"Reviewing is off: {e}"
            self.notify(visible(self.review_off), severity="error", timeout=10, markup=False)
            return
        if self.review.problem:
            self.notify(visible(f"{self.review.problem}. Verdicts last until you quit."),
                        title="Reviews are not saved", severity="warning", timeout=10,
                        markup=False)
        for screen in self.screen_stack:
            # A screen pushed but not mounted yet finds the session when it mounts.
            if isinstance(screen, ReviewScreen) and screen.is_mounted and self.on_stack(screen):
                await screen.show_reviews()

    def on_stack(self, screen: Screen) -> bool:
        """Whether ``screen`` is still open: on the stack of an app still running.

        What a screen's worker asks after each wait (a comparison, the store)
        before it touches the screen's widgets: Textual removes a leaving
        screen's widgets first and cancels the screen's workers only after, so
        a worker that wakes in between would find none and crash the reader.
        """
        return self.is_running and screen in self.screen_stack

    # -- saving ---------------------------------------------------------------------------

    def save_failed(self, error: StoreError) -> None:
        """A change the store did not take (the session keeps it): say why, keep saying so
        on the review screens, and try again every :data:`RETRY_SAVES_S` until it is saved.

        Said once per failure, not once per change: while the store fails, the
        changes made meanwhile only join those waiting.
        """
        if not self._retrying:
            self._retrying = True
            self.notify(visible(f"{error}. Kept, and tried again every {RETRY_SAVES_S:g} s."),
                        title="Not saved", severity="error", timeout=15, markup=False)
            self.retry_saves()
        self.show_save_state()

    @work(group="save-retry")
    async def retry_saves(self) -> None:
        """Try the waiting changes again, every :data:`RETRY_SAVES_S`, until all are saved.

        :attr:`_retrying` is cleared as the last change is saved, on the event
        loop with no pause between, so a failure just after starts a new round.
        """
        from newsdiff.review.store import StoreError

        session = self.review
        try:
            while session is not None and session.unsaved:
                await asyncio.sleep(RETRY_SAVES_S)
                count = len(session.unsaved)
                try:
                    await session.flush()
                except StoreError:
                    self.show_save_state()
                    continue
                self._warned_unsaved = False
                self.notify(f"Saved: the {counted(count, 'change')} kept meanwhile.",
                            title="Saved", timeout=6, markup=False)
                self.show_save_state()
        finally:
            self._retrying = False

    def show_save_state(self) -> None:
        """Bring every open review screen's save bar up to date."""
        from newsdiff.tui.screens.reviewing import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and screen.is_mounted and self.on_stack(screen):
                screen.show_save_state()

    async def action_quit(self) -> None:
        """Quit, unless changes wait to be saved: a save under way is waited for, and
        changes the store fails are said, and left behind only at the next asking (the
        reviewer decides; the retries go on meanwhile)."""
        from newsdiff.review.store import StoreError

        session = self.review
        if session is not None and session.unsaved and not self._warned_unsaved:
            if session.save_error is None:
                with suppress(StoreError):
                    await session.flush()
            if session.unsaved:
                count = len(session.unsaved)
                self._warned_unsaved = True
                self.notify(visible(f"{counted(count, 'change')} not saved "
                                    f"({session.save_error}). Quit again to leave "
                                    f"{'them' if count != 1 else 'it'} unsaved."),
                            title="Not saved", severity="error", timeout=15, markup=False)
                return
        self.exit()

    async def on_unmount(self) -> None:
        if self.review is not None:
            await self.review.close()

    async def comparison(self, i: int, j: int) -> Comparison:
        """Article ``i`` compared with article ``j``, computed off the event loop once per pair.

        ``(j, i)`` is the mirror of ``(i, j)`` and is never computed again; a pair
        already being computed (for the library's similarity column, say) is
        waited for, not started twice.  Cancelling one waiter does not cancel
        the computation the others wait for.
        """
        if (done := self.cached(i, j)) is not None:
            return done
        key = (min(i, j), max(i, j))
        task = self._computing.get(key)
        if task is None:
            task = self._computing[key] = asyncio.create_task(asyncio.to_thread(
                lambda: compare(self.analysis(key[0]), self.analysis(key[1]))))
            task.add_done_callback(lambda _: self._computing.pop(key, None))
        forward = await asyncio.shield(task)
        self._store(*key, forward)
        return self._store(i, j, forward if (i, j) == key else forward.swapped())

    def _store(self, i: int, j: int, c: Comparison) -> Comparison:
        return self._comparisons.setdefault((i, j), c)

    def cached(self, i: int, j: int) -> Comparison | None:
        """The comparison of ``i`` with ``j`` if it (or its mirror) is done, else ``None``."""
        if (i, j) not in self._comparisons and (j, i) in self._comparisons:
            self._store(i, j, self._comparisons[(j, i)].swapped())
        return self._comparisons.get((i, j))

    async def story(self) -> Story:
        """Every article compared at once, computed off the event loop the first time it is
        asked for.  Later and concurrent askers share that one computation, and cancelling
        one (leaving the story screen while it runs) does not cancel it for the others."""
        if self._story is None:
            self._story = asyncio.create_task(asyncio.to_thread(
                lambda: compare_story([self.analysis(n) for n in range(len(self.entries))])))
        return await asyncio.shield(self._story)

    def analysis(self, index: int) -> ArticleAnalysis:
        """Article ``index``'s analysis, made on first use (in the worker thread that needs
        it, where the engine is imported) and reused by every later comparison."""
        with self._analyses_lock:
            if index not in self._analyses:
                from newsdiff.engine.annotate import annotate

                self._analyses[index] = annotate(self.entries[index].article)
            return self._analyses[index]

    def cached_story(self) -> Story | None:
        """The story if it is computed, else ``None``."""
        done = self._story is not None and self._story.done() and not self._story.exception()
        return self._story.result() if done else None

    def action_help(self) -> None:
        from newsdiff.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save the screen as SVG in a folder that exists, and say where (or why not)."""
        from newsdiff.tui.screenshot import save_screenshot

        save_screenshot(self, filename, path)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (its Screenshot saving as :meth:`action_screenshot` does), then
        every binding of the current screen and the app."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                # After a moment, as Textual's does: the palette closes first, off the picture.
                command = SystemCommand(
                    "Screenshot", "Save an SVG picture of the screen (in the current folder)",
                    lambda: self.set_timer(0.1, self.action_screenshot))
            yield command
        seen: set[str] = set()
        for owner, binding in bindings_of(screen, self):
            if binding.action in seen or not binding.description or binding.id == "theme":
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key
            # The palette reads both as markup, and the keys may come from the config file.
            yield SystemCommand(escape(binding.description), escape(f"key: {key}"),
                                partial(owner.run_action, binding.action))


def known_binding_ids() -> set[str]:
    """Every binding id of the app, its screens and its widgets: the names ``[keys]`` accepts.

    It imports every screen's and widget's module, so it lives here, above them all, and
    runs only when the config file has ``[keys]`` to check.
    """
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    import newsdiff.tui.screens
    import newsdiff.tui.widgets

    classes: list[type] = [NewsdiffApp]
    for package in (newsdiff.tui.screens, newsdiff.tui.widgets):
        modules = [package] + [importlib.import_module(f"{package.__name__}.{m.name}")
                               for m in pkgutil.iter_modules(package.__path__)]
        for module in modules:
            classes += [c for c in vars(module).values()
                        if isinstance(c, type) and issubclass(c, DOMNode)
                        and c.__module__ == module.__name__]
    return {b.id for cls in classes for b in vars(cls).get("BINDINGS", [])
            if isinstance(b, Binding) and b.id}
