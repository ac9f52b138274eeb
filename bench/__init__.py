"""Benchmarks: the oracle against torch CPU and onnx.reference, reported as ratios."""
