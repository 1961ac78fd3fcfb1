"""The ``newsdiff`` command: read articles, compare them, print one view of the result.

Two files give the pairwise view; three or more, or a folder, the story view
(every outlet at once).  The comparison is the default command of a command
group (:class:`_ComparingGroup`): ``newsdiff read`` opens the reader and
``newsdiff review`` lists and exports review sessions, and ``newsdiff --help``
lists them beside the comparison's options.

Thin on purpose: parsing options, reading input and choosing a renderer; the
engine and the renderers do the work.  Everything heavy (Rich, the engine,
the renderers) is imported inside the command, so ``newsdiff --version`` and
the error paths start fast, and Textual is never imported here (nor the
review store and SQLite, except by the review commands).

The exit status is 0 on success and 2 on trouble; with ``--exit-code`` (as in
``git diff --exit-code``) a comparison that finds a divergence exits with 1
instead of 0 (see :func:`_diverged` for what counts).  Trouble is reported as
one line on stderr, never as a traceback or a boxed panel: bad input or usage,
a closed standard input or output, a full disk.  Output goes through
:func:`_print`, which escapes what the output's encoding cannot hold instead
of failing on it, and treats a reader that stops early (``newsdiff a b |
head``) as no trouble at all.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, NoReturn

import typer
from typer.core import TyperGroup

from newsdiff import __version__
from newsdiff.engine.scoring import chosen_scorer_name
from newsdiff.values import ALL_KINDS
from newsdiff.values.errors import InputError

if TYPE_CHECKING:
    from newsdiff.review.model import SessionInfo
    from newsdiff.review.store import ReviewStore
    from newsdiff.values import Article, Comparison, Story


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


#: Set (to anything) to see the traceback of an internal error instead of its one line.
TRACEBACK_VARIABLE = "NEWSDIFF_TRACEBACK"


class _OneLineMain:
    """Report usage and input errors as ``newsdiff: …`` on one line, with exit status 2.

    Typer's default draws a multi-line panel for usage errors, and an
    :class:`InputError` would otherwise escape as a traceback.  Wrapping ``main``
    (rather than the console-script function) means tests using Typer's
    ``CliRunner`` see exactly what users see.  Mixed into the command groups.

    An ``OSError`` that nothing turned into an InputError is the machine's
    trouble, not a bug to show a traceback for: ``--help`` written to a full
    disk, say.  It is one line too.

    Any other exception is a bug of newsdiff's: one line that names it and asks
    for a report, with status 2 like all trouble (1 is ``--exit-code``'s "they
    diverge"); the traceback before it, for the report, when ``NEWSDIFF_TRACEBACK``
    is set.
    """

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            chosen_scorer_name()  # a misspelt NEWSDIFF_SCORER fails here, not in the reader
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as e:  # usage errors (Typer's public base of them)
            _fail(e.format_message())
        except InputError as e:
            _fail(str(e))
        except OSError as e:
            _fail(_os_trouble(e))
        except typer.Abort:  # end of input at a prompt
            _fail("aborted")
        except Exception as e:  # noqa: BLE001  (every bug, on purpose: see the docstring)
            if os.environ.get(TRACEBACK_VARIABLE):
                traceback.print_exc()
            _fail(f"internal error ({type(e).__name__}: {e}); please report it, with "
                  f"the traceback that {TRACEBACK_VARIABLE}=1 shows")
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else 0)


class _OneLineGroup(_OneLineMain, TyperGroup):
    """A command group whose errors, its subcommands' included, are one line."""

    def parse_args(self, ctx, args):
        """No command at all is a usage error that names the commands (Click says only
        "Missing command.")."""
        if not args:
            ctx.fail(f"missing command: {' or '.join(self.commands)} "
                     f"(see '{ctx.command_path} --help')")
        return super().parse_args(ctx, args)


#: Where :meth:`_ComparingGroup.parse_args` sets a command's name and arguments aside
#: for :meth:`_ComparingGroup.invoke` (``Context.meta`` is Click's place for such notes).
_COMMAND = "newsdiff.command"


class _ComparingGroup(_OneLineMain, TyperGroup):
    """``newsdiff``: compares the files it is given, unless its first argument names a
    command (``newsdiff read …``, ``newsdiff review …``).

    The comparison is the group's own callback with the group's own parameters, so
    ``newsdiff --help`` shows the comparison's options and the commands on one page,
    and ``newsdiff A B`` needs no command name.  Only the first argument can name a
    command, as in git: ``newsdiff -f json read b.txt`` compares the files ``read``
    and ``b.txt``, and ``./read`` is the file anywhere.

    Click would hand every argument to the FILE arguments, the command's name
    included, so a command and its arguments are set aside before the group parses
    anything and run by :meth:`invoke` (which Click would otherwise find in a private
    attribute of the context).
    """

    # Parsed as the comparison's command line, not a group's: options may follow the files.
    allow_extra_args = False
    allow_interspersed_args = True

    def parse_args(self, ctx, args):
        if args and args[0] in self.commands:
            ctx.meta[_COMMAND] = args
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        command = ctx.meta.pop(_COMMAND, None)
        if command is None:  # the comparison (invoke_without_command: no command to run)
            return super().invoke(ctx)
        name, *args = command
        ctx.invoked_subcommand = name
        with ctx, self.commands[name].make_context(name, args, parent=ctx) as sub:
            return sub.command.invoke(sub)

    def get_params(self, ctx):
        """The comparison's parameters; asked for a command's context, only the options.

        Click names a command by its parents' arguments too (``Context.command_path``:
        ``newsdiff [FILE...] read``), but a command takes none of the files.
        """
        params = super().get_params(ctx)
        if ctx.command is self:
            return params
        return [p for p in params if p.param_type_name != "argument"]

    def collect_usage_pieces(self, ctx):
        """The comparison's usage, ``[OPTIONS] [FILE...]``: the commands' is a line of its
        own (:meth:`format_usage`), since they take none of these."""
        return [p for p in super().collect_usage_pieces(ctx) if p != self.subcommand_metavar]

    def format_usage(self, ctx, formatter):
        super().format_usage(ctx, formatter)
        formatter.write_usage(ctx.command_path, self.subcommand_metavar, prefix="   or: ")


def _fail(message: str) -> NoReturn:
    """Print ``newsdiff: message`` as one printable line on stderr and exit with status 2.

    File names and messages may hold control characters and line breaks: they are
    spelled out (a newline in a file name is part of the name), so the message is
    one line whatever it quotes.
    """
    from newsdiff.present.visible import visible_line

    _note(f"newsdiff: {visible_line(message).removeprefix('newsdiff: ')}")
    sys.exit(2)


def _note(line: str) -> None:
    """``line`` on stderr, if there is a stderr to write to.

    ``print(file=None)`` would write to stdout, into the output, when stderr is
    closed (``2>&-``); and a message that cannot be written is no reason for a
    traceback (stderr escapes what its encoding cannot hold by itself).
    """
    if sys.stderr is None:
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


app = typer.Typer(
    name="newsdiff",  # the usage lines' name, also where Click cannot know it (a test's runner)
    cls=_ComparingGroup,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,  # a bug report should not dump whole articles
)


def _print_version(value: bool) -> None:
    if value:
        _print(f"newsdiff {__version__}\n")
        raise typer.Exit()


#: The widths ``--width`` accepts (and the terminal's width is held to): narrower, the
#: columns have no room for a word; wider, a line is longer than any screen, and the
#: layout's memory grows with the width (10**8 columns took 3.4 GB before failing).
MIN_WIDTH, MAX_WIDTH = 20, 1000

#: ``--timeout``: the default is :data:`newsdiff.sources.url.DEADLINE` (not imported here:
#: it brings ``urllib.request``, which only web addresses need; a test holds them equal).
#: An hour is more than any page needs, and a bound keeps a typo from waiting for days.
DEFAULT_TIMEOUT, MAX_TIMEOUT = 30.0, 3600.0


def _parse_kinds(values: list[str] | None) -> list[str] | None:
    """``--only shared,divergent --only unique`` -> the named kinds, checked."""
    if not values:
        return None
    kinds = [k.strip().lower() for v in values for k in v.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in ALL_KINDS]
    if unknown or not kinds:
        raise typer.BadParameter(
            f"unknown kind {unknown[0]!r}" if unknown else "no kind given",
            param_hint="'--only'",
        )
    return kinds


def _check_timeout(value: float) -> float:
    """``--timeout`` above 0 and at most :data:`MAX_TIMEOUT` (``nan`` is neither)."""
    if not 0 < value <= MAX_TIMEOUT:
        raise typer.BadParameter(f"{value:g} is not in the range 0<x<={MAX_TIMEOUT:g}",
                                 param_hint="'--timeout'")
    return value


@app.callback(invoke_without_command=True)
def newsdiff(
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE...]",
        help=(
            "Two article files (plain text, Markdown or saved web pages) or http(s) "
            "addresses to compare; three or more, or a folder, for the story view. "
            "'-' reads standard input."
        ),
        show_default=False,
    )] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f",
        help=(
            "text for the terminal, json (the newsdiff.comparison/1 contract, or "
            "newsdiff.story/1 for a story) or markdown."
        ),
        rich_help_panel="Output",
    )] = Format.text,
    only: Annotated[list[str] | None, typer.Option(
        "--only", metavar="KIND[,KIND]",
        callback=_parse_kinds,
        help=(
            "Show only these kinds: shared, paraphrase, divergent, unique, boilerplate "
            "(comma-separated or repeated). Boilerplate is hidden unless named. "
            "With --format json only 'alignments' is filtered; the rest stays complete. "
            "In the story view it picks claims by kind (unique: one outlet's)."
        ),
        show_default=False,
        rich_help_panel="Filtering",
    )] = None,
    color: Annotated[ColorMode, typer.Option(
        "--color",
        help="Colour the text view: auto (a terminal and NO_COLOR unset), always or never.",
        rich_help_panel="Display",
    )] = ColorMode.auto,
    width: Annotated[int | None, typer.Option(
        "--width", min=MIN_WIDTH, max=MAX_WIDTH, metavar="N",
        help=(
            f"Lay out for N columns ({MIN_WIDTH} to {MAX_WIDTH}) instead of the terminal "
            "width; 120 or more is side by side."
        ),
        show_default=False,
        rich_help_panel="Display",
    )] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS",
        callback=_check_timeout,
        help=(
            "Give up on an http(s) address that is not fetched within SECONDS in all "
            f"(connecting, redirects and reading; above 0, at most {MAX_TIMEOUT:g}). "
            "Files and standard input are read whatever it takes."
        ),
        rich_help_panel="Input",
    )] = DEFAULT_TIMEOUT,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code",
        help=(
            "Exit with status 1 when the articles diverge, 0 when they do not (as git diff "
            "--exit-code): a pair of passages of kind divergent, or in the story view a "
            "divergence, whatever --only and --format show."
        ),
        rich_help_panel="Output",
    )] = False,
    outlets: Annotated[list[str] | None, typer.Option(
        "--outlet", metavar="NAME",
        help=(
            "The outlet of a FILE, over anything the article or an outlets.toml says: one "
            "--outlet per FILE, in the order of the files."
        ),
        show_default=False,
        rich_help_panel="Input",
    )] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache",
        help="Compute afresh; neither read nor write the comparison cache.",
        rich_help_panel="Output",
    )] = False,
    version: Annotated[bool, typer.Option(
        "--version",
        callback=_print_version, is_eager=True,
        help="Print the version and exit.",
    )] = False,
) -> None:
    """Compare news articles about the same story, passage by passage.

    Shows where the outlets share wording, paraphrase the same fact, or diverge
    on a checkable detail, and what each one has alone.  Three or more files,
    or a folder, give the story view: every claim against every outlet, the
    quotes and the divergences.  With no file, opens the reader on the bundled
    sample story (when not run in a terminal, it compares the story's first
    two articles instead).

    Exit status: 0 if the comparison was printed (or its reader stopped
    reading it); with --exit-code, 1 instead when the articles diverge; 2 on
    bad input or usage, or when the output cannot be written; 130 when
    interrupted (Ctrl-C); 143 when terminated (SIGTERM).
    """
    names = _outlet_names(outlets, files or [])
    if not files and _interactive():
        _open_reader()
        return
    paths, is_story = _input_paths(files or [])
    story_kinds = _story_kinds(only) if is_story else None
    if sys.stdout is None:
        _closed_stdout()  # before the work: nothing could show its result
    with _interruptible():
        given = names or [None] * len(paths)
        articles = [_load(p, timeout, outlet) for p, outlet in zip(paths, given, strict=True)]
        # The engines load their model: imported (by the cache, on a miss) only for good input.
        from newsdiff.engine.cached import cached_compare, cached_compare_story

        if story_kinds is not None:
            result = cached_compare_story(articles, use_cache=not no_cache)
            _print(_render_story(result, fmt, story_kinds, color, width), json=fmt is Format.json)
        else:
            result = cached_compare(*articles, use_cache=not no_cache)
            _print(_render(result, fmt, only, color, width), json=fmt is Format.json)
    if exit_code and _diverged(result):
        raise typer.Exit(1)


