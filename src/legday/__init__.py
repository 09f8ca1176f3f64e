"""legday: evidence-based leg training. Kept to the version only so `legday --help` starts fast."""

__version__ = "0.1.0"
