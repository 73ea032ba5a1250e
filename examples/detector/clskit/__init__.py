"""clskit: an image-classification codebase (MMPretrain's role), a sibling of detkit.

Its registries are children of the same minengine roots, with the scope ``"clskit"``. It has
names of its own that detkit also has (``ResNet``, ``CrossEntropyLoss``): siblings never see
each other's names unscoped, and ``"detkit.ResNet"`` reaches detkit's explicitly.
"""

__version__ = "0.1.0"
