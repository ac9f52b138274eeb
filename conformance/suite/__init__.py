"""The conformance suite: one pytest module per op chapter, run by ``conformance.runner``."""
