"""Backend adapters shipped with the suite: the oracle itself, PyTorch (``torch/``), and
the library backends: ONNX Runtime and onnx.reference (``onnx/``), SciPy, OpenCV,
Pillow, jax, TensorFlow, and torch's decompositions and ``torch.compile``
(``torch_variants.py``).

Each framework is imported lazily, inside its adapter, so that loading a
backend never requires a framework that is not installed.
"""
