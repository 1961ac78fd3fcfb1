"""The key bindings of a screen or the app as the help screen and the command palette list
them: whose they are, and with the keys the config file gave them.

The app and the help screen both list bindings; here, below both, neither has
to import the other.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding


def binding_classes(owner: object) -> list[type]:
    """The classes whose ``BINDINGS`` an owner has: its own, then the newsdiff base classes
    it inherits keys from (the review keys of
    :class:`~newsdiff.tui.screens.reviewing.ReviewScreen`)."""
    return [cls for cls in type(owner).__mro__
            if cls.__module__.startswith("newsdiff.") and "BINDINGS" in vars(cls)]


def bindings_of(*owners: object, declared_by: type | None = None) -> list[tuple[object, Binding]]:
    """Each owner's bindings (see :func:`binding_classes`; only ``declared_by``'s if given),
    as ``Binding`` objects.

    A binding the config file gives other keys shows those keys.
    """
    out: list[tuple[object, Binding]] = []
    for owner in owners:
        app = owner if isinstance(owner, App) else getattr(owner, "app", None)
        overrides: dict[str, str] = getattr(app, "key_overrides", {})
        classes = [declared_by] if declared_by is not None else binding_classes(owner)
        for b in (b for cls in classes for b in vars(cls).get("BINDINGS", [])):
            binding = b if isinstance(b, Binding) else Binding(*b)
            if binding.id in overrides:
                keys = overrides[binding.id]
                binding = binding.with_key(keys, key_display=keys)
            out.append((owner, binding))
    return out