def _diverged(result: Comparison | Story) -> bool:
    """What ``--exit-code`` answers: whether the comparison found the articles to diverge.

    A pair diverges when one of its alignments is of kind ``divergent`` (a checkable
    detail that differs), a story when it lists a divergence.  Asked of the whole
    result, not of what ``--only`` shows, so that a script asks without reading the
    output, whatever its format.
    """
    from newsdiff.values import Comparison

    if isinstance(result, Comparison):
        return any(al.kind == "divergent" for al in result.alignments)
    return bool(result.divergences)


def _outlet_names(names: list[str] | None, files: list[str]) -> list[str] | None:
    """Each FILE's outlet as ``--outlet`` names it (``None`` without the option: each
    article's own, or a guess), or a usage error when the names are not one per FILE.

    A folder's articles take theirs from an ``outlets.toml`` beside them instead: one
    name for a whole folder would make every outlet the same.
    """
    if not names:
        return None
    from newsdiff.present.words import counted

    if len(names) != len(files):
        raise typer.BadParameter(
            f"{len(names)} given for {counted(len(files), 'FILE argument')}; "
            "give one per FILE, in order", param_hint="'--outlet'")
    folder = next(filter(_is_folder, files), None)
    if folder is not None:
        raise typer.BadParameter(
            f"'{folder}' is a folder; name its files' outlets in an outlets.toml inside it",
            param_hint="'--outlet'")
    return list(names)


