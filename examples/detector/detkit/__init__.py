"""detkit: an object-detection codebase in the style of MMDetection, on minengine.

Its registries (``detkit.registry``) are children of minengine's roots with the scope
``"detkit"``; its models, datasets, transforms, hooks and metrics register into them when
their modules are imported, which each registry's ``locations`` arranges.
"""

__version__ = "0.1.0"
