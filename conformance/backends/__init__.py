"""Backend adapters shipped with the suite: the oracle itself and PyTorch.

Each framework is imported lazily, inside its adapter, so that loading a
backend never requires a framework that is not installed.
"""