@contextmanager
def _interruptible() -> Iterator[None]:
    """The work of a comparison, so that Ctrl-C ends it as one line, ``newsdiff: interrupted``,
    and exit status 130 (128 + SIGINT, as a shell reports it), and SIGTERM with 143; the
    worker processes are stopped either way (:func:`newsdiff.run.processes.interruptible`).

    Caught here, in the command: Typer would turn the interrupt into status 130 without a
    word, and Click would print an empty line first.  (Should the interrupt have passed
    through an ``exec`` of source text, as when it lands while dataclasses are being made,
    CPython 3.11 ends the program by SIGINT after its orderly exit instead: 130 to a shell
    all the same.)  Once caught, the program is leaving, and Ctrl-C is ignored: a second
    one (pressed again, or one held back while workers were starting and answered late)
    would otherwise escape as a traceback on the way out.
    """
    import signal

    from newsdiff.run.processes import interruptible

    try:
        with interruptible():
            yield
    except KeyboardInterrupt:
        if threading.current_thread() is threading.main_thread():  # (where handlers are set)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        _note("newsdiff: interrupted")
        sys.exit(130)


def _interactive() -> bool:
    """Whether a person sits at a terminal (the reader needs one for input and output)."""
    return not _not_terminals()


def _not_terminals() -> list[str]:
    """Which of standard ``input`` and ``output`` are not a terminal."""
    return [name for name, stream in (("input", sys.stdin), ("output", sys.stdout))
            if not _is_terminal(stream)]


