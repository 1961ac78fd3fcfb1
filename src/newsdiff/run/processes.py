"""The engine's bulk steps spread over this machine's cores, in worker processes.

Workers cost something to start (a fresh interpreter that imports the
engine and loads its model, about 0.2 s), so small inputs, which are the
usual ones, stay in this process: a step is spread only when it is worth
:data:`MIN_SPREAD_SECONDS` of one core's work (five times a worker's start,
so the chunks' round trips are paid for too), and a step is run aside only
when it is worth :data:`MIN_ASIDE_SECONDS`.  Processes, not threads: threads
would share one interpreter lock.  The pool is started on first use and
reused by later steps (the reader compares pair after pair).

How workers start: by ``fork`` on Linux when this process has no other
thread (the command line; a script): a forked worker starts at once, with
the engine and its model already loaded.  A process with threads (the
reader runs comparisons in a thread) must not fork: a lock some other thread
held would be copied held, and the worker could deadlock.  Its workers come
from a ``forkserver`` (``spawn`` where there is none), which re-runs the
program's main module in each worker, as Python's multiprocessing does for
those methods; a script without an ``if __name__ == "__main__"`` guard
would run again in every worker.  So that way is taken only when the
program says its main module is safe to re-run (:func:`main_module_is_safe`:
newsdiff's own command, reader included) or ``NEWSDIFF_WORKERS`` is set;
otherwise such a process works alone.  Should the machine refuse processes
at all (no ``/dev/shm``, a sandbox), the step runs here instead: slower,
never wrong.

Workers belong to the program that started them.  They ignore Ctrl-C (a
terminal sends it to every process of the program, and the program answers
it), and they end when the program ends, however it ends, SIGKILL included
(:func:`_end_with_the_program`), rather than wait for work forever with the
program's output still open.  A program that Ctrl-C and SIGTERM should end
at once, workers included, runs its work in :func:`interruptible`
(newsdiff's command does).

``NEWSDIFF_WORKERS`` sets the number of workers (``1``: no workers).
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from newsdiff.run.compat import kill_workers

if TYPE_CHECKING:  # imported when first needed: 35 ms the one-shot path rarely needs
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess
    from types import FrameType

A = TypeVar("A")
T = TypeVar("T")
R = TypeVar("R")

ENV_VAR = "NEWSDIFF_WORKERS"
#: A step is spread over workers from this much work (seconds of one core).
MIN_SPREAD_SECONDS = 1.0
#: A step is run in a worker beside the caller's work from this much work.
MIN_ASIDE_SECONDS = 0.25
#: Chunks per worker: enough for the workers to finish together when chunks differ in cost.
CHUNKS_PER_WORKER = 4
#: Modules the fork server imports once, so that each worker starts with the engine loaded.
_PRELOAD = ["newsdiff.text.facts", "newsdiff.engine.scoring.model"]
#: Linux's ``prctl`` option that has a process sent a signal when its parent ends.
_PR_SET_PDEATHSIG = 1
#: The signals that interrupt the program (Ctrl-C, and SIGTERM under :func:`interruptible`).
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
#: How long a wait for workers lasts before the waiting thread looks for a signal to handle.
_WAKE_SECONDS = 0.25

#: Whether the main module may be re-run in workers (see :func:`main_module_is_safe`).
_main_is_safe = False


def main_module_is_safe() -> None:
    """Declare that the program's main module does nothing when imported by a worker
    (its work is under ``if __name__ == "__main__"``), so that workers may be started
    by a fork server even when this process has threads."""
    global _main_is_safe
    _main_is_safe = True


def workers() -> int:
    """How many worker processes to use: ``$NEWSDIFF_WORKERS``, else one per usable core."""
    if configured := os.environ.get(ENV_VAR, "").strip():
        try:
            return max(1, int(configured))
        except ValueError:
            pass
    return usable_cores()


def usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Pool:
    """A started pool of workers, and how many were asked for."""

    def __init__(self, count: int, executor: ProcessPoolExecutor) -> None:
        self.count = count
        self.executor = executor
        #: Whether its workers were stopped on purpose (:meth:`LocalProcesses.stop`).
        self.stopped = False


class LocalProcesses:
    """Worker processes on this machine, ``$NEWSDIFF_WORKERS`` of them (one per usable
    core by default), for the steps that are worth them; everything else here."""

    def __init__(self) -> None:
        #: The pool, once started.
        self._pool: _Pool | None = None
        #: Whether starting a pool failed here once: then every step runs in this process.
        self._refused = False
        self._lock = threading.Lock()
        atexit.register(self.shutdown)

    def spreads(self, items: int, per_second: int) -> bool:
        return self._pool_for(items >= 2 and items >= per_second * MIN_SPREAD_SECONDS) is not None

    def map_chunks(self, work: Callable[[list[T]], list[R]], items: Sequence[T],
                   per_second: int) -> list[R]:
        found = self._pool_for(len(items) >= 2 and len(items) >= per_second * MIN_SPREAD_SECONDS)
        if found is None:
            return work(list(items))
        size = -(-len(items) // (found.count * CHUNKS_PER_WORKER))
        chunks = [list(items[n : n + size]) for n in range(0, len(items), size)]
        results = self._started(found, work, chunks)()
        return [result for chunk in results for result in chunk]

    def aside(self, work: Callable[[A], R], arg: A, seconds: float) -> Callable[[], R]:
        found = self._pool_for(seconds >= MIN_ASIDE_SECONDS)
        if found is None:
            return lambda: work(arg)
        results = self._started(found, work, [arg])
        return lambda: results()[0]

    def stop(self) -> None:
        """Stop the workers at once, abandoning their work: the program is being interrupted
        or is ending (see :func:`interruptible`), and would otherwise wait for them to finish
        it.  A step waiting on them raises
        :class:`~concurrent.futures.process.BrokenProcessPool` rather than do the work here;
        a later step worth workers starts new ones."""
        if (found := self._pool) is not None:
            self._stop(found)

    def shutdown(self) -> None:
        """Stop the workers, if any: after a failure, and at exit (before Python takes apart
        the modules the pool's own clean-up needs)."""
        with self._lock:
            found, self._pool = self._pool, None
        if found is not None:
            found.executor.shutdown(wait=True, cancel_futures=True)

    def _started(self, found: _Pool, work: Callable[[A], R],
                 args: list[A]) -> Callable[[], list[R]]:
        """``work`` on each of ``args``, started now in ``found``'s workers; the returned
        function waits for the results, in the order of ``args``.

        Should a worker die (killed, out of memory), the work is done here instead: slower,
        never wrong; unless the workers were stopped on purpose (:meth:`stop`), and then
        waiting raises.  An interrupt stops the workers (:meth:`_stopped_if_interrupted`).
        """
        from concurrent.futures.process import BrokenProcessPool

        def here() -> list[R]:
            if found.stopped:
                raise BrokenProcessPool("the workers were stopped")
            self.shutdown()
            return [work(arg) for arg in args]

        try:
            with self._stopped_if_interrupted(found), _interrupts_held():
                futures = [found.executor.submit(work, arg) for arg in args]
        except BrokenProcessPool:  # a worker died since the pool's last step
            return here

        def results() -> list[R]:
            try:
                with self._stopped_if_interrupted(found):
                    return [_awaited(future) for future in futures]
            except BrokenProcessPool:
                return here()

        return results

    @contextmanager
    def _stopped_if_interrupted(self, found: _Pool) -> Iterator[None]:
        """Ctrl-C (``KeyboardInterrupt``), or an exit (``SystemExit``: SIGTERM's handler,
        see :func:`interruptible`), while ``found``'s workers start or work for a step: the
        workers are stopped at once (:meth:`_stop`) before the interrupt goes on."""
        try:
            yield
        except (KeyboardInterrupt, SystemExit):
            self._stop(found)
            raise

    def _stop(self, found: _Pool) -> None:
        """Stop ``found``'s workers at once (see :meth:`stop`), then wait for the pool's own
        thread to close it (it finds them gone), so that nothing of it is left to print later.

        Killed, not asked: a pool cannot end work under way (see :mod:`.compat`).
        """
        with self._lock:
            if self._pool is found:
                self._pool = None
        found.stopped = True
        kill_workers(found.executor)
        found.executor.shutdown(wait=True)

    def _pool_for(self, worth_it: bool) -> _Pool | None:
        """The pool, if spreading the work is ``worth_it``, there is more than one worker to
        spread it over, and workers can be had here."""
        count = workers()
        return self._executor(count) if worth_it and count > 1 else None

    def _executor(self, count: int) -> _Pool | None:
        """The pool of ``count`` workers, started on first use; ``None`` if workers cannot
        be started safely here (see :func:`_start_method`), or this machine refused them
        once (it is not asked again)."""
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._refused:
                return None
            if self._pool is None or self._pool.count != count:
                if self._pool is not None:
                    self._pool.executor.shutdown(wait=False)
                context = _start_method()
                if context is None:
                    return None
                quiet = _stderr_replaced()  # the reader's: its screen is the terminal
                try:
                    with _real_stderr():
                        pool = ProcessPoolExecutor(count, mp_context=context,
                                                   initializer=_worker_start, initargs=(quiet,))
                except (OSError, ValueError):  # no /dev/shm, no semaphores, a sandbox
                    self._refused = True
                    return None
                self._pool = _Pool(count, pool)
            return self._pool


_shared: LocalProcesses | None = None


def shared_local_processes() -> LocalProcesses:
    """The process's one :class:`LocalProcesses`, made on first use."""
    global _shared
    if _shared is None:
        _shared = LocalProcesses()
    return _shared


def _stderr_replaced() -> bool:
    """Whether ``sys.stderr`` is not the process's own (Textual replaces it while an app
    runs: the terminal is the app's screen)."""
    try:
        return sys.stderr is None or sys.stderr.fileno() < 0
    except (AttributeError, OSError, ValueError):
        return True


@contextmanager
def _real_stderr() -> Iterator[None]:
    """The process's own standard error while starting the pool.

    Multiprocessing hands its helper process the descriptor of ``sys.stderr``;
    the reader runs under Textual, which replaces ``sys.stderr`` with an object
    whose descriptor is -1, and starting the helper then fails.
    """
    if not _stderr_replaced() or sys.__stderr__ is None:
        yield
        return
    replaced, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = replaced


@contextmanager
def interruptible() -> Iterator[None]:
    """Run a program's work so that Ctrl-C and SIGTERM end it at once, its workers included
    (newsdiff's command runs in this).

    SIGTERM exits with status 143 (128 + SIGTERM, what a shell reports for a process the
    signal ended), by an exception, so that the exit is orderly (``finally`` blocks and
    ``atexit`` run); Ctrl-C raises ``KeyboardInterrupt`` as ever.  However the work ends
    other than by returning, the workers are stopped at once (:meth:`LocalProcesses.stop`)
    rather than left to finish work no one will read, and before Python's exit, whose own
    wait for them could race their pool's thread and print its traceback (Python 3.11).  No
    signal handler touches the pool: the main thread may be inside it when one runs.  A
    signal that comes while workers are being started is answered once they are
    (:func:`_interrupts_held`), and one is answered within a quarter of a second while the
    program waits for its workers (:func:`_awaited`).

    SIGTERM's handler is installed only from the main thread (where Python runs handlers)
    and over Python's default (a program that handles SIGTERM itself keeps its handling),
    and the default is put back after.
    """
    installed = (threading.current_thread() is threading.main_thread()
                 and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)
    if installed:
        signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    except BaseException:
        if _shared is not None:
            _shared.stop()
        raise
    finally:
        if installed:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _terminated(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (see :func:`interruptible`): an orderly exit with status 128 + SIGTERM."""
    raise SystemExit(128 + signum)


def _awaited(future: Future[R]) -> R:
    """``future``'s result, waited for a quarter of a second at a time.

    Python runs signal handlers in the main thread only, and a main thread that waits on a
    lock is woken only by a signal sent to it.  The kernel may hand a signal to another of
    the program's threads, and one can land just before the wait begins: waited for at
    once, Ctrl-C or SIGTERM would then be answered only when the workers finish.
    """
    from concurrent.futures import wait

    while not future.done():
        wait([future], timeout=_WAKE_SECONDS)
    return future.result()


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while this thread starts workers: one that comes
    meanwhile is answered once they are started.

    Started half-way, a worker would be left waiting for what it was about to be sent, or
    for the locks it was sent, which the program's exit removes (and it would print a
    traceback).  Held back twice: from the kernel, by this thread's signal mask, and from
    Python, which runs a handler in the main thread whichever thread the kernel hands the
    signal to (:func:`_handlers_put_off`).  The mask matters beyond this: a worker is born
    with its starter's mask, and handles these signals its own way only once its start has
    run (:func:`_worker_start`); and the pool's own threads, started here too, keep them
    held back for good, so that they reach the main thread, the one that answers them.  (A
    fork server started here is born with them held back too, and so are its workers.)
    """
    with _handlers_put_off():
        if not hasattr(signal, "pthread_sigmask"):  # Windows: spawned workers ignore masks
            yield
            return
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def _handlers_put_off() -> Iterator[None]:
    """The program's own handlers of Ctrl-C and SIGTERM (Python's ``KeyboardInterrupt``,
    :func:`interruptible`'s exit) put off meanwhile: a signal that comes is noted, and
    raised again once they are back.  Only the main thread runs handlers, so only there
    are they put off; the system's handling (``SIG_DFL``, ``SIG_IGN``) is left alone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        came.append(signum)

    own = {signum: handler for signum in _INTERRUPTS
           if callable(handler := signal.getsignal(signum))}
    for signum in own:
        signal.signal(signum, note)
    try:
        yield
    finally:
        for signum, handler in own.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(came):
            signal.raise_signal(signum)


def _worker_start(quiet: bool) -> None:
    """A worker's start (the pool's initializer).

    It ends with the program (:func:`_end_with_the_program`).  Ctrl-C is not for it: the
    terminal sends it to every process of the program, and the program answers it (a worker
    would print a traceback and break the pool).  A forked worker has the program's signal
    handlers, :func:`interruptible`'s among them: SIGTERM must simply end it.  Both were
    held back from it until now (:func:`_interrupts_held`).
    ``quiet``: the program's terminal is a screen (the reader), see :func:`_silence_stderr`.
    """
    _end_with_the_program()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)
    if quiet:
        _silence_stderr()


def _end_with_the_program() -> None:
    """Have this worker end when the program that started it does, however the program ends
    (SIGKILL included): else the worker would wait for work forever, holding the program's
    output open.

    Linux kills a process when its parent ends, if asked to (``PR_SET_PDEATHSIG``).  Asked
    only now, once the worker runs: the check after it finds a parent already gone.  Linux
    means the *thread* that started the worker, not its process: a worker started by fork
    is started by the program's main thread, which lives as long as the program (fork is
    used only from there, see :func:`_start_method`).  A worker started by spawn or by a
    fork server has another parent (a fork server ends only once its workers have: each
    holds a copy of the pipe whose closing tells it to).  Such a worker, and any where Linux
    cannot be asked, waits in a thread for the program's end (multiprocessing's sentinel of
    it, a pipe the program holds open) and exits then.
    """
    import multiprocessing

    program = multiprocessing.parent_process()
    if _killed_with_parent() and os.getppid() == program.pid:
        return
    threading.Thread(target=_exit_after, args=(program,), daemon=True).start()


def _exit_after(program: BaseProcess) -> None:
    """Wait for ``program`` to end, then end this process (a worker's thread)."""
    program.join()
    os._exit(1)


def _killed_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; whether it agreed."""
    if sys.platform != "linux":
        return False
    import ctypes

    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):  # no C library to be had, or one without prctl
        return False
    return prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL)) == 0


def _silence_stderr() -> None:
    """A worker's start when the program's terminal is a screen (the reader): its standard
    error goes nowhere, so that a library's warning cannot scribble over the screen.  A
    worker's exceptions still reach the program, which raises them."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _start_method() -> BaseContext | None:
    """How to start workers safely here, if at all (see the module docstring)."""
    import multiprocessing

    if (sys.platform == "linux" and threading.active_count() == 1
            and threading.current_thread() is threading.main_thread()):
        return multiprocessing.get_context("fork")
    if not (_main_is_safe or os.environ.get(ENV_VAR, "").strip()):
        return None
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
