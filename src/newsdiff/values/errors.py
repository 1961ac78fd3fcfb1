"""The one exception type that means "the user gave us something we cannot use".

The CLI turns it into a one-line message on stderr and exit code 2; anything
else escaping is a bug in newsdiff, not in the user's input.
"""


class InputError(Exception):
    """Bad input or usage: a missing, unreadable, binary or empty file, and so on."""
