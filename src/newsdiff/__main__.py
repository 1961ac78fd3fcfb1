"""``python -m newsdiff`` runs the same command line as the ``newsdiff`` script."""

from newsdiff.cli import main

main()