def _is_terminal(stream) -> bool:
    """Whether ``stream`` is a terminal; a closed one (``None``, as ``<&-`` leaves it) is not."""
    return stream is not None and stream.isatty()


def _load(path: str, timeout: float, outlet: str | None) -> Article:
    """The article at ``path`` (an address: fetched within ``timeout`` seconds in all), or
    read from standard input for ``-``; ``outlet``, when given, is its outlet.

    Standard input may be closed (``newsdiff - a.txt <&-``) or open only for
    writing (``0>/dev/null``: reading it fails with EBADF); either is an
    InputError naming it, as a file's trouble is.
    """
    from newsdiff.sources import load_article

    if path != "-":
        return load_article(path, deadline=timeout, outlet=outlet)
    from newsdiff.sources.files import STDIN_NAME

    try:
        return load_article(path, _stdin(), outlet=outlet)
    except OSError as e:
        reason = (e.strerror or str(e)).lower()
        raise InputError(f"cannot read '{STDIN_NAME}': {reason}") from e


def _stdin() -> BinaryIO:
    """Standard input's bytes; an OSError (EBADF) when it is closed."""
    if sys.stdin is not None:
        try:
            return typer.get_binary_stream("stdin")
        except RuntimeError:  # a replaced sys.stdin without bytes underneath
            pass
    raise OSError(errno.EBADF, "standard input is closed")


