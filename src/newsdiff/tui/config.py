"""The reader's settings: ``config.toml`` in the platform's config folder.

```toml
theme = "nord"            # any Textual theme name (ctrl+t or the command palette picks one)

[keys]                    # binding id = key(s), comma-separated for several
help = "h,f1"
```

The file is read once at start-up.  A file that cannot be read or parsed, or a
setting of the wrong type, costs one warning line and falls back to the
default; it never stops the reader.  Only the theme is ever written back, by
:func:`save_theme`, which rewrites that one line (comments and every other
setting kept) and replaces the file atomically.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

#: Environment variable naming the config file instead of the platform's default.
ENV_VAR = "NEWSDIFF_CONFIG"

_THEME_LINE = re.compile(r"^\s*theme\s*=")
_TABLE_LINE = re.compile(r"^\s*\[")


def config_path() -> Path:
    """``$NEWSDIFF_CONFIG`` if set, else ``config.toml`` in the platform's config folder."""
    if override := os.environ.get(ENV_VAR):
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsdiff", appauthor=False)) / "config.toml"


@dataclass(slots=True)
class Config:
    """What the file says (defaults where it says nothing), and what was wrong with it."""

    path: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    #: One line per problem found; the app shows them as warnings.
    warnings: list[str] = field(default_factory=list)
    #: False when the file exists but could not be parsed: it is then never written to.
    writable: bool = True


def load_config(path: Path | None = None) -> Config:
    """The settings in ``path`` (default :func:`config_path`); a missing file is no error."""
    path = config_path() if path is None else path
    cfg = Config(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return cfg
    except OSError as e:
        cfg.writable = False
        cfg.warnings.append(f"Could not read {path}: {e.strerror or e}; using defaults.")
        return cfg
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        cfg.writable = False
        cfg.warnings.append(f"{path} is not valid TOML ({e}); using defaults.")
        return cfg

    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme.strip():
            cfg.theme = theme.strip()
        else:
            cfg.warnings.append(f"{path}: theme must be a theme name in quotes; ignored.")
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        cfg.warnings.append(f"{path}: [keys] must be a table; ignored.")
        keys = {}
    bad = []
    for name, value in keys.items():
        if isinstance(value, str) and value.strip():
            cfg.keys[name] = ",".join(k.strip() for k in value.split(",") if k.strip())
        else:
            bad.append(name)
    if bad:
        cfg.warnings.append(f"{path}: keys.{', keys.'.join(bad)} must be a key name in quotes; "
                            "ignored.")
    return cfg


def with_theme(text: str, theme: str) -> str:
    """``text`` (a TOML document) with its top-level ``theme`` set to ``theme``.

    The existing ``theme = …`` line above the first table is replaced; if there
    is none, one is put at the top.  Nothing else changes.
    """
    line = f"theme = {_toml_string(theme)}\n"
    lines = text.splitlines(keepends=True)
    for n, old in enumerate(lines):
        if _TABLE_LINE.match(old):
            break
        if _THEME_LINE.match(old):
            lines[n] = line
            return "".join(lines)
    return line + "".join(lines)


def save_theme(path: Path, theme: str) -> None:
    """Remember ``theme`` in the file at ``path``, keeping everything else; atomic.

    Raises ``OSError`` if the file cannot be written and ``ValueError`` if the
    file is not valid TOML (it is left alone: a broken file is never overwritten).
    """
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    try:
        before = tomllib.loads(old)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{path} is not valid TOML; not changing it") from e
    new = with_theme(old, theme)
    after = tomllib.loads(new)
    if after.get("theme") != theme or {k: v for k, v in after.items() if k != "theme"} != {
            k: v for k, v in before.items() if k != "theme"}:
        raise ValueError(f"could not set the theme in {path} without changing other settings")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(new)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _toml_string(s: str) -> str:
    """``s`` as a TOML basic string."""
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in out)
    return f'"{out}"'
