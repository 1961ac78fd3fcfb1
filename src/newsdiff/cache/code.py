"""Generated code compiled once and kept, as Python keeps the bytecode of modules.

For code generated at run time (the pair model's trees: 20 ms to compile on
every run otherwise).  Always on (``NEWSDIFF_NO_CACHE`` is about
comparisons): it cannot change a result, only how fast it comes.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
from types import CodeType

from newsdiff.cache.store import cache_dir, drop_entry, read_entry, write_entry


def compiled(source: str, name: str) -> CodeType:
    """``source`` compiled, from the cache after the first time.

    The file is named by ``name``, the interpreter's bytecode tag and a hash of
    ``source``; writing one removes the older files of that ``name``, so the
    folder holds one per interpreter.
    """
    tag = sys.implementation.cache_tag or "python"
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    folder = cache_dir() / "code"
    path = folder / f"{name}-{tag}-{digest}.marshal"
    data = read_entry(path)
    if data is not None:
        with contextlib.suppress(EOFError, ValueError, TypeError):
            code = marshal.loads(data)
            if isinstance(code, CodeType):
                return code
    code = compile(source, f"<{name}>", "exec")
    if write_entry(path, marshal.dumps(code)):
        for old in folder.glob(f"{name}-{tag}-*.marshal"):
            if old != path:
                drop_entry(old)
    return code
