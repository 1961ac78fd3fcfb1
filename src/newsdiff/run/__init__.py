"""Where the engine's bulk work runs: this process, or worker processes on this machine."""
