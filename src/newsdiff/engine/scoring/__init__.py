"""How likely two sentences state the same thing: the learned pair model and its features."""
