"""Files that ship inside the package: the sample story and the learned weights."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_dir(name: str) -> Path:
    """A data folder inside the installed package (works for editable installs too)."""
    return Path(str(resources.files("newsdiff").joinpath(name)))


def sample_story() -> list[Path]:
    """The bundled sample story's articles, in file-name order (the ``outlets.toml`` that
    names their outlets lies beside them, and is read with each article)."""
    return sorted(package_dir("seeds").glob("*.txt"))