def _print(text: str, *, json: bool = False) -> None:
    """``text`` on standard output; when it cannot be written, one line and exit status 2.

    A character the output's encoding lacks (``PYTHONIOENCODING=ascii``, a Latin-1
    terminal) is written as an escape instead of stopping the program: ``\\xe9``
    in text and Markdown, and in JSON (``json``) ``\\u00e9``, the same JSON value.
    Everything is written and flushed here, so a full disk or a descriptor that
    cannot be written is reported now, as one line, not at exit as a traceback.  A
    reader that stops early (``| head``) is no trouble: ``head`` has what it asked
    for, so newsdiff stops quietly with status 0.
    """
    stream = sys.stdout
    if stream is None:
        _closed_stdout()
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if json:
        from newsdiff.render.json_out import JSON_ERRORS as errors
    else:
        errors = "backslashreplace"
    text = text.encode(encoding, errors).decode(encoding)
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as e:
        _discard_stdout()
        _fail(f"cannot write to standard output: {(e.strerror or str(e)).lower()}")


def _os_trouble(e: OSError) -> str:
    """What went wrong, for an ``OSError`` no part of newsdiff expected: when standard
    output cannot take what is left to write, that is what it was (and what is left is
    dropped, see :func:`_discard_stdout`)."""
    reason = (e.strerror or str(e)).lower()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        _discard_stdout()
        return f"cannot write to standard output: {reason}"
    return f"{reason}: '{e.filename}'" if e.filename else reason


def _closed_stdout() -> NoReturn:
    _fail("cannot write to standard output: it is closed")


