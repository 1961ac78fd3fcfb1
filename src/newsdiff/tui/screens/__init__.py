"""The reader's screens: library, reader, compare, detail, help."""
