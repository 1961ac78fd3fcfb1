"""The reader's screens, a module each: library, reader, compare, story, detail, help, and
the review keys (``reviewing``) and panels (``verdict``) compare and story share."""