def _discard_stdout() -> None:
    """Point standard output at the null device once writing to it failed.

    Python flushes stdout again at exit; on a closed pipe or a full disk that
    flush fails too, prints "Exception ignored" and sets exit status 120.  What
    is left in the buffer goes nowhere instead.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no descriptor underneath (a test's stream): nothing to do
        pass


def _open_reader(paths: list[str] | None = None, db_path: Path | None = None,
                 corpus: Path | None = None) -> None:
    """Open the Textual reader (no paths: the sample story); Textual is imported only here.

    ``db_path``: the review database (``None``: the default, see ``newsdiff review``);
    ``corpus``: a corpus run's output to list the stories of, instead of articles.
    """
    from newsdiff.cache.results import results_folder
    from newsdiff.tui.app import NewsdiffApp

    results_folder()  # its warning (a folder others may write) now: Textual takes stderr
    NewsdiffApp(paths or [], db_path=db_path, corpus=corpus).run()


#: ``--db PATH``, shared by ``newsdiff read`` and the review commands.
_DbOption = Annotated[Path | None, typer.Option(
    "--db", metavar="PATH", dir_okay=False,
    help=(
        "The review database: verdicts, notes and links are saved there as they are given. "
        "Default: $NEWSDIFF_DB, else reviews.sqlite3 in the user data folder."
    ),
    show_default=False,
)]


@app.command()
def read(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH...]",
        help="Article files, http(s) addresses, or folders: every article file inside, sorted. "
             "A newsdiff corpus output folder: its stories. None: the bundled sample story.",
        show_default=False,
    )] = None,
    db: _DbOption = None,
) -> None:
    """Open the reader on articles, folders or the sample story, or a corpus's stories.

    The reader shows the library of articles, each article, side-by-side
    comparisons and the story, and saves your review as you go. On the output
    folder of newsdiff corpus, it lists the stories first (sortable, filtered as
    you type); Enter opens one.

    Exit status: 0 when the reader is closed; 2 when a path does not exist, a
    folder holds no article files, or standard input or output is not a terminal.
    """
    from newsdiff.corpus import has_extra
    from newsdiff.corpus.schema import is_corpus_output
    from newsdiff.sources import is_url

    if paths and len(paths) == 1 and is_corpus_output(Path(paths[0])):
        if not has_extra():
            raise InputError(CORPUS_EXTRA)
        _refuse_without_terminals()
        _open_reader(db_path=db, corpus=Path(paths[0]))
        return
    files, _ = _articles(paths or [])
    missing = next((p for p in files if not is_url(p) and not Path(p).exists()), None)
    if missing is not None:
        raise InputError(f"cannot read '{missing}': no such file or folder")
    _refuse_without_terminals()
    _open_reader(files, db)


def _refuse_without_terminals() -> None:
    """Said before Textual is imported: it would take over the pipe or wait."""
    off = _not_terminals()
    if off:
        raise InputError(f"read needs a terminal, and standard {' and '.join(off)} "
                         f"{'is not one' if len(off) == 1 else 'are not terminals'}; "
                         "use 'newsdiff A B' for a one-shot comparison")


class CorpusFormat(str, Enum):
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"


#: What ``newsdiff corpus`` says when the corpus extra is not installed.
CORPUS_EXTRA = "newsdiff corpus needs the corpus extra: pip install 'newsdiff[corpus]'"


@app.command()
def corpus(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...",
        help="JSON Lines (.jsonl, .jsonl.gz; passim's fields), CSV, Parquet, WARC (.warc, "
             ".warc.gz) files, or folders of article files.",
        show_default=False,
    )],
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", file_okay=False,
        help="Where the tables go (made if missing). A run into a folder of the same run "
             "resumes it.",
        show_default=False,
    )],
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="RECORD=INPUT",
        help="Read a record field from another input field, e.g. --field text=body "
             "(fields: id, outlet, date, text, title, url; default: passim's names, "
             "outlet=series).",
        show_default=False,
    )] = None,
    window: Annotated[int | None, typer.Option(
        "--window", metavar="DAYS", min=0,
        help="Never put two articles more than DAYS apart in one story (when both are "
             "dated). Default: no window.",
        show_default=False,
    )] = None,
    table_format: Annotated[CorpusFormat, typer.Option(
        "--format", "-f", help="The tables' format.", case_sensitive=False,
    )] = CorpusFormat.parquet,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Run the work on the Dask cluster whose scheduler is at ADDRESS "
             "(tcp://host:8786). Default: this machine's cores.",
        show_default=False,
    )] = None,
) -> None:
    """Find the stories of a whole archive and compare each one.

    Reads every input as a stream, groups its articles into stories (reprints by
    MinHash, rewrites by their words), compares each story as the story view does,
    and writes the tables of schema newsdiff.corpus/1 to DIR: articles, stories,
    alignments, divergences, quotes and reuse, with the records it could not read in
    rejects.jsonl. A killed run resumes where it stopped when run again.

    Exit status: 0 when the tables are written (also when records were rejected); 2
    when an input cannot be read, DIR holds another run's output, or the corpus extra
    is not installed.
    """
    from newsdiff.corpus import has_extra

    if not has_extra():
        raise InputError(CORPUS_EXTRA)
    from newsdiff.corpus import pipeline
    from newsdiff.corpus.inputs import FieldMap
    from newsdiff.corpus.progress import progress_for
    from newsdiff.run import default_executor

    options = pipeline.Options(tuple(inputs), out, FieldMap.from_options(field or []), window,
                               table_format.value)
    if scheduler is None:
        executor = default_executor()
    else:
        from newsdiff.run.dask_cluster import DaskCluster

        executor = DaskCluster.connect(scheduler)
    try:
        with _interruptible(), progress_for(sys.stderr) as progress:
            summary = pipeline.run(options, executor, progress)
    finally:
        if scheduler is not None:
            executor.close()
    _print(pipeline.summary_lines(summary, options))


review_app = typer.Typer(
    cls=_OneLineGroup,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
    short_help="List and export the review sessions that the reader saves.",
    help=(
        "Review sessions: the verdicts, notes and manual links given in the reader "
        "(newsdiff read), saved per set of articles.\n\n"
        "Exit status: 0 on success (also when there is nothing to list or export), "
        "2 on an unknown session, a database that cannot be read, or bad usage."
    ),
)


app.add_typer(review_app, name="review")


@review_app.command("list")
def review_list(db: _DbOption = None) -> None:
    """List the review sessions, the most recently changed first."""
    path = _db_path(db)
    with _saved_store(path) as store:
        sessions = store.sessions() if store else []
    if not sessions:
        _print(f"No review sessions yet in {_visible_path(path)}; "
               "newsdiff read FILE... starts one as soon as you give a verdict.\n")
        return
    from newsdiff.review.listing import render_sessions

    terminal = _is_terminal(sys.stdout)
    _print(render_sessions(
        sessions, width=_terminal_width() if terminal else 200, terminal=terminal,
        color=_use_color(ColorMode.auto),
    ))


@review_app.command("export")
def review_export(
    session: Annotated[str | None, typer.Argument(
        metavar="[SESSION]",
        help="The session's id or a prefix of its key (see list). Default: the most recently "
             "changed.",
        show_default=False,
    )] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f",
        help="markdown, html (one self-contained file) or json (newsdiff.review/1).",
    )] = ReportFormat.markdown,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False,
        help="Write the report to FILE instead of standard output.",
        show_default=False,
    )] = None,
    db: _DbOption = None,
) -> None:
    """Write a session's report: its articles, each reviewed passage (both sides, kind, word
    diff, verdict, note) in reading order, and the manual links."""
    from newsdiff.review.export import render_report
    from newsdiff.review.report import build_report

    path = _db_path(db)
    with _saved_store(path) as store:
        info = _export_session(store, session, path)
        if info is None:
            _note(f"newsdiff: no review sessions yet in {_visible_path(path)}; nothing to export")
            return
        report = build_report(info, store.reviews(info.id), store.links(info.id))
    if report.empty:
        _note(f"newsdiff: session {info.id} has no verdicts, notes or links yet; "
              "nothing to export")
        return
    _write(render_report(report, fmt.value), output, json=fmt is ReportFormat.json)


def _db_path(db: Path | None) -> Path:
    from newsdiff.review.store import default_db_path

    return db.expanduser() if db else default_db_path()


def _visible_path(path: Path) -> str:
    """A path as printed to a terminal: control characters and line breaks spelled out."""
    from newsdiff.present.visible import visible_line

    return visible_line(str(path))


@contextmanager
def _saved_store(path: Path) -> Iterator[ReviewStore | None]:
    """The review store at ``path``, or ``None`` when there is no file yet: listing and
    exporting read, so they never create a database."""
    if not path.exists():
        yield None
        return
    from newsdiff.review.store import ReviewStore

    with ReviewStore(path) as store:
        yield store


def _export_session(
    store: ReviewStore | None, ref: str | None, path: Path
) -> SessionInfo | None:
    """The session named by ``ref``, else the most recently changed one (said on stderr),
    else ``None`` when there is none; an unknown ``ref`` is an error."""
    from newsdiff.review.store import UnknownSession

    if ref is not None:
        if store is None:
            raise UnknownSession(f"no review session {ref!r}: {path} does not exist")
        return store.session(ref)
    sessions = store.sessions() if store else []
    if not sessions:
        return None
    from newsdiff.review.listing import articles_summary

    info = sessions[0]
    _note(f"newsdiff: exporting session {info.id} ({articles_summary(info)}), the most recently "
          "changed; name another as SESSION")
    return info


def _write(text: str, output: Path | None, *, json: bool = False) -> None:
    """``text`` to ``output`` (UTF-8), or to standard output (see :func:`_print`)."""
    if output is None:
        _print(text, json=json)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write '{output}': {e.strerror or e}") from e


def _input_paths(files: list[str]) -> tuple[list[str], bool]:
    """The inputs to compare and whether they make a story, or an InputError saying why not.

    A story is three or more files, or any folder (its article files, as the
    reader reads a folder); files keep the names they were given.
    """
    if not files:
        from newsdiff.resources import sample_story

        _note("newsdiff: not a terminal, so no reader; "
              "comparing the first two articles of the sample story")
        return [str(p) for p in sample_story()[:2]], False
    if files.count("-") > 1:
        raise InputError("standard input ('-') can be read only once")
    paths, folders = _articles(files)
    if len(paths) < 2:
        found = f"'{folders[0]}' holds one article; " if folders else ""
        raise InputError(f"{found}need two files to compare, or three or more (or a folder) "
                         "for the story view ('-' reads standard input)")
    return paths, bool(folders) or len(paths) > 2


def _articles(files: list[str]) -> tuple[list[str], list[str]]:
    """The files named, each folder replaced by its article files (none is an InputError,
    :func:`_folder_articles`), and the folders among them: the comparison and the
    reader read a folder by one rule, and refuse an empty one with one message."""
    folders = [f for f in files if _is_folder(f)]
    return [p for f in files for p in (_folder_articles(f) if f in folders else [f])], folders


def _is_folder(file: str) -> bool:
    """Whether a FILE argument names a folder (``-`` is standard input, whatever is here)."""
    return file != "-" and os.path.isdir(file)


def _folder_articles(folder: str) -> list[str]:
    """The article files of a folder named on the command line; none is an InputError."""
    from pathlib import Path

    from newsdiff.sources import folder_articles
    from newsdiff.sources.formats import article_suffixes

    found = [str(p) for p in folder_articles(Path(folder))]
    if not found:
        kinds = ", ".join(sorted(article_suffixes()))
        raise InputError(f"cannot read '{folder}': a directory with no article files ({kinds})")
    return found


def _story_kinds(only: list[str] | None) -> Sequence[str]:
    """What ``--only`` picks in the story view: claims by kind; it has no boilerplate."""
    from newsdiff.present.story import STORY_KINDS

    if only and "boilerplate" in only:
        raise typer.BadParameter(
            "the story view compares story sentences only, so it shows no boilerplate; "
            f"kinds: {', '.join(STORY_KINDS)}",
            param_hint="'--only'",
        )
    return only or STORY_KINDS


def _render(
    c: Comparison, fmt: Format, only: list[str] | None, color: ColorMode, width: int | None
) -> str:
    """The comparison in the chosen format; ``--only`` filters as its help says."""
    if fmt is Format.json:
        from newsdiff.render.json_out import render_json

        return render_json(c, kinds=only or ALL_KINDS)
    from newsdiff.present.passages import DEFAULT_KINDS

    kinds = only or DEFAULT_KINDS
    if fmt is Format.markdown:
        from newsdiff.render.markdown import render_markdown

        return render_markdown(c, kinds=kinds)
    from newsdiff.render.text import render_text

    return render_text(
        c, kinds=kinds, width=width or _terminal_width(), color=_use_color(color)
    )


def _render_story(
    story: Story, fmt: Format, kinds: Sequence[str], color: ColorMode, width: int | None
) -> str:
    """The story in the chosen format, its claims picked by ``kinds`` in every format."""
    if fmt is Format.json:
        from newsdiff.render.story_json import render_story_json

        return render_story_json(story, kinds=kinds)
    if fmt is Format.markdown:
        from newsdiff.render.story_markdown import render_story_markdown

        return render_story_markdown(story, kinds=kinds)
    from newsdiff.render.story_text import render_story_text

    return render_story_text(
        story, kinds=kinds, width=width or _terminal_width(), color=_use_color(color)
    )


def _use_color(mode: ColorMode) -> bool:
    """``auto`` colours only a real terminal, and honours https://no-color.org."""
    if mode is not ColorMode.auto:
        return mode is ColorMode.always
    return (
        _is_terminal(sys.stdout)
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def _terminal_width() -> int:
    """The terminal's width (or ``$COLUMNS``), held to what ``--width`` accepts."""
    import shutil

    return min(max(shutil.get_terminal_size().columns, MIN_WIDTH), MAX_WIDTH)


def main() -> None:
    """Console-script entry point (``newsdiff``) and ``python -m newsdiff``: the command
    group, which compares unless the first argument names a command (see
    :class:`_ComparingGroup`)."""
    from newsdiff.run.processes import main_module_is_safe

    main_module_is_safe()  # the entry script guards its call to main()
    app(prog_name="newsdiff")
